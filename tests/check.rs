//! `handbook check`: every check of a build, nothing written, and the
//! external links listed by host (not fetched).

mod common;

use common::*;

#[test]
fn check_lists_external_links_by_host_and_writes_nothing() {
    let scaffold = scaffold("Acme Care");
    let chapter = scaffold.source.join("chapters/02-how-we-work.md");
    edit(
        &chapter,
        "## Where to find help\n",
        "## Where to find help\n\nSee [NHS mental health](https://www.nhs.uk/mental-health/), \
         [Every Mind Matters](https://www.nhs.uk/every-mind-matters/?from=handbook#top), \
         [Mind](https://www.mind.org.uk/) and [email us](mailto:help@acme.example).\n",
    );
    let before = listing(scaffold.dir.path());
    let Ran {
        code,
        stdout: report,
        stderr,
    } = run_with(
        handbook().current_dir(scaffold.dir.path()),
        &["check"],
        &scaffold.source,
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        report,
        "No problems found.\n\
         \n\
         External links (5), by host, not fetched:\n  \
           example.org\n    \
             https://example.org/\n  \
           mailto\n    \
             mailto:help@acme.example\n  \
           www.mind.org.uk\n    \
             https://www.mind.org.uk/\n  \
           www.nhs.uk\n    \
             https://www.nhs.uk/every-mind-matters/?from=handbook#top\n    \
             https://www.nhs.uk/mental-health/\n"
    );
    assert_eq!(listing(scaffold.dir.path()), before, "check wrote files");
}

#[test]
fn check_reports_content_problems_with_status_1() {
    let scaffold = scaffold("Acme Care");
    edit(
        &scaffold.source.join("chapters/02-how-we-work.md"),
        "(01-welcome.md#who-this-handbook-is-for)",
        "(01-welcome.md#who-its-for)",
    );
    let Ran {
        code,
        stderr: message,
        ..
    } = run(&["check"], &scaffold.source);
    assert_eq!(code, Some(1));
    assert!(
        message.contains("acme/chapters/02-how-we-work.md:"),
        "{message}"
    );
    assert!(message.contains("#who-its-for"), "{message}");
}

/// Every path under `dir`, sorted.
fn listing(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.unwrap().path().to_path_buf())
        .collect();
    paths.sort();
    paths
}

/// Addresses a component draws itself (a resource's web address and DOI)
/// are listed too, not only links written in Markdown.
#[test]
fn check_lists_the_addresses_of_the_bundled_resource_list() {
    let Ran {
        code,
        stdout: report,
        stderr,
    } = run(&["check"], &bundled_handbook());
    assert_eq!(code, Some(0), "{stderr}");
    for address in [
        "https://doi.org/10.1136/bmjopen-2023-072916",
        "https://www.ted.com/talks/nadine_burke_harris_how_childhood_trauma_affects_health_across_a_lifetime",
    ] {
        assert!(
            report.contains(&format!("    {address}\n")),
            "{address} missing from:\n{report}"
        );
    }
}
