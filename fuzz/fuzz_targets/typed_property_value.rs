//! TypedPropertyValue (bit 1 of the first byte clear) and TaggedPropertyValue (set) in both
//! count widths (bit 0): no panic, byte-exact re-encode, and `decode(encode(x)) == x`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::data::{TaggedPropertyValue, TypedPropertyValue};
use mapi_codec_fuzz::{count_width, prefix_round_trip};

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let width = count_width(first & 1 != 0);
    if first & 2 == 0 {
        prefix_round_trip!(TypedPropertyValue, bytes, width, width);
    } else {
        prefix_round_trip!(TaggedPropertyValue, bytes, width, width);
    }
});
