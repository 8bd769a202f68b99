//! Decoding one call: its HTTP heads, its bodies by request type, and for Execute the ROPs
//! against the session's state.

use std::borrow::Cow;

use mapi_codec::http::emsmdb::{EmsmdbBody, ExecuteRequest, ExecuteResponse};
use mapi_codec::http::headers::{BodyKind, Endpoint, HeaderLine, Headers, RequestType};
use mapi_codec::http::stream::ResponseStream;
use mapi_codec::nspi::{CodePage, Direction, NspiBody};
use mapi_codec::rop::{RopId, RopRequestBuffer, RopResponse, Session};
use mapi_codec::rpc::ext::{ExtFlags, ExtendedBufferChain};
use mapi_codec::tree::{RemarkKind, ToTree, ToTreeWith, Tree};
use mapi_codec::wire::{Decode, DecodeError, DecodeWith, Limits};

use super::bytes::{CallBytes, RopLayout};
use super::render::{
    code_text, decode_error_text, normal_start_line, opaque, rop_name, stream_error_text,
    transfer_tree, unprocessed_requests,
};
use super::{CallReport, Exchange, HttpPart, SessionOptions, Summary};
use crate::http::stream_head_tree;

/// One call being decoded: where it stands in the capture, and what it adds to its session and
/// to the totals.
pub(super) struct Call<'s> {
    /// The call's position in the capture, from 1.
    pub(super) index: usize,
    /// How many ROPs the filter kept in this call.
    pub(super) matched: std::cell::Cell<usize>,
    /// What `session` was asked for.
    pub(super) opts: &'s SessionOptions,
    /// The MAPI session the call belongs to: what earlier calls established (table columns,
    /// logons, named-property ids, FastTransfer streams under way).
    pub(super) state: &'s mut Session,
    /// The totals, which the call adds to.
    pub(super) summary: &'s mut Summary,
    /// What went wrong so far.
    pub(super) errors: Vec<String>,
    /// The call's bodies and the spans of its tree's nodes in them.
    pub(super) bytes: CallBytes,
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

/// A body of a request type other than Execute, decoded by the codec's body enum of its
/// endpoint, as a tree; `None` for Execute and unknown request types. An NSPI request sets
/// `code_page` from what it names, in which its response's 8-bit strings are read (1252 when
/// it names none).
/// The header [`Call::response_head`] reads.
const RESPONSE_CODE: &str = "X-ResponseCode";

fn body_of(
    kind: Option<Kind>,
    rt: &str,
    direction: Direction,
    bytes: &[u8],
    limits: Limits,
    code_page: &mut Option<u32>,
) -> Option<Result<Tree, DecodeError>> {
    let body_kind = BodyKind::new(rt, direction)?;
    Some(match kind? {
        Kind::Execute => return None,
        Kind::Nspi => {
            NspiBody::decode_with_exact(bytes, body_kind, limits).map(|body| match direction {
                Direction::Request => {
                    *code_page = body.code_page();
                    body.to_tree()
                }
                Direction::Response => body.to_tree_with(CodePage(code_page.unwrap_or(1252))),
            })
        }
        _ => EmsmdbBody::decode_with_exact(bytes, body_kind, limits).map(|body| body.to_tree()),
    })
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

    /// Decodes the exchange `ex` of the MAPI session `session`.
    pub(super) fn decode(&mut self, ex: &Exchange, session: &str) -> CallReport {
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
        self.bytes.request_id = request_id.map(str::to_string);
        self.bytes.status = ex.response.as_ref().and_then(HttpPart::status);
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
        if let Some(origin) = &ex.origin {
            tree = tree.field("Origin", Tree::Text(origin.clone()));
        }
        if !ex.timers.is_empty() {
            tree = tree.field("Timers", ex.timers.to_tree());
        }
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
        // One walk names the named properties and finds whether some part was decoded around
        // (a malformed ROP kept raw): that counts as a failure of the call, named where it
        // starts.
        let partial = tree.name_properties(&|id| session.named_property(id).map(|n| n.to_string()));
        if partial {
            for r in tree.remarks() {
                if r.remark.kind == RemarkKind::Malformed {
                    self.fail(r.to_string());
                }
            }
        }
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
            timers: ex.timers.clone(),
            origin: ex.origin.clone(),
            bytes: std::mem::take(&mut self.bytes),
        }
    }

    /// The request's head as a tree, and its body bytes.
    fn request_head<'e>(&mut self, ex: &'e Exchange) -> (Tree, Option<&'e [u8]>) {
        match &ex.request {
            None => {
                self.fail("the response has no request: its body is not decoded".into());
                (Tree::Null, None)
            }
            Some(r) => {
                let v = self.bytes.request.view("request body", &r.body);
                self.bytes.request.span("Request.Body", v, 0, r.body.len());
                (
                    Tree::record().field("StartLine", Tree::Text(normal_start_line(r))),
                    Some(&r.body[..]),
                )
            }
        }
    }

    /// The response's head and stream as a tree, and the body inside the stream (None when
    /// the response failed or did not parse).
    fn response_head<'e>(&mut self, ex: &'e Exchange) -> (Tree, Option<Cow<'e, [u8]>>) {
        let Some(r) = &ex.response else {
            return (Tree::Null, None);
        };
        // The body as sent, until the response stream parses (then the body inside it).
        let whole = |b: &mut CallBytes, name: &str, bytes: &[u8]| {
            b.response.views.clear();
            let v = b.response.view(name, bytes);
            b.response.span("Response.Body", v, 0, bytes.len());
        };
        whole(&mut self.bytes, "response body", &r.body);
        let mut t = Tree::record().field(
            "Status",
            r.status().map_or(Tree::Null, |s| Tree::UInt(s.into())),
        );
        if r.status() != Some(200) {
            self.fail(format!("HTTP status line {:?}", r.start_line));
            return (t.field("Body", opaque(&r.body)), None);
        }
        // Only a line whose name starts with X-ResponseCode can be the one looked up below.
        let lines: Vec<HeaderLine<'static>> = r
            .headers
            .iter()
            .filter(|(n, _)| {
                n.as_bytes()
                    .get(..RESPONSE_CODE.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(RESPONSE_CODE.as_bytes()))
            })
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
        t = t.splice(stream_head_tree(&stream));
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
        whole(
            &mut self.bytes,
            "response body (after the stream's meta-tags and headers)",
            &stream.body,
        );
        (t, Some(stream.body))
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
            let decoded = body_of(kind, rt, Direction::Request, b, l, &mut code_page);
            req_t = req_t.field("Body", self.body_tree(decoded, b, "request body"));
        }
        if let Some(b) = &resp_body {
            let decoded = body_of(kind, rt, Direction::Response, b, l, &mut code_page);
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
            self.summary.wire_bytes += u64::from(b.header().size);
            self.summary.plain_bytes += b.payload().len() as u64;
            if b.header().flags.contains(ExtFlags::COMPRESSED) {
                self.summary.compressed_buffers += 1;
            }
            if b.header().flags.contains(ExtFlags::XOR_MAGIC) {
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
        let req = match req_body.map(|b| ExecuteRequest::decode_exact(b, l)) {
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
        if let Some(r) = &req {
            let layouts: Vec<RopLayout> = rops
                .requests
                .iter()
                .map(|b| self.layout(&b.rops, b.raw.as_ref(), &b.handles.0, |q| q.rop_id()))
                .collect();
            let side = &mut self.bytes.request;
            side.span("Request.Body.Flags", 0, 0, 4);
            let chain = r.rop_buffer.0.as_ref();
            let end = side.rop_buffer("Request.Body", 4, chain, "RopRequestBuffer", &layouts);
            side.span("Request.Body.MaxRopOut", 0, end, 4);
            aux_spans(side, "Request.Body", end + 4);
        }
        self.bytes.rops.0 = rops.requests.iter().map(|b| b.rops.len()).sum();
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
        let layouts: Vec<RopLayout> = bufs
            .iter()
            .map(|b| self.layout(&b.rops, b.raw.as_ref(), &b.handles.0, |a| a.rop_id()))
            .collect();
        self.bytes.rops.1 = bufs.iter().map(|b| b.rops.len()).sum();
        let side = &mut self.bytes.response;
        side.span("Response.Body.StatusCode", 0, 0, 4);
        side.span("Response.Body.ErrorCode", 0, 4, 4);
        side.span("Response.Body.Flags", 0, 8, 4);
        let chain = s.rop_buffer.0.as_ref();
        let end = side.rop_buffer("Response.Body", 12, chain, "RopResponseBuffer", &layouts);
        aux_spans(side, "Response.Body", end);
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
        let ok = self.matches(id);
        if ok && self.opts.filter.is_some() {
            self.matched.set(self.matched.get() + 1);
        }
        ok
    }

    /// Whether a ROP is shown under the filter (none: all are).
    fn matches(&self, id: RopId) -> bool {
        let Some(filter) = &self.opts.filter else {
            return true;
        };
        let name = id.name().unwrap_or_default();
        name.eq_ignore_ascii_case(filter)
            || name
                .strip_prefix("Rop")
                .is_some_and(|n| n.eq_ignore_ascii_case(filter))
    }

    /// Where the ROPs of a decoded ROP buffer lie, as the tree shows them.
    fn layout<R: mapi_codec::wire::Encode + mapi_codec::tree::FieldSpans>(
        &self,
        rops: &[R],
        raw: Option<&mapi_codec::rop::RawRops<'_>>,
        handles: &[u8],
        id: impl Fn(&R) -> RopId,
    ) -> RopLayout {
        if !self.opts.bytes {
            return RopLayout::default();
        }
        let undecoded = raw.map_or(0, |r| r.bytes.len());
        RopLayout::of(rops, undecoded, handles.len(), |r| self.matches(id(r)))
    }

    fn note_undecoded(&mut self, raw: bool, side: &str) {
        if raw {
            self.fail(format!(
                "part of the {side} RopsList is kept undecoded (see Undecoded)"
            ));
        }
    }
}

/// The spans of AuxiliaryBufferSize and AuxiliaryBuffer, which start at `at` in the body
/// ([MS-OXCMAPIHTTP] 2.2.4.2).
fn aux_spans(side: &mut super::bytes::Side, prefix: &str, at: usize) {
    let len = side.views.first().map_or(0, |v| v.bytes.len());
    side.span(format!("{prefix}.AuxiliaryBufferSize"), 0, at, 4);
    if len > at + 4 {
        side.span(format!("{prefix}.AuxiliaryBuffer"), 0, at + 4, len - at - 4);
    }
}
