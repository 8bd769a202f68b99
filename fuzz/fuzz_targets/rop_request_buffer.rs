//! ROP input buffers: no panic; what decodes re-encodes to the same bytes and decodes again to
//! the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::rop::RopRequestBuffer;
use mapi_codec_fuzz::exact_round_trip;

fuzz_target!(|data: &[u8]| {
    exact_round_trip!(RopRequestBuffer, data, ());
});
