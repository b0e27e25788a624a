//! Language editions: the source rules (translations beside their
//! originals, settings per edition, `translation_of:` and its warnings,
//! unknown language codes, a translation without an original) and what a
//! build makes of them (an edition per language under its folder, with its
//! own pages and search index, untranslated chapters marked, the language
//! switcher and alternates), on the `editions` fixture: a short handbook in
//! English with Welsh and Arabic translations.

mod common;

use common::*;
use handbook::BuildOptions;

fn html_element(page: &ReadPage) -> &Element {
    page.elements
        .iter()
        .find(|e| e.name == "html")
        .expect("an html element")
}

#[test]
fn every_edition_has_its_own_pages_with_its_language_and_direction() {
    let site = build(&fixture("editions"), &BuildOptions::default());
    let pages = pages(&site);
    for (prefix, lang, dir) in [
        ("", "en-GB", "ltr"),
        ("cy/", "cy", "ltr"),
        ("ar/", "ar", "rtl"),
    ] {
        for page in [
            "index.html",
            "welcome/index.html",
            "our-vision/index.html",
            "looking-after-yourself/index.html",
            "print/index.html",
            "search/index.html",
            "accessibility/index.html",
            "404.html",
        ] {
            let path = format!("{prefix}{page}");
            let html = pages
                .get(&path)
                .unwrap_or_else(|| panic!("{path} was not built"));
            let read = read_page(html);
            let root = html_element(&read);
            assert_eq!(
                root.attributes.get("lang").map(String::as_str),
                Some(lang),
                "{path}"
            );
            assert_eq!(
                root.attributes.get("dir").map(String::as_str),
                Some(dir),
                "{path}"
            );
        }
    }
    // the edition's own settings and theme words
    let welsh_home = text_of(&site, "cy/index.html");
    assert!(welsh_home.contains("Cydweithio&#39;n dda") || welsh_home.contains("Cydweithio'n dda"));
    assert!(
        welsh_home.contains("Dechrau darllen"),
        "no Welsh 'Start reading'"
    );
    let arabic = text_of(&site, "ar/welcome/index.html");
    assert!(
        arabic.contains("انتقل إلى المحتوى الرئيسي"),
        "no Arabic skip link"
    );
    assert!(
        arabic.contains("الترحيب الحار هو الخطوة الأولى"),
        "no Arabic quote"
    );
}

#[test]
fn an_untranslated_chapter_shows_the_original_marked_with_its_language() {
    let site = build(&fixture("editions"), &BuildOptions::default());
    let page = read_page(&text_of(&site, "cy/our-vision/index.html"));
    let body = page.find("div", "class", "chapter__body prose");
    assert_eq!(body.len(), 1);
    assert_eq!(
        body[0].attributes.get("lang").map(String::as_str),
        Some("en-GB")
    );
    assert_eq!(
        body[0].attributes.get("dir").map(String::as_str),
        Some("ltr")
    );
    let title = page.find("h1", "id", "chapter-title");
    assert_eq!(
        title[0].attributes.get("lang").map(String::as_str),
        Some("en-GB")
    );
    assert!(
        page.text.contains("We share one picture"),
        "the original's text"
    );
    assert!(
        page.text
            .contains("Nid yw'r dudalen hon wedi'i chyfieithu i'r Gymraeg eto"),
        "no notice in Welsh"
    );
    // in the Arabic edition, the same chapter is translated: no notice
    let arabic = read_page(&text_of(&site, "ar/our-vision/index.html"));
    assert!(
        !arabic.find("div", "class", "chapter__body prose")[0]
            .attributes
            .contains_key("lang")
    );
    assert!(!arabic.text.contains("لم تُترجم هذه الصفحة"));
    // the contents list marks the untranslated title too
    let nav_titles: Vec<_> = page
        .find("span", "class", "contents-nav__title")
        .into_iter()
        .map(|e| e.attributes.get("lang").cloned())
        .collect();
    assert_eq!(nav_titles, [None, None, Some("en-GB".into()), None]);
}

#[test]
fn the_language_switcher_and_alternates_lead_to_the_same_page_in_each_edition() {
    let site = build(&fixture("editions"), &BuildOptions::default());
    for path in [
        "welcome/index.html",
        "cy/welcome/index.html",
        "ar/search/index.html",
        "cy/index.html",
    ] {
        let page = read_page(&text_of(&site, path));
        let in_edition = path.trim_start_matches("cy/").trim_start_matches("ar/");
        let links = page.find("a", "class", "language-switcher__link");
        assert_eq!(links.len(), 2, "{path}: two other editions");
        for link in links {
            let code = &link.attributes["hreflang"];
            assert_eq!(link.attributes.get("lang"), Some(code), "{path}");
            let (target, _) = resolve(path, &link.attributes["href"]).unwrap();
            let expected = match code.as_str() {
                "en-GB" => in_edition.to_string(),
                other => format!("{other}/{in_edition}"),
            };
            assert_eq!(target, expected, "{path}: the switcher to {code}");
            assert!(site.files.contains_key(&target), "{target} does not exist");
        }
        let alternates = page.find("link", "rel", "alternate");
        let codes: Vec<&str> = alternates
            .iter()
            .map(|l| l.attributes["hreflang"].as_str())
            .collect();
        assert_eq!(codes, ["en-GB", "cy", "ar"], "{path}");
        // each name in its own language
        let current = page.find("span", "class", "language-switcher__current");
        assert_eq!(current.len(), 1, "{path}");
    }
    let arabic_link = read_page(&text_of(&site, "welcome/index.html"));
    let link = arabic_link.find("a", "hreflang", "ar")[0];
    assert_eq!(link.attributes.get("dir").map(String::as_str), Some("rtl"));
}

#[test]
fn links_assets_and_search_work_from_inside_an_edition() {
    let site = build(&fixture("editions"), &BuildOptions::default());
    for (path, html) in pages(&site)
        .iter()
        .filter(|(p, _)| p.starts_with("cy/") || p.starts_with("ar/"))
    {
        let page = read_page(html);
        for element in &page.elements {
            for attribute in ["href", "src"] {
                let Some(link) = element.attributes.get(attribute) else {
                    continue;
                };
                let Some((target, _)) = resolve(path, link) else {
                    continue;
                };
                if path.ends_with("404.html") || target.is_empty() {
                    continue;
                }
                assert!(
                    site.files.contains_key(&target),
                    "{path}: {link} leads to nothing ({target})"
                );
            }
        }
    }
    // the Welsh translation's link to a Welsh heading of another chapter
    let welsh = text_of(&site, "cy/looking-after-yourself/index.html");
    assert!(
        welsh.contains("../welcome/index.html#ein-haddewid"),
        "{welsh}"
    );
    // each edition's search index, in its language, with its own chapters only
    let index_of = |path: &str| {
        let page = read_page(&text_of(&site, path));
        let script = page
            .elements
            .iter()
            .filter(|e| e.name == "script")
            .filter_map(|e| e.attributes.get("src"))
            .find(|src| src.contains("search-index"))
            .unwrap()
            .clone();
        let (target, _) = resolve(path, &script).unwrap();
        text_of(&site, &target)
    };
    let welsh_index = index_of("cy/search/index.html");
    assert!(welsh_index.contains("\"language\":\"cy\""), "{welsh_index}");
    assert!(
        welsh_index.contains("\"path\":\"../assets/search/\""),
        "{welsh_index}"
    );
    // the Welsh chapters' sections: the welcome's two, and one
    assert!(welsh_index.contains("\"sections\":3"), "{welsh_index}");
    let arabic_index = index_of("ar/search/index.html");
    assert!(
        arabic_index.contains("\"language\":\"ar\""),
        "{arabic_index}"
    );
    let own_index = index_of("search/index.html");
    assert!(own_index.contains("\"language\":\"en\""), "{own_index}");
    assert!(
        own_index.contains("\"path\":\"assets/search/\""),
        "{own_index}"
    );
    assert!(own_index.contains("\"sections\":4"), "{own_index}");
}

#[test]
fn the_sitemap_lists_every_edition_of_a_page_as_its_alternates() {
    let site = build(
        &fixture("editions"),
        &BuildOptions {
            base_url: Some("https://example.org/guide".into()),
            ..BuildOptions::default()
        },
    );
    let sitemap = text_of(&site, "sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains(
        "<loc>https://example.org/guide/cy/welcome/</loc><xhtml:link rel=\"alternate\" hreflang=\"en-GB\" href=\"https://example.org/guide/welcome/\"/><xhtml:link rel=\"alternate\" hreflang=\"cy\" href=\"https://example.org/guide/cy/welcome/\"/><xhtml:link rel=\"alternate\" hreflang=\"ar\" href=\"https://example.org/guide/ar/welcome/\"/></url>"
    ), "{sitemap}");
    assert!(!sitemap.contains("404"), "{sitemap}");
    assert!(!sitemap.contains("search/"), "{sitemap}");
    let page = read_page(&text_of(&site, "ar/welcome/index.html"));
    let canonical = page.find("link", "rel", "canonical");
    assert_eq!(
        canonical[0].attributes["href"],
        "https://example.org/guide/ar/welcome/"
    );
}

#[test]
fn an_untranslated_chapters_link_to_a_heading_its_translation_renamed_is_a_warning() {
    // the Arabic welcome keeps the original's id on its heading: the
    // untranslated chapter's link lands on it
    let site = build(&fixture("editions"), &BuildOptions::default());
    let untranslated = text_of(&site, "ar/looking-after-yourself/index.html");
    assert!(
        untranslated.contains("../welcome/index.html#our-promise"),
        "{untranslated}"
    );
    let welcome = text_of(&site, "ar/welcome/index.html");
    assert!(welcome.contains("<h2 id=our-promise>"), "{welcome}");

    // without it, the link would open the top of the page: a warning at the
    // original's link, naming the translation and the id to give it
    let (_dir, source) = fixture_copy("editions");
    edit(
        &source.join("chapters/01-welcome.ar.md"),
        "## وعدنا {#our-promise}",
        "## وعدنا",
    );
    let Ran { code, stderr, .. } = run(&["check"], &source);
    assert_eq!(code, Some(0), "a warning does not fail a check: {stderr}");
    assert!(
        stderr.contains("warning: in the `ar` edition, where this chapter is not yet translated, the link's `#our-promise` is not a heading of the translation"),
        "{stderr}"
    );
    assert!(
        stderr.contains("chapters/03-looking-after-yourself.md:8:10"),
        "{stderr}"
    );
    assert!(
        stderr.contains("01-welcome.ar.md, give the heading that translates it the original's id, written after it: `{#our-promise}`"),
        "{stderr}"
    );
    assert!(stderr.contains("1 warning found"), "{stderr}");
    // the Welsh edition, where the chapter is translated, is not concerned
    assert!(!stderr.contains("`cy` edition"), "{stderr}");
}

#[test]
fn check_lists_each_editions_missing_and_out_of_date_chapters() {
    let (_dir, source) = fixture_copy("editions");
    let Ran {
        code,
        stdout: report,
        stderr,
    } = run(&["check"], &source);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        report.contains("Edition cy (Cymraeg): 2 of 3 chapters translated\n  not yet translated, shown in the original: our-vision\n"),
        "{report}"
    );
    assert!(
        report.contains("Edition ar (العربية): 2 of 3 chapters translated\n  not yet translated, shown in the original: looking-after-yourself\n"),
        "{report}"
    );
    assert!(!stderr.contains("warning"), "{stderr}");

    // the original changes: both translations are out of date, with the diff
    edit(
        &source.join("chapters/01-welcome.md"),
        "with kindness and respect.",
        "with kindness, patience and respect.",
    );
    let Ran {
        code,
        stdout: report,
        stderr,
    } = run(&["check"], &source);
    assert_eq!(code, Some(0), "warnings do not fail a check: {stderr}");
    assert!(
        report.contains("Edition cy (Cymraeg): 2 of 3 chapters translated, 1 out of date"),
        "{report}"
    );
    assert!(report.contains("  out of date: welcome\n"), "{report}");
    assert!(stderr.contains("warning: `editions/chapters/01-welcome.md` has changed since this translation was made from it"), "{stderr}");
    assert!(
        stderr.contains("--> editions/chapters/01-welcome.cy.md:3:1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("-We treat everyone who comes through our door with kindness and respect."),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "+We treat everyone who comes through our door with kindness, patience and respect."
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("handbook translate welcome --to cy --accept"),
        "{stderr}"
    );
    let Ran { code, .. } = run(&["check", "--strict"], &source);
    assert_ne!(code, Some(0), "--strict makes the drift an error");

    // the translator carries it over and accepts: the Welsh warning goes
    let Ran {
        code,
        stdout,
        stderr,
    } = run(&["translate", "welcome", "--to", "cy", "--accept"], &source);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("now records version"), "{stdout}");
    let Ran {
        stdout: report,
        stderr,
        ..
    } = run(&["check"], &source);
    assert!(!stderr.contains("01-welcome.cy.md"), "{stderr}");
    assert!(stderr.contains("01-welcome.ar.md"), "{stderr}");
    assert!(
        report.contains("Edition cy (Cymraeg): 2 of 3 chapters translated\n"),
        "{report}"
    );
}

#[test]
fn translate_starts_a_translation_from_the_original_and_refuses_what_it_cannot() {
    let (_dir, source) = fixture_copy("editions");
    let Ran {
        code,
        stdout,
        stderr,
    } = run(&["translate", "our-vision", "--to", "cy"], &source);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("02-our-vision.cy.md started as a copy of version"),
        "{stdout}"
    );
    let original = std::fs::read_to_string(source.join("chapters/02-our-vision.md")).unwrap();
    let started = std::fs::read_to_string(source.join("chapters/02-our-vision.cy.md")).unwrap();
    assert_eq!(
        started,
        original.replacen(
            "title: Our vision\n",
            "title: Our vision\ntranslation_of: 913b4507f3eb\n",
            1
        )
    );
    assert!(source.join(".handbook/originals/913b4507f3eb.md").is_file());
    let Ran { stdout: report, .. } = run(&["check"], &source);
    assert!(
        report.contains("Edition cy (Cymraeg): 3 of 3 chapters translated\n"),
        "{report}"
    );

    let Ran { code, stderr, .. } = run(&["translate", "our-vision", "--to", "cy"], &source);
    assert_ne!(code, Some(0));
    assert!(
        stderr.contains("exists already") && stderr.contains("--accept"),
        "{stderr}"
    );
    let Ran { code, stderr, .. } = run(&["translate", "our-vison", "--to", "cy"], &source);
    assert_ne!(code, Some(0));
    assert!(stderr.contains("did you mean `our-vision`?"), "{stderr}");
    let Ran { code, stderr, .. } = run(&["translate", "welcome", "--to", "fr"], &source);
    assert_ne!(code, Some(0));
    assert!(
        stderr.contains("`fr` is not one of the handbook's languages"),
        "{stderr}"
    );
    let Ran { code, stderr, .. } = run(
        &[
            "translate",
            "looking-after-yourself",
            "--to",
            "ar",
            "--accept",
        ],
        &source,
    );
    assert_ne!(code, Some(0));
    assert!(
        stderr.contains("there is no translation to accept"),
        "{stderr}"
    );
}

#[test]
fn translations_in_unknown_or_unlisted_languages_or_without_an_original_are_errors() {
    let (_dir, source) = fixture_copy("editions");
    let chapters = source.join("chapters");
    write(
        &chapters.join("01-welcome.xq.md"),
        "---\ntitle: X\n---\nX\n",
    );
    write(
        &chapters.join("01-welcome.fr.md"),
        "---\ntitle: Bienvenue\n---\nBonjour.\n",
    );
    write(
        &chapters.join("04-goodbye.cy.md"),
        "---\ntitle: Hwyl fawr\n---\nHwyl.\n",
    );
    write(&source.join("handbook.pl.yaml"), "title: Dobrze razem\n");
    let Ran { code, stderr, .. } = run(&["check"], &source);
    assert_ne!(code, Some(0));
    Problem {
        file: "editions/chapters/01-welcome.xq.md",
        line: None,
        message: "`xq` in this file's name is not a language code",
        source_line: None,
        hint: "did you mean `sq` (albanian)?",
    }
    .assert_in(&stderr);
    Problem {
        file: "editions/chapters/01-welcome.fr.md",
        line: None,
        message: "`fr` is not one of the handbook's languages",
        source_line: None,
        hint: "add it under `languages:`",
    }
    .assert_in(&stderr);
    Problem {
        file: "editions/chapters/04-goodbye.cy.md",
        line: None,
        message: "this translation has no original: there is no `chapters/04-goodbye.md`",
        source_line: None,
        hint: "",
    }
    .assert_in(&stderr);
    Problem {
        file: "editions/handbook.pl.yaml",
        line: None,
        message: "`pl` is not one of the handbook's languages",
        source_line: None,
        hint: "",
    }
    .assert_in(&stderr);
}

#[test]
fn a_language_code_that_is_none_is_an_error_with_a_suggestion() {
    let (_dir, source) = fixture_copy("editions");
    edit(
        &source.join("handbook.yaml"),
        "  - code: cy\n",
        "  - code: welsh\n",
    );
    let Ran { code, stderr, .. } = run(&["check"], &source);
    assert_ne!(code, Some(0));
    Problem {
        file: "editions/handbook.yaml",
        line: Some((6, 5)),
        message: "`welsh` is not a language code",
        source_line: Some("  - code: welsh"),
        hint: "did you mean `cy` (welsh)?",
    }
    .assert_in(&stderr);

    let (_dir, source) = fixture_copy("editions");
    edit(
        &source.join("handbook.yaml"),
        "  - code: ar\n",
        "  - code: cy\n",
    );
    let Ran { code, stderr, .. } = run(&["check"], &source);
    assert_ne!(code, Some(0));
    assert!(
        stderr.contains("the language `cy` is listed twice"),
        "{stderr}"
    );
}

#[test]
fn an_editions_settings_hold_only_words_and_a_missing_theme_word_is_listed() {
    let (_dir, source) = fixture_copy("editions");
    write(
        &source.join("handbook.cy.yaml"),
        "title: Cydweithio\nbase_url: https://example.org/\n",
    );
    let Ran { code, stderr, .. } = run(&["check"], &source);
    assert_ne!(code, Some(0));
    assert!(stderr.contains("editions/handbook.cy.yaml:2:1"), "{stderr}");
    assert!(stderr.contains("base_url"), "{stderr}");

    // Polish: listed, no theme words yet; shown in English and listed
    let (_dir, source) = fixture_copy("editions");
    edit(
        &source.join("handbook.yaml"),
        "    name: العربية\n",
        "    name: العربية\n  - code: pl\n    name: Polski\n",
    );
    let Ran {
        code,
        stdout: report,
        stderr,
    } = run(&["check"], &source);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: the theme has no `pl` for"),
        "{stderr}"
    );
    assert!(stderr.contains("skip_link"), "{stderr}");
    assert!(
        report.contains("Edition pl (Polski): 0 of 3 chapters translated"),
        "{report}"
    );
    let site = build(&source, &BuildOptions::default());
    assert!(text_of(&site, "pl/index.html").contains("Skip to main content"));
}

#[test]
fn a_slug_that_is_an_editions_folder_is_an_error() {
    let (_dir, source) = fixture_copy("editions");
    write(
        &source.join("chapters/04-cymraeg.md"),
        "---\ntitle: Welsh\nslug: cy\n---\nAbout Welsh.\n",
    );
    let Ran { code, stderr, .. } = run(&["check"], &source);
    assert_ne!(code, Some(0));
    assert!(
        stderr.contains("the slug `cy` is the folder of the edition"),
        "{stderr}"
    );
}
