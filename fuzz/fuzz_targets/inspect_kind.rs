//! Every kind of `mapi-inspect`: what the CLI does with a file (decode, re-encode, render the
//! tree as text and JSON) must not panic, whatever the bytes and options.
//!
//! Input: byte 0 picks the kind (`KINDS[b % len]`); byte 1 holds the number of column tags (low
//! 4 bits), whether a request buffer follows (bit 4) and the number of split offsets (bits 5-7);
//! then the column tags (4 bytes each), the request (2-byte length, then its bytes), the split
//! offsets (2 bytes each), and the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::data::PropTag;
use mapi_inspect::{decode, Options, KINDS};

fn take<'a>(data: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if data.len() < n {
        return None;
    }
    let (head, tail) = data.split_at(n);
    *data = tail;
    Some(head)
}

fn u16_at(b: &[u8]) -> usize {
    usize::from(u16::from_le_bytes([b[0], b[1]]))
}

fuzz_target!(|data: &[u8]| {
    let mut data = data;
    let Some(head) = take(&mut data, 2) else {
        return;
    };
    let kind = KINDS[usize::from(head[0]) % KINDS.len()];
    let flags = head[1];
    let mut opts = Options::default();
    // A few hundred bytes of LZ77 can claim the whole 16 MiB default; the resource tests cover
    // that limit, here it would only slow the search down.
    opts.limits.max_decompressed_size = 0x10000;
    let Some(tags) = take(&mut data, usize::from(flags & 0x0F) * 4) else {
        return;
    };
    opts.columns = tags
        .chunks_exact(4)
        .map(|c| PropTag(u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
        .collect();
    if flags & 0x10 != 0 {
        let Some(len) = take(&mut data, 2) else {
            return;
        };
        let Some(request) = take(&mut data, u16_at(len)) else {
            return;
        };
        opts.request = Some(request.to_vec());
    }
    let Some(splits) = take(&mut data, usize::from(flags >> 5) * 2) else {
        return;
    };
    opts.splits = splits.chunks_exact(2).map(u16_at).collect();
    if let Ok(d) = decode(kind, data, &opts) {
        let _ = d.tree.to_text();
        serde_json::to_string(&d.tree).expect("a tree renders as JSON");
    }
});
