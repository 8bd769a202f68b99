//! Round trips of property values and restrictions, in both count widths:
//! `decode(encode(x)) == x`, and the bytes re-encode to themselves.

mod common;

use std::borrow::Cow;

use common::{ansi, bin, utf16};
use mapi_codec::data::{
    BitmapRelOp, Flagged, FlaggedPropertyValue, FlaggedPropertyValueWithType, PropTag,
    PropertyValue, RelOp, Restriction, TaggedPropertyValue, TypedPropertyValue, TypedString,
};
use mapi_codec::wire::{
    CountWidth, Decode, DecodeWith, Encode, EncodeWith, FileTime, Guid, IntoOwned, Limits,
};
use proptest::prelude::*;

// NaNs included: values compare floats by their bits.
fn f32s() -> impl Strategy<Value = f32> {
    any::<f32>()
}

fn f64s() -> impl Strategy<Value = f64> {
    any::<f64>()
}

fn rule_action(w: CountWidth) -> impl Strategy<Value = Cow<'static, [u8]>> {
    // NoOfActions then ActionBlocks, each with its ActionLength; both of the context's width.
    // Each block is ActionType, ActionFlavor, ActionFlags and ActionData; the types are ones
    // [MS-OXORULE] 2.2.5.1 leaves undefined, whose data is any bytes (the defined ones are
    // covered by proptest_rop_rule.rs).
    fn put(v: &mut Vec<u8>, w: CountWidth, n: usize) {
        match w {
            CountWidth::U16 => v.extend_from_slice(&(n as u16).to_le_bytes()),
            CountWidth::U32 => v.extend_from_slice(&(n as u32).to_le_bytes()),
        }
    }
    let block = (
        0x0Cu8..=0xFF,
        any::<[u8; 8]>(),
        proptest::collection::vec(any::<u8>(), 0..8),
    )
        .prop_map(|(ty, flags, data)| {
            let mut b = vec![ty];
            b.extend_from_slice(&flags);
            b.extend_from_slice(&data);
            b
        });
    proptest::collection::vec(block, 0..3).prop_map(move |blocks| {
        let mut v = Vec::new();
        put(&mut v, w, blocks.len());
        for b in blocks {
            put(&mut v, w, b.len());
            v.extend_from_slice(&b);
        }
        Cow::Owned(v)
    })
}

fn scalar_value() -> impl Strategy<Value = PropertyValue<'static>> {
    use PropertyValue as V;
    prop_oneof![
        Just(V::Null),
        any::<i16>().prop_map(V::Integer16),
        any::<i32>().prop_map(V::Integer32),
        f32s().prop_map(V::Floating32),
        f64s().prop_map(V::Floating64),
        any::<i64>().prop_map(V::Currency),
        f64s().prop_map(V::FloatingTime),
        any::<u32>().prop_map(V::ErrorCode),
        any::<u8>().prop_map(|b| V::Boolean(mapi_codec::wire::Bool8(b))),
        bin(24).prop_map(V::Object),
        any::<i64>().prop_map(V::Integer64),
        ansi(12).prop_map(V::String8),
        utf16(12).prop_map(V::String),
        any::<u64>().prop_map(|t| V::Time(FileTime(t))),
        any::<[u8; 16]>().prop_map(|g| V::Guid(Guid(g))),
        bin(24).prop_map(V::ServerId),
        bin(24).prop_map(V::Binary),
    ]
}

fn mv_value() -> impl Strategy<Value = PropertyValue<'static>> {
    use proptest::collection::vec;
    use PropertyValue as V;
    prop_oneof![
        vec(any::<i16>(), 0..4).prop_map(|v| V::MultipleInteger16(v.into())),
        vec(any::<i32>(), 0..4).prop_map(|v| V::MultipleInteger32(v.into())),
        vec(f32s(), 0..4).prop_map(|v| V::MultipleFloating32(v.into())),
        vec(f64s(), 0..4).prop_map(|v| V::MultipleFloating64(v.into())),
        vec(any::<i64>(), 0..4).prop_map(|v| V::MultipleCurrency(v.into())),
        vec(f64s(), 0..4).prop_map(|v| V::MultipleFloatingTime(v.into())),
        vec(any::<i64>(), 0..4).prop_map(|v| V::MultipleInteger64(v.into())),
        vec(ansi(12), 0..4).prop_map(|v| V::MultipleString8(v.into())),
        vec(utf16(12), 0..4).prop_map(|v| V::MultipleString(v.into())),
        vec(any::<u64>().prop_map(FileTime), 0..4).prop_map(|v| V::MultipleTime(v.into())),
        vec(any::<[u8; 16]>().prop_map(Guid), 0..4).prop_map(|v| V::MultipleGuid(v.into())),
        vec(bin(24), 0..4).prop_map(|v| V::MultipleBinary(v.into())),
    ]
}

fn tagged(
    value: impl Strategy<Value = PropertyValue<'static>>,
) -> impl Strategy<Value = TaggedPropertyValue<'static>> {
    (any::<u16>(), value).prop_map(|(id, value)| TaggedPropertyValue {
        tag: PropTag::new(id, value.prop_type()),
        value,
    })
}

fn leaf_value(w: CountWidth) -> impl Strategy<Value = PropertyValue<'static>> {
    prop_oneof![
        scalar_value(),
        mv_value(),
        rule_action(w).prop_map(PropertyValue::RuleAction)
    ]
}

fn restriction(w: CountWidth) -> impl Strategy<Value = Restriction<'static>> {
    let tag = any::<u32>().prop_map(PropTag);
    let relop = any::<u8>().prop_map(RelOp);
    let leaf = prop_oneof![
        (
            any::<u16>(),
            any::<u16>(),
            tag.clone(),
            tagged(leaf_value(w))
        )
            .prop_map(
                |(fuzzy_level_low, fuzzy_level_high, prop_tag, tagged_value)| {
                    Restriction::Content {
                        fuzzy_level_low,
                        fuzzy_level_high,
                        prop_tag,
                        tagged_value,
                    }
                }
            ),
        (relop.clone(), tag.clone(), tagged(leaf_value(w))).prop_map(
            |(rel_op, prop_tag, tagged_value)| Restriction::Property {
                rel_op,
                prop_tag,
                tagged_value,
            }
        ),
        (relop.clone(), tag.clone(), tag.clone()).prop_map(|(rel_op, prop_tag1, prop_tag2)| {
            Restriction::CompareProps {
                rel_op,
                prop_tag1,
                prop_tag2,
            }
        }),
        (any::<u8>(), tag.clone(), any::<u32>()).prop_map(|(b, prop_tag, mask)| {
            Restriction::Bitmask {
                bitmap_rel_op: BitmapRelOp(b),
                prop_tag,
                mask,
            }
        }),
        (relop, tag.clone(), any::<u32>()).prop_map(|(rel_op, prop_tag, size)| {
            Restriction::Size {
                rel_op,
                prop_tag,
                size,
            }
        }),
        tag.clone()
            .prop_map(|prop_tag| Restriction::Exist { prop_tag }),
    ];
    leaf.prop_recursive(5, 40, 4, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Restriction::And),
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Restriction::Or),
            inner.clone().prop_map(|r| Restriction::Not(Box::new(r))),
            (any::<u32>(), inner.clone()).prop_map(|(s, r)| Restriction::SubObject {
                subobject: PropTag(s),
                restriction: Box::new(r),
            }),
            (
                proptest::collection::vec(tagged(scalar_value()), 0..3),
                proptest::option::of(inner.clone())
            )
                .prop_map(|(tagged_values, r)| Restriction::Comment {
                    tagged_values,
                    restriction: r.map(Box::new),
                }),
            (any::<u32>(), inner.clone()).prop_map(|(count, r)| Restriction::Count {
                count,
                sub_restriction: Box::new(r),
            }),
            (any::<u16>(), inner).prop_map(|(id, r)| Restriction::Property {
                rel_op: RelOp::EQ,
                prop_tag: PropTag(0x6679_00FD),
                tagged_value: TaggedPropertyValue {
                    tag: PropTag::new(id, mapi_codec::data::PropType::RESTRICTION),
                    value: PropertyValue::Restriction(Box::new(r)),
                },
            }),
        ]
    })
}

fn widths() -> impl Strategy<Value = CountWidth> {
    prop_oneof![Just(CountWidth::U16), Just(CountWidth::U32)]
}

fn with_width<S: Strategy>(
    f: impl Fn(CountWidth) -> S,
) -> impl Strategy<Value = (S::Value, CountWidth)> {
    widths().prop_flat_map(move |w| (f(w), Just(w)))
}

fn check_with<'a, T>(x: &T, width: CountWidth, bytes: &'a [u8])
where
    T: DecodeWith<'a, CountWidth> + EncodeWith<CountWidth> + PartialEq + std::fmt::Debug,
    T: IntoOwned + Clone,
    T::Owned: EncodeWith<CountWidth>,
{
    assert_eq!(bytes.len(), x.encoded_len_with(width));
    let back = T::decode_with_exact(bytes, width, Limits::DEFAULT).unwrap();
    assert_eq!(&back, x);
    assert_eq!(back.to_bytes_with(width).unwrap(), bytes);
    // The owned form (T<'static>, another type here) encodes to the same bytes.
    assert_eq!(
        back.clone().into_owned().to_bytes_with(width).unwrap(),
        bytes
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn restriction_round_trip((r, w) in with_width(restriction)) {
        let bytes = r.to_bytes_with(w).unwrap();
        check_with(&r, w, &bytes);
    }

    #[test]
    fn tagged_round_trip((t, w) in with_width(|w| tagged(leaf_value(w)))) {
        let bytes = t.to_bytes_with(w).unwrap();
        check_with(&t, w, &bytes);
    }

    #[test]
    fn typed_round_trip((v, w) in with_width(leaf_value)) {
        let t = TypedPropertyValue(v);
        let bytes = t.to_bytes_with(w).unwrap();
        check_with(&t, w, &bytes);
    }

    #[test]
    fn untyped_round_trip((v, w) in with_width(leaf_value)) {
        let bytes = v.to_bytes_with(w).unwrap();
        assert_eq!(bytes.len(), v.encoded_len_with(w));
        let back = PropertyValue::decode_with_exact(&bytes, (v.prop_type(), w), Limits::DEFAULT).unwrap();
        prop_assert_eq!(&back.clone().into_owned(), &back);
        prop_assert_eq!(back, v);
    }

    /// A decoded PtypMultiple value (a view over its bytes) equals the value it was encoded
    /// from, in both directions, shows the same in Debug and JSON, and writes back exactly its
    /// bytes; with the other count width it writes what the built value writes, and the two
    /// decoded forms are equal.
    #[test]
    fn multi_value_decoded_equals_built(v in mv_value()) {
        let ty = v.prop_type();
        let mut decoded = Vec::new();
        let encodings: Vec<_> = [CountWidth::U16, CountWidth::U32]
            .into_iter()
            .map(|w| (w, v.to_bytes_with(w).unwrap()))
            .collect();
        for (w, bytes) in &encodings {
            let back = PropertyValue::decode_with_exact(bytes, (ty, *w), Limits::DEFAULT).unwrap();
            prop_assert_eq!(&back, &v);
            prop_assert_eq!(&v, &back);
            prop_assert_eq!(format!("{back:?}"), format!("{v:?}"));
            prop_assert_eq!(serde_json::to_string(&back).unwrap(), serde_json::to_string(&v).unwrap());
            prop_assert_eq!(back.encoded_len_with(*w), bytes.len());
            prop_assert_eq!(&back.to_bytes_with(*w).unwrap(), bytes);
            for (other, other_bytes) in &encodings {
                prop_assert_eq!(back.encoded_len_with(*other), other_bytes.len());
                prop_assert_eq!(&back.to_bytes_with(*other).unwrap(), other_bytes);
            }
            let owned = back.clone().into_owned();
            prop_assert_eq!(&owned, &back);
            prop_assert_eq!(&owned.to_bytes_with(*w).unwrap(), bytes);
            decoded.push(back);
        }
        prop_assert_eq!(&decoded[0], &decoded[1]);
    }

    #[test]
    fn flagged_round_trip(v in scalar_value(), flag in 0u8..3, err in any::<u32>(), w in widths()) {
        let f = match flag {
            0 => Flagged::Value(v.clone()),
            1 => Flagged::Missing,
            _ => Flagged::Error(err),
        };
        let ty = v.prop_type();
        let plain = FlaggedPropertyValue(f.clone());
        let bytes = plain.to_bytes_with(w).unwrap();
        let back = FlaggedPropertyValue::decode_with_exact(&bytes, (ty, w), Limits::DEFAULT).unwrap();
        prop_assert_eq!(&back, &plain);
        let typed = FlaggedPropertyValueWithType { prop_type: ty, value: f };
        let bytes = typed.to_bytes_with(w).unwrap();
        check_with(&typed, w, &bytes);
    }

    #[test]
    fn typed_string_round_trip(kind in 0u8..5, a in ansi(12), u in utf16(12)) {
        let s = match kind {
            0 => TypedString::None,
            1 => TypedString::Empty,
            2 => TypedString::String8(a),
            3 => TypedString::ReducedUnicode(a),
            _ => TypedString::Unicode(u),
        };
        let bytes = s.to_bytes().unwrap();
        prop_assert_eq!(bytes.len(), s.encoded_len());
        let back = TypedString::decode_exact(&bytes, Limits::DEFAULT).unwrap();
        prop_assert_eq!(back, s);
    }

    /// Arbitrary bytes: whatever decodes re-encodes to exactly the bytes it used.
    #[test]
    fn arbitrary_bytes_restriction(bytes in proptest::collection::vec(any::<u8>(), 0..64), w in widths()) {
        if let Ok((rest, r)) = Restriction::decode_with(&bytes, w) {
            let used = &bytes[..bytes.len() - rest.len()];
            prop_assert_eq!(r.to_bytes_with(w).unwrap(), used);
        }
    }
}
