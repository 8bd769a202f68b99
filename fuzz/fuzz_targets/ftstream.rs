//! The FastTransfer stream ([MS-OXCFXICS] 2.2.4) split into buffers: the first byte gives the
//! number of cuts (low 3 bits), the next bytes their positions (one byte each, scaled to the
//! stream's length), the rest is the stream. No panic; any split decodes exactly like the
//! whole (the same elements once Data pieces are joined, or the same error at the same
//! offset); what decodes encodes back to the stream's bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::fxics::stream::{decode_all, decode_buffers, encode_elements, normalize};

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
    let mut buffers = Vec::new();
    let mut at = 0;
    for c in cuts.into_iter().chain([stream.len()]) {
        buffers.push(&stream[at..c]);
        at = c;
    }
    match (decode_all(stream), decode_buffers(&buffers)) {
        (Ok(whole), Ok(split)) => {
            assert_eq!(
                encode_elements(&whole).expect("decoded elements encode"),
                stream
            );
            assert_eq!(normalize(split), whole);
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.offset(), b.offset());
            assert_eq!(a.kind(), b.kind());
        }
        (w, s) => panic!("whole ok: {}, split ok: {}", w.is_ok(), s.is_ok()),
    }
});
