//! [MS-OXCDATA] 2.11.7 TypedString: a string that says its own form.

use bytes::BufMut;

use crate::tree::{ToTree, Tree};
use crate::wire::{
    named_code, AnsiStr, Decode, DecodeError, Encode, EncodeError, Reader, ResultExt, Utf16Str,
};

named_code! {
    /// The StringType of a [`TypedString`] ([MS-OXCDATA] 2.11.7).
    pub struct StringType(u8);
    /// 0x00: no string present.
    NO_STRING = 0x00 => "NoString",
    /// 0x01: an empty string.
    EMPTY = 0x01 => "Empty",
    /// 0x02: a null-terminated 8-bit string.
    STRING8 = 0x02 => "String8",
    /// 0x03: a Unicode string sent with its high bytes removed.
    REDUCED_UNICODE = 0x03 => "ReducedUnicode",
    /// 0x04: a null-terminated UTF-16LE string.
    UNICODE = 0x04 => "Unicode",
}

/// [MS-OXCDATA] 2.11.7 TypedString: a StringType byte, then the string in that form.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TypedString<'a> {
    /// 0x00: no string present.
    None,
    /// 0x01: an empty string (no bytes follow).
    Empty,
    /// 0x02: a null-terminated 8-bit string.
    String8(AnsiStr<'a>),
    /// 0x03: a Unicode string sent with its high bytes removed, null-terminated, 8 bits a
    /// character.
    ReducedUnicode(AnsiStr<'a>),
    /// 0x04: a null-terminated UTF-16LE string.
    Unicode(Utf16Str<'a>),
}

impl TypedString<'_> {
    /// The StringType.
    pub fn string_type(&self) -> StringType {
        match self {
            TypedString::None => StringType::NO_STRING,
            TypedString::Empty => StringType::EMPTY,
            TypedString::String8(_) => StringType::STRING8,
            TypedString::ReducedUnicode(_) => StringType::REDUCED_UNICODE,
            TypedString::Unicode(_) => StringType::UNICODE,
        }
    }
}

impl<'a> Decode<'a> for TypedString<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        Ok(match StringType::decode_from(r).field("StringType")? {
            StringType::NO_STRING => TypedString::None,
            StringType::EMPTY => TypedString::Empty,
            StringType::STRING8 => TypedString::String8(AnsiStr::decode_from(r).field("String")?),
            StringType::REDUCED_UNICODE => {
                TypedString::ReducedUnicode(AnsiStr::decode_from(r).field("String")?)
            }
            StringType::UNICODE => TypedString::Unicode(Utf16Str::decode_from(r).field("String")?),
            t => {
                return Err(r.invalid_at(at, "StringType must be 0x00 to 0x04", t.0.into()))
                    .field("StringType")
            }
        })
    }
}

impl Encode for TypedString<'_> {
    fn encoded_len(&self) -> usize {
        1 + match self {
            TypedString::None | TypedString::Empty => 0,
            TypedString::String8(s) | TypedString::ReducedUnicode(s) => s.encoded_len(),
            TypedString::Unicode(s) => s.encoded_len(),
        }
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.string_type().encode(out)?;
        match self {
            TypedString::None | TypedString::Empty => Ok(()),
            TypedString::String8(s) | TypedString::ReducedUnicode(s) => s.encode(out),
            TypedString::Unicode(s) => s.encode(out),
        }
    }
}

impl ToTree for TypedString<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field("StringType", self.string_type().to_tree());
        match self {
            TypedString::None | TypedString::Empty => t,
            TypedString::String8(s) | TypedString::ReducedUnicode(s) => {
                t.field("String", s.to_tree())
            }
            TypedString::Unicode(s) => t.field("String", Tree::Text(s.to_string_lossy())),
        }
    }
}

crate::wire::owned_impl!(
    enum TypedString {
        None,
        Empty,
        String8(s),
        ReducedUnicode(s),
        Unicode(s),
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_string_forms() {
        let (_, s) = TypedString::decode(&[0x04, 0x41, 0x00, 0x00, 0x00]).unwrap();
        assert_eq!(s, TypedString::Unicode(Utf16Str::from_text("A").unwrap()));
        let (_, s) = TypedString::decode(&[0x03, 0x41, 0x00]).unwrap();
        assert_eq!(
            s,
            TypedString::ReducedUnicode(AnsiStr::from_wire(b"A").unwrap())
        );
        assert!(TypedString::decode(&[0x05]).is_err());
    }
}
