//! Arbitrary bytes compress, then decompress to themselves.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::rpc::lz77;

fuzz_target!(|data: &[u8]| {
    let c = lz77::compress(data);
    let d = lz77::decompress(&c, data.len(), 0).expect("our own output decompresses");
    assert_eq!(d, data);
});
