//! Bare auxiliary blocks: no panic, every block re-encodes to exactly the bytes it came from,
//! and what decodes decodes again to the same value after re-encoding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::rpc::auxiliary::AuxBlocks;
use mapi_codec::wire::{Decode, Encode, Limits};

fuzz_target!(|data: &[u8]| {
    if let Ok(blocks) = AuxBlocks::decode_exact(data, Limits::DEFAULT) {
        let again = blocks.to_bytes().expect("a decoded run encodes");
        assert_eq!(again, data);
        let back = AuxBlocks::decode_exact(&again, Limits::DEFAULT).expect("re-decodes");
        assert_eq!(back, blocks);
    }
});
