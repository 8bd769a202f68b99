//! Unit tests of PtypMultiple values ([MS-OXCDATA] 2.11.1): the view over the wire bytes, its
//! errors, widths, equality, owned and serde forms.
use super::*;
use crate::data::{PropertyValue, TypedPropertyValue};
use crate::wire::{EncodeErrorKind, Limits};

fn typed(b: &[u8], w: CountWidth) -> Result<TypedPropertyValue<'_>, DecodeError> {
    TypedPropertyValue::decode_with_exact(b, w, Limits::DEFAULT)
}

/// PtypMultipleString (0x101F): Count 2, "a", "" ([MS-OXCDATA] 2.11.1).
const MV_STRING: [u8; 12] = [0x1f, 0x10, 2, 0, 0, 0, b'a', 0, 0, 0, 0, 0];
/// PtypMultipleBinary (0x1102) with 2-byte counts: Count 2, [0xAA], [].
const MV_BINARY_U16: [u8; 11] = [0x02, 0x11, 2, 0, 0, 0, 1, 0, 0xaa, 0, 0];
/// The same with 4-byte counts.
const MV_BINARY_U32: [u8; 15] = [0x02, 0x11, 2, 0, 0, 0, 1, 0, 0, 0, 0xaa, 0, 0, 0, 0];

#[test]
fn a_decoded_value_keeps_its_item_bytes_and_lends_them() {
    let v = typed(&MV_STRING, CountWidth::U16).unwrap().0;
    let PropertyValue::MultipleString(s) = &v else {
        panic!("{v:?}")
    };
    assert_eq!(s.wire().map(|w| w.0), Some(&MV_STRING[6..]));
    let items: Vec<_> = s.iter().collect();
    assert_eq!(items.len(), 2);
    // The first item is the two bytes of "a" in the input, not a copy.
    assert!(std::ptr::eq(items[0].as_bytes(), &MV_STRING[6..8]));
    assert_eq!(items[0].to_text().as_deref(), Some("a"));
    assert!(items[1].is_empty());
    assert_eq!(format!("{v:?}"), r#"MultipleString(["a", ""])"#);

    let b = typed(&MV_BINARY_U32, CountWidth::U32).unwrap().0;
    let PropertyValue::MultipleBinary(b) = b else {
        panic!()
    };
    assert!(std::ptr::eq(b.get(0).unwrap(), &MV_BINARY_U32[10..11]));
    assert_eq!(b.get(1), Some(&[][..]));
    assert_eq!(b.get(2), None);
}

#[test]
fn fixed_size_items_are_found_by_offset() {
    // PtypMultipleInteger64 (0x1014): Count 3, then 1, -2, 3.
    let mut b = vec![0x14, 0x10, 3, 0, 0, 0];
    for x in [1i64, -2, 3] {
        b.extend(x.to_le_bytes());
    }
    let PropertyValue::MultipleInteger64(v) = typed(&b, CountWidth::U16).unwrap().0 else {
        panic!()
    };
    assert_eq!(
        (v.len(), v.get(0), v.get(1), v.get(2), v.get(3)),
        (3, Some(1), Some(-2), Some(3), None)
    );
    assert_eq!(v.get(usize::MAX), None);
    assert_eq!(v.iter().len(), 3);
    assert_eq!(v.to_vec(), [1, -2, 3]);
    assert_eq!(v, MultiValue::from([1, -2, 3]));
    assert_ne!(v, MultiValue::from([1, -2]));
    assert_ne!(v, MultiValue::from([1, -2, 4]));
}

#[test]
fn item_errors_keep_their_offsets_and_paths() {
    // The second string has no terminator: it starts at offset 10.
    let b = [0x1f, 0x10, 2, 0, 0, 0, b'a', 0, 0, 0, b'b', 0];
    let e = typed(&b, CountWidth::U16).unwrap_err();
    assert_eq!(
        (e.kind().name(), e.offset(), e.path_string().as_str()),
        ("truncated", 10, "PropertyValue")
    );
    // The second binary claims 5 bytes with 1 left: its count is at offset 9.
    let b = [0x02, 0x11, 2, 0, 0, 0, 1, 0, 0xaa, 5, 0, 0xbb];
    let e = typed(&b, CountWidth::U16).unwrap_err();
    assert_eq!(
        (e.kind().name(), e.offset(), e.path_string().as_str()),
        ("count-too-large", 9, "PropertyValue")
    );
    // Two binaries need at least two counts: 4 bytes hold two 2-byte counts, not two
    // 4-byte ones.
    let b = [0x02, 0x11, 2, 0, 0, 0, 0, 0, 0, 0];
    let v = typed(&b, CountWidth::U16).unwrap();
    assert_eq!(
        v.0,
        PropertyValue::MultipleBinary(vec![Cow::Borrowed(&[][..]); 2].into())
    );
    let e = typed(&b, CountWidth::U32).unwrap_err();
    assert_eq!(
        (e.kind().name(), e.offset(), e.path_string().as_str()),
        ("count-too-large", 2, "PropertyValue.Count")
    );
    // Three PtypMultipleInteger32 values in 8 bytes.
    let b = [0x03, 0x10, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0];
    let e = typed(&b, CountWidth::U16).unwrap_err();
    assert_eq!((e.kind().name(), e.offset()), ("count-too-large", 2));
    // Every strict prefix of the samples fails.
    for (s, w) in [
        (&MV_STRING[..], CountWidth::U16),
        (&MV_BINARY_U16[..], CountWidth::U16),
        (&MV_BINARY_U32[..], CountWidth::U32),
    ] {
        assert!(typed(s, w).is_ok());
        for n in 0..s.len() {
            assert!(typed(&s[..n], w).is_err(), "{n} bytes of {s:02x?}");
        }
    }
}

#[test]
fn binaries_follow_the_width_they_are_written_with() {
    let u16_form = typed(&MV_BINARY_U16, CountWidth::U16).unwrap();
    let u32_form = typed(&MV_BINARY_U32, CountWidth::U32).unwrap();
    assert_eq!(u16_form, u32_form);
    for (v, w, b) in [
        (&u16_form, CountWidth::U32, &MV_BINARY_U32[..]),
        (&u32_form, CountWidth::U16, &MV_BINARY_U16[..]),
        (&u16_form, CountWidth::U16, &MV_BINARY_U16[..]),
        (&u32_form, CountWidth::U32, &MV_BINARY_U32[..]),
    ] {
        assert_eq!(v.encoded_len_with(w), b.len());
        assert_eq!(v.to_bytes_with(w).unwrap(), b);
    }
    // A binary of 65,536 bytes read with 4-byte counts has no 2-byte count.
    let mut b = vec![0x02, 0x11, 1, 0, 0, 0, 0, 0, 1, 0];
    b.resize(b.len() + 0x1_0000, 7);
    let v = typed(&b, CountWidth::U32).unwrap();
    assert_eq!(v.to_bytes_with(CountWidth::U32).unwrap(), b);
    let e = v.to_bytes_with(CountWidth::U16).unwrap_err();
    assert!(matches!(
        e.kind(),
        EncodeErrorKind::TooLong {
            field: "PtypBinary.Count",
            len: 0x1_0000,
            ..
        }
    ));
}

#[test]
fn floats_compare_by_bits_in_both_forms() {
    // PtypMultipleFloating64 (0x1005): Count 2, a quiet NaN and -0.0.
    let mut b = vec![0x05, 0x10, 2, 0, 0, 0];
    b.extend(0x7FF8_0000_0000_0001u64.to_le_bytes());
    b.extend((-0.0f64).to_le_bytes());
    let v = typed(&b, CountWidth::U16).unwrap().0;
    let nan = f64::from_bits(0x7FF8_0000_0000_0001);
    assert_eq!(v, PropertyValue::MultipleFloating64(vec![nan, -0.0].into()));
    assert_ne!(v, PropertyValue::MultipleFloating64(vec![nan, 0.0].into()));
    assert_ne!(
        v,
        PropertyValue::MultipleFloatingTime(vec![nan, -0.0].into())
    );
    assert_ne!(
        v,
        PropertyValue::MultipleFloating64(vec![f64::from_bits(0x7FF8_0000_0000_0002), -0.0].into())
    );
}

#[test]
fn the_owned_form_outlives_the_input() {
    let owned = {
        let input = MV_STRING[2..].to_vec();
        let v =
            MultiValue::<Utf16Str<'_>>::decode_with_exact(&input, CountWidth::U16, Limits::DEFAULT)
                .unwrap();
        v.into_owned()
    };
    let text: Vec<_> = owned.iter().map(|s| s.to_string_lossy()).collect();
    assert_eq!(text, ["a", ""]);
    assert_eq!(
        owned.to_bytes_with(CountWidth::U16).unwrap(),
        MV_STRING[2..]
    );
}

#[test]
fn built_values_take_vectors_arrays_and_iterators() {
    let a: MultiValue<'_, i32> = vec![1, 2].into();
    let b = MultiValue::from([1, 2]);
    let c: MultiValue<'_, i32> = (1..=2).collect();
    assert_eq!((&a, &b), (&c, &c));
    assert_eq!(a.clone().into_vec(), [1, 2]);
    assert!(MultiValue::<Guid>::default().is_empty());
    assert_eq!(
        format!("{:?}", PropertyValue::MultipleInteger16(vec![1, -1].into())),
        "MultipleInteger16([1, -1])"
    );
}

/// A value keeps its place in a `PropertyValue` of 32 bytes (and the ROP enums at their
/// sizes, tested in `rop`).
#[test]
fn sizes() {
    assert_eq!(std::mem::size_of::<MultiValue<'_, Utf16Str<'_>>>(), 24);
    assert_eq!(std::mem::size_of::<MultiValue<'_, i16>>(), 24);
    assert_eq!(std::mem::size_of::<PropertyValue<'_>>(), 32);
}

/// The serde form is a plain list of the items' own forms: floats as numbers or the hex
/// of their bits, binaries as hex, strings as text (or `{"Hex": ..}`).
#[cfg(feature = "serde")]
#[test]
fn serde_form_is_a_plain_list() {
    let v = typed(&MV_BINARY_U16, CountWidth::U16).unwrap().0;
    let json = serde_json::to_string(&v).unwrap();
    assert_eq!(json, r#"{"MultipleBinary":["aa",""]}"#);
    let back: PropertyValue<'_> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, v);
    let v = typed(&MV_STRING, CountWidth::U16).unwrap().0;
    assert_eq!(
        serde_json::to_string(&v).unwrap(),
        r#"{"MultipleString":["a",""]}"#
    );
    let f = PropertyValue::MultipleFloating32(vec![1.5, f32::from_bits(0x7FC0_0001)].into());
    let json = serde_json::to_string(&f).unwrap();
    assert_eq!(json, r#"{"MultipleFloating32":[1.5,"0x7FC00001"]}"#);
    let back: PropertyValue<'_> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, f);
    let e = PropertyValue::MultipleInteger32(Vec::new().into());
    assert_eq!(
        serde_json::to_string(&e).unwrap(),
        r#"{"MultipleInteger32":[]}"#
    );
}
