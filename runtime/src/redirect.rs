//! Where a download's bearer token may go, and following a download's redirects.
//!
//! The token goes to the API's own origin (the base URL's scheme, host and port) and to the hosts
//! the spec declares for downloads (`info.x-download-hosts`: `zoom.us`, `*.zoom.us`), over
//! `https` (or over `http` when the base URL itself is `http`, as a local sandbox is). A redirect
//! is followed at most [`MAX_REDIRECTS`] times; the `Authorization` header goes along only while
//! the scheme, host and port stay those of the URL asked for: once they change (Zoom answers a
//! recording URL with a `302` to its storage), it is dropped for the rest of the way.

use bytes::Bytes;
use http::header::{AUTHORIZATION, LOCATION};
use http::uri::{Scheme, Uri};
use http::{Request, Response, StatusCode};

use crate::transport::{Exchange, HttpClient, Received, TransportError, TransportErrorKind};

/// The most redirects a download follows.
pub const MAX_REDIRECTS: usize = 5;

/// A host pattern of `x-download-hosts`: a host name (`zoom.us`), or `*.` and a host name for
/// any of its subdomains (`*.zoom.us`: `us06web.zoom.us`, not `zoom.us` itself). Lowercase.
pub(crate) fn valid_host_pattern(pattern: &str) -> bool {
    let host = pattern.strip_prefix("*.").unwrap_or(pattern);
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty() && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

fn host_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(domain) => host.len().checked_sub(domain.len() + 1).is_some_and(|dot| {
            host.as_bytes()[dot] == b'.' && host.get(dot + 1..).is_some_and(|tail| tail.eq_ignore_ascii_case(domain))
        }),
        None => host.eq_ignore_ascii_case(pattern),
    }
}

/// Scheme, host (lowercase) and port (the scheme's default when not given).
fn origin(uri: &Uri) -> Option<(&str, String, u16)> {
    let scheme = uri.scheme_str()?;
    let port = uri.port_u16().or(match scheme {
        "https" => Some(443),
        "http" => Some(80),
        _ => None,
    })?;
    Some((scheme, uri.host()?.to_ascii_lowercase(), port))
}

/// Whether a request to `uri` may carry the token of the API at `base`, which declares
/// `download_hosts`.
pub(crate) fn may_carry_token(base: &Uri, download_hosts: &[String], uri: &Uri) -> bool {
    let Some(target) = origin(uri) else { return false };
    if origin(base).is_some_and(|base| base == target) {
        return true;
    }
    // Never over a weaker scheme than the API's own.
    let scheme_ok = target.0 == "https" || base.scheme() == Some(&Scheme::HTTP);
    scheme_ok && download_hosts.iter().any(|pattern| host_matches(pattern, &target.1))
}

/// Sends `request`, following up to `MAX_REDIRECTS` redirects, all within `exchange`'s time
/// limit (which ends when the last answer's head arrives). The `Authorization` header is
/// dropped once the scheme, host or port change. A redirect without a `Location` is the answer.
pub(crate) async fn exchange_following(
    http: &HttpClient,
    request: Request<Bytes>,
    exchange: Exchange,
) -> Result<Response<Received>, TransportError> {
    let (timeout, repeatable) = (exchange.timeout, exchange.repeatable);
    let hop = Exchange { timeout: None, ..exchange };
    let following = async {
        let (mut parts, body) = request.into_parts();
        let mut hops = 0;
        loop {
            let response = http.exchange_streaming(Request::from_parts(parts.clone(), body.clone()), hop).await?;
            let Some(location) = redirect_location(&response) else { return Ok(response) };
            let refused = |problem: String| TransportError::new(TransportErrorKind::Redirect, problem.into(), false);
            if hops == MAX_REDIRECTS {
                return Err(refused(format!("more than {MAX_REDIRECTS} redirects")));
            }
            // The Location is not echoed: a storage URL often carries a signature in its query.
            let next = resolve(&parts.uri, location).ok_or_else(|| {
                refused(format!("a {} redirect to a location that is not an http(s) URL", response.status().as_u16()))
            })?;
            if origin(&next) != origin(&parts.uri) {
                parts.headers.remove(AUTHORIZATION);
            }
            tracing::debug!(status = response.status().as_u16(), host = next.host(), "following a redirect");
            parts.uri = next;
            hops += 1;
        }
    };
    match timeout {
        Some(limit) => tokio::time::timeout(limit, following).await.unwrap_or_else(|_| {
            Err(TransportError::new(
                TransportErrorKind::Timeout,
                format!("no response within {limit:?}").into(),
                repeatable,
            ))
        }),
        None => following.await,
    }
}

/// The `Location` of a redirect status (301, 302, 303, 307, 308) that has one.
fn redirect_location(response: &Response<Received>) -> Option<&str> {
    let redirect =
        matches!(response.status(), StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND | StatusCode::SEE_OTHER)
            || matches!(response.status(), StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT);
    if !redirect {
        return None;
    }
    response.headers().get(LOCATION)?.to_str().ok()
}

/// `location` read against `current`: an absolute `http(s)` URL, `//host/path`, `/path`, or a
/// path relative to the current one's folder (dot segments are left to the server).
pub(crate) fn resolve(current: &Uri, location: &str) -> Option<Uri> {
    let location = location.trim();
    let scheme = current.scheme_str()?;
    let authority = current.authority()?.as_str();
    let absolute = if has_scheme(location) {
        // Checked below: only http(s) is followed (not `ftp:`, `data:`).
        location.to_owned()
    } else if let Some(rest) = location.strip_prefix("//") {
        format!("{scheme}://{rest}")
    } else if location.starts_with('/') {
        format!("{scheme}://{authority}{location}")
    } else {
        let path = current.path();
        let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        format!("{scheme}://{authority}{folder}{location}")
    };
    let uri: Uri = absolute.parse().ok()?;
    (matches!(uri.scheme_str(), Some("http" | "https")) && uri.host().is_some()).then_some(uri)
}

/// Whether `reference` starts with a scheme (`letter *(letter / digit / "+" / "-" / ".") ":"`).
fn has_scheme(reference: &str) -> bool {
    let Some((scheme, _)) = reference.split_once(':') else { return false };
    scheme.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_patterns_and_tokens() {
        let hosts = vec!["zoom.us".to_owned(), "*.zoom.us".to_owned()];
        let base: Uri = "https://api.zoom.us/v2".parse().unwrap();
        let cases = [
            ("https://api.zoom.us/v2/x", true),
            ("https://zoom.us/rec/download/abc", true),
            ("https://US06WEB.zoom.us/rec/download/abc", true),
            ("https://zoom.us:8443/rec", true),
            ("http://zoom.us/rec", false),
            ("http://api.zoom.us/v2/x", false),
            ("https://evilzoom.us/rec", false),
            ("https://zoom.us.evil.com/rec", false),
            ("https://ssrweb.s3.amazonaws.com/x", false),
            // A declared host takes the token on any port, over https.
            ("https://api.zoom.us:444/v2", true),
        ];
        for (url, expected) in cases {
            assert_eq!(may_carry_token(&base, &hosts, &url.parse().unwrap()), expected, "{url}");
        }
        let local: Uri = "http://127.0.0.1:8080".parse().unwrap();
        assert!(may_carry_token(&local, &hosts, &"http://zoom.us/x".parse().unwrap()));
        assert!(!may_carry_token(&local, &hosts, &"http://127.0.0.1:8081/x".parse().unwrap()));
        for (pattern, valid) in
            [("zoom.us", true), ("*.zoom.us", true), ("*", false), ("https://zoom.us", false), ("Zoom.us", false)]
        {
            assert_eq!(valid_host_pattern(pattern), valid, "{pattern}");
        }
    }

    #[test]
    fn locations_resolve_against_the_current_url() {
        let current: Uri = "https://zoom.us/rec/download/abc?x=1".parse().unwrap();
        let cases = [
            ("https://cdn.example/f.mp4?sig=1", Some("https://cdn.example/f.mp4?sig=1")),
            ("//cdn.example/f", Some("https://cdn.example/f")),
            ("/rec/other", Some("https://zoom.us/rec/other")),
            ("other?y=2", Some("https://zoom.us/rec/download/other?y=2")),
            ("ftp://cdn.example/f", None),
            ("data:text/plain,x", None),
        ];
        for (location, expected) in cases {
            assert_eq!(resolve(&current, location).map(|u| u.to_string()).as_deref(), expected, "{location}");
        }
    }
}
