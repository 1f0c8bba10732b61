//! Spec descriptions (CommonMark) to rustdoc attributes that pass clippy's doc lints.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes (printed as `///` lines) for `text`; nothing for no text.
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else { return TokenStream::new() };
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// The spec's text, or `fallback` when the spec gives none or only blanks (`description: ""`
/// would leave an item undocumented).
pub fn doc_or(text: Option<&str>, fallback: &str) -> TokenStream {
    doc_attrs(Some(text.filter(|t| !t.trim().is_empty()).unwrap_or(fallback)))
}

/// Inner `#![doc = "..."]` attributes, for the crate root.
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// The lines of a doc comment, each with the leading space `///` comments have.
pub fn doc_lines(text: &str) -> Vec<String> {
    normalize(text).into_iter().map(|line| if line.is_empty() { line } else { format!(" {line}") }).collect()
}

/// Normalises markdown so rustdoc and clippy read it as the author meant:
/// - tabs become spaces, trailing spaces go, leading and trailing blank lines go;
/// - a fenced code block without a language is marked `text` (rustdoc would take it for Rust);
/// - a line that continues a list item is indented to the item's text (`doc_lazy_continuation`,
///   `doc_overindented_list_items`).
fn normalize(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    let mut item_indent: Option<usize> = None;
    for raw in text.replace("\r\n", "\n").replace('\t', "    ").lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let fence = &trimmed[..3];
            let info = trimmed[3..].trim();
            out.push(if !in_fence && info.is_empty() {
                format!("{}{fence}text", &line[..indent])
            } else {
                line.to_owned()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_owned());
            continue;
        }
        if trimmed.is_empty() {
            item_indent = None;
            out.push(String::new());
            continue;
        }
        if let Some(marker) = list_marker(trimmed) {
            item_indent = Some(indent + marker);
            out.push(line.to_owned());
            continue;
        }
        match item_indent {
            Some(content) => out.push(format!("{}{trimmed}", " ".repeat(content))),
            None => out.push(line.to_owned()),
        }
    }
    while out.first().is_some_and(String::is_empty) {
        out.remove(0);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// The length of a list item's marker and the space after it (`- `, `* `, `+ `, `12. `).
fn list_marker(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    // The content starts after the marker and 1 to 4 spaces (CommonMark; 5 or more is code).
    let content = |marker: usize| {
        let spaces = bytes[marker..].iter().take_while(|b| **b == b' ').count();
        marker + if (1..=4).contains(&spaces) { spaces } else { 1 }
    };
    match bytes {
        [b'-' | b'*' | b'+', b' ', ..] => Some(content(1)),
        _ => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            (digits > 0 && digits < 10 && matches!(bytes.get(digits..digits + 2), Some([b'.' | b')', b' '])))
                .then(|| content(digits + 1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_continuations_are_indented_to_the_item() {
        let text = "Values:\n- `A`: first\nwraps here\n- `B`: second\n      overindented\n\nAfter.";
        assert_eq!(
            normalize(text),
            ["Values:", "- `A`: first", "  wraps here", "- `B`: second", "  overindented", "", "After."]
        );
    }

    #[test]
    fn fences_without_language_become_text_and_keep_their_content() {
        let text = "\n\nExample:\n```\n- not a list\n```\n```json\n{}\n```\n";
        assert_eq!(normalize(text), ["Example:", "```text", "- not a list", "```", "```json", "{}", "```"]);
    }

    #[test]
    fn list_items_with_wide_markers() {
        assert_eq!(normalize("*   long text\n  wraps"), ["*   long text", "    wraps"]);
    }

    #[test]
    fn lines_get_the_comment_space() {
        assert_eq!(doc_lines("a\n\n\tb  "), [" a", "", "     b"]);
    }
}
