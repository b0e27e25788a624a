//! The incremental builder behind `serve`: after any change, the updated site
//! must be byte for byte the site a full build makes, and a chapter body edit
//! must redo only that chapter and the pages that show its body.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::copy_dir;
use handbook::pipeline::{Builder, Outcome};
use handbook::{BuildOptions, Error};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/live");

struct Handbook {
    _temp: tempfile::TempDir,
    root: PathBuf,
}

impl Handbook {
    fn copy() -> Handbook {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("handbook");
        copy_dir(Path::new(FIXTURE), &root);
        Handbook { _temp: temp, root }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    /// Writes `relative` and returns its path, as a watcher would report it.
    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        canonical(&path)
    }

    fn replace(&self, relative: &str, from: &str, to: &str) -> PathBuf {
        let text = self.read(relative);
        assert!(text.contains(from), "{relative} has no `{from}`");
        self.write(relative, &text.replacen(from, to, 1))
    }

    fn remove(&self, relative: &str) -> PathBuf {
        let path = canonical(&self.path(relative));
        std::fs::remove_file(&path).unwrap();
        path
    }

    fn builder(&self) -> Builder {
        let mut builder = Builder::new(&self.root, BuildOptions::default());
        builder.full().expect("the fixture builds");
        builder
    }
}

fn canonical(path: &Path) -> PathBuf {
    let parent = std::fs::canonicalize(path.parent().unwrap()).unwrap();
    parent.join(path.file_name().unwrap())
}

/// Fails with the first file that differs from what a fresh full build makes.
fn assert_same_as_full_build(updated: &BTreeMap<String, Vec<u8>>, fresh: Builder) {
    let full = fresh.files();
    let updated_paths: Vec<&String> = updated.keys().collect();
    let full_paths: Vec<&String> = full.keys().collect();
    assert_eq!(
        updated_paths, full_paths,
        "the updated site has other files"
    );
    for (path, bytes) in full {
        if updated[path] != *bytes {
            let updated_text = String::from_utf8_lossy(&updated[path]);
            let full_text = String::from_utf8_lossy(bytes);
            let (line, (a, b)) = updated_text
                .lines()
                .zip(full_text.lines())
                .enumerate()
                .find(|(_, (a, b))| a != b)
                .unwrap_or((0, ("(length differs)", "")));
            panic!(
                "{path} differs from a full build at line {}:\n updated: {a}\n full:    {b}",
                line + 1
            );
        }
    }
}

fn full_build(handbook: &Handbook) -> Builder {
    handbook.builder()
}

fn update(builder: &mut Builder, changed: &[PathBuf]) -> Outcome {
    match builder.update(changed) {
        Ok(outcome) => outcome,
        Err(error) => panic!("the update failed:\n{error}"),
    }
}

/// The search index's files: its root, then its shards.
fn search_index(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let roots = files
        .keys()
        .filter(|path| path.starts_with("assets/search-index."));
    let shards = files
        .keys()
        .filter(|path| path.starts_with("assets/search/"));
    let found: Vec<String> = roots.chain(shards).cloned().collect();
    assert!(found[0].starts_with("assets/search-index."), "{found:?}");
    assert!(found.len() > 1, "a search index has shards: {found:?}");
    found
}

#[test]
fn body_edit_redoes_only_its_chapter_the_print_page_and_the_search_index() {
    let handbook = Handbook::copy();
    let mut builder = handbook.builder();
    let old_index = search_index(builder.files());
    let changed = handbook.replace("chapters/02-basics.md", "Start here.", "Start right here.");
    let outcome = update(&mut builder, &[changed]);
    assert!(!outcome.full);
    assert_eq!(outcome.markdown, ["02-basics.md"]);
    // the search page names the index, whose fingerprinted name changed
    assert_eq!(
        outcome.pages,
        ["basics/index.html", "print/index.html", "search/index.html"]
    );
    // every shard has the index's new version in its name
    let new_index = search_index(builder.files());
    let mut expected = new_index.clone();
    expected.extend([
        "basics/index.html".to_string(),
        "print/index.html".to_string(),
        "search/index.html".to_string(),
    ]);
    expected.sort();
    assert_eq!(outcome.changed, expected);
    assert_eq!(outcome.removed, old_index);
    let page = String::from_utf8_lossy(&builder.files()["basics/index.html"]).into_owned();
    assert!(page.contains("Start right here."), "{page}");
    // the section's snippet, in a section shard, says it too
    let said = new_index
        .iter()
        .filter(|path| {
            String::from_utf8_lossy(&builder.files()[*path]).contains("Start right here.")
        })
        .count();
    assert_eq!(said, 1);
    assert_same_as_full_build(builder.files(), full_build(&handbook));
}

/// The stylesheets and scripts of the components a page links, by name
/// (`components/quote.css`).
fn component_assets(files: &BTreeMap<String, Vec<u8>>, page: &str) -> Vec<String> {
    let html = String::from_utf8_lossy(&files[page]).into_owned();
    let mut found: Vec<String> = html
        .split("assets/components")
        .skip(1)
        .filter_map(|rest| {
            let path = rest.split(['"', ' ', '>']).next()?;
            let (stem, extension) = path.rsplit_once('.')?;
            let (name, _hash) = stem.rsplit_once('.')?;
            Some(format!("components{name}.{extension}"))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_chapter_that_starts_or_stops_drawing_a_component_links_its_styles_as_a_full_build() {
    let handbook = Handbook::copy();
    let mut builder = handbook.builder();
    assert_eq!(
        component_assets(builder.files(), "more/index.html"),
        Vec::<String>::new()
    );
    let changed = handbook.replace(
        "chapters/03-more.md",
        "## Further reading",
        "## Further reading\n\n```quote\ntext: Read on.\n```",
    );
    let outcome = update(&mut builder, &[changed]);
    assert!(outcome.pages.contains(&"more/index.html".to_string()));
    assert_eq!(
        component_assets(builder.files(), "more/index.html"),
        ["components.css", "components/quote.css"]
    );
    assert_same_as_full_build(builder.files(), full_build(&handbook));

    let changed = handbook.replace(
        "chapters/02-basics.md",
        "```quote\ntext: Every interaction matters.\nattribution: A practitioner\n```",
        "",
    );
    update(&mut builder, &[changed]);
    assert_eq!(
        component_assets(builder.files(), "basics/index.html"),
        Vec::<String>::new()
    );
    // the single page still draws the quote of the other chapter
    assert_eq!(
        component_assets(builder.files(), "print/index.html"),
        ["components.css", "components/quote.css"]
    );
    assert_same_as_full_build(builder.files(), full_build(&handbook));
}

#[test]
fn unminified_pages_as_serve_makes_them_match_a_full_build_too() {
    let handbook = Handbook::copy();
    let options = BuildOptions {
        skip_minify: true,
        ..BuildOptions::default()
    };
    let mut builder = Builder::new(&handbook.root, options.clone());
    builder.full().unwrap();
    let changed = handbook.replace("chapters/03-more.md", "Back to", "Go back to");
    update(&mut builder, &[changed]);
    let mut fresh = Builder::new(&handbook.root, options);
    fresh.full().unwrap();
    assert_same_as_full_build(builder.files(), fresh);
}

#[test]
fn title_change_redraws_every_page_that_lists_it_without_rendering_other_chapters() {
    let handbook = Handbook::copy();
    let mut builder = handbook.builder();
    let changed = handbook.replace(
        "chapters/02-basics.md",
        "title: The basics",
        "title: The very basics",
    );
    let outcome = update(&mut builder, &[changed]);
    assert_eq!(outcome.markdown, ["02-basics.md"]);
    // every page sees the contents list, so every page is drawn again...
    for page in [
        "index.html",
        "welcome/index.html",
        "more/index.html",
        "404.html",
    ] {
        assert!(
            outcome.pages.contains(&page.to_string()),
            "{page} was not redrawn: {outcome:?}"
        );
    }
    // ...and those that show the title changed
    for page in ["index.html", "welcome/index.html", "more/index.html"] {
        assert!(
            outcome.changed.contains(&page.to_string()),
            "{page} did not change: {outcome:?}"
        );
    }
    assert_same_as_full_build(builder.files(), full_build(&handbook));
}

#[test]
fn summary_nav_title_and_order_changes_match_a_full_build() {
    let handbook = Handbook::copy();
    let mut builder = handbook.builder();
    let edits = [
        (
            "chapters/01-welcome.md",
            "summary: What this handbook is for.",
            "summary: Why read it.",
        ),
        (
            "chapters/03-more.md",
            "nav_title: More to read",
            "nav_title: Further",
        ),
        (
            "chapters/03-more.md",
            "title: More\n",
            "title: More\norder: 0\n",
        ),
    ];
    for (file, from, to) in edits {
        let changed = handbook.replace(file, from, to);
        update(&mut builder, &[changed]);
        assert_same_as_full_build(builder.files(), full_build(&handbook));
    }
    let home = String::from_utf8_lossy(&builder.files()["index.html"]).into_owned();
    let contents = &home[home.find("contents__list").unwrap()..];
    assert!(
        contents.find("More").unwrap() < contents.find("Welcome").unwrap(),
        "order 0 comes first: {contents}"
    );
}

#[test]
fn heading_edit_with_the_same_key_fields_still_matches_a_full_build() {
    let handbook = Handbook::copy();
    let mut builder = handbook.builder();
    let changed = handbook.replace("chapters/02-basics.md", "## Next steps", "## Later steps");
    let outcome = update(&mut builder, &[changed]);
    // the "On this page" list changed, the contents list did not
    assert!(!outcome.changed.contains(&"welcome/index.html".to_string()));
    assert_same_as_full_build(builder.files(), full_build(&handbook));
}

#[test]
fn added_removed_and_renamed_chapters_match_a_full_build() {
    let handbook = Handbook::copy();
    let mut builder = handbook.builder();
    let added = handbook.write(
        "chapters/04-extra.md",
        "---\ntitle: Extra\n---\n\nSee [the basics](02-basics.md#next-steps).\n",
    );
    let outcome = update(&mut builder, &[added]);
    assert!(outcome.changed.contains(&"extra/index.html".to_string()));
    assert_same_as_full_build(builder.files(), full_build(&handbook));

    let changed = handbook.replace(
        "chapters/04-extra.md",
        "title: Extra",
        "title: Extra\nslug: bonus",
    );
    let outcome = update(&mut builder, &[changed]);
    assert!(
        outcome.removed.contains(&"extra/index.html".to_string()),
        "{outcome:?}"
    );
    assert_same_as_full_build(builder.files(), full_build(&handbook));

    let removed = handbook.remove("chapters/04-extra.md");
    let outcome = update(&mut builder, &[removed]);
    assert!(
        outcome.removed.contains(&"bonus/index.html".to_string()),
        "{outcome:?}"
    );
    assert_same_as_full_build(builder.files(), full_build(&handbook));
}

#[test]
fn draft_toggle_matches_a_full_build() {
    let handbook = Handbook::copy();
    let mut builder = handbook.builder();
    let changed = handbook.replace(
        "chapters/03-more.md",
        "title: More\n",
        "title: More\ndraft: true\n",
    );
    // 01 links to 02 only, 02 links to 03 without an anchor: dropping 03 breaks that link
    match builder.update(&[changed]) {
        Err(Error::Content(problems)) => {
            let text = problems.to_string();
            assert!(text.contains("02-basics.md"), "{text}");
        }
        other => panic!("a link to a draft chapter must be reported, got {other:?}"),
    }
    let changed = handbook.replace(
        "chapters/02-basics.md",
        "Then go on to [the last chapter](03-more.md).",
        "That is all.",
    );
    update(&mut builder, &[changed]);
    assert!(!builder.files().contains_key("more/index.html"));
    assert_same_as_full_build(builder.files(), full_build(&handbook));
}

#[test]
fn a_broken_save_keeps_the_last_good_site_and_the_repair_matches_a_full_build() {
    let handbook = Handbook::copy();
    let mut builder = handbook.builder();
    let before = builder.files().clone();
    let broken = handbook.replace(
        "chapters/02-basics.md",
        "## First steps",
        "## Initial steps",
    );
    match builder.update(&[broken]) {
        Err(Error::Content(problems)) => {
            let text = problems.to_string();
            assert!(text.contains("01-welcome.md"), "{text}");
            assert!(text.contains("#first-steps"), "{text}");
        }
        other => panic!("the broken anchor must be reported, got {other:?}"),
    }
    assert_eq!(*builder.files(), before, "a failed update changed the site");

    let broken_front = handbook.replace("chapters/03-more.md", "title: More", "titel: More");
    assert!(builder.update(&[broken_front]).is_err());
    assert_eq!(*builder.files(), before);

    let repaired = [
        handbook.replace(
            "chapters/02-basics.md",
            "## Initial steps",
            "## First steps",
        ),
        handbook.replace("chapters/03-more.md", "titel: More", "title: More"),
    ];
    let outcome = update(&mut builder, &repaired);
    assert!(
        outcome.changed.is_empty(),
        "the repaired site is the old one: {outcome:?}"
    );
    assert_same_as_full_build(builder.files(), full_build(&handbook));
}

#[test]
fn settings_and_asset_changes_rebuild_everything() {
    let handbook = Handbook::copy();
    let mut builder = handbook.builder();
    let changed = handbook.replace(
        "handbook.yaml",
        "title: Live test handbook",
        "title: Renamed",
    );
    let outcome = update(&mut builder, &[changed]);
    assert!(outcome.full);
    assert_same_as_full_build(builder.files(), full_build(&handbook));

    let old_logo: Vec<String> = builder
        .files()
        .keys()
        .filter(|p| p.starts_with("assets/logo."))
        .cloned()
        .collect();
    let changed = handbook.write(
        "assets/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle r=\"5\"/></svg>\n",
    );
    let outcome = update(&mut builder, &[changed]);
    assert_eq!(outcome.removed, old_logo);
    assert_same_as_full_build(builder.files(), full_build(&handbook));
}

#[test]
fn fork_theme_changes_match_a_full_build() {
    let handbook = Handbook::copy();
    handbook.write(
        "themes/brand/static/brand.css",
        ".site-header { border: 0; }\n",
    );
    let mut builder = handbook.builder();
    let changed = handbook.replace(
        "handbook.yaml",
        "description:",
        "theme: brand\ndescription:",
    );
    update(&mut builder, &[changed]);
    let before = builder.stylesheets();
    assert!(
        before.iter().any(|css| css.starts_with("assets/brand.")),
        "{before:?}"
    );

    let changed = handbook.write(
        "themes/brand/static/brand.css",
        ".site-header { border: 1px solid; }\n",
    );
    let outcome = update(&mut builder, &[changed]);
    assert!(outcome.full);
    assert_ne!(builder.stylesheets(), before);
    assert_same_as_full_build(builder.files(), full_build(&handbook));

    let changed = handbook.write(
        "themes/brand/templates/404.html",
        "{% extends \"default/404.html\" %}{% block content %}<h1>Lost</h1>{% endblock content %}",
    );
    update(&mut builder, &[changed]);
    let page = String::from_utf8_lossy(&builder.files()["404.html"]).into_owned();
    assert!(page.contains("<h1>Lost</h1>"), "{page}");
    assert_same_as_full_build(builder.files(), full_build(&handbook));
}

#[test]
fn default_theme_read_from_a_folder_follows_its_edits() {
    let handbook = Handbook::copy();
    let theme = handbook._temp.path().join("default-theme");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &theme,
    );
    let new_builder = || {
        let mut builder =
            Builder::new(&handbook.root, BuildOptions::default()).with_default_theme_dir(&theme);
        builder.full().unwrap();
        builder
    };
    let mut builder = new_builder();
    assert!(
        builder
            .watched_folders()
            .contains(&std::fs::canonicalize(&theme).unwrap())
    );
    let css = theme.join("static/style.css");
    let text = std::fs::read_to_string(&css).unwrap();
    std::fs::write(&css, format!("{text}\n.added-rule {{ color: inherit; }}\n")).unwrap();
    let outcome = update(&mut builder, &[std::fs::canonicalize(&css).unwrap()]);
    assert!(outcome.full);
    let style = builder
        .files()
        .iter()
        .find(|(path, _)| path.starts_with("assets/style."))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap();
    assert!(style.contains(".added-rule"));
    assert_same_as_full_build(builder.files(), new_builder());
}

#[test]
fn changes_outside_the_source_or_to_other_files_do_nothing() {
    let handbook = Handbook::copy();
    let mut builder = handbook.builder();
    let notes = handbook.write("NOTES.md", "editorial notes\n");
    let text = handbook.write("chapters/readme.txt", "not a chapter\n");
    let outcome = update(
        &mut builder,
        &[notes, text, PathBuf::from("/elsewhere/x.md")],
    );
    assert_eq!(outcome, Outcome::default());
}

#[test]
fn a_change_the_watcher_missed_is_still_picked_up_by_size_or_time() {
    let handbook = Handbook::copy();
    let mut builder = handbook.builder();
    handbook.replace(
        "chapters/03-more.md",
        "## Further reading",
        "## Further reading and more",
    );
    // only the other file is reported; 03 changed size
    let other = canonical(&handbook.path("chapters/01-welcome.md"));
    let outcome = update(&mut builder, &[other]);
    assert_eq!(outcome.markdown, ["03-more.md"]);
    assert_same_as_full_build(builder.files(), full_build(&handbook));
}
