//! Structure-aware round trip of ROP input buffers: arbitrary ROP requests and handles make a
//! RopRequestBuffer (the handle table grown to hold every handle index the requests name);
//! it either fails to encode, or its bytes decode to the same buffer and re-encode to the
//! same bytes. Requests that need the LogonFlags of a RopLogon absent from the buffer are
//! kept undecoded by the decoder: the buffer is checked up to them.
#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use mapi_codec::rop::buffer::Undecoded;
use mapi_codec::rop::{HandleTable, RopRequest, RopRequestBuffer};
use mapi_codec::wire::{Decode, Encode, Limits};

fuzz_target!(|x: (Vec<RopRequest<'_>>, Vec<u32>)| {
    let (rops, mut handles) = x;
    let need = rops
        .iter()
        .flat_map(|r| r.handle_indexes().iter().collect::<Vec<_>>())
        .map(|(_, i)| usize::from(i) + 1)
        .max()
        .unwrap_or(0);
    if handles.len() < need {
        handles.resize(need, 0);
    }
    let buf = RopRequestBuffer {
        rops,
        raw: None,
        handles: HandleTable(Cow::Owned(
            handles.iter().flat_map(|h| h.to_le_bytes()).collect(),
        )),
    };
    let Ok(bytes) = buf.to_bytes() else {
        return;
    };
    assert_eq!(buf.encoded_len(), bytes.len());
    let back =
        RopRequestBuffer::decode_exact(&bytes, Limits::DEFAULT).expect("encoded bytes decode");
    if let Some(raw) = &back.raw {
        // A request whose layout depends on its logon's flags (RopSetMessageReadFlag,
        // RopWritePerUserInformation) with no RopLogon before it in the buffer: the decoder
        // keeps the rest undecoded, having no flags to go by. What came before must match.
        if matches!(raw.reason, Undecoded::MissingContext(_)) {
            assert_eq!(back.rops[..], buf.rops[..back.rops.len()]);
            return;
        }
    }
    assert_eq!(back, buf);
    assert_eq!(back.to_bytes().expect("re-encodes"), bytes);
});
