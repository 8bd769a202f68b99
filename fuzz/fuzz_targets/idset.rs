//! [MS-OXCFXICS] 2.2.2 ICS state structures: the first byte picks the form (REPLID IDSET,
//! REPLGUID IDSET, GLOBSET, PredecessorChangeList), the rest is decoded. No panic; what
//! decodes re-encodes to exactly its bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::fxics::idset::{Globset, IdsetReplguid, IdsetReplid, PredecessorChangeList};
use mapi_codec::wire::{Decode, Encode, Limits};

fn check<'a, T: Decode<'a> + Encode + PartialEq + std::fmt::Debug>(data: &'a [u8]) {
    if let Ok(v) = T::decode_exact(data, Limits::DEFAULT) {
        let again = v.to_bytes().expect("a decoded value encodes");
        assert_eq!(again, data);
        assert_eq!(v.encoded_len(), data.len());
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&form, rest)) = data.split_first() else {
        return;
    };
    match form % 4 {
        0 => check::<IdsetReplid>(rest),
        1 => check::<IdsetReplguid>(rest),
        2 => check::<Globset>(rest),
        _ => check::<PredecessorChangeList>(rest),
    }
});
