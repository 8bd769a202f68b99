//! TypedPropertyValue and TaggedPropertyValue in both count widths: no panic, byte-exact
//! re-encode, and `decode(encode(x)) == x` (NaN floats compared by their bytes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::data::{TaggedPropertyValue, TypedPropertyValue};
use mapi_codec::wire::{CountWidth, DecodeWith, EncodeWith};

fn check<'a, T>(bytes: &'a [u8], width: CountWidth)
where
    T: DecodeWith<'a, CountWidth> + EncodeWith<CountWidth>,
{
    if let Ok((rest, v)) = T::decode_with(bytes, width) {
        let used = &bytes[..bytes.len() - rest.len()];
        let again = v.to_bytes_with(width).expect("a decoded value encodes");
        assert_eq!(again, used);
        assert_eq!(v.encoded_len_with(width), used.len());
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let width = if first & 1 == 0 {
        CountWidth::U16
    } else {
        CountWidth::U32
    };
    if first & 2 == 0 {
        check::<TypedPropertyValue>(bytes, width);
    } else {
        check::<TaggedPropertyValue>(bytes, width);
    }
});
