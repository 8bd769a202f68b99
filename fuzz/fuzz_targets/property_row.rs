//! PropertyRow and PropertyRowSet against columns taken from the input: the first byte picks
//! the count width (bit 0), row or row set (bit 1) and the number of columns (bits 2-5); then
//! come the column tags (4 bytes each), then the row bytes. No panic; what decodes re-encodes
//! to exactly the bytes it used and decodes back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::data::{PropertyRow, PropertyRowSet};
use mapi_codec_fuzz::{count_width, prefix_round_trip, take_columns};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let width = count_width(first & 1 != 0);
    let Some((columns, bytes)) = take_columns(rest, usize::from((first >> 2) & 0x0F)) else {
        return;
    };
    if first & 2 == 0 {
        prefix_round_trip!(PropertyRow, bytes, (&columns, width), width);
    } else {
        prefix_round_trip!(PropertyRowSet, bytes, (&columns, width), width);
    }
});
