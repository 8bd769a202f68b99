//! `Arbitrary` for property values and restrictions (feature `arbitrary`), by hand: a tagged
//! value's tag must carry the value's type, and restrictions nest (through property values
//! too), so one depth budget is shared down the whole tree and generation cannot recurse
//! without end.

use std::borrow::Cow;

use arbitrary::{Arbitrary, Result, Unstructured};

use super::prop::PropTag;
use super::restriction::{BitmapRelOp, RelOp, Restriction};
use super::value::{PropertyValue, TaggedPropertyValue};

/// Levels of restriction a generated value may nest, well under the decoder's default
/// `max_restriction_depth`.
const MAX_DEPTH: u32 = 6;

fn bytes<'a>(u: &mut Unstructured<'_>) -> Result<Cow<'a, [u8]>> {
    Ok(Cow::Owned(u.arbitrary::<Vec<u8>>()?))
}

/// A PtypRuleAction value: often an empty action list in one of the two forms (a 2-byte or a
/// 4-byte NoOfActions), otherwise any bytes (the encoder refuses what does not decode).
fn rule_action<'a>(u: &mut Unstructured<'_>) -> Result<Cow<'a, [u8]>> {
    Ok(match u.choose_index(3)? {
        0 => Cow::Borrowed(&[0, 0]),
        1 => Cow::Borrowed(&[0, 0, 0, 0]),
        _ => bytes(u)?,
    })
}

/// A value of any type; a PtypRestriction only while `depth` allows one more level.
pub(crate) fn value<'a>(u: &mut Unstructured<'_>, depth: u32) -> Result<PropertyValue<'a>> {
    use PropertyValue as V;
    Ok(match u.choose_index(31)? {
        0 => V::Null,
        1 => V::Integer16(u.arbitrary()?),
        2 => V::Integer32(u.arbitrary()?),
        3 => V::Floating32(u.arbitrary()?),
        4 => V::Floating64(u.arbitrary()?),
        5 => V::Currency(u.arbitrary()?),
        6 => V::FloatingTime(u.arbitrary()?),
        7 => V::ErrorCode(u.arbitrary()?),
        8 => V::Boolean(u.arbitrary()?),
        9 => V::Object(bytes(u)?),
        10 => V::Integer64(u.arbitrary()?),
        11 => V::String8(u.arbitrary()?),
        12 => V::String(u.arbitrary()?),
        13 => V::Time(u.arbitrary()?),
        14 => V::Guid(u.arbitrary()?),
        15 => V::ServerId(bytes(u)?),
        16 if depth > 0 => V::Restriction(Box::new(restriction(u, depth - 1)?)),
        16 => V::Null,
        17 => V::RuleAction(rule_action(u)?),
        18 => V::Binary(bytes(u)?),
        19 => V::MultipleInteger16(u.arbitrary()?),
        20 => V::MultipleInteger32(u.arbitrary()?),
        21 => V::MultipleFloating32(u.arbitrary()?),
        22 => V::MultipleFloating64(u.arbitrary()?),
        23 => V::MultipleCurrency(u.arbitrary()?),
        24 => V::MultipleFloatingTime(u.arbitrary()?),
        25 => V::MultipleInteger64(u.arbitrary()?),
        26 => V::MultipleString8(u.arbitrary()?),
        27 => V::MultipleString(u.arbitrary()?),
        28 => V::MultipleTime(u.arbitrary()?),
        29 => V::MultipleGuid(u.arbitrary()?),
        _ => {
            let n = u.arbitrary_len::<u8>()?;
            let mut v = Vec::with_capacity(n);
            for _ in 0..n {
                v.push(bytes(u)?);
            }
            V::MultipleBinary(v.into())
        }
    })
}

/// A tagged value whose tag carries the value's type.
pub(crate) fn tagged<'a>(u: &mut Unstructured<'_>, depth: u32) -> Result<TaggedPropertyValue<'a>> {
    let value = value(u, depth)?;
    let tag = PropTag::new(u.arbitrary()?, value.prop_type());
    Ok(TaggedPropertyValue { tag, value })
}

fn boxed<'a>(u: &mut Unstructured<'_>, depth: u32) -> Result<Box<Restriction<'a>>> {
    restriction(u, depth).map(Box::new)
}

/// A restriction nesting at most `depth` more levels (the leaves need none).
pub(crate) fn restriction<'a>(u: &mut Unstructured<'_>, depth: u32) -> Result<Restriction<'a>> {
    use Restriction as R;
    // Without budget, only the kinds that hold no restriction and no value.
    let kinds = if depth == 0 { 4 } else { 12 };
    let inner = depth.saturating_sub(1);
    Ok(match u.choose_index(kinds)? {
        0 => R::CompareProps {
            rel_op: RelOp(u.arbitrary()?),
            prop_tag1: u.arbitrary()?,
            prop_tag2: u.arbitrary()?,
        },
        1 => R::Bitmask {
            bitmap_rel_op: BitmapRelOp(u.arbitrary()?),
            prop_tag: u.arbitrary()?,
            mask: u.arbitrary()?,
        },
        2 => R::Size {
            rel_op: RelOp(u.arbitrary()?),
            prop_tag: u.arbitrary()?,
            size: u.arbitrary()?,
        },
        3 => R::Exist {
            prop_tag: u.arbitrary()?,
        },
        k @ (4 | 5) => {
            let n = u.arbitrary_len::<[u8; 2]>()?.min(8);
            let mut v = Vec::with_capacity(n);
            for _ in 0..n {
                v.push(restriction(u, inner)?);
            }
            if k == 4 {
                R::And(v)
            } else {
                R::Or(v)
            }
        }
        6 => R::Not(boxed(u, inner)?),
        7 => R::Content {
            fuzzy_level_low: u.arbitrary()?,
            fuzzy_level_high: u.arbitrary()?,
            prop_tag: u.arbitrary()?,
            tagged_value: tagged(u, inner)?,
        },
        8 => R::Property {
            rel_op: RelOp(u.arbitrary()?),
            prop_tag: u.arbitrary()?,
            tagged_value: tagged(u, inner)?,
        },
        9 => R::SubObject {
            subobject: u.arbitrary()?,
            restriction: boxed(u, inner)?,
        },
        10 => {
            let n = u.arbitrary_len::<[u8; 4]>()?.min(8);
            let mut tagged_values = Vec::with_capacity(n);
            for _ in 0..n {
                tagged_values.push(tagged(u, inner)?);
            }
            let restriction = if u.arbitrary()? {
                Some(boxed(u, inner)?)
            } else {
                None
            };
            R::Comment {
                tagged_values,
                restriction,
            }
        }
        _ => R::Count {
            count: u.arbitrary()?,
            sub_restriction: boxed(u, inner)?,
        },
    })
}

impl<'u> Arbitrary<'u> for PropertyValue<'_> {
    fn arbitrary(u: &mut Unstructured<'u>) -> Result<Self> {
        value(u, MAX_DEPTH)
    }
}

impl<'u> Arbitrary<'u> for TaggedPropertyValue<'_> {
    fn arbitrary(u: &mut Unstructured<'u>) -> Result<Self> {
        tagged(u, MAX_DEPTH)
    }
}

impl<'u> Arbitrary<'u> for Restriction<'_> {
    fn arbitrary(u: &mut Unstructured<'u>) -> Result<Self> {
        restriction(u, MAX_DEPTH)
    }
}
