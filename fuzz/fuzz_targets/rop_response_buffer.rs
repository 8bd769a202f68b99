//! ROP output buffers decoded against a request buffer: the first two input bytes give the
//! request buffer's length, the request follows, the response is the rest. No panic; what
//! decodes re-encodes to the same bytes and decodes again to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::rop::{RopRequestBuffer, RopResponseBuffer};
use mapi_codec::wire::{Decode, Limits};
use mapi_codec_fuzz::exact_round_trip;

fuzz_target!(|data: &[u8]| {
    let Some((len, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let n = usize::from(u16::from_le_bytes(*len));
    if n > rest.len() {
        return;
    }
    let (req, resp) = rest.split_at(n);
    let Ok(request) = RopRequestBuffer::decode_exact(req, Limits::DEFAULT) else {
        return;
    };
    exact_round_trip!(RopResponseBuffer, resp, &request);
});
