//! Round trips of the Logon ROPs ([MS-OXCROPS] 2.2.3) and the Transport ROPs (2.2.7) through
//! ROP input and output buffers: a request buffer and the response buffer answering it are
//! encoded, decoded (the response against the decoded request), and must come back equal.

use mapi_codec::wire::DecodeWith;
use std::borrow::Cow;

use mapi_codec::data::{
    Flagged, FlaggedPropertyValue, FolderId, GlobalCounter, LongTermId, MessageId, PropTag,
    PropertyRow, PropertyValue, RowValue, TaggedPropertyValue,
};
use mapi_codec::rop::field::{Bytes16, List16, TaggedValues16};
use mapi_codec::rop::property::SizedBy;
use mapi_codec::rop::store::*;
use mapi_codec::rop::transport::*;
use mapi_codec::rop::{
    HandleTable, NoFields, Outcome, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer,
};
use mapi_codec::wire::{AnsiStr, Decode, Encode, FileTime, Guid, Limits};
use proptest::prelude::*;
use proptest::strategy::{BoxedStrategy, Union};

type Case = (Vec<RopRequest<'static>>, Vec<RopResponse<'static>>);

fn ansi() -> impl Strategy<Value = AnsiStr<'static>> {
    proptest::collection::vec(1u8..=255, 0..10).prop_map(|v| AnsiStr::from_vec(v).unwrap())
}

fn ansis() -> impl Strategy<Value = Vec<AnsiStr<'static>>> {
    proptest::collection::vec(ansi(), 0..4)
}

fn guid() -> impl Strategy<Value = Guid> {
    any::<[u8; 16]>().prop_map(Guid)
}

fn fid() -> impl Strategy<Value = FolderId> {
    any::<u64>().prop_map(FolderId::from_u64)
}

fn mid() -> impl Strategy<Value = MessageId> {
    any::<u64>().prop_map(MessageId::from_u64)
}

fn ltid() -> impl Strategy<Value = LongTermId> {
    (guid(), any::<[u8; 6]>()).prop_map(|(database_guid, c)| LongTermId {
        database_guid,
        global_counter: GlobalCounter(c),
    })
}

fn bytes16() -> impl Strategy<Value = Bytes16<'static>> {
    proptest::collection::vec(any::<u8>(), 0..16).prop_map(|v| Bytes16(Cow::Owned(v)))
}

/// A handle index into the two-handle tables of these cases.
fn hix() -> impl Strategy<Value = u8> {
    0u8..2
}

/// ReturnValue and body: success (0) with `s`, or a nonzero code with no fields.
fn outcome<S: Clone + std::fmt::Debug + 'static>(
    s: impl Strategy<Value = S> + 'static,
) -> BoxedStrategy<(u32, Outcome<S, NoFields>)> {
    prop_oneof![
        s.prop_map(|s| (0u32, Outcome::Success(s))),
        (1u32..).prop_map(|rv| (rv, Outcome::Failure(NoFields))),
    ]
    .boxed()
}

/// A ROP whose request is `LogonId, InputHandleIndex` plus `fields`, and whose response is
/// `InputHandleIndex, ReturnValue` plus the body.
macro_rules! case {
    ($req:expr, $resp:expr) => {
        ($req, $resp).prop_map(|(q, r)| (vec![q], vec![r])).boxed()
    };
}

fn logon_request(flags: impl Strategy<Value = u8>) -> impl Strategy<Value = LogonRequest<'static>> {
    (any::<u8>(), flags, any::<u32>(), any::<u32>(), ansi()).prop_map(
        |(logon_id, logon_flags, open_flags, store_state, essdn)| {
            let mut e = essdn.as_bytes().to_vec();
            e.push(0);
            LogonRequest {
                logon_id,
                output_handle_index: 0,
                logon_flags,
                open_flags,
                store_state,
                essdn: Bytes16(Cow::Owned(e)),
            }
        },
    )
}

fn logon_time() -> impl Strategy<Value = LogonTime> {
    (any::<[u8; 6]>(), any::<u16>()).prop_map(|(b, year)| LogonTime {
        seconds: b[0],
        minutes: b[1],
        hour: b[2],
        day_of_week: b[3],
        day: b[4],
        month: b[5],
        year,
    })
}

fn folder_ids() -> impl Strategy<Value = LogonFolderIds> {
    any::<[u64; 13]>().prop_map(|a| LogonFolderIds(a.map(FolderId::from_u64)))
}

fn logon_success(private: bool) -> BoxedStrategy<LogonSuccess> {
    if private {
        (
            any::<u8>(),
            folder_ids(),
            any::<u8>(),
            guid(),
            any::<u16>(),
            guid(),
            logon_time(),
            any::<u64>(),
            any::<u32>(),
        )
            .prop_map(|(lf, ids, rf, mg, ri, rg, lt, gw, ss)| {
                LogonSuccess::Private(LogonPrivateSuccess {
                    logon_flags: lf,
                    folder_ids: ids,
                    response_flags: rf,
                    mailbox_guid: mg,
                    repl_id: ri,
                    repl_guid: rg,
                    logon_time: lt,
                    gwart_time: gw,
                    store_state: ss,
                })
            })
            .boxed()
    } else {
        (any::<u8>(), folder_ids(), any::<u16>(), guid(), guid())
            .prop_map(|(lf, ids, ri, rg, pu)| {
                LogonSuccess::Public(LogonPublicSuccess {
                    logon_flags: lf,
                    folder_ids: ids,
                    repl_id: ri,
                    repl_guid: rg,
                    per_user_guid: pu,
                })
            })
            .boxed()
    }
}

fn logon_body(private: bool) -> BoxedStrategy<(u32, Outcome<LogonSuccess, LogonFailure<'static>>)> {
    prop_oneof![
        logon_success(private).prop_map(|s| (0u32, Outcome::Success(s))),
        (any::<u8>(), ansi()).prop_map(|(logon_flags, server_name)| (
            EC_WRONG_SERVER,
            Outcome::Failure(LogonFailure {
                redirect: Some(LogonRedirect {
                    logon_flags,
                    server_name: SizedBy(server_name)
                })
            })
        )),
        (1u32..)
            .prop_filter("the redirect code", |rv| *rv != EC_WRONG_SERVER)
            .prop_map(|rv| (rv, Outcome::Failure(LogonFailure::default()))),
    ]
    .boxed()
}

fn logon() -> BoxedStrategy<Case> {
    logon_request(any::<u8>())
        .prop_flat_map(|q| {
            let private = q.logon_flags & 0x01 != 0;
            (Just(q), logon_body(private))
        })
        .prop_map(|(q, (return_value, body))| {
            (
                vec![RopRequest::Logon(Box::new(q))],
                vec![RopResponse::Logon(Box::new(LogonResponse {
                    handle_index: 0,
                    return_value,
                    body,
                }))],
            )
        })
        .boxed()
}

fn receive_folder_row() -> impl Strategy<Value = PropertyRow<'static>> {
    let flagged = |v: BoxedStrategy<PropertyValue<'static>>| {
        prop_oneof![
            v.prop_map(|v| RowValue::Flagged(FlaggedPropertyValue(Flagged::Value(v)))),
            Just(RowValue::Flagged(FlaggedPropertyValue(Flagged::Missing))),
            any::<u32>().prop_map(|e| RowValue::Flagged(FlaggedPropertyValue(Flagged::Error(e)))),
        ]
    };
    let fid_v = || any::<i64>().prop_map(PropertyValue::Integer64).boxed();
    let class_v = || ansi().prop_map(PropertyValue::String8).boxed();
    let time_v = || {
        any::<u64>()
            .prop_map(|t| PropertyValue::Time(FileTime(t)))
            .boxed()
    };
    prop_oneof![
        (fid_v(), class_v(), time_v()).prop_map(|(a, b, c)| PropertyRow {
            flagged: false,
            values: vec![RowValue::Value(a), RowValue::Value(b), RowValue::Value(c)],
        }),
        (flagged(fid_v()), flagged(class_v()), flagged(time_v())).prop_map(|(a, b, c)| {
            PropertyRow {
                flagged: true,
                values: vec![a, b, c],
            }
        }),
    ]
}

fn write_per_user() -> BoxedStrategy<Case> {
    (
        logon_request(any::<u8>()),
        ltid(),
        any::<bool>(),
        prop_oneof![Just(0u32), any::<u32>()],
        bytes16(),
        guid(),
        any::<u32>(),
    )
        .prop_map(|(l, folder_id, has_finished, data_offset, data, g, rv)| {
            let private = l.logon_flags & 0x01 != 0;
            let w = WritePerUserInformationRequest {
                logon_id: l.logon_id,
                input_handle_index: 1,
                folder_id,
                has_finished,
                data_offset,
                data,
                repl_guid: (data_offset == 0 && private).then_some(g),
            };
            // The RopLogon failed: the request's layout still follows its LogonFlags.
            let lr = LogonResponse {
                handle_index: 0,
                return_value: 0x8004_0111,
                body: Outcome::Failure(LogonFailure::default()),
            };
            let wr = WritePerUserInformationResponse {
                handle_index: 1,
                return_value: rv,
                body: if rv == 0 {
                    Outcome::Success(NoFields)
                } else {
                    Outcome::Failure(NoFields)
                },
            };
            (
                vec![
                    RopRequest::Logon(Box::new(l)),
                    RopRequest::WritePerUserInformation(Box::new(w)),
                ],
                vec![
                    RopResponse::Logon(Box::new(lr)),
                    RopResponse::WritePerUserInformation(wr),
                ],
            )
        })
        .boxed()
}

fn no_fields() -> BoxedStrategy<(u32, Outcome<NoFields, NoFields>)> {
    any::<u32>()
        .prop_map(|rv| {
            if rv == 0 {
                (rv, Outcome::Success(NoFields))
            } else {
                (rv, Outcome::Failure(NoFields))
            }
        })
        .boxed()
}

fn store_cases() -> Vec<BoxedStrategy<Case>> {
    vec![
        logon(),
        write_per_user(),
        case!(
            (any::<u8>(), hix(), ansi()).prop_map(|(l, i, c)| RopRequest::GetReceiveFolder(
                GetReceiveFolderRequest {
                    logon_id: l,
                    input_handle_index: i,
                    message_class: c
                }
            )),
            (
                hix(),
                outcome((fid(), ansi()).prop_map(|(f, c)| GetReceiveFolderSuccess {
                    folder_id: f,
                    explicit_message_class: c
                }))
            )
                .prop_map(|(h, (rv, body))| RopResponse::GetReceiveFolder(
                    GetReceiveFolderResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                ))
        ),
        case!(
            (any::<u8>(), hix(), fid(), ansi()).prop_map(|(l, i, f, c)| {
                RopRequest::SetReceiveFolder(Box::new(SetReceiveFolderRequest {
                    logon_id: l,
                    input_handle_index: i,
                    folder_id: f,
                    message_class: c,
                }))
            }),
            (hix(), no_fields()).prop_map(|(h, (rv, body))| RopResponse::SetReceiveFolder(
                SetReceiveFolderResponse {
                    handle_index: h,
                    return_value: rv,
                    body
                }
            ))
        ),
        case!(
            (any::<u8>(), hix()).prop_map(|(l, i)| RopRequest::GetReceiveFolderTable(
                GetReceiveFolderTableRequest {
                    logon_id: l,
                    input_handle_index: i
                }
            )),
            (
                hix(),
                outcome(
                    proptest::collection::vec(receive_folder_row(), 0..3)
                        .prop_map(|rows| GetReceiveFolderTableSuccess { rows })
                )
            )
                .prop_map(|(h, (rv, body))| RopResponse::GetReceiveFolderTable(
                    GetReceiveFolderTableResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                ))
        ),
        case!(
            (any::<u8>(), hix()).prop_map(|(l, i)| RopRequest::GetStoreState(
                GetStoreStateRequest {
                    logon_id: l,
                    input_handle_index: i
                }
            )),
            (
                hix(),
                outcome(any::<u32>().prop_map(|s| GetStoreStateSuccess { store_state: s }))
            )
                .prop_map(|(h, (rv, body))| RopResponse::GetStoreState(
                    GetStoreStateResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                ))
        ),
        case!(
            (any::<u8>(), hix(), fid()).prop_map(|(l, i, f)| RopRequest::GetOwningServers(
                GetOwningServersRequest {
                    logon_id: l,
                    input_handle_index: i,
                    folder_id: f
                }
            )),
            (
                hix(),
                outcome(
                    (any::<u16>(), ansis()).prop_map(|(c, s)| GetOwningServersSuccess {
                        owning_servers: ServerList {
                            cheap_servers_count: c,
                            servers: s
                        }
                    })
                )
            )
                .prop_map(|(h, (rv, body))| RopResponse::GetOwningServers(
                    GetOwningServersResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                ))
        ),
        case!(
            (any::<u8>(), hix(), fid()).prop_map(|(l, i, f)| RopRequest::PublicFolderIsGhosted(
                PublicFolderIsGhostedRequest {
                    logon_id: l,
                    input_handle_index: i,
                    folder_id: f
                }
            )),
            (
                hix(),
                outcome(prop_oneof![
                    Just(PublicFolderIsGhostedSuccess {
                        is_ghosted: 0,
                        ghosted: None
                    }),
                    (1u8.., any::<u16>(), ansis()).prop_map(|(g, c, s)| {
                        PublicFolderIsGhostedSuccess {
                            is_ghosted: g,
                            ghosted: Some(GhostedServers {
                                cheap_servers_count: c,
                                servers: s,
                            }),
                        }
                    })
                ])
            )
                .prop_map(|(h, (rv, body))| RopResponse::PublicFolderIsGhosted(
                    PublicFolderIsGhostedResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                ))
        ),
        case!(
            (any::<u8>(), hix(), any::<u64>()).prop_map(|(l, i, o)| {
                RopRequest::LongTermIdFromId(LongTermIdFromIdRequest {
                    logon_id: l,
                    input_handle_index: i,
                    object_id: o,
                })
            }),
            (
                hix(),
                outcome(ltid().prop_map(|t| LongTermIdFromIdSuccess { long_term_id: t }))
            )
                .prop_map(|(h, (rv, body))| RopResponse::LongTermIdFromId(
                    LongTermIdFromIdResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                ))
        ),
        case!(
            (any::<u8>(), hix(), ltid()).prop_map(|(l, i, t)| RopRequest::IdFromLongTermId(
                IdFromLongTermIdRequest {
                    logon_id: l,
                    input_handle_index: i,
                    long_term_id: t
                }
            )),
            (
                hix(),
                outcome(any::<u64>().prop_map(|o| IdFromLongTermIdSuccess { object_id: o }))
            )
                .prop_map(|(h, (rv, body))| RopResponse::IdFromLongTermId(
                    IdFromLongTermIdResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                ))
        ),
        case!(
            (any::<u8>(), hix(), guid()).prop_map(|(l, i, g)| {
                RopRequest::GetPerUserLongTermIds(GetPerUserLongTermIdsRequest {
                    logon_id: l,
                    input_handle_index: i,
                    database_guid: g,
                })
            }),
            (
                hix(),
                outcome(proptest::collection::vec(ltid(), 0..3).prop_map(|v| {
                    GetPerUserLongTermIdsSuccess {
                        long_term_ids: List16(v),
                    }
                }))
            )
                .prop_map(|(h, (rv, body))| RopResponse::GetPerUserLongTermIds(
                    GetPerUserLongTermIdsResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                ))
        ),
        case!(
            (any::<u8>(), hix(), ltid()).prop_map(|(l, i, t)| RopRequest::GetPerUserGuid(
                GetPerUserGuidRequest {
                    logon_id: l,
                    input_handle_index: i,
                    long_term_id: t
                }
            )),
            (
                hix(),
                outcome(guid().prop_map(|g| GetPerUserGuidSuccess { database_guid: g }))
            )
                .prop_map(|(h, (rv, body))| RopResponse::GetPerUserGuid(
                    GetPerUserGuidResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                ))
        ),
        case!(
            (
                any::<u8>(),
                hix(),
                ltid(),
                any::<u8>(),
                any::<u32>(),
                any::<u16>()
            )
                .prop_map(|(l, i, f, r, o, m)| RopRequest::ReadPerUserInformation(
                    ReadPerUserInformationRequest {
                        logon_id: l,
                        input_handle_index: i,
                        folder_id: f,
                        reserved: r,
                        data_offset: o,
                        max_data_size: m,
                    }
                )),
            (
                hix(),
                outcome((any::<bool>(), bytes16()).prop_map(|(f, d)| {
                    ReadPerUserInformationSuccess {
                        has_finished: f,
                        data: d,
                    }
                }))
            )
                .prop_map(|(h, (rv, body))| RopResponse::ReadPerUserInformation(
                    ReadPerUserInformationResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                ))
        ),
    ]
}

fn tagged() -> impl Strategy<Value = TaggedValues16<'static>> {
    proptest::collection::vec(
        prop_oneof![
            any::<i32>().prop_map(|v| TaggedPropertyValue {
                tag: PropTag(0x0E08_0003),
                value: PropertyValue::Integer32(v),
            }),
            ansi().prop_map(|v| TaggedPropertyValue {
                tag: PropTag(0x001A_001E),
                value: PropertyValue::String8(v),
            }),
        ],
        0..3,
    )
    .prop_map(TaggedValues16)
}

fn transport_cases() -> Vec<BoxedStrategy<Case>> {
    vec![
        case!(
            (any::<u8>(), hix(), any::<u8>()).prop_map(|(l, i, f)| RopRequest::SubmitMessage(
                SubmitMessageRequest {
                    logon_id: l,
                    input_handle_index: i,
                    submit_flags: f
                }
            )),
            (hix(), no_fields()).prop_map(|(h, (rv, body))| RopResponse::SubmitMessage(
                SubmitMessageResponse {
                    handle_index: h,
                    return_value: rv,
                    body
                }
            ))
        ),
        case!(
            (any::<u8>(), hix(), fid(), mid()).prop_map(|(l, i, f, m)| {
                RopRequest::AbortSubmit(AbortSubmitRequest {
                    logon_id: l,
                    input_handle_index: i,
                    folder_id: f,
                    message_id: m,
                })
            }),
            (hix(), no_fields()).prop_map(|(h, (rv, body))| RopResponse::AbortSubmit(
                AbortSubmitResponse {
                    handle_index: h,
                    return_value: rv,
                    body
                }
            ))
        ),
        case!(
            (any::<u8>(), hix()).prop_map(|(l, i)| RopRequest::GetAddressTypes(
                GetAddressTypesRequest {
                    logon_id: l,
                    input_handle_index: i
                }
            )),
            (
                hix(),
                outcome(ansis().prop_map(|a| GetAddressTypesSuccess { address_types: a }))
            )
                .prop_map(|(h, (rv, body))| RopResponse::GetAddressTypes(
                    GetAddressTypesResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                ))
        ),
        case!(
            (any::<u8>(), hix()).prop_map(|(l, i)| RopRequest::SetSpooler(SetSpoolerRequest {
                logon_id: l,
                input_handle_index: i
            })),
            (hix(), no_fields()).prop_map(|(h, (rv, body))| RopResponse::SetSpooler(
                SetSpoolerResponse {
                    handle_index: h,
                    return_value: rv,
                    body
                }
            ))
        ),
        case!(
            (any::<u8>(), hix(), mid(), any::<u8>()).prop_map(|(l, i, m, s)| {
                RopRequest::SpoolerLockMessage(SpoolerLockMessageRequest {
                    logon_id: l,
                    input_handle_index: i,
                    message_id: m,
                    lock_state: s,
                })
            }),
            (hix(), no_fields()).prop_map(|(h, (rv, body))| RopResponse::SpoolerLockMessage(
                SpoolerLockMessageResponse {
                    handle_index: h,
                    return_value: rv,
                    body
                }
            ))
        ),
        case!(
            (any::<u8>(), hix()).prop_map(|(l, i)| RopRequest::TransportSend(
                TransportSendRequest {
                    logon_id: l,
                    input_handle_index: i
                }
            )),
            (
                hix(),
                outcome(
                    proptest::option::of(tagged())
                        .prop_map(|p| TransportSendSuccess { property_values: p })
                )
            )
                .prop_map(|(h, (rv, body))| RopResponse::TransportSend(
                    TransportSendResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                ))
        ),
        case!(
            (any::<u8>(), hix(), mid(), fid(), ansi(), any::<u32>()).prop_map(
                |(l, i, m, f, c, fl)| RopRequest::TransportNewMail(Box::new(
                    TransportNewMailRequest {
                        logon_id: l,
                        input_handle_index: i,
                        message_id: m,
                        folder_id: f,
                        message_class: c,
                        message_flags: fl,
                    }
                ))
            ),
            (hix(), no_fields()).prop_map(|(h, (rv, body))| RopResponse::TransportNewMail(
                TransportNewMailResponse {
                    handle_index: h,
                    return_value: rv,
                    body
                }
            ))
        ),
        case!(
            (any::<u8>(), hix()).prop_map(|(l, i)| RopRequest::GetTransportFolder(
                GetTransportFolderRequest {
                    logon_id: l,
                    input_handle_index: i
                }
            )),
            (
                hix(),
                outcome(fid().prop_map(|f| GetTransportFolderSuccess { folder_id: f }))
            )
                .prop_map(|(h, (rv, body))| RopResponse::GetTransportFolder(
                    GetTransportFolderResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                ))
        ),
        case!(
            (any::<u8>(), hix(), ansi(), any::<u8>()).prop_map(|(l, i, a, w)| {
                RopRequest::OptionsData(OptionsDataRequest {
                    logon_id: l,
                    input_handle_index: i,
                    address_type: a,
                    want_win32: w,
                })
            }),
            (
                hix(),
                outcome(
                    (
                        any::<u8>(),
                        bytes16(),
                        proptest::option::of((
                            proptest::collection::vec(any::<u8>(), 1..8),
                            ansi()
                        ))
                    )
                        .prop_map(|(reserved, options_info, help)| {
                            let (help_file, help_file_name) = match help {
                                Some((f, n)) => (Bytes16(Cow::Owned(f)), Some(n)),
                                None => (Bytes16::default(), None),
                            };
                            OptionsDataSuccess {
                                reserved,
                                options_info,
                                help_file,
                                help_file_name,
                            }
                        })
                )
            )
                .prop_map(|(h, (rv, body))| RopResponse::OptionsData(Box::new(
                    OptionsDataResponse {
                        handle_index: h,
                        return_value: rv,
                        body
                    }
                )))
        ),
    ]
}

fn round_trip((reqs, resps): Case) -> Result<(), TestCaseError> {
    let handles = HandleTable::from_handles(&[0x0000_0044, 0x0000_0062]);
    let req = RopRequestBuffer {
        rops: reqs,
        raw: None,
        handles: handles.clone(),
    };
    let resp = RopResponseBuffer {
        rops: resps,
        request_indexes: Vec::new(),
        raw: None,
        handles,
    };
    let req_bytes = req.to_bytes().unwrap();
    let resp_bytes = resp.to_bytes().unwrap();
    let q = RopRequestBuffer::decode_exact(&req_bytes, Limits::DEFAULT).unwrap();
    prop_assert!(q.raw.is_none(), "{:?}", q.raw);
    prop_assert_eq!(&q.rops, &req.rops);
    let r = RopResponseBuffer::decode_with_exact(&resp_bytes, &q, Limits::DEFAULT).unwrap();
    prop_assert!(r.raw.is_none(), "{:?}", r.raw);
    prop_assert_eq!(&r.rops, &resp.rops);
    prop_assert_eq!(r.to_bytes().unwrap(), resp_bytes);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn logon_family_round_trips(case in Union::new(store_cases())) {
        round_trip(case)?;
    }

    #[test]
    fn transport_family_round_trips(case in Union::new(transport_cases())) {
        round_trip(case)?;
    }
}
