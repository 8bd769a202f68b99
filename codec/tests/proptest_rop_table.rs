//! Round trips of the Table ROPs ([MS-OXCROPS] 2.2.5) through the ROP buffers:
//! `decode(encode(x)) == x` for every request, and for every response decoded against its
//! request (rows against the columns of a RopSetColumns earlier in the same buffer).

use mapi_codec::wire::DecodeWith;
use std::borrow::Cow;

use mapi_codec::data::{
    Flagged, FlaggedPropertyValue, PropTag, PropType, PropertyRow, PropertyValue, Restriction,
    RowValue, SortOrder, SortOrderFlag, SortOrderSet,
};
use mapi_codec::rop::field::{Bytes16, List16, NoFields};
use mapi_codec::rop::table::*;
use mapi_codec::rop::{
    HandleTable, Outcome, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer,
};
use mapi_codec::wire::{Decode, Encode, Limits, Utf16Str};
use proptest::prelude::*;

/// The table's columns: one of each kind of cell the rows below use.
fn columns() -> Vec<PropTag> {
    vec![
        PropTag::new(0x0037, PropType::STRING),
        PropTag::new(0x0E08, PropType::INTEGER32),
        PropTag::new(0x674D, PropType::INTEGER64),
        PropTag::new(0x0FFF, PropType::BINARY),
        PropTag::new(0x0E1B, PropType::BOOLEAN),
    ]
}

fn bytes16() -> impl Strategy<Value = Bytes16<'static>> {
    proptest::collection::vec(any::<u8>(), 0..16).prop_map(|v| Bytes16(Cow::Owned(v)))
}

fn values() -> impl Strategy<Value = Vec<PropertyValue<'static>>> {
    (
        "[^\u{0}]{0,8}",
        any::<i32>(),
        any::<i64>(),
        proptest::collection::vec(any::<u8>(), 0..8),
        any::<bool>(),
    )
        .prop_map(|(s, a, b, bin, t)| {
            vec![
                PropertyValue::String(Utf16Str::from_text(&s).unwrap()),
                PropertyValue::Integer32(a),
                PropertyValue::Integer64(b),
                PropertyValue::Binary(Cow::Owned(bin)),
                PropertyValue::Boolean(t),
            ]
        })
}

/// A StandardPropertyRow or a FlaggedPropertyRow of [`columns`].
fn row() -> impl Strategy<Value = PropertyRow<'static>> {
    let cell = |v: PropertyValue<'static>| {
        prop_oneof![
            Just(Flagged::Value(v)),
            Just(Flagged::Missing),
            any::<u32>().prop_map(Flagged::Error),
        ]
    };
    prop_oneof![
        values().prop_map(|v| PropertyRow {
            flagged: false,
            values: v.into_iter().map(RowValue::Value).collect(),
        }),
        values()
            .prop_flat_map(move |v| v.into_iter().map(cell).collect::<Vec<_>>())
            .prop_map(|cells| PropertyRow {
                flagged: true,
                values: cells
                    .into_iter()
                    .map(|c| RowValue::Flagged(FlaggedPropertyValue(c)))
                    .collect(),
            }),
    ]
}

fn restriction() -> impl Strategy<Value = Restriction<'static>> {
    let tag = any::<u32>().prop_map(PropTag);
    let leaf = prop_oneof![
        tag.clone()
            .prop_map(|prop_tag| Restriction::Exist { prop_tag }),
        (tag.clone(), tag).prop_map(|(a, b)| Restriction::CompareProps {
            rel_op: mapi_codec::data::RelOp::EQ,
            prop_tag1: a,
            prop_tag2: b,
        }),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Restriction::And),
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Restriction::Or),
            inner.prop_map(|r| Restriction::Not(Box::new(r))),
        ]
    })
}

fn restriction_data() -> impl Strategy<Value = RestrictionData<'static>> {
    proptest::option::of(restriction()).prop_map(RestrictionData)
}

fn sort_order_set() -> impl Strategy<Value = SortOrderSet> {
    proptest::collection::vec(
        (any::<u16>(), any::<u16>(), any::<u8>()).prop_map(|(t, id, o)| SortOrder {
            prop_type: PropType(t),
            prop_id: id,
            order: SortOrderFlag(o),
        }),
        0..4,
    )
    .prop_flat_map(|sort_orders| {
        let n = sort_orders.len() as u16;
        (Just(sort_orders), 0..=n)
    })
    .prop_flat_map(|(sort_orders, categorized)| {
        (Just(sort_orders), Just(categorized), 0..=categorized)
    })
    .prop_map(
        |(sort_orders, categorized_count, expanded_count)| SortOrderSet {
            categorized_count,
            expanded_count,
            sort_orders,
        },
    )
}

const T: u8 = 1;

/// One table request (on handle index 1) and a response that answers it.
fn exchange() -> impl Strategy<Value = (RopRequest<'static>, RopResponse<'static>)> {
    let code = prop_oneof![Just(0u32), Just(0x8004_0102u32), Just(0x8004_0405u32)];
    macro_rules! outcome {
        ($rv:expr, $s:expr) => {
            if $rv == 0 {
                Outcome::Success($s)
            } else {
                Outcome::Failure(NoFields)
            }
        };
    }
    prop_oneof![
        (any::<u8>(), sort_order_set(), code.clone(), any::<u8>()).prop_map(
            |(flags, set, rv, st)| (
                RopRequest::SortTable(Box::new(SortTableRequest {
                    logon_id: 0,
                    input_handle_index: T,
                    sort_table_flags: flags,
                    sort_order_set: set,
                })),
                RopResponse::SortTable(SortTableResponse {
                    handle_index: T,
                    return_value: rv,
                    body: outcome!(rv, TableStatusSuccess { table_status: st }),
                })
            )
        ),
        (any::<u8>(), restriction_data(), code.clone(), any::<u8>()).prop_map(
            |(flags, r, rv, st)| (
                RopRequest::Restrict(Box::new(RestrictRequest {
                    logon_id: 0,
                    input_handle_index: T,
                    restrict_flags: flags,
                    restriction: r,
                })),
                RopResponse::Restrict(RestrictResponse {
                    handle_index: T,
                    return_value: rv,
                    body: outcome!(rv, TableStatusSuccess { table_status: st }),
                })
            )
        ),
        (
            any::<u8>(),
            any::<bool>(),
            any::<u16>(),
            code.clone(),
            any::<u8>(),
            proptest::collection::vec(row(), 0..4)
        )
            .prop_map(|(flags, fwd, n, rv, origin, rows)| (
                RopRequest::QueryRows(QueryRowsRequest {
                    logon_id: 0,
                    input_handle_index: T,
                    query_rows_flags: flags,
                    forward_read: fwd,
                    row_count: n,
                }),
                RopResponse::QueryRows(QueryRowsResponse {
                    handle_index: T,
                    return_value: rv,
                    body: outcome!(
                        rv,
                        QueryRowsSuccess {
                            origin,
                            rows: RowList {
                                rows,
                                columns: columns(),
                            },
                        }
                    ),
                })
            )),
        (code.clone(), any::<u8>()).prop_map(|(rv, st)| (
            RopRequest::Abort(AbortRequest {
                logon_id: 0,
                input_handle_index: T,
            }),
            RopResponse::Abort(AbortResponse {
                handle_index: T,
                return_value: rv,
                body: outcome!(rv, TableStatusSuccess { table_status: st }),
            })
        )),
        (code.clone(), any::<u8>()).prop_map(|(rv, st)| (
            RopRequest::GetStatus(GetStatusRequest {
                logon_id: 0,
                input_handle_index: T,
            }),
            RopResponse::GetStatus(GetStatusResponse {
                handle_index: T,
                return_value: rv,
                body: outcome!(rv, TableStatusSuccess { table_status: st }),
            })
        )),
        (code.clone(), any::<u32>(), any::<u32>()).prop_map(|(rv, a, b)| (
            RopRequest::QueryPosition(QueryPositionRequest {
                logon_id: 0,
                input_handle_index: T,
            }),
            RopResponse::QueryPosition(QueryPositionResponse {
                handle_index: T,
                return_value: rv,
                body: outcome!(
                    rv,
                    QueryPositionSuccess {
                        numerator: a,
                        denominator: b,
                    }
                ),
            })
        )),
        (
            any::<u8>(),
            any::<i32>(),
            any::<bool>(),
            code.clone(),
            any::<bool>(),
            any::<i32>()
        )
            .prop_map(|(origin, n, want, rv, less, sought)| (
                RopRequest::SeekRow(SeekRowRequest {
                    logon_id: 0,
                    input_handle_index: T,
                    origin,
                    row_count: n,
                    want_row_moved_count: want,
                }),
                RopResponse::SeekRow(SeekRowResponse {
                    handle_index: T,
                    return_value: rv,
                    body: outcome!(
                        rv,
                        SeekRowSuccess {
                            has_sought_less: less,
                            rows_sought: sought,
                        }
                    ),
                })
            )),
        (
            bytes16(),
            any::<i32>(),
            any::<bool>(),
            code.clone(),
            any::<(bool, bool)>(),
            any::<i32>()
        )
            .prop_map(|(bm, n, want, rv, (gone, less), sought)| (
                RopRequest::SeekRowBookmark(SeekRowBookmarkRequest {
                    logon_id: 0,
                    input_handle_index: T,
                    bookmark: bm,
                    row_count: n,
                    want_row_moved_count: want,
                }),
                RopResponse::SeekRowBookmark(SeekRowBookmarkResponse {
                    handle_index: T,
                    return_value: rv,
                    body: outcome!(
                        rv,
                        SeekRowBookmarkSuccess {
                            row_no_longer_visible: gone,
                            has_sought_less: less,
                            rows_sought: sought,
                        }
                    ),
                })
            )),
        (any::<u32>(), any::<u32>(), code.clone()).prop_map(|(a, b, rv)| (
            RopRequest::SeekRowFractional(SeekRowFractionalRequest {
                logon_id: 0,
                input_handle_index: T,
                numerator: a,
                denominator: b,
            }),
            RopResponse::SeekRowFractional(SeekRowFractionalResponse {
                handle_index: T,
                return_value: rv,
                body: outcome!(rv, NoFields),
            })
        )),
        (code.clone(), bytes16()).prop_map(|(rv, bm)| (
            RopRequest::CreateBookmark(CreateBookmarkRequest {
                logon_id: 0,
                input_handle_index: T,
            }),
            RopResponse::CreateBookmark(CreateBookmarkResponse {
                handle_index: T,
                return_value: rv,
                body: outcome!(rv, CreateBookmarkSuccess { bookmark: bm }),
            })
        )),
        (
            code.clone(),
            proptest::collection::vec(any::<u32>().prop_map(PropTag), 0..6)
        )
            .prop_map(|(rv, tags)| (
                RopRequest::QueryColumnsAll(QueryColumnsAllRequest {
                    logon_id: 0,
                    input_handle_index: T,
                }),
                RopResponse::QueryColumnsAll(QueryColumnsAllResponse {
                    handle_index: T,
                    return_value: rv,
                    body: outcome!(
                        rv,
                        QueryColumnsAllSuccess {
                            property_tags: List16(tags),
                        }
                    ),
                })
            )),
        (
            any::<u8>(),
            restriction_data(),
            any::<u8>(),
            bytes16(),
            code.clone(),
            any::<bool>(),
            proptest::option::of(row())
        )
            .prop_map(|(flags, r, origin, bm, rv, gone, row)| (
                RopRequest::FindRow(Box::new(FindRowRequest {
                    logon_id: 0,
                    input_handle_index: T,
                    find_row_flags: flags,
                    restriction: r,
                    origin,
                    bookmark: bm,
                })),
                RopResponse::FindRow(Box::new(FindRowResponse {
                    handle_index: T,
                    return_value: rv,
                    body: outcome!(
                        rv,
                        FindRowSuccess {
                            row_no_longer_visible: gone,
                            row,
                            columns: columns(),
                        }
                    ),
                }))
            )),
        (bytes16(), code.clone()).prop_map(|(bm, rv)| (
            RopRequest::FreeBookmark(FreeBookmarkRequest {
                logon_id: 0,
                input_handle_index: T,
                bookmark: bm,
            }),
            RopResponse::FreeBookmark(FreeBookmarkResponse {
                handle_index: T,
                return_value: rv,
                body: outcome!(rv, NoFields),
            })
        )),
        code.clone().prop_map(|rv| (
            RopRequest::ResetTable(ResetTableRequest {
                logon_id: 0,
                input_handle_index: T,
            }),
            RopResponse::ResetTable(ResetTableResponse {
                handle_index: T,
                return_value: rv,
                body: outcome!(rv, NoFields),
            })
        )),
        (
            any::<u16>(),
            any::<u64>(),
            code.clone(),
            any::<u32>(),
            proptest::collection::vec(row(), 0..4)
        )
            .prop_map(|(max, cat, rv, total, rows)| (
                RopRequest::ExpandRow(ExpandRowRequest {
                    logon_id: 0,
                    input_handle_index: T,
                    max_row_count: max,
                    category_id: cat,
                }),
                RopResponse::ExpandRow(ExpandRowResponse {
                    handle_index: T,
                    return_value: rv,
                    body: outcome!(
                        rv,
                        ExpandRowSuccess {
                            expanded_row_count: total,
                            rows: RowList {
                                rows,
                                columns: columns(),
                            },
                        }
                    ),
                })
            )),
        (any::<u64>(), code.clone(), any::<u32>()).prop_map(|(cat, rv, n)| (
            RopRequest::CollapseRow(CollapseRowRequest {
                logon_id: 0,
                input_handle_index: T,
                category_id: cat,
            }),
            RopResponse::CollapseRow(CollapseRowResponse {
                handle_index: T,
                return_value: rv,
                body: outcome!(
                    rv,
                    CollapseRowSuccess {
                        collapsed_row_count: n,
                    }
                ),
            })
        )),
        (any::<u64>(), any::<u32>(), code.clone(), bytes16()).prop_map(|(id, inst, rv, cs)| (
            RopRequest::GetCollapseState(GetCollapseStateRequest {
                logon_id: 0,
                input_handle_index: T,
                row_id: id,
                row_instance_number: inst,
            }),
            RopResponse::GetCollapseState(GetCollapseStateResponse {
                handle_index: T,
                return_value: rv,
                body: outcome!(rv, GetCollapseStateSuccess { collapse_state: cs }),
            })
        )),
        (bytes16(), code, bytes16()).prop_map(|(cs, rv, bm)| (
            RopRequest::SetCollapseState(SetCollapseStateRequest {
                logon_id: 0,
                input_handle_index: T,
                collapse_state: cs,
            }),
            RopResponse::SetCollapseState(SetCollapseStateResponse {
                handle_index: T,
                return_value: rv,
                body: outcome!(rv, SetCollapseStateSuccess { bookmark: bm }),
            })
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn table_rops_round_trip(
        exchanges in proptest::collection::vec(exchange(), 1..4),
        set_flags in any::<u8>(),
    ) {
        let handles = HandleTable::from_handles(&[0x23, 0x41]);
        // RopSetColumns first, so the rows of the later responses have their columns.
        let set_columns = || {
            (
                RopRequest::SetColumns(SetColumnsRequest {
                    logon_id: 0,
                    input_handle_index: T,
                    set_columns_flags: set_flags,
                    property_tags: mapi_codec::rop::PropTags::new(&columns()),
                }),
                RopResponse::SetColumns(SetColumnsResponse {
                    handle_index: T,
                    return_value: 0,
                    body: Outcome::Success(TableStatusSuccess { table_status: 0 }),
                }),
            )
        };
        let (q0, s0) = set_columns();
        let mut requests = vec![q0];
        let mut responses = vec![s0];
        for (q, s) in exchanges {
            // A successful RopResetTable drops the columns ([MS-OXCTABL] 3.1.5): a client sets
            // them again before reading rows.
            let reset = matches!(&s, RopResponse::ResetTable(r) if r.return_value == 0);
            requests.push(q);
            responses.push(s);
            if reset {
                let (q, s) = set_columns();
                requests.push(q);
                responses.push(s);
            }
        }
        let rq = RopRequestBuffer { rops: requests, raw: None, handles: handles.clone() };
        let rq_bytes = rq.to_bytes().unwrap();
        let rq2 = RopRequestBuffer::decode_exact(&rq_bytes, Limits::DEFAULT).unwrap();
        prop_assert_eq!(&rq2.rops, &rq.rops);
        prop_assert!(rq2.raw.is_none());

        let rs = RopResponseBuffer {
            rops: responses,
            request_indexes: Vec::new(),
            raw: None,
            handles,
        };
        let rs_bytes = rs.to_bytes().unwrap();
        let rs2 = RopResponseBuffer::decode_with_exact(&rs_bytes, &rq2, Limits::DEFAULT).unwrap();
        prop_assert!(rs2.raw.is_none(), "{:?}", rs2.raw);
        prop_assert_eq!(&rs2.rops, &rs.rops);
        prop_assert_eq!(rs2.to_bytes().unwrap(), rs_bytes);
    }

    /// Without a RopSetColumns in the buffer (and no session), a response with rows is kept
    /// raw from its RopId on, and re-encodes to the same bytes.
    #[test]
    fn rows_without_columns_stay_raw(rows in proptest::collection::vec(row(), 1..3)) {
        let handles = HandleTable::from_handles(&[0x23, 0x41]);
        let rq = RopRequestBuffer {
            rops: vec![RopRequest::QueryRows(QueryRowsRequest {
                logon_id: 0,
                input_handle_index: T,
                query_rows_flags: 0,
                forward_read: true,
                row_count: 10,
            })],
            raw: None,
            handles: handles.clone(),
        };
        let rs = RopResponseBuffer {
            rops: vec![RopResponse::QueryRows(QueryRowsResponse {
                handle_index: T,
                return_value: 0,
                body: Outcome::Success(QueryRowsSuccess {
                    origin: 2,
                    rows: RowList { rows, columns: columns() },
                }),
            })],
            request_indexes: Vec::new(),
            raw: None,
            handles,
        };
        let bytes = rs.to_bytes().unwrap();
        let back = RopResponseBuffer::decode_with_exact(&bytes, &rq, Limits::DEFAULT).unwrap();
        prop_assert!(back.rops.is_empty());
        prop_assert!(back.raw.is_some());
        prop_assert_eq!(back.to_bytes().unwrap(), bytes);
    }
}
