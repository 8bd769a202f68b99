//! Structure-aware round trip of restrictions in both count widths: an arbitrary restriction
//! (nesting bounded by its `Arbitrary`) either fails to encode, or its bytes decode to the same
//! value and re-encode to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::data::Restriction;
use mapi_codec::wire::{CountWidth, DecodeWith, EncodeWith};

fuzz_target!(|x: (bool, Restriction<'_>)| {
    let (wide, r) = x;
    let width = if wide {
        CountWidth::U32
    } else {
        CountWidth::U16
    };
    let Ok(bytes) = r.to_bytes_with(width) else {
        return;
    };
    assert_eq!(r.encoded_len_with(width), bytes.len());
    let (rest, back) = Restriction::decode_with(&bytes, width).expect("encoded bytes decode");
    assert!(rest.is_empty(), "bytes left after the restriction");
    assert_eq!(back, r);
    assert_eq!(back.to_bytes_with(width).expect("re-encodes"), bytes);
});
