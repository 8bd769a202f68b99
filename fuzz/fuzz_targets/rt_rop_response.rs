//! Structure-aware round trip of single ROP responses: an arbitrary RopResponse (ReturnValue
//! picks the success or failure fields it carries) either fails to encode, or its bytes decode
//! with no request and no session to the same value and re-encode to the same bytes.
//! Responses whose layout needs context (rows of a table's or a request's columns, the
//! LogonFlags of RopLogon) report missing context without one: those are skipped. The rows of
//! RopReadRecipients decode as bytes without the recipient columns: for them only the bytes
//! are compared.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::rop::{RopId, RopResponse};
use mapi_codec::wire::DecodeWith;
use mapi_codec::wire::{Encode, ErrorKind, Limits, Reader};

fuzz_target!(|rop: RopResponse<'_>| {
    let Ok(bytes) = rop.to_bytes() else {
        return;
    };
    assert_eq!(rop.encoded_len(), bytes.len());
    let mut r = Reader::with_limits(&bytes, Limits::DEFAULT);
    let back = match RopResponse::decode_with_from(&mut r, (None, None)) {
        Ok(back) => back,
        Err(e) if matches!(e.kind(), ErrorKind::MissingContext { .. }) => return,
        Err(e) => panic!("encoded bytes do not decode: {e}"),
    };
    assert!(
        r.is_empty(),
        "bytes left after {:?}: {} of {}",
        rop.rop_id(),
        r.remaining(),
        bytes.len()
    );
    // RopReadRecipients rows take their columns from the Message object's recipient columns:
    // without them they decode as undecoded bytes, a different value of the same bytes.
    if rop.rop_id() == RopId::READ_RECIPIENTS && back != rop {
        assert_eq!(back.to_bytes().expect("re-encodes"), bytes);
        return;
    }
    assert_eq!(back, rop);
    assert_eq!(back.to_bytes().expect("re-encodes"), bytes);
});
