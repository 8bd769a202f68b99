//! Structure-aware round trip of restrictions in both count widths: an arbitrary restriction
//! (nesting bounded by its `Arbitrary`) either fails to encode, or its bytes decode to the same
//! value and re-encode to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::data::Restriction;
use mapi_codec_fuzz::{count_width, value_round_trip};

fuzz_target!(|x: (bool, Restriction<'_>)| {
    let (wide, r) = x;
    let width = count_width(wide);
    value_round_trip!(Restriction, &r, width, width);
});
