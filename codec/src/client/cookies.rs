//! The cookies of one Session Context ([MS-OXCMAPIHTTP] 3.1.5.1): every cookie a response
//! sets is stored and sent back whole on the next request of the same endpoint. MapiContext
//! (the session context cookie) and MapiSequence (the sequence validation cookie) are the
//! two the protocol names; their names are implementation-specific (3.2.5.1), so any other
//! cookie the server sets is kept too.
//!
//! Set-Cookie values are parsed by the `cookie` crate (RFC 6265 syntax and attributes).

use cookie::Cookie;
use time::format_description::well_known::Rfc2822;
use time::OffsetDateTime;

use crate::http::headers::HeaderLine;

/// The session context cookie's name in the spec's examples and in Exchange.
pub const CONTEXT_COOKIE: &str = "MapiContext";
/// The sequence validation cookie's name in the spec's examples and in Exchange.
pub const SEQUENCE_COOKIE: &str = "MapiSequence";

/// The most cookies a jar holds: RFC 6265 6.1 asks user agents for at least 50 per domain;
/// a server that sets more gets the new ones ignored (never the ones already held), so that
/// a hostile server cannot grow the jar without bound.
pub const MAX_COOKIES: usize = 50;

/// The cookies of one endpoint's Session Context, in the order they were first set; names
/// compare exactly (RFC 6265 5.3: a cookie of the same name replaces the old one). At most
/// [`MAX_COOKIES`] are held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CookieJar {
    cookies: Vec<(String, String)>,
}

impl CookieJar {
    /// An empty jar: no Session Context.
    pub fn new() -> Self {
        CookieJar::default()
    }

    /// Whether no cookie is held.
    pub fn is_empty(&self) -> bool {
        self.cookies.is_empty()
    }

    /// The value of the cookie `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.cookies
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The MapiContext cookie (the session context cookie).
    pub fn context(&self) -> Option<&str> {
        self.get(CONTEXT_COOKIE)
    }

    /// The MapiSequence cookie (the sequence validation cookie).
    pub fn sequence(&self) -> Option<&str> {
        self.get(SEQUENCE_COOKIE)
    }

    /// Sets (or replaces) the cookie `name`; gives false when the jar is full and `name` is
    /// not in it (nothing changes then).
    pub fn set(&mut self, name: &str, value: &str) -> bool {
        let full = self.cookies.len() >= MAX_COOKIES;
        match self.cookies.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value.to_string(),
            None if full => return false,
            None => self.cookies.push((name.to_string(), value.to_string())),
        }
        true
    }

    /// Removes the cookie `name`; gives its value.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let i = self.cookies.iter().position(|(n, _)| n == name)?;
        Some(self.cookies.remove(i).1)
    }

    /// Forgets every cookie.
    pub fn clear(&mut self) {
        self.cookies.clear();
    }

    /// Every cookie, as (name, value), in the order first set.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.cookies.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The value of a Cookie request header ([MS-OXCMAPIHTTP] 2.2.3.2.4; RFC 6265 5.4:
    /// `name=value` pairs joined by `"; "`), or `None` when the jar is empty.
    pub fn header_value(&self) -> Option<String> {
        if self.cookies.is_empty() {
            return None;
        }
        let pairs: Vec<String> = self.iter().map(|(n, v)| format!("{n}={v}")).collect();
        Some(pairs.join("; "))
    }

    /// Takes in the Set-Cookie lines of a response ([MS-OXCMAPIHTTP] 2.2.3.2.3). A cookie
    /// whose Max-Age is zero or less, or whose Expires is earlier than the response's Date
    /// (the server's own clock: the client needs none), is removed (RFC 6265 5.3); a line
    /// that is not a cookie is ignored (RFC 6265 5.2). Returns how many lines were taken.
    pub fn learn(&mut self, headers: &[HeaderLine<'_>]) -> usize {
        let date = headers
            .iter()
            .find(|h| h.is("Date"))
            .and_then(|h| OffsetDateTime::parse(h.value(), &Rfc2822).ok());
        let mut taken = 0;
        for h in headers.iter().filter(|h| h.is("Set-Cookie")) {
            let Ok(c) = Cookie::parse(h.value()) else {
                continue;
            };
            taken += 1;
            let expired_by_age = c.max_age().is_some_and(|a| a.is_zero() || a.is_negative());
            let expired_by_date = match (c.expires_datetime(), date) {
                (Some(e), Some(d)) => e < d,
                _ => false,
            };
            if expired_by_age || expired_by_date {
                self.remove(c.name());
            } else {
                self.set(c.name(), c.value());
            }
        }
        taken
    }
}
