//! Round trips of the Logon ROPs ([MS-OXCROPS] 2.2.3) and the Transport ROPs (2.2.7) through
//! ROP input and output buffers: a request buffer and the response buffer answering it are
//! encoded, decoded (the response against the decoded request), and must come back equal.

#[macro_use]
mod common;

use std::borrow::Cow;

use common::{ansi, bytes16, check_rop_buffers, fid, guid, ltid, mid, succeeds_with};
use mapi_codec::data::{
    Flagged, FlaggedPropertyValue, FolderId, PropTag, PropertyRow, PropertyValue, RowValue,
    TaggedPropertyValue,
};
use mapi_codec::rop::field::{Bytes16, List16, TaggedValues16};
use mapi_codec::rop::property::SizedBy;
use mapi_codec::rop::store::*;
use mapi_codec::rop::transport::*;
use mapi_codec::rop::{NoFields, Outcome, RopRequest, RopResponse};
use mapi_codec::wire::{AnsiStr, AnsiZ16, FileTime};
use proptest::prelude::*;
use proptest::strategy::{BoxedStrategy, Union};

/// The requests of one buffer and the responses answering them.
type Case = (Vec<RopRequest<'static>>, Vec<RopResponse<'static>>);

/// The two handles of every buffer built here.
const HANDLES: [u32; 2] = [0x0000_0044, 0x0000_0062];

/// The 8-bit strings of these cases: fewer than 10 bytes.
fn ansi10() -> impl Strategy<Value = AnsiStr<'static>> {
    ansi(10)
}

fn ansis() -> impl Strategy<Value = Vec<AnsiStr<'static>>> {
    proptest::collection::vec(ansi10(), 0..4)
}

/// A handle index into the two-handle tables of these cases.
fn hix() -> impl Strategy<Value = u8> {
    0u8..2
}

/// A case of the ROP `$v` alone: a `$q` with any LogonId and InputHandleIndex, its other fields
/// drawn from the strategies written for them, and a `$r` on any handle index, its success body
/// drawn from `$s`.
macro_rules! case {
    ($v:ident: $q:ident { $($fields:tt)* } => $r:ident($s:expr)) => {{
        let request = fields!($q { logon_id: any::<u8>(), input_handle_index: hix(), $($fields)* });
        let response = response!($r, hix(), succeeds_with($s));
        rop!($v, request, response).prop_map(|(q, r)| (vec![q], vec![r])).boxed()
    }};
}

fn logon_request(flags: impl Strategy<Value = u8>) -> impl Strategy<Value = LogonRequest<'static>> {
    (any::<u8>(), flags, any::<u32>(), any::<u32>(), ansi10()).prop_map(
        |(logon_id, logon_flags, open_flags, store_state, essdn)| LogonRequest {
            logon_id,
            output_handle_index: 0,
            logon_flags,
            open_flags,
            store_state,
            essdn: AnsiZ16::new(essdn.as_bytes()).unwrap(),
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
        fields!(LogonPrivateSuccess {
            logon_flags: any::<u8>(),
            folder_ids: folder_ids(),
            response_flags: any::<u8>(),
            mailbox_guid: guid(),
            repl_id: any::<u16>(),
            repl_guid: guid(),
            logon_time: logon_time(),
            gwart_time: any::<u64>(),
            store_state: any::<u32>(),
        })
        .prop_map(LogonSuccess::Private)
        .boxed()
    } else {
        fields!(LogonPublicSuccess {
            logon_flags: any::<u8>(),
            folder_ids: folder_ids(),
            repl_id: any::<u16>(),
            repl_guid: guid(),
            per_user_guid: guid(),
        })
        .prop_map(LogonSuccess::Public)
        .boxed()
    }
}

fn logon_body(private: bool) -> BoxedStrategy<(u32, Outcome<LogonSuccess, LogonFailure<'static>>)> {
    let redirect = (any::<u8>(), ansi10()).prop_map(|(logon_flags, server_name)| LogonFailure {
        redirect: Some(LogonRedirect {
            logon_flags,
            server_name: SizedBy(server_name),
        }),
    });
    prop_oneof![
        logon_success(private).prop_map(|s| (0u32, Outcome::Success(s))),
        redirect.prop_map(|f| (EC_WRONG_SERVER, Outcome::Failure(f))),
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
            let r = LogonResponse {
                handle_index: 0,
                return_value,
                body,
            };
            (
                vec![RopRequest::Logon(q.into())],
                vec![RopResponse::Logon(r.into())],
            )
        })
        .boxed()
}

/// A row of the receive folder table: FolderId, MessageClass and LastModificationTime, plain
/// or flagged.
fn receive_folder_row() -> impl Strategy<Value = PropertyRow<'static>> {
    let flagged = |v: BoxedStrategy<PropertyValue<'static>>| {
        prop_oneof![
            v.prop_map(Flagged::Value),
            Just(Flagged::Missing),
            any::<u32>().prop_map(Flagged::Error),
        ]
        .prop_map(|f| RowValue::Flagged(FlaggedPropertyValue(f)))
    };
    let fid_v = || any::<i64>().prop_map(PropertyValue::Integer64).boxed();
    let class_v = || ansi10().prop_map(PropertyValue::String8).boxed();
    let time_v = || {
        any::<u64>()
            .prop_map(|t| PropertyValue::Time(FileTime(t)))
            .boxed()
    };
    let plain = (fid_v(), class_v(), time_v()).prop_map(|(a, b, c)| {
        let values = [a, b, c].map(RowValue::Value);
        (false, values.to_vec())
    });
    let flags = (flagged(fid_v()), flagged(class_v()), flagged(time_v()));
    prop_oneof![plain, flags.prop_map(|(a, b, c)| (true, vec![a, b, c]))]
        .prop_map(|(flagged, values)| PropertyRow::new(flagged, values))
}

fn write_per_user() -> BoxedStrategy<Case> {
    (
        logon_request(any::<u8>()),
        ltid(),
        any::<bool>(),
        prop_oneof![Just(0u32), any::<u32>()],
        bytes16(16),
        guid(),
        any::<u32>(),
    )
        .prop_map(|(l, folder_id, has_finished, data_offset, data, g, rv)| {
            let private = l.logon_flags & 0x01 != 0;
            let w = WritePerUserInformationRequest {
                logon_id: l.logon_id,
                input_handle_index: 1,
                folder_id,
                has_finished: has_finished.into(),
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
                body: common::body_for(rv, NoFields, NoFields),
            };
            (
                vec![
                    RopRequest::Logon(l.into()),
                    RopRequest::WritePerUserInformation(w.into()),
                ],
                vec![
                    RopResponse::Logon(lr.into()),
                    RopResponse::WritePerUserInformation(wr),
                ],
            )
        })
        .boxed()
}

fn ghosted() -> impl Strategy<Value = PublicFolderIsGhostedSuccess<'static>> {
    let servers = fields!(GhostedServers {
        cheap_servers_count: any::<u16>(),
        servers: ansis(),
    });
    let ghosted = (1u8.., servers).prop_map(|(is_ghosted, s)| PublicFolderIsGhostedSuccess {
        is_ghosted,
        ghosted: Some(s),
    });
    let not_ghosted = PublicFolderIsGhostedSuccess {
        is_ghosted: 0,
        ghosted: None,
    };
    prop_oneof![Just(not_ghosted), ghosted]
}

fn store_cases() -> Vec<BoxedStrategy<Case>> {
    let owning_servers = fields!(ServerList {
        cheap_servers_count: any::<u16>(),
        servers: ansis(),
    });
    let rows = proptest::collection::vec(receive_folder_row(), 0..3);
    let long_term_ids = proptest::collection::vec(ltid(), 0..3).prop_map(List16);
    vec![
        logon(),
        write_per_user(),
        case!(GetReceiveFolder: GetReceiveFolderRequest { message_class: ansi10() }
        => GetReceiveFolderResponse(fields!(GetReceiveFolderSuccess {
            folder_id: fid(),
            explicit_message_class: ansi10(),
        }))),
        case!(SetReceiveFolder: SetReceiveFolderRequest { folder_id: fid(), message_class: ansi10() }
            => SetReceiveFolderResponse(Just(NoFields))),
        case!(GetReceiveFolderTable: GetReceiveFolderTableRequest {}
            => GetReceiveFolderTableResponse(fields!(GetReceiveFolderTableSuccess { rows }))),
        case!(GetStoreState: GetStoreStateRequest {}
            => GetStoreStateResponse(fields!(GetStoreStateSuccess { store_state: any::<u32>() }))),
        case!(GetOwningServers: GetOwningServersRequest { folder_id: fid() }
            => GetOwningServersResponse(fields!(GetOwningServersSuccess { owning_servers }))),
        case!(PublicFolderIsGhosted: PublicFolderIsGhostedRequest { folder_id: fid() }
            => PublicFolderIsGhostedResponse(ghosted())),
        case!(LongTermIdFromId: LongTermIdFromIdRequest { object_id: any::<u64>() }
            => LongTermIdFromIdResponse(fields!(LongTermIdFromIdSuccess { long_term_id: ltid() }))),
        case!(IdFromLongTermId: IdFromLongTermIdRequest { long_term_id: ltid() }
            => IdFromLongTermIdResponse(fields!(IdFromLongTermIdSuccess { object_id: any::<u64>() }))),
        case!(GetPerUserLongTermIds: GetPerUserLongTermIdsRequest { database_guid: guid() }
            => GetPerUserLongTermIdsResponse(fields!(GetPerUserLongTermIdsSuccess { long_term_ids }))),
        case!(GetPerUserGuid: GetPerUserGuidRequest { long_term_id: ltid() }
            => GetPerUserGuidResponse(fields!(GetPerUserGuidSuccess { database_guid: guid() }))),
        case!(ReadPerUserInformation: ReadPerUserInformationRequest {
            folder_id: ltid(),
            reserved: any::<u8>(),
            data_offset: any::<u32>(),
            max_data_size: any::<u16>()
        }
        => ReadPerUserInformationResponse(fields!(ReadPerUserInformationSuccess {
            has_finished: any::<u8>().prop_map(mapi_codec::wire::Bool8),
            data: bytes16(16),
        }))),
    ]
}

fn tagged() -> impl Strategy<Value = TaggedValues16<'static>> {
    let value = prop_oneof![
        any::<i32>().prop_map(|v| (PropTag(0x0E08_0003), PropertyValue::Integer32(v))),
        ansi10().prop_map(|v| (PropTag(0x001A_001E), PropertyValue::String8(v))),
    ];
    proptest::collection::vec(
        value.prop_map(|(tag, value)| TaggedPropertyValue { tag, value }),
        0..3,
    )
    .prop_map(TaggedValues16)
}

fn options_data() -> impl Strategy<Value = OptionsDataSuccess<'static>> {
    let help = proptest::option::of((proptest::collection::vec(any::<u8>(), 1..8), ansi10()));
    (any::<u8>(), bytes16(16), help).prop_map(|(reserved, options_info, help)| {
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
}

fn transport_cases() -> Vec<BoxedStrategy<Case>> {
    let property_values = proptest::option::of(tagged());
    vec![
        case!(SubmitMessage: SubmitMessageRequest { submit_flags: any::<u8>() }
            => SubmitMessageResponse(Just(NoFields))),
        case!(AbortSubmit: AbortSubmitRequest { folder_id: fid(), message_id: mid() }
            => AbortSubmitResponse(Just(NoFields))),
        case!(GetAddressTypes: GetAddressTypesRequest {}
            => GetAddressTypesResponse(fields!(GetAddressTypesSuccess { address_types: ansis() }))),
        case!(SetSpooler: SetSpoolerRequest {} => SetSpoolerResponse(Just(NoFields))),
        case!(SpoolerLockMessage: SpoolerLockMessageRequest {
                message_id: mid(),
                lock_state: any::<u8>()
            }
            => SpoolerLockMessageResponse(Just(NoFields))),
        case!(TransportSend: TransportSendRequest {}
        => TransportSendResponse((property_values, 1u8..=255).prop_map(|(v, b)| {
            TransportSendSuccess {
                // Any nonzero byte says no values follow.
                no_properties_returned: mapi_codec::wire::Bool8(if v.is_none() { b } else { 0 }),
                property_values: v,
            }
        }))),
        case!(TransportNewMail: TransportNewMailRequest {
                message_id: mid(),
                folder_id: fid(),
                message_class: ansi10(),
                message_flags: any::<u32>()
            }
            => TransportNewMailResponse(Just(NoFields))),
        case!(GetTransportFolder: GetTransportFolderRequest {}
            => GetTransportFolderResponse(fields!(GetTransportFolderSuccess { folder_id: fid() }))),
        case!(OptionsData: OptionsDataRequest { address_type: ansi10(), want_win32: any::<u8>() }
            => OptionsDataResponse(options_data())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn logon_family_round_trips((requests, responses) in Union::new(store_cases())) {
        check_rop_buffers(requests, responses, &HANDLES, None)?;
    }

    #[test]
    fn transport_family_round_trips((requests, responses) in Union::new(transport_cases())) {
        check_rop_buffers(requests, responses, &HANDLES, None)?;
    }
}
