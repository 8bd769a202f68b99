//! The fields NSPI bodies are built from: one trait that reads, writes and shows a field, the
//! HasXxx optional-field flag ([`Has`]) and the auxiliary buffer ([`AuxiliaryBuffer`]).

use std::borrow::Cow;

use bytes::BufMut;

use crate::data::{PropTag, PropertyTagArray, Restriction};
use crate::rpc::ext::ExtendedBufferChain;
use crate::tree::{ToTree, Tree};
use crate::wire::codepage::string8_tree;
use crate::wire::{
    ensure_room, u32_len, AnsiStr, CountWidth, Decode, DecodeError, DecodeWith, Encode,
    EncodeError, EncodeWith, Guid, Reader, ResultExt, Utf16Str,
};

/// The named fields of a tree node under construction.
pub(crate) type Fields = Vec<(Cow<'static, str>, Tree)>;

/// One field (or group of fields) of an NSPI body.
pub(crate) trait BodyField<'a>: Sized {
    /// Reads the field.
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError>;
    /// Its exact wire size.
    fn size(&self) -> usize;
    /// Writes it.
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError>;
    /// Adds its tree (one or more named entries) to `fields`, 8-bit strings shown in `cp`.
    fn tree_into(&self, name: &'static str, fields: &mut Fields, cp: u32) {
        fields.push((name.into(), self.tree(cp)));
    }
    /// Its tree, 8-bit strings shown in `cp`.
    fn tree(&self, cp: u32) -> Tree;
    /// The code page this field announces (a STAT, a CodePage field), if any.
    fn code_page(&self) -> Option<u32> {
        None
    }
}

macro_rules! plain_field {
    ($($t:ty => $tree:expr;)*) => {$(
        impl<'a> BodyField<'a> for $t {
            fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
                <$t as Decode<'a>>::decode_from(r)
            }
            fn size(&self) -> usize {
                self.encoded_len()
            }
            fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                self.encode(out)
            }
            fn tree(&self, _cp: u32) -> Tree {
                #[allow(clippy::redundant_closure_call)]
                ($tree)(self)
            }
        }
    )*};
}

plain_field! {
    u8 => |v: &u8| Tree::UInt((*v).into());
    u32 => |v: &u32| Tree::UInt((*v).into());
    i32 => |v: &i32| Tree::Int((*v).into());
    Guid => |v: &Guid| v.to_tree();
    PropTag => |v: &PropTag| v.to_tree();
    Utf16Str<'a> => |v: &Utf16Str<'_>| v.to_tree();
}

/// A code page announced by a response body (the CodePage field of GetProps, GetSpecialTable,
/// GetTemplateInfo and ResolveNames responses): 8-bit strings of that body are shown in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct CodePage(pub u32);

impl<'a> BodyField<'a> for CodePage {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        r.u32().map(CodePage)
    }
    fn size(&self) -> usize {
        4
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.0.encode(out)
    }
    fn tree(&self, _cp: u32) -> Tree {
        Tree::UInt(self.0.into())
    }
    fn code_page(&self) -> Option<u32> {
        Some(self.0)
    }
}

/// An 8-bit string (null-terminated) in the client's code page.
impl<'a> BodyField<'a> for AnsiStr<'a> {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        AnsiStr::decode_from(r)
    }
    fn size(&self) -> usize {
        self.encoded_len()
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.encode(out)
    }
    fn tree(&self, cp: u32) -> Tree {
        string8_tree(cp, self.as_bytes())
    }
}

/// A LargePropertyTagArray ([MS-OXCMAPIHTTP] 2.2.1.8): a 4-byte PropertyTagCount and the tags.
impl<'a> BodyField<'a> for PropertyTagArray {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        PropertyTagArray::decode_with_from(r, CountWidth::U32)
    }
    fn size(&self) -> usize {
        self.encoded_len_with(CountWidth::U32)
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.encode_with(CountWidth::U32, out)
    }
    fn tree(&self, _cp: u32) -> Tree {
        Tree::List(self.tags.iter().map(ToTree::to_tree).collect())
    }
}

/// A restriction with 4-byte counts ([MS-OXCDATA] 2.12, COUNT width of [MS-OXCMAPIHTTP]).
impl<'a> BodyField<'a> for Restriction<'a> {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Restriction::decode_with_from(r, CountWidth::U32)
    }
    fn size(&self) -> usize {
        self.encoded_len_with(CountWidth::U32)
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.encode_with(CountWidth::U32, out)
    }
    fn tree(&self, _cp: u32) -> Tree {
        self.to_tree()
    }
}

/// An optional field behind a HasXxx Boolean ([MS-OXCMAPIHTTP] 2.2.5): one byte, then the
/// field only if the byte is nonzero. The byte is kept as sent (servers send 0x01 or 0xFF for
/// TRUE), so re-encoding gives the bytes back; [`Has::some`] writes 0x01.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Has<T> {
    /// The HasXxx byte: 0 means absent.
    pub flag: u8,
    /// The field, present exactly when `flag` is nonzero.
    pub value: Option<T>,
}

impl<T> Has<T> {
    /// A present field (HasXxx = 0x01).
    pub fn some(value: T) -> Self {
        Has {
            flag: 1,
            value: Some(value),
        }
    }

    /// An absent field (HasXxx = 0x00).
    pub fn none() -> Self {
        Has {
            flag: 0,
            value: None,
        }
    }
}

impl<T> Default for Has<T> {
    fn default() -> Self {
        Has::none()
    }
}

impl<'a, T: BodyField<'a>> BodyField<'a> for Has<T> {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let flag = r.u8()?;
        let value = if flag == 0 { None } else { Some(T::read(r)?) };
        Ok(Has { flag, value })
    }
    fn size(&self) -> usize {
        1 + self.value.as_ref().map_or(0, BodyField::size)
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if (self.flag != 0) != self.value.is_some() {
            return Err(EncodeError::invalid(
                "a HasXxx flag must be nonzero exactly when its field is present",
            ));
        }
        self.flag.encode(out)?;
        match &self.value {
            Some(v) => v.write(out),
            None => Ok(()),
        }
    }
    fn tree_into(&self, name: &'static str, fields: &mut Fields, cp: u32) {
        fields.push((format!("Has{name}").into(), Tree::UInt(self.flag.into())));
        if let Some(v) = &self.value {
            v.tree_into(name, fields, cp);
        }
    }
    fn tree(&self, cp: u32) -> Tree {
        self.value.as_ref().map_or(Tree::Null, |v| v.tree(cp))
    }
    fn code_page(&self) -> Option<u32> {
        self.value.as_ref().and_then(BodyField::code_page)
    }
}

/// AuxiliaryBufferSize and AuxiliaryBuffer ([MS-OXCMAPIHTTP] 2.2.5): a 4-byte size, then that
/// many bytes holding an extended-buffer chain ([MS-OXCRPC] 3.1.4.1.1) of AUX blocks; a size
/// of 0 means no buffer.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AuxiliaryBuffer<'a>(pub Option<ExtendedBufferChain<'a>>);

impl<'a> BodyField<'a> for AuxiliaryBuffer<'a> {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let size = r.u32().field("AuxiliaryBufferSize")?;
        if size == 0 {
            return Ok(AuxiliaryBuffer(None));
        }
        let len = usize::try_from(size).unwrap_or(usize::MAX);
        let mut sub = r.sub(len)?;
        let chain = ExtendedBufferChain::decode_from(&mut sub)?;
        sub.finish()?;
        Ok(AuxiliaryBuffer(Some(chain)))
    }
    fn size(&self) -> usize {
        4 + self.0.as_ref().map_or(0, Encode::encoded_len)
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        match &self.0 {
            None => 0u32.encode(out),
            // A chain of no buffers takes no bytes, and size 0 reads back as no buffer.
            Some(c) if c.buffers.is_empty() => Err(EncodeError::invalid(
                "an auxiliary buffer needs at least one extended buffer (use None for size 0)",
            )),
            Some(c) => {
                let n = c.encoded_len();
                u32_len(n, "AuxiliaryBufferSize")?.encode(out)?;
                ensure_room(out, n)?;
                c.encode(out)
            }
        }
    }
    fn tree_into(&self, _name: &'static str, fields: &mut Fields, cp: u32) {
        let n = self.0.as_ref().map_or(0, Encode::encoded_len);
        fields.push(("AuxiliaryBufferSize".into(), Tree::UInt(n as u64)));
        if self.0.is_some() {
            fields.push(("AuxiliaryBuffer".into(), self.tree(cp)));
        }
    }
    /// The chain, each buffer's payload shown as its AUX blocks when it holds valid ones.
    fn tree(&self, _cp: u32) -> Tree {
        crate::http::emsmdb::aux_tree(&self.0)
    }
}
