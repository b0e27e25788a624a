//! Fenced blocks that are not code: the components. The Markdown stage does
//! not know them; the stage that draws them passes itself down through
//! [`FencedBlocks`], as a template engine is passed down in a render
//! context, so the pipeline's order holds: components use Markdown, never
//! the other way round.

use super::markdown::ChapterRenderer;
use crate::diagnostics::Diagnostic;

/// What draws a fenced block named after it.
pub trait FencedBlocks: Sync {
    /// Draws the block `name` from its `body`, which starts at byte `offset`
    /// of the chapter file, in the context of `renderer` (ids, links,
    /// Markdown inside the block's fields); `None` when no block of that
    /// name is drawn here, so the block is code.
    fn draw(
        &self,
        name: &str,
        body: &str,
        offset: usize,
        renderer: &mut ChapterRenderer<'_>,
    ) -> Option<Result<String, Diagnostic>>;

    /// The names of the blocks drawn, to suggest one for a misspelt name.
    fn names(&self) -> Vec<&'static str>;
}
