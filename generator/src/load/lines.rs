//! Where a JSON pointer's node is in the text of a spec, and where a parser says an error is,
//! for errors and warnings.

use crate::error::Pointer;

/// The line and column of the node a JSON pointer names, found by walking the YAML text key by
/// key (block-style YAML, as specs are written; `None` when the walk loses its way).
pub(super) fn line_of(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let (mut row, mut min_indent) = (0usize, 0usize);
    let mut found = None;
    for segment in pointer.split('/').skip(1) {
        let key = Pointer::unescape(segment);
        // A number is an index only into a sequence (status codes like `200` are mapping keys).
        let in_sequence = found.is_some()
            && lines
                .iter()
                .skip(row + 1)
                .map(|line| line.trim_start())
                .find(|line| !line.is_empty() && !line.starts_with('#'))
                .is_some_and(|line| line.starts_with("- "));
        if let (true, Ok(index)) = (in_sequence, key.parse::<usize>()) {
            // The index-th `- ` item at the next indentation level.
            let mut seen = 0;
            let start = row;
            let (r, indent) = lines.iter().enumerate().skip(start + 1).find_map(|(r, line)| {
                let trimmed = line.trim_start();
                let indent = line.len() - trimmed.len();
                if trimmed.starts_with("- ") && indent >= min_indent {
                    seen += 1;
                    if seen == index + 1 {
                        return Some((r, indent + 2));
                    }
                }
                None
            })?;
            row = r;
            min_indent = indent;
            found = Some((r + 1, indent + 1));
            continue;
        }
        let (r, indent) =
            lines.iter().enumerate().skip(if found.is_some() { row } else { 0 }).find_map(|(r, line)| {
                let trimmed = line.trim_start().trim_start_matches("- ");
                let indent = line.len() - trimmed.len();
                let unquoted = trimmed.strip_prefix(&*key).is_some_and(|rest| rest.starts_with(':'));
                let quoted =
                    [format!("\"{key}\":"), format!("'{key}':")].iter().any(|q| trimmed.starts_with(q.as_str()));
                ((unquoted || quoted)
                    && indent >= min_indent
                    && (found.is_none() || r > row || line.trim_start().starts_with("- ")))
                .then_some((r, indent))
            })?;
        row = r;
        min_indent = indent + 1;
        found = Some((r + 1, indent + 1));
    }
    found
}

/// serde_yaml appends " at line L column C" to its messages; we report the location separately.
pub(super) fn yaml_message(err: &serde_yaml::Error) -> String {
    let message = err.to_string();
    match message.find(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

/// The JSON pointer of where serde_path_to_error stopped.
pub(super) fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = crate::error::Pointer::root();
    for segment in path.iter() {
        pointer = match segment {
            Segment::Seq { index } => pointer.join(index),
            Segment::Map { key } => pointer.join(key),
            Segment::Enum { variant } => pointer.join(variant),
            Segment::Unknown => pointer.join("?"),
        };
    }
    pointer.to_string()
}
