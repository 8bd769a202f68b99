//! Arbitrary compressed bytes never panic and never produce more than the stated size: the
//! first two bytes give the size (0xFFFF: unknown, decompress up to a 64 KiB cap), the rest is
//! the compressed stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::rpc::lz77;

const CAP: usize = 0x1_0000;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let size = u16::from_le_bytes([data[0], data[1]]);
    if size == 0xFFFF {
        if let Ok(out) = lz77::decompress_unsized(&data[2..], CAP, 2) {
            assert!(out.len() <= CAP);
            // The sized decoder is stricter (it checks the end-of-stream bit the unsized one
            // cannot rely on), but where it accepts the stream it agrees.
            if let Ok(sized) = lz77::decompress(&data[2..], out.len(), 2) {
                assert_eq!(sized, out);
            }
        }
    } else if let Ok(out) = lz77::decompress(&data[2..], usize::from(size), 2) {
        assert_eq!(out.len(), usize::from(size));
    }
});
