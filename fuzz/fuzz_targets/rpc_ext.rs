//! Extended buffer chains: no panic, every payload within the limit, and what decodes
//! re-encodes to exactly the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::rpc::ext::ExtendedBufferChain;
use mapi_codec::wire::{Decode, Encode, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_decompressed_size: 0x8000,
        ..Limits::DEFAULT
    };
    if let Ok(chain) = ExtendedBufferChain::decode_exact(data, limits) {
        for b in &chain.buffers {
            assert!(b.payload().len() <= 0x8000);
            assert_eq!(b.payload().len(), usize::from(b.header().size_actual));
        }
        assert_eq!(chain.to_bytes().expect("encodes"), data);
    }
});
