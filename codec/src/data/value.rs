//! Property values ([MS-OXCDATA] 2.11): untyped, typed, tagged and flagged.

use std::borrow::Cow;

use bytes::BufMut;

use super::multi_value::{MultiValue, MultiValueElement};
use super::names::error_code_name;
use super::prop::{PropTag, PropType};
use super::restriction::{decode_restriction, Restriction};
use super::rule::{decode_rule_actions, rule_action_value_tree, RuleForm};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, named_code, put_count, AnsiStr, Bool8, CountWidth, Decode, DecodeError,
    DecodeWith, Encode, EncodeError, EncodeWith, ErrorKind, FileTime, Guid, Reader, ResultExt,
    Utf16Str,
};

/// A property value without its type ([MS-OXCDATA] 2.11.2.1 PropertyValue): the layout comes
/// from a [`PropType`] known from elsewhere (a tag, a column). Each variant is one type of
/// 2.11.1, so a value knows its own type ([`PropertyValue::prop_type`]).
///
/// Count widths follow [MS-OXCDATA] 2.11.1.1: PtypBinary byte counts are the context's
/// [`CountWidth`] (2 bytes in ROP buffers), PtypMultiple value counts are always 4 bytes.
///
/// Equality compares floats by their bits, as the wire does: a NaN equals the same NaN, and
/// `0.0` differs from `-0.0`.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PropertyValue<'a> {
    /// PtypNull: a placeholder with no bytes.
    Null,
    /// PtypInteger16.
    Integer16(i16),
    /// PtypInteger32.
    Integer32(i32),
    /// PtypFloating32.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::float"))]
    Floating32(f32),
    /// PtypFloating64.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::float"))]
    Floating64(f64),
    /// PtypCurrency: a signed integer scaled by 10,000.
    Currency(i64),
    /// PtypFloatingTime: days since 1899-12-30.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::float"))]
    FloatingTime(f64),
    /// PtypErrorCode ([MS-OXCDATA] 2.4).
    ErrorCode(u32),
    /// PtypBoolean: one byte, 0 or 1 by [MS-OXCDATA] 2.11.1. Another byte (clients send
    /// 0xFF) is kept as sent and reads as TRUE; its tree carries a conformance note, and
    /// strict decoding ([`Limits::strict`](crate::wire::Limits)) refuses it.
    Boolean(Bool8),
    /// PtypObject / PtypEmbeddedTable: [MS-OXCDATA] 2.11.1.5 gives it no value layout of its
    /// own; servers that send one send it as a counted byte block, which is what is kept.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    Object(Cow<'a, [u8]>),
    /// PtypInteger64.
    Integer64(i64),
    /// PtypString8, in a code page known from elsewhere.
    String8(AnsiStr<'a>),
    /// PtypString (UTF-16LE).
    String(Utf16Str<'a>),
    /// PtypTime.
    Time(FileTime),
    /// PtypGuid.
    Guid(Guid),
    /// PtypServerId: a 16-bit byte count and the ServerId bytes ([MS-OXCDATA] 2.11.1.4).
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    ServerId(Cow<'a, [u8]>),
    /// PtypRestriction: a restriction ([MS-OXCDATA] 2.12) with the context's count width.
    Restriction(Box<Restriction<'a>>),
    /// PtypRuleAction ([MS-OXORULE] 2.2.5): kept as its wire bytes (NoOfActions and the
    /// ActionBlocks), which decode checks in full (standard form with 2-byte counts, extended
    /// with 4-byte); [`RuleActions`](super::RuleActions) decodes them with
    /// [`DecodeWith<RuleForm>`](DecodeWith), and the tree shows the decoded actions.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    RuleAction(Cow<'a, [u8]>),
    /// PtypBinary.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    Binary(Cow<'a, [u8]>),
    /// PtypMultipleInteger16.
    MultipleInteger16(MultiValue<'a, i16>),
    /// PtypMultipleInteger32.
    MultipleInteger32(MultiValue<'a, i32>),
    /// PtypMultipleFloating32.
    MultipleFloating32(MultiValue<'a, f32>),
    /// PtypMultipleFloating64.
    MultipleFloating64(MultiValue<'a, f64>),
    /// PtypMultipleCurrency.
    MultipleCurrency(MultiValue<'a, i64>),
    /// PtypMultipleFloatingTime.
    MultipleFloatingTime(MultiValue<'a, f64>),
    /// PtypMultipleInteger64.
    MultipleInteger64(MultiValue<'a, i64>),
    /// PtypMultipleString8.
    MultipleString8(MultiValue<'a, AnsiStr<'a>>),
    /// PtypMultipleString.
    MultipleString(MultiValue<'a, Utf16Str<'a>>),
    /// PtypMultipleTime.
    MultipleTime(MultiValue<'a, FileTime>),
    /// PtypMultipleGuid.
    MultipleGuid(MultiValue<'a, Guid>),
    /// PtypMultipleBinary: PtypBinary items, with byte counts of the context's width.
    MultipleBinary(MultiValue<'a, Cow<'a, [u8]>>),
}

impl PartialEq for PropertyValue<'_> {
    fn eq(&self, other: &Self) -> bool {
        use PropertyValue as V;
        macro_rules! same {
            ($($v:ident),*) => {
                match (self, other) {
                    (V::Null, V::Null) => true,
                    (V::Floating32(a), V::Floating32(b)) => a.to_bits() == b.to_bits(),
                    (V::Floating64(a), V::Floating64(b))
                    | (V::FloatingTime(a), V::FloatingTime(b)) => a.to_bits() == b.to_bits(),
                    $((V::$v(a), V::$v(b)) => a == b,)*
                    _ => false,
                }
            };
        }
        same!(
            Integer16,
            Integer32,
            Currency,
            ErrorCode,
            Boolean,
            Object,
            Integer64,
            String8,
            String,
            Time,
            Guid,
            ServerId,
            Restriction,
            RuleAction,
            Binary,
            MultipleInteger16,
            MultipleInteger32,
            MultipleFloating32,
            MultipleFloating64,
            MultipleFloatingTime,
            MultipleCurrency,
            MultipleInteger64,
            MultipleString8,
            MultipleString,
            MultipleTime,
            MultipleGuid,
            MultipleBinary
        )
    }
}

/// Counted bytes ([MS-OXCDATA] 2.11.1.1): a count of `width`, then that many bytes, borrowed.
pub(crate) fn counted_bytes<'a>(
    r: &mut Reader<'a>,
    width: CountWidth,
) -> Result<&'a [u8], DecodeError> {
    let n = r.count(width, 1)?;
    r.bytes(n)
}

/// Reads a PtypRuleAction value ([MS-OXORULE] 2.2.5) and keeps its bytes: the actions are
/// decoded in the form of the context's width (2-byte counts: standard, 4-byte: extended) so
/// that malformed actions fail here, and nested rule actions and restrictions count against
/// the depth limit.
fn rule_action_bytes<'a>(
    r: &mut Reader<'a>,
    width: CountWidth,
    depth: u32,
) -> Result<&'a [u8], DecodeError> {
    let start = r.rest();
    let before = r.remaining();
    decode_rule_actions(r, RuleForm::from_width(width), depth)?;
    Ok(&start[..before - r.remaining()])
}

/// A PtypMultiple value: its items checked once and kept as bytes ([`MultiValue`]).
#[inline]
fn mv<'a, T: MultiValueElement<'a>>(
    r: &mut Reader<'a>,
    width: CountWidth,
) -> Result<MultiValue<'a, T>, DecodeError> {
    MultiValue::decode_with_from(r, width)
}

/// [`decode_value`] for the cells of rows: the common single-valued types read inline, the
/// rest out of line.
#[inline(always)]
pub(crate) fn decode_cell_value<'a>(
    r: &mut Reader<'a>,
    ty: PropType,
    width: CountWidth,
) -> Result<PropertyValue<'a>, DecodeError> {
    use PropertyValue as V;
    match ty {
        PropType::INTEGER32 => r.i32().map(V::Integer32),
        PropType::BOOLEAN => r.ptyp_boolean().map(V::Boolean),
        PropType::INTEGER64 => r.i64().map(V::Integer64),
        PropType::TIME => FileTime::decode_from(r).map(V::Time),
        PropType::STRING => Utf16Str::decode_from(r).map(V::String),
        PropType::BINARY => counted_bytes(r, width).map(|b| V::Binary(Cow::Borrowed(b))),
        _ => decode_value(r, ty, width, 0),
    }
}

/// Reads past a cell value of a type rows carry most (PtypInteger32, PtypBoolean, PtypInteger64,
/// PtypTime, PtypString, PtypBinary) without building it, and answers whether it did. It reads
/// with the same calls as [`decode_cell_value`], so it takes exactly the values that takes. For
/// any other type, or a value that does not read, it leaves `r` where it was and answers false:
/// the caller then decodes the cell in full, which reports the error.
#[inline(always)]
pub(crate) fn skip_cell_value(r: &mut Reader<'_>, ty: PropType, width: CountWidth) -> bool {
    let mark = r.mark();
    let read = match ty {
        PropType::INTEGER32 => r.i32().is_ok(),
        PropType::BOOLEAN => r.ptyp_boolean().is_ok(),
        PropType::INTEGER64 | PropType::TIME => r.u64().is_ok(),
        PropType::STRING => r.utf16z().is_ok(),
        PropType::BINARY => counted_bytes(r, width).is_ok(),
        _ => false,
    };
    if !read {
        r.rewind(mark);
    }
    read
}

/// Reads past a Flag and what it says follows, as [`decode_flagged`] reads it (address-book
/// flagged values have the same Flags): 0x00 then the value, which `value` reads past; 0x01,
/// nothing; 0x0A, a 4-byte error code. Like [`skip_cell_value`], it answers false with `r`
/// where it was for any other Flag and when `value` or the error code does not read.
#[inline(always)]
pub(crate) fn skip_flagged<'a>(
    r: &mut Reader<'a>,
    value: impl FnOnce(&mut Reader<'a>) -> bool,
) -> bool {
    let mark = r.mark();
    let read = match r.peek_u8() {
        Some(0x00) => {
            r.skip_peeked();
            value(r)
        }
        Some(0x01) => {
            r.skip_peeked();
            true
        }
        Some(0x0A) => {
            r.skip_peeked();
            r.u32().is_ok()
        }
        _ => false,
    };
    if !read {
        r.rewind(mark);
    }
    read
}

/// Decodes the value of `ty` with the count `width`, inside `depth` enclosing restrictions.
#[inline(never)]
pub(crate) fn decode_value<'a>(
    r: &mut Reader<'a>,
    ty: PropType,
    width: CountWidth,
    depth: u32,
) -> Result<PropertyValue<'a>, DecodeError> {
    use PropertyValue as V;
    let at = r.offset();
    Ok(match ty {
        // Read where the cells of rows read them (no depth involved).
        PropType::INTEGER32
        | PropType::BOOLEAN
        | PropType::INTEGER64
        | PropType::TIME
        | PropType::STRING
        | PropType::BINARY => return decode_cell_value(r, ty, width),
        PropType::NULL => V::Null,
        PropType::INTEGER16 => V::Integer16(r.i16()?),
        PropType::FLOATING32 => V::Floating32(r.f32()?),
        PropType::FLOATING64 => V::Floating64(r.f64()?),
        PropType::CURRENCY => V::Currency(r.i64()?),
        PropType::FLOATING_TIME => V::FloatingTime(r.f64()?),
        PropType::ERROR_CODE => V::ErrorCode(r.u32()?),
        PropType::OBJECT => V::Object(Cow::Borrowed(counted_bytes(r, width)?)),
        PropType::STRING8 => V::String8(AnsiStr::decode_from(r)?),
        PropType::GUID => V::Guid(Guid::decode_from(r)?),
        PropType::SERVER_ID => V::ServerId(Cow::Borrowed(counted_bytes(r, CountWidth::U16)?)),
        PropType::RESTRICTION => V::Restriction(Box::new(decode_restriction(r, width, depth)?)),
        PropType::RULE_ACTION => V::RuleAction(Cow::Borrowed(rule_action_bytes(r, width, depth)?)),
        PropType::MULTIPLE_INTEGER16 => V::MultipleInteger16(mv(r, width)?),
        PropType::MULTIPLE_INTEGER32 => V::MultipleInteger32(mv(r, width)?),
        PropType::MULTIPLE_FLOATING32 => V::MultipleFloating32(mv(r, width)?),
        PropType::MULTIPLE_FLOATING64 => V::MultipleFloating64(mv(r, width)?),
        PropType::MULTIPLE_CURRENCY => V::MultipleCurrency(mv(r, width)?),
        PropType::MULTIPLE_FLOATING_TIME => V::MultipleFloatingTime(mv(r, width)?),
        PropType::MULTIPLE_INTEGER64 => V::MultipleInteger64(mv(r, width)?),
        PropType::MULTIPLE_STRING8 => V::MultipleString8(mv(r, width)?),
        PropType::MULTIPLE_STRING => V::MultipleString(mv(r, width)?),
        PropType::MULTIPLE_TIME => V::MultipleTime(mv(r, width)?),
        PropType::MULTIPLE_GUID => V::MultipleGuid(mv(r, width)?),
        PropType::MULTIPLE_BINARY => V::MultipleBinary(mv(r, width)?),
        PropType::UNSPECIFIED => {
            return Err(r.invalid_at(at, "PtypUnspecified has no value layout", 0));
        }
        other => {
            return Err(DecodeError::new(
                ErrorKind::UnknownId {
                    what: "property type",
                    id: other.0.into(),
                },
                at,
            ))
        }
    })
}

impl<'a> DecodeWith<'a, (PropType, CountWidth)> for PropertyValue<'a> {
    fn decode_with_from(
        r: &mut Reader<'a>,
        (ty, width): (PropType, CountWidth),
    ) -> Result<Self, DecodeError> {
        decode_value(r, ty, width, 0)
    }
}

impl PropertyValue<'_> {
    /// The type of this value.
    pub fn prop_type(&self) -> PropType {
        use PropertyValue as V;
        match self {
            V::Null => PropType::NULL,
            V::Integer16(_) => PropType::INTEGER16,
            V::Integer32(_) => PropType::INTEGER32,
            V::Floating32(_) => PropType::FLOATING32,
            V::Floating64(_) => PropType::FLOATING64,
            V::Currency(_) => PropType::CURRENCY,
            V::FloatingTime(_) => PropType::FLOATING_TIME,
            V::ErrorCode(_) => PropType::ERROR_CODE,
            V::Boolean(_) => PropType::BOOLEAN,
            V::Object(_) => PropType::OBJECT,
            V::Integer64(_) => PropType::INTEGER64,
            V::String8(_) => PropType::STRING8,
            V::String(_) => PropType::STRING,
            V::Time(_) => PropType::TIME,
            V::Guid(_) => PropType::GUID,
            V::ServerId(_) => PropType::SERVER_ID,
            V::Restriction(_) => PropType::RESTRICTION,
            V::RuleAction(_) => PropType::RULE_ACTION,
            V::Binary(_) => PropType::BINARY,
            V::MultipleInteger16(_) => PropType::MULTIPLE_INTEGER16,
            V::MultipleInteger32(_) => PropType::MULTIPLE_INTEGER32,
            V::MultipleFloating32(_) => PropType::MULTIPLE_FLOATING32,
            V::MultipleFloating64(_) => PropType::MULTIPLE_FLOATING64,
            V::MultipleCurrency(_) => PropType::MULTIPLE_CURRENCY,
            V::MultipleFloatingTime(_) => PropType::MULTIPLE_FLOATING_TIME,
            V::MultipleInteger64(_) => PropType::MULTIPLE_INTEGER64,
            V::MultipleString8(_) => PropType::MULTIPLE_STRING8,
            V::MultipleString(_) => PropType::MULTIPLE_STRING,
            V::MultipleTime(_) => PropType::MULTIPLE_TIME,
            V::MultipleGuid(_) => PropType::MULTIPLE_GUID,
            V::MultipleBinary(_) => PropType::MULTIPLE_BINARY,
        }
    }
}

/// A PtypRuleAction value is written as the bytes it keeps, so they must be what the decoder
/// reads back in the form of `width`: whole rule actions, nothing after them.
fn check_rule_action(b: &[u8], width: CountWidth) -> Result<(), EncodeError> {
    let mut r = Reader::new(b);
    let whole = decode_rule_actions(&mut r, RuleForm::from_width(width), 0).is_ok();
    if whole && r.is_empty() {
        Ok(())
    } else {
        Err(EncodeError::invalid(
            "PtypRuleAction bytes are not rule actions of the context's form",
        ))
    }
}

/// Writes counted bytes: a count of `width` (failing as `field` when it does not fit), then
/// the bytes.
pub(crate) fn put_counted<B: BufMut>(
    out: &mut B,
    width: CountWidth,
    b: &[u8],
    field: &'static str,
) -> Result<(), EncodeError> {
    put_count(out, width, b.len(), field)?;
    ensure_room(out, b.len())?;
    out.put_slice(b);
    Ok(())
}

impl EncodeWith<CountWidth> for PropertyValue<'_> {
    fn encoded_len_with(&self, width: CountWidth) -> usize {
        use PropertyValue as V;
        let w = width.size();
        match self {
            V::Null => 0,
            V::Boolean(_) => 1,
            V::Integer16(_) => 2,
            V::Integer32(_) | V::Floating32(_) | V::ErrorCode(_) => 4,
            V::Floating64(_) | V::Currency(_) | V::FloatingTime(_) | V::Integer64(_) => 8,
            V::Time(_) => 8,
            V::Guid(_) => 16,
            V::String8(s) => s.encoded_len(),
            V::String(s) => s.encoded_len(),
            V::Object(b) | V::Binary(b) => w + b.len(),
            V::ServerId(b) => 2 + b.len(),
            V::RuleAction(b) => b.len(),
            V::Restriction(res) => res.encoded_len_with(width),
            V::MultipleInteger16(v) => v.encoded_len_with(width),
            V::MultipleInteger32(v) => v.encoded_len_with(width),
            V::MultipleFloating32(v) => v.encoded_len_with(width),
            V::MultipleFloating64(v) | V::MultipleFloatingTime(v) => v.encoded_len_with(width),
            V::MultipleCurrency(v) | V::MultipleInteger64(v) => v.encoded_len_with(width),
            V::MultipleTime(v) => v.encoded_len_with(width),
            V::MultipleGuid(v) => v.encoded_len_with(width),
            V::MultipleString8(v) => v.encoded_len_with(width),
            V::MultipleString(v) => v.encoded_len_with(width),
            V::MultipleBinary(v) => v.encoded_len_with(width),
        }
    }

    fn encode_with<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        use PropertyValue as V;
        match self {
            V::Null => Ok(()),
            V::Integer16(v) => v.encode(out),
            V::Integer32(v) => v.encode(out),
            V::Floating32(v) => v.encode(out),
            V::Floating64(v) | V::FloatingTime(v) => v.encode(out),
            V::Currency(v) | V::Integer64(v) => v.encode(out),
            V::ErrorCode(v) => v.encode(out),
            V::Boolean(b) => b.encode(out),
            V::String8(s) => s.encode(out),
            V::String(s) => s.encode(out),
            V::Time(t) => t.encode(out),
            V::Guid(g) => g.encode(out),
            V::Object(b) | V::Binary(b) => put_counted(out, width, b, "PtypBinary.Count"),
            V::ServerId(b) => put_counted(out, CountWidth::U16, b, "PtypServerId.Count"),
            V::RuleAction(b) => {
                check_rule_action(b, width)?;
                ensure_room(out, b.len())?;
                out.put_slice(b);
                Ok(())
            }
            V::Restriction(res) => res.encode_with(width, out),
            V::MultipleInteger16(v) => v.encode_with(width, out),
            V::MultipleInteger32(v) => v.encode_with(width, out),
            V::MultipleFloating32(v) => v.encode_with(width, out),
            V::MultipleFloating64(v) | V::MultipleFloatingTime(v) => v.encode_with(width, out),
            V::MultipleCurrency(v) | V::MultipleInteger64(v) => v.encode_with(width, out),
            V::MultipleString8(v) => v.encode_with(width, out),
            V::MultipleString(v) => v.encode_with(width, out),
            V::MultipleTime(v) => v.encode_with(width, out),
            V::MultipleGuid(v) => v.encode_with(width, out),
            V::MultipleBinary(v) => v.encode_with(width, out),
        }
    }
}

fn hex_bytes(b: &[u8]) -> Tree {
    Tree::Bytes(b.to_vec())
}

impl ToTree for PropertyValue<'_> {
    fn to_tree(&self) -> Tree {
        use PropertyValue as V;
        fn list<I: Iterator>(items: I, f: impl Fn(I::Item) -> Tree) -> Tree {
            Tree::List(items.map(f).collect())
        }
        match self {
            V::Null => Tree::Null,
            V::Integer16(v) => Tree::Int((*v).into()),
            V::Integer32(v) => Tree::Int((*v).into()),
            V::Floating32(v) => Tree::Float((*v).into()),
            V::Floating64(v) | V::FloatingTime(v) => Tree::Float(*v),
            V::Currency(v) | V::Integer64(v) => Tree::Int(*v),
            V::ErrorCode(v) => Tree::named(*v, error_code_name(*v)),
            V::Boolean(b) if b.is_canonical() => Tree::Bool(b.get()),
            V::Boolean(b) => Tree::Bool(true).with_note(format!(
                "PtypBoolean 0x{:02X}: [MS-OXCDATA] 2.11.1 restricts it to 0 or 1; read as TRUE \
                 and kept as sent (strict decoding refuses it)",
                b.0
            )),
            V::String8(s) => s.to_tree(),
            V::String(s) => Tree::Text(s.to_string_lossy()),
            V::Time(t) => t.to_tree(),
            V::Guid(g) => Tree::Text(g.to_string()),
            V::Object(b) | V::Binary(b) | V::ServerId(b) => hex_bytes(b),
            V::RuleAction(b) => rule_action_value_tree(b),
            V::Restriction(r) => r.to_tree(),
            V::MultipleInteger16(v) => list(v.iter(), |x| Tree::Int(x.into())),
            V::MultipleInteger32(v) => list(v.iter(), |x| Tree::Int(x.into())),
            V::MultipleFloating32(v) => list(v.iter(), |x| Tree::Float(x.into())),
            V::MultipleFloating64(v) | V::MultipleFloatingTime(v) => list(v.iter(), Tree::Float),
            V::MultipleCurrency(v) | V::MultipleInteger64(v) => list(v.iter(), Tree::Int),
            V::MultipleString8(v) => list(v.iter(), |s| s.to_tree()),
            V::MultipleString(v) => list(v.iter(), |s| Tree::Text(s.to_string_lossy())),
            V::MultipleTime(v) => list(v.iter(), |t| Tree::Text(t.to_iso8601())),
            V::MultipleGuid(v) => list(v.iter(), |g| Tree::Text(g.to_string())),
            V::MultipleBinary(v) => list(v.iter(), hex_bytes),
        }
    }
}

/// [MS-OXCDATA] 2.11.3 TypedPropertyValue: PropertyType, then the PropertyValue of that type.
/// The type is the value's own ([`PropertyValue::prop_type`]).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct TypedPropertyValue<'a>(pub PropertyValue<'a>);

pub(crate) fn decode_typed<'a>(
    r: &mut Reader<'a>,
    width: CountWidth,
    depth: u32,
) -> Result<TypedPropertyValue<'a>, DecodeError> {
    let ty = PropType::decode_from(r).field("PropertyType")?;
    let v = decode_value(r, ty, width, depth).field("PropertyValue")?;
    Ok(TypedPropertyValue(v))
}

impl<'a> DecodeWith<'a, CountWidth> for TypedPropertyValue<'a> {
    fn decode_with_from(r: &mut Reader<'a>, width: CountWidth) -> Result<Self, DecodeError> {
        decode_typed(r, width, 0)
    }
}

impl EncodeWith<CountWidth> for TypedPropertyValue<'_> {
    fn encoded_len_with(&self, width: CountWidth) -> usize {
        2 + self.0.encoded_len_with(width)
    }
    fn encode_with<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        self.0.prop_type().encode(out)?;
        self.0.encode_with(width, out)
    }
}

impl ToTree for TypedPropertyValue<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("PropertyType", self.0.prop_type().to_tree())
            .field("PropertyValue", self.0.to_tree())
    }
}

/// [MS-OXCDATA] 2.11.4 TaggedPropertyValue: PropertyTag, then the PropertyValue of the tag's
/// type. Encoding fails if the tag's type is not the value's.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TaggedPropertyValue<'a> {
    /// The property tag.
    #[cfg_attr(feature = "serde", serde(rename = "PropertyTag"))]
    pub tag: PropTag,
    /// The value, of the tag's type.
    #[cfg_attr(feature = "serde", serde(rename = "PropertyValue"))]
    pub value: PropertyValue<'a>,
}

pub(crate) fn decode_tagged<'a>(
    r: &mut Reader<'a>,
    width: CountWidth,
    depth: u32,
) -> Result<TaggedPropertyValue<'a>, DecodeError> {
    let tag = PropTag::decode_from(r).field("PropertyTag")?;
    let value = decode_value(r, tag.prop_type(), width, depth).field("PropertyValue")?;
    Ok(TaggedPropertyValue { tag, value })
}

impl<'a> DecodeWith<'a, CountWidth> for TaggedPropertyValue<'a> {
    fn decode_with_from(r: &mut Reader<'a>, width: CountWidth) -> Result<Self, DecodeError> {
        decode_tagged(r, width, 0)
    }
}

/// Reads `n` tagged values (a count read and checked by the caller) inside `depth` enclosing
/// restrictions or rule actions.
pub(crate) fn decode_tagged_values<'a>(
    r: &mut Reader<'a>,
    n: usize,
    width: CountWidth,
    depth: u32,
) -> Result<Vec<TaggedPropertyValue<'a>>, DecodeError> {
    let mut v = Vec::with_capacity(n);
    for i in 0..n {
        v.push(decode_tagged(r, width, depth).index(i)?);
    }
    Ok(v)
}

/// The bytes of tagged values with counts of `width`.
pub(crate) fn tagged_values_len(v: &[TaggedPropertyValue<'_>], width: CountWidth) -> usize {
    v.iter().map(|t| t.encoded_len_with(width)).sum()
}

/// Writes tagged values with counts of `width`.
pub(crate) fn put_tagged_values<B: BufMut>(
    out: &mut B,
    v: &[TaggedPropertyValue<'_>],
    width: CountWidth,
) -> Result<(), EncodeError> {
    for (i, t) in v.iter().enumerate() {
        t.encode_with(width, out).index(i)?;
    }
    Ok(())
}

fn check_type(declared: PropType, value: &PropertyValue<'_>) -> Result<(), EncodeError> {
    if declared == value.prop_type() {
        Ok(())
    } else {
        Err(EncodeError::invalid(
            "the declared property type is not the value's type",
        ))
    }
}

impl EncodeWith<CountWidth> for TaggedPropertyValue<'_> {
    fn encoded_len_with(&self, width: CountWidth) -> usize {
        4 + self.value.encoded_len_with(width)
    }
    fn encode_with<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        check_type(self.tag.prop_type(), &self.value)?;
        self.tag.encode(out)?;
        self.value.encode_with(width, out)
    }
}

impl ToTree for TaggedPropertyValue<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("PropertyTag", self.tag.to_tree())
            .field("PropertyValue", self.value.to_tree())
    }
}

named_code! {
    /// The Flag of a flagged value ([MS-OXCDATA] 2.11.5): whether the value, nothing or an
    /// error code follows.
    pub struct ValueFlag(u8);
    /// 0x00: the value follows.
    VALUE_PRESENT = 0x00 => "ValuePresent",
    /// 0x01: no value follows.
    VALUE_MISSING = 0x01 => "ValueMissing",
    /// 0x0A: a PtypErrorCode follows instead of the value.
    ERROR_CODE = 0x0A => "ErrorCode",
}

/// The Flag of a flagged value ([MS-OXCDATA] 2.11.5) and what follows it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Flagged<'a> {
    /// Flag 0x00: the value follows.
    Value(PropertyValue<'a>),
    /// Flag 0x01: no value.
    Missing,
    /// Flag 0x0A: a PtypErrorCode follows instead of the value.
    Error(u32),
}

impl Flagged<'_> {
    /// The Flag.
    pub fn flag(&self) -> ValueFlag {
        match self {
            Flagged::Value(_) => ValueFlag::VALUE_PRESENT,
            Flagged::Missing => ValueFlag::VALUE_MISSING,
            Flagged::Error(_) => ValueFlag::ERROR_CODE,
        }
    }

    fn len_with(&self, width: CountWidth) -> usize {
        1 + match self {
            Flagged::Value(v) => v.encoded_len_with(width),
            Flagged::Missing => 0,
            Flagged::Error(_) => 4,
        }
    }

    fn put<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        self.flag().encode(out)?;
        match self {
            Flagged::Value(v) => v.encode_with(width, out),
            Flagged::Missing => Ok(()),
            Flagged::Error(e) => e.encode(out),
        }
    }

    fn tree_into(&self, t: Tree) -> Tree {
        let t = t.field("Flag", self.flag().to_tree());
        match self {
            Flagged::Value(v) => t.field("PropertyValue", v.to_tree()),
            Flagged::Missing => t,
            Flagged::Error(e) => t.field("PropertyValue", Tree::named(*e, error_code_name(*e))),
        }
    }
}

pub(crate) fn decode_flagged<'a>(
    r: &mut Reader<'a>,
    ty: PropType,
    width: CountWidth,
) -> Result<Flagged<'a>, DecodeError> {
    let at = r.offset();
    match r.u8().field("Flag")? {
        0x00 => decode_value(r, ty, width, 0)
            .field("PropertyValue")
            .map(Flagged::Value),
        0x01 => Ok(Flagged::Missing),
        0x0A => r.u32().field("PropertyValue").map(Flagged::Error),
        f => Err(r.invalid_at(at, "Flag must be 0x00, 0x01 or 0x0A", f.into())).field("Flag"),
    }
}

/// [MS-OXCDATA] 2.11.5 FlaggedPropertyValue: a Flag, then the value of a type known from the
/// column (or an error code, or nothing).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct FlaggedPropertyValue<'a>(pub Flagged<'a>);

impl<'a> DecodeWith<'a, (PropType, CountWidth)> for FlaggedPropertyValue<'a> {
    fn decode_with_from(
        r: &mut Reader<'a>,
        (ty, width): (PropType, CountWidth),
    ) -> Result<Self, DecodeError> {
        decode_flagged(r, ty, width).map(FlaggedPropertyValue)
    }
}

impl EncodeWith<CountWidth> for FlaggedPropertyValue<'_> {
    fn encoded_len_with(&self, width: CountWidth) -> usize {
        self.0.len_with(width)
    }
    fn encode_with<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        self.0.put(width, out)
    }
}

impl ToTree for FlaggedPropertyValue<'_> {
    fn to_tree(&self) -> Tree {
        self.0.tree_into(Tree::record())
    }
}

/// [MS-OXCDATA] 2.11.6 FlaggedPropertyValueWithType: PropertyType, Flag, then the value. The
/// type is written even when no value follows, so it is kept; encoding checks it against a
/// present value.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct FlaggedPropertyValueWithType<'a> {
    /// The PropertyType field.
    pub prop_type: PropType,
    /// The Flag and what follows.
    pub value: Flagged<'a>,
}

impl<'a> DecodeWith<'a, CountWidth> for FlaggedPropertyValueWithType<'a> {
    fn decode_with_from(r: &mut Reader<'a>, width: CountWidth) -> Result<Self, DecodeError> {
        let prop_type = PropType::decode_from(r).field("PropertyType")?;
        let value = decode_flagged(r, prop_type, width)?;
        Ok(FlaggedPropertyValueWithType { prop_type, value })
    }
}

impl EncodeWith<CountWidth> for FlaggedPropertyValueWithType<'_> {
    fn encoded_len_with(&self, width: CountWidth) -> usize {
        2 + self.value.len_with(width)
    }
    fn encode_with<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        if let Flagged::Value(v) = &self.value {
            check_type(self.prop_type, v)?;
        }
        self.prop_type.encode(out)?;
        self.value.put(width, out)
    }
}

impl ToTree for FlaggedPropertyValueWithType<'_> {
    fn to_tree(&self) -> Tree {
        self.value
            .tree_into(Tree::record().field("PropertyType", self.prop_type.to_tree()))
    }
}

crate::wire::owned_impl!(
    enum PropertyValue {
        Null,
        Integer16(v),
        Integer32(v),
        Floating32(v),
        Floating64(v),
        Currency(v),
        FloatingTime(v),
        ErrorCode(v),
        Boolean(v),
        Object(v),
        Integer64(v),
        String8(v),
        String(v),
        Time(v),
        Guid(v),
        ServerId(v),
        Restriction(v),
        RuleAction(v),
        Binary(v),
        MultipleInteger16(v),
        MultipleInteger32(v),
        MultipleFloating32(v),
        MultipleFloating64(v),
        MultipleCurrency(v),
        MultipleFloatingTime(v),
        MultipleInteger64(v),
        MultipleString8(v),
        MultipleString(v),
        MultipleTime(v),
        MultipleGuid(v),
        MultipleBinary(v),
    }
);
crate::wire::owned_impl!(struct TypedPropertyValue(0));
crate::wire::owned_impl!(struct TaggedPropertyValue { tag, value });
crate::wire::owned_impl!(
    enum Flagged {
        Value(v),
        Missing,
        Error(e),
    }
);
crate::wire::owned_impl!(struct FlaggedPropertyValue(0));
crate::wire::owned_impl!(struct FlaggedPropertyValueWithType { prop_type, value });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Limits;

    fn tagged(b: &[u8], w: CountWidth) -> Result<TaggedPropertyValue<'_>, DecodeError> {
        TaggedPropertyValue::decode_with_exact(b, w, Limits::DEFAULT)
    }

    #[test]
    fn rule_action_bytes_must_decode_in_the_width_form() {
        // An empty standard action list (NoOfActions is 2 bytes): fine with 2-byte counts,
        // refused with 4-byte ones, where the decoder would need a 4-byte NoOfActions.
        let v = TaggedPropertyValue {
            tag: PropTag::new(0x6680, PropType::RULE_ACTION),
            value: PropertyValue::RuleAction(Cow::Borrowed(&[0x00, 0x00])),
        };
        let b = v.to_bytes_with(CountWidth::U16).unwrap();
        assert_eq!(tagged(&b, CountWidth::U16).unwrap(), v);
        assert!(matches!(
            v.to_bytes_with(CountWidth::U32)
                .map_err(|e| e.kind().clone()),
            Err(crate::wire::EncodeErrorKind::InvalidValue { .. })
        ));
        // Bytes after the actions, or a truncated list, are refused too.
        for bad in [&[0x00, 0x00, 0x07][..], &[0x01][..], &[][..]] {
            let v = PropertyValue::RuleAction(Cow::Borrowed(bad));
            assert!(v.to_bytes_with(CountWidth::U16).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn binary_count_follows_the_width() {
        // PidTagEntryId, 3 bytes.
        let rop = [0x02, 0x01, 0xff, 0x0f, 0x03, 0x00, 0xaa, 0xbb, 0xcc];
        let v = tagged(&rop, CountWidth::U16).unwrap();
        assert_eq!(
            v.value,
            PropertyValue::Binary(Cow::Borrowed(&[0xaa, 0xbb, 0xcc][..]))
        );
        assert!(tagged(&rop, CountWidth::U32).is_err());
        let ext = [
            0x02, 0x01, 0xff, 0x0f, 0x03, 0x00, 0x00, 0x00, 0xaa, 0xbb, 0xcc,
        ];
        assert_eq!(tagged(&ext, CountWidth::U32).unwrap().value, v.value);
        assert_eq!(v.to_bytes_with(CountWidth::U32).unwrap(), ext);
    }

    #[test]
    fn multi_value_counts_are_four_bytes_in_both_widths() {
        // PtypMultipleInteger16 0x1002: Count 2, values 1 and -1.
        let b = [0x02, 0x10, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0xff, 0xff];
        for w in [CountWidth::U16, CountWidth::U32] {
            let v = TypedPropertyValue::decode_with_exact(&b, w, Limits::DEFAULT).unwrap();
            assert_eq!(v.0, PropertyValue::MultipleInteger16(vec![1, -1].into()));
        }
    }

    #[test]
    fn huge_multi_value_count_fails_before_allocating() {
        let b = [0x1f, 0x10, 0xff, 0xff, 0xff, 0x0f, 0x41, 0x00];
        let e = TypedPropertyValue::decode_with(&b, CountWidth::U16).unwrap_err();
        assert_eq!(e.kind().name(), "limit-exceeded");
        let b = [0x1f, 0x10, 0x00, 0x01, 0x00, 0x00, 0x41, 0x00];
        let e = TypedPropertyValue::decode_with(&b, CountWidth::U16).unwrap_err();
        assert_eq!(e.kind().name(), "count-too-large");
        assert_eq!(e.offset(), 2);
        assert_eq!(e.path_string(), "PropertyValue.Count");
    }

    #[test]
    fn boolean_outside_0_and_1_is_kept_with_a_note_and_refused_when_strict() {
        assert!(tagged(&[0x0b, 0x00, 0x01, 0x00, 0x01], CountWidth::U16).is_ok());
        // [MS-OXCDATA] 2.11.1 restricts PtypBoolean to 0 or 1; clients send 0xFF.
        let b = [0x0b, 0x00, 0x01, 0x00, 0xFF];
        let v = tagged(&b, CountWidth::U16).unwrap();
        let PropertyValue::Boolean(x) = v.value else {
            panic!("{v:?}")
        };
        assert!(x.get() && !x.is_canonical());
        assert_eq!(v.to_bytes_with(CountWidth::U16).unwrap(), b);
        let notes = v.to_tree().remarks();
        assert_eq!(notes.len(), 1);
        assert!(notes[0].remark.text.contains("[MS-OXCDATA] 2.11.1"));
        let e = TaggedPropertyValue::decode_with_exact(&b, CountWidth::U16, Limits::STRICT)
            .unwrap_err();
        assert_eq!(e.kind().name(), "invalid-value");
        assert_eq!(e.offset(), 4);
    }

    #[test]
    fn unknown_and_unspecified_types_are_errors() {
        let e = tagged(&[0x99, 0x00, 0x01, 0x00, 0x00], CountWidth::U16).unwrap_err();
        assert_eq!(e.kind().name(), "unknown-id");
        let e = tagged(&[0x00, 0x00, 0x01, 0x00], CountWidth::U16).unwrap_err();
        assert_eq!(e.kind().name(), "invalid-value");
    }

    #[test]
    fn floats_compare_by_bits() {
        let nan = PropertyValue::Floating32(f32::NAN);
        assert_eq!(nan, nan.clone());
        assert_ne!(
            PropertyValue::Floating64(0.0),
            PropertyValue::Floating64(-0.0)
        );
        assert_ne!(
            PropertyValue::Floating64(1.0),
            PropertyValue::FloatingTime(1.0)
        );
    }

    #[test]
    fn tagged_type_must_match_on_encode() {
        let t = TaggedPropertyValue {
            tag: PropTag::DISPLAY_NAME,
            value: PropertyValue::Integer32(1),
        };
        assert!(t.to_bytes_with(CountWidth::U16).is_err());
    }

    #[test]
    fn flagged_values() {
        // PtypInteger32 column: flag 0 + value; flag 1; flag 0x0A + error code; flag 2 is bad.
        fn ok(b: &[u8]) -> Result<FlaggedPropertyValue<'_>, DecodeError> {
            let ctx = (PropType::INTEGER32, CountWidth::U16);
            FlaggedPropertyValue::decode_with_exact(b, ctx, Limits::DEFAULT)
        }
        assert_eq!(
            ok(&[0, 5, 0, 0, 0]).unwrap().0,
            Flagged::Value(PropertyValue::Integer32(5))
        );
        assert_eq!(ok(&[1]).unwrap().0, Flagged::Missing);
        assert_eq!(
            ok(&[0x0a, 0x0f, 0x01, 0x04, 0x80]).unwrap().0,
            Flagged::Error(0x8004_010F)
        );
        let e = ok(&[2]).unwrap_err();
        assert_eq!(
            (e.kind().name(), e.path_string().as_str()),
            ("invalid-value", "Flag")
        );
    }

    #[test]
    fn rule_action_values_are_decoded_and_kept_as_bytes() {
        // NoOfActions 1, ActionLength 9, OP_DELETE, ActionFlavor 0, ActionFlags 0.
        let ok = [
            0xfe, 0x00, 0x01, 0x00, 0x09, 0x00, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        let v = TypedPropertyValue::decode_with_exact(&ok, CountWidth::U16, Limits::DEFAULT);
        assert_eq!(
            v.unwrap().0,
            PropertyValue::RuleAction(Cow::Borrowed(&ok[2..]))
        );
        // ActionLength 8 cannot hold the fixed fields; ActionLength 10 runs past the end.
        let mut bad = ok;
        bad[4] = 0x08;
        let e = TypedPropertyValue::decode_with(&bad, CountWidth::U16).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("invalid-value", 4));
        bad[4] = 0x0a;
        assert!(TypedPropertyValue::decode_with(&bad, CountWidth::U16).is_err());
        // The tree shows the action.
        let (_, v) = TypedPropertyValue::decode_with(&ok, CountWidth::U16).unwrap();
        let text = v.to_tree().to_text();
        assert!(text.contains("OP_DELETE"), "{text}");
    }

    #[test]
    fn nested_rule_actions_count_against_the_depth_limit() {
        // An OP_TAG action whose value is a PtypRuleAction holding an OP_TAG action ... 70
        // levels deep: decoding stops at the limit instead of recursing without bound.
        let mut inner = vec![0x01, 0x00, 0x09, 0x00, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0];
        for _ in 0..70 {
            let mut block = vec![0x09, 0, 0, 0, 0, 0, 0, 0, 0];
            block.extend_from_slice(&[0xfe, 0x00, 0x01, 0x00]);
            block.extend_from_slice(&inner);
            let mut v = vec![0x01, 0x00];
            v.extend_from_slice(&(block.len() as u16).to_le_bytes());
            v.extend_from_slice(&block);
            inner = v;
        }
        let mut b = vec![0xfe, 0x00];
        b.extend_from_slice(&inner);
        let e = TypedPropertyValue::decode_with(&b, CountWidth::U16).unwrap_err();
        assert_eq!(e.kind().name(), "limit-exceeded");
    }
}
