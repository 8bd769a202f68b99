//! How the parts of a call show in its tree, and the texts of its errors.

use mapi_codec::fxics::transfer::TransferItem;
use mapi_codec::rop::context::TransferFeed;
use mapi_codec::rop::{RequestCtx, RopId, RopRequest};
use mapi_codec::tree::{ToTree, Tree};
use mapi_codec::wire::{DecodeError, DecodeWith, Limits, Reader};

use super::HttpPart;
use crate::Error;

pub(super) fn decode_error_text(e: DecodeError) -> String {
    Error::Decode(e).to_string()
}

/// The printable text of a body that is not decoded, or its bytes.
pub(super) fn opaque(body: &[u8]) -> Tree {
    let printable = body
        .iter()
        .all(|&b| b == b'\r' || b == b'\n' || b == b'\t' || (0x20..0x7F).contains(&b));
    if printable && !body.is_empty() {
        Tree::Text(String::from_utf8_lossy(body).into_owned())
    } else {
        Tree::Bytes(body.to_vec())
    }
}
pub(super) fn rop_name(id: RopId) -> String {
    id.name()
        .map_or_else(|| format!("Rop0x{:02X}", id.0), str::to_string)
}

pub(super) fn code_text(v: u32) -> String {
    match mapi_codec::data::error_code_name(v) {
        Some(n) => format!("0x{v:08X} ({n})"),
        None => format!("0x{v:08X}"),
    }
}

/// The start line with a HAR file's whole URL cut to its path, so that the two forms of a
/// capture print the same.
pub(super) fn normal_start_line(r: &HttpPart) -> String {
    let mut parts = r.start_line.splitn(3, ' ');
    let method = parts.next().unwrap_or("");
    let _ = parts.next();
    let version = parts.next().unwrap_or("");
    format!("{method} {} {version}", r.target().unwrap_or_default())
}

/// The fields that show what a FastTransfer buffer ROP carried: its stream items, the value
/// its buffer cut, the error that stopped the stream.
pub(super) fn transfer_tree(f: &TransferFeed<'_>) -> Tree {
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

pub(super) fn stream_error_text(e: &DecodeError) -> String {
    format!(
        "FastTransfer stream (offsets from its start): {}",
        decode_error_text(e.clone())
    )
}

/// RopBufferTooSmall keeps the requests the server did not process as bytes; they are ROP
/// requests ([MS-OXCROPS] 2.2.15.1.1), shown decoded beside them.
pub(super) fn unprocessed_requests(bytes: &[u8], l: Limits) -> Tree {
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
