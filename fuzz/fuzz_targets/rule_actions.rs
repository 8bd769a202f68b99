//! RuleAction structures ([MS-OXORULE] 2.2.5): the first byte picks the form (even: standard,
//! odd: extended). No panic; whatever decodes re-encodes to the bytes it used, decodes back to
//! the same value, and its tree can be built (nested rule actions are depth-bounded).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::data::{RuleActions, RuleForm};
use mapi_codec::tree::ToTreeWith;
use mapi_codec_fuzz::prefix_round_trip;

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let form = if first & 1 == 0 {
        RuleForm::Standard
    } else {
        RuleForm::Extended
    };
    if let Some(a) = prefix_round_trip!(RuleActions, bytes, form, form) {
        let _ = a.to_tree_with(form).to_text();
    }
});
