//! Fields NSPI bodies share: the HasXxx optional-field flag ([`Has`]) and the CodePage field.
//! The auxiliary buffer is the one both endpoints share ([`AuxiliaryBuffer`]).

use bytes::BufMut;

pub use crate::http::body::AuxiliaryBuffer;
use crate::tree::{FieldTree, Tree};
use crate::wire::{
    CountWidth, Decode, DecodeError, DecodeWith, Encode, EncodeError, EncodeWith, Reader,
};

/// A code page announced by a response body (the CodePage field of GetProps, GetSpecialTable,
/// GetTemplateInfo and ResolveNames responses, [MS-OXCMAPIHTTP] 2.2.5): 8-bit strings of that
/// body are shown in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct CodePage(pub u32);

crate::wire::transparent! {
    CodePage => CodePage;
}

impl crate::tree::ToTree for CodePage {
    fn to_tree(&self) -> Tree {
        Tree::UInt(self.0.into())
    }
}

/// An optional field behind a HasXxx Boolean ([MS-OXCMAPIHTTP] 2.2.5): one byte, then the
/// field only if the byte is nonzero. The byte is kept as sent (servers send 0x01 or 0xFF for
/// TRUE), so re-encoding gives the bytes back; [`Has::some`] writes 0x01.
///
/// It decodes as its field decodes: plainly, or with the count width of a restriction or a
/// tag array (`DecodeWith<CountWidth>`). The tree shows `HasXxx` and, when present, the field.
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

    /// Reads the flag, then the field with `read` when the flag is nonzero.
    fn read<'a>(
        r: &mut Reader<'a>,
        read: impl FnOnce(&mut Reader<'a>) -> Result<T, DecodeError>,
    ) -> Result<Self, DecodeError> {
        let flag = r.u8()?;
        let value = if flag == 0 { None } else { Some(read(r)?) };
        Ok(Has { flag, value })
    }

    /// Writes the flag, then the field with `write`, refusing a flag that disagrees with it.
    fn write<B: BufMut>(
        &self,
        out: &mut B,
        write: impl FnOnce(&T, &mut B) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError> {
        if (self.flag != 0) != self.value.is_some() {
            return Err(EncodeError::invalid(
                "a HasXxx flag must be nonzero exactly when its field is present",
            ));
        }
        self.flag.encode(out)?;
        match &self.value {
            Some(v) => write(v, out),
            None => Ok(()),
        }
    }
}

impl<T> Default for Has<T> {
    fn default() -> Self {
        Has::none()
    }
}

impl<'a, T: Decode<'a>> Decode<'a> for Has<T> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Has::read(r, T::decode_from)
    }
}

impl<'a, T: DecodeWith<'a, CountWidth>> DecodeWith<'a, CountWidth> for Has<T> {
    fn decode_with_from(r: &mut Reader<'a>, width: CountWidth) -> Result<Self, DecodeError> {
        Has::read(r, |r| T::decode_with_from(r, width))
    }
}

impl<T: Encode> Encode for Has<T> {
    fn encoded_len(&self) -> usize {
        1 + self.value.as_ref().map_or(0, Encode::encoded_len)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.write(out, |v, out| v.encode(out))
    }
}

impl<T: EncodeWith<CountWidth>> EncodeWith<CountWidth> for Has<T> {
    fn encoded_len_with(&self, width: CountWidth) -> usize {
        1 + self.value.as_ref().map_or(0, |v| v.encoded_len_with(width))
    }
    fn encode_with<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        self.write(out, |v, out| v.encode_with(width, out))
    }
}

impl<T: FieldTree> FieldTree for Has<T> {
    /// `HasXxx`, then the field as it shows itself when present.
    fn field_tree(&self, name: &'static str, t: Tree) -> Tree {
        let t = t.field(format!("Has{name}"), Tree::UInt(self.flag.into()));
        match &self.value {
            Some(v) => v.field_tree(name, t),
            None => t,
        }
    }
    /// `HasXxx`, then the field's own fields when present.
    fn flat_tree(&self, name: &'static str, t: Tree) -> Tree {
        let t = t.field(format!("Has{name}"), Tree::UInt(self.flag.into()));
        match &self.value {
            Some(v) => v.flat_tree(name, t),
            None => t,
        }
    }
}

crate::wire::owned_as_self!(CodePage);

impl<T: crate::wire::IntoOwned> crate::wire::IntoOwned for Has<T> {
    type Owned = Has<T::Owned>;
    fn into_owned(self) -> Has<T::Owned> {
        Has {
            flag: self.flag,
            value: crate::wire::IntoOwned::into_owned(self.value),
        }
    }
}
