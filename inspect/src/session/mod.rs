//! `mapi-inspect session`: decodes a whole capture of MAPI/HTTP traffic, call by call.
//!
//! A capture is a HAR file (what browser devtools, Fiddler and mitmproxy export), a file of
//! raw HTTP/1.1 messages one after another (request, response, request, response, ...), a
//! Fiddler session archive (`.saz`) or a pcap / pcapng packet capture of cleartext HTTP, told
//! apart by their first bytes ([`CaptureFormat`]). Each request is paired with its response;
//! what is not a MAPI call (a CONNECT tunnel, a web page, a TCP connection without HTTP) is
//! listed as skipped; calls of one MAPI session (one MapiContext cookie) share
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
//!
//! [`FtDecoder`]: mapi_codec::fxics::stream::FtDecoder

mod bytes;
mod call;
mod capture;
mod clock;
mod html;
mod pcap;
mod render;
mod saz;
mod stream;
mod summary;
mod tcp;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use mapi_codec::rop::Session;
use mapi_codec::tree::Tree;
use mapi_codec::wire::Limits;

pub use bytes::{ByteView, CallBytes, Side, Span};
use call::Call;
pub use capture::{
    read_capture, read_har, read_raw, CaptureError, CaptureFormat, Exchange, HttpPart, Timers,
};
pub use pcap::{read_pcap, MAX_HELD_BYTES};
pub use saz::{read_saz, MAX_SAZ_EXPANDED};
pub use stream::read_capture_stream;
pub use summary::Summary;

/// What `session` needs besides the capture.
#[derive(Clone, Debug)]
pub struct SessionOptions {
    /// Decoding limits.
    pub limits: Limits,
    /// Show only the ROPs of this name (`RopQueryRows`, or `QueryRows`), and only the calls that
    /// have one.
    pub filter: Option<String>,
    /// Keep each call's bodies and the spans of its tree ([`CallReport::bytes`], which the HTML
    /// report shows); without, `bytes` holds only the table's figures. On by default.
    pub bytes: bool,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions {
            limits: Limits::default(),
            filter: None,
            bytes: true,
        }
    }
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
    /// When the capture says its steps happened.
    pub timers: Timers,
    /// Where the capture holds it (a Fiddler session number, a TCP connection), if it says.
    pub origin: Option<String>,
    /// Its bodies, what the HTML report's table shows of it, and where the nodes of `tree`
    /// lie in the bodies.
    pub bytes: CallBytes,
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
        let mut s = Vec::new();
        for c in self.calls.iter().filter(|c| c.shown) {
            crate::tree_json::write_tree_json(&mut s, &c.tree);
            s.push(b'\n');
        }
        let summary = Tree::record().field("Summary", self.summary.to_tree());
        crate::tree_json::write_tree_json(&mut s, &summary);
        s.push(b'\n');
        // Escaped from strings: still UTF-8.
        String::from_utf8(s).map_err(<serde_json::Error as serde::ser::Error>::custom)
    }
}

/// Decodes a capture (HAR or raw messages).
pub fn decode_session(input: &[u8], opts: &SessionOptions) -> Result<SessionReport, CaptureError> {
    let exchanges = read_capture(input, opts.limits)?;
    Ok(decode_exchanges(&exchanges, opts))
}

/// Decodes exchanges in order, one [`Session`] per MapiContext cookie. Exchanges that are not
/// MAPI calls ([`Exchange::skip_reason`]) are listed in [`Summary::skipped`]; the calls are
/// numbered without them.
pub fn decode_exchanges(exchanges: &[Exchange], opts: &SessionOptions) -> SessionReport {
    let mut decoder = SessionDecoder::new(opts.clone());
    let calls = exchanges
        .iter()
        .filter_map(|ex| decoder.decode(ex))
        .collect();
    SessionReport {
        calls,
        summary: decoder.finish(),
    }
}

/// Decodes a capture's exchanges one at a time, in capture order, keeping only what the calls
/// after need (one [`Session`] per MapiContext cookie, forgotten at Disconnect or Unbind, or
/// when it remembers nothing) and the [`Summary`]'s totals: with [`read_capture_stream`], a
/// capture of any size in bounded memory.
///
/// ```
/// use mapi_inspect::session::{read_capture_stream, SessionDecoder, SessionOptions};
///
/// let capture = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/sample.http")).unwrap();
/// let mut decoder = SessionDecoder::new(SessionOptions::default());
/// let mut calls = 0;
/// read_capture_stream(&capture[..], Default::default(), |ex| {
///     if let Some(call) = decoder.decode(&ex) {
///         calls += 1;
///         assert!(!call.request_type.is_empty());
///     }
/// })
/// .unwrap();
/// assert_eq!(calls, 13);
/// assert!(decoder.finish().failures.is_empty());
/// ```
#[derive(Debug)]
pub struct SessionDecoder {
    opts: SessionOptions,
    sessions: HashMap<String, Session>,
    summary: Summary,
    /// Exchanges seen, calls decoded.
    seen: usize,
    calls: usize,
}

impl SessionDecoder {
    /// A decoder with no session known yet.
    pub fn new(opts: SessionOptions) -> SessionDecoder {
        SessionDecoder {
            opts,
            sessions: HashMap::new(),
            summary: Summary::default(),
            seen: 0,
            calls: 0,
        }
    }

    /// The next exchange of the capture as a call; `None` when it is not a MAPI call (it is
    /// listed in the summary's skipped exchanges).
    pub fn decode(&mut self, ex: &Exchange) -> Option<CallReport> {
        self.seen += 1;
        if let Some(why) = ex.skip_reason(self.seen) {
            self.summary.skipped.push(why);
            return None;
        }
        self.calls += 1;
        let key = ex
            .request
            .as_ref()
            .and_then(HttpPart::mapi_context)
            .or_else(|| ex.response.as_ref().and_then(HttpPart::mapi_context))
            .unwrap_or("(no MapiContext cookie)")
            .to_string();
        let state = self.sessions.entry(key.clone()).or_default();
        let bytes = if self.opts.bytes {
            CallBytes::default()
        } else {
            CallBytes {
                request: Side::off(),
                response: Side::off(),
                ..CallBytes::default()
            }
        };
        let mut call = Call {
            index: self.calls,
            matched: std::cell::Cell::new(0),
            opts: &self.opts,
            state,
            summary: &mut self.summary,
            errors: ex.problems.clone(),
            bytes,
        };
        let report = call.decode(ex, &key);
        // A session that remembers nothing (an address-book session: NSPI keeps no state
        // across calls) is forgotten too: the next call with its cookie starts a new, equal
        // one. Sessions that never end are then bounded by what they hold.
        if ends_session(&report.request_type)
            || self.sessions.get(&key).is_some_and(Session::is_empty)
        {
            self.sessions.remove(&key);
        }
        Some(report)
    }

    /// The totals of the capture.
    pub fn finish(self) -> Summary {
        self.summary
    }
}

/// Whether a call of this request type ends its session context ([MS-OXCMAPIHTTP] 3.2.5.4
/// Disconnect, 3.2.5.6 Unbind): its Session state is forgotten.
fn ends_session(request_type: &str) -> bool {
    request_type == "Disconnect" || request_type == "Unbind"
}
