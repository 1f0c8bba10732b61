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
        let inline = prose(trimmed);
        if let Some(marker) = list_marker(trimmed) {
            item_indent = Some(indent + marker);
            out.push(format!("{}{inline}", &line[..indent]));
            continue;
        }
        match item_indent {
            Some(content) => out.push(format!("{}{inline}", " ".repeat(content))),
            None => out.push(format!("{}{inline}", &line[..indent])),
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

/// Fixes, outside code spans, what rustdoc would warn about in prose written for a web page:
/// bare URLs become `<url>` autolinks, brackets that are not a markdown link (`[a-z]`,
/// `[Wallpaper]`) are escaped rather than taken for intra-doc links, and `</br>` becomes `<br>`.
fn prose(line: &str) -> String {
    let line = line.replace("</br>", "<br>");
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line.as_str();
    let mut in_code = false;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code {
            // Not the target of a markdown link (`](`) nor already an autolink (`<`).
            let starts_word =
                out.is_empty() || out.ends_with(char::is_whitespace) || (out.ends_with('(') && !out.ends_with("]("));
            if starts_word && (rest.starts_with("https://") || rest.starts_with("http://")) {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                // Sentence punctuation after a URL is not part of it.
                let url = rest[..end].trim_end_matches(['.', ',', ';', ':', ')', '\'', '"']);
                out.push('<');
                out.push_str(url);
                out.push('>');
                rest = &rest[url.len()..];
                continue;
            }
            if c == '[' && !is_markdown_link(rest) && !rest.starts_with("[`") {
                if let Some(close) = rest.find(']') {
                    out.push_str("\\[");
                    out.push_str(&rest[1..close]);
                    out.push_str("\\]");
                    rest = &rest[close + 1..];
                    continue;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Whether `text` (starting at `[`) is a markdown link: `[label](target)`, `[label][ref]` or a
/// reference definition `[label]: target`.
fn is_markdown_link(text: &str) -> bool {
    let Some(close) = text.find(']') else { return false };
    let label = &text[1..close];
    !label.contains('[') && matches!(text[close + 1..].chars().next(), Some('(' | '[' | ':'))
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
    fn web_prose_is_made_rustdoc_clean() {
        assert_eq!(
            normalize("See https://zoom.us/docs. Or (https://a.b/c)."),
            ["See <https://zoom.us/docs>. Or (<https://a.b/c>)."]
        );
        assert_eq!(
            normalize("only [a-z A-Z 0-9 @ - _]. The [Wallpaper] file"),
            ["only \\[a-z A-Z 0-9 @ - _\\]. The \\[Wallpaper\\] file"]
        );
        assert_eq!(normalize("**[Label](https://x.y/z):** `a`</br>b"), ["**[Label](https://x.y/z):** `a`<br>b"]);
        assert_eq!(normalize("code `[x] https://q` and <https://kept>"), ["code `[x] https://q` and <https://kept>"]);
        assert_eq!(normalize("- item https://u.v\n  [y]"), ["- item <https://u.v>", "  \\[y\\]"]);
    }

    #[test]
    fn lines_get_the_comment_space() {
        assert_eq!(doc_lines("a\n\n\tb  "), [" a", "", "     b"]);
    }
}
