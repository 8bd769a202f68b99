//! `mapi-inspect session`: decodes a whole capture of MAPI/HTTP traffic, call by call.
//!
//! A capture is a HAR file (what browser devtools, Fiddler and mitmproxy export) or a file of
//! raw HTTP/1.1 messages one after another (request, response, request, response, ...). Each
//! request is paired with its response; calls of one MAPI session (one MapiContext cookie) share
//! a [`Session`], so that columns set by RopSetColumns, logons, and named-property ids learned
//! in one Execute serve the calls after it. A call that cannot be decoded is reported with the
//! reason and the rest of the capture still decodes.
//!
//! FastTransfer streams are followed too: a download or upload context is known by the
//! Server object handle its creating ROP returned, and each buffer ROP on that handle
//! (RopFastTransferSourceGetBuffer's TransferBuffer, RopFastTransferDestinationPutBuffer's
//! TransferData) is decoded by the context's [`FtDecoder`] where the previous buffer stopped,
//! often in another Execute call. Its elements are shown under the ROP as
//! `FastTransferStream`; a property value cut by the end of a buffer is held back (copied)
//! and shown whole, its `Data` pieces joined, under the ROP whose buffer completes it, with
//! `FastTransferStreamContinues` saying what waits. PtypString data shows as text. At
//! TransferStatus Done the stream must end between two elements; a stream that does not
//! decode is reported in that call's errors (`FastTransferStreamError`), and the context is
//! forgotten on RopRelease of its handle.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

use base64::engine::general_purpose::{self, GeneralPurpose};
use base64::{alphabet, Engine as _};
use mapi_codec::fxics::transfer::TransferItem;
use mapi_codec::http::emsmdb::{
    ConnectRequest, ConnectResponse, DisconnectRequest, DisconnectResponse, ExecuteRequest,
    ExecuteResponse, NotificationWaitRequest, NotificationWaitResponse, PingBody,
};
use mapi_codec::http::headers::{
    cookie_pairs, BodyKind, Endpoint, HeaderLine, Headers, RequestType,
};
use mapi_codec::http::stream::ResponseStream;
use mapi_codec::nspi::{self, CodePage, Direction};
use mapi_codec::rop::context::TransferFeed;
use mapi_codec::rop::{RequestCtx, RopId, RopRequest, RopRequestBuffer, RopResponse, Session};
use mapi_codec::rpc::ext::{ExtFlags, ExtendedBufferChain};
use mapi_codec::tree::{ToTree, ToTreeWith, Tree};
use mapi_codec::wire::{Decode, DecodeError, DecodeWith, Limits, Reader};

use crate::http::HttpMessage;
use crate::Error;

/// Why a capture could not be read at all (problems inside one call are reported per call).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaptureError {
    /// The file starts like JSON but is not valid JSON.
    Json(String),
    /// The JSON is not a HAR log (`log.entries` is missing or not a list).
    NotHar(&'static str),
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaptureError::Json(e) => write!(f, "the capture is not valid JSON: {e}"),
            CaptureError::NotHar(what) => write!(f, "the capture is not a HAR file: {what}"),
        }
    }
}

impl std::error::Error for CaptureError {}

/// One HTTP message of a capture, whatever its source: the start line, the header lines and the
/// body (reassembled from its chunks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpPart {
    /// The request line or status line.
    pub start_line: String,
    /// The header lines, as (name, value).
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl HttpPart {
    fn from_message(m: &HttpMessage<'_>) -> HttpPart {
        HttpPart {
            start_line: m.start_line.to_string(),
            headers: m
                .headers
                .iter()
                .map(|h| (h.name().to_string(), h.value().to_string()))
                .collect(),
            body: m.body_bytes().into_owned(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The MapiContext cookie, from Cookie (requests) or Set-Cookie (responses) lines.
    fn mapi_context(&self) -> Option<&str> {
        let mut found = None;
        for (n, v) in &self.headers {
            let pairs: Vec<(&str, &str)> = if n.eq_ignore_ascii_case("Cookie") {
                cookie_pairs(v).collect()
            } else if n.eq_ignore_ascii_case("Set-Cookie") {
                cookie_pairs(v).take(1).collect()
            } else {
                continue;
            };
            for (k, val) in pairs {
                if k.eq_ignore_ascii_case("MapiContext") {
                    found = Some(val);
                }
            }
        }
        found
    }

    /// The request target without scheme and host (a HAR file gives the whole URL).
    fn target(&self) -> Option<String> {
        let t = self.start_line.split(' ').nth(1)?;
        match t.split_once("://") {
            Some((_, rest)) => Some(rest.find('/').map_or("/".into(), |i| rest[i..].into())),
            None => Some(t.to_string()),
        }
    }

    fn status(&self) -> Option<u16> {
        self.start_line.split(' ').nth(1)?.parse().ok()
    }
}

/// A request and its response, as the capture holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exchange {
    /// The request, if the capture has it.
    pub request: Option<HttpPart>,
    /// The response, if the capture has it.
    pub response: Option<HttpPart>,
    /// Problems of the capture itself around this exchange (a message that does not parse).
    pub problems: Vec<String>,
}

/// Reads a capture: HAR when it starts with `{`, else raw HTTP/1.1 messages.
pub fn read_capture(input: &[u8], limits: Limits) -> Result<Vec<Exchange>, CaptureError> {
    let first = input.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        read_har(input)
    } else {
        Ok(read_raw(input, limits))
    }
}

fn decode_error_text(e: DecodeError) -> String {
    Error::Decode(e).to_string()
}

/// Where the next message may start after a message that did not parse at `from`: a line
/// starting with a request method or `HTTP/1.1 `.
fn resync(input: &[u8], from: usize) -> Option<usize> {
    (from.max(1)..input.len()).find(|&i| {
        input[i - 1] == b'\n'
            && [&b"POST "[..], b"GET ", b"HTTP/1.1 "]
                .iter()
                .any(|p| input[i..].starts_with(p))
    })
}

/// Splits a file of raw HTTP/1.1 messages into exchanges.
pub fn read_raw(input: &[u8], limits: Limits) -> Vec<Exchange> {
    let mut out = Vec::new();
    let mut pending: Option<HttpPart> = None;
    let mut pos = 0;
    loop {
        while input.get(pos).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            pos += 1;
        }
        if pos >= input.len() {
            break;
        }
        let mut r = Reader::with_limits(&input[pos..], limits);
        match HttpMessage::decode_from(&mut r) {
            Ok(m) => {
                let part = HttpPart::from_message(&m);
                if m.is_response() {
                    let mut ex = Exchange {
                        request: pending.take(),
                        response: Some(part),
                        problems: Vec::new(),
                    };
                    if ex.request.is_none() {
                        ex.problems
                            .push(format!("the response at offset {pos} follows no request"));
                    }
                    out.push(ex);
                } else {
                    if let Some(p) = pending.take() {
                        out.push(Exchange {
                            request: Some(p),
                            response: None,
                            problems: vec!["no response follows this request".into()],
                        });
                    }
                    pending = Some(part);
                }
                pos += r.offset();
            }
            Err(e) => {
                let e = e.shifted(pos);
                out.push(Exchange {
                    request: pending.take(),
                    response: None,
                    problems: vec![format!(
                        "the HTTP message at offset {pos} does not decode: {}",
                        decode_error_text(e)
                    )],
                });
                match resync(input, pos + 1) {
                    Some(next) => pos = next,
                    None => break,
                }
            }
        }
    }
    if let Some(p) = pending {
        out.push(Exchange {
            request: Some(p),
            response: None,
            problems: vec!["the capture ends before the response to this request".into()],
        });
    }
    out
}

fn har_headers(v: &serde_json::Value) -> Vec<(String, String)> {
    v.get("headers")
        .and_then(|h| h.as_array())
        .map(|hs| {
            hs.iter()
                .filter_map(|h| {
                    let n = h.get("name")?.as_str()?;
                    let v = h.get("value")?.as_str()?;
                    // HTTP/2 pseudo-headers (:authority, :path) are not header lines.
                    (!n.starts_with(':')).then(|| (n.to_string(), v.to_string()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A HAR body: `text`, base64-decoded when `encoding` says so.
fn har_body(v: Option<&serde_json::Value>) -> Result<Vec<u8>, String> {
    let Some(v) = v else {
        return Ok(Vec::new());
    };
    let text = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
    match v.get("encoding").and_then(|e| e.as_str()) {
        Some(e) if e.eq_ignore_ascii_case("base64") => har_base64(text),
        _ => Ok(text.as_bytes().to_vec()),
    }
}

fn har_str<'v>(v: &'v serde_json::Value, key: &str, default: &'v str) -> &'v str {
    v.get(key).and_then(|x| x.as_str()).unwrap_or(default)
}

/// Reads the entries of a HAR log.
pub fn read_har(input: &[u8]) -> Result<Vec<Exchange>, CaptureError> {
    let v: serde_json::Value =
        serde_json::from_slice(input).map_err(|e| CaptureError::Json(e.to_string()))?;
    let entries = v
        .get("log")
        .ok_or(CaptureError::NotHar("no `log` object"))?
        .get("entries")
        .and_then(|e| e.as_array())
        .ok_or(CaptureError::NotHar("no `log.entries` list"))?;
    let mut out = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let mut ex = Exchange::default();
        match e.get("request") {
            Some(q) => {
                let version = har_str(q, "httpVersion", "HTTP/1.1");
                let start_line = format!(
                    "{} {} {}",
                    har_str(q, "method", "POST"),
                    har_str(q, "url", "/"),
                    version
                );
                match har_body(q.get("postData")) {
                    Ok(body) => {
                        ex.request = Some(HttpPart {
                            start_line,
                            headers: har_headers(q),
                            body,
                        })
                    }
                    Err(why) => ex
                        .problems
                        .push(format!("entry {i}: request.postData: {why}")),
                }
            }
            None => ex.problems.push(format!("entry {i} has no request")),
        }
        let status = e
            .get("response")
            .and_then(|r| r.get("status"))
            .and_then(|s| s.as_u64())
            .unwrap_or(0);
        match e.get("response") {
            // HAR writes status 0 for a request that got no response.
            Some(r) if status != 0 => {
                let start_line = format!(
                    "{} {} {}",
                    har_str(r, "httpVersion", "HTTP/1.1"),
                    status,
                    har_str(r, "statusText", "")
                );
                match har_body(r.get("content")) {
                    Ok(body) => {
                        ex.response = Some(HttpPart {
                            start_line: start_line.trim_end().to_string(),
                            headers: har_headers(r),
                            body,
                        })
                    }
                    Err(why) => ex
                        .problems
                        .push(format!("entry {i}: response.content: {why}")),
                }
            }
            _ => ex.problems.push(format!("entry {i} has no response")),
        }
        out.push(ex);
    }
    Ok(out)
}

/// Standard base64 as HAR files carry binary bodies: padding optional, the unused low bits of
/// the last character ignored.
const HAR_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    general_purpose::PAD_INDIFFERENT.with_decode_allow_trailing_bits(true),
);

/// Decodes a base64 HAR body; whitespace (line breaks) is skipped, so error offsets count the
/// other characters.
fn har_base64(text: &str) -> Result<Vec<u8>, String> {
    let text: Cow<'_, str> = if text.bytes().any(|b| b.is_ascii_whitespace()) {
        text.chars().filter(|c| !c.is_ascii_whitespace()).collect()
    } else {
        Cow::Borrowed(text)
    };
    HAR_BASE64
        .decode(text.as_bytes())
        .map_err(|e| format!("not base64: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Decoding calls
// ---------------------------------------------------------------------------------------------

/// What `session` needs besides the capture.
#[derive(Clone, Debug, Default)]
pub struct SessionOptions {
    /// Decoding limits.
    pub limits: Limits,
    /// Show only the ROPs of this name (`RopQueryRows`, or `QueryRows`), and only the calls that
    /// have one.
    pub filter: Option<String>,
}

/// One call, decoded.
#[derive(Clone, Debug)]
pub struct CallReport {
    /// The call's position in the capture, from 1.
    pub index: usize,
    /// X-RequestType (or `?` when neither message says).
    pub request_type: String,
    /// The decoded call.
    pub tree: Tree,
    /// What went wrong (decode errors with their offsets, failed status codes).
    pub errors: Vec<String>,
    /// Whether the call is shown (it has a ROP matching the filter, or there is no filter).
    pub shown: bool,
}

/// Totals over a capture.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Calls per request type.
    pub calls: BTreeMap<String, usize>,
    /// ROP requests per RopId name.
    pub rop_requests: BTreeMap<String, usize>,
    /// ROP responses per RopId name.
    pub rop_responses: BTreeMap<String, usize>,
    /// Failures: `call N: ...`.
    pub failures: Vec<String>,
    /// RopBuffer bytes as sent (after compression and XorMagic), requests and responses.
    pub wire_bytes: u64,
    /// RopBuffer bytes once decompressed.
    pub plain_bytes: u64,
    /// Extended buffers sent compressed.
    pub compressed_buffers: usize,
    /// Extended buffers sent with XorMagic.
    pub xor_buffers: usize,
}

impl Summary {
    /// The summary as a tree.
    pub fn to_tree(&self) -> Tree {
        let counts = |m: &BTreeMap<String, usize>| {
            m.iter().fold(Tree::record(), |t, (k, v)| {
                t.field(k.clone(), Tree::UInt(*v as u64))
            })
        };
        Tree::record()
            .field("CallsPerRequestType", counts(&self.calls))
            .field("RopRequests", counts(&self.rop_requests))
            .field("RopResponses", counts(&self.rop_responses))
            .field(
                "Failures",
                Tree::List(self.failures.iter().cloned().map(Tree::Text).collect()),
            )
            .field(
                "RopBufferBytes",
                Tree::record()
                    .field("OnTheWire", Tree::UInt(self.wire_bytes))
                    .field("Decompressed", Tree::UInt(self.plain_bytes))
                    .field(
                        "CompressedBuffers",
                        Tree::UInt(self.compressed_buffers as u64),
                    )
                    .field("XorMagicBuffers", Tree::UInt(self.xor_buffers as u64)),
            )
    }
}

/// A decoded capture.
#[derive(Clone, Debug)]
pub struct SessionReport {
    /// The calls, in capture order.
    pub calls: Vec<CallReport>,
    /// The totals.
    pub summary: Summary,
}

impl SessionReport {
    /// The text view: a tree per shown call, then the summary.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for c in self.calls.iter().filter(|c| c.shown) {
            s.push_str(&format!("=== call {}: {} ===\n", c.index, c.request_type));
            s.push_str(&c.tree.to_text());
        }
        s.push_str("=== summary ===\n");
        s.push_str(&self.summary.to_tree().to_text());
        s
    }

    /// JSON lines: one object per shown call, then `{"Summary": ...}`.
    pub fn to_json_lines(&self) -> Result<String, serde_json::Error> {
        let mut s = String::new();
        for c in self.calls.iter().filter(|c| c.shown) {
            s.push_str(&serde_json::to_string(&c.tree)?);
            s.push('\n');
        }
        let summary = Tree::record().field("Summary", self.summary.to_tree());
        s.push_str(&serde_json::to_string(&summary)?);
        s.push('\n');
        Ok(s)
    }
}

/// Decodes a capture (HAR or raw messages).
pub fn decode_session(input: &[u8], opts: &SessionOptions) -> Result<SessionReport, CaptureError> {
    let exchanges = read_capture(input, opts.limits)?;
    Ok(decode_exchanges(&exchanges, opts))
}

/// Decodes exchanges in order, one [`Session`] per MapiContext cookie.
pub fn decode_exchanges(exchanges: &[Exchange], opts: &SessionOptions) -> SessionReport {
    let mut sessions: HashMap<String, Session> = HashMap::new();
    let mut summary = Summary::default();
    let mut calls = Vec::with_capacity(exchanges.len());
    for (i, ex) in exchanges.iter().enumerate() {
        let key = ex
            .request
            .as_ref()
            .and_then(HttpPart::mapi_context)
            .or_else(|| ex.response.as_ref().and_then(HttpPart::mapi_context))
            .unwrap_or("(no MapiContext cookie)")
            .to_string();
        let state = sessions.entry(key.clone()).or_default();
        let mut call = Call {
            index: i + 1,
            matched: std::cell::Cell::new(0),
            opts,
            state,
            summary: &mut summary,
            errors: ex.problems.clone(),
        };
        let report = call.decode(ex, &key);
        calls.push(report);
    }
    SessionReport { calls, summary }
}

struct Call<'s> {
    index: usize,
    /// How many ROPs the filter kept in this call.
    matched: std::cell::Cell<usize>,
    opts: &'s SessionOptions,
    /// The MAPI session the call belongs to: what earlier calls established (table columns,
    /// logons, named-property ids, FastTransfer streams under way).
    state: &'s mut Session,
    summary: &'s mut Summary,
    errors: Vec<String>,
}

/// Which body decoder a request type takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Connect,
    Execute,
    Disconnect,
    NotificationWait,
    Ping,
    Nspi,
}

/// The NSPI body of request type `rt` in `direction`; `None` when `rt` is not one.
fn nspi_body<'a>(
    rt: &str,
    direction: Direction,
    bytes: &'a [u8],
    limits: Limits,
) -> Option<Result<nspi::NspiBody<'a>, DecodeError>> {
    let kind = BodyKind::new(rt, direction)?;
    Some(nspi::NspiBody::decode_with_exact(bytes, kind, limits))
}

fn kind_of(rt: &str, endpoint: Option<Endpoint>) -> Option<Kind> {
    let is_nspi = RequestType(rt).endpoint() == Some(Endpoint::AddressBook);
    if is_nspi && endpoint != Some(Endpoint::Mailbox) {
        return Some(Kind::Nspi);
    }
    if endpoint == Some(Endpoint::AddressBook) && !rt.eq_ignore_ascii_case("PING") {
        return None;
    }
    [
        ("Connect", Kind::Connect),
        ("Execute", Kind::Execute),
        ("Disconnect", Kind::Disconnect),
        ("NotificationWait", Kind::NotificationWait),
        ("PING", Kind::Ping),
    ]
    .iter()
    .find(|(n, _)| n.eq_ignore_ascii_case(rt))
    .map(|(_, k)| *k)
}

fn plain_tree<'a, T: Decode<'a> + ToTree>(b: &'a [u8], l: Limits) -> Result<Tree, DecodeError> {
    T::decode_exact(b, l).map(|v| v.to_tree())
}

/// The printable text of a body that is not decoded, or its bytes.
fn opaque(body: &[u8]) -> Tree {
    let printable = body
        .iter()
        .all(|&b| b == b'\r' || b == b'\n' || b == b'\t' || (0x20..0x7F).contains(&b));
    if printable && !body.is_empty() {
        Tree::Text(String::from_utf8_lossy(body).into_owned())
    } else {
        Tree::Bytes(body.to_vec())
    }
}

/// Decoded ROP buffers of one Execute call, request and response side.
struct ExecuteRops<'r> {
    requests: Vec<RopRequestBuffer<'r>>,
}

impl Call<'_> {
    fn fail(&mut self, what: String) {
        self.summary
            .failures
            .push(format!("call {}: {what}", self.index));
        self.errors.push(what);
    }

    fn decode(&mut self, ex: &Exchange, session: &str) -> CallReport {
        let rt_header = ex
            .request
            .as_ref()
            .and_then(|r| r.header("X-RequestType"))
            .or_else(|| ex.response.as_ref().and_then(|r| r.header("X-RequestType")));
        let request_type = match rt_header {
            Some(rt) => RequestType(rt).name().unwrap_or(rt).to_string(),
            None => "?".to_string(),
        };
        *self.summary.calls.entry(request_type.clone()).or_default() += 1;
        for p in ex.problems.clone() {
            self.summary
                .failures
                .push(format!("call {}: {p}", self.index));
        }
        let request_id = ex
            .request
            .as_ref()
            .and_then(|r| r.header("X-RequestId"))
            .or_else(|| ex.response.as_ref().and_then(|r| r.header("X-RequestId")));
        let target = ex.request.as_ref().and_then(HttpPart::target);
        let endpoint = target.as_deref().and_then(Endpoint::from_target);
        let kind = rt_header.and_then(|rt| kind_of(rt, endpoint.or(RequestType(rt).endpoint())));
        if rt_header.is_none() {
            self.fail("no X-RequestType header: the bodies are not decoded".into());
        } else if kind.is_none() {
            self.fail(format!(
                "unknown request type {request_type:?}: the bodies are not decoded"
            ));
        }
        let mut tree = Tree::record()
            .field("Call", Tree::UInt(self.index as u64))
            .field("RequestType", Tree::Text(request_type.clone()))
            .field(
                "RequestId",
                request_id.map_or(Tree::Null, |r| Tree::Text(r.into())),
            )
            .field("Session", Tree::Text(session.to_string()));
        let shown_rops;
        match kind {
            Some(Kind::Execute) => {
                let (req_t, resp_t, matched) = self.execute(ex);
                tree = tree.field("Request", req_t).field("Response", resp_t);
                shown_rops = matched;
            }
            _ => {
                let (req_t, resp_t) = self.other(ex, kind, rt_header.unwrap_or(""));
                tree = tree.field("Request", req_t).field("Response", resp_t);
                shown_rops = 0;
            }
        }
        let session: &Session = self.state;
        let mut tree =
            tree.with_named_properties(&|id| session.named_property(id).map(|n| n.to_string()));
        let errors = std::mem::take(&mut self.errors);
        tree = tree.field(
            "Errors",
            Tree::List(errors.iter().cloned().map(Tree::Text).collect()),
        );
        CallReport {
            index: self.index,
            request_type,
            tree,
            errors,
            shown: self.opts.filter.is_none() || shown_rops > 0,
        }
    }

    /// The request's head as a tree, and its body bytes.
    fn request_head(&mut self, ex: &Exchange) -> (Tree, Option<Vec<u8>>) {
        match &ex.request {
            None => {
                self.fail("the response has no request: its body is not decoded".into());
                (Tree::Null, None)
            }
            Some(r) => (
                Tree::record().field("StartLine", Tree::Text(normal_start_line(r))),
                Some(r.body.clone()),
            ),
        }
    }

    /// The response's head and stream as a tree, and the body inside the stream (None when
    /// the response failed or did not parse).
    fn response_head(&mut self, ex: &Exchange) -> (Tree, Option<Vec<u8>>) {
        let Some(r) = &ex.response else {
            return (Tree::Null, None);
        };
        let mut t = Tree::record().field(
            "Status",
            r.status().map_or(Tree::Null, |s| Tree::UInt(s.into())),
        );
        if r.status() != Some(200) {
            self.fail(format!("HTTP status line {:?}", r.start_line));
            return (t.field("Body", opaque(&r.body)), None);
        }
        let lines: Vec<HeaderLine<'static>> = r
            .headers
            .iter()
            .filter_map(|(n, v)| HeaderLine::new(n, v).ok())
            .collect();
        match Headers(&lines).response_code() {
            Ok(Some(c)) if c.0 != 0 => {
                t = t.field("X-ResponseCode", c.to_tree());
                self.fail(format!("X-ResponseCode {c:?}"));
                return (t.field("Body", opaque(&r.body)), None);
            }
            Ok(c) => t = t.field("X-ResponseCode", c.map_or(Tree::Null, |c| c.to_tree())),
            Err(e) => self.fail(format!("X-ResponseCode: {}", decode_error_text(e))),
        }
        let stream = match ResponseStream::decode_exact(&r.body, self.opts.limits) {
            Ok(s) => s,
            Err(e) => {
                self.fail(format!("response stream: {}", decode_error_text(e)));
                return (t.field("Body", opaque(&r.body)), None);
            }
        };
        let mut tags: Vec<Tree> = stream
            .meta_tags
            .iter()
            .map(|m| Tree::Text(m.as_str().into()))
            .collect();
        tags.push(Tree::Text("DONE".into()));
        t = t.field("MetaTags", Tree::List(tags)).field(
            "AdditionalHeaders",
            Tree::List(
                stream
                    .additional_headers
                    .iter()
                    .map(|h| Tree::Text(h.as_str().into()))
                    .collect(),
            ),
        );
        match Headers(&stream.additional_headers).response_code() {
            Ok(Some(c)) if c.0 != 0 => {
                self.fail(format!("X-ResponseCode after DONE {c:?}"));
                return (t.field("Body", opaque(&stream.body)), None);
            }
            Ok(_) => {}
            Err(e) => self.fail(format!(
                "X-ResponseCode after DONE: {}",
                decode_error_text(e)
            )),
        }
        (t, Some(stream.body.into_owned()))
    }

    /// StatusCode and ErrorCode, the first fields of every EMSMDB and NSPI response body.
    fn check_codes(&mut self, body: &[u8]) {
        let word = |i: usize| {
            body.get(i..i + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        match (word(0), word(4)) {
            (Some(s), _) if s != 0 => self.fail(format!("StatusCode {}", code_text(s))),
            (Some(0), Some(e)) if e != 0 => self.fail(format!("ErrorCode {}", code_text(e))),
            _ => {}
        }
    }

    /// Every request type but Execute.
    fn other(&mut self, ex: &Exchange, kind: Option<Kind>, rt: &str) -> (Tree, Tree) {
        let l = self.opts.limits;
        let (mut req_t, req_body) = self.request_head(ex);
        let (mut resp_t, resp_body) = self.response_head(ex);
        let mut code_page = None;
        if let Some(b) = &req_body {
            let decoded = match kind {
                Some(Kind::Connect) => Some(plain_tree::<ConnectRequest>(b, l)),
                Some(Kind::Disconnect) => Some(plain_tree::<DisconnectRequest>(b, l)),
                Some(Kind::NotificationWait) => Some(plain_tree::<NotificationWaitRequest>(b, l)),
                Some(Kind::Ping) => Some(plain_tree::<PingBody>(b, l)),
                Some(Kind::Nspi) => nspi_body(rt, Direction::Request, b, l).map(|r| {
                    r.map(|body| {
                        code_page = body.code_page();
                        body.to_tree()
                    })
                }),
                Some(Kind::Execute) | None => None,
            };
            req_t = req_t.field("Body", self.body_tree(decoded, b, "request body"));
        }
        if let Some(b) = &resp_body {
            let decoded = match kind {
                Some(Kind::Connect) => Some(plain_tree::<ConnectResponse>(b, l)),
                Some(Kind::Disconnect) => Some(plain_tree::<DisconnectResponse>(b, l)),
                Some(Kind::NotificationWait) => Some(plain_tree::<NotificationWaitResponse>(b, l)),
                Some(Kind::Ping) => Some(plain_tree::<PingBody>(b, l)),
                Some(Kind::Nspi) => nspi_body(rt, Direction::Response, b, l)
                    .map(|r| r.map(|body| body.to_tree_with(CodePage(code_page.unwrap_or(1252))))),
                Some(Kind::Execute) | None => None,
            };
            let ok = matches!(decoded, Some(Ok(_)));
            resp_t = resp_t.field("Body", self.body_tree(decoded, b, "response body"));
            if ok && kind != Some(Kind::Ping) {
                self.check_codes(b);
            }
        }
        (req_t, resp_t)
    }

    fn body_tree(
        &mut self,
        decoded: Option<Result<Tree, DecodeError>>,
        bytes: &[u8],
        what: &str,
    ) -> Tree {
        match decoded {
            Some(Ok(t)) => t,
            Some(Err(e)) => {
                self.fail(format!("{what}: {}", decode_error_text(e)));
                opaque(bytes)
            }
            None => opaque(bytes),
        }
    }

    fn count_chain(&mut self, chain: Option<&ExtendedBufferChain<'_>>) {
        for b in chain.iter().flat_map(|c| c.buffers.iter()) {
            self.summary.wire_bytes += u64::from(b.header.size);
            self.summary.plain_bytes += b.payload.len() as u64;
            if b.header.flags.contains(ExtFlags::COMPRESSED) {
                self.summary.compressed_buffers += 1;
            }
            if b.header.flags.contains(ExtFlags::XOR_MAGIC) {
                self.summary.xor_buffers += 1;
            }
        }
    }

    /// An Execute call: the request's ROPs, then the response's against them and the session.
    /// Returns the two trees and how many ROPs match the filter.
    fn execute(&mut self, ex: &Exchange) -> (Tree, Tree, usize) {
        let l = self.opts.limits;
        let (mut req_t, req_body) = self.request_head(ex);
        let (mut resp_t, resp_body) = self.response_head(ex);
        let req = match req_body
            .as_deref()
            .map(|b| ExecuteRequest::decode_exact(b, l))
        {
            Some(Ok(r)) => Some(r),
            Some(Err(e)) => {
                self.fail(format!("request body: {}", decode_error_text(e)));
                if let Some(b) = &req_body {
                    req_t = req_t.field("Body", opaque(b));
                }
                None
            }
            None => None,
        };
        let mut rops = ExecuteRops {
            requests: Vec::new(),
        };
        if let Some(r) = &req {
            self.count_chain(r.rop_buffer.0.as_ref());
            match r.rop_request_buffers(Some(&*self.state), l) {
                Ok(bufs) => {
                    let trees = bufs
                        .iter()
                        .map(|b| {
                            b.to_tree_with_rops(|_, rop| {
                                self.shown(rop.rop_id()).then(|| rop.to_tree())
                            })
                        })
                        .collect::<Vec<_>>();
                    req_t = req_t.field("Body", r.to_tree_with_rops(trees));
                    rops.requests = bufs;
                }
                Err(e) => {
                    self.fail(format!("request ROPs: {}", decode_error_text(e)));
                    req_t = req_t.field("Body", r.to_tree());
                }
            }
        }
        for b in &rops.requests {
            self.note_undecoded(b.raw.is_some(), "request");
            for rop in &b.rops {
                *self
                    .summary
                    .rop_requests
                    .entry(rop_name(rop.rop_id()))
                    .or_default() += 1;
            }
        }
        if let Some(b) = &resp_body {
            match ExecuteResponse::decode_exact(b, l) {
                Err(e) => {
                    self.fail(format!("response body: {}", decode_error_text(e)));
                    resp_t = resp_t.field("Body", opaque(b));
                }
                Ok(body) => {
                    self.check_codes(b);
                    resp_t = resp_t.field("Body", self.execute_response(&body, &rops));
                }
            }
        }
        let matched = self.matched.get();
        (req_t, resp_t, matched)
    }

    fn execute_response(&mut self, body: &ExecuteResponse<'_>, rops: &ExecuteRops<'_>) -> Tree {
        let l = self.opts.limits;
        let Some(s) = body.fields() else {
            return body.to_tree();
        };
        self.count_chain(s.rop_buffer.0.as_ref());
        let bufs = match s.rop_response_buffers(&rops.requests, Some(&*self.state), l) {
            Ok(b) => b,
            Err(e) => {
                self.fail(format!("response ROPs: {}", decode_error_text(e)));
                return body.to_tree();
            }
        };
        if let (Some(q), Some(a)) = (rops.requests.first(), bufs.first()) {
            self.state.learn(q, a);
        }
        for (i, b) in bufs.iter().enumerate() {
            self.note_undecoded(b.raw.is_some(), "response");
            for rop in &b.rops {
                let name = rop_name(rop.rop_id());
                *self.summary.rop_responses.entry(name.clone()).or_default() += 1;
                if rop.succeeded() == Some(false) {
                    let rv = rop.return_value().unwrap_or(0);
                    self.fail(format!(
                        "RopBuffer {i}: {name} ReturnValue {}",
                        code_text(rv)
                    ));
                }
            }
        }
        let feeds = self.state.follow_transfers(&rops.requests, &bufs);
        for f in &feeds {
            if let Some(e) = &f.error {
                let rop = bufs[f.buffer].rops.get(f.response).map(RopResponse::rop_id);
                let what = format!(
                    "RopBuffer {}: {}",
                    f.buffer,
                    rop.map(rop_name).unwrap_or_default()
                );
                self.fail(format!("{what}: {}", stream_error_text(e)));
            }
        }
        let trees: Vec<Tree> = bufs
            .iter()
            .enumerate()
            .map(|(i, b)| {
                b.to_tree_with_rops(|j, rop| {
                    if !self.shown(rop.rop_id()) {
                        return None;
                    }
                    let mut t = rop.to_tree();
                    if let Some(f) = feeds.iter().find(|f| (f.buffer, f.response) == (i, j)) {
                        t = t.splice(transfer_tree(f));
                    }
                    if let RopResponse::BufferTooSmall(b) = rop {
                        t = t.splice(unprocessed_requests(&b.request_buffers, l));
                    }
                    Some(t)
                })
            })
            .collect();
        s.to_tree_with_rops(trees)
    }

    /// Whether a ROP is shown under the filter (none: all are); counts those shown.
    fn shown(&self, id: RopId) -> bool {
        let Some(filter) = &self.opts.filter else {
            return true;
        };
        let name = id.name().unwrap_or_default();
        let ok = name.eq_ignore_ascii_case(filter)
            || name
                .strip_prefix("Rop")
                .is_some_and(|n| n.eq_ignore_ascii_case(filter));
        if ok {
            self.matched.set(self.matched.get() + 1);
        }
        ok
    }

    fn note_undecoded(&mut self, raw: bool, side: &str) {
        if raw {
            self.fail(format!(
                "part of the {side} RopsList is kept undecoded (see Undecoded)"
            ));
        }
    }
}

fn rop_name(id: RopId) -> String {
    id.name()
        .map_or_else(|| format!("Rop0x{:02X}", id.0), str::to_string)
}

fn code_text(v: u32) -> String {
    match mapi_codec::data::error_code_name(v) {
        Some(n) => format!("0x{v:08X} ({n})"),
        None => format!("0x{v:08X}"),
    }
}

/// The start line with a HAR file's whole URL cut to its path, so that the two forms of a
/// capture print the same.
fn normal_start_line(r: &HttpPart) -> String {
    let mut parts = r.start_line.splitn(3, ' ');
    let method = parts.next().unwrap_or("");
    let _ = parts.next();
    let version = parts.next().unwrap_or("");
    format!("{method} {} {version}", r.target().unwrap_or_default())
}

/// The fields that show what a FastTransfer buffer ROP carried: its stream items, the value
/// its buffer cut, the error that stopped the stream.
fn transfer_tree(f: &TransferFeed<'_>) -> Tree {
    let t = Tree::record();
    if !f.known {
        return t.field(
            "FastTransferStream",
            Tree::Text(
                "not decoded: the capture does not show the ROP that created this \
                 FastTransfer context"
                    .into(),
            ),
        );
    }
    let items = f.items.iter().flat_map(TransferItem::trees).collect();
    let mut t = t.field("FastTransferStream", Tree::List(items));
    if let Some(h) = &f.held {
        let rest = h
            .bytes_to_come
            .map_or_else(String::new, |n| format!(" ({n} bytes to come)"));
        t = t.field(
            "FastTransferStreamContinues",
            Tree::Text(format!(
                "the value of 0x{:08X} continues in the next buffer{rest}: shown whole when it completes",
                h.tag.0
            )),
        );
    }
    if let Some(e) = &f.error {
        t = t.field("FastTransferStreamError", Tree::Text(stream_error_text(e)));
    }
    t
}

fn stream_error_text(e: &DecodeError) -> String {
    format!(
        "FastTransfer stream (offsets from its start): {}",
        decode_error_text(e.clone())
    )
}

/// RopBufferTooSmall keeps the requests the server did not process as bytes; they are ROP
/// requests ([MS-OXCROPS] 2.2.15.1.1), shown decoded beside them.
fn unprocessed_requests(bytes: &[u8], l: Limits) -> Tree {
    let mut r = Reader::with_limits(bytes, l);
    let mut decoded = Vec::new();
    let mut failed = None;
    while !r.is_empty() {
        match RopRequest::decode_with_from(&mut r, RequestCtx::default()) {
            Ok(q) => decoded.push(q.to_tree()),
            Err(e) => {
                failed = Some(decode_error_text(e));
                break;
            }
        }
    }
    let t = Tree::record().field("RequestBuffersDecoded", Tree::List(decoded));
    match failed {
        Some(why) => t.field("RequestBuffersError", Tree::Text(why)),
        None => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use mapi_codec::data::PropTag;
    use mapi_codec::fxics::stream::{Fixed, FtStream, Marker};
    use mapi_codec::rop::fast_transfer::{
        FastTransferDestinationConfigureRequest, FastTransferDestinationConfigureResponse,
        FastTransferDestinationPutBufferExtendedResponse, FastTransferDestinationPutBufferRequest,
        FastTransferDestinationPutBufferResponse, PutBufferExtendedStatus, PutBufferStatus,
    };
    use mapi_codec::rop::field::{Bytes16, NoFields, Outcome};
    use mapi_codec::rop::other::ReleaseRequest;
    use mapi_codec::wire::Encode;

    fn utf16z(s: &str) -> Vec<u8> {
        s.encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect()
    }

    /// A stream with every kind of value: fixed, string, binary, multi-valued fixed and
    /// variable items, a marker.
    fn stream() -> Vec<u8> {
        let subject = utf16z("Budget");
        let (a, b) = (utf16z("one"), utf16z("two"));
        let mut w = FtStream::new();
        w.marker(Marker::START_MESSAGE);
        w.fixed(PropTag(0x0E07_0003), None, Fixed::U32(9));
        w.var(PropTag(0x0037_001F), None, &subject).unwrap();
        w.var(PropTag(0x0FFF_0102), None, &[1, 2, 3]).unwrap();
        w.multi_var(PropTag(0x6001_101F), None, &[&a, &b]).unwrap();
        w.multi_fixed(PropTag(0x6000_1003), None, &[Fixed::U32(1), Fixed::U32(2)])
            .unwrap();
        w.var(PropTag(0x0FFE_0102), None, &[]).unwrap();
        w.marker(Marker::END_MESSAGE);
        w.to_bytes().unwrap()
    }

    fn put_buffer(data: &[u8]) -> FastTransferDestinationPutBufferRequest<'static> {
        FastTransferDestinationPutBufferRequest {
            logon_id: 0,
            input_handle_index: 1,
            transfer_data: Bytes16(Cow::Owned(data.to_vec())),
        }
    }

    fn put_status() -> PutBufferStatus {
        PutBufferStatus {
            transfer_status: 0,
            in_progress_count: 0,
            total_step_count: 1,
            reserved: 0,
            buffer_used_size: 0,
        }
    }

    fn put_rops(report: &SessionReport, call: usize) -> &[Tree] {
        let mut t = &report.calls[call].tree;
        for k in ["Response", "Body", "RopBuffer", "Buffers"] {
            t = field(t, k);
        }
        let Tree::List(b) = t else { panic!() };
        let Tree::List(rops) = field(field(&b[0], "RopResponseBuffer"), "RopsList") else {
            panic!()
        };
        rops
    }

    fn field<'t>(t: &'t Tree, k: &str) -> &'t Tree {
        let Tree::Struct(f) = t else { panic!("{k}") };
        &f.iter().find(|(n, _)| n == k).unwrap().1
    }

    #[test]
    fn uploads_decode_across_calls_until_released() {
        const H: u32 = 0x0E31;
        const U: u32 = 0x0E40;
        let bytes = stream();
        let cut = 20;
        let capture = crate::sample::execute_capture(vec![
            (
                vec![
                    RopRequest::FastTransferDestinationConfigure(
                        FastTransferDestinationConfigureRequest {
                            logon_id: 0,
                            input_handle_index: 0,
                            output_handle_index: 1,
                            source_operation: 0x01,
                            copy_flags: 0,
                        },
                    ),
                    RopRequest::FastTransferDestinationPutBuffer(put_buffer(&bytes[..cut])),
                ],
                vec![H, 0xFFFF_FFFF],
                vec![
                    RopResponse::FastTransferDestinationConfigure(
                        FastTransferDestinationConfigureResponse {
                            handle_index: 1,
                            return_value: 0,
                            body: Outcome::Success(NoFields),
                        },
                    ),
                    RopResponse::FastTransferDestinationPutBuffer(
                        FastTransferDestinationPutBufferResponse {
                            handle_index: 1,
                            return_value: 0,
                            body: Outcome::Success(put_status()),
                        },
                    ),
                ],
                vec![H, U],
            ),
            (
                vec![RopRequest::FastTransferDestinationPutBufferExtended(
                    put_buffer(&bytes[cut..]),
                )],
                vec![H, U],
                vec![RopResponse::FastTransferDestinationPutBufferExtended(
                    FastTransferDestinationPutBufferExtendedResponse {
                        handle_index: 1,
                        return_value: 0,
                        body: Outcome::Success(PutBufferExtendedStatus {
                            transfer_status: 0,
                            in_progress_count: 1,
                            total_step_count: 1,
                            reserved: 0,
                            buffer_used_size: 0,
                        }),
                    },
                )],
                vec![H, U],
            ),
            (
                vec![
                    RopRequest::Release(ReleaseRequest {
                        logon_id: 0,
                        input_handle_index: 1,
                    }),
                    RopRequest::FastTransferDestinationPutBuffer(put_buffer(&bytes)),
                ],
                vec![H, U],
                vec![RopResponse::FastTransferDestinationPutBuffer(
                    FastTransferDestinationPutBufferResponse {
                        handle_index: 1,
                        return_value: 0,
                        body: Outcome::Success(put_status()),
                    },
                )],
                vec![H, U],
            ),
        ])
        .unwrap();
        let report = decode_session(&capture, &SessionOptions::default()).unwrap();
        assert!(report.summary.failures.is_empty(), "{:?}", report.summary);
        // The whole stream read at once by the codec, as the two calls must show it together.
        let mut once = mapi_codec::fxics::transfer::TransferStream::new();
        let whole: Vec<Tree> = once
            .feed(&bytes)
            .unwrap()
            .iter()
            .flat_map(TransferItem::trees)
            .collect();
        let Tree::List(first) = field(&put_rops(&report, 0)[1], "FastTransferStream") else {
            panic!()
        };
        let Tree::List(rest) = field(&put_rops(&report, 1)[0], "FastTransferStream") else {
            panic!()
        };
        assert_eq!([&first[..], &rest[..]].concat(), whole);
        assert!(matches!(
            field(&put_rops(&report, 0)[1], "FastTransferStreamContinues"),
            Tree::Text(_)
        ));
        // After RopRelease the handle has no context any more.
        assert!(matches!(
            field(&put_rops(&report, 2)[0], "FastTransferStream"),
            Tree::Text(t) if t.starts_with("not decoded")
        ));
    }

    #[test]
    fn bad_captures_are_reported_per_call() {
        // A response without a request, then a request whose Content-Length runs past the end.
        let raw = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n\
                    POST /mapi/emsmdb/ HTTP/1.1\r\nX-RequestType: Bogus\r\nContent-Length: 4\r\n\r\n\
                    HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n\
                    POST /mapi/emsmdb/ HTTP/1.1\r\nContent-Length: 90\r\n\r\nab";
        let report = decode_session(raw, &SessionOptions::default()).unwrap();
        assert_eq!(report.calls.len(), 3, "{}", report.to_text());
        assert!(report.calls[0].errors[0].contains("follows no request"));
        assert!(report.calls.iter().all(|c| !c.errors.is_empty()));
        assert!(decode_session(b"{ not json", &SessionOptions::default()).is_err());
        assert!(decode_session(b"{}", &SessionOptions::default()).is_err());
    }
}
