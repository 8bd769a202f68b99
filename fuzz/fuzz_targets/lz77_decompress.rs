//! Arbitrary compressed bytes never panic and never produce more than the stated size: the
//! first two bytes give the size, the rest is the compressed stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::rpc::lz77;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let size = usize::from(u16::from_le_bytes([data[0], data[1]]));
    if let Ok(out) = lz77::decompress(&data[2..], size, 2) {
        assert_eq!(out.len(), size);
    }
});
