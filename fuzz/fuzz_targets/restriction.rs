//! Restrictions in both count widths (bit 0 of the first byte): no panic, and whatever decodes
//! re-encodes to the bytes it used and decodes back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::data::Restriction;
use mapi_codec_fuzz::{count_width, prefix_round_trip};

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let width = count_width(first & 1 != 0);
    prefix_round_trip!(Restriction, bytes, width, width);
});
