//! ROP output buffers decoded against a request buffer: the first two input bytes give the
//! request buffer's length, the request follows, the response is the rest. No panic; what
//! decodes re-encodes to the same bytes and decodes again to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::rop::{RopRequestBuffer, RopResponseBuffer};
use mapi_codec::wire::DecodeWith;
use mapi_codec::wire::{Decode, Encode, Limits};

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let n = usize::from(u16::from_le_bytes([data[0], data[1]]));
    let rest = &data[2..];
    if n > rest.len() {
        return;
    }
    let (req, resp) = rest.split_at(n);
    let Ok(request) = RopRequestBuffer::decode_exact(req, Limits::DEFAULT) else {
        return;
    };
    if let Ok(buf) = RopResponseBuffer::decode_with_exact(resp, &request, Limits::DEFAULT) {
        let bytes = buf.to_bytes().expect("a decoded buffer encodes");
        assert_eq!(bytes, resp);
        let again = RopResponseBuffer::decode_with_exact(&bytes, &request, Limits::DEFAULT)
            .expect("re-decodes");
        assert_eq!(again, buf);
    }
});
