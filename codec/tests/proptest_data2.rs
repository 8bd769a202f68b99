//! Round trips of rows, row sets, property problems, tag arrays, property names, sort orders
//! and ids: `decode(encode(x)) == x`, and whatever decodes from arbitrary bytes re-encodes to
//! exactly the bytes it used.

#[macro_use]
mod common;

use std::borrow::Cow;

use common::{bytes, property_name, value_of};
use mapi_codec::data::{
    Flagged, FlaggedPropertyValue, FlaggedPropertyValueWithType, FolderId, GlobalCounter,
    LongTermId, MessageId, PropTag, PropTags, PropType, PropertyName, PropertyProblem,
    PropertyProblemArray, PropertyRow, PropertyRowSet, PropertyTagArray, RowValue, ServerId,
    SortOrder, SortOrderFlag, SortOrderSet, TypedPropertyValue,
};
use mapi_codec::wire::{CountWidth, Decode, DecodeWith, Encode, EncodeWith, Guid};
use proptest::collection::vec;
use proptest::prelude::*;

fn widths() -> impl Strategy<Value = CountWidth> {
    prop_oneof![Just(CountWidth::U16), Just(CountWidth::U32)]
}

/// Whatever decodes from `b` re-encodes to the bytes it used.
fn reencode<'a, T: Decode<'a> + Encode>(b: &'a [u8]) {
    if let Ok((rest, v)) = T::decode(b) {
        assert_eq!(v.to_bytes().unwrap(), &b[..b.len() - rest.len()]);
    }
}

// ---- ids ----

fn global_counter() -> impl Strategy<Value = GlobalCounter> {
    any::<[u8; 6]>().prop_map(GlobalCounter)
}

fn folder_id() -> impl Strategy<Value = FolderId> {
    (any::<u16>(), global_counter()).prop_map(|(replica_id, global_counter)| FolderId {
        replica_id,
        global_counter,
    })
}

fn message_id() -> impl Strategy<Value = MessageId> {
    (any::<u16>(), global_counter()).prop_map(|(replica_id, global_counter)| MessageId {
        replica_id,
        global_counter,
    })
}

fn server_id() -> impl Strategy<Value = ServerId<'static>> {
    prop_oneof![
        (folder_id(), message_id(), any::<u32>()).prop_map(|(folder_id, message_id, instance)| {
            ServerId::Ours {
                folder_id,
                message_id,
                instance,
            }
        }),
        bytes(24).prop_map(|b| ServerId::ClientDefined(Cow::Owned(b))),
    ]
}

// ---- sort orders ----

fn sort_order() -> impl Strategy<Value = SortOrder> {
    (any::<u16>(), any::<u16>(), any::<u8>()).prop_map(|(t, id, o)| SortOrder {
        prop_type: PropType(t),
        prop_id: id,
        order: SortOrderFlag(o),
    })
}

fn sort_order_set() -> impl Strategy<Value = SortOrderSet> {
    vec(sort_order(), 0..6).prop_flat_map(|sort_orders| {
        let n = sort_orders.len() as u16;
        (0..=n).prop_flat_map(move |categorized_count| {
            let sort_orders = sort_orders.clone();
            (0..=categorized_count).prop_map(move |expanded_count| SortOrderSet {
                categorized_count,
                expanded_count,
                sort_orders: sort_orders.clone(),
            })
        })
    })
}

// ---- problems and tags ----

fn problem() -> impl Strategy<Value = PropertyProblem> {
    (any::<u16>(), any::<u32>(), any::<u32>()).prop_map(|(index, tag, error_code)| {
        PropertyProblem {
            index,
            prop_tag: PropTag(tag),
            error_code,
        }
    })
}

// ---- rows ----

/// A column: its id, the type of its values, and whether the request asked PtypUnspecified.
#[derive(Clone, Debug)]
struct Col {
    id: u16,
    ty: PropType,
    unspecified: bool,
}

impl Col {
    fn tag(&self) -> PropTag {
        let ty = if self.unspecified {
            PropType::UNSPECIFIED
        } else {
            self.ty
        };
        PropTag::new(self.id, ty)
    }
}

fn tags(cols: &[Col]) -> PropTags<'static> {
    cols.iter().map(Col::tag).collect()
}

/// The types of the columns here.
const TYPES: &[PropType] = &[
    PropType::NULL,
    PropType::INTEGER32,
    PropType::INTEGER64,
    PropType::BOOLEAN,
    PropType::ERROR_CODE,
    PropType::TIME,
    PropType::STRING,
    PropType::STRING8,
    PropType::BINARY,
];

fn columns() -> impl Strategy<Value = Vec<Col>> {
    vec(
        (any::<u16>(), proptest::sample::select(TYPES), any::<bool>()).prop_map(
            |(id, ty, unspecified)| Col {
                id,
                ty,
                unspecified,
            },
        ),
        0..6,
    )
}

fn cell(col: &Col, flagged: bool) -> BoxedStrategy<RowValue<'static>> {
    let (ty, unspecified) = (col.ty, col.unspecified);
    if !flagged {
        return value_of(ty, 24)
            .prop_map(move |v| {
                if unspecified {
                    RowValue::Typed(TypedPropertyValue(v))
                } else {
                    RowValue::Value(v)
                }
            })
            .boxed();
    }
    (0u8..3, value_of(ty, 24), any::<u32>())
        .prop_map(move |(form, v, err)| {
            let f = match form {
                0 => Flagged::Value(v),
                1 => Flagged::Missing,
                _ => Flagged::Error(err),
            };
            if unspecified {
                RowValue::FlaggedWithType(FlaggedPropertyValueWithType {
                    prop_type: ty,
                    value: f,
                })
            } else {
                RowValue::Flagged(FlaggedPropertyValue(f))
            }
        })
        .boxed()
}

fn row_for(cols: Vec<Col>) -> impl Strategy<Value = PropertyRow<'static>> {
    any::<bool>().prop_flat_map(move |flagged| {
        let cells: Vec<_> = cols.iter().map(|c| cell(c, flagged)).collect();
        cells.prop_map(move |values| PropertyRow::new(flagged, values))
    })
}

fn row_case() -> impl Strategy<Value = (Vec<Col>, PropertyRow<'static>, CountWidth)> {
    (columns(), widths()).prop_flat_map(|(cols, w)| (Just(cols.clone()), row_for(cols), Just(w)))
}

fn row_set_case() -> impl Strategy<Value = (Vec<Col>, PropertyRowSet<'static>, CountWidth)> {
    (columns(), widths()).prop_flat_map(|(cols, w)| {
        (
            Just(cols.clone()),
            vec(row_for(cols), 0..4).prop_map(|rows| PropertyRowSet { rows }),
            Just(w),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn ids_round_trip(f in folder_id(), m in message_id(), g in any::<[u8; 16]>(), c in global_counter()) {
        assert_round_trip!(f, FolderId);
        prop_assert_eq!(FolderId::from_u64(f.to_u64()), f);
        assert_round_trip!(m, MessageId);
        prop_assert_eq!(MessageId::new(m.replica_id, m.global_counter.value()), Some(m));
        assert_round_trip!(LongTermId { database_guid: Guid(g), global_counter: c }, LongTermId);
    }

    #[test]
    fn server_id_round_trip(s in server_id()) {
        assert_round_trip!(s, ServerId<'_>);
    }

    #[test]
    fn property_name_round_trip(n in property_name(12, true)) {
        assert_round_trip!(n, PropertyName<'_>);
    }

    #[test]
    fn sort_order_set_round_trip(s in sort_order_set()) {
        assert_round_trip!(s, SortOrderSet);
    }

    #[test]
    fn problems_round_trip(p in vec(problem(), 0..6)) {
        assert_round_trip!(PropertyProblemArray { problems: p }, PropertyProblemArray);
    }

    #[test]
    fn tag_array_round_trip(t in vec(any::<u32>(), 0..8), w in widths()) {
        let a = PropertyTagArray { tags: t.into_iter().map(PropTag).collect() };
        assert_round_trip!(a, PropertyTagArray, with w => w);
    }

    #[test]
    fn row_round_trip((cols, row, w) in row_case()) {
        let t = tags(&cols);
        assert_round_trip!(row, PropertyRow<'_>, with w => (&t, w));
    }

    #[test]
    fn row_set_round_trip((cols, set, w) in row_set_case()) {
        let t = tags(&cols);
        assert_round_trip!(set, PropertyRowSet<'_>, with w => (&t, w));
    }

    /// Arbitrary bytes: every context-free type re-encodes to the bytes it decoded from.
    #[test]
    fn arbitrary_bytes_context_free(b in bytes(64)) {
        reencode::<FolderId>(&b);
        reencode::<MessageId>(&b);
        reencode::<LongTermId>(&b);
        reencode::<ServerId<'_>>(&b);
        reencode::<PropertyName<'_>>(&b);
        reencode::<SortOrder>(&b);
        reencode::<SortOrderSet>(&b);
        reencode::<PropertyProblem>(&b);
        reencode::<PropertyProblemArray>(&b);
    }

    #[test]
    fn arbitrary_bytes_tag_array(b in bytes(40), w in widths()) {
        if let Ok((rest, a)) = PropertyTagArray::decode_with(&b, w) {
            prop_assert_eq!(a.to_bytes_with(w).unwrap(), &b[..b.len() - rest.len()]);
        }
    }

    #[test]
    fn arbitrary_bytes_rows(cols in columns(), flag in 0u8..2, n in 0u8..3, b in bytes(64), w in widths()) {
        // A valid Flag (and a small RowCount) up front, so that decoding gets somewhere.
        let t = tags(&cols);
        let mut rb = vec![flag];
        rb.extend_from_slice(&b);
        if let Ok((rest, row)) = PropertyRow::decode_with(&rb, (&t, w)) {
            prop_assert_eq!(row.to_bytes_with(w).unwrap(), &rb[..rb.len() - rest.len()]);
        }
        let mut sb = vec![n, 0, flag];
        sb.extend_from_slice(&b);
        if let Ok((rest, set)) = PropertyRowSet::decode_with(&sb, (&t, w)) {
            prop_assert_eq!(set.to_bytes_with(w).unwrap(), &sb[..sb.len() - rest.len()]);
        }
    }
}
