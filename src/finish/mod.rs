//! Stage 5, **finish**: fingerprinted asset names, minified pages and
//! stylesheets, and the files made from the whole site (search index,
//! sitemap, robots.txt).

pub mod css;
pub mod fingerprint;
pub mod minify;
pub mod search;
pub mod sitemap;
