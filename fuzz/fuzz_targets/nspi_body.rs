//! NSPI request and response bodies ([MS-OXCMAPIHTTP] 2.2.5): the first byte picks the body
//! kind (byte % 38: REQUEST_TYPES[k / 2], request when k is even, response when odd), the rest
//! is the body. No panic; what decodes re-encodes to exactly the input, decodes to the same
//! value again, and shows a tree in any code page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::nspi::{decode_body, Direction, REQUEST_TYPES};
use mapi_codec::tree::ToTree;
use mapi_codec::wire::{Encode, Limits};

fuzz_target!(|data: &[u8]| {
    let Some((&first, body)) = data.split_first() else {
        return;
    };
    let k = usize::from(first) % (2 * REQUEST_TYPES.len());
    let (rt, _) = REQUEST_TYPES[k / 2];
    let dir = if k % 2 == 0 {
        Direction::Request
    } else {
        Direction::Response
    };
    let limits = Limits {
        max_decompressed_size: 0x10000,
        ..Limits::DEFAULT
    };
    let decoded = decode_body(rt, dir, body, limits).expect("an NSPI request type");
    if let Ok(b) = decoded {
        let bytes = b.to_bytes().expect("encodes");
        assert_eq!(bytes, body);
        assert_eq!(b.encoded_len(), body.len());
        let again = decode_body(rt, dir, &bytes, limits)
            .unwrap()
            .expect("decodes again");
        assert_eq!(again, b);
        let _ = b.to_tree();
        let _ = b.to_tree_with_code_page(65001);
    }
});
