//! Media types of the files in the book, and which images an EPUB may show.

/// The image types every EPUB reading system shows (EPUB 3.3's core media
/// types), by file extension. Any other image would need a fallback.
const IMAGES: &[(&str, &str)] = &[
    ("gif", "image/gif"),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("png", "image/png"),
    ("svg", "image/svg+xml"),
    ("webp", "image/webp"),
];

/// Image types that browsers show but an EPUB does not, by extension:
/// `handbook check` reports them when a chapter or the cover shows one.
const OTHER_IMAGES: &[&str] = &[
    "apng", "avif", "bmp", "heic", "heif", "ico", "jxl", "tif", "tiff",
];

/// The media type of an image a reading system shows, by its file name.
pub fn image_type(name: &str) -> Option<&'static str> {
    let extension = extension(name);
    IMAGES
        .iter()
        .find(|(known, _)| *known == extension)
        .map(|(_, media_type)| *media_type)
}

/// Whether `name` is an image in a format an EPUB may not hold.
pub fn is_unsupported_image(name: &str) -> bool {
    OTHER_IMAGES.contains(&extension(name).as_str())
}

/// The formats an EPUB shows, for messages.
pub fn supported_images() -> String {
    let mut names: Vec<String> = IMAGES.iter().map(|(e, _)| e.to_uppercase()).collect();
    names.dedup_by(|a, b| a == "JPG" && b == "JPEG");
    names.join(", ")
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_image_types_by_extension_in_any_case() {
        assert_eq!(image_type("team.JPG"), Some("image/jpeg"));
        assert_eq!(image_type("photos/logo.svg"), Some("image/svg+xml"));
        assert_eq!(image_type("scan.tiff"), None);
        assert!(is_unsupported_image("scan.TIFF"));
        assert!(is_unsupported_image("photo.avif"));
        assert!(!is_unsupported_image("logo.png"));
        assert!(!is_unsupported_image("form.pdf"));
        assert_eq!(supported_images(), "GIF, JPEG, PNG, SVG, WEBP");
    }
}
