//! Reading Rust source as text: comments and literals blanked out, and the paths a file names.

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `text` with its comments, and unless `keep_strings` its string and char literals, replaced by
/// spaces (newlines stay, so line numbers do too).
pub(super) fn strip(text: &str, keep_strings: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let at = |k: usize| chars.get(k).copied().unwrap_or('\0');
        let (c, next) = (chars[i], at(i + 1));
        let prev_is_ident = i > 0 && is_ident_char(chars[i - 1]);
        let end = if c == '/' && next == '/' {
            let end = (i..chars.len()).find(|&k| chars[k] == '\n').unwrap_or(chars.len());
            out.extend((i..end).map(|_| ' '));
            i = end;
            continue;
        } else if c == '/' && next == '*' {
            // Block comments nest.
            let (mut k, mut depth) = (i, 0);
            while k < chars.len() {
                if chars[k] == '/' && at(k + 1) == '*' {
                    depth += 1;
                    k += 2;
                } else if chars[k] == '*' && at(k + 1) == '/' {
                    depth -= 1;
                    k += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    k += 1;
                }
            }
            out.extend(chars[i..k.min(chars.len())].iter().map(|&c| blank(c)));
            i = k;
            continue;
        } else if c == '"' {
            let mut k = i + 1;
            while k < chars.len() && chars[k] != '"' {
                k += if chars[k] == '\\' { 2 } else { 1 };
            }
            k + 1
        } else if c == 'r'
            && (!prev_is_ident || (i >= 1 && chars[i - 1] == 'b' && !(i >= 2 && is_ident_char(chars[i - 2]))))
            && {
                let hashes = (i + 1..chars.len()).take_while(|&k| chars[k] == '#').count();
                at(i + 1 + hashes) == '"'
            }
        {
            // A raw string: r"..." or r#"..."#, with as many `#` at both ends.
            let hashes = (i + 1..chars.len()).take_while(|&k| chars[k] == '#').count();
            let mut k = i + hashes + 2;
            while k < chars.len() && !(chars[k] == '"' && (1..=hashes).all(|h| at(k + h) == '#')) {
                k += 1;
            }
            k + 1 + hashes
        } else if c == '\'' && next == '\\' {
            // An escaped char: `'\n'`, `'\''`, `'\u{..}'`; its closing quote comes after the escape.
            (i + 3..chars.len()).find(|&k| chars[k] == '\'').map_or(chars.len(), |k| k + 1)
        } else if c == '\'' && at(i + 2) == '\'' {
            i + 3
        } else {
            // Code, or a lifetime's quote.
            out.push(c);
            i += 1;
            continue;
        };
        let end = end.min(chars.len());
        out.extend(chars[i..end].iter().map(|&c| if keep_strings { c } else { blank(c) }));
        i = end;
    }
    out
}

/// Blanks, in code without literals, the body of every invocation of a macro whose name ends in
/// `quote` (the emitter's `quote!` prints generated code, whose paths are not the emitter's) and
/// every `#[cfg(test)] mod` (a unit test's imports are not the module's).
pub(super) fn blank_quoted_and_tests(code: &str) -> String {
    let mut chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 40)].iter().collect();
        let at_word = i == 0 || !is_ident_char(chars[i - 1]);
        let open = if at_word && rest.starts_with("#[cfg(test)]") {
            let after: String = rest["#[cfg(test)]".len()..].split_whitespace().collect::<Vec<_>>().join(" ");
            // An inline module (`{`), not a file module (`;`).
            let open = (i..chars.len()).find(|&k| chars[k] == '{' || chars[k] == ';').filter(|&k| chars[k] == '{');
            after.starts_with("mod ").then_some(open)
        } else if at_word {
            let word: String = chars[i..].iter().take_while(|&&c| is_ident_char(c)).collect();
            let after = i + word.len();
            let bang = (after..chars.len()).find(|&k| !chars[k].is_whitespace());
            ((word.ends_with("quote") || word == "quote_spanned") && bang.is_some_and(|k| chars[k] == '!')).then(|| {
                (bang.unwrap() + 1..chars.len())
                    .find(|&k| !chars[k].is_whitespace())
                    .filter(|&k| "({[".contains(chars[k]))
            })
        } else {
            None
        };
        let Some(Some(open)) = open else {
            i += 1;
            continue;
        };
        let mut depth = 0;
        let mut k = open;
        while k < chars.len() {
            match chars[k] {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                _ => {}
            }
            k += 1;
            if depth == 0 {
                break;
            }
        }
        for c in &mut chars[open + 1..k.saturating_sub(1)] {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = k;
    }
    chars.into_iter().collect()
}

/// The paths a file names: every `use` tree expanded (`use a::{b, c::d}` is `a::b` and `a::c::d`)
/// and every path in code that starts with `crate`, `super` or `self`. Returns `(path, is_pub_use)`.
pub(super) fn named_paths(code: &str) -> Vec<(Vec<String>, bool)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if i > 0 && is_ident_char(chars[i - 1]) || !is_ident_char(chars[i]) {
            i += 1;
            continue;
        }
        let word: String = chars[i..].iter().take_while(|&&c| is_ident_char(c)).collect();
        let after = i + word.len();
        if word == "use" && chars.get(after).is_some_and(|c| c.is_whitespace()) {
            let end = (after..chars.len()).find(|&k| chars[k] == ';').unwrap_or(chars.len());
            // `pub use`, `pub(crate) use`: a re-export.
            let before: String = chars[i.saturating_sub(40)..i].iter().collect();
            let public = before
                .trim_end()
                .rsplit(|c: char| c.is_whitespace() || c == ';' || c == '}' || c == '{')
                .next()
                .is_some_and(|w| w.starts_with("pub"));
            let tokens = use_tokens(&chars[after..end].iter().collect::<String>());
            let mut paths = Vec::new();
            expand_use_tree(&tokens, &mut 0, Vec::new(), &mut paths);
            out.extend(paths.into_iter().map(|p| (p, public)));
            i = end;
        } else if ["crate", "super", "self"].contains(&word.as_str()) {
            let mut path = vec![word];
            let mut k = after;
            while chars.get(k) == Some(&':') && chars.get(k + 1) == Some(&':') {
                let segment: String = chars[k + 2..].iter().take_while(|&&c| is_ident_char(c)).collect();
                if segment.is_empty() {
                    break;
                }
                k += 2 + segment.len();
                path.push(segment);
            }
            out.push((path, false));
            i = k;
        } else {
            i = after;
        }
    }
    out
}

/// A use tree's tokens: names, `::`, `{`, `}`, `,` and `*`.
fn use_tokens(tree: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = tree.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_ident_char(chars[i]) {
            let word: String = chars[i..].iter().take_while(|&&c| is_ident_char(c)).collect();
            i += word.len();
            tokens.push(word);
        } else if chars[i] == ':' {
            i += 2;
            tokens.push("::".into());
        } else {
            if !chars[i].is_whitespace() {
                tokens.push(chars[i].to_string());
            }
            i += 1;
        }
    }
    tokens
}

/// Appends to `out` the paths of the use tree at `tokens[*pos..]`, each after `prefix`.
fn expand_use_tree(tokens: &[String], pos: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    while let Some(token) = tokens.get(*pos) {
        match token.as_str() {
            "::" => *pos += 1,
            "as" => *pos += 2,
            "*" => *pos += 1,
            "{" => {
                *pos += 1;
                while tokens.get(*pos).is_some_and(|t| t != "}") {
                    expand_use_tree(tokens, pos, path.clone(), out);
                    if tokens.get(*pos).is_some_and(|t| t == ",") {
                        *pos += 1;
                    }
                }
                *pos += 1;
                return;
            }
            "," | "}" => break,
            _ => {
                path.push(token.clone());
                *pos += 1;
            }
        }
    }
    if !path.is_empty() {
        out.push(path);
    }
}
