//! A sans-IO MAPI/HTTP server layer ([MS-OXCMAPIHTTP] 3.2): what a server must do between
//! reading a request and writing its response, without sockets, runtime or clock of its own.
//! The caller owns the I/O and passes the time in.
//!
//! - [`request`]: the checks of the request line and common headers, and the body decoded
//!   into one [`Request`] enum by X-RequestType; refusals are [`RequestError`]s carrying the
//!   X-ResponseCode the spec prescribes (2.2.3.3.3).
//! - [`session`]: the Session Contexts ([`SessionTable`]): context cookies, sequence
//!   validation, expiry, Disconnect and Unbind, the caller's value `S` beside each session.
//! - [`response`]: the response head ([`ResponseHead`]) and the response stream as time
//!   passes ([`ResponseStreamWriter`]: PROCESSING, PENDING keep-alives, DONE).
//! - [`rop_output`]: the ROP output buffer of an Execute, each response checked against its
//!   request and kept within MaxRopOut ([`RopOutputBuilder`]), and the Execute body around it.
//!
//! [`Server`] ties them together: [`Server::receive`] turns an HTTP request into a [`Call`]
//! (or a [`Reply`] refusing it), the handler answers the call, and [`Server::reply`] (or
//! [`Server::open`] for Connect and Bind) gives the [`Reply`] to write.
//!
//! ```
//! use std::time::{Duration, Instant, SystemTime};
//! use mapi_codec::http::emsmdb::{ConnectRequest, ConnectResponse, ConnectSuccess};
//! use mapi_codec::http::headers::{HeaderLine, Headers};
//! use mapi_codec::http::stream::ResponseStream;
//! use mapi_codec::nspi::{AuxiliaryBuffer, ErrorCode};
//! use mapi_codec::server::{HttpRequest, Request, Server, ServerConfig};
//! use mapi_codec::wire::{AnsiStr, Decode, Encode, Limits, Utf16Str};
//!
//! // The server; S, the value kept per session, is here a count of requests.
//! let mut n = 0u8;
//! let random = move |b: &mut [u8]| { n += 1; b.fill(n) }; // use a CSPRNG in a real server
//! let mut server: Server<u32> = Server::new(ServerConfig::default(), random);
//!
//! // A Connect request, as the HTTP stack hands it over.
//! let body = ConnectRequest {
//!     user_dn: AnsiStr::from_wire(b"/o=Contoso/cn=Recipients/cn=jane")?,
//!     flags: 0,
//!     default_code_page: 1252,
//!     lcid_sort: 0x409,
//!     lcid_string: 0x409,
//!     auxiliary_buffer: AuxiliaryBuffer(None),
//! }
//! .to_bytes()?;
//! let headers = [
//!     HeaderLine::new("X-RequestType", "Connect")?,
//!     HeaderLine::new("X-RequestId", "E2EA6C1C-E61B-49E9-9CFB-38184F907552:1")?,
//!     HeaderLine::new("X-ClientInfo", "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1")?,
//! ];
//! let http = HttpRequest { method: "POST", target: "/mapi/emsmdb/", headers: &headers, body: Some(&body) };
//! let (t0, wall) = (Instant::now(), SystemTime::now());
//!
//! // The handler: the layer has checked the request; answer it.
//! let call = server.receive(t0, wall, &http).expect("a valid request");
//! let Request::Connect(_) = &call.request else { unreachable!() };
//! let answer = ConnectResponse::success(ConnectSuccess {
//!     error_code: ErrorCode(0),
//!     polls_max: 60_000,
//!     retry_count: 6,
//!     retry_delay: 10_000,
//!     dn_prefix: AnsiStr::from_wire(b"/o=Contoso")?,
//!     display_name: Utf16Str::from_text("Jane Doe")?,
//!     auxiliary_buffer: AuxiliaryBuffer(None),
//! })
//! .to_bytes()?;
//! let reply = server.open(call, 0); // a Connect opens a session holding S = 0
//!
//! // The I/O: the head, then the stream as time passes.
//! let head = Headers(&reply.head.headers);
//! assert_eq!(reply.head.status, 200);
//! assert_eq!(head.response_code()?.map(|c| c.0), Some(0));
//! assert!(head.session_cookies().mapi_context.is_some());
//! let mut stream = reply.stream;
//! let mut bytes = stream.poll(t0).unwrap().to_vec(); // PROCESSING, at once
//! bytes.extend(stream.finish(t0 + Duration::from_millis(3), &answer)); // DONE, headers, body
//! let decoded = ResponseStream::decode_exact(&bytes, Limits::DEFAULT)?;
//! assert_eq!(decoded.body, answer);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod request;
pub mod response;
pub mod rop_output;
pub mod session;

pub use request::{
    HttpRequest, Request, RequestError, RequestHead, CONTEXT_COOKIE, SEQUENCE_COOKIE,
};
pub use response::{
    failure_body, imf_fixdate, ResponseConfig, ResponseHead, ResponseStreamWriter, CONTENT_TYPE,
};
pub use rop_output::{
    execute_failure, execute_success, rop_input, Answered, RopOutputBuilder, RopOutputError,
};
pub use session::{SessionConfig, SessionTable, SetCookie, Ticket};

use std::fmt;
use std::time::{Duration, Instant, SystemTime};

use crate::http::headers::{HeaderLine, ResponseCode};
use crate::wire::Limits;

/// How a [`Server`] behaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerConfig {
    /// X-PendingPeriod: how often a response being worked on gets a PENDING keep-alive
    /// ([MS-OXCMAPIHTTP] 2.2.3.3.5).
    pub pending_period: Duration,
    /// How long a Session Context lives without a request; sent as X-ExpirationInfo
    /// (2.2.3.3.9).
    pub session_expiry: Duration,
    /// X-ServerApplication (2.2.3.3.7), `product/version`; none when `None`.
    pub server_application: Option<String>,
    /// The limits request bodies are decoded with.
    pub limits: Limits,
}

impl Default for ServerConfig {
    /// 15 s keep-alives, sessions of 15 min, `mapi-codec/<version>`, the default limits.
    fn default() -> Self {
        let r = ResponseConfig::default();
        ServerConfig {
            pending_period: r.pending_period,
            session_expiry: r.expiration,
            server_application: r.server_application,
            limits: Limits::DEFAULT,
        }
    }
}

/// Where a call stands with the session table.
#[derive(Debug)]
enum Standing {
    /// PING: no session.
    None,
    /// Connect or Bind: [`Server::open`] creates the session.
    Opens,
    /// Admitted into a session.
    In(Ticket),
}

/// A request that passed every check ([MS-OXCMAPIHTTP] 3.2.5.2: "authorized, parsed, and
/// validated"): its head, its typed body, and its place in the session table. The handler
/// answers it, then hands it back to [`Server::reply`] (or [`Server::open`], for Connect and
/// Bind; [`Server::refuse`] to refuse it after all).
#[derive(Debug)]
pub struct Call<'a> {
    /// The request line and common headers.
    pub head: RequestHead<'a>,
    /// The body.
    pub request: Request<'a>,
    headers: &'a [HeaderLine<'a>],
    received: Instant,
    start_time: SystemTime,
    standing: Standing,
}

impl Call<'_> {
    /// When the request was received (monotonic).
    pub fn received(&self) -> Instant {
        self.received
    }

    /// The session context cookie of the session the call runs in (none for Connect, Bind,
    /// PING).
    pub fn context(&self) -> Option<&str> {
        match &self.standing {
            Standing::In(t) => Some(t.context()),
            _ => None,
        }
    }
}

/// What to write back: the head, then the stream; for a failure, the failure body to write at
/// DONE ([`failure_body`]).
#[derive(Debug)]
pub struct Reply {
    /// The status and headers.
    pub head: ResponseHead,
    /// The response stream: poll it for PROCESSING and the keep-alives, finish it with the
    /// body.
    pub stream: ResponseStreamWriter,
    /// For a failure (X-ResponseCode not 0), its body; `None` for a success, whose body is the
    /// handler's.
    pub failure_body: Option<Vec<u8>>,
}

/// A sans-IO MAPI/HTTP server: request checks, the session table holding the caller's value
/// `S` per session, response heads and streams. See the [module docs](self).
pub struct Server<S> {
    config: ServerConfig,
    response: ResponseConfig,
    sessions: SessionTable<S>,
}

impl<S> fmt::Debug for Server<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("config", &self.config)
            .field("sessions", &self.sessions)
            .finish()
    }
}

impl<S> Server<S> {
    /// A server with no sessions; cookie values are drawn from `random` (fill the slice with
    /// unpredictable bytes: a CSPRNG, the operating system's generator).
    pub fn new(config: ServerConfig, random: impl FnMut(&mut [u8]) + Send + 'static) -> Self {
        let sessions = SessionTable::new(
            SessionConfig {
                expiry: config.session_expiry,
            },
            random,
        );
        let response = ResponseConfig {
            pending_period: config.pending_period,
            expiration: config.session_expiry,
            server_application: config.server_application.clone(),
        };
        Server {
            config,
            response,
            sessions,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &ServerConfig {
        &self.config
    }

    /// The session table (to sweep expired sessions, end one, count them).
    pub fn sessions(&mut self) -> &mut SessionTable<S> {
        &mut self.sessions
    }

    /// Checks a request (a refusal is the boxed [`Reply`] to send), in the order of
    /// [MS-OXCMAPIHTTP] 3.2.5: the method, the path, the
    /// common headers and X-RequestType ([`RequestHead::parse`]); the body's size (`None` from
    /// the caller: 9 Too Large); the session and sequence cookies ([`SessionTable::begin`];
    /// Connect, Bind and PING need none); the body ([`Request::from_body`]). `now` is the
    /// monotonic time, `wall` the wall clock (for X-StartTime).
    pub fn receive<'a>(
        &mut self,
        now: Instant,
        wall: SystemTime,
        http: &HttpRequest<'a>,
    ) -> Result<Call<'a>, Box<Reply>> {
        let refuse = |e: RequestError| Box::new(self.reject(now, wall, http.headers, &e));
        let head = RequestHead::parse(http.method, http.target, http.headers).map_err(refuse)?;
        let body = http.body.ok_or_else(|| refuse(RequestError::TooLarge))?;
        let standing = if head.creates_session() {
            Standing::Opens
        } else if head.needs_session() {
            match self.sessions.begin(now, &head) {
                Ok(t) => Standing::In(t),
                Err(e) => return Err(Box::new(self.reject(now, wall, http.headers, &e))),
            }
        } else {
            Standing::None
        };
        match Request::from_body(head.request_type, body, self.config.limits) {
            Ok(request) => Ok(Call {
                head,
                request,
                headers: http.headers,
                received: now,
                start_time: wall,
                standing,
            }),
            Err(e) => {
                if let Standing::In(t) = standing {
                    self.sessions.cancel(t);
                }
                Err(Box::new(self.reject(now, wall, http.headers, &e)))
            }
        }
    }

    /// The value of the session `call` runs in.
    pub fn session(&mut self, call: &Call<'_>) -> Option<&mut S> {
        match &call.standing {
            Standing::In(t) => self.sessions.state_mut(t),
            _ => None,
        }
    }

    /// Answers a Connect or Bind: creates its Session Context holding `state` (destroying the
    /// one its cookies name, [MS-OXCMAPIHTTP] 3.2.5.6) and gives the reply that sets its
    /// cookies. Any other call is refused with 1 Unknown Failure: it opens no session.
    pub fn open(&mut self, call: Call<'_>, state: S) -> Reply {
        match call.standing {
            Standing::Opens => {
                let (cookies, _old) = self.sessions.create(call.received, &call.head, state);
                self.head(&call, ResponseCode::SUCCESS, &cookies)
            }
            _ => self.refuse(call, None),
        }
    }

    /// Answers a call in a session or a PING: the reply sets the next sequence cookie of a
    /// sequenced request; a Disconnect or Unbind ends its session ([MS-OXCMAPIHTTP] 3.2.5.4).
    /// A Connect or Bind must go to [`Server::open`]: here it is refused with 1 Unknown
    /// Failure.
    pub fn reply(&mut self, mut call: Call<'_>) -> Reply {
        match std::mem::replace(&mut call.standing, Standing::None) {
            Standing::In(ticket) => {
                let cookies = ticket.set_cookies();
                let reply = self.head(&call, ResponseCode::SUCCESS, &cookies);
                let _ended = self.sessions.finish(ticket);
                reply
            }
            Standing::None => self.head(&call, ResponseCode::SUCCESS, &[]),
            Standing::Opens => self.refuse(call, None),
        }
    }

    /// Refuses a call after all, with the code of `error` (1 Unknown Failure for `None`): its
    /// session's sequence stays where the request found it.
    pub fn refuse(&mut self, mut call: Call<'_>, error: Option<RequestError>) -> Reply {
        if let Standing::In(t) = std::mem::replace(&mut call.standing, Standing::None) {
            self.sessions.cancel(t);
        }
        let code = error.map_or(ResponseCode::UNKNOWN_FAILURE, |e| e.response_code());
        self.failure(call.received, call.start_time, call.headers, code)
    }

    /// The reply refusing a request with `error`, for refusals the caller finds itself (a body
    /// its HTTP stack could not read).
    pub fn reject(
        &self,
        now: Instant,
        wall: SystemTime,
        headers: &[HeaderLine<'_>],
        error: &RequestError,
    ) -> Reply {
        self.failure(now, wall, headers, error.response_code())
    }

    fn failure(
        &self,
        now: Instant,
        wall: SystemTime,
        headers: &[HeaderLine<'_>],
        code: ResponseCode,
    ) -> Reply {
        Reply {
            head: self.make_head(code, headers, &[]),
            stream: ResponseStreamWriter::new(now, wall, self.response.pending_period),
            failure_body: Some(failure_body(code)),
        }
    }

    fn head(&self, call: &Call<'_>, code: ResponseCode, cookies: &[SetCookie]) -> Reply {
        Reply {
            head: self.make_head(code, call.headers, cookies),
            stream: ResponseStreamWriter::new(
                call.received,
                call.start_time,
                self.response.pending_period,
            ),
            failure_body: None,
        }
    }

    fn make_head(
        &self,
        code: ResponseCode,
        headers: &[HeaderLine<'_>],
        cookies: &[SetCookie],
    ) -> ResponseHead {
        ResponseHead::new(code, headers, cookies, &self.response).unwrap_or_else(|_| {
            // Only a server application name a header cannot hold fails: leave it out.
            let bare = ResponseConfig {
                server_application: None,
                ..self.response.clone()
            };
            ResponseHead::new(code, headers, cookies, &bare).unwrap_or(ResponseHead {
                status: 200,
                response_code: code,
                headers: Vec::new(),
            })
        })
    }
}

#[cfg(test)]
mod tests;
