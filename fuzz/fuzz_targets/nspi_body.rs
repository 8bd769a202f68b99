//! NSPI request and response bodies ([MS-OXCMAPIHTTP] 2.2.5): the first byte picks the body
//! kind (modulo the number of address-book kinds, in `BodyKind::all()` order), the rest is
//! the body. No panic; what decodes re-encodes to exactly the input, decodes to the same
//! value again, and shows a tree in any code page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::http::headers::{BodyKind, Endpoint};
use mapi_codec::nspi::NspiBody;
use mapi_codec::tree::ToTree;
use mapi_codec::wire::{DecodeWith, Encode, Limits};

fuzz_target!(|data: &[u8]| {
    let Some((&first, body)) = data.split_first() else {
        return;
    };
    let kinds: Vec<BodyKind> = BodyKind::all()
        .filter(|k| k.endpoint() == Endpoint::AddressBook)
        .collect();
    let kind = kinds[usize::from(first) % kinds.len()];
    let limits = Limits {
        max_decompressed_size: 0x10000,
        ..Limits::DEFAULT
    };
    if let Ok(b) = NspiBody::decode_with_exact(body, kind, limits) {
        let bytes = b.to_bytes().expect("encodes");
        assert_eq!(bytes, body);
        assert_eq!(b.encoded_len(), body.len());
        let again = NspiBody::decode_with_exact(&bytes, kind, limits).expect("decodes again");
        assert_eq!(again, b);
        let _ = b.to_tree();
        let _ = b.to_tree_with_code_page(65001);
    }
});
