use std::fmt;

/// A credential (token, client secret, key) that never shows itself: `Debug` prints `Secret(***)`,
/// and there is no `Display`, so it cannot end up in a log line or an error message by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The credential itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

/// How a client authenticates its requests.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub enum Auth {
    /// No `Authorization` header (a local sandbox, or a proxy that adds it).
    #[default]
    None,
    /// `Authorization: Bearer <token>` on every request.
    Bearer(Secret),
}

impl Auth {
    /// A static bearer token.
    pub fn bearer(token: impl Into<Secret>) -> Self {
        Self::Bearer(token.into())
    }

    /// The `Authorization` header value, marked sensitive so that HTTP libraries redact it.
    pub(crate) fn header_value(&self) -> Option<reqwest::header::HeaderValue> {
        match self {
            Auth::None => None,
            Auth::Bearer(token) => {
                let mut value = reqwest::header::HeaderValue::try_from(format!("Bearer {}", token.expose())).ok()?;
                value.set_sensitive(true);
                Some(value)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let auth = Auth::bearer("ya29.very-secret");
        let shown = format!("{auth:?} {:?}", Secret::new("s3cr3t"));
        assert!(!shown.contains("very-secret") && !shown.contains("s3cr3t"), "{shown}");
        assert!(format!("{:?}", auth.header_value().unwrap()).contains("Sensitive"));
    }
}
