//! MAPI/HTTP mailbox-endpoint bodies ([MS-OXCMAPIHTTP] 2.2.4, 2.2.6): the first input byte picks
//! the body kind (modulo the number of mailbox kinds, in `BodyKind::all()` order), the rest is the body. No panic;
//! what decodes re-encodes to the same bytes and decodes again to the same value; the ROP
//! buffers inside an Execute body decode (or fail) without panic and re-encode byte for byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::http::emsmdb::EmsmdbBody;
use mapi_codec::http::headers::{BodyKind, Endpoint};
use mapi_codec::tree::ToTree;
use mapi_codec::wire::{DecodeWith, Encode, Limits};

fuzz_target!(|data: &[u8]| {
    let Some((&k, body)) = data.split_first() else {
        return;
    };
    let kinds: Vec<BodyKind> = BodyKind::all()
        .filter(|k| k.endpoint() == Endpoint::Mailbox)
        .collect();
    let kind = kinds[usize::from(k) % kinds.len()];
    let Ok(b) = EmsmdbBody::decode_with_exact(body, kind, Limits::DEFAULT) else {
        return;
    };
    let bytes = b.to_bytes().expect("a decoded body encodes");
    assert_eq!(bytes, body);
    assert_eq!(b.encoded_len(), body.len());
    let again = EmsmdbBody::decode_with_exact(&bytes, kind, Limits::DEFAULT).expect("re-decodes");
    assert_eq!(again, b);
    let _ = b.to_tree().to_text();
    match &b {
        EmsmdbBody::ExecuteRequest(r) => {
            if let Ok(rops) = r.rop_request_buffers(None, Limits::DEFAULT) {
                let n = r.rop_buffer.0.as_ref().map_or(0, |c| c.buffers.len());
                assert_eq!(rops.len(), n);
                for (buf, ext) in rops
                    .iter()
                    .zip(r.rop_buffer.0.iter().flat_map(|c| &c.buffers))
                {
                    assert_eq!(buf.to_bytes().expect("encodes"), &*ext.payload);
                }
                let _ = r
                    .to_tree_with_rops(rops.iter().map(ToTree::to_tree))
                    .to_text();
            }
        }
        EmsmdbBody::ExecuteResponse(r) => {
            if let Some(s) = r.fields() {
                if let Ok(rops) = s.rop_response_buffers(&[], None, Limits::DEFAULT) {
                    let n = s.rop_buffer.0.as_ref().map_or(0, |c| c.buffers.len());
                    assert_eq!(rops.len(), n);
                    for (buf, ext) in rops
                        .iter()
                        .zip(s.rop_buffer.0.iter().flat_map(|c| &c.buffers))
                    {
                        assert_eq!(buf.to_bytes().expect("encodes"), &*ext.payload);
                    }
                    let _ = s
                        .to_tree_with_rops(rops.iter().map(ToTree::to_tree))
                        .to_text();
                }
            }
        }
        _ => {}
    }
});
