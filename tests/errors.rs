//! Every kind of bad input an editor or a fork can give, run through the real
//! binary: the exit status, the message (file, line, column, the quoted line,
//! the hint), every problem in one run, the previous output left exactly as
//! it was and no temporary folder left behind.
//!
//! Each case has its own small handbook under `tests/fixtures/bad-*`.

mod common;

use common::{
    Problem, build_fixture, fixture, handbook, previous_build, snapshot, temporary_folders,
};

/// Builds the good fixture into a fresh output folder, then `bad` into the
/// same folder; checks the build failed with `status`, changed nothing and
/// left nothing behind. Returns what it printed on stderr.
fn fails_and_keeps_previous_output(bad: &str, status: i32) -> String {
    let (dir, out) = previous_build();
    let before = snapshot(&out);
    assert!(before.contains_key("index.html"));

    let output = build_fixture(bad, &out).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(status), "{stderr}");
    assert_eq!(snapshot(&out), before, "the previous output changed");
    assert_eq!(temporary_folders(dir.path()), Vec::<String>::new());
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// One problem of a run: exit 1, exactly `count` problems, and this one among them.
fn content_error(bad: &str, count: usize, problem: Problem<'_>) -> String {
    let stderr = fails_and_keeps_previous_output(bad, 1);
    problem.assert_in(&stderr);
    let total = if count == 1 {
        "1 problem found".to_string()
    } else {
        format!("{count} problems found")
    };
    assert!(stderr.trim_end().ends_with(&total), "{stderr}");
    stderr
}

#[test]
fn malformed_yaml_points_at_the_unclosed_quote() {
    content_error(
        "bad-yaml",
        1,
        Problem {
            file: "bad-yaml/chapters/01-welcome.md",
            line: Some((2, 8)),
            message: "this quote is never closed",
            source_line: Some("title: \"Welcome"),
            hint: "add the closing quote",
        },
    );
}

#[test]
fn missing_front_matter_is_reported() {
    content_error(
        "bad-front-matter-missing",
        1,
        Problem {
            file: "bad-front-matter-missing/chapters/01-welcome.md",
            line: Some((1, 1)),
            message: "this chapter has no front matter",
            source_line: Some("# Welcome"),
            hint: "start the file with a `---` line",
        },
    );
}

#[test]
fn unclosed_front_matter_is_reported() {
    content_error(
        "bad-front-matter-unclosed",
        1,
        Problem {
            file: "bad-front-matter-unclosed/chapters/01-welcome.md",
            line: Some((1, 1)),
            message: "the front matter is not closed",
            source_line: Some("---"),
            hint: "add a line with just `---`",
        },
    );
}

#[test]
fn empty_front_matter_is_reported() {
    content_error(
        "bad-front-matter-empty",
        1,
        Problem {
            file: "bad-front-matter-empty/chapters/01-welcome.md",
            line: Some((2, 1)),
            message: "the front matter is empty",
            source_line: Some("---"),
            hint: "`title: Your title`",
        },
    );
}

#[test]
fn missing_title_names_the_key() {
    content_error(
        "bad-missing-title",
        1,
        Problem {
            file: "bad-missing-title/chapters/01-welcome.md",
            line: Some((2, 1)),
            message: "the required key `title` is missing",
            source_line: Some("summary: A chapter without a title."),
            hint: "add a line `title: ...`",
        },
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    content_error(
        "bad-unknown-key",
        1,
        Problem {
            file: "bad-unknown-key/chapters/01-welcome.md",
            line: Some((3, 1)),
            message: "unknown key `sumary`",
            source_line: Some("sumary: A typo in a key."),
            hint: "did you mean `summary`?",
        },
    );
}

#[test]
fn wrong_type_says_what_is_expected() {
    content_error(
        "bad-wrong-type",
        1,
        Problem {
            file: "bad-wrong-type/chapters/01-welcome.md",
            line: Some((3, 8)),
            message: "`order` must be a whole number, not `third`",
            source_line: Some("order: third"),
            hint: "write digits only, for example `order: 3`",
        },
    );
}

#[test]
fn duplicate_slugs_name_both_files() {
    content_error(
        "bad-duplicate-slugs",
        1,
        Problem {
            file: "bad-duplicate-slugs/chapters/02-hello.md",
            line: Some((3, 1)),
            message: "two chapters have the slug `welcome`: bad-duplicate-slugs/chapters/01-welcome.md and bad-duplicate-slugs/chapters/02-hello.md",
            source_line: Some("slug: welcome"),
            hint: "give one of them a different file name or a `slug:`",
        },
    );
}

#[test]
fn a_chapter_that_is_not_utf8_is_located() {
    content_error(
        "bad-not-utf8",
        1,
        Problem {
            file: "bad-not-utf8/chapters/01-welcome.md",
            // "Caf" then the Latin-1 byte for "é"
            line: Some((5, 4)),
            message: "this file is not UTF-8 text",
            source_line: Some("Caf"),
            hint: "save the file with UTF-8 encoding",
        },
    );
}

#[test]
fn an_empty_chapters_folder_is_reported() {
    content_error(
        "bad-empty-chapters",
        1,
        Problem {
            file: "bad-empty-chapters/chapters",
            line: None,
            message: "the chapters folder has no `.md` files",
            source_line: None,
            hint: "add a chapter such as `chapters/01-introduction.md`",
        },
    );
}

#[test]
fn a_missing_handbook_yaml_is_reported() {
    content_error(
        "bad-config-missing",
        1,
        Problem {
            file: "bad-config-missing/handbook.yaml",
            line: None,
            message: "cannot read the handbook settings",
            source_line: None,
            hint: "every handbook needs a `handbook.yaml`",
        },
    );
}

#[test]
fn a_malformed_handbook_yaml_points_at_the_line() {
    content_error(
        "bad-config-malformed",
        1,
        Problem {
            file: "bad-config-malformed/handbook.yaml",
            line: Some((3, 11)),
            message: "this key is indented further than the key above it",
            source_line: Some("  language: en-GB"),
            hint: "start keys at the same level in the same column",
        },
    );
}

#[test]
fn a_malformed_colour_is_reported() {
    let stderr = fails_and_keeps_previous_output("bad-colour", 1);
    let block = stderr
        .split("\n\n")
        .find(|block| block.contains("#12345g"))
        .unwrap_or_else(|| panic!("the colour is not reported:\n{stderr}"));
    assert!(block.contains("which is not a colour"), "{block}");
    assert!(block.contains("--> bad-colour/handbook.yaml:5:"), "{block}");
    assert!(block.contains("5 |     primary: \"#12345g\""), "{block}");
    assert!(
        block.contains("= hint: write colours as #RRGGBB"),
        "{block}"
    );
}

#[test]
fn broken_links_and_anchors_are_reported_with_suggestions() {
    let stderr = content_error(
        "bad-link",
        2,
        Problem {
            file: "bad-link/chapters/01-welcome.md",
            line: Some((5, 6)),
            message: "the link points to a chapter that does not exist: `03-missing.md`",
            source_line: Some("Read [a missing chapter](03-missing.md) first."),
            hint: "link to a chapter by its file name",
        },
    );
    Problem {
        file: "bad-link/chapters/01-welcome.md",
        line: Some((7, 6)),
        message: "the link points to `#what-to-dp`, which is not a heading or anchor in 02-next-steps.md",
        source_line: Some("Then [the next steps](02-next-steps.md#what-to-dp)."),
        hint: "did you mean `#what-to-do`?",
    }
    .assert_in(&stderr);
}

#[test]
fn a_missing_image_suggests_the_asset_it_meant() {
    content_error(
        "bad-image",
        1,
        Problem {
            file: "bad-image/chapters/01-welcome.md",
            line: Some((5, 1)),
            message: "the file `../assets/sqare.svg` does not exist",
            source_line: Some("![A small square](../assets/sqare.svg)"),
            hint: "did you mean `../assets/square.svg`?",
        },
    );
}

#[test]
fn a_component_with_an_unknown_key_points_into_the_chapter() {
    content_error(
        "bad-component",
        1,
        Problem {
            file: "bad-component/chapters/01-welcome.md",
            line: Some((9, 1)),
            message: "unknown key `atribution`",
            source_line: Some("atribution: A reader"),
            hint: "did you mean `attribution`?",
        },
    );
}

#[test]
fn a_fork_template_with_a_syntax_error_names_the_file_and_line() {
    content_error(
        "bad-template-syntax",
        1,
        Problem {
            file: "bad-template-syntax/themes/fork/templates/chapter.html",
            line: Some((6, 22)),
            message: "template error: Found `}` but expected }}.",
            source_line: Some("  <p>{{ page.summary }</p>"),
            hint: "fix the template at this line",
        },
    );
}

#[test]
fn a_fork_template_with_an_unknown_filter_names_the_file_and_line() {
    content_error(
        "bad-template-filter",
        1,
        Problem {
            file: "bad-template-filter/themes/fork/templates/chapter.html",
            line: Some((5, 24)),
            message: "template error: Unknown filter `shout`",
            source_line: Some("  <p>{{ page.summary | shout }}</p>"),
            hint: "check the filter's name",
        },
    );
}

#[test]
fn raw_html_is_refused_by_default() {
    let stderr = content_error(
        "bad-raw-html",
        2,
        Problem {
            file: "bad-raw-html/chapters/01-welcome.md",
            line: Some((7, 1)),
            message: "raw HTML is not allowed in chapters",
            source_line: Some("<script>alert(\"hello\")</script>"),
            hint: "set `allow_html: true` in handbook.yaml",
        },
    );
    assert!(stderr.contains("01-welcome.md:9:1"), "{stderr}");
}

#[test]
fn allowed_raw_html_is_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_fixture("html-allowed", &out).assert().success();
    let page = std::fs::read_to_string(out.join("welcome/index.html")).unwrap();
    let body = page
        .split_once("<main")
        .map(|(_, main)| main.to_ascii_lowercase())
        .unwrap();
    assert!(!body.contains("<script"), "{body}");
    assert!(!body.contains("javascript:"), "{body}");
    assert!(!body.contains("<iframe"), "{body}");
    assert!(!body.contains("alert("), "{body}");
    let handler = regex_free_find_event_handler(&body);
    assert!(handler.is_none(), "event handler {handler:?} in {body}");
    // what is safe stays, without its attributes (quoted or not: pages are minified)
    let link = body.find("here</a>").map(|end| &body[..end]).unwrap();
    let link = &link[link.rfind("<a").unwrap()..];
    assert!(!link.contains("href"), "{link}");
    assert!(body.contains("<kbd>ctrl</kbd>"), "{body}");
    // and the page forbids inline script, should anything slip through
    let read = common::read_page(&page);
    let meta = read.find("meta", "http-equiv", "Content-Security-Policy");
    let csp = &meta.first().expect("a Content-Security-Policy").attributes["content"];
    let script_src = csp
        .split(';')
        .find(|directive| directive.trim().starts_with("script-src"))
        .unwrap();
    assert!(!script_src.contains("unsafe-inline"), "{csp}");
    // the same goes for the print page
    let print = std::fs::read_to_string(out.join("print/index.html"))
        .unwrap()
        .to_ascii_lowercase();
    assert!(!print.contains("alert("), "{print}");
}

/// The first ` onSOMETHING=` attribute in `html`, if any.
fn regex_free_find_event_handler(html: &str) -> Option<String> {
    html.match_indices(" on").find_map(|(at, _)| {
        let name: String = html[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let rest = &html[at + 1 + name.len()..];
        (name.len() > 2 && rest.trim_start().starts_with('=')).then_some(name)
    })
}

#[test]
fn paths_out_of_the_handbook_are_refused_and_never_read() {
    let stderr = content_error(
        "bad-path-escape",
        3,
        Problem {
            file: "bad-path-escape/chapters/01-welcome.md",
            line: Some((5, 1)),
            message: "the image `../../etc/passwd` is not in the handbook's `assets/` folder",
            source_line: Some("![The password file](../../etc/passwd)"),
            hint: "save the image in `assets/`",
        },
    );
    Problem {
        file: "bad-path-escape/chapters/01-welcome.md",
        line: Some((7, 6)),
        message: "the link `../../etc/passwd` points outside the handbook's `assets/` folder",
        source_line: Some("Read [the password file](../../etc/passwd)."),
        hint: "put the file in the handbook's `assets/` folder",
    }
    .assert_in(&stderr);
    Problem {
        file: "bad-path-escape/handbook.yaml",
        line: Some((4, 3)),
        message: "the logo `../../etc/passwd` is not in `assets/`",
        source_line: Some("  logo: ../../etc/passwd"),
        hint: "put the logo file in the handbook's `assets/` folder",
    }
    .assert_in(&stderr);
    assert!(!stderr.contains("root:"), "{stderr}");
}

#[test]
fn symbolic_links_that_loop_or_leave_the_handbook_are_reported_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("linked");
    common::copy_dir(&fixture("good-small"), &source);
    let assets = source.join("assets");
    std::os::unix::fs::symlink(".", assets.join("loop")).unwrap();
    std::os::unix::fs::symlink("self.svg", assets.join("self.svg")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", assets.join("passwd.txt")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", source.join("chapters/03-passwd.md")).unwrap();
    // a link that stays inside `assets/` is fine
    std::os::unix::fs::symlink("square.svg", assets.join("alias.svg")).unwrap();

    let out = dir.path().join("out");
    let output = handbook()
        .args(["build", "--source"])
        .arg(&source)
        .arg("--out")
        .arg(&out)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for (file, why) in [
        ("linked/assets/loop", "leads to a folder"),
        ("linked/assets/self.svg", "leads nowhere"),
        ("linked/assets/passwd.txt", "leads outside"),
        ("linked/chapters/03-passwd.md", "leads outside"),
    ] {
        assert!(
            stderr.contains(&format!("--> {file}\n")),
            "{file}: {stderr}"
        );
        assert!(stderr.contains(why), "{why}: {stderr}");
    }
    assert!(stderr.trim_end().ends_with("4 problems found"), "{stderr}");
    assert!(!stderr.contains("root:"), "{stderr}");
    assert!(!out.exists());
    assert_eq!(temporary_folders(dir.path()), Vec::<String>::new());
}

#[test]
fn every_problem_in_every_file_is_reported_in_one_run() {
    let stderr = fails_and_keeps_previous_output("bad-many", 1);
    for (file, line, message) in [
        ("01-welcome.md", 3, "unknown key `sumary`"),
        ("02-next-steps.md", 8, "`09-missing.md`"),
        (
            "02-next-steps.md",
            10,
            "`../assets/missing.png` does not exist",
        ),
        ("02-next-steps.md", 14, "unknown key `atribution`"),
        ("03-more.md", 3, "`order` must be a whole number"),
        ("04-last.md", 7, "raw HTML is not allowed"),
    ] {
        assert!(
            stderr.contains(&format!("bad-many/chapters/{file}:{line}:")),
            "{file}:{line}: {stderr}"
        );
        assert!(stderr.contains(message), "{message}: {stderr}");
    }
    // a link to a chapter that exists but has problems of its own is not one more
    assert!(!stderr.contains("`01-welcome.md`"), "{stderr}");
    // nor is a link to an anchor of a chapter whose component was refused
    // (the anchor may be the component's): the refusal is the cause
    assert!(!stderr.contains("`#nowhere`"), "{stderr}");
    assert!(stderr.trim_end().ends_with("6 problems found"), "{stderr}");
}

#[test]
fn check_reports_the_same_problems_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = handbook()
        .current_dir(dir.path())
        .args(["check", "--source"])
        .arg(fixture("bad-many"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.trim_end().ends_with("6 problems found"), "{stderr}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// `--out` pointing at the source, above it, at home or at `/` is refused
/// before anything is read or written.
mod dangerous_output {
    use super::*;

    fn refused(source: &std::path::Path, out: &std::path::Path, home: &std::path::Path) -> String {
        let output = handbook()
            .env("HOME", home)
            .args(["build", "--source"])
            .arg(source)
            .arg("--out")
            .arg(out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("refusing to write the site to"), "{stderr}");
        assert!(stderr.contains("--out"), "{stderr}");
        stderr
    }

    fn copy_of_good(dir: &std::path::Path) -> std::path::PathBuf {
        let source = dir.join("handbook");
        common::copy_dir(&fixture("good-small"), &source);
        source
    }

    #[test]
    fn equal_to_the_source() {
        let dir = tempfile::tempdir().unwrap();
        let source = copy_of_good(dir.path());
        let before = snapshot(dir.path());
        let stderr = refused(&source, &source, dir.path());
        assert!(
            stderr.contains("it contains the handbook's source"),
            "{stderr}"
        );
        assert_eq!(snapshot(dir.path()), before);
    }

    #[test]
    fn above_the_source() {
        let dir = tempfile::tempdir().unwrap();
        let source = copy_of_good(dir.path());
        let before = snapshot(dir.path());
        refused(&source, dir.path(), &source);
        // the same folder written another way
        refused(&source, &source.join(".."), &source);
        assert_eq!(snapshot(dir.path()), before);
    }

    #[test]
    fn inside_the_source() {
        let dir = tempfile::tempdir().unwrap();
        let source = copy_of_good(dir.path());
        let before = snapshot(dir.path());
        let stderr = refused(&source, &source.join("chapters"), dir.path());
        assert!(stderr.contains("inside the handbook's source"), "{stderr}");
        assert_eq!(snapshot(dir.path()), before);
    }

    #[test]
    fn the_home_folder() {
        let dir = tempfile::tempdir().unwrap();
        let source = copy_of_good(dir.path());
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();
        std::fs::write(home.join("notes.txt"), "precious").unwrap();
        let stderr = refused(&source, &home, &home);
        assert!(stderr.contains("your home folder"), "{stderr}");
        assert_eq!(
            std::fs::read_to_string(home.join("notes.txt")).unwrap(),
            "precious"
        );
    }

    #[test]
    fn the_root_folder() {
        let dir = tempfile::tempdir().unwrap();
        let source = copy_of_good(dir.path());
        let stderr = refused(&source, std::path::Path::new("/"), dir.path());
        assert!(stderr.contains("it is the root folder"), "{stderr}");
        assert!(std::path::Path::new("/etc").is_dir());
    }
}

/// Regression: quotes nested 600 deep in each other's text overflowed the
/// stack (the process aborted) before nesting had a limit.
#[test]
fn components_nested_without_end_are_refused_not_a_stack_overflow() {
    let mut body = "Deep.".to_string();
    for _ in 0..600 {
        let indented: Vec<String> = body.lines().map(|line| format!("    {line}")).collect();
        body = format!(
            "````quote\ntext: |\n{}\nattribution: A\n````",
            indented.join("\n")
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("nested");
    std::fs::create_dir_all(source.join("chapters")).unwrap();
    std::fs::write(
        source.join("handbook.yaml"),
        "title: Nested\norganisation: Test\n",
    )
    .unwrap();
    std::fs::write(
        source.join("chapters/01-nested.md"),
        format!("---\ntitle: Nested\n---\n\n{body}\n"),
    )
    .unwrap();
    let output = handbook()
        .args(["check", "--source"])
        .arg(&source)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("components are nested more than 32 deep"),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with("1 problem found"), "{stderr}");
}

/// Editor mistakes, each in a small handbook written for it: `handbook
/// check`'s whole output (every message with its file, line, column, quoted
/// line and hint, and the count) is compared with a snapshot reviewed by
/// hand (`tests/snapshots/errors__*.snap`). One cause, no knock-on: the
/// count is in the snapshot's last line, and asserted apart.
mod mistakes {
    use super::*;

    const SETTINGS: &str = "title: Test\norganisation: Test\n";

    /// Checks a handbook of `files` (path → text; `handbook.yaml` and a
    /// chapter `01-welcome.md` are added unless given); returns the exit
    /// status and the output, with the summary line `count` holds.
    fn check(files: &[(&str, &str)], status: i32, count: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("handbook");
        std::fs::create_dir_all(root.join("chapters")).unwrap();
        let given = |name: &str| files.iter().any(|(path, _)| *path == name);
        if !given("handbook.yaml") {
            common::write(&root.join("handbook.yaml"), SETTINGS);
        }
        if !files.iter().any(|(path, _)| path.starts_with("chapters/")) {
            common::write(
                &root.join("chapters/01-welcome.md"),
                "---\ntitle: Welcome\n---\n\nHello.\n",
            );
        }
        for (path, text) in files {
            common::write(&root.join(path), text);
        }
        let output = handbook()
            .current_dir(dir.path())
            .args(["check", "handbook"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(status), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.trim_end().ends_with(count), "not {count}:\n{stderr}");
        stderr
    }

    /// A chapter `01-welcome.md` with `front` front matter lines and `body`.
    fn chapter(front: &str, body: &str) -> String {
        format!("---\ntitle: Welcome\n{front}---\n\n{body}")
    }

    macro_rules! mistake {
        ($name:ident, $files:expr, $status:expr, $count:expr) => {
            #[test]
            fn $name() {
                let files: Vec<(&str, String)> = $files;
                let files: Vec<(&str, &str)> = files
                    .iter()
                    .map(|(path, text)| (*path, text.as_str()))
                    .collect();
                insta::assert_snapshot!(check(&files, $status, $count));
            }
        };
    }

    const ONE: &str = "1 problem found";
    const WARNED: &str = "1 warning found";
    const CH: &str = "chapters/01-welcome.md";

    // Where the mistake is: its own line and column.
    mistake!(
        tab_in_front_matter,
        vec![(
            CH,
            "---\ntitle: Welcome\n\tsummary: A tab.\n---\n\nHello.\n".into()
        )],
        1,
        ONE
    );
    mistake!(
        tab_in_a_component,
        vec![(
            CH,
            chapter("", "```quote\ntext: Hello.\n\tattribution: A reader\n```\n")
        )],
        1,
        ONE
    );
    mistake!(
        tab_in_handbook_yaml,
        vec![(
            "handbook.yaml",
            "title: Test\n\torganisation: Test\n".into()
        )],
        1,
        ONE
    );
    mistake!(
        unclosed_component_to_the_end,
        vec![(
            CH,
            chapter(
                "",
                "```quote\ntext: Hello.\n\nSome prose: with a colon.\n\n## Later\n\nMore.\n"
            )
        )],
        1,
        ONE
    );
    mistake!(
        unclosed_component_before_the_next,
        vec![(
            CH,
            chapter(
                "",
                "```quote\ntext: Hello.\n\nSome prose.\n\n```quote\ntext: Again.\n```\n"
            )
        )],
        1,
        ONE
    );
    mistake!(
        broken_link_in_a_components_field,
        vec![(
            CH,
            chapter(
                "",
                "```quote\ntext: |\n  Hello.\n  See [the plan](09-missing.md).\nattribution: A reader\n```\n"
            )
        )],
        1,
        ONE
    );
    mistake!(
        a_mapping_where_a_number_is,
        vec![(CH, chapter("", "```trauma-tree\nroots: 42\n```\n"))],
        1,
        ONE
    );

    // No knock-on: the cause alone.
    mistake!(
        a_refused_component_hides_links_to_its_anchor,
        vec![
            ("chapters/01-welcome.md", chapter("", "See [the quote](02-quote.md#kind-words).\n")),
            ("chapters/02-quote.md", "---\ntitle: Quote\n---\n\n```quote\nid: kind-words\ntext: Hello.\nreasonz: typo\n```\n".into()),
        ],
        1,
        ONE
    );
    mistake!(
        a_shared_slug_hides_links_to_either,
        vec![
            (
                "chapters/01-welcome.md",
                chapter(
                    "",
                    "## Start here\n\nSee [values](02-values.md#our-values).\n"
                )
            ),
            (
                "chapters/02-values.md",
                "---\ntitle: Values\nslug: welcome\n---\n\n## Our values\n".into()
            ),
        ],
        1,
        ONE
    );

    // Errors that used to pass in silence.
    mistake!(
        a_components_id_a_heading_has,
        vec![(
            CH,
            chapter(
                "",
                "## Kind words\n\n```quote\nid: kind-words\ntext: Hello.\n```\n"
            )
        )],
        1,
        ONE
    );
    mistake!(
        a_headings_id_a_heading_has,
        vec![(
            CH,
            chapter("", "## Kind words\n\n## Other words {#kind-words}\n")
        )],
        1,
        ONE
    );
    mistake!(
        a_copied_chapter_file,
        vec![
            ("chapters/01-welcome.md", chapter("", "Hello.\n")),
            (
                "chapters/02-values (copy).md",
                "---\ntitle: Values\n---\n\nHello.\n".into()
            ),
        ],
        1,
        ONE
    );

    // Warnings: probably a mistake, but the site builds.
    mistake!(
        a_link_to_a_chapter_with_a_space_in_its_address,
        vec![
            (
                CH,
                chapter("", "Read on in [next steps](02 next steps.md#why).\n")
            ),
            (
                "chapters/02-next-steps.md",
                "---\ntitle: Next steps\n---\n\n## Why\n\nBecause.\n".into()
            ),
        ],
        0,
        WARNED
    );
    mistake!(
        a_block_named_like_a_component,
        vec![(CH, chapter("", "```qoute\ntext: Hello.\n```\n"))],
        0,
        WARNED
    );
    mistake!(
        a_block_holding_a_mapping_named_like_nothing,
        vec![(
            CH,
            chapter(
                "",
                "```pullquote\ntext: Hello.\nattribution: A reader\n```\n"
            )
        )],
        0,
        WARNED
    );
    mistake!(
        two_chapters_numbered_alike,
        vec![
            (
                "chapters/02-values.md",
                "---\ntitle: Values\n---\n\nHello.\n".into()
            ),
            (
                "chapters/02-safety.md",
                "---\ntitle: Safety\n---\n\nHello.\n".into()
            ),
        ],
        0,
        WARNED
    );
    mistake!(
        a_theme_folder_nothing_names,
        vec![("themes/brand/static/brand.css", "body {}\n".into())],
        0,
        WARNED
    );
    mistake!(
        a_chapter_with_no_text,
        vec![(CH, "---\ntitle: Welcome\n---\n".into())],
        0,
        WARNED
    );
    mistake!(
        an_unclosed_code_block,
        vec![(CH, chapter("", "```rust\nfn main() {}\n\nMore prose.\n"))],
        0,
        WARNED
    );

    // A fork's templates.
    fn fork(template: &str) -> Vec<(&'static str, String)> {
        vec![
            ("handbook.yaml", format!("{SETTINGS}theme: fork\n")),
            ("themes/fork/templates/chapter.html", template.to_string()),
        ]
    }
    mistake!(
        a_template_extending_itself,
        fork("{% extends \"chapter.html\" %}\n"),
        1,
        ONE
    );
    mistake!(
        a_template_with_an_unknown_block,
        fork(
            "{% extends \"default/chapter.html\" %}\n{% block contnet %}<p>x</p>{% endblock contnet %}\n"
        ),
        1,
        ONE
    );
    mistake!(
        a_template_with_a_misspelt_variable,
        fork(
            "{% extends \"default/chapter.html\" %}\n{% block content %}\n<p>{{ pgae.title }}</p>\n{% endblock content %}\n"
        ),
        1,
        ONE
    );
    mistake!(
        a_template_with_a_misspelt_field,
        fork(
            "{% extends \"default/chapter.html\" %}\n{% block content %}\n<p>{{ page.titel }}</p>\n{% endblock content %}\n"
        ),
        1,
        ONE
    );

    // Every kind of YAML error, in an editor's words.
    fn front(lines: &str) -> Vec<(&'static str, String)> {
        vec![(CH, format!("---\n{lines}---\n\nHello.\n"))]
    }
    fn component(name: &str, yaml: &str) -> Vec<(&'static str, String)> {
        vec![(CH, chapter("", &format!("```{name}\n{yaml}```\n")))]
    }
    mistake!(
        yaml_unclosed_quote,
        front("title: \"Welcome\nsummary: x\n"),
        1,
        ONE
    );
    mistake!(
        yaml_text_after_the_closing_quote,
        front("title: \"Safe\" spaces\n"),
        1,
        ONE
    );
    mistake!(yaml_bad_escape, front("title: \"C:\\path\"\n"), 1, ONE);
    mistake!(
        yaml_line_without_a_key,
        front("title: Welcome\nJust some words\nsummary: x\n"),
        1,
        ONE
    );
    mistake!(
        yaml_colon_inside_a_value,
        front("title: Welcome: a start\n"),
        1,
        ONE
    );
    mistake!(
        yaml_indented_key,
        front("title: Welcome\n  summary: x\n"),
        1,
        ONE
    );
    mistake!(
        yaml_list_broken,
        component(
            "exercise",
            "kind: grounding\ntitle: Ground\nsteps:\n  - text: See\n   - text: Touch\n"
        ),
        1,
        ONE
    );
    mistake!(yaml_brackets, front("title: [Draft] Welcome\n"), 1, ONE);
    mistake!(yaml_unclosed_bracket, front("title: [Draft\n"), 1, ONE);
    mistake!(yaml_reference, front("title: *important*\n"), 1, ONE);
    mistake!(yaml_tag, front("title: !important\n"), 1, ONE);
    mistake!(yaml_reserved_character, front("title: @home\n"), 1, ONE);
    mistake!(
        yaml_block_scalar_header,
        component("quote", "text: | Hello\n  more\n"),
        1,
        ONE
    );
    mistake!(
        yaml_block_scalar_indent,
        component("quote", "text: |\n    Hello\n  more\nattribution: A\n"),
        1,
        ONE
    );
    mistake!(
        yaml_duplicate_key,
        front("summary: a\nsummary: b\n"),
        1,
        ONE
    );
    mistake!(yaml_missing_key, front("summary: no title\n"), 1, ONE);
    mistake!(
        yaml_unknown_key,
        front("title: Welcome\nsumary: x\n"),
        1,
        ONE
    );
    mistake!(
        yaml_unknown_value,
        component(
            "exercise",
            "kind: groundng\ntitle: Ground\nsteps:\n  - text: See\n"
        ),
        1,
        ONE
    );
    mistake!(
        yaml_whole_number,
        front("title: Welcome\norder: third\n"),
        1,
        ONE
    );
    mistake!(
        yaml_true_or_false,
        front("title: Welcome\ndraft: maybe\n"),
        1,
        ONE
    );
    mistake!(
        yaml_empty_value,
        component("quote", "text:\nattribution: A reader\n"),
        1,
        ONE
    );
    mistake!(yaml_comment_for_a_value, front("title: #welcome\n"), 1, ONE);
    mistake!(
        yaml_list_for_text,
        front("title: Welcome\nsummary: [a, b]\n"),
        1,
        ONE
    );
    mistake!(
        yaml_text_for_a_list,
        component(
            "exercise",
            "kind: grounding\ntitle: Ground\nsteps: See, touch\n"
        ),
        1,
        ONE
    );
    mistake!(
        yaml_missing_space_after_colon,
        front("title:Welcome\n"),
        1,
        ONE
    );
    mistake!(
        yaml_smart_quotes,
        front("title: “Welcome: a start”\n"),
        1,
        ONE
    );
}
