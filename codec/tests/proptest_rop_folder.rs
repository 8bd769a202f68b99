//! Round trips of the Folder ROPs ([MS-OXCROPS] 2.2.4) through ROP buffers: a request buffer
//! holding one request, and the response buffer answering it, `decode(encode(x)) == x` for
//! both; and whatever decodes from arbitrary bytes re-encodes to exactly those bytes.

use mapi_codec::data::{
    BitmapRelOp, FolderId, MessageId, PropTag, PropType, PropertyValue, RelOp, Restriction,
    TaggedPropertyValue,
};
use mapi_codec::rop::field::{List16, NoFields, Outcome};
use mapi_codec::rop::folder::*;
use mapi_codec::rop::table::RestrictionData;
use mapi_codec::rop::RequestCtx;
use mapi_codec::rop::{HandleTable, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::wire::DecodeWith;
use mapi_codec::wire::{AnsiStr, Decode, Encode, Limits, Utf16Str};
use proptest::collection::vec;
use proptest::prelude::*;

/// Handle indexes name one of the four handles of every buffer built here.
const HANDLES: usize = 4;

fn idx() -> impl Strategy<Value = u8> {
    0u8..HANDLES as u8
}

fn utf16() -> impl Strategy<Value = Utf16Str<'static>> {
    "[^\u{0}]{0,10}".prop_map(|s| Utf16Str::from_text(&s).unwrap())
}

fn ansi() -> impl Strategy<Value = AnsiStr<'static>> {
    vec(1u8..=255, 0..10).prop_map(|v| AnsiStr::from_vec(v).unwrap())
}

fn folder_id() -> impl Strategy<Value = FolderId> {
    any::<u64>().prop_map(FolderId::from_u64)
}

fn message_id() -> impl Strategy<Value = MessageId> {
    any::<u64>().prop_map(MessageId::from_u64)
}

/// A name in the form the flag selects, and the flag.
fn names(n: usize) -> impl Strategy<Value = (bool, Vec<FolderString<'static>>)> {
    prop_oneof![
        vec(utf16().prop_map(FolderString::Unicode), n..=n).prop_map(|v| (true, v)),
        vec(ansi().prop_map(FolderString::Multibyte), n..=n).prop_map(|v| (false, v)),
    ]
}

fn restriction() -> impl Strategy<Value = Restriction<'static>> {
    let tag = any::<u32>().prop_map(PropTag);
    let leaf = prop_oneof![
        tag.clone()
            .prop_map(|prop_tag| Restriction::Exist { prop_tag }),
        (any::<u8>(), tag.clone(), any::<u32>()).prop_map(|(op, prop_tag, mask)| {
            Restriction::Bitmask {
                bitmap_rel_op: BitmapRelOp(op),
                prop_tag,
                mask,
            }
        }),
        (any::<u8>(), tag.clone(), any::<u32>()).prop_map(|(op, prop_tag, size)| {
            Restriction::Size {
                rel_op: RelOp(op),
                prop_tag,
                size,
            }
        }),
        (any::<u8>(), any::<u16>(), any::<i32>()).prop_map(|(op, id, v)| Restriction::Property {
            rel_op: RelOp(op),
            prop_tag: PropTag::new(id, PropType::INTEGER32),
            tagged_value: TaggedPropertyValue {
                tag: PropTag::new(id, PropType::INTEGER32),
                value: PropertyValue::Integer32(v),
            },
        }),
        (any::<u16>(), any::<u16>(), any::<u16>(), utf16()).prop_map(|(lo, hi, id, s)| {
            Restriction::Content {
                fuzzy_level_low: lo,
                fuzzy_level_high: hi,
                prop_tag: PropTag::new(id, PropType::STRING),
                tagged_value: TaggedPropertyValue {
                    tag: PropTag::new(id, PropType::STRING),
                    value: PropertyValue::String(s),
                },
            }
        }),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..3).prop_map(Restriction::And),
            vec(inner.clone(), 0..3).prop_map(Restriction::Or),
            inner.clone().prop_map(|r| Restriction::Not(Box::new(r))),
            (any::<u32>(), inner).prop_map(|(count, r)| Restriction::Count {
                count,
                sub_restriction: Box::new(r),
            }),
        ]
    })
}

fn ghost() -> impl Strategy<Value = FlaggedGroup<GhostServers<'static>>> {
    proptest::option::of((any::<u16>(), vec(ansi(), 0..4)).prop_map(
        |(cheap_server_count, servers)| GhostServers {
            cheap_server_count,
            servers,
        },
    ))
    .prop_map(FlaggedGroup)
}

fn folder_info() -> impl Strategy<Value = FolderInfo<'static>> {
    (any::<bool>(), ghost()).prop_map(|(has_rules, ghost)| FolderInfo { has_rules, ghost })
}

/// A ReturnValue: success or some failure.
fn return_value() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), Just(0x8004_010F), 1u32..]
}

/// A ReturnValue of a move or copy: success, null destination, or another failure.
fn move_copy_return_value() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), Just(NULL_DESTINATION_OBJECT), 1u32..]
}

fn outcome<S: Clone + std::fmt::Debug, F: Clone + std::fmt::Debug>(
    rv: u32,
    s: S,
    f: F,
) -> Outcome<S, F> {
    if rv == 0 {
        Outcome::Success(s)
    } else {
        Outcome::Failure(f)
    }
}

fn partial(rv: u32, pc: bool) -> Outcome<PartialCompletion, PartialCompletion> {
    let p = PartialCompletion {
        partial_completion: pc,
    };
    outcome(rv, p.clone(), p)
}

fn move_copy(rv: u32, dest: u32, pc: bool) -> Outcome<PartialCompletion, MoveCopyFailure> {
    outcome(
        rv,
        PartialCompletion {
            partial_completion: pc,
        },
        MoveCopyFailure {
            dest_handle_index: (rv == NULL_DESTINATION_OBJECT).then_some(dest),
            partial_completion: pc,
        },
    )
}

type Pair = (RopRequest<'static>, RopResponse<'static>);

fn open_create() -> impl Strategy<Value = Pair> {
    prop_oneof![
        (
            any::<u8>(),
            idx(),
            idx(),
            folder_id(),
            any::<u8>(),
            return_value(),
            folder_info()
        )
            .prop_map(|(logon_id, i, o, folder_id, open_mode_flags, rv, info)| {
                (
                    RopRequest::OpenFolder(OpenFolderRequest {
                        logon_id,
                        input_handle_index: i,
                        output_handle_index: o,
                        folder_id,
                        open_mode_flags,
                    }),
                    RopResponse::OpenFolder(OpenFolderResponse {
                        handle_index: o,
                        return_value: rv,
                        body: outcome(rv, info, NoFields),
                    }),
                )
            }),
        (
            (
                any::<u8>(),
                idx(),
                idx(),
                any::<u8>(),
                any::<bool>(),
                any::<u8>()
            ),
            names(2),
            return_value(),
            folder_id(),
            proptest::option::of(folder_info())
        )
            .prop_map(
                |((logon_id, i, o, folder_type, open_existing, reserved), (u, n), rv, f, e)| {
                    (
                        RopRequest::CreateFolder(Box::new(CreateFolderRequest {
                            logon_id,
                            input_handle_index: i,
                            output_handle_index: o,
                            folder_type,
                            use_unicode_strings: u,
                            open_existing,
                            reserved,
                            display_name: n[0].clone(),
                            comment: n[1].clone(),
                        })),
                        RopResponse::CreateFolder(CreateFolderResponse {
                            handle_index: o,
                            return_value: rv,
                            body: outcome(
                                rv,
                                CreateFolderSuccess {
                                    folder_id: f,
                                    existing: FlaggedGroup(e),
                                },
                                NoFields,
                            ),
                        }),
                    )
                }
            ),
        (
            any::<u8>(),
            idx(),
            any::<u8>(),
            folder_id(),
            return_value(),
            any::<bool>()
        )
            .prop_map(|(logon_id, i, flags, folder_id, rv, pc)| {
                (
                    RopRequest::DeleteFolder(DeleteFolderRequest {
                        logon_id,
                        input_handle_index: i,
                        delete_folder_flags: flags,
                        folder_id,
                    }),
                    RopResponse::DeleteFolder(DeleteFolderResponse {
                        handle_index: i,
                        return_value: rv,
                        body: partial(rv, pc),
                    }),
                )
            }),
    ]
}

fn search() -> impl Strategy<Value = Pair> {
    prop_oneof![
        (
            any::<u8>(),
            idx(),
            proptest::option::of(restriction()),
            vec(folder_id(), 0..4),
            any::<u32>(),
            return_value()
        )
            .prop_map(|(logon_id, i, restriction, f, search_flags, rv)| {
                (
                    RopRequest::SetSearchCriteria(Box::new(SetSearchCriteriaRequest {
                        logon_id,
                        input_handle_index: i,
                        restriction: RestrictionData(restriction),
                        folder_ids: List16(f),
                        search_flags,
                    })),
                    RopResponse::SetSearchCriteria(SetSearchCriteriaResponse {
                        handle_index: i,
                        return_value: rv,
                        body: outcome(rv, NoFields, NoFields),
                    }),
                )
            }),
        (
            (any::<u8>(), idx(), any::<[bool; 3]>()),
            return_value(),
            proptest::option::of(restriction()),
            vec(folder_id(), 0..4),
            any::<u32>()
        )
            .prop_map(|((logon_id, i, b), rv, restriction, f, search_flags)| {
                (
                    RopRequest::GetSearchCriteria(GetSearchCriteriaRequest {
                        logon_id,
                        input_handle_index: i,
                        use_unicode: b[0],
                        include_restriction: b[1],
                        include_folders: b[2],
                    }),
                    RopResponse::GetSearchCriteria(Box::new(GetSearchCriteriaResponse {
                        handle_index: i,
                        return_value: rv,
                        body: outcome(
                            rv,
                            GetSearchCriteriaSuccess {
                                restriction: RestrictionData(restriction),
                                logon_id,
                                folder_ids: List16(f),
                                search_flags,
                            },
                            NoFields,
                        ),
                    })),
                )
            }),
    ]
}

fn move_common() -> impl Strategy<Value = (u8, u8, u8, [bool; 3], u32, u32)> {
    (
        any::<u8>(),
        idx(),
        idx(),
        any::<[bool; 3]>(),
        move_copy_return_value(),
        any::<u32>(),
    )
}

fn moves() -> impl Strategy<Value = Pair> {
    prop_oneof![
        (move_common(), vec(message_id(), 0..4)).prop_map(|((logon_id, s, d, b, rv, dest), m)| {
            (
                RopRequest::MoveCopyMessages(MoveCopyMessagesRequest {
                    logon_id,
                    source_handle_index: s,
                    dest_handle_index: d,
                    message_ids: List16(m),
                    want_asynchronous: b[0],
                    want_copy: b[1],
                }),
                RopResponse::MoveCopyMessages(MoveCopyMessagesResponse {
                    handle_index: s,
                    return_value: rv,
                    body: move_copy(rv, dest, b[2]),
                }),
            )
        }),
        (move_common(), folder_id(), names(1)).prop_map(
            |((logon_id, s, d, b, rv, dest), folder_id, (u, n))| {
                (
                    RopRequest::MoveFolder(Box::new(MoveFolderRequest {
                        logon_id,
                        source_handle_index: s,
                        dest_handle_index: d,
                        want_asynchronous: b[0],
                        folder: MovedFolder {
                            use_unicode: u,
                            folder_id,
                            new_folder_name: n[0].clone(),
                        },
                    })),
                    RopResponse::MoveFolder(MoveFolderResponse {
                        handle_index: s,
                        return_value: rv,
                        body: move_copy(rv, dest, b[2]),
                    }),
                )
            }
        ),
        (move_common(), folder_id(), names(1)).prop_map(
            |((logon_id, s, d, b, rv, dest), folder_id, (u, n))| {
                (
                    RopRequest::CopyFolder(Box::new(CopyFolderRequest {
                        logon_id,
                        source_handle_index: s,
                        dest_handle_index: d,
                        want_asynchronous: b[0],
                        want_recursive: b[1],
                        folder: MovedFolder {
                            use_unicode: u,
                            folder_id,
                            new_folder_name: n[0].clone(),
                        },
                    })),
                    RopResponse::CopyFolder(CopyFolderResponse {
                        handle_index: s,
                        return_value: rv,
                        body: move_copy(rv, dest, b[2]),
                    }),
                )
            }
        ),
    ]
}

fn deletes() -> impl Strategy<Value = Pair> {
    let common = (
        any::<u8>(),
        idx(),
        any::<[bool; 3]>(),
        return_value(),
        vec(message_id(), 0..4),
    );
    (common, 0u8..4).prop_map(|((logon_id, i, b, rv, m), which)| match which {
        0 => (
            RopRequest::EmptyFolder(EmptyFolderRequest {
                logon_id,
                input_handle_index: i,
                want_asynchronous: b[0],
                want_delete_associated: b[1],
            }),
            RopResponse::EmptyFolder(EmptyFolderResponse {
                handle_index: i,
                return_value: rv,
                body: partial(rv, b[2]),
            }),
        ),
        1 => (
            RopRequest::HardDeleteMessagesAndSubfolders(HardDeleteMessagesAndSubfoldersRequest {
                logon_id,
                input_handle_index: i,
                want_asynchronous: b[0],
                want_delete_associated: b[1],
            }),
            RopResponse::HardDeleteMessagesAndSubfolders(HardDeleteMessagesAndSubfoldersResponse {
                handle_index: i,
                return_value: rv,
                body: partial(rv, b[2]),
            }),
        ),
        2 => (
            RopRequest::DeleteMessages(DeleteMessagesRequest {
                logon_id,
                input_handle_index: i,
                want_asynchronous: b[0],
                notify_non_read: b[1],
                message_ids: List16(m),
            }),
            RopResponse::DeleteMessages(DeleteMessagesResponse {
                handle_index: i,
                return_value: rv,
                body: partial(rv, b[2]),
            }),
        ),
        _ => (
            RopRequest::HardDeleteMessages(HardDeleteMessagesRequest {
                logon_id,
                input_handle_index: i,
                want_asynchronous: b[0],
                notify_non_read: b[1],
                message_ids: List16(m),
            }),
            RopResponse::HardDeleteMessages(HardDeleteMessagesResponse {
                handle_index: i,
                return_value: rv,
                body: partial(rv, b[2]),
            }),
        ),
    })
}

fn tables() -> impl Strategy<Value = Pair> {
    (
        any::<u8>(),
        idx(),
        idx(),
        any::<u8>(),
        return_value(),
        any::<u32>(),
        any::<bool>(),
    )
        .prop_map(|(logon_id, i, o, table_flags, rv, row_count, contents)| {
            let body = outcome(rv, TableRowCount { row_count }, NoFields);
            if contents {
                (
                    RopRequest::GetContentsTable(GetContentsTableRequest {
                        logon_id,
                        input_handle_index: i,
                        output_handle_index: o,
                        table_flags,
                    }),
                    RopResponse::GetContentsTable(GetContentsTableResponse {
                        handle_index: o,
                        return_value: rv,
                        body,
                    }),
                )
            } else {
                (
                    RopRequest::GetHierarchyTable(GetHierarchyTableRequest {
                        logon_id,
                        input_handle_index: i,
                        output_handle_index: o,
                        table_flags,
                    }),
                    RopResponse::GetHierarchyTable(GetHierarchyTableResponse {
                        handle_index: o,
                        return_value: rv,
                        body,
                    }),
                )
            }
        })
}

fn pairs() -> impl Strategy<Value = Pair> {
    prop_oneof![open_create(), search(), moves(), deletes(), tables()]
}

fn handles() -> HandleTable<'static> {
    HandleTable::from_handles(&[0x6E, 0x7A, 0x7B, 0x7C])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

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

    /// Arbitrary bytes after a folder RopId: whatever decodes re-encodes to the bytes it used.
    #[test]
    fn arbitrary_request_bytes(
        id in prop::sample::select(vec![
            0x02u8, 0x1C, 0x1D, 0x30, 0x31, 0x33, 0x35, 0x36, 0x58, 0x92, 0x1E, 0x91, 0x04, 0x05,
        ]),
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
