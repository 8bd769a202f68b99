//! Restrictions ([MS-OXCDATA] 2.12), nested, with one count-width parameter for the 2-byte
//! (ROP) and 4-byte (extended rules, NSPI) forms.

use bytes::BufMut;

use super::prop::PropTag;
use super::value::{decode_tagged, decode_tagged_values, TaggedPropertyValue};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    named_code, put_count, u8_len, CountWidth, Decode, DecodeError, DecodeWith, Encode,
    EncodeError, EncodeWith, ErrorKind, Reader, ResultExt,
};

named_code! {
    /// The RestrictType of a restriction ([MS-OXCDATA] 2.12), named after the structure it
    /// selects; an open code (decoding refuses a value it does not name).
    pub struct RestrictType(u8);
    /// [MS-OXCDATA] 2.12.1 AndRestriction.
    AND = 0x00 => "AndRestriction",
    /// [MS-OXCDATA] 2.12.2 OrRestriction.
    OR = 0x01 => "OrRestriction",
    /// [MS-OXCDATA] 2.12.3 NotRestriction.
    NOT = 0x02 => "NotRestriction",
    /// [MS-OXCDATA] 2.12.4 ContentRestriction.
    CONTENT = 0x03 => "ContentRestriction",
    /// [MS-OXCDATA] 2.12.5 PropertyRestriction.
    PROPERTY = 0x04 => "PropertyRestriction",
    /// [MS-OXCDATA] 2.12.6 ComparePropertiesRestriction.
    COMPARE_PROPERTIES = 0x05 => "ComparePropertiesRestriction",
    /// [MS-OXCDATA] 2.12.7 BitMaskRestriction.
    BITMASK = 0x06 => "BitMaskRestriction",
    /// [MS-OXCDATA] 2.12.8 SizeRestriction.
    SIZE = 0x07 => "SizeRestriction",
    /// [MS-OXCDATA] 2.12.9 ExistRestriction.
    EXIST = 0x08 => "ExistRestriction",
    /// [MS-OXCDATA] 2.12.10 SubObjectRestriction.
    SUB_OBJECT = 0x09 => "SubObjectRestriction",
    /// [MS-OXCDATA] 2.12.11 CommentRestriction.
    COMMENT = 0x0A => "CommentRestriction",
    /// [MS-OXCDATA] 2.12.12 CountRestriction.
    COUNT = 0x0B => "CountRestriction",
}

named_code! {
    /// A relational operator ([MS-OXCDATA] 2.12.4.2 / 2.12.5.2 RelOp), an open code.
    pub struct RelOp(u8);
    /// RELOP_LT.
    LT = 0x00 => "RELOP_LT",
    /// RELOP_LE.
    LE = 0x01 => "RELOP_LE",
    /// RELOP_GT.
    GT = 0x02 => "RELOP_GT",
    /// RELOP_GE.
    GE = 0x03 => "RELOP_GE",
    /// RELOP_EQ.
    EQ = 0x04 => "RELOP_EQ",
    /// RELOP_NE.
    NE = 0x05 => "RELOP_NE",
    /// RELOP_RE (regular expression / LIKE).
    RE = 0x06 => "RELOP_RE",
    /// RELOP_MEMBER_OF_DL.
    MEMBER_OF_DL = 0x64 => "RELOP_MEMBER_OF_DL",
}

named_code! {
    /// The BitmapRelOp of a bitmask restriction ([MS-OXCDATA] 2.12.7.1), an open code.
    pub struct BitmapRelOp(u8);
    /// BMR_EQZ: true when `value & mask == 0`.
    EQZ = 0x00 => "BMR_EQZ",
    /// BMR_NEZ: true when `value & mask != 0`.
    NEZ = 0x01 => "BMR_NEZ",
}

/// A restriction ([MS-OXCDATA] 2.12). Decoding takes the [`CountWidth`] of the context and
/// stops at [`Limits::max_restriction_depth`](crate::wire::Limits) levels of nesting.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all_fields = "PascalCase")
)]
pub enum Restriction<'a> {
    /// [MS-OXCDATA] 2.12.1 AndRestriction (0x00): RestrictCount, Restricts.
    #[cfg_attr(feature = "serde", serde(rename = "AndRestriction"))]
    And(Vec<Restriction<'a>>),
    /// [MS-OXCDATA] 2.12.2 OrRestriction (0x01): RestrictCount, Restricts.
    #[cfg_attr(feature = "serde", serde(rename = "OrRestriction"))]
    Or(Vec<Restriction<'a>>),
    /// [MS-OXCDATA] 2.12.3 NotRestriction (0x02): Restriction.
    #[cfg_attr(feature = "serde", serde(rename = "NotRestriction"))]
    Not(Box<Restriction<'a>>),
    /// [MS-OXCDATA] 2.12.4 ContentRestriction (0x03).
    #[cfg_attr(feature = "serde", serde(rename = "ContentRestriction"))]
    Content {
        /// FuzzyLevelLow (FL_FULLSTRING 0, FL_SUBSTRING 1, FL_PREFIX 2).
        fuzzy_level_low: u16,
        /// FuzzyLevelHigh (FL_IGNORECASE 1, FL_IGNORENONSPACE 2, FL_LOOSE 4).
        fuzzy_level_high: u16,
        /// PropertyTag: the property compared.
        #[cfg_attr(feature = "serde", serde(rename = "PropertyTag"))]
        prop_tag: PropTag,
        /// TaggedValue: the value compared with.
        tagged_value: TaggedPropertyValue<'a>,
    },
    /// [MS-OXCDATA] 2.12.5 PropertyRestriction (0x04).
    #[cfg_attr(feature = "serde", serde(rename = "PropertyRestriction"))]
    Property {
        /// RelOp.
        rel_op: RelOp,
        /// PropTag.
        prop_tag: PropTag,
        /// TaggedValue.
        tagged_value: TaggedPropertyValue<'a>,
    },
    /// [MS-OXCDATA] 2.12.6 ComparePropertiesRestriction (0x05).
    #[cfg_attr(feature = "serde", serde(rename = "ComparePropertiesRestriction"))]
    CompareProps {
        /// RelOp.
        rel_op: RelOp,
        /// PropTag1.
        prop_tag1: PropTag,
        /// PropTag2.
        prop_tag2: PropTag,
    },
    /// [MS-OXCDATA] 2.12.7 BitMaskRestriction (0x06).
    #[cfg_attr(feature = "serde", serde(rename = "BitMaskRestriction"))]
    Bitmask {
        /// BitmapRelOp.
        bitmap_rel_op: BitmapRelOp,
        /// PropTag.
        prop_tag: PropTag,
        /// Mask.
        mask: u32,
    },
    /// [MS-OXCDATA] 2.12.8 SizeRestriction (0x07).
    #[cfg_attr(feature = "serde", serde(rename = "SizeRestriction"))]
    Size {
        /// RelOp.
        rel_op: RelOp,
        /// PropTag.
        prop_tag: PropTag,
        /// Size in bytes.
        size: u32,
    },
    /// [MS-OXCDATA] 2.12.9 ExistRestriction (0x08).
    #[cfg_attr(feature = "serde", serde(rename = "ExistRestriction"))]
    Exist {
        /// PropTag.
        prop_tag: PropTag,
    },
    /// [MS-OXCDATA] 2.12.10 SubObjectRestriction (0x09).
    #[cfg_attr(feature = "serde", serde(rename = "SubObjectRestriction"))]
    SubObject {
        /// Subobject: PidTagMessageRecipients or PidTagMessageAttachments.
        subobject: PropTag,
        /// Restriction applied to the subobjects.
        restriction: Box<Restriction<'a>>,
    },
    /// [MS-OXCDATA] 2.12.11 CommentRestriction (0x0A).
    #[cfg_attr(feature = "serde", serde(rename = "CommentRestriction"))]
    Comment {
        /// TaggedValues (TaggedValuesCount is one byte).
        tagged_values: Vec<TaggedPropertyValue<'a>>,
        /// Restriction, present when RestrictionPresent is 1.
        restriction: Option<Box<Restriction<'a>>>,
    },
    /// [MS-OXCDATA] 2.12.12 CountRestriction (0x0B).
    #[cfg_attr(feature = "serde", serde(rename = "CountRestriction"))]
    Count {
        /// Count: how many matches at most.
        count: u32,
        /// SubRestriction.
        sub_restriction: Box<Restriction<'a>>,
    },
}

impl Restriction<'_> {
    /// The RestrictType.
    pub fn restrict_type(&self) -> RestrictType {
        match self {
            Restriction::And(_) => RestrictType::AND,
            Restriction::Or(_) => RestrictType::OR,
            Restriction::Not(_) => RestrictType::NOT,
            Restriction::Content { .. } => RestrictType::CONTENT,
            Restriction::Property { .. } => RestrictType::PROPERTY,
            Restriction::CompareProps { .. } => RestrictType::COMPARE_PROPERTIES,
            Restriction::Bitmask { .. } => RestrictType::BITMASK,
            Restriction::Size { .. } => RestrictType::SIZE,
            Restriction::Exist { .. } => RestrictType::EXIST,
            Restriction::SubObject { .. } => RestrictType::SUB_OBJECT,
            Restriction::Comment { .. } => RestrictType::COMMENT,
            Restriction::Count { .. } => RestrictType::COUNT,
        }
    }
}

/// Smallest encoding of a restriction: an Exist restriction's 5 bytes are not the smallest;
/// a Not around nothing cannot exist, so the floor is one type byte plus one more byte.
const MIN_RESTRICTION_SIZE: usize = 2;

/// Fails once `depth` enclosing restrictions or rule actions reach
/// [`Limits::max_restriction_depth`](crate::wire::Limits): the one check of the recursion of
/// restrictions, PtypRestriction and PtypRuleAction values and rule actions.
pub(crate) fn check_depth(r: &Reader<'_>, depth: u32) -> Result<(), DecodeError> {
    let max = r.limits().max_restriction_depth;
    if depth >= max {
        return Err(r.error(ErrorKind::LimitExceeded {
            limit: "max_restriction_depth",
            value: u64::from(depth) + 1,
            max: max.into(),
        }));
    }
    Ok(())
}

/// Decodes one restriction inside `depth` enclosing ones.
pub(crate) fn decode_restriction<'a>(
    r: &mut Reader<'a>,
    width: CountWidth,
    depth: u32,
) -> Result<Restriction<'a>, DecodeError> {
    check_depth(r, depth)?;
    let at = r.offset();
    let ty = RestrictType::decode_from(r).field("RestrictType")?;
    let inner = depth + 1;
    let res = match ty {
        RestrictType::AND | RestrictType::OR => {
            let n = r
                .count(width, MIN_RESTRICTION_SIZE)
                .field("RestrictCount")?;
            let mut v = Vec::with_capacity(n);
            for i in 0..n {
                v.push(
                    decode_restriction(r, width, inner)
                        .index(i)
                        .field("Restricts")?,
                );
            }
            if ty == RestrictType::AND {
                Restriction::And(v)
            } else {
                Restriction::Or(v)
            }
        }
        RestrictType::NOT => Restriction::Not(Box::new(
            decode_restriction(r, width, inner).field("Restriction")?,
        )),
        RestrictType::CONTENT => Restriction::Content {
            fuzzy_level_low: r.u16().field("FuzzyLevelLow")?,
            fuzzy_level_high: r.u16().field("FuzzyLevelHigh")?,
            prop_tag: PropTag::decode_from(r).field("PropertyTag")?,
            tagged_value: decode_tagged(r, width, inner).field("TaggedValue")?,
        },
        RestrictType::PROPERTY => Restriction::Property {
            rel_op: RelOp::decode_from(r).field("RelOp")?,
            prop_tag: PropTag::decode_from(r).field("PropTag")?,
            tagged_value: decode_tagged(r, width, inner).field("TaggedValue")?,
        },
        RestrictType::COMPARE_PROPERTIES => Restriction::CompareProps {
            rel_op: RelOp::decode_from(r).field("RelOp")?,
            prop_tag1: PropTag::decode_from(r).field("PropTag1")?,
            prop_tag2: PropTag::decode_from(r).field("PropTag2")?,
        },
        RestrictType::BITMASK => Restriction::Bitmask {
            bitmap_rel_op: BitmapRelOp::decode_from(r).field("BitmapRelOp")?,
            prop_tag: PropTag::decode_from(r).field("PropTag")?,
            mask: r.u32().field("Mask")?,
        },
        RestrictType::SIZE => Restriction::Size {
            rel_op: RelOp::decode_from(r).field("RelOp")?,
            prop_tag: PropTag::decode_from(r).field("PropTag")?,
            size: r.u32().field("Size")?,
        },
        RestrictType::EXIST => Restriction::Exist {
            prop_tag: PropTag::decode_from(r).field("PropTag")?,
        },
        RestrictType::SUB_OBJECT => Restriction::SubObject {
            subobject: PropTag::decode_from(r).field("Subobject")?,
            restriction: Box::new(decode_restriction(r, width, inner).field("Restriction")?),
        },
        RestrictType::COMMENT => decode_comment(r, width, inner)?,
        RestrictType::COUNT => Restriction::Count {
            count: r.u32().field("Count")?,
            sub_restriction: Box::new(decode_restriction(r, width, inner).field("SubRestriction")?),
        },
        other => {
            return Err(DecodeError::new(
                ErrorKind::UnknownId {
                    what: "RestrictType",
                    id: other.0.into(),
                },
                at,
            ))
            .field("RestrictType")
        }
    };
    Ok(res)
}

fn decode_comment<'a>(
    r: &mut Reader<'a>,
    width: CountWidth,
    inner: u32,
) -> Result<Restriction<'a>, DecodeError> {
    let at = r.offset();
    let n = r.u8().field("TaggedValuesCount")?;
    let n = r.check_count(at, n.into(), 4).field("TaggedValuesCount")?;
    let tagged_values = decode_tagged_values(r, n, width, inner).field("TaggedValues")?;
    let present = r
        .bool8("RestrictionPresent must be 0 or 1")
        .field("RestrictionPresent")?;
    let restriction = if present {
        Some(Box::new(
            decode_restriction(r, width, inner).field("Restriction")?,
        ))
    } else {
        None
    };
    Ok(Restriction::Comment {
        tagged_values,
        restriction,
    })
}

impl<'a> DecodeWith<'a, CountWidth> for Restriction<'a> {
    fn decode_with_from(r: &mut Reader<'a>, width: CountWidth) -> Result<Self, DecodeError> {
        decode_restriction(r, width, 0)
    }
}

impl EncodeWith<CountWidth> for Restriction<'_> {
    fn encoded_len_with(&self, width: CountWidth) -> usize {
        1 + match self {
            Restriction::And(v) | Restriction::Or(v) => {
                width.size() + v.iter().map(|x| x.encoded_len_with(width)).sum::<usize>()
            }
            Restriction::Not(x) => x.encoded_len_with(width),
            Restriction::Content { tagged_value, .. } => 8 + tagged_value.encoded_len_with(width),
            Restriction::Property { tagged_value, .. } => 5 + tagged_value.encoded_len_with(width),
            Restriction::CompareProps { .. } => 9,
            Restriction::Bitmask { .. } | Restriction::Size { .. } => 9,
            Restriction::Exist { .. } => 4,
            Restriction::SubObject { restriction, .. } => 4 + restriction.encoded_len_with(width),
            Restriction::Comment {
                tagged_values,
                restriction,
            } => {
                2 + tagged_values
                    .iter()
                    .map(|t| t.encoded_len_with(width))
                    .sum::<usize>()
                    + restriction
                        .as_ref()
                        .map_or(0, |x| x.encoded_len_with(width))
            }
            Restriction::Count {
                sub_restriction, ..
            } => 4 + sub_restriction.encoded_len_with(width),
        }
    }

    fn encode_with<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        self.restrict_type().encode(out)?;
        match self {
            Restriction::And(v) | Restriction::Or(v) => {
                put_count(out, width, v.len(), "RestrictCount")?;
                for x in v {
                    x.encode_with(width, out)?;
                }
                Ok(())
            }
            Restriction::Not(x) => x.encode_with(width, out),
            Restriction::Content {
                fuzzy_level_low,
                fuzzy_level_high,
                prop_tag,
                tagged_value,
            } => {
                fuzzy_level_low.encode(out)?;
                fuzzy_level_high.encode(out)?;
                prop_tag.encode(out)?;
                tagged_value.encode_with(width, out)
            }
            Restriction::Property {
                rel_op,
                prop_tag,
                tagged_value,
            } => {
                rel_op.encode(out)?;
                prop_tag.encode(out)?;
                tagged_value.encode_with(width, out)
            }
            Restriction::CompareProps {
                rel_op,
                prop_tag1,
                prop_tag2,
            } => {
                rel_op.encode(out)?;
                prop_tag1.encode(out)?;
                prop_tag2.encode(out)
            }
            Restriction::Bitmask {
                bitmap_rel_op,
                prop_tag,
                mask,
            } => {
                bitmap_rel_op.encode(out)?;
                prop_tag.encode(out)?;
                mask.encode(out)
            }
            Restriction::Size {
                rel_op,
                prop_tag,
                size,
            } => {
                rel_op.encode(out)?;
                prop_tag.encode(out)?;
                size.encode(out)
            }
            Restriction::Exist { prop_tag } => prop_tag.encode(out),
            Restriction::SubObject {
                subobject,
                restriction,
            } => {
                subobject.encode(out)?;
                restriction.encode_with(width, out)
            }
            Restriction::Comment {
                tagged_values,
                restriction,
            } => {
                u8_len(tagged_values.len(), "TaggedValuesCount")?.encode(out)?;
                for t in tagged_values {
                    t.encode_with(width, out)?;
                }
                u8::from(restriction.is_some()).encode(out)?;
                match restriction {
                    Some(x) => x.encode_with(width, out),
                    None => Ok(()),
                }
            }
            Restriction::Count {
                count,
                sub_restriction,
            } => {
                count.encode(out)?;
                sub_restriction.encode_with(width, out)
            }
        }
    }
}

impl ToTree for Restriction<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field("RestrictType", self.restrict_type().to_tree());
        match self {
            Restriction::And(v) | Restriction::Or(v) => {
                t.field("RestrictCount", Tree::UInt(v.len() as u64)).field(
                    "Restricts",
                    Tree::List(v.iter().map(ToTree::to_tree).collect()),
                )
            }
            Restriction::Not(x) => t.field("Restriction", x.to_tree()),
            Restriction::Content {
                fuzzy_level_low,
                fuzzy_level_high,
                prop_tag,
                tagged_value,
            } => t
                .field("FuzzyLevelLow", Tree::Hex((*fuzzy_level_low).into()))
                .field("FuzzyLevelHigh", Tree::Hex((*fuzzy_level_high).into()))
                .field("PropertyTag", prop_tag.to_tree())
                .field("TaggedValue", tagged_value.to_tree()),
            Restriction::Property {
                rel_op,
                prop_tag,
                tagged_value,
            } => t
                .field("RelOp", rel_op.to_tree())
                .field("PropTag", prop_tag.to_tree())
                .field("TaggedValue", tagged_value.to_tree()),
            Restriction::CompareProps {
                rel_op,
                prop_tag1,
                prop_tag2,
            } => t
                .field("RelOp", rel_op.to_tree())
                .field("PropTag1", prop_tag1.to_tree())
                .field("PropTag2", prop_tag2.to_tree()),
            Restriction::Bitmask {
                bitmap_rel_op,
                prop_tag,
                mask,
            } => t
                .field("BitmapRelOp", bitmap_rel_op.to_tree())
                .field("PropTag", prop_tag.to_tree())
                .field("Mask", Tree::Hex((*mask).into())),
            Restriction::Size {
                rel_op,
                prop_tag,
                size,
            } => t
                .field("RelOp", rel_op.to_tree())
                .field("PropTag", prop_tag.to_tree())
                .field("Size", Tree::UInt((*size).into())),
            Restriction::Exist { prop_tag } => t.field("PropTag", prop_tag.to_tree()),
            Restriction::SubObject {
                subobject,
                restriction,
            } => t
                .field("Subobject", subobject.to_tree())
                .field("Restriction", restriction.to_tree()),
            Restriction::Comment {
                tagged_values,
                restriction,
            } => {
                let t = t
                    .field("TaggedValuesCount", Tree::UInt(tagged_values.len() as u64))
                    .field(
                        "TaggedValues",
                        Tree::List(tagged_values.iter().map(ToTree::to_tree).collect()),
                    )
                    .field("RestrictionPresent", Tree::Bool(restriction.is_some()));
                match restriction {
                    Some(x) => t.field("Restriction", x.to_tree()),
                    None => t,
                }
            }
            Restriction::Count {
                count,
                sub_restriction,
            } => t
                .field("Count", Tree::UInt((*count).into()))
                .field("SubRestriction", sub_restriction.to_tree()),
        }
    }
}

crate::wire::owned_impl!(enum Restriction {
    And(v),
    Or(v),
    Not(r),
    Content { fuzzy_level_low, fuzzy_level_high, prop_tag, tagged_value },
    Property { rel_op, prop_tag, tagged_value },
    CompareProps { rel_op, prop_tag1, prop_tag2 },
    Bitmask { bitmap_rel_op, prop_tag, mask },
    Size { rel_op, prop_tag, size },
    Exist { prop_tag },
    SubObject { subobject, restriction },
    Comment { tagged_values, restriction },
    Count { count, sub_restriction },
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{PropType, PropertyValue};
    use crate::wire::Limits;

    /// The sample of `inspect/samples/search-folder-restriction.toml`, laid out by hand.
    const SAMPLE: &[u8] = &[
        0x00, 0x02, 0x00, // And, 2
        0x03, 0x01, 0x00, 0x01, 0x00, 0x1f, 0x00, 0x37, 0x00, 0x1f, 0x00, 0x37, 0x00, //
        0x72, 0x00, 0x65, 0x00, 0x70, 0x00, 0x6f, 0x00, 0x72, 0x00, 0x74, 0x00, 0x00, 0x00, 0x01,
        0x02, 0x00, // Or, 2
        0x04, 0x03, 0x40, 0x00, 0x06, 0x0e, 0x40, 0x00, 0x06, 0x0e, //
        0x00, 0xc0, 0x89, 0x76, 0x45, 0x3c, 0xda, 0x01, //
        0x06, 0x01, 0x03, 0x00, 0x07, 0x0e, 0x01, 0x00, 0x00, 0x00,
    ];

    #[test]
    fn sample_fields() {
        let r = Restriction::decode_with_exact(SAMPLE, CountWidth::U16, Limits::DEFAULT).unwrap();
        let Restriction::And(v) = &r else {
            panic!("not an And: {r:?}")
        };
        assert_eq!(v.len(), 2);
        match &v[0] {
            Restriction::Content {
                fuzzy_level_low: 1,
                fuzzy_level_high: 1,
                prop_tag: PropTag::SUBJECT,
                tagged_value,
            } => {
                assert_eq!(tagged_value.tag, PropTag::SUBJECT);
                let PropertyValue::String(s) = &tagged_value.value else {
                    panic!()
                };
                assert_eq!(s.to_text().as_deref(), Some("report"));
            }
            other => panic!("{other:?}"),
        }
        let Restriction::Or(o) = &v[1] else { panic!() };
        assert_eq!(
            o[1],
            Restriction::Bitmask {
                bitmap_rel_op: BitmapRelOp::NEZ,
                prop_tag: PropTag(0x0E07_0003),
                mask: 1
            }
        );
        assert_eq!(r.to_bytes_with(CountWidth::U16).unwrap(), SAMPLE);
        assert_eq!(r.encoded_len_with(CountWidth::U16), SAMPLE.len());
    }

    #[test]
    fn every_prefix_fails() {
        for n in 0..SAMPLE.len() {
            let e = Restriction::decode_with_exact(&SAMPLE[..n], CountWidth::U16, Limits::DEFAULT);
            assert!(e.is_err(), "prefix of {n} bytes decoded");
        }
    }

    #[test]
    fn larger_inner_counts_fail() {
        // RestrictCount of the And (offset 1) and of the Or (offset 31).
        for at in [1usize, 31] {
            for bump in 1..=3u16 {
                let mut b = SAMPLE.to_vec();
                let n = u16::from_le_bytes([b[at], b[at + 1]]) + bump;
                b[at..at + 2].copy_from_slice(&n.to_le_bytes());
                assert!(
                    Restriction::decode_with_exact(&b, CountWidth::U16, Limits::DEFAULT).is_err()
                );
            }
        }
    }

    #[test]
    fn smaller_inner_counts_fail_exact_decoding() {
        for at in [1usize, 31] {
            let mut b = SAMPLE.to_vec();
            b[at] -= 1;
            assert!(Restriction::decode_with_exact(&b, CountWidth::U16, Limits::DEFAULT).is_err());
        }
    }

    #[test]
    fn deep_nesting_is_a_limit_error() {
        // 100,000 NotRestrictions around an Exist.
        let mut b = vec![0x02u8; 100_000];
        b.extend_from_slice(&[0x08, 0x1f, 0x00, 0x01, 0x30]);
        let e = Restriction::decode_with(&b, CountWidth::U16).unwrap_err();
        assert_eq!(e.kind().name(), "limit-exceeded");
        let max = Limits::DEFAULT.max_restriction_depth as usize;
        assert_eq!(e.offset(), max);
        // The depth counts through PtypRestriction values too.
        let mut b = Vec::new();
        for _ in 0..100 {
            b.extend_from_slice(&[0x04, 0x04, 0xfd, 0x00, 0x79, 0x66, 0xfd, 0x00, 0x79, 0x66]);
        }
        b.extend_from_slice(&[0x08, 0x1f, 0x00, 0x01, 0x30]);
        let e = Restriction::decode_with(&b, CountWidth::U16).unwrap_err();
        assert_eq!(e.kind().name(), "limit-exceeded");
        // Exactly at the limit decodes.
        let mut b = vec![0x02u8; max - 1];
        b.extend_from_slice(&[0x08, 0x1f, 0x00, 0x01, 0x30]);
        assert!(Restriction::decode_with_exact(&b, CountWidth::U16, Limits::DEFAULT).is_ok());
    }

    #[test]
    fn huge_counts_fail_before_allocating() {
        let e = Restriction::decode_with(&[0x00, 0xff, 0xff, 0x08], CountWidth::U16).unwrap_err();
        assert_eq!(e.kind().name(), "count-too-large");
        assert_eq!(e.offset(), 1);
        let e =
            Restriction::decode_with(&[0x01, 0xff, 0xff, 0xff, 0xff], CountWidth::U32).unwrap_err();
        assert_eq!(e.kind().name(), "limit-exceeded");
    }

    #[test]
    fn widths_differ() {
        let r = Restriction::Or(vec![Restriction::Exist {
            prop_tag: PropTag::new(0x0FFF, PropType::BINARY),
        }]);
        assert_eq!(
            r.to_bytes_with(CountWidth::U16).unwrap(),
            [0x01, 0x01, 0x00, 0x08, 0x02, 0x01, 0xff, 0x0f]
        );
        assert_eq!(
            r.to_bytes_with(CountWidth::U32).unwrap(),
            [0x01, 0x01, 0x00, 0x00, 0x00, 0x08, 0x02, 0x01, 0xff, 0x0f]
        );
    }

    #[test]
    fn unknown_type_and_bad_present_flag() {
        let e = Restriction::decode_with(&[0x0C], CountWidth::U16).unwrap_err();
        assert_eq!(e.kind().name(), "unknown-id");
        let e = Restriction::decode_with(&[0x0A, 0x00, 0x02], CountWidth::U16).unwrap_err();
        assert_eq!(e.kind().name(), "invalid-value");
        assert_eq!(e.offset(), 2);
        assert_eq!(e.path_string(), "RestrictionPresent");
    }

    #[test]
    fn restrict_types_are_named() {
        let r = Restriction::decode_with_exact(SAMPLE, CountWidth::U16, Limits::DEFAULT).unwrap();
        assert_eq!(r.restrict_type(), RestrictType::AND);
        assert_eq!(RestrictType::COUNT.name(), Some("CountRestriction"));
        assert_eq!(RestrictType(0x0C).name(), None);
        assert_eq!(format!("{:?}", RestrictType(0x0C)), "RestrictType(0x0C)");
        let t = r.to_tree().to_text();
        assert!(
            t.starts_with("RestrictType: 0x00 (AndRestriction)\n"),
            "{t}"
        );
    }

    #[test]
    fn error_path_names_the_nested_field() {
        // And(1) { Property { RelOp EQ, PidTagSubject, TaggedValue with an unterminated string } }
        let b = [
            0x00, 0x01, 0x00, 0x04, 0x04, 0x1f, 0x00, 0x37, 0x00, 0x1f, 0x00, 0x37, 0x00, 0x41,
            0x00,
        ];
        let e = Restriction::decode_with(&b, CountWidth::U16).unwrap_err();
        assert_eq!(e.path_string(), "Restricts[0].TaggedValue.PropertyValue");
        assert_eq!(e.kind().name(), "truncated");
        assert_eq!(e.offset(), 13);
    }
}
