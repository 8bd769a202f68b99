//! ROP input buffers: no panic; what decodes re-encodes to the same bytes and decodes again to
//! the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::rop::RopRequestBuffer;
use mapi_codec::wire::{Decode, Encode, Limits};

fuzz_target!(|data: &[u8]| {
    if let Ok(buf) = RopRequestBuffer::decode_exact(data, Limits::DEFAULT) {
        let bytes = buf.to_bytes().expect("a decoded buffer encodes");
        assert_eq!(bytes, data);
        let again = RopRequestBuffer::decode_exact(&bytes, Limits::DEFAULT).expect("re-decodes");
        assert_eq!(again, buf);
    }
});
