//! Round trips of the Fast Transfer ROPs ([MS-OXCROPS] 2.2.12) through ROP buffers: a request
//! buffer holding one request and the response buffer answering it, `decode(encode(x)) == x`
//! for both; and whatever decodes from arbitrary bytes re-encodes to exactly those bytes.

use mapi_codec::rop::RequestCtx;
use mapi_codec::wire::DecodeWith;
use std::borrow::Cow;

use mapi_codec::data::{MessageId, PropTag};
use mapi_codec::rop::fast_transfer::*;
use mapi_codec::rop::field::{Bytes16, List16, NoFields, Outcome};
use mapi_codec::rop::{HandleTable, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::wire::{Decode, Encode, Limits};
use proptest::collection::vec;
use proptest::prelude::*;

/// Handle indexes name one of the four handles of every buffer built here.
const HANDLES: usize = 4;

fn idx() -> impl Strategy<Value = u8> {
    0u8..HANDLES as u8
}

fn handles() -> HandleTable<'static> {
    HandleTable::from_handles(&[0x6E, 0x7A, 0x7B, 0x7C])
}

fn data() -> impl Strategy<Value = Bytes16<'static>> {
    vec(any::<u8>(), 0..64).prop_map(|v| Bytes16(Cow::Owned(v)))
}

fn tags() -> impl Strategy<Value = List16<PropTag>> {
    vec(any::<u32>().prop_map(PropTag), 0..6).prop_map(List16)
}

fn failure_code() -> impl Strategy<Value = u32> {
    (1u32..).prop_filter("not ecServerBusy", |c| *c != SERVER_BUSY)
}

/// A response with no fields but ReturnValue.
fn plain<T: std::fmt::Debug>(
    make: fn(u8, u32, Outcome<NoFields, NoFields>) -> T,
) -> impl Strategy<Value = (u8, T)> {
    (idx(), prop_oneof![Just(0u32), failure_code()]).prop_map(move |(h, rv)| {
        let body = if rv == 0 {
            Outcome::Success(NoFields)
        } else {
            Outcome::Failure(NoFields)
        };
        (h, make(h, rv, body))
    })
}

fn put_status() -> impl Strategy<Value = PutBufferStatus> {
    (any::<u16>(), any::<u16>(), any::<u16>(), any::<u16>()).prop_map(|(s, i, t, u)| {
        PutBufferStatus {
            transfer_status: s,
            in_progress_count: i,
            total_step_count: t,
            reserved: 0,
            buffer_used_size: u,
        }
    })
}

fn put_ext_status() -> impl Strategy<Value = PutBufferExtendedStatus> {
    (any::<u16>(), any::<u32>(), any::<u32>(), any::<u16>()).prop_map(|(s, i, t, u)| {
        PutBufferExtendedStatus {
            transfer_status: s,
            in_progress_count: i,
            total_step_count: t,
            reserved: 0,
            buffer_used_size: u,
        }
    })
}

fn get_buffer_body(
) -> impl Strategy<Value = (u32, Outcome<GetBufferSuccess<'static>, GetBufferFailure>)> {
    prop_oneof![
        (0u16..4, any::<u16>(), any::<u16>(), data()).prop_map(|(s, i, t, b)| (
            0,
            Outcome::Success(GetBufferSuccess {
                transfer_status: TransferStatus(s),
                in_progress_count: i,
                total_step_count: t,
                reserved: 0,
                transfer_buffer: b,
            })
        )),
        any::<u32>().prop_map(|t| (
            SERVER_BUSY,
            Outcome::Failure(GetBufferFailure {
                backoff_time: Some(t)
            })
        )),
        failure_code().prop_map(|rv| (rv, Outcome::Failure(GetBufferFailure::default()))),
    ]
}

fn pairs() -> impl Strategy<Value = (RopRequest<'static>, RopResponse<'static>)> {
    prop_oneof![
        (
            idx(),
            any::<u8>(),
            any::<u8>(),
            plain(|h, rv, body| {
                FastTransferDestinationConfigureResponse {
                    handle_index: h,
                    return_value: rv,
                    body,
                }
            })
        )
            .prop_map(|(i, op, cf, (o, resp))| (
                RopRequest::FastTransferDestinationConfigure(
                    FastTransferDestinationConfigureRequest {
                        logon_id: 0,
                        input_handle_index: i,
                        output_handle_index: o,
                        source_operation: op,
                        copy_flags: cf,
                    }
                ),
                RopResponse::FastTransferDestinationConfigure(resp),
            )),
        (idx(), data(), any::<u32>(), put_status()).prop_map(|(i, d, rv, st)| (
            RopRequest::FastTransferDestinationPutBuffer(FastTransferDestinationPutBufferRequest {
                logon_id: 0,
                input_handle_index: i,
                transfer_data: d,
            }),
            RopResponse::FastTransferDestinationPutBuffer(
                FastTransferDestinationPutBufferResponse {
                    handle_index: i,
                    return_value: rv,
                    body: if rv == 0 {
                        Outcome::Success(st)
                    } else {
                        Outcome::Failure(st)
                    },
                }
            ),
        )),
        (idx(), data(), any::<u32>(), put_ext_status()).prop_map(|(i, d, rv, st)| (
            RopRequest::FastTransferDestinationPutBufferExtended(
                FastTransferDestinationPutBufferRequest {
                    logon_id: 0,
                    input_handle_index: i,
                    transfer_data: d,
                }
            ),
            RopResponse::FastTransferDestinationPutBufferExtended(
                FastTransferDestinationPutBufferExtendedResponse {
                    handle_index: i,
                    return_value: rv,
                    body: if rv == 0 {
                        Outcome::Success(st)
                    } else {
                        Outcome::Failure(st)
                    },
                }
            ),
        )),
        (
            idx(),
            prop_oneof![
                any::<u16>()
                    .prop_filter("not the sentinel", |b| *b != 0xBABE)
                    .prop_map(|b| (b, None)),
                any::<u16>().prop_map(|m| (0xBABE, Some(m)))
            ],
            get_buffer_body()
        )
            .prop_map(|(i, (bs, max), (rv, body))| (
                RopRequest::FastTransferSourceGetBuffer(FastTransferSourceGetBufferRequest {
                    logon_id: 0,
                    input_handle_index: i,
                    buffer_size: bs,
                    maximum_buffer_size: max,
                }),
                RopResponse::FastTransferSourceGetBuffer(FastTransferSourceGetBufferResponse {
                    handle_index: i,
                    return_value: rv,
                    body,
                }),
            )),
        (
            idx(),
            any::<u8>(),
            any::<u8>(),
            plain(|h, rv, body| {
                FastTransferSourceCopyFolderResponse {
                    handle_index: h,
                    return_value: rv,
                    body,
                }
            })
        )
            .prop_map(|(i, cf, so, (o, resp))| (
                RopRequest::FastTransferSourceCopyFolder(FastTransferSourceCopyFolderRequest {
                    logon_id: 0,
                    input_handle_index: i,
                    output_handle_index: o,
                    copy_flags: cf,
                    send_options: so,
                }),
                RopResponse::FastTransferSourceCopyFolder(resp),
            )),
        (
            idx(),
            vec(any::<u64>().prop_map(MessageId::from_u64), 0..5),
            any::<u8>(),
            any::<u8>(),
            plain(|h, rv, body| {
                FastTransferSourceCopyMessagesResponse {
                    handle_index: h,
                    return_value: rv,
                    body,
                }
            })
        )
            .prop_map(|(i, ids, cf, so, (o, resp))| (
                RopRequest::FastTransferSourceCopyMessages(FastTransferSourceCopyMessagesRequest {
                    logon_id: 0,
                    input_handle_index: i,
                    output_handle_index: o,
                    message_ids: List16(ids),
                    copy_flags: cf,
                    send_options: so,
                }),
                RopResponse::FastTransferSourceCopyMessages(resp),
            )),
        (
            idx(),
            any::<u8>(),
            any::<u32>(),
            any::<u8>(),
            tags(),
            plain(|h, rv, body| {
                FastTransferSourceCopyToResponse {
                    handle_index: h,
                    return_value: rv,
                    body,
                }
            })
        )
            .prop_map(|(i, l, cf, so, t, (o, resp))| (
                RopRequest::FastTransferSourceCopyTo(Box::new(FastTransferSourceCopyToRequest {
                    logon_id: 0,
                    input_handle_index: i,
                    output_handle_index: o,
                    level: l,
                    copy_flags: cf,
                    send_options: so,
                    property_tags: t,
                })),
                RopResponse::FastTransferSourceCopyTo(resp),
            )),
        (
            idx(),
            any::<u8>(),
            any::<u8>(),
            any::<u8>(),
            tags(),
            plain(|h, rv, body| {
                FastTransferSourceCopyPropertiesResponse {
                    handle_index: h,
                    return_value: rv,
                    body,
                }
            })
        )
            .prop_map(|(i, l, cf, so, t, (o, resp))| (
                RopRequest::FastTransferSourceCopyProperties(
                    FastTransferSourceCopyPropertiesRequest {
                        logon_id: 0,
                        input_handle_index: i,
                        output_handle_index: o,
                        level: l,
                        copy_flags: cf,
                        send_options: so,
                        property_tags: t,
                    }
                ),
                RopResponse::FastTransferSourceCopyProperties(resp),
            )),
        (
            any::<[u16; 3]>(),
            plain(|h, rv, body| {
                TellVersionResponse {
                    handle_index: h,
                    return_value: rv,
                    body,
                }
            })
        )
            .prop_map(|(v, (i, resp))| (
                RopRequest::TellVersion(TellVersionRequest {
                    logon_id: 0,
                    input_handle_index: i,
                    version: ServerVersion(v),
                }),
                RopResponse::TellVersion(resp),
            )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn request_and_response_round_trip((req, resp) in pairs()) {
        let rq = RopRequestBuffer { rops: vec![req], raw: None, handles: handles() };
        let rq_bytes = rq.to_bytes().unwrap();
        prop_assert_eq!(rq_bytes.len(), rq.encoded_len());
        let rq_back = RopRequestBuffer::decode_exact(&rq_bytes, Limits::DEFAULT).unwrap();
        prop_assert_eq!(&rq_back, &rq);

        let rs = RopResponseBuffer {
            rops: vec![resp],
            request_indexes: vec![Some(0)],
            raw: None,
            handles: handles(),
        };
        let rs_bytes = rs.to_bytes().unwrap();
        prop_assert_eq!(rs_bytes.len(), rs.encoded_len());
        let rs_back =
            RopResponseBuffer::decode_with_exact(&rs_bytes, &rq_back, Limits::DEFAULT).unwrap();
        prop_assert!(rs_back.raw.is_none());
        prop_assert_eq!(&rs_back.rops, &rs.rops);
        prop_assert_eq!(rs_back.to_bytes().unwrap(), rs_bytes);
    }

    /// Arbitrary bytes after a Fast Transfer RopId: whatever decodes re-encodes to the bytes
    /// it used.
    #[test]
    fn arbitrary_request_bytes(
        id in prop::sample::select(vec![0x53u8, 0x54, 0x9D, 0x4E, 0x4C, 0x4B, 0x4D, 0x69, 0x86]),
        body in vec(any::<u8>(), 0..48),
    ) {
        let mut bytes = vec![id];
        bytes.extend_from_slice(&body);
        if let Ok((rest, r)) = RopRequest::decode_with(&bytes, RequestCtx::default()) {
            let used = &bytes[..bytes.len() - rest.len()];
            prop_assert_eq!(r.to_bytes().unwrap(), used);
        }
    }

    /// Arbitrary response bytes against a decoded request of the same RopId.
    #[test]
    fn arbitrary_response_bytes((req, _) in pairs(), body in vec(any::<u8>(), 0..48)) {
        let rq = RopRequestBuffer { rops: vec![req], raw: None, handles: handles() };
        let rq_bytes = rq.to_bytes().unwrap();
        let rq = RopRequestBuffer::decode_exact(&rq_bytes, Limits::DEFAULT).unwrap();
        let mut list = vec![rq.rops[0].rop_id().0];
        list.extend_from_slice(&body);
        let mut bytes = u16::try_from(list.len() + 2).unwrap().to_le_bytes().to_vec();
        bytes.extend_from_slice(&list);
        bytes.extend_from_slice(&handles().0);
        if let Ok(rs) = RopResponseBuffer::decode_with_exact(&bytes, &rq, Limits::DEFAULT) {
            prop_assert_eq!(rs.to_bytes().unwrap(), bytes);
        }
    }
}
