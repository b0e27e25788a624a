//! Stage 5, **finish**: fingerprinted asset names, and the files made from the
//! whole site (sitemap, robots.txt).

pub mod fingerprint;
pub mod sitemap;
