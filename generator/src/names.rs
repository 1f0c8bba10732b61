//! Rust names for spec names: heck's case conversion, plus what heck leaves to us (keywords,
//! leading digits, symbols, and names that collide once converted).

use std::collections::HashSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves in any edition (strict and reserved keywords).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Type and trait names that generated code uses unqualified; a spec type may not shadow them.
const RESERVED_TYPE_NAMES: &[&str] = &["Option", "Result", "String", "Vec", "Box", "Self", "From", "Default"];

/// Splits a spec name into words heck can case: symbols separate words, and a leading sign is
/// spelled out so that `+1` and `-1` stay distinct.
fn words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 8);
    let mut chars = raw.chars().peekable();
    match chars.peek() {
        Some('+') => {
            out.push_str("plus ");
            chars.next();
        }
        Some('-') => {
            out.push_str("minus ");
            chars.next();
        }
        _ => {}
    }
    for c in chars {
        out.push(if c.is_ascii_alphanumeric() { c } else { ' ' });
    }
    plural_acronyms(out)
}

/// An acronym's plural (`TSPs`, `URLs`, `IDs`) is one word: heck would split `userTSPs` into
/// `user_ts_ps`; as `userTsps` it becomes `user_tsps`.
fn plural_acronyms(text: String) -> String {
    let bytes = text.as_bytes();
    let mut out = text.clone().into_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_uppercase() {
            i += 1;
        }
        let run = i - start;
        let plural = run >= 2
            && bytes.get(i) == Some(&b's')
            && bytes.get(i + 1).is_none_or(|next| !next.is_ascii_lowercase() && !next.is_ascii_digit());
        if plural {
            out[start + 1..i].make_ascii_lowercase();
        }
        i = if run == 0 { i + 1 } else { i };
    }
    String::from_utf8(out).unwrap_or(text)
}

/// `UpperCamelCase` for types and variants; `fallback` when nothing usable is left.
pub fn camel(raw: &str, fallback: &str) -> String {
    let mut name = words(raw).to_upper_camel_case();
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        name.push_str("Value");
    }
    name
}

/// `snake_case` for fields, functions and arguments; keywords get a trailing underscore.
pub fn snake(raw: &str, fallback: &str) -> String {
    let mut name = words(raw).to_snake_case();
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// `SHOUTY_SNAKE_CASE` for constants.
pub fn shouty(raw: &str) -> String {
    let name = words(raw).to_shouty_snake_case();
    if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() {
        format!("N{name}")
    } else {
        name
    }
}

/// The names already taken in one Rust namespace. The first claimant keeps a name; later ones
/// get a numeric suffix, so the outcome depends only on the order of the spec.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    taken: HashSet<String>,
}

impl Namespace {
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self { taken: reserved.iter().map(|s| (*s).to_owned()).collect() }
    }

    pub fn claim(&mut self, wanted: String) -> String {
        if self.taken.insert(wanted.clone()) {
            return wanted;
        }
        let separator = if wanted.ends_with(|c: char| c.is_ascii_digit()) { "_" } else { "" };
        let snake_like = wanted.contains('_') || wanted.starts_with(|c: char| c.is_lowercase());
        let separator = if snake_like { "_" } else { separator };
        (2..)
            .map(|n| format!("{wanted}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acronym_plural_is_one_word() {
        for (raw, snake_case, camel_case) in [
            ("userTSPs", "user_tsps", "UserTsps"),
            ("userPACs", "user_pacs", "UserPacs"),
            ("IDs", "ids", "Ids"),
            ("getURLs2", "get_ur_ls2", "GetUrLs2"),
            ("TSPsettings", "ts_psettings", "TsPsettings"),
            ("userTSP", "user_tsp", "UserTsp"),
            ("APIsList", "apis_list", "ApisList"),
        ] {
            assert_eq!(snake(raw, "x"), snake_case, "{raw}");
            assert_eq!(camel(raw, "x"), camel_case, "{raw}");
        }
    }

    #[test]
    fn keywords_digits_and_symbols() {
        assert_eq!(snake("type", "field"), "type_");
        assert_eq!(snake("self", "field"), "self_");
        assert_eq!(snake("customerId", "field"), "customer_id");
        assert_eq!(snake("2fa_enabled", "field"), "_2fa_enabled");
        assert_eq!(snake("$.xgafv", "field"), "xgafv");
        assert_eq!(snake("", "field"), "field");
        assert_eq!(camel("+1", "Value"), "Plus1");
        assert_eq!(camel("-1", "Value"), "Minus1");
        assert_eq!(camel("", "Empty"), "Empty");
        assert_eq!(camel("ANNUAL_MONTHLY_PAY", "V"), "AnnualMonthlyPay");
        assert_eq!(camel("3d", "V"), "V3d");
        assert_eq!(camel("option", "V"), "OptionValue");
        assert_eq!(shouty("reseller.subscriptions.list"), "RESELLER_SUBSCRIPTIONS_LIST");
    }

    #[test]
    fn collisions_get_stable_suffixes() {
        let mut ns = Namespace::with_reserved(&["request"]);
        assert_eq!(ns.claim("foo_bar".into()), "foo_bar");
        assert_eq!(ns.claim("foo_bar".into()), "foo_bar_2");
        assert_eq!(ns.claim("request".into()), "request_2");
        assert_eq!(ns.claim("Plan".into()), "Plan");
        assert_eq!(ns.claim("Plan".into()), "Plan2");
        assert_eq!(ns.claim("V1".into()), "V1");
        assert_eq!(ns.claim("V1".into()), "V1_2");
    }
}
