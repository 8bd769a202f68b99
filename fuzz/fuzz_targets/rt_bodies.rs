//! Structure-aware round trip of MAPI/HTTP bodies: an arbitrary EMSMDB body
//! ([MS-OXCMAPIHTTP] 2.2.4, 2.2.6) or NSPI body (2.2.5) either fails to encode, or its bytes
//! decode (as the body's own kind) to the same value and re-encode to the same bytes.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use mapi_codec::http::emsmdb::EmsmdbBody;
use mapi_codec::nspi::NspiBody;
use mapi_codec_fuzz::value_round_trip;

#[derive(Arbitrary, Debug)]
enum Body<'a> {
    Emsmdb(EmsmdbBody<'a>),
    Nspi(NspiBody<'a>),
}

fuzz_target!(|body: Body<'_>| {
    match &body {
        Body::Emsmdb(b) => value_round_trip!(EmsmdbBody, b, b.kind(), ()),
        Body::Nspi(b) => value_round_trip!(NspiBody, b, b.kind(), ()),
    }
});
