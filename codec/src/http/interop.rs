//! Conversions to and from the `http` crate's types (feature `http`), so that the
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
                write!(
                    f,
                    "base URI {:?} needs a scheme and an authority, or neither",
                    clip(b)
                )
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
/// collected. With hyper, collect the body within a limit (http-body-util's `Limited`, then
/// `collect`) and hand the parts and the bytes (`None` past the limit) to
/// [`ReceivedRequest::from_parts`]; a request whose body is already bytes converts with `From`.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::ClientConfig;
    use crate::data::ErrorCode;
    use crate::http::body::AuxiliaryBuffer;
    use crate::http::emsmdb::{
        ConnectRequest, ConnectResponse, ConnectSuccess, DisconnectRequest, DisconnectResponse,
        DisconnectSuccess, ExecuteResponse,
    };
    use crate::http::headers::{
        Application, Endpoint, GuidCounter, Headers, RequestType, ResponseCode,
    };
    use crate::rop::other::ReleaseRequest;
    use crate::rop::{HandleTable, RopRequest, RopRequestBuffer};
    use crate::server::{execute_success, Reply, Request, ResponseConfig, Server, ServerConfig};
    use crate::wire::{AnsiStr, Encode, Guid, Limits, Utf16Str};
    use std::time::{Duration, Instant, SystemTime};

    fn line(name: &str, value: &str) -> HeaderLine<'static> {
        HeaderLine::new(name, value).unwrap()
    }

    /// (lowercased name, value) of each line, the form names take in an `http::HeaderMap`.
    fn pairs(lines: &[HeaderLine<'_>]) -> Vec<(String, String)> {
        lines
            .iter()
            .map(|h| (h.name().to_ascii_lowercase(), h.value().to_string()))
            .collect()
    }

    #[test]
    fn header_lines_round_trip_through_a_header_map() {
        // A response head as [MS-OXCMAPIHTTP] 4.2's example has it, with two Set-Cookie lines.
        let lines = [
            line("Content-Type", "application/mapi-http"),
            line("X-RequestType", "Connect"),
            line("X-ResponseCode", "0"),
            line(
                "X-RequestId",
                "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:123456",
            ),
            line("X-ServerApplication", "Exchange/15.00.0847.4040"),
            line("X-PendingPeriod", "15000"),
            line("X-ExpirationInfo", "900000"),
            line(
                "Set-Cookie",
                "MapiContext=4A1B; path=/mapi/emsmdb/; HttpOnly",
            ),
            line(
                "Set-Cookie",
                "MapiSequence=10-8F; path=/mapi/emsmdb/; HttpOnly",
            ),
        ];
        let map = header_map(&lines).unwrap();
        // The `http` crate's own view: lowercased names, both cookies, in order.
        assert_eq!(map.len(), 9);
        assert_eq!(map.keys_len(), 8);
        assert_eq!(map["x-responsecode"], "0");
        let cookies: Vec<&str> = map
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert_eq!(
            cookies,
            [
                "MapiContext=4A1B; path=/mapi/emsmdb/; HttpOnly",
                "MapiSequence=10-8F; path=/mapi/emsmdb/; HttpOnly"
            ]
        );
        // Back to lines: the same headers (names lowercased), and the map again.
        let back = header_lines(&map);
        assert_eq!(pairs(&back), pairs(&lines));
        assert_eq!(header_map(&back).unwrap(), map);
        // The typed view reads the same values from either.
        let h = Headers(&back);
        assert_eq!(h.request_type(), Some(RequestType::CONNECT));
        assert_eq!(h.response_code().unwrap(), Some(ResponseCode::SUCCESS));
        assert_eq!(h.request_id().unwrap().unwrap().counter, 123_456);
        assert_eq!(h.pending_period().unwrap(), Some(15_000));
        assert_eq!(h.expiration_info().unwrap(), Some(900_000));
        let c = h.session_cookies();
        assert_eq!(
            (c.mapi_context, c.mapi_sequence),
            (Some("4A1B"), Some("10-8F"))
        );

        // Appending keeps what the map held and adds every line after it.
        let mut more = HeaderMap::new();
        more.insert("host", HeaderValue::from_static("mail.contoso.com"));
        append_headers(&mut more, &lines).unwrap();
        assert_eq!(more.len(), 10);
        assert_eq!(more.get_all("set-cookie").iter().count(), 2);
    }

    #[test]
    fn a_request_header_map_reads_as_typed_headers() {
        // The request headers of [MS-OXCMAPIHTTP] 2.2.3.3 as an HTTP/2 stack hands them over:
        // the cookies in separate Cookie fields (RFC 7540 8.1.2.5).
        let mut map = HeaderMap::new();
        let put = |m: &mut HeaderMap, n: &'static str, v: &'static str| {
            m.append(n, HeaderValue::from_static(v));
        };
        put(&mut map, "x-requesttype", "execute");
        put(
            &mut map,
            "x-requestid",
            "E2EA6C1C-E61B-49E9-9CFB-38184F907552:123456",
        );
        put(
            &mut map,
            "x-clientinfo",
            "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:123",
        );
        put(&mut map, "x-clientapplication", "Outlook/15.00.0847.4040");
        put(&mut map, "cookie", "MapiContext=abc");
        put(&mut map, "cookie", "MapiSequence=s-1; Other=x");
        // A value with bytes past ASCII: no header of this protocol, left out.
        map.insert(
            "x-user-note",
            HeaderValue::from_bytes("caf\u{e9}".as_bytes()).unwrap(),
        );
        let lines = header_lines(&map);
        assert_eq!(lines.len(), 6);
        assert!(!lines.iter().any(|h| h.is("X-User-Note")));
        let h = Headers(&lines);
        assert_eq!(h.request_type(), Some(RequestType::EXECUTE));
        let id = h.request_id().unwrap().unwrap();
        assert_eq!((id.braces, id.counter), (false, 123_456));
        let info = h.client_info().unwrap().unwrap();
        assert_eq!(
            info,
            GuidCounter::parse("{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:123").unwrap()
        );
        assert_eq!(
            h.client_application().unwrap(),
            Some(Application {
                product: "Outlook",
                version: "15.00.0847.4040"
            })
        );
        let c = h.session_cookies();
        assert_eq!(
            (c.mapi_context, c.mapi_sequence),
            (Some("abc"), Some("s-1"))
        );
        // The server layer reads both Cookie fields too.
        let head = RequestHead::parse("POST", "/mapi/emsmdb/", &lines).unwrap();
        assert_eq!(head.cookies, c);
        assert!(head.is_sequenced());
    }

    #[test]
    fn what_http_refuses_is_a_typed_error() {
        // A name longer than the `http` crate's 64 KiB limit.
        let long = "X".repeat(70_000);
        let lines = [line("X-RequestType", "PING"), line(&long, "1")];
        assert_eq!(
            header_map(&lines),
            Err(InteropError::HeaderName(long.clone()))
        );
        let e = InteropError::HeaderName(long).to_string();
        assert!(e.len() < 100, "the message is clipped: {e}");
        // Appending refuses the lot: the map stays as it was.
        let mut map = HeaderMap::new();
        map.insert("host", HeaderValue::from_static("h"));
        assert!(append_headers(&mut map, &lines).is_err());
        assert_eq!(map.len(), 1);
        // More distinct names than a header map holds (32,768 slots).
        let many: Vec<_> = (0..40_000).map(|i| line(&format!("X-H{i}"), "1")).collect();
        assert!(matches!(
            header_map(&many),
            Err(InteropError::TooManyHeaders(40_000))
        ));
        // A status outside 100..=999.
        let head = ResponseHead {
            status: 1000,
            response_code: ResponseCode::SUCCESS,
            headers: Vec::new(),
        };
        assert_eq!(head.to_http(()).unwrap_err(), InteropError::Status(1000));
    }

    fn client() -> Client {
        Client::new(ClientConfig::new(Guid([0x11; 16])))
    }

    #[test]
    fn client_requests_become_http_requests() {
        let mut c = client();
        let req = c.ping(Endpoint::AddressBook).unwrap();
        let lines = req.headers.clone();
        let abs = req
            .clone()
            .into_http(&Uri::from_static("https://mail.contoso.com:8443/ignored/"))
            .unwrap();
        assert_eq!(abs.method(), Method::POST);
        assert_eq!(abs.uri(), "https://mail.contoso.com:8443/mapi/nspi/");
        assert_eq!(pairs(&header_lines(abs.headers())), pairs(&lines));
        assert_eq!(abs.headers()["content-type"], "application/mapi-http");
        // With neither scheme nor authority: the origin form.
        let origin = req.clone().into_http(&Uri::from_static("/")).unwrap();
        assert_eq!(origin.uri(), "/mapi/nspi/");
        assert!(origin.uri().authority().is_none());

        // What makes no request target, and a base with half an origin.
        let mut bad = req.clone();
        bad.path = "/mapi/emsmdb/#top".into();
        let base = Uri::from_static("https://mail.contoso.com");
        assert_eq!(
            bad.clone().into_http(&base).unwrap_err(),
            InteropError::Target("/mapi/emsmdb/#top".into())
        );
        bad.path = "mapi/emsmdb/".into();
        assert!(matches!(
            bad.clone().into_http(&base),
            Err(InteropError::Target(_))
        ));
        bad.path = "/mapi emsmdb/".into();
        assert!(matches!(
            bad.clone().into_http(&base),
            Err(InteropError::Target(_))
        ));
        let half = Uri::from_static("mail.contoso.com:443");
        assert_eq!(
            req.clone().into_http(&half).unwrap_err(),
            InteropError::BaseUri("mail.contoso.com:443".into())
        );
        let mut bad = req;
        bad.method = "PO ST";
        assert_eq!(
            bad.into_http(&base).unwrap_err(),
            InteropError::Method("PO ST".into())
        );
    }

    #[test]
    fn received_requests_keep_the_query_and_a_cut_body() {
        let req = ::http::Request::post(
            "https://mail.contoso.com/mapi/emsmdb/?MailboxId=jane@contoso.com",
        )
        .header("X-RequestType", "PING")
        .header("X-RequestId", "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:1")
        .header("X-ClientInfo", "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1")
        .body(vec![1u8, 2, 3])
        .unwrap();
        let (parts, body) = req.into_parts();
        let whole = ReceivedRequest::from_parts(&parts, Some(Bytes::from(body)));
        assert_eq!(whole.target, "/mapi/emsmdb/?MailboxId=jane@contoso.com");
        assert_eq!(whole.as_request().body, Some(&[1u8, 2, 3][..]));
        assert_eq!(whole.head().unwrap().endpoint, Endpoint::Mailbox);
        // A body the caller stopped reading: the server answers 9 Too Large (3.2.5).
        let cut = ReceivedRequest::from_parts(&parts, None);
        let mut server = server();
        let t0 = Instant::now();
        let refused = server
            .receive(t0, SystemTime::UNIX_EPOCH, &cut.as_request())
            .unwrap_err();
        assert_eq!(refused.head.response_code, ResponseCode::TOO_LARGE);
        // And a path of neither endpoint: 3 Invalid Path.
        let other = ::http::Request::post("/owa/").body(Bytes::new()).unwrap();
        assert_eq!(
            ReceivedRequest::from(other).head(),
            Err(RequestError::InvalidPath)
        );
    }

    fn server() -> Server<u32> {
        let mut n = 0u8;
        let config = ServerConfig {
            server_application: Some("Test/1.0".into()),
            ..ServerConfig::default()
        };
        Server::new(config, move |b: &mut [u8]| {
            n = n.wrapping_add(1);
            b.fill(n);
        })
    }

    /// The client's request as an `http::Request`, taken apart as a server's stack does.
    fn over_http(req: HttpRequest) -> ReceivedRequest {
        let base = Uri::from_static("https://mail.contoso.com");
        let (parts, body) = req.into_http(&base).unwrap().into_parts();
        ReceivedRequest::from_parts(&parts, Some(body))
    }

    /// The reply as an `http::Response` and its whole stream, read by the client.
    fn read_reply(
        c: &mut Client,
        call: CallId,
        reply: Reply,
        body: &[u8],
        t0: Instant,
    ) -> ResponseReader {
        let stream = match &reply.failure_body {
            Some(failure) => reply.stream.finish(t0, failure),
            None => reply.stream.finish(t0 + Duration::from_millis(4), body),
        };
        let (parts, ()) = reply.head.to_http(()).unwrap().into_parts();
        assert_eq!(parts.status, StatusCode::OK);
        let mut reader = c.response_parts(call, &parts).unwrap();
        for piece in stream.chunks(7) {
            reader.feed(piece).unwrap();
        }
        reader
    }

    #[test]
    fn client_and_server_talk_through_http_types() {
        let mut c = client();
        let mut s = server();
        let t0 = Instant::now();
        let wall = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_161_600);

        // Connect: the server opens a Session Context and sets its cookies.
        let connect = ConnectRequest {
            user_dn: AnsiStr::from_vec(b"/o=Contoso/cn=Recipients/cn=jane".to_vec()).unwrap(),
            flags: 0,
            default_code_page: 1252,
            lcid_sort: 0x409,
            lcid_string: 0x409,
            auxiliary_buffer: AuxiliaryBuffer(None),
        };
        let req = c.request(&connect).unwrap();
        let call = req.call;
        let sent_id = req.header("X-RequestId").unwrap().to_string();
        let received = over_http(req);
        let got = s.receive(t0, wall, &received.as_request()).unwrap();
        let Request::Connect(body) = &got.request else {
            panic!("{:?}", got.request)
        };
        assert_eq!(body.user_dn.as_bytes(), b"/o=Contoso/cn=Recipients/cn=jane");
        let answer = ConnectResponse::success(ConnectSuccess {
            error_code: ErrorCode(0),
            polls_max: 60_000,
            retry_count: 6,
            retry_delay: 10_000,
            dn_prefix: AnsiStr::from_vec(b"/o=Contoso".to_vec()).unwrap(),
            display_name: Utf16Str::from_text("Jane Doe").unwrap(),
            auxiliary_buffer: AuxiliaryBuffer(None),
        })
        .to_bytes()
        .unwrap();
        let reply = s.open(got, 7);
        let response = reply.head.to_http(()).unwrap();
        // The head as the `http` crate holds it: X-RequestId echoed (2.2.3.3.2), the
        // session's cookies (3.2.5.1), the timers.
        assert_eq!(response.headers()["x-requestid"], sent_id.as_str());
        assert_eq!(response.headers()["x-responsecode"], "0");
        assert_eq!(response.headers()["x-expirationinfo"], "900000");
        let set: Vec<&str> = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert_eq!(set.len(), 2);
        assert!(set[0].starts_with("MapiContext=") && set[1].starts_with("MapiSequence="));
        let reader = read_reply(&mut c, call, reply, &answer, t0);
        let done = c.finish(reader).unwrap();
        let fields: ConnectSuccess = done.fields(Limits::DEFAULT).unwrap();
        assert_eq!(fields.display_name.to_string_lossy(), "Jane Doe");
        assert!(c.endpoint(Endpoint::Mailbox).has_session_context());

        // Execute: the cookies went back through the header maps. Without them the server
        // would answer 13 Missing Cookie; with them it finds the session.
        let rops = RopRequestBuffer {
            rops: vec![RopRequest::Release(ReleaseRequest {
                logon_id: 0,
                input_handle_index: 0,
            })],
            raw: None,
            handles: HandleTable::from_handles(&[0x42]),
        };
        let req = c.execute(vec![rops]).unwrap();
        let call = req.call;
        let received = over_http(req);
        let mut bare = received.clone();
        bare.headers.retain(|h| !h.is("Cookie"));
        let refused = s.receive(t0, wall, &bare.as_request()).unwrap_err();
        assert_eq!(refused.head.response_code, ResponseCode::MISSING_COOKIE);
        let got = s.receive(t0, wall, &received.as_request()).unwrap();
        assert_eq!(s.session(&got).copied(), Some(7));
        let Request::Execute(exec) = &got.request else {
            panic!("{:?}", got.request)
        };
        // RopRelease has no response: RopSize 2, then the handle table.
        let out = [0x02, 0x00, 0x42, 0x00, 0x00, 0x00];
        let answer = ExecuteResponse::success(execute_success(exec, &out).unwrap())
            .to_bytes()
            .unwrap();
        let reply = s.reply(got);
        let reader = read_reply(&mut c, call, reply, &answer, t0);
        let executed = c.finish_execute(reader).unwrap();
        assert_eq!(
            executed.responses[0].handles.iter().collect::<Vec<_>>(),
            [0x42]
        );

        // Disconnect: sent with the sequence cookie the Execute's reply set (an old one would
        // be 15 Invalid Sequence); the server ends the session, and so does the client.
        let req = c
            .request(&DisconnectRequest {
                auxiliary_buffer: AuxiliaryBuffer(None),
            })
            .unwrap();
        let call = req.call;
        let received = over_http(req);
        let got = s.receive(t0, wall, &received.as_request()).unwrap();
        let answer = DisconnectResponse::success(DisconnectSuccess {
            error_code: ErrorCode(0),
            auxiliary_buffer: AuxiliaryBuffer(None),
        })
        .to_bytes()
        .unwrap();
        let reply = s.reply(got);
        let reader = read_reply(&mut c, call, reply, &answer, t0);
        let done = c.finish(reader).unwrap().ok().unwrap();
        assert_eq!(done.elapsed_time().unwrap(), Some(4));
        assert_eq!(
            done.start_time_text(),
            Some("Fri, 20 Nov 2026 08:00:00 GMT")
        );
        assert!(!c.endpoint(Endpoint::Mailbox).has_session_context());
        assert_eq!(s.sessions().len(), 0);
    }

    #[test]
    fn a_refusal_reaches_the_client_as_a_typed_error() {
        // An Execute with a context cookie the server never issued: 10 Context Not Found,
        // which ends the client's Session Context (3.2.5.6).
        let mut c = client();
        let mut s = server();
        let t0 = Instant::now();
        c.endpoint_mut(Endpoint::Mailbox)
            .cookies_mut()
            .set("MapiContext", "stale");
        assert!(c.endpoint(Endpoint::Mailbox).has_session_context());
        let req = c.execute(Vec::new()).unwrap();
        let call = req.call;
        let received = over_http(req);
        let refused = s
            .receive(t0, SystemTime::UNIX_EPOCH, &received.as_request())
            .unwrap_err();
        let reader = read_reply(&mut c, call, *refused, &[], t0);
        let response = c.finish(reader).unwrap();
        assert!(matches!(
            response.check(),
            Err(ClientError::SessionExpired {
                endpoint: Endpoint::Mailbox,
                code: ResponseCode::CONTEXT_NOT_FOUND
            })
        ));
        assert!(!c.endpoint(Endpoint::Mailbox).has_session_context());
        // Through `response_head` as reqwest gives it: a status other than 200 is an error.
        let req = c.ping(Endpoint::Mailbox).unwrap();
        let head = ResponseHead::new(
            ResponseCode::SUCCESS,
            &req.headers,
            &[],
            &ResponseConfig::default(),
        )
        .unwrap();
        let mut resp = head.to_http(()).unwrap();
        *resp.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        assert!(matches!(
            c.response_head(req.call, resp.status(), resp.headers()),
            Err(ClientError::HttpStatus { status: 503, .. })
        ));
    }
}
