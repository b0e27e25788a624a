//! Stage 6, **finish**: what makes drawn pages a site: the asset files under
//! fingerprinted names and how pages link them (`assets`), minified pages
//! and stylesheets, and the files made from the whole site (search index,
//! sitemap, robots.txt).

pub mod assets;
pub mod css;
pub mod fingerprint;
pub mod minify;
pub mod search;
pub mod sitemap;
