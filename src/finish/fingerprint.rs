//! Content-hashed file names (`style.1a2b3c4d5e6f.css`): a CDN may cache them
//! for a year, because any change makes a new name.

/// `img/logo.svg` + bytes → `img/logo.HASH.svg`.
pub fn fingerprinted_name(name: &str, bytes: &[u8]) -> String {
    let hash = xxhash_rust::xxh3::xxh3_64(bytes);
    let hash = format!("{hash:016x}");
    let hash = &hash[..12];
    let (dir, file) = match name.rsplit_once('/') {
        Some((dir, file)) => (format!("{dir}/"), file),
        None => (String::new(), name),
    };
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{dir}{stem}.{hash}.{ext}"),
        _ => format!("{dir}{file}.{hash}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_goes_before_the_extension_and_follows_the_content() {
        let a = fingerprinted_name("img/logo.svg", b"one");
        let b = fingerprinted_name("img/logo.svg", b"two");
        assert!(a.starts_with("img/logo.") && a.ends_with(".svg"), "{a}");
        assert_ne!(a, b);
        assert_eq!(a, fingerprinted_name("img/logo.svg", b"one"));
    }
}
