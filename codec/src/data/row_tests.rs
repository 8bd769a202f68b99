//! Unit tests of rows, row sets, problems and tag arrays ([MS-OXCDATA] 2.7, 2.8, 2.10).
use std::borrow::Cow;

use super::*;
use crate::data::Flagged;
use crate::wire::{Limits, Utf16Str};

const W: CountWidth = CountWidth::U16;

fn columns() -> PropTags<'static> {
    PropTags::new(&[
        PropTag::MESSAGE_SIZE,                       // PtypInteger32
        PropTag::ENTRY_ID,                           // PtypBinary
        PropTag::new(0x3001, PropType::UNSPECIFIED), // PtypUnspecified
        PropTag::SUBJECT,                            // PtypString
    ])
}

/// A StandardPropertyRow for [`columns`], built from the spec layout.
fn standard_bytes() -> Vec<u8> {
    vec![
        0x00, // Flag: StandardPropertyRow
        0x2A, 0x00, 0x00, 0x00, // PtypInteger32 42
        0x02, 0x00, 0xAB, 0xCD, // PtypBinary: Count 2, bytes
        0x0B, 0x00, 0x01, // TypedPropertyValue: PtypBoolean, true
        0x48, 0x00, 0x69, 0x00, 0x00, 0x00, // PtypString "Hi"
    ]
}

/// A FlaggedPropertyRow for [`columns`].
fn flagged_bytes() -> Vec<u8> {
    vec![
        0x01, // Flag: FlaggedPropertyRow
        0x00, 0x07, 0x00, 0x00, 0x00, // present, PtypInteger32 7
        0x0A, 0x0F, 0x01, 0x04, 0x80, // error 0x8004010F
        0x1F, 0x00, 0x01, // FlaggedPropertyValueWithType: PtypString, missing
        0x00, 0x00, 0x00, // present, PtypString ""
    ]
}

fn prefixes_fail_with(bytes: &[u8], cols: &PropTags<'_>) {
    for n in 0..bytes.len() {
        assert!(
            PropertyRow::decode_with(&bytes[..n], (cols, W)).is_err(),
            "prefix {n}"
        );
    }
}

#[test]
fn standard_row_by_hand() {
    let b = standard_bytes();
    let cols = columns();
    let row = PropertyRow::decode_with_exact(&b, (&cols, W), Limits::DEFAULT).unwrap();
    assert!(!row.is_flagged());
    assert_eq!(row.len(), 4);
    assert_eq!(
        row.get(0).unwrap(),
        RowValue::Value(PropertyValue::Integer32(42))
    );
    assert_eq!(
        row.get(1).unwrap(),
        RowValue::Value(PropertyValue::Binary(Cow::Borrowed(&[0xAB, 0xCD][..])))
    );
    assert_eq!(
        row.get(2).unwrap(),
        RowValue::Typed(TypedPropertyValue(PropertyValue::Boolean(true.into())))
    );
    assert_eq!(
        row.get(3).unwrap(),
        RowValue::Value(PropertyValue::String(Utf16Str::from_text("Hi").unwrap()))
    );
    assert_eq!(row.encoded_len_with(W), b.len());
    assert_eq!(row.to_bytes_with(W).unwrap(), b);
    prefixes_fail_with(&b, &cols);
    let t = row.to_tree().to_text();
    assert!(t.contains("StandardPropertyRow"), "{t}");
}

#[test]
fn flagged_row_by_hand() {
    let b = flagged_bytes();
    let cols = columns();
    let row = PropertyRow::decode_with_exact(&b, (&cols, W), Limits::DEFAULT).unwrap();
    assert!(row.is_flagged());
    assert_eq!(
        row.get(0).unwrap(),
        RowValue::Flagged(FlaggedPropertyValue(Flagged::Value(
            PropertyValue::Integer32(7)
        )))
    );
    assert_eq!(
        row.get(1).unwrap(),
        RowValue::Flagged(FlaggedPropertyValue(Flagged::Error(0x8004_010F)))
    );
    assert_eq!(
        row.get(2).unwrap(),
        RowValue::FlaggedWithType(FlaggedPropertyValueWithType {
            prop_type: PropType::STRING,
            value: Flagged::Missing,
        })
    );
    assert_eq!(
        row.get(3).unwrap(),
        RowValue::Flagged(FlaggedPropertyValue(Flagged::Value(PropertyValue::String(
            Utf16Str::from_text("").unwrap()
        ))))
    );
    assert_eq!(row.to_bytes_with(W).unwrap(), b);
    prefixes_fail_with(&b, &cols);
}

#[test]
fn row_binary_count_larger_fails() {
    let cols = columns();
    for count in [3u16, 0x10, 0xFF, 0xFFFF] {
        let mut b = standard_bytes();
        b[5..7].copy_from_slice(&count.to_le_bytes());
        assert!(
            PropertyRow::decode_with(&b, (&cols, W)).is_err(),
            "count {count}"
        );
    }
    let mut b = standard_bytes();
    b[5] = 0xFF;
    let e = PropertyRow::decode_with(&b, (&cols, W)).unwrap_err();
    assert_eq!(e.kind().name(), "count-too-large");
    assert_eq!(e.offset(), 5);
    assert_eq!(e.path_string(), "ValueArray[1]");
}

#[test]
fn row_bad_flag() {
    let cols = columns();
    let mut b = standard_bytes();
    b[0] = 0x02;
    let e = PropertyRow::decode_with(&b, (&cols, W)).unwrap_err();
    assert_eq!(e.offset(), 0);
    assert_eq!(e.path_string(), "Flag");
    assert_eq!(e.kind().name(), "invalid-value");
}

#[test]
fn row_cells_must_match_flag() {
    let row = PropertyRow::new(true, vec![RowValue::Value(PropertyValue::Integer32(1))]);
    assert!(matches!(
        row.to_bytes_with(W).map_err(|e| e.kind().clone()),
        Err(crate::wire::EncodeErrorKind::InvalidValue { .. })
    ));
    let row = PropertyRow::new(
        false,
        vec![RowValue::Flagged(FlaggedPropertyValue(Flagged::Missing))],
    );
    assert!(row.to_bytes_with(W).is_err());
}

#[test]
fn null_columns_take_no_bytes() {
    let cols = PropTags::new(&[PropTag::new(1, PropType::NULL); 3]);
    let (rest, row) = PropertyRow::decode_with(&[0x00], (&cols, W)).unwrap();
    assert!(rest.is_empty());
    assert_eq!(row.to_bytes_with(W).unwrap(), [0x00]);
    assert_eq!(
        row.into_values(),
        vec![RowValue::Value(PropertyValue::Null); 3]
    );
}

/// A decoded row reads its cells from its bytes; it equals the same cells built by hand,
/// writes its bytes back unchanged with its own columns, and is checked cell by cell
/// against other columns.
#[test]
fn decoded_rows_read_their_bytes_and_equal_built_rows() {
    let b = standard_bytes();
    let cols = columns();
    let row = PropertyRow::decode_with_exact(&b, (&cols, W), Limits::DEFAULT).unwrap();
    assert_eq!(row.columns(), Some(&cols));
    let built = PropertyRow::new(false, row.values().collect());
    assert_eq!(built.columns(), None);
    assert_eq!(row, built);
    assert_eq!(built, row);
    assert_eq!(row.get(4), None);
    assert_eq!(row.values().len(), 4);
    // Both forms write the same bytes, with and without columns.
    assert_eq!(built.to_bytes_with(W).unwrap(), b);
    assert_eq!(row.to_bytes_with((&cols, W)).unwrap(), b);
    assert_eq!(built.to_bytes_with((&cols, W)).unwrap(), b);
    // Columns of other ids but the same types fit; a different type does not.
    let renamed = PropTags::new(&[
        PropTag::new(0x0E08, PropType::INTEGER32),
        PropTag::new(0x0FFF, PropType::BINARY),
        PropTag::new(0x0037, PropType::UNSPECIFIED),
        PropTag::new(0x0037, PropType::STRING),
    ]);
    assert_eq!(row.to_bytes_with((&renamed, W)).unwrap(), b);
    let other = PropTags::new(&[
        PropTag::MESSAGE_SIZE,
        PropTag::ENTRY_ID,
        PropTag::new(0x3001, PropType::UNSPECIFIED),
        PropTag::new(0x0037, PropType::STRING8),
    ]);
    let e = row.to_bytes_with((&other, W)).unwrap_err();
    assert_eq!(e.path_string(), "ValueArray[3]");
    assert!(row.check_columns(&other).is_err());
    assert!(row.check_columns(&renamed).is_ok());
    // Read with 4-byte counts, the same cells are written with 4-byte counts.
    let wide = row.to_bytes_with(CountWidth::U32).unwrap();
    assert_eq!(wide.len(), b.len() + 2);
    let back =
        PropertyRow::decode_with_exact(&wide, (&cols, CountWidth::U32), Limits::DEFAULT).unwrap();
    assert_eq!(back, row);
    assert_eq!(back.to_bytes_with(W).unwrap(), b);
    // The owned form keeps the cells.
    let owned = crate::wire::IntoOwned::into_owned(row.clone());
    assert_eq!(owned, row);
}

/// Decoding a row allocates nothing of its own, whatever its size: its cells stay in
/// the input and its columns are shared.
#[test]
fn decoded_row_shares_its_columns() {
    let b = flagged_bytes();
    let cols = columns();
    let row = PropertyRow::decode_with_exact(&b, (&cols, W), Limits::DEFAULT).unwrap();
    let kept = row.columns().unwrap().as_bytes();
    assert!(std::ptr::eq(kept, cols.as_bytes()));
    let borrowed = PropTags::from_bytes(cols.as_bytes()).unwrap();
    let row = PropertyRow::decode_with_exact(&b, (&borrowed, W), Limits::DEFAULT).unwrap();
    assert!(std::ptr::eq(
        row.columns().unwrap().as_bytes(),
        cols.as_bytes()
    ));
}

fn row_set_bytes() -> Vec<u8> {
    let mut b = vec![0x02, 0x00]; // RowCount
    b.extend(standard_bytes());
    b.extend(flagged_bytes());
    b
}

#[test]
fn row_set_by_hand() {
    let b = row_set_bytes();
    let cols = columns();
    let set = PropertyRowSet::decode_with_exact(&b, (&cols, W), Limits::DEFAULT).unwrap();
    assert_eq!(set.rows.len(), 2);
    assert!(!set.rows[0].is_flagged());
    assert!(set.rows[1].is_flagged());
    assert_eq!(set.encoded_len_with(W), b.len());
    assert_eq!(set.to_bytes_with(W).unwrap(), b);
    for n in 0..b.len() {
        assert!(
            PropertyRowSet::decode_with(&b[..n], (&cols, W)).is_err(),
            "prefix {n}"
        );
    }
}

#[test]
fn row_set_count_larger_fails() {
    let cols = columns();
    let mut b = row_set_bytes();
    b[0] = 3;
    let e = PropertyRowSet::decode_with(&b, (&cols, W)).unwrap_err();
    assert_eq!(e.path_string(), "Rows[2].Flag");
    b[0] = 0xFF;
    b[1] = 0xFF;
    let e = PropertyRowSet::decode_with(&b, (&cols, W)).unwrap_err();
    assert_eq!(e.kind().name(), "count-too-large");
    assert_eq!(e.path_string(), "RowCount");
}

fn problems_bytes() -> Vec<u8> {
    vec![
        0x02, 0x00, // Count
        0x00, 0x00, 0x1F, 0x00, 0x01, 0x30, 0x05, 0x00, 0x07, 0x80, // 0, DisplayName
        0x03, 0x00, 0x03, 0x00, 0x08, 0x0E, 0x02, 0x01, 0x04, 0x80, // 3, MessageSize
    ]
}

#[test]
fn problems_by_hand() {
    let b = problems_bytes();
    let a = PropertyProblemArray::decode_exact(&b, Limits::DEFAULT).unwrap();
    assert_eq!(
        a.problems,
        vec![
            PropertyProblem {
                index: 0,
                prop_tag: PropTag::DISPLAY_NAME,
                error_code: 0x8007_0005,
            },
            PropertyProblem {
                index: 3,
                prop_tag: PropTag::MESSAGE_SIZE,
                error_code: 0x8004_0102,
            },
        ]
    );
    assert_eq!(a.encoded_len(), b.len());
    assert_eq!(a.to_bytes().unwrap(), b);
    for n in 0..b.len() {
        assert!(PropertyProblemArray::decode(&b[..n]).is_err(), "prefix {n}");
    }
    let t = a.to_tree().to_text();
    assert!(t.contains("Index: 3"), "{t}");
}

#[test]
fn problems_count_larger_fails() {
    for count in [3u8, 0xFF] {
        let mut b = problems_bytes();
        b[0] = count;
        let e = PropertyProblemArray::decode(&b).unwrap_err();
        assert_eq!(e.kind().name(), "count-too-large");
        assert_eq!(e.offset(), 0);
        assert_eq!(e.path_string(), "Count");
    }
}

#[test]
fn tag_array_by_hand_both_widths() {
    let b16 = [0x02, 0x00, 0x1F, 0x00, 0x01, 0x30, 0x03, 0x00, 0x08, 0x0E];
    let a = PropertyTagArray::decode_with_exact(&b16, W, Limits::DEFAULT).unwrap();
    assert_eq!(a.tags, vec![PropTag::DISPLAY_NAME, PropTag::MESSAGE_SIZE]);
    assert_eq!(a.to_bytes_with(W).unwrap(), b16);
    let mut b32 = vec![0x02, 0x00, 0x00, 0x00];
    b32.extend_from_slice(&b16[2..]);
    let a32 = PropertyTagArray::decode_with_exact(&b32, CountWidth::U32, Limits::DEFAULT).unwrap();
    assert_eq!(a32, a);
    assert_eq!(a.encoded_len_with(CountWidth::U32), b32.len());
    assert_eq!(a.to_bytes_with(CountWidth::U32).unwrap(), b32);
    for n in 0..b16.len() {
        assert!(PropertyTagArray::decode_with(&b16[..n], W).is_err());
    }
    for n in 0..b32.len() {
        assert!(PropertyTagArray::decode_with(&b32[..n], CountWidth::U32).is_err());
    }
}

#[test]
fn tag_array_huge_counts_fail_before_allocating() {
    // 0xFFFF tags claimed, 10 bytes left.
    let mut b = vec![0xFF, 0xFF];
    b.extend_from_slice(&[0; 10]);
    let e = PropertyTagArray::decode_with(&b, W).unwrap_err();
    assert_eq!(e.kind().name(), "count-too-large");
    assert_eq!(e.path_string(), "Count");
    // 0xFFFFFFFF tags: above the element limit.
    let b = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];
    let e = PropertyTagArray::decode_with(&b, CountWidth::U32).unwrap_err();
    assert_eq!(e.kind().name(), "limit-exceeded");
    // 3 claimed, 2 present.
    let b = [0x03, 0x00, 0x1F, 0x00, 0x01, 0x30, 0x03, 0x00, 0x08, 0x0E];
    assert!(PropertyTagArray::decode_with(&b, W).is_err());
}

#[test]
fn tag_array_count_too_large_to_encode() {
    let a = PropertyTagArray {
        tags: vec![PropTag::SUBJECT; 0x1_0000].into(),
    };
    assert!(matches!(
        a.to_bytes_with(W).map_err(|e| e.kind().clone()),
        Err(crate::wire::EncodeErrorKind::TooLong { field: "Count", .. })
    ));
    assert!(a.to_bytes_with(CountWidth::U32).is_ok());
}
