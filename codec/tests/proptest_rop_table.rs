//! Round trips of the Table ROPs ([MS-OXCROPS] 2.2.5) through the ROP buffers:
//! `decode(encode(x)) == x` for every request, and for every response decoded against its
//! request (rows against the columns of a RopSetColumns earlier in the same buffer).

#[macro_use]
mod common;

use std::borrow::Cow;

use common::{bytes16, check_rop_buffers, outcome_in, Returns, Value};
use mapi_codec::data::{
    Flagged, FlaggedPropertyValue, PropTag, PropType, PropertyRow, PropertyValue, Restriction,
    RowValue, SortOrder, SortOrderFlag, SortOrderSet,
};
use mapi_codec::rop::field::{List16, NoFields};
use mapi_codec::rop::table::*;
use mapi_codec::rop::{
    HandleTable, Outcome, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer,
};
use mapi_codec::wire::{DecodeWith, Encode, EncodeWith, Limits, Utf16Str};
use proptest::prelude::*;

/// The handles of every buffer built here; the table is at index [`T`].
const HANDLES: [u32; 2] = [0x23, 0x41];

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
                PropertyValue::Boolean((t).into()),
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
        values()
            .prop_map(|v| PropertyRow::new(false, v.into_iter().map(RowValue::Value).collect())),
        values()
            .prop_flat_map(move |v| v.into_iter().map(cell).collect::<Vec<_>>())
            .prop_map(|cells| PropertyRow::new(
                true,
                cells
                    .into_iter()
                    .map(|c| RowValue::Flagged(FlaggedPropertyValue(c)))
                    .collect()
            )),
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

/// ReturnValue and body: success, or a failure with no fields.
fn returns<S: Value>(success: impl Strategy<Value = S> + 'static) -> Returns<S, NoFields> {
    let codes = prop_oneof![Just(0x8004_0102u32), Just(0x8004_0405u32)];
    outcome_in(codes, success, Just(NoFields))
}

/// A pair of the table ROP `$v` on LogonId 0 and the table's handle (see `answered!`).
macro_rules! pair {
    ($v:ident: $q:ident { $($f:tt)* } => $r:ident($s:expr)) => {
        answered!($v: $q { logon_id: Just(0), input_handle_index: Just(T), $($f)* }
            => $r(Input, returns($s)))
    };
}

/// Rows of [`columns`], as a response gives them.
fn rows() -> impl Strategy<Value = RowList<'static>> {
    proptest::collection::vec(row(), 0..4).prop_map(|rows| RowList::new(columns(), rows))
}

/// One table request (on handle index 1) and a response that answers it.
fn exchange() -> impl Strategy<Value = (RopRequest<'static>, RopResponse<'static>)> {
    let status = || {
        fields!(TableStatusSuccess {
            table_status: any::<u8>()
        })
    };
    let tags = common::prop_tags(6).prop_map(List16);
    let found = (any::<u8>(), proptest::option::of(row()), 1u8..=255).prop_map(|(v, row, b)| {
        let mut found = FindRowSuccess::new(mapi_codec::wire::Bool8(v), columns(), row);
        // Any nonzero byte says RowData follows.
        if found.row.is_some() {
            found.has_row_data = mapi_codec::wire::Bool8(b);
        }
        found
    });
    prop_oneof![
        pair!(SortTable: SortTableRequest {
            sort_table_flags: any::<u8>(), sort_order_set: sort_order_set()
        } => SortTableResponse(status())),
        pair!(Restrict: RestrictRequest { restrict_flags: any::<u8>(), restriction: restriction_data() }
            => RestrictResponse(status())),
        pair!(QueryRows: QueryRowsRequest {
            query_rows_flags: any::<u8>(), forward_read: any::<u8>().prop_map(mapi_codec::wire::Bool8), row_count: any::<u16>()
        } => QueryRowsResponse(fields!(QueryRowsSuccess { origin: any::<u8>(), rows: rows() }))),
        pair!(Abort: AbortRequest {} => AbortResponse(status())),
        pair!(GetStatus: GetStatusRequest {} => GetStatusResponse(status())),
        pair!(QueryPosition: QueryPositionRequest {} => QueryPositionResponse(fields!(
            QueryPositionSuccess { numerator: any::<u32>(), denominator: any::<u32>() }
        ))),
        pair!(SeekRow: SeekRowRequest {
            origin: any::<u8>(), row_count: any::<i32>(), want_row_moved_count: any::<u8>().prop_map(mapi_codec::wire::Bool8)
        } => SeekRowResponse(fields!(SeekRowSuccess {
            has_sought_less: any::<u8>().prop_map(mapi_codec::wire::Bool8), rows_sought: any::<i32>()
        }))),
        pair!(SeekRowBookmark: SeekRowBookmarkRequest {
            bookmark: bytes16(16), row_count: any::<i32>(), want_row_moved_count: any::<u8>().prop_map(mapi_codec::wire::Bool8)
        } => SeekRowBookmarkResponse(fields!(SeekRowBookmarkSuccess {
            row_no_longer_visible: any::<u8>().prop_map(mapi_codec::wire::Bool8), has_sought_less: any::<u8>().prop_map(mapi_codec::wire::Bool8),
            rows_sought: any::<i32>()
        }))),
        pair!(SeekRowFractional: SeekRowFractionalRequest {
            numerator: any::<u32>(), denominator: any::<u32>()
        } => SeekRowFractionalResponse(Just(NoFields))),
        pair!(CreateBookmark: CreateBookmarkRequest {}
            => CreateBookmarkResponse(fields!(CreateBookmarkSuccess { bookmark: bytes16(16) }))),
        pair!(QueryColumnsAll: QueryColumnsAllRequest {}
            => QueryColumnsAllResponse(fields!(QueryColumnsAllSuccess { property_tags: tags }))),
        pair!(FindRow: FindRowRequest {
            find_row_flags: any::<u8>(), restriction: restriction_data(), origin: any::<u8>(),
            bookmark: bytes16(16)
        } => FindRowResponse(found)),
        pair!(FreeBookmark: FreeBookmarkRequest { bookmark: bytes16(16) }
            => FreeBookmarkResponse(Just(NoFields))),
        pair!(ResetTable: ResetTableRequest {} => ResetTableResponse(Just(NoFields))),
        pair!(ExpandRow: ExpandRowRequest { max_row_count: any::<u16>(), category_id: any::<u64>() }
        => ExpandRowResponse(fields!(ExpandRowSuccess {
            expanded_row_count: any::<u32>(), rows: rows()
        }))),
        pair!(CollapseRow: CollapseRowRequest { category_id: any::<u64>() }
            => CollapseRowResponse(fields!(CollapseRowSuccess { collapsed_row_count: any::<u32>() }))),
        pair!(GetCollapseState: GetCollapseStateRequest {
            row_id: any::<u64>(), row_instance_number: any::<u32>()
        } => GetCollapseStateResponse(fields!(GetCollapseStateSuccess {
            collapse_state: bytes16(16)
        }))),
        pair!(SetCollapseState: SetCollapseStateRequest { collapse_state: bytes16(16) }
            => SetCollapseStateResponse(fields!(SetCollapseStateSuccess { bookmark: bytes16(16) }))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn table_rops_round_trip(
        exchanges in proptest::collection::vec(exchange(), 1..4),
        set_flags in any::<u8>(),
    ) {
        // RopSetColumns first, so the rows of the later responses have their columns.
        let set_columns = || {
            let q = SetColumnsRequest {
                logon_id: 0,
                input_handle_index: T,
                set_columns_flags: set_flags,
                property_tags: mapi_codec::rop::PropTags::new(&columns()),
            };
            let status = TableStatusSuccess { table_status: 0 };
            pair_of!(SetColumns(q) => SetColumnsResponse(T, (0, Outcome::Success(status))))
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
        check_rop_buffers(requests, responses, &HANDLES, None)?;
    }

    /// Without a RopSetColumns in the buffer (and no session), a response with rows is kept
    /// raw from its RopId on, and re-encodes to the same bytes.
    #[test]
    fn rows_without_columns_stay_raw(rows in proptest::collection::vec(row(), 1..3)) {
        let handles = HandleTable::from_handles(&HANDLES);
        let rq = RopRequestBuffer {
            rops: vec![RopRequest::QueryRows(QueryRowsRequest {
                logon_id: 0,
                input_handle_index: T,
                query_rows_flags: 0,
                forward_read: true.into(),
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
                    rows: RowList::new(columns(), rows),
                }),
            })],
            raw: None,
            handles,
        };
        // Checked against its request, the buffer is refused: the decoder would not know the
        // columns of its rows.
        let e = rs.to_bytes_with(&rq).unwrap_err();
        prop_assert_eq!(e.kind().name(), "missing-context");
        prop_assert_eq!(e.path_string(), "RopsList[0].RopQueryRows");
        let bytes = rs.to_bytes().unwrap();
        let back = RopResponseBuffer::decode_with_exact(&bytes, &rq, Limits::DEFAULT).unwrap();
        prop_assert!(back.rops.is_empty());
        prop_assert!(back.raw.is_some());
        prop_assert_eq!(back.to_bytes().unwrap(), bytes);
    }
}
