//! The FastTransfer stream ([MS-OXCFXICS] 2.2.4, `FtStream`) split into buffers: the first byte gives the
//! number of cuts (low 3 bits), the next bytes their positions (one byte each, scaled to the
//! stream's length), the rest is the stream. No panic; any split decodes exactly like the
//! whole (the same elements once Data pieces are joined, or the same error at the same
//! offset); what decodes encodes back to the stream's bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::fxics::stream::{Cuts, FtStream};
use mapi_codec::wire::{Decode, DecodeWith, Encode, Limits};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(first & 7).min(rest.len());
    let (cut_bytes, stream) = rest.split_at(n);
    let mut cuts: Vec<usize> = cut_bytes
        .iter()
        .map(|&c| usize::from(c) * stream.len() / 255)
        .collect();
    cuts.sort_unstable();
    let whole = FtStream::decode_exact(stream, Limits::DEFAULT);
    let split = FtStream::decode_with_exact(stream, Cuts(&cuts), Limits::DEFAULT);
    match (whole, split) {
        (Ok(whole), Ok(split)) => {
            assert_eq!(whole.to_bytes().expect("decoded elements encode"), stream);
            assert_eq!(split.normalize(), whole);
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.offset(), b.offset());
            assert_eq!(a.kind(), b.kind());
        }
        (w, s) => panic!("whole ok: {}, split ok: {}", w.is_ok(), s.is_ok()),
    }
});
