//! Structure-aware round trip of property values and rows in both count widths: a
//! TaggedPropertyValue, a TypedPropertyValue, a PropertyRow or a PropertyRowSet either fails
//! to encode, or its bytes decode to the same value and re-encode to the same bytes. Rows
//! decode against columns built from their own cells (a value's type; PtypUnspecified for the
//! typed forms; any known type where a flagged cell carries no value); a row set whose rows
//! need different columns is skipped (the columns would not describe them).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use mapi_codec::data::{
    Flagged, FlaggedPropertyValue, PropTag, PropTags, PropType, PropertyRow, PropertyRowSet, RowValue,
    TaggedPropertyValue, TypedPropertyValue,
};
use mapi_codec_fuzz::{count_width, value_round_trip};

#[derive(Arbitrary, Debug)]
enum Input<'a> {
    Tagged(TaggedPropertyValue<'a>),
    Typed(TypedPropertyValue<'a>),
    Row(PropertyRow<'a>),
    RowSet(PropertyRowSet<'a>),
}

/// The column type a cell needs, or `None` when any known type will do.
fn cell_type(v: &RowValue<'_>) -> Option<PropType> {
    match v {
        RowValue::Value(v) => Some(v.prop_type()),
        RowValue::Typed(_) | RowValue::FlaggedWithType(_) => Some(PropType::UNSPECIFIED),
        RowValue::Flagged(FlaggedPropertyValue(Flagged::Value(v))) => Some(v.prop_type()),
        RowValue::Flagged(_) => None,
    }
}

/// Columns that fit every row, if there are such. A flagged cell without a value needs a
/// column of a known type (PtypUnspecified would make it a FlaggedPropertyValueWithType).
fn columns(rows: &[PropertyRow<'_>]) -> Option<PropTags<'static>> {
    let n = rows.first().map_or(0, PropertyRow::len);
    let mut types: Vec<(Option<PropType>, bool)> = vec![(None, false); n];
    for row in rows {
        if row.len() != n {
            return None;
        }
        for ((t, known), v) in types.iter_mut().zip(row.values()) {
            match (*t, cell_type(&v)) {
                (_, None) => *known = true,
                (None, need) => *t = need,
                (Some(a), Some(b)) if a == b => {}
                _ => return None,
            }
        }
    }
    let mut cols = Vec::with_capacity(n);
    for (i, (t, known)) in types.into_iter().enumerate() {
        let t = t.unwrap_or(PropType::INTEGER32);
        if known && t == PropType::UNSPECIFIED {
            return None;
        }
        cols.push(PropTag::new(i as u16, t));
    }
    Some(PropTags::new(&cols))
}

fuzz_target!(|x: (bool, Input<'_>)| {
    let (wide, input) = x;
    let width = count_width(wide);
    match &input {
        Input::Tagged(v) => value_round_trip!(TaggedPropertyValue, v, width, width),
        Input::Typed(v) => value_round_trip!(TypedPropertyValue, v, width, width),
        Input::Row(row) => {
            let Some(cols) = columns(std::slice::from_ref(row)) else {
                return;
            };
            value_round_trip!(PropertyRow, row, (&cols, width), width)
        }
        Input::RowSet(set) => {
            let Some(cols) = columns(&set.rows) else {
                return;
            };
            value_round_trip!(PropertyRowSet, set, (&cols, width), width)
        }
    }
});
