//! The theme's own words in an edition's language: no sentence the theme or
//! a component writes itself is left in English on a Welsh or Arabic page
//! (outside content marked `lang="en…"`: a chapter not yet translated), the
//! accessibility statement included, whether drawn from the settings or an
//! edition's own `accessibility.LANG.md`; dates in the edition's language;
//! and `handbook check` naming each word a language lacks.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use handbook::BuildOptions;

/// The Welsh chapter that draws every component with fixed words of its own.
const TOOLS_CY: &str = r#"---
title: Offer
summary: Ymarferion, taflen waith a darllen pellach.
updated: 2026-03-07
---

Offer i'ch helpu chi yn eich gwaith.

```exercise
kind: breathing
title: Anadlu bocs
steps:
  - text: Eisteddwch yn gyfforddus.
  - text: Anadlwch gyda'r dot.
```

```worksheet
title: Beth sy'n eich helpu chi?
prompts:
  - prompt: Beth sy'n eich tawelu?
```

```case-study
title: Bore coffi
body: Mae'r tîm yn cwrdd bob dydd Llun.
author: Siân, gwirfoddolwr
```

```resources
entries:
  - type: book
    authors: ["Jones, A.", "Evans, B."]
    year: 2020
    title: Gofalu am ein gilydd
    publisher: Gwasg y Dref
  - type: chapter
    authors: ["Hughes, C."]
    editors: ["Jones, A.", "Evans, B."]
    year: 2021
    title: Gwrando
    book_title: Llyfr y gymuned
    publisher: Gwasg y Dref
    pages: 10-32
  - type: article
    authors: ["Morgan, D."]
    year: 2022
    title: Croeso cynnes
    journal: Cylchgrawn Gofal
    issue: 5
  - type: website
    title: Gwirfoddoli Cymru
    url: https://example.org/gwirfoddoli
    accessed: 1 Mawrth 2026
  - type: video
    title: Diwrnod yn y ganolfan
    url: https://example.org/fideo
```

```pillars
roof: Canolfan ddiogel
pillars:
  - name: Diogelwch
    points:
      - Rydyn ni'n cadw'r adeilad yn ddiogel.
  - name: Parch
    points:
      - Rydyn ni'n gwrando ar bawb.
```

```principles
principles:
  - name: Caredigrwydd
    statement: Rydyn ni'n garedig wrth bawb.
```

```brain
regions:
  - id: amygdala
    name: Yr Amygdala
    nickname: canolfan ofn
    text: Mae'n ymateb i berygl.
```

```trauma-tree
roots:
  title: Achosion
  items:
    - Colled
trunk:
  title: Effeithiau
  groups:
    - title: Corff
      items:
        - Blinder
branches:
  title: Ymddygiad
  groups:
    - title: Gartref
      items:
        - Tawelwch
```

```vision-wheel
centre: Cymuned sy'n gofalu.
rings:
  - name: Pobl
    segments:
      - text: Diogel
      - text: Hapus
      - text: Iach
```
"#;

/// The same in Arabic, with the components that lay text out.
const TOOLS_AR: &str = r#"---
title: أدوات
summary: تمارين وورقة عمل وقراءات إضافية.
updated: 2026-03-07
---

أدوات تساعدك في عملك.

```exercise
kind: breathing
title: التنفس المربع
steps:
  - text: اجلس في وضع مريح.
  - text: تنفّس مع النقطة.
```

```worksheet
title: ما الذي يساعدك؟
prompts:
  - prompt: ما الذي يهدّئك؟
```

```case-study
title: صباح القهوة
body: يجتمع الفريق كل يوم اثنين.
author: سلمى، متطوعة
```

```resources
entries:
  - type: book
    authors: ["أحمد، س.", "يوسف، ل."]
    year: 2020
    title: نعتني ببعضنا
    publisher: دار المدينة
  - type: video
    title: يوم في المركز
    url: https://example.org/video
```

```brain
regions:
  - id: amygdala
    name: اللوزة الدماغية
    nickname: مركز الخوف
    text: تستجيب للخطر.
```
"#;

/// A copy of the `editions` fixture with a public sector body's statement
/// settings, and a chapter of components translated into Welsh and Arabic.
fn editions_with_tools() -> (tempfile::TempDir, PathBuf) {
    let (dir, source) = fixture_copy("editions");
    let settings = source.join("handbook.yaml");
    let mut yaml = std::fs::read_to_string(&settings).unwrap();
    yaml.push_str(
        "accessibility:\n  regulations: true\n  status: partial\n  known_issues:\n    - Some older PDFs are not tagged.\n  contact:\n    name: The volunteer team\n    email: access@example.org\n    phone: 01234 567890\n    address: 1 High Street\n  response_time: 5 working days\n  prepared: \"2026-01-10\"\n  reviewed: \"2026-02-10\"\n  last_tested: \"2026-01-05\"\n  tested_by: The volunteer team\n  test_method: We tested a sample of pages.\n",
    );
    write(&settings, &yaml);
    let chapters = source.join("chapters");
    write(
        &chapters.join("04-tools.md"),
        "---\ntitle: Tools\n---\n\nTools to help you.\n",
    );
    let Ran { stderr, .. } = run(&["translate", "tools", "--to", "cy"], &source);
    assert!(
        chapters.join("04-tools.cy.md").is_file(),
        "translate: {stderr}"
    );
    let Ran { stderr, .. } = run(&["translate", "tools", "--to", "ar"], &source);
    assert!(
        chapters.join("04-tools.ar.md").is_file(),
        "translate: {stderr}"
    );
    for (code, text) in [("cy", TOOLS_CY), ("ar", TOOLS_AR)] {
        let path = chapters.join(format!("04-tools.{code}.md"));
        let started = std::fs::read_to_string(&path).unwrap();
        let record = started
            .lines()
            .find(|line| line.starts_with("translation_of:"))
            .unwrap()
            .to_string();
        write(
            &path,
            &text.replacen("---\n", &format!("---\n{record}\n"), 1),
        );
    }
    (dir, source)
}

/// The default theme's English words, key by key.
fn english_words() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/en.yaml");
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The stretches of English a theme word is made of: its text between
/// `{…}` holes, each of four letters or more ("The", "and" or "in" alone
/// cannot be told from a handbook's own English, such as a contact's
/// name). `count_words` is a list of words, not a sentence.
fn english_fragments() -> Vec<(String, String)> {
    let mut fragments = Vec::new();
    for (key, text) in english_words() {
        if key == "count_words" {
            continue;
        }
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let (before, after) = match rest.find('{') {
                Some(open) => {
                    let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
                    (&rest[..open], &rest[close..])
                }
                None => (rest, ""),
            };
            let fragment = before
                .trim()
                .trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
            if fragment.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
                fragments.push((key.clone(), fragment.to_string()));
            }
            rest = after;
        }
    }
    fragments
}

/// What a reader meets on a page, visible or spoken (text, and the
/// attributes read out or shown: labels, alternative text, titles, the
/// metadata, the search script's messages), leaving out whatever sits
/// inside an element whose `lang` starts with `en`.
fn words_outside_english(html: &str) -> String {
    use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult};
    use std::cell::RefCell;

    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    #[derive(Default)]
    struct Reader {
        /// Open elements: each name, and whether it is in English.
        open: RefCell<Vec<(String, bool)>>,
        words: RefCell<String>,
    }
    impl TokenSink for Reader {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let mut open = self.open.borrow_mut();
            let english = open.last().is_some_and(|(_, english)| *english);
            if matches!(token, Token::TagToken(_)) {
                // the text of two elements is two stretches, not one word
                self.words.borrow_mut().push(' ');
            }
            match token {
                Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                    let name = tag.name.to_string();
                    let lang = tag
                        .attrs
                        .iter()
                        .find(|a| &*a.name.local == "lang")
                        .map(|a| a.value.to_string());
                    let in_english = lang.map_or(english, |lang| lang.starts_with("en"));
                    if !in_english {
                        let mut words = self.words.borrow_mut();
                        for attribute in &tag.attrs {
                            let attribute_name = &*attribute.name.local;
                            if matches!(attribute_name, "aria-label" | "alt" | "title" | "content")
                                || attribute_name.starts_with("data-")
                            {
                                words.push_str(&attribute.value);
                                words.push('\n');
                            }
                        }
                    }
                    if !tag.self_closing && !VOID.contains(&name.as_str()) {
                        open.push((name.clone(), in_english));
                    }
                    if let Some(kind) = raw_text(&name) {
                        return TokenSinkResult::RawData(kind);
                    }
                }
                Token::TagToken(tag) => {
                    let name = tag.name.to_string();
                    if let Some(at) = open.iter().rposition(|(open, _)| *open == name) {
                        open.truncate(at);
                    }
                }
                Token::CharacterTokens(text) if !english => {
                    let inside = open.last().map(|(name, _)| name.as_str());
                    if !matches!(inside, Some("script" | "style")) {
                        self.words.borrow_mut().push_str(&text);
                    }
                }
                _ => {}
            }
            TokenSinkResult::Continue
        }
    }
    // the search script's messages keep their holes ("{query}") for it to fill
    let words = tokenize(Reader::default(), html).words.take();
    let mut text = String::with_capacity(words.len());
    let mut rest = words.as_str();
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        rest = rest[open..]
            .find('}')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    text.push_str(rest);
    text
}

/// Whether `fragment` is in `text` as whole words.
fn has_words(text: &str, fragment: &str) -> bool {
    text.match_indices(fragment).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + fragment.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn welsh_and_arabic_pages_hold_no_english_theme_sentence() {
    let (_dir, source) = editions_with_tools();
    let site = build(&source, &BuildOptions::default());
    let fragments = english_fragments();
    assert!(fragments.len() > 140, "{} fragments", fragments.len());
    let mut found = Vec::new();
    let mut checked = 0;
    for (path, html) in pages(&site) {
        if !(path.starts_with("cy/") || path.starts_with("ar/")) {
            continue;
        }
        checked += 1;
        let words = words_outside_english(&html);
        for (key, fragment) in &fragments {
            if has_words(&words, fragment) {
                found.push(format!("{path}: `{key}`: “{fragment}”"));
            }
        }
    }
    assert_eq!(checked, 18, "9 pages in each edition");
    assert!(found.is_empty(), "English left:\n{}", found.join("\n"));

    // the test can fail: an English heading in a Welsh page is found
    let welsh = text_of(&site, "cy/accessibility/index.html");
    assert!(welsh.contains(">Y drefn orfodi<"));
    let english =
        words_outside_english(&welsh.replace(">Y drefn orfodi<", ">Enforcement procedure<"));
    assert!(has_words(&english, "Enforcement procedure"), "{english}");
    // and the untranslated chapter in the Welsh edition is English, marked so
    let untranslated = text_of(&site, "cy/our-vision/index.html");
    assert!(untranslated.contains("We share one picture"));
    assert!(!words_outside_english(&untranslated).contains("We share one picture"));
}

#[test]
fn the_theme_words_of_an_edition_are_its_own() {
    let (_dir, source) = editions_with_tools();
    let site = build(&source, &BuildOptions::default());
    let welsh = text_of(&site, "cy/tools/index.html");
    // the date in Welsh, the drawing's words, the citation's
    assert!(welsh.contains(">7 Mawrth 2026</time>"), "{welsh}");
    assert!(welsh.contains("Anadlu i mewn · 4"), "{welsh}");
    assert!(
        welsh.contains("Ysgrifennwyd gan Siân, gwirfoddolwr"),
        "{welsh}"
    );
    assert!(welsh.contains("Jones, A. a Evans, B."), "{welsh}");
    assert!(welsh.contains("tt. 10–32"), "{welsh}");
    assert!(welsh.contains("Y 2 colofn"), "{welsh}");
    let arabic = text_of(&site, "ar/tools/index.html");
    assert!(arabic.contains(">7 مارس 2026</time>"), "{arabic}");
    assert!(arabic.contains("أحمد، س. ويوسف، ل."), "{arabic}");
    let english = text_of(&site, "tools/index.html");
    assert!(!english.contains("<time"), "the original has no date");
    // the search page's messages, for its script, in the edition's language
    let search = read_page(&text_of(&site, "cy/search/index.html"));
    let status = search.find("p", "role", "status");
    assert_eq!(
        status[0].attributes["data-many"],
        "{n} canlyniad ar gyfer “{query}”."
    );
    // titles and metadata
    let page = read_page(&text_of(&site, "cy/search/index.html"));
    assert!(page.text.contains("Chwilio | Cydweithio"), "{}", page.text);
    let description = page.find("meta", "name", "description");
    assert!(description[0].attributes["content"].starts_with("Sut rydyn ni"));
    let not_found = text_of(&site, "ar/404.html");
    assert!(not_found.contains("<title>لم يتم العثور على الصفحة |"));
}

#[test]
fn an_editions_own_statement_replaces_the_one_drawn_from_the_settings() {
    let (_dir, source) = editions_with_tools();
    write(
        &source.join("accessibility.cy.md"),
        "---\ntitle: Datganiad hygyrchedd\n---\n\nRydyn ni eisiau i bawb allu darllen y canllaw hwn. Gweler [y croeso](chapters/01-welcome.md).\n",
    );
    let site = build(&source, &BuildOptions::default());
    let welsh = read_page(&text_of(&site, "cy/accessibility/index.html"));
    assert!(
        welsh.text.contains("Rydyn ni eisiau i bawb allu darllen"),
        "{}",
        welsh.text
    );
    assert!(!welsh.text.contains("Y drefn orfodi"), "{}", welsh.text);
    let link = welsh
        .elements
        .iter()
        .filter_map(|e| e.attributes.get("href"))
        .find(|href| href.contains("welcome"))
        .unwrap();
    assert_eq!(link, "../welcome/index.html");
    // the other editions keep the statement drawn from the settings
    let arabic = text_of(&site, "ar/accessibility/index.html");
    assert!(arabic.contains("إجراءات التنفيذ"), "{arabic}");
    assert!(text_of(&site, "accessibility/index.html").contains("Enforcement procedure"));

    // one for a language the handbook does not list is an error
    write(
        &source.join("accessibility.pl.md"),
        "---\ntitle: Deklaracja dostępności\n---\n\nTekst.\n",
    );
    let Ran { code, stderr, .. } = run(&["check"], &source);
    assert_ne!(code, Some(0));
    assert!(
        stderr.contains("accessibility.pl.md")
            && stderr.contains("`pl` is not one of the handbook's languages"),
        "{stderr}"
    );
}

#[test]
fn check_names_each_word_a_language_lacks() {
    let (_dir, source) = editions_with_tools();
    // a fork's theme adds a word in English only
    edit(
        &source.join("handbook.yaml"),
        "title: Working well together\n",
        "title: Working well together\ntheme: own\n",
    );
    write(
        &source.join("themes/own/i18n/en.yaml"),
        "back_to_top: Back to top\n",
    );
    write(
        &source.join("themes/own/i18n/cy.yaml"),
        "back_to_top: Yn ôl i'r brig\n",
    );
    let Ran { code, stderr, .. } = run(&["check"], &source);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "warning: the theme has no `ar` for 1 of its words, shown in English: back_to_top"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("no `cy`"), "{stderr}");
    let Ran { code, .. } = run(&["check", "--strict"], &source);
    assert_ne!(code, Some(0), "--strict makes a missing word an error");
}
