//! Structure-aware round trip of MAPI/HTTP bodies: an arbitrary EMSMDB body
//! ([MS-OXCMAPIHTTP] 2.2.4, 2.2.6) or NSPI body (2.2.5) either fails to encode, or its bytes
//! decode (as the body's own kind) to the same value and re-encode to the same bytes.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use mapi_codec::http::emsmdb::EmsmdbBody;
use mapi_codec::nspi::NspiBody;
use mapi_codec::wire::{DecodeWith, Encode, Limits};

#[derive(Arbitrary, Debug)]
enum Body<'a> {
    Emsmdb(EmsmdbBody<'a>),
    Nspi(NspiBody<'a>),
}

fuzz_target!(|body: Body<'_>| {
    match body {
        Body::Emsmdb(b) => {
            let Ok(bytes) = b.to_bytes() else {
                return;
            };
            assert_eq!(b.encoded_len(), bytes.len());
            let back = match EmsmdbBody::decode_with_exact(&bytes, b.kind(), Limits::DEFAULT) {
                Ok(back) => back,
                Err(e) => panic!("encoded bytes do not decode: {e}\n{b:?}"),
            };
            assert_eq!(back, b);
            assert_eq!(back.to_bytes().expect("re-encodes"), bytes);
        }
        Body::Nspi(b) => {
            let Ok(bytes) = b.to_bytes() else {
                return;
            };
            assert_eq!(b.encoded_len(), bytes.len());
            let back = match NspiBody::decode_with_exact(&bytes, b.kind(), Limits::DEFAULT) {
                Ok(back) => back,
                Err(e) => panic!("encoded bytes do not decode: {e}\n{b:?}"),
            };
            assert_eq!(back, b);
            assert_eq!(back.to_bytes().expect("re-encodes"), bytes);
        }
    }
});
