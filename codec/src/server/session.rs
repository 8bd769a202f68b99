//! The Session Contexts of a server ([MS-OXCMAPIHTTP] 3.2.1, 3.2.5.1, 3.2.5.4, 3.2.5.6):
//! context cookies, sequence validation, expiry, one table for both endpoints, the caller's
//! per-session value beside each.
//!
//! The rules, as [`SessionTable`] keeps them:
//! - Connect and Bind create a Session Context with a fresh context cookie and sequence
//!   cookie; when the request carries the context cookie of a live session of the same
//!   endpoint, that session is destroyed first and its sequence cookie ignored (3.2.5.6).
//! - Every other request of the endpoint must carry the context cookie of a live session of
//!   that endpoint, else 10 Context Not Found (13 Missing Cookie when it carries none). A
//!   session unused for longer than its expiry is gone (3.2.5.6: 10).
//! - A sequenced request (all but NotificationWait) must carry the sequence cookie the
//!   previous response set, else 15 Invalid Sequence; its response sets the next one. The next
//!   value is taken when the request is admitted, so a second request with the same cookie
//!   while the first is in flight is refused too; a request refused after admission
//!   ([`SessionTable::cancel`]) gives the value back, so failures do not move the sequence.
//! - Disconnect and Unbind end the session ([`SessionTable::finish`], 3.2.5.4).

use std::collections::HashMap;
use std::fmt;
use std::time::{Duration, Instant};

use super::request::{RequestError, RequestHead, CONTEXT_COOKIE, SEQUENCE_COOKIE};
use crate::http::headers::{Endpoint, HeaderLine};
use crate::wire::EncodeError;

/// A source of randomness for cookie values: fills the slice with unpredictable bytes (a
/// CSPRNG or the operating system's generator; tests may count).
pub type Randomness = Box<dyn FnMut(&mut [u8]) + Send>;

/// The bytes of randomness in one cookie value (written as 32 hex digits).
const TOKEN_BYTES: usize = 16;

/// One Set-Cookie a response carries ([MS-OXCMAPIHTTP] 2.2.3.2.3): the context or sequence
/// cookie of a session, scoped to its endpoint's path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetCookie {
    /// The cookie's name ([`CONTEXT_COOKIE`] or [`SEQUENCE_COOKIE`]).
    pub name: &'static str,
    /// The opaque value.
    pub value: String,
    /// The endpoint whose path the cookie is scoped to.
    pub endpoint: Endpoint,
}

impl SetCookie {
    /// The path the cookie is scoped to (`/mapi/emsmdb/`, `/mapi/nspi/`).
    pub fn path(&self) -> &'static str {
        match self.endpoint {
            Endpoint::Mailbox => "/mapi/emsmdb/",
            Endpoint::AddressBook => "/mapi/nspi/",
        }
    }

    /// The header line `Set-Cookie: name=value; path=...; HttpOnly`; an error when the value
    /// holds what a header cannot (values this table issues are hex digits).
    pub fn header_line(&self) -> Result<HeaderLine<'static>, EncodeError> {
        HeaderLine::new("Set-Cookie", &self.to_string())
    }
}

impl fmt::Display for SetCookie {
    /// The Set-Cookie value: `name=value; path=/mapi/emsmdb/; HttpOnly`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}={}; path={}; HttpOnly",
            self.name,
            self.value,
            self.path()
        )
    }
}

/// How long sessions live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionConfig {
    /// How long a Session Context lives without a request; sent as X-ExpirationInfo
    /// ([MS-OXCMAPIHTTP] 2.2.3.3.9).
    pub expiry: Duration,
}

impl Default for SessionConfig {
    /// Fifteen minutes.
    fn default() -> Self {
        SessionConfig {
            expiry: Duration::from_secs(15 * 60),
        }
    }
}

struct Entry<S> {
    endpoint: Endpoint,
    /// The sequence cookie value the next sequenced request must carry.
    sequence: String,
    last_used: Instant,
    state: S,
}

/// A request admitted into its Session Context ([`SessionTable::begin`]): the context, the
/// sequence step it took, and whether it ends the session. Handed back to
/// [`SessionTable::finish`] (the response goes out) or [`SessionTable::cancel`] (the request
/// is refused after all).
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a ticket is finished or cancelled"]
pub struct Ticket {
    context: String,
    endpoint: Endpoint,
    /// (the value the request carried, the value its response sets), for sequenced requests.
    step: Option<(String, String)>,
    ends: bool,
}

impl Ticket {
    /// The session context cookie value.
    pub fn context(&self) -> &str {
        &self.context
    }

    /// The endpoint of the session.
    pub fn endpoint(&self) -> Endpoint {
        self.endpoint
    }

    /// The cookies the response sets: the next sequence cookie, for sequenced requests.
    pub fn set_cookies(&self) -> Vec<SetCookie> {
        self.step
            .iter()
            .map(|(_, next)| SetCookie {
                name: SEQUENCE_COOKIE,
                value: next.clone(),
                endpoint: self.endpoint,
            })
            .collect()
    }
}

/// The Session Contexts of a server, each with the caller's value `S` (its objects, its
/// decoding session, ...). Time is the caller's: every method that needs it takes `now`.
pub struct SessionTable<S> {
    config: SessionConfig,
    sessions: HashMap<String, Entry<S>>,
    random: Randomness,
    /// The table size at which [`SessionTable::create`] next sweeps expired sessions.
    sweep_at: usize,
}

impl<S> fmt::Debug for SessionTable<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionTable")
            .field("config", &self.config)
            .field("sessions", &self.sessions.len())
            .finish()
    }
}

/// The smallest table that [`SessionTable::create`] sweeps.
const FIRST_SWEEP: usize = 64;

impl<S> SessionTable<S> {
    /// An empty table; cookie values are drawn from `random`.
    pub fn new(config: SessionConfig, random: impl FnMut(&mut [u8]) + Send + 'static) -> Self {
        SessionTable {
            config,
            sessions: HashMap::new(),
            random: Box::new(random),
            sweep_at: FIRST_SWEEP,
        }
    }

    /// The table's configuration.
    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    /// The number of sessions held (expired ones not yet swept included).
    pub fn len(&self) -> usize {
        self.sessions.len()
    }

    /// Whether no session is held.
    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }

    /// A fresh opaque cookie value: 16 bytes of the caller's randomness as hex digits.
    fn token(&mut self) -> String {
        let mut b = [0u8; TOKEN_BYTES];
        (self.random)(&mut b);
        b.iter().map(|x| format!("{x:02X}")).collect()
    }

    fn expired(&self, e: &Entry<S>, now: Instant) -> bool {
        now.saturating_duration_since(e.last_used) > self.config.expiry
    }

    /// Creates the Session Context of a Connect or Bind request ([MS-OXCMAPIHTTP] 3.2.5.1)
    /// holding `state`, and gives the two cookies its response sets. A live session of the
    /// same endpoint named by the request's context cookie is destroyed first (3.2.5.6; its
    /// value is returned); the sequence cookie the request carries is ignored.
    pub fn create(
        &mut self,
        now: Instant,
        head: &RequestHead<'_>,
        state: S,
    ) -> ([SetCookie; 2], Option<S>) {
        let old = head
            .cookies
            .mapi_context
            .and_then(|c| match self.sessions.get(c) {
                Some(e) if e.endpoint == head.endpoint => self.sessions.remove(c).map(|e| e.state),
                _ => None,
            });
        if self.sessions.len() >= self.sweep_at {
            // Amortised: the next sweep waits until the table has doubled.
            self.sweep(now);
            self.sweep_at = (2 * self.sessions.len()).max(FIRST_SWEEP);
        }
        let mut context = self.token();
        let mut tries = 0;
        while self.sessions.contains_key(&context) {
            // 128 random bits do not collide: a source that repeats itself is broken, and a
            // count keeps the value unique (if no longer unpredictable).
            tries += 1;
            context = if tries < 8 {
                self.token()
            } else {
                format!("{}{:X}", self.token(), self.sessions.len() + tries)
            };
        }
        let sequence = self.token();
        let cookie = |name, value| SetCookie {
            name,
            value,
            endpoint: head.endpoint,
        };
        let cookies = [
            cookie(CONTEXT_COOKIE, context.clone()),
            cookie(SEQUENCE_COOKIE, sequence.clone()),
        ];
        self.sessions.insert(
            context,
            Entry {
                endpoint: head.endpoint,
                sequence,
                last_used: now,
                state,
            },
        );
        (cookies, old)
    }

    /// Admits a request into its Session Context: the context cookie must name a live session
    /// of the request's endpoint and, for a sequenced request, the sequence cookie must be the
    /// one the previous response set. An expired session is removed. Connect, Bind and PING
    /// need no session: use [`SessionTable::create`], or nothing.
    pub fn begin(&mut self, now: Instant, head: &RequestHead<'_>) -> Result<Ticket, RequestError> {
        let context = head
            .cookies
            .mapi_context
            .ok_or(RequestError::MissingCookie(CONTEXT_COOKIE))?;
        let entry = self
            .sessions
            .get(context)
            .ok_or(RequestError::ContextNotFound)?;
        if self.expired(entry, now) {
            self.sessions.remove(context);
            return Err(RequestError::ContextNotFound);
        }
        if entry.endpoint != head.endpoint {
            return Err(RequestError::ContextNotFound);
        }
        let step = if head.is_sequenced() {
            let carried = head
                .cookies
                .mapi_sequence
                .ok_or(RequestError::MissingCookie(SEQUENCE_COOKIE))?;
            if carried != entry.sequence {
                return Err(RequestError::InvalidSequence);
            }
            Some(self.token())
        } else {
            None
        };
        let entry = self
            .sessions
            .get_mut(context)
            .ok_or(RequestError::ContextNotFound)?;
        entry.last_used = now;
        let step = step.map(|next| (std::mem::replace(&mut entry.sequence, next.clone()), next));
        Ok(Ticket {
            context: context.to_string(),
            endpoint: head.endpoint,
            step,
            ends: head.ends_session(),
        })
    }

    /// The value of the ticket's session (`None` if it has gone meanwhile).
    pub fn state_mut(&mut self, ticket: &Ticket) -> Option<&mut S> {
        self.sessions.get_mut(&ticket.context).map(|e| &mut e.state)
    }

    /// The value of the session named by a context cookie, if it is live at `now`.
    pub fn get_mut(&mut self, context: &str, now: Instant) -> Option<&mut S> {
        let expiry = self.config.expiry;
        self.sessions
            .get_mut(context)
            .filter(|e| now.saturating_duration_since(e.last_used) <= expiry)
            .map(|e| &mut e.state)
    }

    /// The request of `ticket` was refused after all (its body did not decode): the session's
    /// sequence goes back to the value the request carried, unless another request has moved
    /// it since.
    pub fn cancel(&mut self, ticket: Ticket) {
        if let (Some(e), Some((carried, next))) =
            (self.sessions.get_mut(&ticket.context), ticket.step)
        {
            if e.sequence == next {
                e.sequence = carried;
            }
        }
    }

    /// The response to the request of `ticket` goes out: Disconnect and Unbind end the session
    /// ([MS-OXCMAPIHTTP] 3.2.5.4), whose value is returned.
    pub fn finish(&mut self, ticket: Ticket) -> Option<S> {
        if ticket.ends {
            self.sessions.remove(&ticket.context).map(|e| e.state)
        } else {
            None
        }
    }

    /// Ends a session now, whatever its state; its value.
    pub fn remove(&mut self, context: &str) -> Option<S> {
        self.sessions.remove(context).map(|e| e.state)
    }

    /// Removes every session expired at `now`; how many.
    pub fn sweep(&mut self, now: Instant) -> usize {
        let before = self.sessions.len();
        let expiry = self.config.expiry;
        self.sessions
            .retain(|_, e| now.saturating_duration_since(e.last_used) <= expiry);
        before - self.sessions.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::headers::{GuidCounter, RequestType, ResponseCode, SessionCookies};

    /// Cookie values from a counter: predictable, for tests only.
    fn counting() -> impl FnMut(&mut [u8]) + Send + 'static {
        let mut n = 0u8;
        move |b: &mut [u8]| {
            n = n.wrapping_add(1);
            b.fill(n);
        }
    }

    fn table(expiry_ms: u64) -> SessionTable<u32> {
        SessionTable::new(
            SessionConfig {
                expiry: Duration::from_millis(expiry_ms),
            },
            counting(),
        )
    }

    fn head<'a>(
        endpoint: Endpoint,
        rt: RequestType<'static>,
        context: Option<&'a str>,
        sequence: Option<&'a str>,
    ) -> RequestHead<'a> {
        let id = GuidCounter::parse("E2EA6C1C-E61B-49E9-9CFB-38184F907552:1").unwrap();
        RequestHead {
            endpoint,
            request_type: rt,
            request_id: id,
            client_info: id,
            cookies: SessionCookies {
                mapi_context: context,
                mapi_sequence: sequence,
            },
        }
    }

    fn code(r: Result<Ticket, RequestError>) -> ResponseCode {
        match r {
            Ok(t) => {
                drop(t);
                ResponseCode::SUCCESS
            }
            Err(e) => e.response_code(),
        }
    }

    #[test]
    fn the_sequence_rule() {
        let t0 = Instant::now();
        let mut t = table(60_000);
        let connect = head(Endpoint::Mailbox, RequestType::CONNECT, None, None);
        let ([ctx, seq1], _) = t.create(t0, &connect, 7);
        assert_eq!((ctx.name, seq1.name), ("MapiContext", "MapiSequence"));
        assert_eq!(
            ctx.to_string(),
            format!("MapiContext={}; path=/mapi/emsmdb/; HttpOnly", ctx.value)
        );
        assert_ne!(ctx.value, seq1.value);
        let exec = |s| head(Endpoint::Mailbox, RequestType::EXECUTE, Some(&ctx.value), s);

        // The current value is admitted and its response sets a new one.
        let ticket = t.begin(t0, &exec(Some(&seq1.value))).unwrap();
        let seq2 = ticket.set_cookies().pop().unwrap();
        assert_ne!(seq2.value, seq1.value);
        // A second request with the same value while the first is in flight: 15.
        assert_eq!(
            code(t.begin(t0, &exec(Some(&seq1.value)))),
            ResponseCode(15)
        );
        assert_eq!(t.state_mut(&ticket), Some(&mut 7));
        assert_eq!(t.finish(ticket), None);
        // The stale value: 15; the new one works; no value at all: 13.
        assert_eq!(
            code(t.begin(t0, &exec(Some(&seq1.value)))),
            ResponseCode(15)
        );
        assert_eq!(code(t.begin(t0, &exec(None))), ResponseCode(13));
        let ticket = t.begin(t0, &exec(Some(&seq2.value))).unwrap();
        let seq3 = ticket.set_cookies().pop().unwrap();
        // A request refused after admission gives its step back: the value it carried works.
        t.cancel(ticket);
        assert_eq!(
            code(t.begin(t0, &exec(Some(&seq3.value)))),
            ResponseCode(15)
        );
        let ticket = t.begin(t0, &exec(Some(&seq2.value))).unwrap();
        let seq4 = ticket.set_cookies().pop().unwrap();
        let _ = t.finish(ticket);

        // NotificationWait takes no part: no cookie needed, none set, the value stays.
        let wait = head(
            Endpoint::Mailbox,
            RequestType::NOTIFICATION_WAIT,
            Some(&ctx.value),
            Some("anything"),
        );
        let ticket = t.begin(t0, &wait).unwrap();
        assert!(ticket.set_cookies().is_empty());
        let _ = t.finish(ticket);
        let ticket = t.begin(t0, &exec(Some(&seq4.value))).unwrap();
        let _ = t.finish(ticket);
    }

    #[test]
    fn expiry_and_unknown_contexts() {
        let t0 = Instant::now();
        let mut t = table(1_000);
        let bind = head(Endpoint::AddressBook, RequestType::BIND, None, None);
        let ([ctx, seq], _) = t.create(t0, &bind, 1);
        fn q<'s>(ctx: &'s str, s: &'s str) -> RequestHead<'s> {
            head(
                Endpoint::AddressBook,
                RequestType::QUERY_ROWS,
                Some(ctx),
                Some(s),
            )
        }
        // Used at 900 ms: the expiry runs from the last use.
        let ticket = t
            .begin(t0 + Duration::from_millis(900), &q(&ctx.value, &seq.value))
            .unwrap();
        let next = ticket.set_cookies().pop().unwrap();
        let _ = t.finish(ticket);
        let ticket = t
            .begin(
                t0 + Duration::from_millis(1_900),
                &q(&ctx.value, &next.value),
            )
            .unwrap();
        let next = ticket.set_cookies().pop().unwrap();
        let _ = t.finish(ticket);
        // 1 ms past the expiry: 10 Context Not Found, and the session is gone.
        let late = t0 + Duration::from_millis(2_901);
        assert_eq!(
            code(t.begin(late, &q(&ctx.value, &next.value))),
            ResponseCode(10)
        );
        assert!(t.is_empty());

        // Unknown context: 10; no context cookie: 13.
        let unknown = head(
            Endpoint::Mailbox,
            RequestType::EXECUTE,
            Some("nope"),
            Some("x"),
        );
        assert_eq!(code(t.begin(t0, &unknown)), ResponseCode(10));
        let none = head(Endpoint::Mailbox, RequestType::EXECUTE, None, Some("x"));
        assert_eq!(code(t.begin(t0, &none)), ResponseCode(13));

        // A context of the other endpoint is not found either.
        let ([ab, ab_seq], _) = t.create(t0, &bind, 2);
        let exec = head(
            Endpoint::Mailbox,
            RequestType::EXECUTE,
            Some(&ab.value),
            Some(&ab_seq.value),
        );
        assert_eq!(code(t.begin(t0, &exec)), ResponseCode(10));
        // Sweeping removes only what has expired.
        assert_eq!(t.sweep(t0 + Duration::from_millis(999)), 0);
        assert_eq!(t.sweep(t0 + Duration::from_millis(1_001)), 1);
    }

    #[test]
    fn disconnect_ends_and_reconnect_replaces() {
        let t0 = Instant::now();
        let mut t = table(60_000);
        let connect = head(Endpoint::Mailbox, RequestType::CONNECT, None, None);
        let ([ctx, seq], _) = t.create(t0, &connect, 1);
        // A Connect carrying the live session's cookies destroys it (3.2.5.6).
        let again = head(
            Endpoint::Mailbox,
            RequestType::CONNECT,
            Some(&ctx.value),
            Some("ignored"),
        );
        let ([ctx2, seq2], old) = t.create(t0, &again, 2);
        assert_eq!(old, Some(1));
        assert_eq!(t.len(), 1);
        let exec = head(
            Endpoint::Mailbox,
            RequestType::EXECUTE,
            Some(&ctx.value),
            Some(&seq.value),
        );
        assert_eq!(code(t.begin(t0, &exec)), ResponseCode(10));
        // Disconnect ends the new one when its response goes out.
        let disconnect = head(
            Endpoint::Mailbox,
            RequestType::DISCONNECT,
            Some(&ctx2.value),
            Some(&seq2.value),
        );
        let ticket = t.begin(t0, &disconnect).unwrap();
        assert_eq!(t.finish(ticket), Some(2));
        assert!(t.is_empty());
        assert_eq!(code(t.begin(t0, &disconnect)), ResponseCode(10));
    }
}
