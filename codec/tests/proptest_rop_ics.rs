//! Round trips of the Incremental Change Synchronization ROPs ([MS-OXCROPS] 2.2.13) through
//! `RopRequestBuffer` / `RopResponseBuffer`, and of the [MS-OXCFXICS] 2.2.2 structures:
//! GLOBSETs built from sets of GLOBCNT ranges, IDSETs and PCLs decode to what was encoded.

use mapi_codec::wire::DecodeWith;
use std::borrow::Cow;

use mapi_codec::data::{
    FolderId, GlobalCounter, LongTermId, MessageId, PropTag, PropertyValue, Restriction,
    TaggedPropertyValue,
};
use mapi_codec::fxics::idset::{
    GlobcntRange, Globset, IdsetReplguid, IdsetReplid, PredecessorChangeList, ReplguidGlobset,
    ReplidGlobset, SizedXid, Xid,
};
use mapi_codec::rop::field::{Bytes16, List16, NoFields, Outcome, TaggedValues16};
use mapi_codec::rop::ics::*;
use mapi_codec::rop::table::RestrictionData;
use mapi_codec::rop::{HandleTable, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::wire::{Decode, Encode, Guid, Limits, Reader};
use proptest::prelude::*;

type Pair = (RopRequest<'static>, RopResponse<'static>);

fn idx() -> impl Strategy<Value = u8> {
    0u8..3
}

fn bin() -> impl Strategy<Value = Cow<'static, [u8]>> {
    proptest::collection::vec(any::<u8>(), 0..24).prop_map(Cow::Owned)
}

fn b32() -> impl Strategy<Value = Bytes32<'static>> {
    bin().prop_map(Bytes32)
}

fn tagged_values() -> impl Strategy<Value = TaggedValues16<'static>> {
    let value = prop_oneof![
        any::<i32>().prop_map(PropertyValue::Integer32),
        any::<bool>().prop_map(PropertyValue::Boolean),
        bin().prop_map(PropertyValue::Binary),
    ];
    proptest::collection::vec(
        (any::<u16>(), value).prop_map(|(id, value)| TaggedPropertyValue {
            tag: PropTag::new(id, value.prop_type()),
            value,
        }),
        0..4,
    )
    .prop_map(TaggedValues16)
}

fn failure_code() -> impl Strategy<Value = u32> {
    1u32..
}

fn outcome<S: std::fmt::Debug + Clone, F: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = S>,
    f: impl Strategy<Value = F>,
) -> impl Strategy<Value = (u32, Outcome<S, F>)> {
    prop_oneof![
        s.prop_map(|s| (0, Outcome::Success(s))),
        (failure_code(), f).prop_map(|(c, f)| (c, Outcome::Failure(f))),
    ]
}

fn plain() -> impl Strategy<Value = (u32, Outcome<NoFields, NoFields>)> {
    outcome(Just(NoFields), Just(NoFields))
}

macro_rules! resp {
    ($var:ident, $ty:ident, $h:expr, $o:expr) => {{
        let (return_value, body) = $o;
        RopResponse::$var($ty {
            handle_index: $h,
            return_value,
            body,
        })
    }};
}

fn ltid() -> impl Strategy<Value = LongTermId> {
    (any::<[u8; 16]>(), 0u64..=GlobalCounter::MAX).prop_map(|(g, c)| LongTermId {
        database_guid: Guid(g),
        global_counter: GlobalCounter::from_value(c).unwrap(),
    })
}

fn configure() -> impl Strategy<Value = Pair> {
    (
        (idx(), idx(), any::<u8>(), any::<u8>(), any::<u16>()),
        prop::option::of(any::<u32>().prop_map(|t| Restriction::Exist {
            prop_tag: PropTag(t),
        })),
        any::<u32>(),
        proptest::collection::vec(any::<u32>().prop_map(PropTag), 0..5),
        plain(),
    )
        .prop_map(|((i, o, st, so, sf), r, ef, tags, out)| {
            (
                RopRequest::SynchronizationConfigure(Box::new(SynchronizationConfigureRequest {
                    logon_id: 0,
                    input_handle_index: i,
                    output_handle_index: o,
                    synchronization_type: st,
                    send_options: so,
                    synchronization_flags: sf,
                    restriction_data: RestrictionData(r),
                    synchronization_extra_flags: ef,
                    property_tags: List16(tags),
                })),
                resp!(
                    SynchronizationConfigure,
                    SynchronizationConfigureResponse,
                    o,
                    out
                ),
            )
        })
}

fn imports() -> impl Strategy<Value = Pair> {
    let msg_id = any::<u64>().prop_map(|m| MessageIdSuccess {
        message_id: MessageId::from_u64(m),
    });
    let folder_id = any::<u64>().prop_map(|m| FolderIdSuccess {
        folder_id: FolderId::from_u64(m),
    });
    prop_oneof![
        (
            idx(),
            idx(),
            any::<u8>(),
            tagged_values(),
            outcome(msg_id.clone(), Just(NoFields))
        )
            .prop_map(|(i, o, f, v, out)| (
                RopRequest::SynchronizationImportMessageChange(
                    SynchronizationImportMessageChangeRequest {
                        logon_id: 0,
                        input_handle_index: i,
                        output_handle_index: o,
                        import_flag: f,
                        property_values: v,
                    }
                ),
                resp!(
                    SynchronizationImportMessageChange,
                    SynchronizationImportMessageChangeResponse,
                    o,
                    out
                ),
            )),
        (
            idx(),
            proptest::collection::vec(
                (bin(), any::<u8>()).prop_map(|(m, r)| MessageReadState {
                    message_id: Bytes16(m),
                    mark_as_read: r,
                }),
                0..4
            ),
            plain()
        )
            .prop_map(|(i, s, out)| (
                RopRequest::SynchronizationImportReadStateChanges(
                    SynchronizationImportReadStateChangesRequest {
                        logon_id: 0,
                        input_handle_index: i,
                        message_read_states: MessageReadStates(s),
                    }
                ),
                resp!(
                    SynchronizationImportReadStateChanges,
                    SynchronizationImportReadStateChangesResponse,
                    i,
                    out
                ),
            )),
        (
            idx(),
            tagged_values(),
            tagged_values(),
            outcome(folder_id, Just(NoFields))
        )
            .prop_map(|(i, h, v, out)| (
                RopRequest::SynchronizationImportHierarchyChange(Box::new(
                    SynchronizationImportHierarchyChangeRequest {
                        logon_id: 0,
                        input_handle_index: i,
                        hierarchy_values: h,
                        property_values: v,
                    }
                )),
                resp!(
                    SynchronizationImportHierarchyChange,
                    SynchronizationImportHierarchyChangeResponse,
                    i,
                    out
                ),
            )),
        (idx(), any::<u8>(), tagged_values(), plain()).prop_map(|(i, f, v, out)| (
            RopRequest::SynchronizationImportDeletes(SynchronizationImportDeletesRequest {
                logon_id: 0,
                input_handle_index: i,
                import_delete_flags: f,
                property_values: v,
            }),
            resp!(
                SynchronizationImportDeletes,
                SynchronizationImportDeletesResponse,
                i,
                out
            ),
        )),
        (
            idx(),
            (b32(), b32(), b32(), b32(), b32()),
            outcome(msg_id, Just(NoFields))
        )
            .prop_map(|(i, (a, b, c, d, e), out)| (
                RopRequest::SynchronizationImportMessageMove(Box::new(
                    SynchronizationImportMessageMoveRequest {
                        logon_id: 0,
                        input_handle_index: i,
                        source_folder_id: a,
                        source_message_id: b,
                        predecessor_change_list: c,
                        destination_message_id: d,
                        change_number: e,
                    }
                )),
                resp!(
                    SynchronizationImportMessageMove,
                    SynchronizationImportMessageMoveResponse,
                    i,
                    out
                ),
            )),
    ]
}

fn others() -> impl Strategy<Value = Pair> {
    let ids = (any::<[u8; 16]>(), 0u64..=GlobalCounter::MAX).prop_map(|(g, c)| {
        GetLocalReplicaIdsSuccess {
            repl_guid: Guid(g),
            global_count: GlobalCounter::from_value(c).unwrap(),
        }
    });
    prop_oneof![
        (idx(), idx(), any::<u8>(), plain()).prop_map(|(i, o, c, out)| (
            RopRequest::SynchronizationOpenCollector(SynchronizationOpenCollectorRequest {
                logon_id: 0,
                input_handle_index: i,
                output_handle_index: o,
                is_contents_collector: c,
            }),
            resp!(
                SynchronizationOpenCollector,
                SynchronizationOpenCollectorResponse,
                o,
                out
            ),
        )),
        (idx(), idx(), plain()).prop_map(|(i, o, out)| (
            RopRequest::SynchronizationGetTransferState(SynchronizationGetTransferStateRequest {
                logon_id: 0,
                input_handle_index: i,
                output_handle_index: o,
            }),
            resp!(
                SynchronizationGetTransferState,
                SynchronizationGetTransferStateResponse,
                o,
                out
            ),
        )),
        (idx(), any::<u32>(), any::<u32>(), plain()).prop_map(|(i, t, n, out)| (
            RopRequest::SynchronizationUploadStateStreamBegin(
                SynchronizationUploadStateStreamBeginRequest {
                    logon_id: 0,
                    input_handle_index: i,
                    state_property: PropTag(t),
                    transfer_buffer_size: n,
                }
            ),
            resp!(
                SynchronizationUploadStateStreamBegin,
                SynchronizationUploadStateStreamBeginResponse,
                i,
                out
            ),
        )),
        (idx(), b32(), plain()).prop_map(|(i, d, out)| (
            RopRequest::SynchronizationUploadStateStreamContinue(
                SynchronizationUploadStateStreamContinueRequest {
                    logon_id: 0,
                    input_handle_index: i,
                    stream_data: d,
                }
            ),
            resp!(
                SynchronizationUploadStateStreamContinue,
                SynchronizationUploadStateStreamContinueResponse,
                i,
                out
            ),
        )),
        (idx(), plain()).prop_map(|(i, out)| (
            RopRequest::SynchronizationUploadStateStreamEnd(
                SynchronizationUploadStateStreamEndRequest {
                    logon_id: 0,
                    input_handle_index: i,
                }
            ),
            resp!(
                SynchronizationUploadStateStreamEnd,
                SynchronizationUploadStateStreamEndResponse,
                i,
                out
            ),
        )),
        (
            idx(),
            proptest::collection::vec(
                (ltid(), ltid()).prop_map(|(a, b)| LongTermIdRange {
                    min_long_term_id: a,
                    max_long_term_id: b,
                }),
                0..4
            ),
            plain()
        )
            .prop_map(|(i, r, out)| (
                RopRequest::SetLocalReplicaMidsetDeleted(SetLocalReplicaMidsetDeletedRequest {
                    logon_id: 0,
                    input_handle_index: i,
                    long_term_id_ranges: LongTermIdRanges(r),
                }),
                resp!(
                    SetLocalReplicaMidsetDeleted,
                    SetLocalReplicaMidsetDeletedResponse,
                    i,
                    out
                ),
            )),
        (idx(), any::<u32>(), outcome(ids, Just(NoFields))).prop_map(|(i, n, out)| (
            RopRequest::GetLocalReplicaIds(GetLocalReplicaIdsRequest {
                logon_id: 0,
                input_handle_index: i,
                id_count: n,
            }),
            resp!(GetLocalReplicaIds, GetLocalReplicaIdsResponse, i, out),
        )),
    ]
}

fn round_trip((req, resp): Pair) -> Result<(), TestCaseError> {
    let handles = [0x0000_0041, 0x0000_0042, 0x0000_0043];
    let qb = RopRequestBuffer {
        rops: vec![req],
        raw: None,
        handles: HandleTable::from_handles(&handles),
    };
    let q_bytes = qb.to_bytes().unwrap();
    let q = RopRequestBuffer::decode_exact(&q_bytes, Limits::DEFAULT).unwrap();
    prop_assert_eq!(&q, &qb);
    let rb = RopResponseBuffer {
        rops: vec![resp],
        request_indexes: vec![Some(0)],
        raw: None,
        handles: HandleTable::from_handles(&handles),
    };
    let r_bytes = rb.to_bytes().unwrap();
    let r = RopResponseBuffer::decode_with_exact(&r_bytes, &q, Limits::DEFAULT).unwrap();
    prop_assert!(r.raw.is_none(), "{:?}", r.raw);
    prop_assert_eq!(&r.rops, &rb.rops);
    prop_assert_eq!(r.to_bytes().unwrap(), r_bytes);
    Ok(())
}

/// Sorted, disjoint GLOBCNT ranges (as a GLOBSET holds them), with values spread over all
/// six bytes so that the common prefixes vary.
fn ranges() -> impl Strategy<Value = Vec<GlobcntRange>> {
    let point = prop_oneof![
        0u64..0x100,
        0u64..0x1_0000,
        0u64..0x1_0000_0000,
        0u64..=GlobalCounter::MAX,
    ];
    proptest::collection::vec(point, 0..16).prop_map(|mut v| {
        v.sort_unstable();
        v.dedup();
        // Consecutive pairs make ranges; an odd last point is a singleton.
        v.chunks(2)
            .map(|c| GlobcntRange {
                low: GlobalCounter::from_value(c[0]).unwrap(),
                high: GlobalCounter::from_value(*c.last().unwrap()).unwrap(),
            })
            .collect()
    })
}

fn encode<T: Encode>(v: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(v.encoded_len());
    v.encode(&mut out).unwrap();
    assert_eq!(out.len(), v.encoded_len());
    out
}

fn decode_all<'a, T: Decode<'a>>(b: &'a [u8]) -> T {
    let mut r = Reader::new(b);
    let v = T::decode_from(&mut r).unwrap();
    r.finish().unwrap();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn configure_round_trips(pair in configure()) {
        round_trip(pair)?;
    }

    #[test]
    fn import_rops_round_trip(pair in imports()) {
        round_trip(pair)?;
    }

    #[test]
    fn other_ics_rops_round_trip(pair in others()) {
        round_trip(pair)?;
    }

    #[test]
    fn globset_of_ranges_round_trips(r in ranges()) {
        let g = Globset::from_ranges(&r).unwrap();
        let b = encode(&g);
        let back: Globset = decode_all(&b);
        prop_assert_eq!(back.ranges(), &r[..]);
        prop_assert_eq!(&back, &g);
        prop_assert_eq!(encode(&back), b);
    }

    #[test]
    fn idsets_round_trip(
        a in proptest::collection::vec((any::<u16>(), ranges()), 0..4),
        b in proptest::collection::vec((any::<[u8; 16]>(), ranges()), 0..4),
    ) {
        let x = IdsetReplid(a.into_iter().map(|(repl_id, r)| ReplidGlobset {
            repl_id,
            globset: Globset::from_ranges(&r).unwrap(),
        }).collect());
        let bytes = encode(&x);
        prop_assert_eq!(&decode_all::<IdsetReplid>(&bytes), &x);
        let y = IdsetReplguid(b.into_iter().map(|(g, r)| ReplguidGlobset {
            repl_guid: Guid(g),
            globset: Globset::from_ranges(&r).unwrap(),
        }).collect());
        let bytes = encode(&y);
        prop_assert_eq!(&decode_all::<IdsetReplguid>(&bytes), &y);
    }

    #[test]
    fn pcl_round_trips(
        v in proptest::collection::vec(
            (any::<[u8; 16]>(), proptest::collection::vec(any::<u8>(), 1..=8)),
            0..5,
        ),
    ) {
        let pcl = PredecessorChangeList(v.into_iter().map(|(g, l)| SizedXid(Xid {
            namespace_guid: Guid(g),
            local_id: Cow::Owned(l),
        })).collect());
        let bytes = encode(&pcl);
        prop_assert_eq!(&decode_all::<PredecessorChangeList>(&bytes), &pcl);
    }

    /// Any bytes: decoding never panics, and what decodes re-encodes to the same bytes. The
    /// bytes lean towards the command values so that streams get past their first command.
    #[test]
    fn any_bytes_decode_or_fail(
        form in 0u8..4,
        b in proptest::collection::vec(
            prop_oneof![Just(0x00u8), Just(0x42), Just(0x50), Just(0x52), 1u8..=6, any::<u8>()],
            0..48,
        ),
    ) {
        fn check<'a, T: Decode<'a> + Encode>(b: &'a [u8]) -> Result<(), TestCaseError> {
            if let Ok(v) = T::decode_exact(b, Limits::DEFAULT) {
                prop_assert_eq!(v.to_bytes().unwrap(), b);
            }
            Ok(())
        }
        match form {
            0 => check::<IdsetReplid>(&b)?,
            1 => check::<IdsetReplguid>(&b)?,
            2 => check::<Globset>(&b)?,
            _ => check::<PredecessorChangeList>(&b)?,
        }
    }
}
