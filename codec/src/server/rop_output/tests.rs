use super::*;
use crate::data::{PropTag, PropTags, PropertyValue};
use crate::rop::property::{GetPropertiesSpecificResponse, GetPropertiesSpecificSuccess};
use crate::rop::RopResponseBuffer;
use crate::wire::DecodeWith;
use crate::wire::{Decode, Limits, Outcome};

// RopSetColumns on handle index 0: PidTagSubject (PtypString), PidTagMessageSize.
const SET_COLUMNS: &[u8] = &[
    0x12, 0x00, 0x00, 0x00, 0x02, 0x00, 0x1F, 0x00, 0x37, 0x00, 0x03, 0x00, 0x08, 0x0E,
];
// RopQueryRows on handle index 0: flags 0, forward, 10 rows.
const QUERY_ROWS: &[u8] = &[0x15, 0x00, 0x00, 0x00, 0x01, 0x0A, 0x00];
// RopRelease of handle index 0.
const RELEASE: &[u8] = &[0x01, 0x00, 0x00];
// RopGetPropertiesSpecific on handle index 0: no size limit, Unicode, PidTagSubject.
const GET_PROPS: &[u8] = &[
    0x07, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x1F, 0x00, 0x37, 0x00,
];
// RopSetColumns response: success, TableStatus 0.
const SET_COLUMNS_OK: &[u8] = &[0x12, 0x00, 0, 0, 0, 0, 0x00];
// RopQueryRows response: success, Origin 2, one standard row: "Hi", 42.
const ROWS: &[u8] = &[
    0x15, 0x00, 0, 0, 0, 0, 0x02, 0x01, 0x00, 0x00, b'H', 0x00, b'i', 0x00, 0x00, 0x00, 42, 0, 0, 0,
];
// RopGetPropertiesSpecific response: success, a standard row of "Hi".
const PROPS_OK: &[u8] = &[
    0x07, 0x00, 0, 0, 0, 0, 0x00, b'H', 0x00, b'i', 0x00, 0x00, 0x00,
];
const COLUMNS: [PropTag; 2] = [PropTag(0x0037_001F), PropTag(0x0E08_0003)];

/// A ROP buffer: RopSize, the ROPs, the handle table.
fn buf(rops: &[&[u8]], handles: &[u32]) -> Vec<u8> {
    let list = rops.concat();
    let mut v = u16::try_from(list.len() + 2)
        .unwrap()
        .to_le_bytes()
        .to_vec();
    v.extend(list);
    for h in handles {
        v.extend(h.to_le_bytes());
    }
    v
}

fn input(bytes: &[u8]) -> RopRequestBuffer<'_> {
    RopRequestBuffer::decode_exact(bytes, Limits::STRICT).unwrap()
}

/// `bytes` decoded as the response to `req`.
fn resp<'a>(req: &RopRequest<'a>, cols: Option<&[PropTag]>, bytes: &'a [u8]) -> RopResponse<'a> {
    let cols = cols.map(PropTags::new);
    RopResponse::decode_with_exact(bytes, (Some(req), cols.as_ref()), Limits::STRICT).unwrap()
}

#[test]
fn responses_must_answer_their_request_in_order() {
    let bytes = buf(&[SET_COLUMNS, QUERY_ROWS, RELEASE], &[0x10]);
    let rq = input(&bytes);
    let mut out = RopOutputBuilder::new(&rq, 0x8000).unwrap();
    let set_ok = resp(&rq.rops[0], None, SET_COLUMNS_OK);
    let rows = resp(&rq.rops[1], Some(&COLUMNS), ROWS);

    // Out of order: the rows cannot answer RopSetColumns.
    assert_eq!(
        out.answer_with(&rows, Some(&PropTags::new(&COLUMNS))),
        Err(RopOutputError::Mismatch {
            request: RopId::SET_COLUMNS,
            response: Some(RopId::QUERY_ROWS)
        })
    );
    // RopSetColumns has a response: `released` is refused.
    assert!(matches!(
        out.released(),
        Err(RopOutputError::Mismatch { response: None, .. })
    ));
    // A handle index the request does not name.
    let mut wrong = set_ok.clone();
    if let RopResponse::SetColumns(s) = &mut wrong {
        s.handle_index = 1;
    }
    assert_eq!(
        out.answer(&wrong),
        Err(RopOutputError::HandleIndex {
            index: 1,
            expected: Some(0)
        })
    );
    assert_eq!(out.answer(&set_ok), Ok(Answered::Added));
    assert_eq!(
        out.answer_with(&rows, Some(&PropTags::new(&COLUMNS))),
        Ok(Answered::Added)
    );
    // RopRelease is answered by nothing.
    assert!(matches!(
        out.answer(&set_ok),
        Err(RopOutputError::Mismatch { .. })
    ));
    let early = RopOutputBuilder::new(&rq, 0x8000).unwrap();
    assert_eq!(early.finish(), Err(RopOutputError::Unanswered(0)));
    out.released().unwrap();
    assert_eq!(out.next_request(), None);
    assert_eq!(out.answer(&set_ok), Err(RopOutputError::NoRequestLeft));
    let bytes_out = out.finish().unwrap();
    // The two responses and the request's handle table, as the spec lays them out.
    assert_eq!(bytes_out, buf(&[SET_COLUMNS_OK, ROWS], &[0x10]));
    let back = RopResponseBuffer::decode_with_exact(&bytes_out, &rq, Limits::STRICT).unwrap();
    assert_eq!(back.request_indexes(&rq), [Some(0), Some(1)]);
}

#[test]
fn a_response_that_decodes_to_something_else_is_refused() {
    let bytes = buf(&[GET_PROPS], &[0x10]);
    let rq = input(&bytes);
    let good = resp(&rq.rops[0], None, PROPS_OK);
    // Claims a column the request did not ask for: the row decodes with the request's.
    let bad = RopResponse::GetPropertiesSpecific(GetPropertiesSpecificResponse {
        handle_index: 0,
        return_value: 0,
        body: Outcome::Success(GetPropertiesSpecificSuccess::new(
            PropTags::new(&[PropTag(0x0E1D_001F)]),
            match &good {
                RopResponse::GetPropertiesSpecific(g) => g.body.success().unwrap().row().clone(),
                _ => unreachable!(),
            },
        )),
    });
    let mut out = RopOutputBuilder::new(&rq, 0x8000).unwrap();
    let e = out.answer(&bad).unwrap_err();
    // Refused as it is written, with the place and the reason.
    let RopOutputError::Encode(e) = e else {
        panic!("{e:?}")
    };
    assert_eq!(e.kind().name(), "context-mismatch");
    assert_eq!(e.path_string(), "RopGetPropertiesSpecific");
    assert_eq!(out.answer(&good), Ok(Answered::Added));
    assert_eq!(out.finish().unwrap(), buf(&[PROPS_OK], &[0x10]));
}

#[test]
fn a_response_past_max_rop_out_becomes_rop_buffer_too_small() {
    let bytes = buf(&[SET_COLUMNS, QUERY_ROWS, QUERY_ROWS], &[0x10]);
    let rq = input(&bytes);
    // 40 bytes of ROP output: RopSize and the handle (6), RopSetColumns' answer (7), then
    // room for the rows (20) only past what handing back the last RopQueryRows takes (10).
    let mut out = RopOutputBuilder::new(&rq, 48).unwrap();
    assert_eq!(out.room(), 40 - 6 - (3 + 14));
    assert_eq!(
        out.answer(&resp(&rq.rops[0], None, SET_COLUMNS_OK)),
        Ok(Answered::Added)
    );
    assert_eq!(out.room(), 40 - 13 - (3 + 7));
    let rows = resp(&rq.rops[1], Some(&COLUMNS), ROWS);
    assert_eq!(
        out.answer_with(&rows, Some(&PropTags::new(&COLUMNS))),
        Ok(Answered::BufferTooSmall)
    );
    assert!(out.is_closed());
    assert_eq!(out.next_request(), None);
    let bytes_out = out.finish().unwrap();
    assert!(bytes_out.len() <= 40);

    // The client's view: RopSetColumns answered, then RopBufferTooSmall handing back the two
    // RopQueryRows as they were sent ([MS-OXCROPS] 2.2.15.1, 3.1.5.1.2).
    let back = RopResponseBuffer::decode_with_exact(&bytes_out, &rq, Limits::STRICT).unwrap();
    assert_eq!(back.unprocessed_from(&rq), Some(1));
    let RopResponse::BufferTooSmall(tail) = &back.rops[1] else {
        panic!("{:?}", back.rops);
    };
    assert_eq!(&tail.request_buffers[..], [QUERY_ROWS, QUERY_ROWS].concat());

    // Sent again with MaxRopOut = SizeNeeded, the first of them is answered.
    let again = buf(&[&tail.request_buffers], &[0x10]);
    let rq2 = input(&again);
    let mut out = RopOutputBuilder::new(&rq2, tail.size_needed.into()).unwrap();
    assert_eq!(
        out.answer_with(&rows, Some(&PropTags::new(&COLUMNS))),
        Ok(Answered::Added)
    );
    // One byte less and it would not have been.
    let mut out = RopOutputBuilder::new(&rq2, u32::from(tail.size_needed) - 1).unwrap();
    assert_eq!(
        out.answer_with(&rows, Some(&PropTags::new(&COLUMNS))),
        Ok(Answered::BufferTooSmall)
    );
}

#[test]
fn max_rop_out_must_hold_the_requests_handed_back() {
    let bytes = buf(&[SET_COLUMNS, QUERY_ROWS, QUERY_ROWS], &[0x10]);
    let rq = input(&bytes);
    // RPC_HEADER_EXT 8, RopSize 2, handle 4, RopBufferTooSmall 3 + 28 bytes of requests.
    assert!(RopOutputBuilder::new(&rq, 8 + 2 + 4 + 3 + 28).is_ok());
    assert_eq!(
        RopOutputBuilder::new(&rq, 8 + 2 + 4 + 3 + 27).unwrap_err(),
        RopOutputError::MaxRopOutTooSmall {
            budget: 36,
            needed: 37
        }
    );
    // A request buffer kept partly raw cannot be answered in order.
    let raw = buf(&[QUERY_ROWS, &[0x00, 0x00, 0x00]], &[0x10]);
    let rq = RopRequestBuffer::decode_exact(&raw, Limits::DEFAULT).unwrap();
    assert!(rq.raw.is_some());
    assert_eq!(
        RopOutputBuilder::new(&rq, 0x8000).unwrap_err(),
        RopOutputError::UndecodedRequests
    );
}

#[test]
fn a_response_no_buffer_could_hold_is_an_error() {
    let bytes = buf(&[GET_PROPS], &[0x10]);
    let rq = input(&bytes);
    // A 33,000-byte subject, past the 32 KB of ROP output.
    let value = crate::wire::Utf16Str::from_text(&"x".repeat(16_500)).unwrap();
    let big = RopResponse::GetPropertiesSpecific(GetPropertiesSpecificResponse {
        handle_index: 0,
        return_value: 0,
        body: Outcome::Success(GetPropertiesSpecificSuccess::new(
            PropTags::new(&[PropTag(0x0037_001F)]),
            crate::data::PropertyRow::new(
                false,
                vec![crate::data::RowValue::Value(PropertyValue::String(value))],
            ),
        )),
    });
    let mut out = RopOutputBuilder::new(&rq, 0x40000).unwrap();
    assert!(matches!(
        out.answer(&big),
        Err(RopOutputError::TooLarge { max, .. }) if max == 0x8000 - 2 - 4
    ));
}

#[test]
fn handles_of_new_objects_go_in_the_table() {
    let bytes = buf(&[RELEASE], &[0x10, 0xFFFF_FFFF]);
    let rq = input(&bytes);
    let mut out = RopOutputBuilder::new(&rq, 0x8000).unwrap();
    assert_eq!(out.handle(1), Some(0xFFFF_FFFF));
    out.set_handle(1, 0x0000_0123).unwrap();
    assert!(out.set_handle(2, 1).is_err());
    out.released().unwrap();
    assert_eq!(out.finish().unwrap(), buf(&[], &[0x10, 0x123]));
}

#[test]
fn execute_bodies_follow_the_request_flags() {
    use crate::http::emsmdb::ExecuteFlags;
    use crate::rpc::ext::ExtFlags;
    let payload = buf(&[SET_COLUMNS_OK, SET_COLUMNS_OK, SET_COLUMNS_OK], &[0x10]);
    for (flags, packed) in [
        (ExecuteFlags(0), true),
        (
            ExecuteFlags(ExecuteFlags::NO_COMPRESSION.0 | ExecuteFlags::NO_XOR_MAGIC.0),
            false,
        ),
    ] {
        let req = ExecuteRequest {
            flags,
            rop_buffer: RopBuffer(None),
            max_rop_out: 0x8000,
            auxiliary_buffer: AuxiliaryBuffer(None),
        };
        let body = execute_success(&req, &payload).unwrap();
        let chain = body.rop_buffer.0.as_ref().unwrap();
        let f = chain.buffers[0].header.flags;
        assert_eq!(f.contains(ExtFlags::XOR_MAGIC), packed);
        assert_eq!(&chain.buffers[0].payload[..], &payload[..]);
        assert_eq!(body.error_code, ErrorCode::SUCCESS);
    }
    assert_eq!(execute_failure(EC_RPC_FORMAT).error_code.0, 0x4B6);
}
