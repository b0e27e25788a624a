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
            message: "unclosed quote",
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
            message: "mapping values are not allowed in this context",
            source_line: Some("  language: en-GB"),
            hint: "check the indentation",
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
        ("04-last.md", 5, "`#nowhere`"),
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
    assert!(stderr.trim_end().ends_with("7 problems found"), "{stderr}");
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
    assert!(stderr.trim_end().ends_with("7 problems found"), "{stderr}");
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
