//! Reading a capture: a HAR log, raw HTTP/1.1 messages, a Fiddler session archive or a packet
//! capture, told apart by their first bytes and paired into exchanges.

use std::borrow::Cow;
use std::fmt;

use base64::engine::general_purpose::{self, GeneralPurpose};
use base64::{alphabet, Engine as _};
use mapi_codec::http::headers::cookie_pairs;
use mapi_codec::wire::Limits;

use crate::http::HttpMessage;

/// Why a capture could not be read at all (problems inside one call are reported per call).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaptureError {
    /// The file starts like JSON but is not valid JSON.
    Json(String),
    /// The JSON is not a HAR log (`log.entries` is missing or not a list).
    NotHar(&'static str),
    /// The file starts like a zip archive (a Fiddler `.saz`) but cannot be read as one.
    Saz(String),
    /// The file starts like a pcap or pcapng file but its header does not parse.
    Pcap(String),
    /// The input is none of the formats read (its first bytes, at most 8).
    UnknownFormat(Vec<u8>),
    /// The capture could not be read (a file or pipe error, as text).
    Io(String),
}

impl CaptureError {
    pub(super) fn io(e: std::io::Error) -> CaptureError {
        CaptureError::Io(e.to_string())
    }
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaptureError::Json(e) => write!(f, "the capture is not valid JSON: {e}"),
            CaptureError::NotHar(what) => write!(f, "the capture is not a HAR file: {what}"),
            CaptureError::Saz(e) => write!(f, "the capture is not a readable .saz archive: {e}"),
            CaptureError::Pcap(e) => write!(f, "the capture is not a readable pcap file: {e}"),
            CaptureError::Io(e) => write!(f, "the capture cannot be read: {e}"),
            CaptureError::UnknownFormat(first) if first.is_empty() => {
                write!(f, "the capture is empty")
            }
            CaptureError::UnknownFormat(first) => {
                let hex: Vec<String> = first.iter().map(|b| format!("{b:02X}")).collect();
                write!(
                    f,
                    "the capture is not HAR, raw HTTP/1.1, a Fiddler .saz archive, pcap or \
                     pcapng (it starts with {})",
                    hex.join(" ")
                )
            }
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
    pub(super) fn from_message(m: &HttpMessage<'_>) -> HttpPart {
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

    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The MapiContext cookie, from Cookie (requests) or Set-Cookie (responses) lines.
    pub(super) fn mapi_context(&self) -> Option<&str> {
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
    pub(super) fn target(&self) -> Option<String> {
        let t = self.start_line.split(' ').nth(1)?;
        match t.split_once("://") {
            Some((_, rest)) => Some(rest.find('/').map_or("/".into(), |i| rest[i..].into())),
            None => Some(t.to_string()),
        }
    }

    pub(super) fn status(&self) -> Option<u16> {
        self.start_line.split(' ').nth(1)?.parse().ok()
    }
}

/// When the capture says the steps of an exchange happened, as RFC 3339 text in UTC
/// (`2026-11-20T08:00:01.250Z`), each when the capture records it: a HAR entry gives when the
/// request began, a Fiddler archive all four, a packet capture the times of the first and last
/// packets of each message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timers {
    /// The client began sending the request.
    pub client_begin_request: Option<String>,
    /// The server had the whole request.
    pub server_got_request: Option<String>,
    /// The server had sent the whole response.
    pub server_done_response: Option<String>,
    /// The client had the whole response.
    pub client_done_response: Option<String>,
}

impl Timers {
    /// Whether the capture gave no time at all.
    pub fn is_empty(&self) -> bool {
        self == &Timers::default()
    }

    /// The timers as a tree record, each present one by its name (`ClientBeginRequest`, ...).
    pub fn to_tree(&self) -> mapi_codec::tree::Tree {
        let mut t = mapi_codec::tree::Tree::record();
        for (name, v) in [
            ("ClientBeginRequest", &self.client_begin_request),
            ("ServerGotRequest", &self.server_got_request),
            ("ServerDoneResponse", &self.server_done_response),
            ("ClientDoneResponse", &self.client_done_response),
        ] {
            if let Some(v) = v {
                t = t.field(name, mapi_codec::tree::Tree::Text(v.clone()));
            }
        }
        t
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
    /// When its steps happened, as far as the capture says.
    pub timers: Timers,
    /// Where the capture holds it, when the format says more than its order: the session
    /// number of a Fiddler archive (`SAZ session 4`), the TCP connection of a packet capture
    /// (`10.0.0.5:50123 -> 10.0.0.9:80`).
    pub origin: Option<String>,
    /// Why this is not a MAPI call, when the capture reader knows (a TCP connection that
    /// carries no HTTP/1.1); the session lists it under `Skipped` and decodes nothing.
    pub skipped: Option<String>,
}

impl Exchange {
    /// Why the exchange is not decoded as a MAPI call, if it is not one: a reader said so
    /// ([`Exchange::skipped`]), or its request has no X-RequestType header (nor its response)
    /// and a target outside `/mapi/emsmdb` and `/mapi/nspi` (a CONNECT tunnel, a web page).
    /// `at` names the exchange when the capture gives no origin.
    pub fn skip_reason(&self, at: usize) -> Option<String> {
        let place = self
            .origin
            .clone()
            .unwrap_or_else(|| format!("exchange {at}"));
        if let Some(why) = &self.skipped {
            return Some(format!("{place}: {why}"));
        }
        let request = self.request.as_ref()?;
        let has_type = |p: &Option<HttpPart>| {
            p.as_ref()
                .is_some_and(|p| p.header("X-RequestType").is_some())
        };
        if has_type(&self.request) || has_type(&self.response) {
            return None;
        }
        let target = request.target().unwrap_or_default().to_ascii_lowercase();
        let mapi = ["/mapi/emsmdb", "/mapi/nspi"]
            .iter()
            .any(|p| target.starts_with(p));
        (!mapi).then(|| format!("{place}: {} (not a MAPI call)", request.start_line))
    }
}

/// The kinds of capture [`read_capture`] reads, as [`CaptureFormat::detect`] tells them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureFormat {
    /// A HAR 1.2 log (JSON, starts with `{`): browser devtools, Fiddler, mitmproxy exports.
    Har,
    /// HTTP/1.1 messages one after another, starting with a request method or `HTTP/1.`.
    RawHttp,
    /// A Fiddler session archive (`.saz`: a zip file, `raw/NN_c.txt`, `_s.txt`, `_m.xml`).
    Saz,
    /// A classic pcap file (tcpdump), either byte order, micro- or nanosecond timestamps.
    Pcap,
    /// A pcapng file (Wireshark, dumpcap, newer tcpdump).
    Pcapng,
}

/// The request methods a raw HTTP capture may start with.
const METHODS: [&str; 9] = [
    "GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "CONNECT ", "PATCH ", "TRACE ",
];

impl CaptureFormat {
    /// The format of `input`, from its first bytes; `None` when it is none of them.
    pub fn detect(input: &[u8]) -> Option<CaptureFormat> {
        const PCAP_MAGICS: [[u8; 4]; 4] = [
            [0xD4, 0xC3, 0xB2, 0xA1], // microseconds, little-endian
            [0xA1, 0xB2, 0xC3, 0xD4], // microseconds, big-endian
            [0x4D, 0x3C, 0xB2, 0xA1], // nanoseconds, little-endian
            [0xA1, 0xB2, 0x3C, 0x4D], // nanoseconds, big-endian
        ];
        let head = input.get(..4);
        if head == Some(&[0x0A, 0x0D, 0x0D, 0x0A][..]) {
            return Some(CaptureFormat::Pcapng);
        }
        if PCAP_MAGICS.iter().any(|m| head == Some(&m[..])) {
            return Some(CaptureFormat::Pcap);
        }
        // A local file header, or the end record of an empty archive.
        if head == Some(b"PK\x03\x04") || head == Some(b"PK\x05\x06") {
            return Some(CaptureFormat::Saz);
        }
        let text = input.trim_ascii_start();
        if text.starts_with(b"{") {
            return Some(CaptureFormat::Har);
        }
        let text = &input[input
            .iter()
            .take_while(|b| **b == b'\r' || **b == b'\n')
            .count()..];
        if text.starts_with(b"HTTP/1.") || METHODS.iter().any(|m| text.starts_with(m.as_bytes())) {
            return Some(CaptureFormat::RawHttp);
        }
        None
    }
}

/// Reads a capture of any [`CaptureFormat`], told by its first bytes.
pub fn read_capture(input: &[u8], limits: Limits) -> Result<Vec<Exchange>, CaptureError> {
    match CaptureFormat::detect(input) {
        Some(CaptureFormat::Har) => read_har(input),
        Some(CaptureFormat::RawHttp) => Ok(read_raw(input, limits)),
        Some(CaptureFormat::Saz) => super::saz::read_saz(input, limits),
        Some(CaptureFormat::Pcap | CaptureFormat::Pcapng) => super::pcap::read_pcap(input, limits),
        None => Err(CaptureError::UnknownFormat(
            input.iter().take(8).copied().collect(),
        )),
    }
}

/// Where the next message may start after a message that did not parse at `from`: a line
/// starting with a request method or `HTTP/1.1 `.
pub(super) fn resync(input: &[u8], from: usize) -> Option<usize> {
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
    let mut split = super::stream::RawSplit::default();
    split.feed(input, true, limits, &mut |e| out.push(e));
    split.finish(&mut |e| out.push(e));
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

/// The `side` (`request` or `response`) of HAR entry `i` as an [`HttpPart`] with `start_line`,
/// its body read from the field `body`; else the problem with the body.
fn har_part(
    i: usize,
    side: &str,
    v: &serde_json::Value,
    start_line: String,
    body: &str,
) -> Result<HttpPart, String> {
    let bytes = har_body(v.get(body)).map_err(|why| format!("entry {i}: {side}.{body}: {why}"))?;
    Ok(HttpPart {
        start_line,
        headers: har_headers(v),
        body: bytes,
    })
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
    Ok(entries
        .iter()
        .enumerate()
        .map(|(i, e)| har_entry(i, e))
        .collect())
}

/// Entry `i` of a HAR log as an exchange (its problems inside it).
pub(super) fn har_entry(i: usize, e: &serde_json::Value) -> Exchange {
    let request = match e.get("request") {
        Some(q) => {
            let start_line = format!(
                "{} {} {}",
                har_str(q, "method", "POST"),
                har_str(q, "url", "/"),
                har_str(q, "httpVersion", "HTTP/1.1")
            );
            har_part(i, "request", q, start_line, "postData")
        }
        None => Err(format!("entry {i} has no request")),
    };
    let status = e
        .get("response")
        .and_then(|r| r.get("status"))
        .and_then(|s| s.as_u64())
        .unwrap_or(0);
    let response = match e.get("response") {
        // HAR writes status 0 for a request that got no response.
        Some(r) if status != 0 => {
            let start_line = format!(
                "{} {} {}",
                har_str(r, "httpVersion", "HTTP/1.1"),
                status,
                har_str(r, "statusText", "")
            );
            har_part(i, "response", r, start_line.trim_end().into(), "content")
        }
        _ => Err(format!("entry {i} has no response")),
    };
    let mut problems = Vec::new();
    let mut keep = |part: Result<HttpPart, String>| part.map_err(|p| problems.push(p)).ok();
    let timers = Timers {
        client_begin_request: e
            .get("startedDateTime")
            .and_then(|t| t.as_str())
            .map(str::to_string),
        ..Timers::default()
    };
    Exchange {
        request: keep(request),
        response: keep(response),
        problems,
        timers,
        ..Exchange::default()
    }
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
