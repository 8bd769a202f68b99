//! NSPI request and response bodies ([MS-OXCMAPIHTTP] 2.2.5): the first byte picks the body
//! kind (modulo the number of address-book kinds, in `BodyKind::all()` order), the rest is
//! the body. No panic; what decodes re-encodes to exactly the input, decodes to the same
//! value again, and shows a tree in any code page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::http::headers::Endpoint;
use mapi_codec::nspi::{CodePage, NspiBody};
use mapi_codec::tree::{ToTree, ToTreeWith};
use mapi_codec::wire::Limits;
use mapi_codec_fuzz::{body_kind, exact_round_trip};

fuzz_target!(|data: &[u8]| {
    let Some((&first, body)) = data.split_first() else {
        return;
    };
    let kind = body_kind(Endpoint::AddressBook, first);
    let limits = Limits {
        max_decompressed_size: 0x10000,
        ..Limits::DEFAULT
    };
    if let Some(b) = exact_round_trip!(NspiBody, body, kind, limits) {
        let _ = b.to_tree();
        let _ = b.to_tree_with(CodePage(65001));
    }
});
