//! The EPUB container: a ZIP whose first entry is `mimetype`, stored
//! uncompressed and without extra fields, so that a reader knows the file by
//! its first bytes; every other file deflated. Entries carry no dates, so the
//! same book is the same bytes.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The container of `files` (path inside the book → bytes), in their order
/// after `mimetype`.
pub fn zip(files: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let size: usize = files.iter().map(|(_, bytes)| bytes.len()).sum();
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(size / 3 + 4096)));
    let options = SimpleFileOptions::default().last_modified_time(DateTime::default());
    writer.start_file(
        "mimetype",
        options.compression_method(CompressionMethod::Stored),
    )?;
    writer.write_all(b"application/epub+zip")?;
    let deflated = options.compression_method(CompressionMethod::Deflated);
    for (path, bytes) in files {
        writer.start_file(path.as_str(), deflated)?;
        writer.write_all(bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}
