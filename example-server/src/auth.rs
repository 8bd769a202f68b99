//! HTTP authentication of the example: the client's Authorization header and the server's
//! check of it, with the 401 challenge (RFC 7235). Exchange accepts MAPI over HTTP with
//! Negotiate, Basic (RFC 7617) or, in Exchange Online, OAuth bearer tokens (RFC 6750); the
//! example speaks the last two, which need no exchange of their own.
//!
//! The [MS-OXCMAPIHTTP] layer knows nothing of this: authentication happens before a request
//! reaches it (3.2.5.2: the server answers requests that are "authorized, parsed, and
//! validated"), and a refusal is an HTTP 401, not an X-ResponseCode.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use subtle::ConstantTimeEq;

/// The realm the server's challenges name (RFC 7235 2.2).
pub const REALM: &str = "mapi-example";

/// Credentials: what a client sends with every request and what a server accepts.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// HTTP Basic (RFC 7617): a user name and a password (user names hold no colon).
    Basic {
        /// The user name (`jane@contoso.com`, `CONTOSO\jane`).
        user: String,
        /// The password.
        password: String,
    },
    /// An OAuth 2.0 bearer token (RFC 6750).
    Bearer(String),
}

impl fmt::Debug for Credentials {
    /// The scheme and user, never the secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Basic { user, .. } => write!(f, "Basic({user:?}, ***)"),
            Credentials::Bearer(_) => f.write_str("Bearer(***)"),
        }
    }
}

impl Credentials {
    /// Parses `USER:PASSWORD` (split at the first colon, RFC 7617 2).
    pub fn basic_from_pair(pair: &str) -> Option<Credentials> {
        let (user, password) = pair.split_once(':')?;
        Some(Credentials::Basic {
            user: user.to_string(),
            password: password.to_string(),
        })
    }

    /// The Authorization header's value (RFC 7617 2: `Basic base64(user:password)` of the
    /// UTF-8 text; RFC 6750 2.1: `Bearer token`).
    pub fn authorization(&self) -> String {
        match self {
            Credentials::Basic { user, password } => {
                format!("Basic {}", STANDARD.encode(format!("{user}:{password}")))
            }
            Credentials::Bearer(token) => format!("Bearer {token}"),
        }
    }

    /// The scheme's name.
    pub fn scheme(&self) -> &'static str {
        match self {
            Credentials::Basic { .. } => "Basic",
            Credentials::Bearer(_) => "Bearer",
        }
    }

    /// Whether an Authorization header's value carries these credentials. The scheme is
    /// matched without regard to case (RFC 7235 2.1); the secret is compared in constant time.
    pub fn matches(&self, authorization: &str) -> bool {
        let Some((scheme, rest)) = authorization.trim().split_once(' ') else {
            return false;
        };
        if !scheme.eq_ignore_ascii_case(self.scheme()) {
            return false;
        }
        let rest = rest.trim_start();
        match self {
            Credentials::Basic { user, password } => match STANDARD.decode(rest) {
                Ok(given) => {
                    let expected = format!("{user}:{password}");
                    bool::from(given.as_slice().ct_eq(expected.as_bytes()))
                }
                Err(_) => false,
            },
            Credentials::Bearer(token) => bool::from(rest.as_bytes().ct_eq(token.as_bytes())),
        }
    }
}

/// What a server accepts: any of a list of credentials; none when the list is empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Accepted(pub Vec<Credentials>);

impl Accepted {
    /// Whether a request with this Authorization header (if any) is let in.
    pub fn admits(&self, authorization: Option<&str>) -> bool {
        self.0.is_empty() || authorization.is_some_and(|a| self.0.iter().any(|c| c.matches(a)))
    }

    /// The WWW-Authenticate values of the 401 answering a request that was not let in, one
    /// per scheme accepted (RFC 7235 4.1): `Basic realm=".." charset="UTF-8"` (RFC 7617 2,
    /// 2.1), `Bearer realm=".."` with `error="invalid_token"` when the request offered a
    /// bearer token (RFC 6750 3, 3.1: no error code when it offered none).
    pub fn challenges(&self, authorization: Option<&str>) -> Vec<String> {
        let offered_bearer = authorization
            .and_then(|a| a.trim().split_once(' '))
            .is_some_and(|(s, _)| s.eq_ignore_ascii_case("Bearer"));
        let mut out: Vec<String> = Vec::new();
        for c in &self.0 {
            let value = match c {
                Credentials::Basic { .. } => format!("Basic realm=\"{REALM}\", charset=\"UTF-8\""),
                Credentials::Bearer(_) if offered_bearer => format!(
                    "Bearer realm=\"{REALM}\", error=\"invalid_token\", \
                     error_description=\"the access token is not valid\""
                ),
                Credentials::Bearer(_) => format!("Bearer realm=\"{REALM}\""),
            };
            if !out.contains(&value) {
                out.push(value);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic(user: &str, password: &str) -> Credentials {
        Credentials::Basic {
            user: user.into(),
            password: password.into(),
        }
    }

    #[test]
    fn basic_is_the_rfc_7617_example() {
        // RFC 7617 2: Aladdin / open sesame.
        let c = basic("Aladdin", "open sesame");
        assert_eq!(c.authorization(), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert!(c.matches("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
        assert!(c.matches("basic  QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
        assert!(!c.matches("Basic QWxhZGRpbjpvcGVuIHNlc2FtZR=="));
        assert!(!c.matches("Bearer QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
        assert!(!c.matches("Basic"));
        assert!(!c.matches("Basic !!!"));
        assert_eq!(
            Credentials::basic_from_pair("Aladdin:open:sesame"),
            Some(basic("Aladdin", "open:sesame"))
        );
        assert_eq!(Credentials::basic_from_pair("nocolon"), None);
    }

    #[test]
    fn bearer_is_rfc_6750() {
        // RFC 6750 2.1's example token.
        let c = Credentials::Bearer("mF_9.B5f-4.1JqM".into());
        assert_eq!(c.authorization(), "Bearer mF_9.B5f-4.1JqM");
        assert!(c.matches("Bearer mF_9.B5f-4.1JqM"));
        assert!(!c.matches("Bearer mF_9.B5f-4.1Jq"));
        assert!(!c.matches("Bearer mF_9.B5f-4.1JqMx"));
    }

    #[test]
    fn challenges_name_each_scheme_and_no_secret() {
        let a = Accepted(vec![basic("u", "p"), Credentials::Bearer("t".into())]);
        assert!(a.admits(Some("Bearer t")));
        assert!(a.admits(Some(&basic("u", "p").authorization())));
        assert!(!a.admits(Some("Bearer x")));
        assert!(!a.admits(None));
        assert!(Accepted::default().admits(None));
        assert_eq!(
            a.challenges(None),
            [
                "Basic realm=\"mapi-example\", charset=\"UTF-8\"",
                "Bearer realm=\"mapi-example\""
            ]
        );
        assert!(a.challenges(Some("Bearer x"))[1].contains("error=\"invalid_token\""));
        assert_eq!(format!("{:?}", basic("u", "secret")), "Basic(\"u\", ***)");
    }
}
