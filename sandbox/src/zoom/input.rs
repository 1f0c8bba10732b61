//! What a Zoom handler reads from a request: a body decoded into its generated model and checked
//! against the spec's rules, query numbers, and a page of a list (`page_size`, `next_page_token`,
//! and the deprecated `page_number`).

use serde::de::DeserializeOwned;

use super::error::ZErr;
use crate::http::{after_page_token, page_token, parse_json, spec_violations, Req};

/// A request body, decoded and checked against the spec's rules.
pub(super) fn checked_body<T: DeserializeOwned + clientgen_runtime::Validate>(req: &Req) -> Result<T, ZErr> {
    let request: T = parse_json(&req.body).map_err(ZErr::body)?;
    checked(request, "$")
}

/// `value` when it breaks none of the spec's rules (at `root`: `$` for bodies, `query` for
/// parameters); 400 with code 300 and one field error per violation otherwise.
pub(super) fn checked<T: clientgen_runtime::Validate>(value: T, root: &str) -> Result<T, ZErr> {
    let violations = spec_violations(&value, root);
    if violations.is_empty() {
        Ok(value)
    } else {
        Err(ZErr::violations(violations))
    }
}

/// An integer query parameter (400, code 300, when it is not one).
pub(super) fn query_i64(req: &Req, name: &str) -> Result<Option<i64>, ZErr> {
    match req.query(name) {
        None => Ok(None),
        Some(text) => text.trim().parse().map(Some).map_err(|_| invalid(name, "an integer")),
    }
}

/// A boolean query parameter (400, code 300, when it is not `true` or `false`).
pub(super) fn query_bool(req: &Req, name: &str) -> Result<Option<bool>, ZErr> {
    match req.query(name) {
        None => Ok(None),
        Some(text) => text.trim().parse().map(Some).map_err(|_| invalid(name, "true or false")),
    }
}

/// 400, code 300: `Invalid parameter: {name}.`
pub(super) fn invalid(name: &str, expected: &str) -> ZErr {
    ZErr::bad(300, format!("Invalid parameter: {name}.")).field(name, format!("expected {expected}"))
}

/// The page size when none is asked for, as Zoom's paged lists have it.
const DEFAULT_PAGE_SIZE: i64 = 30;

/// One page of a list, with what Zoom's list answers say about it.
#[derive(Debug)]
pub(super) struct Page<T> {
    pub items: Vec<T>,
    pub page_size: i64,
    pub page_number: i64,
    pub page_count: i64,
    pub total_records: i64,
    /// The cursor to the next page; empty on the last page, as Zoom sends it.
    pub next_page_token: String,
}

/// How a list is paged: the generated parameters' `page_size`, `page_number` and `next_page_token`.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Paging<'a> {
    pub page_size: Option<i64>,
    pub page_number: Option<i64>,
    pub next_page_token: Option<&'a str>,
}

/// The page `paging` asks for of `items`, which are in the order of their (unique) keys.
/// A cursor is the hex of the last key of the page before: opaque, and the same for the same data.
pub(super) fn page<T>(items: Vec<(String, T)>, paging: Paging<'_>) -> Result<Page<T>, ZErr> {
    let size = paging.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
    if size < 1 {
        return Err(invalid("page_size", "a page size from 1 to 300"));
    }
    let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let skip = match paging.next_page_token.filter(|token| !token.is_empty()) {
        Some(token) => {
            let after =
                after_page_token(token).ok_or_else(|| invalid("next_page_token", "a token from the previous page"))?;
            items.iter().take_while(|(key, _)| *key <= after).count()
        }
        None => {
            let number = paging.page_number.unwrap_or(1);
            if number < 1 {
                return Err(invalid("page_number", "a page number from 1"));
            }
            usize::try_from(number.saturating_sub(1).saturating_mul(size)).unwrap_or(usize::MAX)
        }
    };
    let take = usize::try_from(size).unwrap_or(usize::MAX);
    let more = items.len() > skip.saturating_add(take);
    let page: Vec<(String, T)> = items.into_iter().skip(skip).take(take).collect();
    let next_page_token = match (more, page.last()) {
        (true, Some((last, _))) => page_token(last),
        _ => String::new(),
    };
    Ok(Page {
        page_size: size,
        page_number: i64::try_from(skip).unwrap_or(i64::MAX) / size + 1,
        page_count: (total + size - 1) / size,
        total_records: total,
        next_page_token,
        items: page.into_iter().map(|(_, item)| item).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyed(n: usize) -> Vec<(String, usize)> {
        (1..=n).map(|i| (format!("U{i:06}"), i)).collect()
    }

    #[test]
    fn pages_follow_their_cursors_to_the_end() {
        let mut seen = Vec::new();
        let mut token = String::new();
        loop {
            let paging = Paging { page_size: Some(2), next_page_token: Some(&token), ..Paging::default() };
            let page = page(keyed(5), paging).unwrap();
            assert_eq!((page.total_records, page.page_count, page.page_size), (5, 3, 2));
            seen.push((page.page_number, page.items));
            if page.next_page_token.is_empty() {
                break;
            }
            token = page.next_page_token;
        }
        assert_eq!(seen, [(1, vec![1, 2]), (2, vec![3, 4]), (3, vec![5])]);
        let second = page(keyed(5), Paging { page_size: Some(2), page_number: Some(2), ..Paging::default() });
        assert_eq!(second.unwrap().items, [3, 4], "the deprecated page_number still works");
        let exact = page(keyed(4), Paging { page_size: Some(2), page_number: Some(2), ..Paging::default() });
        assert_eq!(exact.unwrap().next_page_token, "", "no cursor after the last item");
    }

    #[test]
    fn bad_paging_is_a_validation_error() {
        let cases = [
            Paging { page_size: Some(0), ..Paging::default() },
            Paging { page_number: Some(0), ..Paging::default() },
            Paging { next_page_token: Some("zz"), ..Paging::default() },
            Paging { next_page_token: Some("abc"), ..Paging::default() },
        ];
        for paging in cases {
            let err = page(keyed(3), paging).unwrap_err();
            assert_eq!(err.code(), 300, "{paging:?}");
        }
    }
}
