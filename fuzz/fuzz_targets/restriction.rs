//! Restrictions in both count widths: no panic, and whatever decodes re-encodes to the bytes
//! it used and decodes back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::data::Restriction;
use mapi_codec::wire::{CountWidth, DecodeWith, EncodeWith};

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let width = if first & 1 == 0 {
        CountWidth::U16
    } else {
        CountWidth::U32
    };
    if let Ok((rest, r)) = Restriction::decode_with(bytes, width) {
        let used = &bytes[..bytes.len() - rest.len()];
        let again = r.to_bytes_with(width).expect("a decoded value encodes");
        assert_eq!(again, used);
        assert_eq!(r.encoded_len_with(width), used.len());
        let (_, back) = Restriction::decode_with(&again, width).expect("re-encoded bytes decode");
        assert_eq!(back, r);
    }
});
