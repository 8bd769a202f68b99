//! Round trips of the Property ROPs ([MS-OXCROPS] 2.2.8) and Stream ROPs (2.2.9) through
//! `RopRequestBuffer` / `RopResponseBuffer`: each request and the response answering it are
//! encoded in their buffers, decoded (the response against the decoded request), and must
//! come back equal.

#[macro_use]
mod common;

use common::{bin, guid, outcome_in, property_name, value_among, Pair};
use common::{Returns, Value};
use mapi_codec::data::{PropTag, PropType, PropertyName, PropertyProblem, PropertyRow, RowValue};
use mapi_codec::rop::field::{Bytes16, List16, NoFields, Outcome, TaggedValues16};
use mapi_codec::rop::property::*;
use mapi_codec::rop::stream::*;
use proptest::prelude::*;

/// The handles of every buffer built here.
const HANDLES: [u32; 3] = [0x0000_0041, 0x0000_0042, 0x0000_0043];

/// Handle indexes stay inside the three-entry tables the buffers carry.
fn idx() -> impl Strategy<Value = u8> {
    0u8..3
}

fn tags() -> impl Strategy<Value = List16<PropTag>> {
    common::prop_tags(5).prop_map(List16)
}

fn ids() -> impl Strategy<Value = List16<u16>> {
    proptest::collection::vec(any::<u16>(), 0..5).prop_map(List16)
}

fn names() -> impl Strategy<Value = List16<PropertyName<'static>>> {
    proptest::collection::vec(property_name(10, true), 0..4).prop_map(List16)
}

/// The types of the values set and read here.
const TYPES: &[PropType] = &[
    PropType::INTEGER16,
    PropType::INTEGER32,
    PropType::INTEGER64,
    PropType::ERROR_CODE,
    PropType::BOOLEAN,
    PropType::STRING,
    PropType::STRING8,
    PropType::TIME,
    PropType::GUID,
    PropType::BINARY,
];

fn tagged_values() -> impl Strategy<Value = TaggedValues16<'static>> {
    common::tagged_values(TYPES, 24).prop_map(TaggedValues16)
}

fn problems() -> impl Strategy<Value = PropertyProblemsSuccess> {
    let problem = fields!(PropertyProblem {
        index: any::<u16>(),
        prop_tag: any::<u32>().prop_map(PropTag),
        error_code: any::<u32>(),
    });
    proptest::collection::vec(problem, 0..4).prop_map(|p| PropertyProblemsSuccess {
        property_problems: List16(p),
    })
}

/// A failure ReturnValue other than the codes with a layout of their own.
fn failure_code() -> impl Strategy<Value = u32> {
    any::<u32>().prop_filter("not a success or special code", |c| {
        ![0, NULL_DESTINATION_OBJECT, ERRORS_RETURNED].contains(c)
    })
}

/// ReturnValue and body: success, or a plain failure.
fn returns<S: Value, F: Value>(
    s: impl Strategy<Value = S> + 'static,
    f: impl Strategy<Value = F> + 'static,
) -> Returns<S, F> {
    outcome_in(failure_code(), s, f)
}

/// [`returns`] of a response with no fields but ReturnValue.
fn plain() -> Returns<NoFields, NoFields> {
    returns(Just(NoFields), Just(NoFields))
}

/// A pair of the ROP `$v` on LogonId 0 and any input handle (see `answered!`).
macro_rules! pair {
    ($v:ident: $q:ident { $($f:tt)* } => $($r:tt)*) => {
        answered!($v: $q { logon_id: Just(0), input_handle_index: idx(), $($f)* } => $($r)*)
    };
}

/// RopGetPropertiesSpecific: a StandardPropertyRow whose values give the requested tags.
fn get_properties_specific() -> impl Strategy<Value = Pair> {
    (
        idx(),
        any::<u16>(),
        proptest::collection::vec((any::<u16>(), value_among(TYPES, 24)), 0..4),
        failure_code(),
        any::<bool>(),
    )
        .prop_map(|(h, want_unicode, cells, code, ok)| {
            let columns: Vec<PropTag> = cells
                .iter()
                .map(|(id, v)| PropTag::new(*id, v.prop_type()))
                .collect();
            let row = PropertyRow::new(false, cells.into_iter().map(|(_, v)| RowValue::Value(v)).collect());
            let (return_value, body) = if ok {
                let columns = columns.clone();
                (
                    0,
                    Outcome::Success(GetPropertiesSpecificSuccess::new(columns, row)),
                )
            } else {
                (code, Outcome::Failure(NoFields))
            };
            let q = GetPropertiesSpecificRequest {
                logon_id: 0,
                input_handle_index: h,
                property_size_limit: 0,
                want_unicode,
                property_tags: mapi_codec::rop::PropTags::new(&columns),
            };
            pair_of!(GetPropertiesSpecific(q) => GetPropertiesSpecificResponse(h, (return_value, body)))
        })
}

/// ReturnValue and body of RopGetPropertyIdsFromNames: ErrorsReturned has the success layout.
fn ids_from_names() -> Returns<GetPropertyIdsFromNamesSuccess, NoFields> {
    let success = || {
        fields!(GetPropertyIdsFromNamesSuccess {
            property_ids: ids()
        })
    };
    let partly = success().prop_map(|s| (ERRORS_RETURNED, Outcome::Success(s)));
    prop_oneof![returns(success(), Just(NoFields)), partly].boxed()
}

fn query_named_properties() -> impl Strategy<Value = QueryNamedPropertiesRequest> {
    (idx(), any::<u8>(), any::<u8>(), guid()).prop_map(|(h, query_flags, has_guid, g)| {
        QueryNamedPropertiesRequest {
            logon_id: 0,
            input_handle_index: h,
            query_flags,
            has_guid,
            property_guid: (has_guid != 0).then_some(g),
        }
    })
}

/// RopCopyTo or RopCopyProperties: a failure for a missing destination names its index.
fn copies() -> impl Strategy<Value = Pair> {
    (
        idx(),
        idx(),
        any::<bool>(),
        any::<bool>(),
        any::<u8>(),
        tags(),
        copy_outcome(),
    )
        .prop_map(
            |(s, d, asynchronous, sub, copy_flags, t, (return_value, body))| {
                let body = match body {
                    Outcome::Failure(NullDestinationFailure {
                        dest_handle_index: Some(_),
                    }) => Outcome::Failure(NullDestinationFailure {
                        dest_handle_index: Some(d.into()),
                    }),
                    b => b,
                };
                let (source_handle_index, dest_handle_index) = (s, d);
                if sub {
                    let q = CopyToRequest {
                        logon_id: 0,
                        source_handle_index,
                        dest_handle_index,
                        want_asynchronous: (asynchronous).into(),
                        want_sub_objects: (sub).into(),
                        copy_flags,
                        excluded_tags: t,
                    };
                    pair_of!(CopyTo(q) => CopyToResponse(s, (return_value, body)))
                } else {
                    let q = CopyPropertiesRequest {
                        logon_id: 0,
                        source_handle_index,
                        dest_handle_index,
                        want_asynchronous: (asynchronous).into(),
                        copy_flags,
                        property_tags: t,
                    };
                    pair_of!(CopyProperties(q) => CopyPropertiesResponse(s, (return_value, body)))
                }
            },
        )
}

fn copy_outcome() -> Returns<PropertyProblemsSuccess, NullDestinationFailure> {
    let missing = NullDestinationFailure {
        dest_handle_index: Some(0),
    };
    prop_oneof![
        returns(problems(), Just(NullDestinationFailure::default())),
        Just((NULL_DESTINATION_OBJECT, Outcome::Failure(missing))),
    ]
    .boxed()
}

fn property_pairs() -> impl Strategy<Value = Pair> {
    let properties = proptest::collection::vec((any::<u16>(), property_name(10, true)), 0..4);
    let progress = fields!(ProgressSuccess {
        logon_id: any::<u8>(),
        completed_task_count: any::<u32>(),
        total_task_count: any::<u32>(),
    });
    let names_from_ids = fields!(GetNamesFromPropertyIdsRequest {
        logon_id: Just(1),
        input_handle_index: idx(),
        property_ids: ids(),
    });
    let property_values = || tagged_values().prop_map(SizedBy);
    prop_oneof![
        get_properties_specific().boxed(),
        pair!(GetPropertyIdsFromNames: GetPropertyIdsFromNamesRequest {
            flags: any::<u8>(), property_names: names()
        } => GetPropertyIdsFromNamesResponse(Input, ids_from_names())),
        answered!(GetNamesFromPropertyIds, names_from_ids, Input => GetNamesFromPropertyIdsResponse,
            returns(fields!(GetNamesFromPropertyIdsSuccess { property_names: names() }), Just(NoFields))),
        pair!(GetPropertiesAll: GetPropertiesAllRequest {
            property_size_limit: any::<u16>(), want_unicode: any::<u16>()
        } => GetPropertiesAllResponse(Input, returns(
            fields!(GetPropertiesAllSuccess { property_values: tagged_values() }),
            Just(NoFields)
        ))),
        pair!(GetPropertiesList: GetPropertiesListRequest {}
        => GetPropertiesListResponse(Input, returns(
            fields!(GetPropertiesListSuccess { property_tags: tags() }),
            Just(NoFields)
        ))),
        pair!(SetProperties: SetPropertiesRequest { property_values: property_values() }
            => SetPropertiesResponse(Input, returns(problems(), Just(NoFields)))),
        pair!(SetPropertiesNoReplicate: SetPropertiesRequest { property_values: property_values() }
            => SetPropertiesNoReplicateResponse(Input, returns(problems(), Just(NoFields)))),
        pair!(DeleteProperties: DeletePropertiesRequest { property_tags: tags() }
            => DeletePropertiesResponse(Input, returns(problems(), Just(NoFields)))),
        pair!(DeletePropertiesNoReplicate: DeletePropertiesRequest { property_tags: tags() }
            => DeletePropertiesNoReplicateResponse(Input, returns(problems(), Just(NoFields)))),
        answered!(QueryNamedProperties, query_named_properties(), Input => QueryNamedPropertiesResponse,
            returns(fields!(QueryNamedPropertiesSuccess { properties }), Just(NoFields))),
        copies().boxed(),
        pair!(Progress: ProgressRequest { want_cancel: any::<u8>().prop_map(mapi_codec::wire::Bool8) }
            => ProgressResponse(Input, returns(progress, Just(NoFields)))),
    ]
}

fn data() -> impl Strategy<Value = Bytes16<'static>> {
    bin(24).prop_map(Bytes16)
}

fn read_stream() -> impl Strategy<Value = ReadStreamRequest> {
    (idx(), any::<u16>(), any::<u32>()).prop_map(|(h, byte_count, max)| ReadStreamRequest {
        logon_id: 0,
        input_handle_index: h,
        byte_count,
        maximum_byte_count: (byte_count == 0xBABE).then_some(max),
    })
}

/// RopCopyToStream: the counts come in success and failure alike, a failure for a missing
/// destination names its index.
fn copy_to_stream() -> impl Strategy<Value = Pair> {
    let counts = fields!(CopyToStreamCounts {
        read_byte_count: any::<u64>(),
        written_byte_count: any::<u64>(),
    });
    (idx(), idx(), any::<u64>(), counts, 0u8..3, failure_code()).prop_map(
        |(s, d, byte_count, counts, which, code)| {
            let failure = |dest_handle_index| CopyToStreamFailure {
                dest_handle_index,
                counts: counts.clone(),
            };
            let (return_value, body) = match which {
                0 => (0, Outcome::Success(counts.clone())),
                1 => (code, Outcome::Failure(failure(None))),
                _ => (
                    NULL_DESTINATION_OBJECT,
                    Outcome::Failure(failure(Some(d.into()))),
                ),
            };
            let q = CopyToStreamRequest {
                logon_id: 0,
                source_handle_index: s,
                dest_handle_index: d,
                byte_count,
            };
            pair_of!(CopyToStream(q) => CopyToStreamResponse(s, (return_value, body)))
        },
    )
}

fn stream_pairs() -> impl Strategy<Value = Pair> {
    let written = || {
        fields!(WrittenSize {
            written_size: any::<u16>()
        })
    };
    let written_ext = || {
        fields!(WrittenSizeExtended {
            written_size: any::<u32>()
        })
    };
    let read = || fields!(ReadStreamData { data: data() });
    let region = || {
        fields!(RegionStreamRequest {
            logon_id: Just(0),
            input_handle_index: idx(),
            region_offset: any::<u64>(),
            region_size: any::<u64>(),
            lock_flags: any::<u32>(),
        })
    };
    prop_oneof![
        pair!(OpenStream: OpenStreamRequest {
            output_handle_index: idx(), property_tag: any::<u32>().prop_map(PropTag),
            open_mode_flags: any::<u8>()
        } => OpenStreamResponse(Output, returns(
            fields!(OpenStreamSuccess { stream_size: any::<u32>() }),
            Just(NoFields)
        ))),
        answered!(ReadStream, read_stream(), Input => ReadStreamResponse, returns(read(), read())),
        pair!(WriteStream: WriteStreamRequest { data: data() }
            => WriteStreamResponse(Input, returns(written(), written()))),
        pair!(WriteAndCommitStream: WriteStreamRequest { data: data() }
            => WriteAndCommitStreamResponse(Input, returns(written(), written()))),
        pair!(WriteStreamExtended: WriteStreamRequest { data: data() }
            => WriteStreamExtendedResponse(Input, returns(written_ext(), written_ext()))),
        pair!(CommitStream: StreamRequest {} => CommitStreamResponse(Input, plain())),
        pair!(GetStreamSize: StreamRequest {} => GetStreamSizeResponse(Input, returns(
            fields!(GetStreamSizeSuccess { stream_size: any::<u32>() }),
            Just(NoFields)
        ))),
        pair!(SetStreamSize: SetStreamSizeRequest { stream_size: any::<u64>() }
            => SetStreamSizeResponse(Input, plain())),
        answered!(LockRegionStream, region(), Input => LockRegionStreamResponse, plain()),
        answered!(UnlockRegionStream, region(), Input => UnlockRegionStreamResponse, plain()),
        pair!(SeekStream: SeekStreamRequest { origin: any::<u8>(), offset: any::<u64>() }
        => SeekStreamResponse(Input, returns(
            fields!(SeekStreamSuccess { new_position: any::<u64>() }),
            Just(NoFields)
        ))),
        copy_to_stream().boxed(),
        pair!(CloneStream: CloneStreamRequest { output_handle_index: idx() }
            => CloneStreamResponse(Output, plain())),
    ]
}

pair_tests!(256, HANDLES;
    property_rops_round_trip(property_pairs()),
    stream_rops_round_trip(stream_pairs()),
);
