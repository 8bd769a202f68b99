//! Conversions to and from the [`http`](::http) crate's types (feature `http`), so that the
//! sans-IO [`client`](crate::client) and [`server`](crate::server) layers plug into hyper,
//! axum, reqwest or any other stack built on `http` 1.x:
//!
//! - headers: [`header_lines`] reads an `http::HeaderMap` as the [`HeaderLine`]s that the
//!   typed view [`Headers`](super::headers::Headers) reads (X-RequestType, X-RequestId,
//!   X-ClientInfo, X-ClientApplication, X-ResponseCode, X-PendingPeriod, X-ExpirationInfo,
//!   the session cookies); [`header_map`] and [`append_headers`] write header lines into one;
//! - the client: [`HttpRequest::into_http`](crate::client::HttpRequest::into_http) gives the
//!   `http::Request<Bytes>` to send, and
//!   [`Client::response_parts`](crate::client::Client::response_parts) (or
//!   [`Client::response_head`](crate::client::Client::response_head)) takes the response's
//!   status and headers;
//! - the server: [`ReceivedRequest`] holds an `http::Request` (its body collected by the
//!   caller) in the form [`Server::receive`](crate::server::Server::receive) and
//!   [`RequestHead::parse`] read, and
//!   [`ResponseHead::to_http`](crate::server::ResponseHead::to_http) gives the
//!   `http::Response` whose body the caller streams from the
//!   [`ResponseStreamWriter`](crate::server::ResponseStreamWriter).
//!
//! What travels is what the layers make and read; Host, Content-Length, Transfer-Encoding and
//! authentication stay the HTTP stack's. The `http` crate lowercases header names
//! (`x-requesttype`): the layers compare names without regard to ASCII case, as HTTP does. A
//! header whose value is not visible ASCII (the `http` crate also takes bytes 0x80 to 0xFF)
//! is none of this protocol's, whose headers are all ASCII ([MS-OXCMAPIHTTP] 2.2.3), and is
//! left out when read; nothing here panics, and what the `http` crate would refuse is an
//! [`InteropError`].
//!
//! A Connect from the client to the server and its response back, all through `http` types:
//!
//! ```
//! use std::time::{Duration, Instant, SystemTime};
//! use bytes::Bytes;
//! use http::Uri;
//! use mapi_codec::client::{Client, ClientConfig};
//! use mapi_codec::http::emsmdb::{ConnectRequest, ConnectResponse, ConnectSuccess};
//! use mapi_codec::http::interop::ReceivedRequest;
//! use mapi_codec::nspi::{AuxiliaryBuffer, ErrorCode};
//! use mapi_codec::server::{Request, Server, ServerConfig};
//! use mapi_codec::wire::{AnsiStr, Encode, Guid, Limits, Utf16Str};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut client = Client::new(ClientConfig::new(Guid([7; 16])));
//! let mut n = 0u8;
//! let random = move |b: &mut [u8]| { n += 1; b.fill(n) }; // use a CSPRNG in a real server
//! let mut server: Server<()> = Server::new(ServerConfig::default(), random);
//!
//! // The client's request as an `http::Request<Bytes>`, for hyper, reqwest, ...
//! let connect = ConnectRequest {
//!     user_dn: AnsiStr::from_wire(b"/o=Contoso/cn=Recipients/cn=jane")?,
//!     flags: 0,
//!     default_code_page: 1252,
//!     lcid_sort: 0x409,
//!     lcid_string: 0x409,
//!     auxiliary_buffer: AuxiliaryBuffer(None),
//! };
//! let req = client.request(&connect)?;
//! let call = req.call;
//! let sent: http::Request<Bytes> = req.into_http(&Uri::from_static("https://mail.contoso.com"))?;
//! assert_eq!(sent.uri(), "https://mail.contoso.com/mapi/emsmdb/");
//!
//! // The server: the request as its HTTP stack hands it over (body collected).
//! let received = ReceivedRequest::from(sent);
//! let (t0, wall) = (Instant::now(), SystemTime::now());
//! let call_in = server.receive(t0, wall, &received.as_request()).expect("a valid Connect");
//! assert!(matches!(call_in.request, Request::Connect(_)));
//! let body = ConnectResponse::success(ConnectSuccess {
//!     error_code: ErrorCode(0),
//!     polls_max: 60_000,
//!     retry_count: 6,
//!     retry_delay: 10_000,
//!     dn_prefix: AnsiStr::from_wire(b"/o=Contoso")?,
//!     display_name: Utf16Str::from_text("Jane Doe")?,
//!     auxiliary_buffer: AuxiliaryBuffer(None),
//! })
//! .to_bytes()?;
//! let reply = server.open(call_in, ());
//! let response: http::Response<()> = reply.head.to_http(())?;
//! let stream = reply.stream.finish(t0 + Duration::from_millis(2), &body); // the body to send
//!
//! // The client: the head, then the body as it arrives.
//! let (parts, ()) = response.into_parts();
//! let mut reader = client.response_parts(call, &parts)?;
//! reader.feed(&stream)?;
//! let answer = client.finish(reader)?;
//! let fields: ConnectSuccess = answer.fields(Limits::DEFAULT)?;
//! assert_eq!(fields.display_name.to_string_lossy(), "Jane Doe");
//! // The server's cookies went through the header map: the next request carries them.
//! assert!(client.execute(Vec::new())?.header("Cookie").unwrap().contains("MapiContext="));
//! # Ok(())
//! # }
//! ```

use std::fmt;

use ::http::header::{HeaderName, HeaderValue};
use ::http::uri::{PathAndQuery, Uri};
use ::http::{HeaderMap, Method, StatusCode};
use bytes::Bytes;

use super::headers::HeaderLine;
use crate::client::{CallId, Client, ClientError, HttpRequest, ResponseReader};
use crate::server::{RequestError, RequestHead, ResponseHead};

/// What the `http` crate would refuse in a conversion to its types.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InteropError {
    /// A header name the `http` crate does not take (it takes names of up to 64 KiB); the
    /// name.
    HeaderName(String),
    /// A header value the `http` crate does not take; the header's name.
    HeaderValue(String),
    /// More header lines than an `http::HeaderMap` holds (32,768 entries); how many.
    TooManyHeaders(usize),
    /// A request target that is no origin-form target (RFC 7230 5.3.1: `/path?query`, no
    /// fragment) or that does not make a URI with the base; the target.
    Target(String),
    /// A base URI with a scheme and no authority, or the reverse; the base.
    BaseUri(String),
    /// A method the `http` crate does not take; the method.
    Method(String),
    /// A status the `http` crate does not take (it takes 100 to 999); the status.
    Status(u16),
}

/// At most the first 64 characters of `s`, for messages about values of any length.
fn clip(s: &str) -> &str {
    s.char_indices().nth(64).map_or(s, |(i, _)| &s[..i])
}

impl fmt::Display for InteropError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InteropError::HeaderName(n) => write!(f, "invalid header name {:?}", clip(n)),
            InteropError::HeaderValue(n) => write!(f, "invalid value of header {:?}", clip(n)),
            InteropError::TooManyHeaders(n) => {
                write!(f, "{n} header lines are more than a header map holds")
            }
            InteropError::Target(t) => write!(f, "invalid request target {:?}", clip(t)),
            InteropError::BaseUri(b) => {
                write!(f, "base URI {:?} needs a scheme and an authority, or neither", clip(b))
            }
            InteropError::Method(m) => write!(f, "invalid method {:?}", clip(m)),
            InteropError::Status(s) => write!(f, "invalid status {s}"),
        }
    }
}

impl std::error::Error for InteropError {}

/// The header lines of a header map, in its order (the values of one name together, in the
/// order they were added). A value that is not visible ASCII, space or tab is left out: no
/// header of this protocol holds one.
///
/// ```
/// use http::{HeaderMap, HeaderValue};
/// use mapi_codec::http::headers::{Headers, ResponseCode};
/// use mapi_codec::http::interop::header_lines;
///
/// let mut map = HeaderMap::new();
/// map.insert("X-ResponseCode", HeaderValue::from_static("15"));
/// map.insert("X-PendingPeriod", HeaderValue::from_static("15000"));
/// map.append("Set-Cookie", HeaderValue::from_static("MapiContext=abc; path=/mapi/"));
/// map.append("Set-Cookie", HeaderValue::from_static("MapiSequence=s2; path=/mapi/"));
/// let lines = header_lines(&map);
/// let typed = Headers(&lines);
/// assert_eq!(typed.response_code()?, Some(ResponseCode::INVALID_SEQUENCE));
/// assert_eq!(typed.pending_period()?, Some(15_000));
/// assert_eq!(typed.session_cookies().mapi_sequence, Some("s2"));
/// # Ok::<(), mapi_codec::wire::DecodeError>(())
/// ```
pub fn header_lines(map: &HeaderMap) -> Vec<HeaderLine<'static>> {
    map.iter()
        .filter_map(|(name, value)| HeaderLine::new(name.as_str(), value.to_str().ok()?).ok())
        .collect()
}

/// One header line as the `http` crate's name and value.
fn header_pair(line: &HeaderLine<'_>) -> Result<(HeaderName, HeaderValue), InteropError> {
    let name = HeaderName::from_bytes(line.name().as_bytes())
        .map_err(|_| InteropError::HeaderName(line.name().to_string()))?;
    let value = HeaderValue::from_str(line.value())
        .map_err(|_| InteropError::HeaderValue(line.name().to_string()))?;
    Ok((name, value))
}

/// The header lines as the `http` crate's names and values, then appended to `map`.
fn append_lines(map: &mut HeaderMap, lines: &[HeaderLine<'_>]) -> Result<(), InteropError> {
    let pairs = lines
        .iter()
        .map(header_pair)
        .collect::<Result<Vec<_>, _>>()?;
    let before = map.len();
    for (name, value) in pairs {
        map.try_append(name, value)
            .map_err(|_| InteropError::TooManyHeaders(before + lines.len()))?;
    }
    Ok(())
}

/// Appends the header lines to `map`, in order (a name that comes again, such as Set-Cookie,
/// keeps every value). Either every line is appended or, on an error, none.
pub fn append_headers(map: &mut HeaderMap, lines: &[HeaderLine<'_>]) -> Result<(), InteropError> {
    let mut grown = map.clone();
    append_lines(&mut grown, lines)?;
    *map = grown;
    Ok(())
}

/// The header lines as a new header map.
///
/// ```
/// use mapi_codec::http::headers::HeaderLine;
/// use mapi_codec::http::interop::header_map;
///
/// let lines = [
///     HeaderLine::new("X-RequestType", "Execute")?,
///     HeaderLine::new("Set-Cookie", "MapiContext=abc; path=/mapi/emsmdb/")?,
///     HeaderLine::new("Set-Cookie", "MapiSequence=s2; path=/mapi/emsmdb/")?,
/// ];
/// let map = header_map(&lines)?;
/// assert_eq!(map["x-requesttype"], "Execute");
/// assert_eq!(map.get_all("set-cookie").iter().count(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn header_map(lines: &[HeaderLine<'_>]) -> Result<HeaderMap, InteropError> {
    let mut map = HeaderMap::new();
    append_lines(&mut map, lines)?;
    Ok(map)
}

/// The URI of a request to `target` (an origin-form target) on `base`'s scheme and authority;
/// the target alone when `base` has neither.
fn request_uri(base: &Uri, target: &str) -> Result<Uri, InteropError> {
    let bad = || InteropError::Target(target.to_string());
    if !target.starts_with('/') {
        return Err(bad());
    }
    let path = PathAndQuery::try_from(target).map_err(|_| bad())?;
    // The `http` crate drops a fragment silently: a target must arrive as it was built.
    if path.as_str() != target {
        return Err(bad());
    }
    let builder = match (base.scheme(), base.authority()) {
        (Some(scheme), Some(authority)) => Uri::builder()
            .scheme(scheme.clone())
            .authority(authority.clone()),
        (None, None) => Uri::builder(),
        _ => return Err(InteropError::BaseUri(base.to_string())),
    };
    builder.path_and_query(path).build().map_err(|_| bad())
}

impl HttpRequest {
    /// The request as an `http::Request` to send: the method, the path on `base`'s scheme and
    /// authority (`https://mail.contoso.com` gives `https://mail.contoso.com/mapi/emsmdb/`,
    /// the absolute form reqwest and hyper-util's client want; a base of `/`, with neither,
    /// gives the origin form `/mapi/emsmdb/` that a bare hyper connection sends, with the
    /// Host header the caller adds), the header lines and the body. `base`'s path is not used:
    /// the request's path is absolute (the endpoints' paths are
    /// [`ClientConfig`](crate::client::ClientConfig)'s).
    ///
    /// ```
    /// use http::Uri;
    /// use mapi_codec::client::{Client, ClientConfig};
    /// use mapi_codec::http::headers::Endpoint;
    /// use mapi_codec::wire::Guid;
    ///
    /// let mut client = Client::new(ClientConfig::new(Guid([7; 16])));
    /// client.config_mut().mailbox_path = "/mapi/emsmdb/?MailboxId=jane@contoso.com".into();
    /// let ping = client.ping(Endpoint::Mailbox)?;
    /// let req = ping.into_http(&Uri::from_static("https://mail.contoso.com"))?;
    /// assert_eq!(req.method(), http::Method::POST);
    /// assert_eq!(req.uri(), "https://mail.contoso.com/mapi/emsmdb/?MailboxId=jane@contoso.com");
    /// assert_eq!(req.headers()["x-requesttype"], "PING");
    /// assert_eq!(req.headers()["content-type"], "application/mapi-http");
    /// assert!(req.body().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_http(self, base: &Uri) -> Result<::http::Request<Bytes>, InteropError> {
        let method = Method::from_bytes(self.method.as_bytes())
            .map_err(|_| InteropError::Method(self.method.to_string()))?;
        let uri = request_uri(base, &self.path)?;
        let headers = header_map(&self.headers)?;
        let mut req = ::http::Request::new(Bytes::from(self.body));
        *req.method_mut() = method;
        *req.uri_mut() = uri;
        *req.headers_mut() = headers;
        Ok(req)
    }
}

impl Client {
    /// [`Client::response`] with the head of an `http::Response` (hyper's
    /// `Response::into_parts`, axum's and others'): its status and header map.
    pub fn response_parts(
        &mut self,
        call: CallId,
        parts: &::http::response::Parts,
    ) -> Result<ResponseReader, ClientError> {
        self.response_head(call, parts.status, &parts.headers)
    }

    /// [`Client::response`] with a status and a header map as the `http` crate holds them
    /// (reqwest's `Response::status` and `Response::headers`, hyper's `Response::status` and
    /// `Response::headers`). Values that are not visible ASCII are left out, as
    /// [`Client::response`] says.
    pub fn response_head(
        &mut self,
        call: CallId,
        status: StatusCode,
        headers: &HeaderMap,
    ) -> Result<ResponseReader, ClientError> {
        self.response(call, status.as_u16(), headers.iter())
    }
}

/// An `http::Request` as a server received it, in the form the server layer reads
/// ([`crate::server::HttpRequest`], borrowed from it by [`ReceivedRequest::as_request`]): the
/// method, the request target (path and query), the header lines and the body the caller
/// collected.
///
/// ```
/// use bytes::Bytes;
/// use mapi_codec::http::headers::{Endpoint, RequestType};
/// use mapi_codec::http::interop::ReceivedRequest;
/// use mapi_codec::server::RequestError;
///
/// let req = http::Request::post("/mapi/nspi/?MailboxId=jane@contoso.com")
///     .header("X-RequestType", "Bind")
///     .header("X-RequestId", "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:1")
///     .header("X-ClientInfo", "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1")
///     .body(Bytes::new())?;
/// let (parts, body) = req.into_parts();
/// // A body the caller stopped reading past its limit is `None`: 9 Too Large.
/// let received = ReceivedRequest::from_parts(&parts, Some(body));
/// assert_eq!(received.target, "/mapi/nspi/?MailboxId=jane@contoso.com");
/// let head = received.head()?;
/// assert_eq!((head.endpoint, head.request_type), (Endpoint::AddressBook, RequestType::BIND));
///
/// let get = http::Request::get("/mapi/nspi/").body(Bytes::new())?;
/// assert_eq!(ReceivedRequest::from(get).head(), Err(RequestError::InvalidVerb));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedRequest {
    /// The method.
    pub method: Method,
    /// The request target: the URI's path and query (an absolute-form URI gives its path and
    /// query too).
    pub target: String,
    /// The header lines, in the map's order; values that are not visible ASCII left out
    /// ([`header_lines`]).
    pub headers: Vec<HeaderLine<'static>>,
    /// The body; `None` when the caller stopped reading it past its own limit.
    pub body: Option<Bytes>,
}

impl ReceivedRequest {
    /// The request of `parts` with the `body` the caller collected (`None`: cut off past the
    /// caller's limit).
    pub fn from_parts(parts: &::http::request::Parts, body: Option<Bytes>) -> Self {
        let target = match parts.uri.path_and_query() {
            Some(p) => p.as_str(),
            None => parts.uri.path(),
        };
        ReceivedRequest {
            method: parts.method.clone(),
            target: target.to_string(),
            headers: header_lines(&parts.headers),
            body,
        }
    }

    /// The request as [`Server::receive`](crate::server::Server::receive) takes it.
    pub fn as_request(&self) -> crate::server::HttpRequest<'_> {
        crate::server::HttpRequest {
            method: self.method.as_str(),
            target: &self.target,
            headers: &self.headers,
            body: self.body.as_deref(),
        }
    }

    /// The request line and common headers, checked ([`RequestHead::parse`]).
    pub fn head(&self) -> Result<RequestHead<'_>, RequestError> {
        RequestHead::parse(self.method.as_str(), &self.target, &self.headers)
    }
}

impl<B: Into<Bytes>> From<::http::Request<B>> for ReceivedRequest {
    /// The request with its whole body.
    fn from(req: ::http::Request<B>) -> Self {
        let (parts, body) = req.into_parts();
        ReceivedRequest::from_parts(&parts, Some(body.into()))
    }
}

impl ResponseHead {
    /// The head as an `http::Response` with `body`: the status and the header lines (each
    /// Set-Cookie its own). Pass `()` for a head alone, or the caller's streaming body whose
    /// chunks come from the [`ResponseStreamWriter`](crate::server::ResponseStreamWriter)
    /// (framing, chunked or Content-Length, stays the HTTP stack's).
    ///
    /// ```
    /// use std::time::{Duration, Instant, SystemTime};
    /// use mapi_codec::http::headers::ResponseCode;
    /// use mapi_codec::server::{failure_body, ResponseConfig, ResponseHead, ResponseStreamWriter};
    ///
    /// let config = ResponseConfig::default();
    /// let head = ResponseHead::new(ResponseCode::INVALID_VERB, &[], &[], &config)?;
    /// let response = head.to_http(())?;
    /// assert_eq!(response.status(), http::StatusCode::OK);
    /// assert_eq!(response.headers()["x-responsecode"], "2");
    /// assert_eq!(response.headers()["x-pendingperiod"], "15000");
    ///
    /// // The body, as time passes: PROCESSING at once, then DONE and the failure body.
    /// let t0 = Instant::now();
    /// let mut stream = ResponseStreamWriter::new(t0, SystemTime::now(), config.pending_period);
    /// let mut chunks = vec![stream.poll(t0).unwrap().to_vec()];
    /// chunks.push(stream.finish(t0 + Duration::from_millis(1), &failure_body(head.response_code)));
    /// assert_eq!(chunks[0], b"PROCESSING\r\n");
    /// assert!(chunks[1].starts_with(b"DONE\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_http<B>(&self, body: B) -> Result<::http::Response<B>, InteropError> {
        let status =
            StatusCode::from_u16(self.status).map_err(|_| InteropError::Status(self.status))?;
        let headers = header_map(&self.headers)?;
        let mut response = ::http::Response::new(body);
        *response.status_mut() = status;
        *response.headers_mut() = headers;
        Ok(response)
    }
}
