//! Language codes as a handbook writes them: in `language:` and
//! `languages:` of `handbook.yaml`, and as the `.LANG` of a translated
//! chapter's file name (`01-welcome.cy.md`) or settings (`handbook.cy.yaml`).
//!
//! A code is a BCP 47 tag whose first part is an ISO 639-1 code (or one of
//! the few three-letter codes listed); the direction a language is written
//! in is known from it, so editors never set it.

/// ISO 639-1 codes with their English names (for suggestions: an editor
/// who writes `welsh` is told `cy`), and the three-letter codes of
/// languages with no two-letter one that UK public bodies publish in.
const CODES: &[(&str, &str)] = &[
    ("aa", "afar"),
    ("ab", "abkhazian"),
    ("af", "afrikaans"),
    ("ak", "akan"),
    ("am", "amharic"),
    ("an", "aragonese"),
    ("ar", "arabic"),
    ("as", "assamese"),
    ("av", "avaric"),
    ("ay", "aymara"),
    ("az", "azerbaijani"),
    ("ba", "bashkir"),
    ("be", "belarusian"),
    ("bg", "bulgarian"),
    ("bi", "bislama"),
    ("bm", "bambara"),
    ("bn", "bengali"),
    ("bo", "tibetan"),
    ("br", "breton"),
    ("bs", "bosnian"),
    ("ca", "catalan"),
    ("ce", "chechen"),
    ("ch", "chamorro"),
    ("co", "corsican"),
    ("cr", "cree"),
    ("cs", "czech"),
    ("cu", "church slavonic"),
    ("cv", "chuvash"),
    ("cy", "welsh"),
    ("da", "danish"),
    ("de", "german"),
    ("dv", "dhivehi"),
    ("dz", "dzongkha"),
    ("ee", "ewe"),
    ("el", "greek"),
    ("en", "english"),
    ("eo", "esperanto"),
    ("es", "spanish"),
    ("et", "estonian"),
    ("eu", "basque"),
    ("fa", "persian"),
    ("ff", "fulah"),
    ("fi", "finnish"),
    ("fj", "fijian"),
    ("fo", "faroese"),
    ("fr", "french"),
    ("fy", "western frisian"),
    ("ga", "irish"),
    ("gd", "scottish gaelic"),
    ("gl", "galician"),
    ("gn", "guarani"),
    ("gu", "gujarati"),
    ("gv", "manx"),
    ("ha", "hausa"),
    ("he", "hebrew"),
    ("hi", "hindi"),
    ("ho", "hiri motu"),
    ("hr", "croatian"),
    ("ht", "haitian"),
    ("hu", "hungarian"),
    ("hy", "armenian"),
    ("hz", "herero"),
    ("ia", "interlingua"),
    ("id", "indonesian"),
    ("ie", "interlingue"),
    ("ig", "igbo"),
    ("ii", "sichuan yi"),
    ("ik", "inupiaq"),
    ("io", "ido"),
    ("is", "icelandic"),
    ("it", "italian"),
    ("iu", "inuktitut"),
    ("ja", "japanese"),
    ("jv", "javanese"),
    ("ka", "georgian"),
    ("kg", "kongo"),
    ("ki", "kikuyu"),
    ("kj", "kuanyama"),
    ("kk", "kazakh"),
    ("kl", "kalaallisut"),
    ("km", "khmer"),
    ("kn", "kannada"),
    ("ko", "korean"),
    ("kr", "kanuri"),
    ("ks", "kashmiri"),
    ("ku", "kurdish"),
    ("kv", "komi"),
    ("kw", "cornish"),
    ("ky", "kyrgyz"),
    ("la", "latin"),
    ("lb", "luxembourgish"),
    ("lg", "ganda"),
    ("li", "limburgish"),
    ("ln", "lingala"),
    ("lo", "lao"),
    ("lt", "lithuanian"),
    ("lu", "luba-katanga"),
    ("lv", "latvian"),
    ("mg", "malagasy"),
    ("mh", "marshallese"),
    ("mi", "maori"),
    ("mk", "macedonian"),
    ("ml", "malayalam"),
    ("mn", "mongolian"),
    ("mr", "marathi"),
    ("ms", "malay"),
    ("mt", "maltese"),
    ("my", "burmese"),
    ("na", "nauru"),
    ("nb", "norwegian bokmal"),
    ("nd", "north ndebele"),
    ("ne", "nepali"),
    ("ng", "ndonga"),
    ("nl", "dutch"),
    ("nn", "norwegian nynorsk"),
    ("no", "norwegian"),
    ("nr", "south ndebele"),
    ("nv", "navajo"),
    ("ny", "chichewa"),
    ("oc", "occitan"),
    ("oj", "ojibwa"),
    ("om", "oromo"),
    ("or", "oriya"),
    ("os", "ossetian"),
    ("pa", "punjabi"),
    ("pi", "pali"),
    ("pl", "polish"),
    ("ps", "pashto"),
    ("pt", "portuguese"),
    ("qu", "quechua"),
    ("rm", "romansh"),
    ("rn", "rundi"),
    ("ro", "romanian"),
    ("ru", "russian"),
    ("rw", "kinyarwanda"),
    ("sa", "sanskrit"),
    ("sc", "sardinian"),
    ("sd", "sindhi"),
    ("se", "northern sami"),
    ("sg", "sango"),
    ("si", "sinhala"),
    ("sk", "slovak"),
    ("sl", "slovenian"),
    ("sm", "samoan"),
    ("sn", "shona"),
    ("so", "somali"),
    ("sq", "albanian"),
    ("sr", "serbian"),
    ("ss", "swati"),
    ("st", "southern sotho"),
    ("su", "sundanese"),
    ("sv", "swedish"),
    ("sw", "swahili"),
    ("ta", "tamil"),
    ("te", "telugu"),
    ("tg", "tajik"),
    ("th", "thai"),
    ("ti", "tigrinya"),
    ("tk", "turkmen"),
    ("tl", "tagalog"),
    ("tn", "tswana"),
    ("to", "tonga"),
    ("tr", "turkish"),
    ("ts", "tsonga"),
    ("tt", "tatar"),
    ("tw", "twi"),
    ("ty", "tahitian"),
    ("ug", "uyghur"),
    ("uk", "ukrainian"),
    ("ur", "urdu"),
    ("uz", "uzbek"),
    ("ve", "venda"),
    ("vi", "vietnamese"),
    ("vo", "volapuk"),
    ("wa", "walloon"),
    ("wo", "wolof"),
    ("xh", "xhosa"),
    ("yi", "yiddish"),
    ("yo", "yoruba"),
    ("za", "zhuang"),
    ("zh", "chinese"),
    ("zu", "zulu"),
    ("ckb", "central kurdish"),
    ("fil", "filipino"),
    ("yue", "cantonese"),
];

/// Languages written right to left, by code.
const RIGHT_TO_LEFT: &[&str] = &["ar", "ur", "fa", "he", "ps", "sd", "yi", "ug", "dv", "ckb"];

/// The first part of a tag, lowercased: `en-GB` → `en`.
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Whether `tag` starts with a known language code and its other parts are
/// well formed (letters and digits, 1 to 8 of them).
pub fn is_known(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or_default();
    CODES.iter().any(|(code, _)| *code == first)
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// `rtl` for a language written right to left, else `ltr`.
pub fn direction(tag: &str) -> &'static str {
    if RIGHT_TO_LEFT.contains(&primary(tag).as_str()) {
        "rtl"
    } else {
        "ltr"
    }
}

/// What to say about a code that is not one: the code of the language it
/// names in English (`welsh` → `cy`), a known code one letter away, or
/// where the codes are listed.
pub fn suggestion(unknown: &str) -> String {
    let lower = unknown.to_ascii_lowercase();
    let by_name = CODES.iter().find(|(_, name)| *name == lower);
    let by_case = CODES.iter().find(|(code, _)| *code == primary(&lower));
    let near = || {
        CODES
            .iter()
            .find(|(code, _)| code.len() == lower.len() && strsim::hamming(code, &lower) == Ok(1))
    };
    match by_name.or(by_case).or_else(near) {
        Some((code, name)) => format!("did you mean `{code}` ({name})?"),
        None => "use a two-letter ISO 639-1 code, such as `cy` for Welsh or `ar` for Arabic".into(),
    }
}

/// A file name's language part: `01-welcome.cy.md` → (`01-welcome.md`,
/// `cy`), `handbook.cy.yaml` → (`handbook.yaml`, `cy`). A last part before
/// the extension of two or three letters (and maybe a region, `pt-BR`) is a
/// language, known or not; anything else (`notes.v2.md`) is no language.
pub fn split_language(file_name: &str) -> Option<(String, &str)> {
    let (stem, extension) = file_name.rsplit_once('.')?;
    let (base, code) = stem.rsplit_once('.')?;
    let first = code.split('-').next().unwrap_or_default();
    let looks_like_code = (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && code.split('-').skip(1).all(|part| {
            (2..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    (looks_like_code && !base.is_empty()).then(|| (format!("{base}.{extension}"), code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_comes_from_the_language() {
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("ur-PK"), "rtl");
        assert_eq!(direction("ckb"), "rtl");
        assert_eq!(direction("cy"), "ltr");
        assert_eq!(direction("en-GB"), "ltr");
    }

    #[test]
    fn known_codes_and_suggestions() {
        assert!(is_known("cy"));
        assert!(is_known("en-GB"));
        assert!(is_known("pt-BR"));
        assert!(!is_known("xx"));
        assert!(!is_known("welsh"));
        assert_eq!(suggestion("welsh"), "did you mean `cy` (welsh)?");
        assert_eq!(suggestion("CY"), "did you mean `cy` (welsh)?");
        assert!(
            suggestion("qqq").contains("ISO 639-1"),
            "{}",
            suggestion("qqq")
        );
        assert!(suggestion("cx").starts_with("did you mean `"));
    }

    #[test]
    fn a_file_names_language_part() {
        assert_eq!(
            split_language("01-welcome.cy.md"),
            Some(("01-welcome.md".into(), "cy"))
        );
        assert_eq!(
            split_language("handbook.pt-BR.yaml"),
            Some(("handbook.yaml".into(), "pt-BR"))
        );
        assert_eq!(split_language("01-welcome.md"), None);
        assert_eq!(split_language("notes.v2.md"), None);
        assert_eq!(split_language("notes.draft.md"), None);
        assert_eq!(split_language(".cy.md"), None);
    }
}
