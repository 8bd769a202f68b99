//! Round trips of the Incremental Change Synchronization ROPs ([MS-OXCROPS] 2.2.13) through
//! `RopRequestBuffer` / `RopResponseBuffer`, and of the [MS-OXCFXICS] 2.2.2 structures:
//! GLOBSETs built from sets of GLOBCNT ranges, IDSETs and PCLs decode to what was encoded.

#[macro_use]
mod common;

use std::borrow::Cow;

use common::{bin, guid, ltid, no_fields, succeeds_with, Pair};
use mapi_codec::data::{GlobalCounter, PropTag, PropType, Restriction};
use mapi_codec::fxics::idset::{
    GlobcntRange, Globset, IdsetReplguid, IdsetReplid, PredecessorChangeList, ReplguidGlobset,
    ReplidGlobset, SizedXid, Xid,
};
use mapi_codec::rop::field::{Bytes16, List16, TaggedValues16};
use mapi_codec::rop::ics::*;
use mapi_codec::rop::table::RestrictionData;
use mapi_codec::wire::{Decode, Encode, Guid, Limits};
use proptest::prelude::*;

/// The handles of every buffer built here.
const HANDLES: [u32; 3] = [0x0000_0041, 0x0000_0042, 0x0000_0043];

fn idx() -> impl Strategy<Value = u8> {
    0u8..3
}

fn b32() -> impl Strategy<Value = Bytes32<'static>> {
    bin(24).prop_map(Bytes32)
}

fn tagged_values() -> impl Strategy<Value = TaggedValues16<'static>> {
    const TYPES: &[PropType] = &[PropType::INTEGER32, PropType::BOOLEAN, PropType::BINARY];
    common::tagged_values(TYPES, 24).prop_map(TaggedValues16)
}

/// A pair of the ROP `$v` on LogonId 0 and any input handle (see `answered!`).
macro_rules! pair {
    ($v:ident: $q:ident { $($f:tt)* } => $($r:tt)*) => {
        answered!($v: $q { logon_id: Just(0), input_handle_index: idx(), $($f)* } => $($r)*)
    };
}

fn configure() -> impl Strategy<Value = Pair> {
    let restriction = proptest::option::of(any::<u32>().prop_map(|t| Restriction::Exist {
        prop_tag: PropTag(t),
    }));
    pair!(SynchronizationConfigure: SynchronizationConfigureRequest {
        output_handle_index: idx(), synchronization_type: any::<u8>(), send_options: any::<u8>(),
        synchronization_flags: any::<u16>(),
        restriction_data: restriction.prop_map(RestrictionData),
        synchronization_extra_flags: any::<u32>(),
        property_tags: common::prop_tags(5).prop_map(List16)
    } => SynchronizationConfigureResponse(Output, no_fields()))
}

fn imports() -> impl Strategy<Value = Pair> {
    let msg_id = || {
        fields!(MessageIdSuccess {
            message_id: common::mid()
        })
    };
    let folder_id = fields!(FolderIdSuccess {
        folder_id: common::fid()
    });
    let read_state = fields!(MessageReadState {
        message_id: bin(24).prop_map(Bytes16),
        mark_as_read: any::<u8>(),
    });
    let read_states = proptest::collection::vec(read_state, 0..4).prop_map(MessageReadStates);
    prop_oneof![
        pair!(SynchronizationImportMessageChange: SynchronizationImportMessageChangeRequest {
            output_handle_index: idx(), import_flag: any::<u8>(), property_values: tagged_values()
        } => SynchronizationImportMessageChangeResponse(Output, succeeds_with(msg_id()))),
        pair!(SynchronizationImportReadStateChanges: SynchronizationImportReadStateChangesRequest {
            message_read_states: read_states
        } => SynchronizationImportReadStateChangesResponse(Input, no_fields())),
        pair!(SynchronizationImportHierarchyChange: SynchronizationImportHierarchyChangeRequest {
            hierarchy_values: tagged_values(), property_values: tagged_values()
        } => SynchronizationImportHierarchyChangeResponse(Input, succeeds_with(folder_id))),
        pair!(SynchronizationImportDeletes: SynchronizationImportDeletesRequest {
            import_delete_flags: any::<u8>(), property_values: tagged_values()
        } => SynchronizationImportDeletesResponse(Input, no_fields())),
        pair!(SynchronizationImportMessageMove: SynchronizationImportMessageMoveRequest {
            source_folder_id: b32(), source_message_id: b32(), predecessor_change_list: b32(),
            destination_message_id: b32(), change_number: b32()
        } => SynchronizationImportMessageMoveResponse(Input, succeeds_with(msg_id()))),
    ]
}

fn others() -> impl Strategy<Value = Pair> {
    let ids = fields!(GetLocalReplicaIdsSuccess {
        repl_guid: guid(),
        global_count: (0u64..=GlobalCounter::MAX)
            .prop_map(|c| GlobalCounter::from_value(c).unwrap()),
    });
    let range = fields!(LongTermIdRange {
        min_long_term_id: ltid(),
        max_long_term_id: ltid(),
    });
    let ranges = proptest::collection::vec(range, 0..4).prop_map(LongTermIdRanges);
    prop_oneof![
        pair!(SynchronizationOpenCollector: SynchronizationOpenCollectorRequest {
            output_handle_index: idx(), is_contents_collector: any::<u8>()
        } => SynchronizationOpenCollectorResponse(Output, no_fields())),
        pair!(SynchronizationGetTransferState: SynchronizationGetTransferStateRequest {
            output_handle_index: idx()
        } => SynchronizationGetTransferStateResponse(Output, no_fields())),
        pair!(SynchronizationUploadStateStreamBegin: SynchronizationUploadStateStreamBeginRequest {
            state_property: any::<u32>().prop_map(PropTag), transfer_buffer_size: any::<u32>()
        } => SynchronizationUploadStateStreamBeginResponse(Input, no_fields())),
        pair!(SynchronizationUploadStateStreamContinue: SynchronizationUploadStateStreamContinueRequest {
            stream_data: b32()
        } => SynchronizationUploadStateStreamContinueResponse(Input, no_fields())),
        pair!(SynchronizationUploadStateStreamEnd: SynchronizationUploadStateStreamEndRequest {}
            => SynchronizationUploadStateStreamEndResponse(Input, no_fields())),
        pair!(SetLocalReplicaMidsetDeleted: SetLocalReplicaMidsetDeletedRequest {
            long_term_id_ranges: ranges
        } => SetLocalReplicaMidsetDeletedResponse(Input, no_fields())),
        pair!(GetLocalReplicaIds: GetLocalReplicaIdsRequest { id_count: any::<u32>() }
            => GetLocalReplicaIdsResponse(Input, succeeds_with(ids))),
    ]
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

pair_tests!(128, HANDLES;
    configure_round_trips(configure()),
    import_rops_round_trip(imports()),
    other_ics_rops_round_trip(others()),
);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn globset_of_ranges_round_trips(r in ranges()) {
        let g = Globset::from_ranges(&r).unwrap();
        prop_assert_eq!(g.ranges(), &r[..]);
        assert_round_trip!(g, Globset);
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
        assert_round_trip!(x, IdsetReplid);
        let y = IdsetReplguid(b.into_iter().map(|(g, r)| ReplguidGlobset {
            repl_guid: Guid(g),
            globset: Globset::from_ranges(&r).unwrap(),
        }).collect());
        assert_round_trip!(y, IdsetReplguid);
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
        assert_round_trip!(pcl, PredecessorChangeList<'_>);
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
