//! HTTP framing of the sample: each call as a request with Content-Length and a chunked
//! response, one chunk per meta-tag, written as raw messages and as a HAR log.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use mapi_codec::http::headers::HeaderLine;
use mapi_codec::http::stream::{put_done, put_meta_tag, MetaTag};

use super::{SampleError, CLIENT_INFO, HOST, R, REQUEST_ID};
use crate::http::{put_chunk, put_last_chunk};

/// One call: the request and the pieces of the chunked response stream.
pub(super) struct Exchange {
    /// X-RequestType.
    pub(super) request_type: &'static str,
    /// The request target (path and query).
    pub(super) target: &'static str,
    /// The call's number in its session: X-ClientInfo, X-RequestId and MapiSequence count with it.
    pub(super) counter: u32,
    /// MapiContext to send (none on Connect and Bind).
    pub(super) context: Option<&'static str>,
    /// MapiContext the server sets (Connect and Bind).
    pub(super) set_context: Option<&'static str>,
    /// The request body.
    pub(super) body: Vec<u8>,
    /// How many PENDING meta-tags the response sends before DONE.
    pub(super) pendings: usize,
    /// The response body (after DONE and the additional headers).
    pub(super) response: Vec<u8>,
}

impl Exchange {
    fn request_headers(&self) -> Vec<(String, String)> {
        let mut h = vec![
            ("Host".to_string(), HOST.to_string()),
            (
                "Content-Type".to_string(),
                "application/mapi-http".to_string(),
            ),
            (
                "User-Agent".to_string(),
                "Microsoft Office/16.0".to_string(),
            ),
            ("X-RequestType".to_string(), self.request_type.to_string()),
            (
                "X-ClientInfo".to_string(),
                format!("{CLIENT_INFO}:{}", self.counter),
            ),
            (
                "X-RequestId".to_string(),
                format!("{REQUEST_ID}:{}", self.counter),
            ),
            (
                "X-ClientApplication".to_string(),
                "Outlook/16.0.17928.20114".to_string(),
            ),
        ];
        if let Some(c) = self.context {
            h.push((
                "Cookie".to_string(),
                format!("MapiContext={c}; MapiSequence={}", self.counter),
            ));
        }
        h.push(("Content-Length".to_string(), self.body.len().to_string()));
        h
    }

    fn response_headers(&self) -> Vec<(String, String)> {
        let mut h = vec![
            ("Cache-Control".to_string(), "private".to_string()),
            ("Transfer-Encoding".to_string(), "chunked".to_string()),
            (
                "Content-Type".to_string(),
                "application/mapi-http".to_string(),
            ),
            ("X-RequestType".to_string(), self.request_type.to_string()),
            ("X-ResponseCode".to_string(), "0".to_string()),
            (
                "X-RequestId".to_string(),
                format!("{REQUEST_ID}:{}", self.counter),
            ),
            (
                "X-ServerApplication".to_string(),
                "Exchange/15.02.1544.004".to_string(),
            ),
            ("X-PendingPeriod".to_string(), "15000".to_string()),
            ("X-ExpirationInfo".to_string(), "900000".to_string()),
        ];
        if let Some(c) = self.set_context {
            h.push((
                "Set-Cookie".to_string(),
                format!("MapiContext={c}; path=/mapi/; secure; HttpOnly"),
            ));
        }
        h.push((
            "Set-Cookie".to_string(),
            format!(
                "MapiSequence={}; path=/mapi/; secure; HttpOnly",
                self.counter + 1
            ),
        ));
        h
    }

    /// The response stream, one piece a chunk: PROCESSING, the PENDINGs, DONE and the body.
    fn stream_pieces(&self) -> R<Vec<Vec<u8>>> {
        let mut pieces = Vec::new();
        let mut p = Vec::new();
        put_meta_tag(&mut p, MetaTag::Processing)?;
        pieces.push(p);
        for _ in 0..self.pendings {
            let mut p = Vec::new();
            put_meta_tag(&mut p, MetaTag::Pending)?;
            pieces.push(p);
        }
        let extra = [
            HeaderLine::new("X-ElapsedTime", &(3 + 15_000 * self.pendings).to_string())?,
            HeaderLine::new("X-StartTime", "Fri, 20 Nov 2026 08:00:00 GMT")?,
        ];
        let mut p = Vec::new();
        put_done(&mut p, &extra, &self.response)?;
        pieces.push(p);
        Ok(pieces)
    }
}

fn put_head(out: &mut Vec<u8>, start: &str, headers: &[(String, String)]) {
    out.extend_from_slice(start.as_bytes());
    out.extend_from_slice(b"\r\n");
    for (n, v) in headers {
        out.extend_from_slice(format!("{n}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
}

impl Exchange {
    /// The request as sent: head and Content-Length body.
    pub(super) fn request_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        put_head(
            &mut out,
            &format!("POST {} HTTP/1.1", self.target),
            &self.request_headers(),
        );
        out.extend_from_slice(&self.body);
        out
    }

    /// The response as sent: head and chunked stream.
    pub(super) fn response_bytes(&self) -> R<Vec<u8>> {
        let mut out = Vec::new();
        put_head(&mut out, "HTTP/1.1 200 OK", &self.response_headers());
        for piece in self.stream_pieces()? {
            put_chunk(&mut out, &piece)?;
        }
        put_last_chunk(&mut out)?;
        Ok(out)
    }
}

pub(super) fn raw(exchanges: &[Exchange]) -> R<Vec<u8>> {
    let mut out = Vec::new();
    for e in exchanges {
        out.extend_from_slice(&e.request_bytes());
        out.extend_from_slice(&e.response_bytes()?);
    }
    Ok(out)
}

fn har_headers(h: &[(String, String)]) -> serde_json::Value {
    serde_json::Value::Array(
        h.iter()
            .map(|(n, v)| serde_json::json!({ "name": n, "value": v }))
            .collect(),
    )
}

pub(super) fn har(exchanges: &[Exchange]) -> R<String> {
    let mut entries = Vec::new();
    for (i, e) in exchanges.iter().enumerate() {
        let stream: Vec<u8> = e.stream_pieces()?.concat();
        entries.push(serde_json::json!({
            "startedDateTime": format!("2026-11-20T08:00:{:02}.000Z", i),
            "time": 3 + 15_000 * e.pendings,
            "request": {
                "method": "POST",
                "url": format!("https://{HOST}{}", e.target),
                "httpVersion": "HTTP/1.1",
                "cookies": [],
                "headers": har_headers(&e.request_headers()),
                "queryString": [],
                "postData": {
                    "mimeType": "application/mapi-http",
                    "text": BASE64.encode(&e.body),
                    "encoding": "base64",
                },
                "headersSize": -1,
                "bodySize": e.body.len(),
            },
            "response": {
                "status": 200,
                "statusText": "OK",
                "httpVersion": "HTTP/1.1",
                "cookies": [],
                "headers": har_headers(&e.response_headers()),
                "content": {
                    "size": stream.len(),
                    "mimeType": "application/mapi-http",
                    "text": BASE64.encode(&stream),
                    "encoding": "base64",
                },
                "redirectURL": "",
                "headersSize": -1,
                "bodySize": -1,
            },
            "cache": {},
            "timings": { "send": 0, "wait": 3 + 15_000 * e.pendings, "receive": 0 },
        }));
    }
    let log = serde_json::json!({
        "log": {
            "version": "1.2",
            "creator": { "name": "mapi-inspect sample", "version": env!("CARGO_PKG_VERSION") },
            "entries": entries,
        }
    });
    let mut s = serde_json::to_string_pretty(&sorted(log)).map_err(SampleError::Json)?;
    s.push('\n');
    Ok(s)
}

/// `v` with the keys of every object in order: the file does not depend on whether serde_json
/// keeps insertion order (its `preserve_order` feature, which this crate turns on).
fn sorted(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(m) => {
            let mut entries: Vec<(String, Value)> = m.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
        other => other,
    }
}
