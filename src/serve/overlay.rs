//! The panel that lists a build's problems on every served page: a failed
//! build's errors, or the warnings of one that was built.
//!
//! It is a `<dialog>` with the `alertdialog` role: the live script opens it as
//! a modal dialog, which moves focus into it, makes screen readers announce
//! its title and summary, keeps focus inside, and closes on Escape or its
//! close button, giving focus back. Each problem is shown as the command line
//! prints it: file, line, the source line and the hint.

use crate::diagnostics::Diagnostics;
use crate::html::escape;

/// The overlay's `id`, which the live script looks for.
pub(super) const ID: &str = "handbook-problems";

/// The overlay listing `problems`, opened (so it shows even before the
/// script runs).
pub(super) fn overlay(problems: &Diagnostics) -> String {
    let count = problems.len();
    let (noun, summary) = if problems.has_errors() {
        (
            "problem",
            "The last save could not be built, so you are seeing the last good version. Fix the {them} below and save: this page updates by itself.",
        )
    } else {
        (
            "warning",
            "The last save was built, and this page shows it, but what is listed below is probably a mistake. Fix the {them} and save, or close this panel.",
        )
    };
    let plural = if count == 1 { "" } else { "s" };
    let them = format!("{noun}{plural}");
    let summary = summary.replace("{them}", &them);
    let mut html = format!(
        "<dialog id=\"{ID}\" class=\"handbook-problems\" role=\"alertdialog\" aria-modal=\"true\" \
         aria-labelledby=\"{ID}-title\" aria-describedby=\"{ID}-summary\" open>\n\
         <h2 id=\"{ID}-title\">The handbook has {count} {them}</h2>\n\
         <p id=\"{ID}-summary\">{summary}</p>\n<ol class=\"handbook-problems__list\">\n",
    );
    for problem in problems.iter() {
        let mut location = problem.file.display().to_string();
        if let Some(line) = problem.line {
            location.push_str(&format!(":{line}"));
        }
        html.push_str(&format!(
            "<li><h3><code>{}</code>: {}</h3>\n<pre tabindex=\"0\">{}</pre></li>\n",
            escape(&location),
            escape(&problem.message),
            escape(problem.to_string().trim_end()),
        ));
    }
    html.push_str(
        "</ol>\n<p class=\"handbook-problems__actions\"><button type=\"button\" class=\"handbook-problems__close\" data-close>Close <span class=\"handbook-problems__key\">(Escape)</span></button></p>\n</dialog>\n",
    );
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    #[test]
    fn the_overlay_shows_what_the_command_line_prints_escaped() {
        let problems = Diagnostics(vec![
            Diagnostic::new("handbook/chapters/02-basics.md", "unknown key `titel`")
                .at("---\ntitel: <b>Basics</b>\n---\n", 2, 1)
                .with_hint("did you mean `title`?"),
        ]);
        let html = overlay(&problems);
        assert!(html.contains("role=\"alertdialog\""), "{html}");
        assert!(html.contains("The handbook has 1 problem<"), "{html}");
        assert!(html.contains("handbook/chapters/02-basics.md:2"), "{html}");
        assert!(
            html.contains("2 | titel: &lt;b&gt;Basics&lt;/b&gt;"),
            "{html}"
        );
        assert!(html.contains("hint: did you mean `title`?"), "{html}");
        assert!(!html.contains("<b>Basics"), "{html}");
    }
}
