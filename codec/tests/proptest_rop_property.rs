//! Round trips of the Property ROPs ([MS-OXCROPS] 2.2.8) and Stream ROPs (2.2.9) through
//! `RopRequestBuffer` / `RopResponseBuffer`: each request and the response answering it are
//! encoded in their buffers, decoded (the response against the decoded request), and must
//! come back equal.

use mapi_codec::wire::Decode;
use mapi_codec::wire::DecodeWith;
use std::borrow::Cow;

use mapi_codec::data::{
    PropTag, PropertyName, PropertyNameKind, PropertyProblem, PropertyRow, PropertyValue, RowValue,
    TaggedPropertyValue,
};
use mapi_codec::rop::field::{Bytes16, List16, NoFields, Outcome, TaggedValues16};
use mapi_codec::rop::property::*;
use mapi_codec::rop::stream::*;
use mapi_codec::rop::{HandleTable, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::wire::{AnsiStr, Encode, FileTime, Guid, Limits, Utf16Str};
use proptest::prelude::*;

type Pair = (RopRequest<'static>, RopResponse<'static>);

/// Handle indexes stay inside the three-entry tables the buffers carry.
fn idx() -> impl Strategy<Value = u8> {
    0u8..3
}

fn bin() -> impl Strategy<Value = Cow<'static, [u8]>> {
    proptest::collection::vec(any::<u8>(), 0..24).prop_map(Cow::Owned)
}

fn utf16() -> impl Strategy<Value = Utf16Str<'static>> {
    "[^\u{0}]{0,10}".prop_map(|s| Utf16Str::from_text(&s).unwrap())
}

fn tags() -> impl Strategy<Value = List16<PropTag>> {
    proptest::collection::vec(any::<u32>().prop_map(PropTag), 0..5).prop_map(List16)
}

fn ids() -> impl Strategy<Value = List16<u16>> {
    proptest::collection::vec(any::<u16>(), 0..5).prop_map(List16)
}

fn name() -> impl Strategy<Value = PropertyName<'static>> {
    let kind = prop_oneof![
        any::<u32>().prop_map(PropertyNameKind::Lid),
        utf16().prop_map(PropertyNameKind::Name),
        Just(PropertyNameKind::NoName),
    ];
    (any::<[u8; 16]>(), kind).prop_map(|(g, kind)| PropertyName {
        guid: Guid(g),
        kind,
    })
}

fn names() -> impl Strategy<Value = List16<PropertyName<'static>>> {
    proptest::collection::vec(name(), 0..4).prop_map(List16)
}

fn value() -> impl Strategy<Value = PropertyValue<'static>> {
    use PropertyValue as V;
    prop_oneof![
        any::<i16>().prop_map(V::Integer16),
        any::<i32>().prop_map(V::Integer32),
        any::<i64>().prop_map(V::Integer64),
        any::<u32>().prop_map(V::ErrorCode),
        any::<bool>().prop_map(V::Boolean),
        utf16().prop_map(V::String),
        proptest::collection::vec(1u8..=255, 0..8)
            .prop_map(|v| V::String8(AnsiStr::from_vec(v).unwrap())),
        any::<u64>().prop_map(|t| V::Time(FileTime(t))),
        any::<[u8; 16]>().prop_map(|g| V::Guid(Guid(g))),
        bin().prop_map(V::Binary),
    ]
}

fn tagged_values() -> impl Strategy<Value = TaggedValues16<'static>> {
    proptest::collection::vec(
        (any::<u16>(), value()).prop_map(|(id, value)| TaggedPropertyValue {
            tag: PropTag::new(id, value.prop_type()),
            value,
        }),
        0..4,
    )
    .prop_map(TaggedValues16)
}

fn problems() -> impl Strategy<Value = PropertyProblemsSuccess> {
    proptest::collection::vec(
        (any::<u16>(), any::<u32>(), any::<u32>()).prop_map(|(index, tag, error_code)| {
            PropertyProblem {
                index,
                prop_tag: PropTag(tag),
                error_code,
            }
        }),
        0..4,
    )
    .prop_map(|p| PropertyProblemsSuccess {
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
fn outcome<S: std::fmt::Debug + Clone, F: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = S>,
    f: impl Strategy<Value = F>,
) -> impl Strategy<Value = (u32, Outcome<S, F>)> {
    prop_oneof![
        s.prop_map(|s| (0, Outcome::Success(s))),
        (failure_code(), f).prop_map(|(c, f)| (c, Outcome::Failure(f))),
    ]
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

/// RopGetPropertiesSpecific: a StandardPropertyRow whose values give the requested tags.
fn get_properties_specific() -> impl Strategy<Value = Pair> {
    (
        idx(),
        any::<u16>(),
        proptest::collection::vec((any::<u16>(), value()), 0..4),
        failure_code(),
        any::<bool>(),
    )
        .prop_map(|(h, want_unicode, cells, code, ok)| {
            let columns: Vec<PropTag> = cells
                .iter()
                .map(|(id, v)| PropTag::new(*id, v.prop_type()))
                .collect();
            let row = PropertyRow {
                flagged: false,
                values: cells.into_iter().map(|(_, v)| RowValue::Value(v)).collect(),
            };
            let (rv, body) = if ok {
                (
                    0,
                    Outcome::Success(GetPropertiesSpecificSuccess {
                        row,
                        columns: columns.clone(),
                    }),
                )
            } else {
                (code, Outcome::Failure(NoFields))
            };
            (
                RopRequest::GetPropertiesSpecific(GetPropertiesSpecificRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    property_size_limit: 0,
                    want_unicode,
                    property_tags: mapi_codec::rop::PropTags::new(&columns),
                }),
                resp!(
                    GetPropertiesSpecific,
                    GetPropertiesSpecificResponse,
                    h,
                    (rv, body)
                ),
            )
        })
}

fn property_pairs() -> impl Strategy<Value = Pair> {
    prop_oneof![
        get_properties_specific(),
        (
            idx(),
            any::<u8>(),
            names(),
            prop_oneof![
                outcome(ids(), Just(NoFields)),
                ids().prop_map(|i| (ERRORS_RETURNED, Outcome::Success(i))),
            ]
        )
            .prop_map(|(h, flags, property_names, o)| (
                RopRequest::GetPropertyIdsFromNames(GetPropertyIdsFromNamesRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    flags,
                    property_names,
                }),
                resp!(
                    GetPropertyIdsFromNames,
                    GetPropertyIdsFromNamesResponse,
                    h,
                    (
                        o.0,
                        match o.1 {
                            Outcome::Success(property_ids) =>
                                Outcome::Success(GetPropertyIdsFromNamesSuccess { property_ids }),
                            Outcome::Failure(f) => Outcome::Failure(f),
                        }
                    )
                ),
            )),
        (idx(), ids(), outcome(names(), Just(NoFields))).prop_map(|(h, property_ids, o)| (
            RopRequest::GetNamesFromPropertyIds(GetNamesFromPropertyIdsRequest {
                logon_id: 1,
                input_handle_index: h,
                property_ids,
            }),
            resp!(
                GetNamesFromPropertyIds,
                GetNamesFromPropertyIdsResponse,
                h,
                (
                    o.0,
                    match o.1 {
                        Outcome::Success(property_names) =>
                            Outcome::Success(GetNamesFromPropertyIdsSuccess { property_names }),
                        Outcome::Failure(f) => Outcome::Failure(f),
                    }
                )
            ),
        )),
        (
            idx(),
            any::<u16>(),
            any::<u16>(),
            outcome(tagged_values(), Just(NoFields))
        )
            .prop_map(|(h, property_size_limit, want_unicode, o)| (
                RopRequest::GetPropertiesAll(GetPropertiesAllRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    property_size_limit,
                    want_unicode,
                }),
                resp!(
                    GetPropertiesAll,
                    GetPropertiesAllResponse,
                    h,
                    (
                        o.0,
                        match o.1 {
                            Outcome::Success(property_values) =>
                                Outcome::Success(GetPropertiesAllSuccess { property_values }),
                            Outcome::Failure(f) => Outcome::Failure(f),
                        }
                    )
                ),
            )),
        (idx(), outcome(tags(), Just(NoFields))).prop_map(|(h, o)| (
            RopRequest::GetPropertiesList(GetPropertiesListRequest {
                logon_id: 0,
                input_handle_index: h,
            }),
            resp!(
                GetPropertiesList,
                GetPropertiesListResponse,
                h,
                (
                    o.0,
                    match o.1 {
                        Outcome::Success(property_tags) =>
                            Outcome::Success(GetPropertiesListSuccess { property_tags }),
                        Outcome::Failure(f) => Outcome::Failure(f),
                    }
                )
            ),
        )),
        (
            idx(),
            any::<bool>(),
            tagged_values(),
            outcome(problems(), Just(NoFields))
        )
            .prop_map(|(h, no_replicate, property_values, o)| {
                let q = SetPropertiesRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    property_values: SizedBy(property_values),
                };
                if no_replicate {
                    (
                        RopRequest::SetPropertiesNoReplicate(q),
                        resp!(
                            SetPropertiesNoReplicate,
                            SetPropertiesNoReplicateResponse,
                            h,
                            o
                        ),
                    )
                } else {
                    (
                        RopRequest::SetProperties(q),
                        resp!(SetProperties, SetPropertiesResponse, h, o),
                    )
                }
            }),
        (
            idx(),
            any::<bool>(),
            tags(),
            outcome(problems(), Just(NoFields))
        )
            .prop_map(|(h, no_replicate, property_tags, o)| {
                let q = DeletePropertiesRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    property_tags,
                };
                if no_replicate {
                    (
                        RopRequest::DeletePropertiesNoReplicate(q),
                        resp!(
                            DeletePropertiesNoReplicate,
                            DeletePropertiesNoReplicateResponse,
                            h,
                            o
                        ),
                    )
                } else {
                    (
                        RopRequest::DeleteProperties(q),
                        resp!(DeleteProperties, DeletePropertiesResponse, h, o),
                    )
                }
            }),
        (
            idx(),
            any::<u8>(),
            any::<u8>(),
            any::<[u8; 16]>(),
            outcome(
                proptest::collection::vec((any::<u16>(), name()), 0..4),
                Just(NoFields)
            ),
        )
            .prop_map(|(h, query_flags, has_guid, g, o)| (
                RopRequest::QueryNamedProperties(QueryNamedPropertiesRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    query_flags,
                    has_guid,
                    property_guid: (has_guid != 0).then_some(Guid(g)),
                }),
                resp!(
                    QueryNamedProperties,
                    QueryNamedPropertiesResponse,
                    h,
                    (
                        o.0,
                        match o.1 {
                            Outcome::Success(properties) =>
                                Outcome::Success(QueryNamedPropertiesSuccess { properties }),
                            Outcome::Failure(f) => Outcome::Failure(f),
                        }
                    )
                ),
            )),
        (
            idx(),
            idx(),
            any::<bool>(),
            any::<bool>(),
            any::<u8>(),
            tags(),
            copy_outcome()
        )
            .prop_map(|(s, d, asynchronous, sub, copy_flags, t, (rv, body))| {
                let body = match body {
                    Outcome::Failure(NullDestinationFailure {
                        dest_handle_index: Some(_),
                    }) => Outcome::Failure(NullDestinationFailure {
                        dest_handle_index: Some(d.into()),
                    }),
                    b => b,
                };
                if sub {
                    (
                        RopRequest::CopyTo(CopyToRequest {
                            logon_id: 0,
                            source_handle_index: s,
                            dest_handle_index: d,
                            want_asynchronous: asynchronous,
                            want_sub_objects: sub,
                            copy_flags,
                            excluded_tags: t,
                        }),
                        resp!(CopyTo, CopyToResponse, s, (rv, body)),
                    )
                } else {
                    (
                        RopRequest::CopyProperties(CopyPropertiesRequest {
                            logon_id: 0,
                            source_handle_index: s,
                            dest_handle_index: d,
                            want_asynchronous: asynchronous,
                            copy_flags,
                            property_tags: t,
                        }),
                        resp!(CopyProperties, CopyPropertiesResponse, s, (rv, body)),
                    )
                }
            }),
        (
            idx(),
            any::<bool>(),
            any::<u8>(),
            any::<u32>(),
            any::<u32>(),
            failure_code(),
            any::<bool>()
        )
            .prop_map(|(h, want_cancel, logon_id, done, total, code, ok)| (
                RopRequest::Progress(ProgressRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    want_cancel,
                }),
                resp!(
                    Progress,
                    ProgressResponse,
                    h,
                    if ok {
                        (
                            0,
                            Outcome::Success(ProgressSuccess {
                                logon_id,
                                completed_task_count: done,
                                total_task_count: total,
                            }),
                        )
                    } else {
                        (code, Outcome::Failure(NoFields))
                    }
                ),
            )),
    ]
}

fn copy_outcome() -> impl Strategy<
    Value = (
        u32,
        Outcome<PropertyProblemsSuccess, NullDestinationFailure>,
    ),
> {
    prop_oneof![
        outcome(problems(), Just(NullDestinationFailure::default())),
        Just((
            NULL_DESTINATION_OBJECT,
            Outcome::Failure(NullDestinationFailure {
                dest_handle_index: Some(0),
            })
        )),
    ]
}

fn data() -> impl Strategy<Value = Bytes16<'static>> {
    bin().prop_map(Bytes16)
}

fn stream_pairs() -> impl Strategy<Value = Pair> {
    prop_oneof![
        (idx(), idx(), any::<u32>(), any::<u8>(), outcome(any::<u32>(), Just(NoFields)))
            .prop_map(|(i, o, tag, open_mode_flags, (rv, body))| (
                RopRequest::OpenStream(OpenStreamRequest {
                    logon_id: 0,
                    input_handle_index: i,
                    output_handle_index: o,
                    property_tag: PropTag(tag),
                    open_mode_flags,
                }),
                resp!(OpenStream, OpenStreamResponse, o, (rv, match body {
                    Outcome::Success(stream_size) =>
                        Outcome::Success(OpenStreamSuccess { stream_size }),
                    Outcome::Failure(f) => Outcome::Failure(f),
                })),
            )),
        (idx(), any::<u16>(), any::<u32>(), outcome(data(), data())).prop_map(
            |(h, byte_count, max, (rv, body))| (
                RopRequest::ReadStream(ReadStreamRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    byte_count,
                    maximum_byte_count: (byte_count == 0xBABE).then_some(max),
                }),
                resp!(ReadStream, ReadStreamResponse, h, (rv, match body {
                    Outcome::Success(data) => Outcome::Success(ReadStreamData { data }),
                    Outcome::Failure(data) => Outcome::Failure(ReadStreamData { data }),
                })),
            )
        ),
        (idx(), 0u8..3, data(), outcome(any::<u16>(), any::<u16>()), any::<u32>()).prop_map(
            |(h, which, data, (rv, body), ext)| {
                let q = WriteStreamRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    data,
                };
                let w = |n: u16| WrittenSize { written_size: n };
                let body2 = match body {
                    Outcome::Success(n) => Outcome::Success(w(n)),
                    Outcome::Failure(n) => Outcome::Failure(w(n)),
                };
                match which {
                    0 => (
                        RopRequest::WriteStream(q),
                        resp!(WriteStream, WriteStreamResponse, h, (rv, body2)),
                    ),
                    1 => (
                        RopRequest::WriteAndCommitStream(q),
                        resp!(WriteAndCommitStream, WriteAndCommitStreamResponse, h, (rv, body2)),
                    ),
                    _ => {
                        let e = WrittenSizeExtended { written_size: ext };
                        let body = match body2 {
                            Outcome::Success(_) => Outcome::Success(e),
                            Outcome::Failure(_) => Outcome::Failure(e),
                        };
                        (
                            RopRequest::WriteStreamExtended(q),
                            resp!(WriteStreamExtended, WriteStreamExtendedResponse, h, (rv, body)),
                        )
                    }
                }
            }
        ),
        (idx(), 0u8..5, outcome(Just(NoFields), Just(NoFields)), any::<u32>(), any::<u64>(),
            any::<u64>(), any::<u32>())
            .prop_map(|(h, which, (rv, body), size, a, b, flags)| {
                let plain = StreamRequest { logon_id: 0, input_handle_index: h };
                let region = RegionStreamRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    region_offset: a,
                    region_size: b,
                    lock_flags: flags,
                };
                match which {
                    0 => (
                        RopRequest::CommitStream(plain),
                        resp!(CommitStream, CommitStreamResponse, h, (rv, body)),
                    ),
                    1 => (
                        RopRequest::GetStreamSize(plain),
                        resp!(GetStreamSize, GetStreamSizeResponse, h, (rv, match body {
                            Outcome::Success(_) =>
                                Outcome::Success(GetStreamSizeSuccess { stream_size: size }),
                            Outcome::Failure(f) => Outcome::Failure(f),
                        })),
                    ),
                    2 => (
                        RopRequest::SetStreamSize(SetStreamSizeRequest {
                            logon_id: 0,
                            input_handle_index: h,
                            stream_size: a,
                        }),
                        resp!(SetStreamSize, SetStreamSizeResponse, h, (rv, body)),
                    ),
                    3 => (
                        RopRequest::LockRegionStream(region),
                        resp!(LockRegionStream, LockRegionStreamResponse, h, (rv, body)),
                    ),
                    _ => (
                        RopRequest::UnlockRegionStream(region),
                        resp!(UnlockRegionStream, UnlockRegionStreamResponse, h, (rv, body)),
                    ),
                }
            }),
        (idx(), any::<u8>(), any::<u64>(), outcome(any::<u64>(), Just(NoFields))).prop_map(
            |(h, origin, offset, (rv, body))| (
                RopRequest::SeekStream(SeekStreamRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    origin,
                    offset,
                }),
                resp!(SeekStream, SeekStreamResponse, h, (rv, match body {
                    Outcome::Success(new_position) =>
                        Outcome::Success(SeekStreamSuccess { new_position }),
                    Outcome::Failure(f) => Outcome::Failure(f),
                })),
            )
        ),
        (idx(), idx(), any::<u64>(), any::<u64>(), any::<u64>(), 0u8..3, failure_code())
            .prop_map(|(s, d, byte_count, r, w, which, code)| {
                let counts = CopyToStreamCounts {
                    read_byte_count: r,
                    written_byte_count: w,
                };
                let (rv, body) = match which {
                    0 => (0, Outcome::Success(counts)),
                    1 => (code, Outcome::Failure(CopyToStreamFailure {
                        dest_handle_index: None,
                        counts,
                    })),
                    _ => (NULL_DESTINATION_OBJECT, Outcome::Failure(CopyToStreamFailure {
                        dest_handle_index: Some(d.into()),
                        counts,
                    })),
                };
                (
                    RopRequest::CopyToStream(CopyToStreamRequest {
                        logon_id: 0,
                        source_handle_index: s,
                        dest_handle_index: d,
                        byte_count,
                    }),
                    resp!(CopyToStream, CopyToStreamResponse, s, (rv, body)),
                )
            }),
        (idx(), idx(), outcome(Just(NoFields), Just(NoFields))).prop_map(|(i, o, (rv, body))| (
            RopRequest::CloneStream(CloneStreamRequest {
                logon_id: 0,
                input_handle_index: i,
                output_handle_index: o,
            }),
            resp!(CloneStream, CloneStreamResponse, o, (rv, body)),
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn property_rops_round_trip(pair in property_pairs()) {
        round_trip(pair)?;
    }

    #[test]
    fn stream_rops_round_trip(pair in stream_pairs()) {
        round_trip(pair)?;
    }
}
