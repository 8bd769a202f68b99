//! Round trips of the Folder ROPs ([MS-OXCROPS] 2.2.4) through ROP buffers: a request buffer
//! holding one request, and the response buffer answering it, `decode(encode(x)) == x` for
//! both; and whatever decodes from arbitrary bytes re-encodes to exactly those bytes.

#[macro_use]
mod common;

use common::{ansi, check_request_bytes, check_response_bytes, fid, mid, outcome_in, utf16};
use common::{Pair, Returns};
use mapi_codec::data::{
    BitmapRelOp, PropTag, PropType, PropertyValue, RelOp, Restriction, TaggedPropertyValue,
};
use mapi_codec::rop::field::{List16, NoFields, Outcome};
use mapi_codec::rop::folder::*;
use mapi_codec::rop::table::RestrictionData;
use proptest::collection::vec;
use proptest::prelude::*;

/// The four handles of every buffer built here.
const HANDLES: [u32; 4] = [0x6E, 0x7A, 0x7B, 0x7C];

fn idx() -> impl Strategy<Value = u8> {
    0u8..HANDLES.len() as u8
}

/// A name in the form the flag selects, and the flag.
fn names(n: usize) -> impl Strategy<Value = (bool, Vec<FolderString<'static>>)> {
    prop_oneof![
        vec(utf16(10).prop_map(FolderString::Unicode), n..=n).prop_map(|v| (true, v)),
        vec(ansi(10).prop_map(FolderString::Multibyte), n..=n).prop_map(|v| (false, v)),
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
        (any::<u16>(), any::<u16>(), any::<u16>(), utf16(10)).prop_map(|(lo, hi, id, s)| {
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
    proptest::option::of((any::<u16>(), vec(ansi(10), 0..4)).prop_map(
        |(cheap_server_count, servers)| GhostServers {
            cheap_server_count,
            servers,
        },
    ))
    .prop_flat_map(flagged)
}

/// A flagged group whose flag, when set, is any nonzero byte (clients and servers send 0xFF).
fn flagged<T: Clone + std::fmt::Debug>(
    fields: Option<T>,
) -> impl Strategy<Value = FlaggedGroup<T>> {
    let set = fields.is_some();
    (1u8..=255).prop_map(move |b| FlaggedGroup {
        flag: mapi_codec::wire::Bool8(if set { b } else { 0 }),
        fields: fields.clone(),
    })
}

fn folder_info() -> impl Strategy<Value = FolderInfo<'static>> {
    (any::<bool>(), ghost()).prop_map(|(has_rules, ghost)| FolderInfo {
        has_rules: has_rules.into(),
        ghost,
    })
}

/// ReturnValue and body: success, or a failure (some with a code of their own).
fn returns<S: common::Value, F: common::Value>(
    s: impl Strategy<Value = S> + 'static,
    f: impl Strategy<Value = F> + 'static,
) -> Returns<S, F> {
    outcome_in(prop_oneof![Just(0x8004_010F), 1u32..], s, f)
}

/// ReturnValue and body of a response whose body is PartialCompletion.
fn partial() -> Returns<PartialCompletion, PartialCompletion> {
    let p = || {
        fields!(PartialCompletion {
            partial_completion: any::<u8>().prop_map(mapi_codec::wire::Bool8)
        })
    };
    returns(p(), p())
}

/// ReturnValue and body of a move or copy: success, a missing destination (its failure names
/// a DestHandleIndex), or another failure.
fn move_copy() -> BoxedStrategy<(u32, Outcome<PartialCompletion, MoveCopyFailure>)> {
    let rv = prop_oneof![Just(0u32), Just(NULL_DESTINATION_OBJECT), 1u32..];
    (rv, any::<u32>(), any::<bool>())
        .prop_map(|(rv, dest, partial_completion)| {
            let failure = MoveCopyFailure {
                dest_handle_index: (rv == NULL_DESTINATION_OBJECT).then_some(dest),
                partial_completion: partial_completion.into(),
            };
            let success = PartialCompletion {
                partial_completion: partial_completion.into(),
            };
            (rv, common::body_for(rv, success, failure))
        })
        .boxed()
}

/// A folder to move or copy, its new name in the form its flag selects.
fn moved_folder() -> impl Strategy<Value = MovedFolder<'static>> {
    (fid(), names(1)).prop_map(|(folder_id, (use_unicode, mut n))| MovedFolder {
        use_unicode: use_unicode.into(),
        folder_id,
        new_folder_name: n.remove(0),
    })
}

fn create_folder() -> impl Strategy<Value = CreateFolderRequest<'static>> {
    let flags = (any::<u8>(), any::<bool>(), any::<u8>());
    (any::<u8>(), idx(), idx(), flags, names(2)).prop_map(
        |(logon_id, i, o, (folder_type, open_existing, reserved), (u, mut n))| {
            CreateFolderRequest {
                logon_id,
                input_handle_index: i,
                output_handle_index: o,
                folder_type,
                use_unicode_strings: (u).into(),
                open_existing: open_existing.into(),
                reserved,
                comment: n.remove(1),
                display_name: n.remove(0),
            }
        },
    )
}

/// RopGetSearchCriteria: the success names the LogonId of the request.
fn get_search_criteria() -> impl Strategy<Value = Pair> {
    let restriction = proptest::option::of(restriction()).prop_map(RestrictionData);
    let folder_ids = vec(fid(), 0..4).prop_map(List16);
    let success = (restriction, folder_ids, any::<u32>());
    let request = fields!(GetSearchCriteriaRequest {
        logon_id: any::<u8>(),
        input_handle_index: idx(),
        use_unicode: any::<u8>().prop_map(mapi_codec::wire::Bool8),
        include_restriction: any::<u8>().prop_map(mapi_codec::wire::Bool8),
        include_folders: any::<u8>().prop_map(mapi_codec::wire::Bool8),
    });
    (request, returns(success, Just(NoFields))).prop_map(|(q, (rv, body))| {
        let body = match body {
            Outcome::Success((restriction, folder_ids, search_flags)) => {
                Outcome::Success(GetSearchCriteriaSuccess {
                    restriction,
                    logon_id: q.logon_id,
                    folder_ids,
                    search_flags,
                })
            }
            Outcome::Failure(f) => Outcome::Failure(f),
        };
        let h = q.input_handle_index;
        pair_of!(GetSearchCriteria(q) => GetSearchCriteriaResponse(h, (rv, body)))
    })
}

/// A pair of the ROP `$v` on any LogonId and input handle (see `answered!`).
macro_rules! pair {
    ($v:ident: $q:ident { $($f:tt)* } => $($r:tt)*) => {
        answered!($v: $q { logon_id: any::<u8>(), input_handle_index: idx(), $($f)* } => $($r)*)
    };
}

/// A move or copy of the ROP `$v` on any LogonId and source and destination handles.
macro_rules! move_copy {
    ($v:ident: $q:ident { $($f:tt)* } => $r:ident) => {
        answered!($v: $q {
            logon_id: any::<u8>(),
            source_handle_index: idx(),
            dest_handle_index: idx(),
            want_asynchronous: any::<u8>().prop_map(mapi_codec::wire::Bool8),
            $($f)*
        } => $r(Source, move_copy()))
    };
}

fn pairs() -> impl Strategy<Value = Pair> {
    let info = || folder_info();
    let created = fields!(CreateFolderSuccess {
        folder_id: fid(),
        existing: proptest::option::of(info()).prop_flat_map(flagged),
    });
    let message_ids = || vec(mid(), 0..4).prop_map(List16);
    let row_count = || {
        fields!(TableRowCount {
            row_count: any::<u32>()
        })
    };
    let search = proptest::option::of(restriction()).prop_map(RestrictionData);
    prop_oneof![
        pair!(OpenFolder: OpenFolderRequest {
            output_handle_index: idx(), folder_id: fid(), open_mode_flags: any::<u8>()
        } => OpenFolderResponse(Output, returns(info(), Just(NoFields)))),
        answered!(CreateFolder, create_folder(),
            Output => CreateFolderResponse, returns(created, Just(NoFields))),
        pair!(DeleteFolder: DeleteFolderRequest { delete_folder_flags: any::<u8>(), folder_id: fid() }
            => DeleteFolderResponse(Input, partial())),
        pair!(SetSearchCriteria: SetSearchCriteriaRequest {
            restriction: search, folder_ids: vec(fid(), 0..4).prop_map(List16),
            search_flags: any::<u32>()
        } => SetSearchCriteriaResponse(Input, returns(Just(NoFields), Just(NoFields)))),
        get_search_criteria().boxed(),
        move_copy!(MoveCopyMessages: MoveCopyMessagesRequest {
            message_ids: message_ids(), want_copy: any::<u8>().prop_map(mapi_codec::wire::Bool8)
        } => MoveCopyMessagesResponse),
        move_copy!(MoveFolder: MoveFolderRequest { folder: moved_folder() } => MoveFolderResponse),
        move_copy!(CopyFolder: CopyFolderRequest {
            want_recursive: any::<u8>().prop_map(mapi_codec::wire::Bool8), folder: moved_folder()
        } => CopyFolderResponse),
        pair!(EmptyFolder: EmptyFolderRequest {
            want_asynchronous: any::<u8>().prop_map(mapi_codec::wire::Bool8), want_delete_associated: any::<u8>().prop_map(mapi_codec::wire::Bool8)
        } => EmptyFolderResponse(Input, partial())),
        pair!(HardDeleteMessagesAndSubfolders: HardDeleteMessagesAndSubfoldersRequest {
            want_asynchronous: any::<u8>().prop_map(mapi_codec::wire::Bool8), want_delete_associated: any::<u8>().prop_map(mapi_codec::wire::Bool8)
        } => HardDeleteMessagesAndSubfoldersResponse(Input, partial())),
        pair!(DeleteMessages: DeleteMessagesRequest {
            want_asynchronous: any::<u8>().prop_map(mapi_codec::wire::Bool8), notify_non_read: any::<u8>().prop_map(mapi_codec::wire::Bool8),
            message_ids: message_ids()
        } => DeleteMessagesResponse(Input, partial())),
        pair!(HardDeleteMessages: HardDeleteMessagesRequest {
            want_asynchronous: any::<u8>().prop_map(mapi_codec::wire::Bool8), notify_non_read: any::<u8>().prop_map(mapi_codec::wire::Bool8),
            message_ids: message_ids()
        } => HardDeleteMessagesResponse(Input, partial())),
        pair!(GetContentsTable: GetContentsTableRequest {
            output_handle_index: idx(), table_flags: any::<u8>()
        } => GetContentsTableResponse(Output, returns(row_count(), Just(NoFields)))),
        pair!(GetHierarchyTable: GetHierarchyTableRequest {
            output_handle_index: idx(), table_flags: any::<u8>()
        } => GetHierarchyTableResponse(Output, returns(row_count(), Just(NoFields)))),
    ]
}

pair_tests!(384, HANDLES; request_and_response_round_trip(pairs()));

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    /// Arbitrary bytes after a folder RopId: whatever decodes re-encodes to the bytes it used.
    #[test]
    fn arbitrary_request_bytes(
        id in prop::sample::select(vec![
            0x02u8, 0x1C, 0x1D, 0x30, 0x31, 0x33, 0x35, 0x36, 0x58, 0x92, 0x1E, 0x91, 0x04, 0x05,
        ]),
        body in vec(any::<u8>(), 0..48),
    ) {
        check_request_bytes(id, &body)?;
    }

    /// Arbitrary response bytes against a decoded request of the same RopId.
    #[test]
    fn arbitrary_response_bytes((req, _) in pairs(), body in vec(any::<u8>(), 0..48)) {
        check_response_bytes(req, &body, &HANDLES)?;
    }
}
