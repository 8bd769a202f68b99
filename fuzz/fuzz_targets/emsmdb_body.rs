//! MAPI/HTTP mailbox-endpoint bodies ([MS-OXCMAPIHTTP] 2.2.4, 2.2.6): the first input byte
//! picks the body kind (`mapi_codec_fuzz::body_kind`), the rest is the body. No panic;
//! what decodes re-encodes to the same bytes and decodes again to the same value; the ROP
//! buffers inside an Execute body decode (or fail) without panic and re-encode byte for byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::http::emsmdb::EmsmdbBody;
use mapi_codec::http::headers::Endpoint;
use mapi_codec::tree::ToTree;
use mapi_codec::wire::Limits;
use mapi_codec_fuzz::{body_kind, exact_round_trip, same_rop_buffers};

fuzz_target!(|data: &[u8]| {
    let Some((&first, body)) = data.split_first() else {
        return;
    };
    let kind = body_kind(Endpoint::Mailbox, first);
    let Some(b) = exact_round_trip!(EmsmdbBody, body, kind) else {
        return;
    };
    let _ = b.to_tree().to_text();
    match &b {
        EmsmdbBody::ExecuteRequest(r) => {
            if let Ok(rops) = r.rop_request_buffers(None, Limits::DEFAULT) {
                same_rop_buffers(&rops, &r.rop_buffer);
                let _ = r.to_tree_with_rops(rops.iter().map(ToTree::to_tree));
            }
        }
        EmsmdbBody::ExecuteResponse(r) => {
            let Some(s) = r.fields() else {
                return;
            };
            if let Ok(rops) = s.rop_response_buffers(&[], None, Limits::DEFAULT) {
                same_rop_buffers(&rops, &s.rop_buffer);
                let _ = s.to_tree_with_rops(rops.iter().map(ToTree::to_tree));
            }
        }
        _ => {}
    }
});
