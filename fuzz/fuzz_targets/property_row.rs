//! PropertyRow and PropertyRowSet against columns taken from the input: the first byte picks
//! the count width (bit 0), row or row set (bit 1) and the number of columns (bits 2-5); then
//! come the column tags (4 bytes each), then the row bytes. No panic; what decodes re-encodes
//! to exactly the bytes it used and decodes back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::data::{PropTag, PropertyRow, PropertyRowSet};
use mapi_codec::wire::{CountWidth, DecodeWith, EncodeWith};

macro_rules! check {
    ($t:ty, $bytes:expr, $columns:expr, $width:expr) => {
        if let Ok((rest, v)) = <$t>::decode_with($bytes, ($columns, $width)) {
            let used = &$bytes[..$bytes.len() - rest.len()];
            let again = v.to_bytes_with($width).expect("a decoded value encodes");
            assert_eq!(again, used);
            assert_eq!(v.encoded_len_with($width), used.len());
            let (_, back) =
                <$t>::decode_with(&again, ($columns, $width)).expect("re-encoded bytes decode");
            assert_eq!(back, v);
        }
    };
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let width = if first & 1 == 0 {
        CountWidth::U16
    } else {
        CountWidth::U32
    };
    let ncols = usize::from((first >> 2) & 0x0F);
    if rest.len() < ncols * 4 {
        return;
    }
    let (tags, bytes) = rest.split_at(ncols * 4);
    let columns: Vec<PropTag> = tags
        .chunks_exact(4)
        .map(|c| PropTag(u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
        .collect();
    if first & 2 == 0 {
        check!(PropertyRow, bytes, &columns[..], width);
    } else {
        check!(PropertyRowSet, bytes, &columns[..], width);
    }
});
