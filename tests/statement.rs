//! The accessibility statement says only what is true: what the generator's
//! theme is tested for, said as such, and what the organisation states in
//! `accessibility:`. A public sector body's statement follows the model
//! statement in full, and `check` warns about each part it lacks; a charity's
//! claims no regulations; a handbook's own `accessibility.md` replaces the
//! wording. Also here, the other settings a fork brands with: a logo for each
//! background, and `extra:` for its own templates.

mod common;

use assert_cmd::Command;
use common::*;
use handbook::BuildOptions;

const REGULATIONS: &str = "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018";

/// The statement page of `source` as text, and the site's warnings.
fn statement(source: &std::path::Path) -> (String, handbook::Site) {
    let site = build(source, &BuildOptions::default());
    let page = read_page(&text_of(&site, "accessibility/index.html"));
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    (page.text, site)
}

fn settings_of(scaffold: &Scaffold) -> std::path::PathBuf {
    scaffold.source.join("handbook.yaml")
}

#[test]
fn a_charity_fork_claims_no_regulations_and_no_testing_it_did_not_do() {
    let charity = scaffold("Riverside Youth Trust");
    let (text, site) = statement(&charity.source);
    assert!(site.warnings.is_empty(), "{:?}", site.warnings);
    assert!(
        text.contains("This website is run by Riverside Youth Trust"),
        "{text}"
    );
    // what the generator guarantees, said as the generator's
    assert!(
        text.contains("This website was built with handbook"),
        "{text}"
    );
    assert!(
        text.contains("That testing covers the theme, not the words"),
        "{text}"
    );
    // the contact `init` wrote, for problems
    assert!(text.contains("handbook@example.org"), "{text}");
    for untrue in [
        "Regulations 2018",
        "Enforcement procedure",
        "Equality and Human Rights Commission",
        "compliant",
        "last tested",
        "committed to making its website accessible",
        "Every page is tested automatically before it is published",
    ] {
        assert!(
            !text.contains(untrue),
            "a charity's statement says {untrue:?}:\n{text}"
        );
    }
}

#[test]
fn a_public_sector_fork_has_every_part_of_the_model_statement() {
    let council = scaffold("Northshire Council");
    edit(
        &settings_of(&council),
        "accessibility:\n",
        "accessibility:
  regulations: true
  status: partial
  last_tested: \"2027-02-14\"
  tested_by: the Northshire digital team
  test_method: We tested every page with a screen reader and a keyboard.
  prepared: \"2027-02-20\"
  response_time: 5 working days
",
    );
    edit(
        &settings_of(&council),
        "  known_issues: []\n",
        "  known_issues:\n    - the printed worksheets have no labels for their answer lines\n",
    );
    let (text, site) = statement(&council.source);
    assert!(site.warnings.is_empty(), "{:?}", site.warnings);
    for part in [
        "How accessible this website is",
        "the printed worksheets have no labels for their answer lines",
        "Feedback and contact information",
        "within 5 working days",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Equality Advisory and Support Service (EASS)",
        "Northshire Council is committed to making its website accessible",
        REGULATIONS,
        "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard",
        "This statement was prepared on 2027-02-20.",
        "This website was last tested on 2027-02-14.",
        "The test was carried out by the Northshire digital team.",
        "We tested every page with a screen reader and a keyboard.",
        "This website was built with handbook",
    ] {
        assert!(text.contains(part), "no {part:?} in:\n{text}");
    }
}

#[test]
fn check_warns_at_the_setting_about_each_part_a_public_sector_statement_lacks() {
    let council = scaffold("Northshire Council");
    edit(
        &settings_of(&council),
        "accessibility:\n",
        "accessibility:\n  regulations: true\n",
    );
    let yaml = std::fs::read_to_string(settings_of(&council)).unwrap();
    let line = yaml
        .lines()
        .position(|l| l.trim() == "regulations: true")
        .unwrap()
        + 1;
    let site = build(&council.source, &BuildOptions::default());
    let warnings: Vec<_> = site.warnings.iter().collect();
    for missing in [
        "its compliance status",
        "the date the site was last tested",
        "who tested the site and how",
        "the date it was prepared",
    ] {
        let warning = warnings
            .iter()
            .find(|w| w.message.ends_with(missing))
            .unwrap_or_else(|| panic!("no warning about {missing}: {warnings:?}"));
        assert!(warning.is_warning());
        assert!(warning.file.ends_with("handbook.yaml"), "{warning:?}");
        assert_eq!(warning.line, Some(line), "{warning:?}");
    }
    // the contact `init` wrote is there: no warning about it
    assert_eq!(warnings.len(), 4, "{warnings:?}");

    // a status that names problems, with none listed
    edit(
        &settings_of(&council),
        "  regulations: true\n",
        "  regulations: true\n  status: partial\n",
    );
    let site = build(&council.source, &BuildOptions::default());
    let listed = site
        .warnings
        .iter()
        .find(|w| w.message.ends_with("the content that is not accessible"))
        .expect("no warning about the known issues");
    assert_eq!(listed.line, Some(line + 1), "{listed:?}");

    // the warnings show in `check`, and fail it under --strict
    Command::cargo_bin("handbook")
        .unwrap()
        .args(["check", "--strict"])
        .arg(&council.source)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "the accessibility statement of a public sector body needs the date it was prepared",
        ));
}

#[test]
fn the_bundled_handbook_states_nothing_its_source_does_not() {
    let (text, site) = statement(&bundled_handbook());
    assert!(site.warnings.is_empty(), "{:?}", site.warnings);
    assert!(
        text.contains("This website is run by Derbyshire's Public Health department"),
        "{text}"
    );
    assert!(
        text.contains("asch.trauma.informed@derbyshire.gov.uk"),
        "{text}"
    );
    for untrue in [
        "Regulations 2018",
        "compliant",
        "last tested",
        "Enforcement",
    ] {
        assert!(
            !text.contains(untrue),
            "the statement says {untrue:?}:\n{text}"
        );
    }
    // nor does the rest of the site: no licence or date the source never gave
    let home = read_page(&text_of(&site, "index.html")).text;
    assert!(!home.contains("©"), "{home}");
    assert!(!home.contains("2026"), "{home}");
    assert!(
        home.contains("Published by Derbyshire's Public Health department"),
        "{home}"
    );
}

#[test]
fn a_handbook_s_own_statement_replaces_the_wording() {
    let council = scaffold("Northshire Council");
    edit(
        &settings_of(&council),
        "accessibility:\n",
        "accessibility:\n  regulations: true\n",
    );
    write(
        &council.source.join("accessibility.md"),
        "---\ntitle: Accessibility statement for the Northshire handbook\n---\n\n\
         Our own words, checked by our lawyers.\n\n\
         ## Contact\n\nSee [the welcome chapter](01-welcome.md) or [our logo](../assets/logo.svg).\n",
    );
    let (text, site) = statement(&council.source);
    // its own statement is its own business: no warnings about settings it no longer uses
    assert!(site.warnings.is_empty(), "{:?}", site.warnings);
    assert!(
        text.contains("Our own words, checked by our lawyers."),
        "{text}"
    );
    assert!(!text.contains("This website is run by"), "{text}");
    let page = read_page(&text_of(&site, "accessibility/index.html"));
    let h1: Vec<_> = page.elements.iter().filter(|e| e.name == "h1").collect();
    assert_eq!(h1.len(), 1, "one h1");
    assert!(
        text_of(&site, "accessibility/index.html")
            .contains("<title>Accessibility statement for the Northshire handbook |"),
    );
    let links: Vec<&str> = page
        .elements
        .iter()
        .filter(|e| e.name == "a")
        .filter_map(|e| e.attributes.get("href").map(String::as_str))
        .collect();
    assert!(links.contains(&"../welcome/index.html"), "{links:?}");
    assert!(
        links.iter().any(|l| l.starts_with("../assets/logo.")),
        "{links:?}"
    );

    // a broken link in it is reported at its own file and line
    write(
        &council.source.join("accessibility.md"),
        "---\ntitle: Accessibility\n---\n\nSee [nowhere](99-missing.md).\n",
    );
    let Err(error) = handbook::build_site(&council.source, &BuildOptions::default()) else {
        panic!("a link to no chapter is an error");
    };
    let error = error.to_string();
    assert!(error.contains("accessibility.md:5"), "{error}");
}

#[test]
fn extra_settings_reach_templates() {
    let charity = forked(&[(
        "templates/base.html",
        "{% extends \"default/base.html\" %}{% block footer %}<footer><p>Registered charity {{ extra.charity_number }}; helpline {{ extra.helpline.phone }}</p></footer>{% endblock footer %}",
    )]);
    edit(
        &settings_of(&charity),
        "accessibility:\n",
        "extra:\n  charity_number: \"1234567\"\n  helpline:\n    phone: 0800 000 0000\naccessibility:\n",
    );
    let site = build(&charity.source, &BuildOptions::default());
    let home = read_page(&text_of(&site, "index.html")).text;
    assert!(
        home.contains("Registered charity 1234567; helpline 0800 000 0000"),
        "{home}"
    );
}

#[test]
fn each_background_gets_its_own_logo() {
    let fork = scaffold("Acme Care");
    for name in ["logo-dark.svg", "logo-print.svg"] {
        std::fs::copy(
            fork.source.join("assets/logo.svg"),
            fork.source.join("assets").join(name),
        )
        .unwrap();
    }
    edit(
        &settings_of(&fork),
        "  # logo_dark: logo-dark.svg",
        "  logo_dark: logo-dark.svg",
    );
    edit(
        &settings_of(&fork),
        "  # logo_print: logo-print.svg",
        "  logo_print: logo-print.svg",
    );
    let site = build(&fork.source, &BuildOptions::default());
    let dark_source = |page: &ReadPage| -> String {
        page.elements
            .iter()
            .find(|e| e.name == "source")
            .filter(|e| e.attributes["media"].contains("prefers-color-scheme: dark"))
            .map(|e| e.attributes["srcset"].clone())
            .expect("no dark-mode source")
    };
    let img_src = |page: &ReadPage, class: &str| -> String {
        page.find("img", "class", class)[0].attributes["src"].clone()
    };
    // the header band: `logo`, and `logo_dark` on the dark-mode header
    let home = read_page(&text_of(&site, "index.html"));
    assert!(img_src(&home, "site-header__logo").starts_with("assets/logo."));
    assert!(dark_source(&home).starts_with("assets/logo-dark."));
    // the white print cover: `logo_print`, and the dark logo read on a dark screen
    let print = read_page(&text_of(&site, "print/index.html"));
    assert!(img_src(&print, "print-cover__logo").starts_with("../assets/logo-print."));
    assert!(dark_source(&print).starts_with("../assets/logo-dark."));

    // without them, `logo` is drawn everywhere
    let plain = scaffold("Acme Care");
    let site = build(&plain.source, &BuildOptions::default());
    let print = read_page(&text_of(&site, "print/index.html"));
    assert!(img_src(&print, "print-cover__logo").starts_with("../assets/logo."));
    assert!(!print.elements.iter().any(|e| e.name == "source"));

    // a logo for one background needs the main one
    edit(
        &settings_of(&plain),
        "  logo: logo.svg",
        "  logo_print: logo.svg",
    );
    let Err(error) = handbook::build_site(&plain.source, &BuildOptions::default()) else {
        panic!("logo_print without logo builds");
    };
    let error = error.to_string();
    assert!(
        error.contains("a logo for one background, but no `logo`"),
        "{error}"
    );
}
