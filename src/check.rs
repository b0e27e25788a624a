//! `handbook check`: every check a build makes, and the checks of what the
//! other outputs need that a site does not (the images an e-book can show),
//! writing nothing. What only an e-book needs is a warning here: the site
//! builds, `handbook epub` refuses.

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::epub;
use crate::error::Error;
use crate::pipeline::book::Book;
use crate::pipeline::{BuildOptions, Site};

/// Checks the handbook in `source_dir`; the site built on the way, with
/// every warning, when nothing stops it.
pub fn check(source_dir: &Path, options: &BuildOptions) -> Result<Site, Error> {
    let book = Book::load(source_dir, options)?;
    let mut found: Diagnostics = epub::problems(&book)
        .into_iter()
        .map(|problem| problem.as_warning())
        .collect();
    if options.strict {
        found = found.strict();
    }
    let mut site = book.into_site();
    found.extend(site.warnings.0.drain(..));
    found.sort();
    if found.has_errors() {
        return Err(Error::Content(found));
    }
    site.warnings = found;
    Ok(site)
}
