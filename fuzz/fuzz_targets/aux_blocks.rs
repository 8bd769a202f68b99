//! Bare auxiliary blocks: no panic, every block re-encodes to exactly the bytes it came from,
//! and what decodes decodes again to the same value after re-encoding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::rpc::auxiliary::AuxBlocks;
use mapi_codec_fuzz::exact_round_trip;

fuzz_target!(|data: &[u8]| {
    exact_round_trip!(AuxBlocks, data, ());
});
