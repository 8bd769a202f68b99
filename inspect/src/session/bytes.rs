//! The bytes of a call and where the nodes of its tree lie in them: what the HTML report needs
//! to mark a field's bytes in the hex of its body.
//!
//! The spans: each body as a whole, the fields of the Execute envelope ([MS-OXCMAPIHTTP]
//! 2.2.4.2), each extended buffer of its RopBuffer ([MS-OXCRPC] 3.1.4.1.1) and each ROP within
//! its ROP buffer ([MS-OXCROPS] 2.2.1): RopSize, the ROPs one after another (decoding is
//! lossless, so each takes its encoded length), the handle table at the end; and within each
//! ROP its fields and the structures in them, as the codec's [`FieldSpans`] places them (from
//! the encoded lengths of the fields before each: nothing is recorded while decoding).

use mapi_codec::rpc::ext::{ExtFlags, ExtendedBufferChain};
use mapi_codec::tree::{FieldSpan, FieldSpans};
use mapi_codec::wire::Encode;

/// One run of bytes the report shows in hex.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ByteView {
    /// What the bytes are (`request body`, `RopBuffer.Buffers[0] payload, decompressed`).
    pub name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Where a node of the call's tree lies in one of the [`ByteView`]s of its side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// The node's path in the call's tree, as [`Tree::remarks`] writes paths:
    /// `Request.Body.RopBuffer.Buffers[0].RopRequestBuffer.RopsList[2]`.
    ///
    /// [`Tree::remarks`]: mapi_codec::tree::Tree::remarks
    pub path: String,
    /// Which view of the side ([`Side::views`]).
    pub view: usize,
    /// The first byte.
    pub start: usize,
    /// How many bytes.
    pub len: usize,
}

/// The bytes of one side of a call (its request or its response) and the spans in them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Side {
    /// The body as sent first, then each payload that is sent transformed (compressed,
    /// obfuscated), decoded: the bytes the offsets of its ROPs refer to.
    pub views: Vec<ByteView>,
    /// The spans of the tree's nodes, outer nodes before inner ones.
    pub spans: Vec<Span>,
    /// Nothing is kept (the report is not asked for bytes: [`SessionOptions::bytes`]).
    ///
    /// [`SessionOptions::bytes`]: super::SessionOptions::bytes
    off: bool,
}

impl Side {
    /// A side that keeps nothing.
    pub(super) fn off() -> Side {
        Side {
            off: true,
            ..Side::default()
        }
    }

    /// Adds a view and returns its index.
    pub(super) fn view(&mut self, name: impl Into<String>, bytes: &[u8]) -> usize {
        if self.off {
            return 0;
        }
        self.views.push(ByteView {
            name: name.into(),
            bytes: bytes.to_vec(),
        });
        self.views.len() - 1
    }

    /// Adds a span (one that does not fit in its view is left out).
    pub(super) fn span(&mut self, path: impl Into<String>, view: usize, start: usize, len: usize) {
        if self.off {
            return;
        }
        let fits = self
            .views
            .get(view)
            .is_some_and(|v| start.checked_add(len).is_some_and(|e| e <= v.bytes.len()));
        if fits {
            self.spans.push(Span {
                path: path.into(),
                view,
                start,
                len,
            });
        }
    }

    /// The spans of the fields of RopBufferSize and RopBuffer, which start at `at` in view 0,
    /// the body; `name` names the ROP buffer in the tree (`RopRequestBuffer`), and `rops`
    /// gives for each extended buffer the encoded lengths of the ROPs the tree shows with
    /// their index in its list, the length of the rest kept undecoded, and the length of the
    /// handle table. Returns where RopBuffer ends.
    pub(super) fn rop_buffer(
        &mut self,
        prefix: &str,
        at: usize,
        chain: Option<&ExtendedBufferChain<'_>>,
        name: &str,
        rops: &[RopLayout],
    ) -> usize {
        let body_len = self.views.first().map_or(0, |v| v.bytes.len());
        let size = self.views.first().and_then(|v| {
            let b = v.bytes.get(at..at + 4)?;
            Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        });
        self.span(format!("{prefix}.RopBufferSize"), 0, at, 4);
        let Some(size) = size else {
            return body_len;
        };
        let start = at + 4;
        self.span(format!("{prefix}.RopBuffer"), 0, start, size);
        let mut pos = start;
        for (i, b) in chain.iter().flat_map(|c| c.buffers.iter()).enumerate() {
            let h = b.header();
            let path = format!("{prefix}.RopBuffer.Buffers[{i}]");
            let wire = usize::from(h.size);
            self.span(path.clone(), 0, pos, 8 + wire);
            self.span(format!("{path}.RPC_HEADER_EXT"), 0, pos, 8);
            let transformed =
                h.flags.contains(ExtFlags::COMPRESSED) || h.flags.contains(ExtFlags::XOR_MAGIC);
            let (view, base) = if transformed {
                let what = match (
                    h.flags.contains(ExtFlags::COMPRESSED),
                    h.flags.contains(ExtFlags::XOR_MAGIC),
                ) {
                    (true, true) => "decompressed and unobfuscated",
                    (true, false) => "decompressed",
                    _ => "unobfuscated",
                };
                let v = self.view(
                    format!("RopBuffer.Buffers[{i}] payload, {what}"),
                    b.payload(),
                );
                (v, 0)
            } else {
                (0, pos + 8)
            };
            let plen = b.payload().len();
            let bpath = format!("{path}.{name}");
            self.span(bpath.clone(), view, base, plen);
            if let Some(layout) = rops.get(i) {
                self.rops(&bpath, view, base, plen, layout);
            }
            pos += 8 + wire;
        }
        start + size
    }

    fn rops(&mut self, path: &str, view: usize, base: usize, plen: usize, l: &RopLayout) {
        self.span(format!("{path}.RopSize"), view, base, 2);
        let mut pos = base + 2;
        let list_start = pos;
        for (shown, len, fields) in &l.rops {
            if let Some(k) = shown {
                let rop = format!("{path}.RopsList[{k}]");
                self.span(rop.clone(), view, pos, *len);
                for f in fields {
                    self.span(format!("{rop}.{}", f.path), view, pos + f.start, f.len);
                }
            }
            pos += len;
        }
        self.span(
            format!("{path}.RopsList"),
            view,
            list_start,
            pos - list_start,
        );
        if l.undecoded > 0 {
            self.span(format!("{path}.Undecoded"), view, pos, l.undecoded);
        }
        let table = base + plen.saturating_sub(l.handles);
        self.span(
            format!("{path}.ServerObjectHandleTable"),
            view,
            table,
            l.handles,
        );
    }
}

/// How one ROP buffer lies in its payload: each ROP's encoded length with its index in the
/// tree's RopsList (None when a filter leaves it out) and the spans of its fields
/// ([`FieldSpans`], from the fields' encoded lengths), the undecoded rest, the handle table.
#[derive(Clone, Debug, Default)]
pub(super) struct RopLayout {
    pub(super) rops: Vec<(Option<usize>, usize, Vec<FieldSpan>)>,
    pub(super) undecoded: usize,
    pub(super) handles: usize,
}

impl RopLayout {
    /// The layout of a decoded ROP buffer; `shown` says which ROPs the tree shows.
    pub(super) fn of<R: Encode + FieldSpans>(
        rops: &[R],
        undecoded: usize,
        handles: usize,
        mut shown: impl FnMut(&R) -> bool,
    ) -> RopLayout {
        let mut k = 0;
        let rops = rops
            .iter()
            .map(|r| {
                let index = shown(r).then(|| {
                    k += 1;
                    k - 1
                });
                let mut fields = Vec::new();
                if index.is_some() {
                    r.field_spans(0, "", &mut fields);
                }
                (index, r.encoded_len(), fields)
            })
            .collect();
        RopLayout {
            rops,
            undecoded,
            handles,
        }
    }
}

/// The bytes of one call, what the report's table shows of it, and the spans of its tree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallBytes {
    /// X-RequestId.
    pub request_id: Option<String>,
    /// The response's HTTP status code.
    pub status: Option<u16>,
    /// ROP requests and ROP responses decoded (Execute calls).
    pub rops: (usize, usize),
    /// The request body.
    pub request: Side,
    /// The response body (inside the PROCESSING/PENDING/DONE stream, when it parsed).
    pub response: Side,
}
