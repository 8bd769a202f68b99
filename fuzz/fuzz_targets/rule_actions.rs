//! RuleAction structures ([MS-OXORULE] 2.2.5): the first byte picks the form (even: standard,
//! odd: extended). No panic; whatever decodes re-encodes to the bytes it used, decodes back to
//! the same value, and its tree can be built (nested rule actions are depth-bounded).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::data::{RuleActions, RuleForm};
use mapi_codec::wire::{DecodeWith, EncodeWith};

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let form = if first & 1 == 0 {
        RuleForm::Standard
    } else {
        RuleForm::Extended
    };
    if let Ok((rest, a)) = RuleActions::decode_with(bytes, form) {
        let used = &bytes[..bytes.len() - rest.len()];
        let again = a.to_bytes_with(form).expect("a decoded value encodes");
        assert_eq!(again, used);
        assert_eq!(a.encoded_len_with(form), used.len());
        let (_, back) = RuleActions::decode_with(&again, form).expect("re-encoded bytes decode");
        assert_eq!(back, a);
        let _ = a.tree_with(form).to_text();
    }
});
