//! Fenced blocks an editor left open, and blocks that look like a component
//! written under a wrong name.
//!
//! A fence never closed runs to the end of the chapter (or swallows the next
//! block's opening line): the component's YAML then meets prose far below,
//! and the parser's complaint lands there. Found here first, it is one
//! problem at the opening line.

/// The opening fence of a block's source (```` ``` ```` or `~~~`, as long
/// as written), when the block is fenced.
pub fn opening(block: &str) -> Option<&str> {
    let first = block.trim_start_matches([' ', '\t']);
    let mark = first.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let length = first.chars().take_while(|&c| c == mark).count();
    (length >= 3).then(|| &first[..length])
}

/// Whether the fenced block whose source is `block` lacks its closing fence,
/// or holds, at the start of a line, another block's opening fence (what
/// happens when a block is left open before the next one).
pub fn is_unclosed(block: &str, fence: &str) -> bool {
    let mut lines = block.trim_end().lines().skip(1);
    let last = block.trim_end().lines().last().unwrap_or("");
    let closed = block.trim_end().lines().count() > 1 && is_closing(last, fence);
    let opens_another = lines.any(|line| {
        line.starts_with(&fence[..3]) && !is_closing(line, fence) && line.len() > fence.len()
    });
    !closed || opens_another
}

fn is_closing(line: &str, fence: &str) -> bool {
    let line = line.trim();
    let mark = fence.chars().next().unwrap_or('`');
    line.len() >= fence.len() && line.chars().all(|c| c == mark)
}

/// Whether `body` reads as YAML `key: value` lines: a block named like no
/// language whose body is a mapping was probably meant as a component.
pub fn looks_like_a_mapping(body: &str) -> bool {
    let mut keys = 0;
    for line in body.lines().filter(|line| !line.trim().is_empty()) {
        let Some((key, _)) = line.split_once(':') else {
            continue;
        };
        if !line.starts_with([' ', '-'])
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            keys += 1;
        }
    }
    keys > 0
        && serde_saphyr::from_str::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(body)
            .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_block_is_closed() {
        let block = "```quote\ntext: A\n```\n";
        assert_eq!(opening(block), Some("```"));
        assert!(!is_unclosed(block, "```"));
        assert!(!is_unclosed(
            "````quote\ntext: |\n  ```quote\n  x\n  ```\n````",
            "````"
        ));
    }

    #[test]
    fn a_block_open_to_the_end_or_swallowing_the_next_is_unclosed() {
        assert!(is_unclosed("```quote\ntext: A\n\nProse.\n", "```"));
        assert!(is_unclosed(
            "```quote\ntext: A\n\nProse.\n\n```quote\ntext: B\n```\n",
            "```"
        ));
        // a longer opening needs a closing at least as long
        assert!(is_unclosed("````quote\ntext: A\n```\n", "````"));
    }

    #[test]
    fn a_mapping_is_told_from_code() {
        assert!(looks_like_a_mapping("text: Hi\nattribution: A\n"));
        assert!(!looks_like_a_mapping("fn main() {}\n"));
        assert!(!looks_like_a_mapping("just words\n"));
    }
}
