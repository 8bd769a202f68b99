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
pub use summary::Summary;

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

/// Decodes exchanges in order, one [`Session`] per MapiContext cookie. Exchanges that are not
/// MAPI calls ([`Exchange::skip_reason`]) are listed in [`Summary::skipped`]; the calls are
/// numbered without them.
pub fn decode_exchanges(exchanges: &[Exchange], opts: &SessionOptions) -> SessionReport {
    let mut sessions: HashMap<String, Session> = HashMap::new();
    let mut summary = Summary::default();
    let mut calls = Vec::with_capacity(exchanges.len());
    let mut i = 0;
    for (at, ex) in exchanges.iter().enumerate() {
        if let Some(why) = ex.skip_reason(at + 1) {
            summary.skipped.push(why);
            continue;
        }
        i += 1;
        let key = ex
            .request
            .as_ref()
            .and_then(HttpPart::mapi_context)
            .or_else(|| ex.response.as_ref().and_then(HttpPart::mapi_context))
            .unwrap_or("(no MapiContext cookie)")
            .to_string();
        let state = sessions.entry(key.clone()).or_default();
        let mut call = Call {
            index: i,
            matched: std::cell::Cell::new(0),
            opts,
            state,
            summary: &mut summary,
            errors: ex.problems.clone(),
            bytes: CallBytes::default(),
        };
        let report = call.decode(ex, &key);
        calls.push(report);
    }
    SessionReport { calls, summary }
}
