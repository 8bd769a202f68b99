//! Counted lists and sized byte runs: a count (or size) field, then that many elements (or
//! bytes). Every count is read through [`Reader::count`], which checks it against the limits
//! and against the bytes left before anything is allocated.

use std::borrow::Cow;

use bytes::BufMut;

use super::codec::{ensure_room, put_count, Decode, Encode};
use super::error::{DecodeError, EncodeError, ResultExt};
use super::prim::Guid;
use super::reader::{CountWidth, Reader};
use super::strings::{AnsiStr, Utf16Str};
use crate::tree::{ToTree, Tree};

/// Types whose wire form takes at least `MIN_LEN` bytes: a count of them is checked against
/// the bytes left before anything is allocated.
pub trait MinLen: Sized {
    /// The fewest bytes one value takes.
    const MIN_LEN: usize;

    /// Whether every value takes exactly `MIN_LEN` bytes and [`MinLen::from_exact`] reads it.
    const EXACT: bool = false;

    /// For a type whose every value takes exactly `MIN_LEN` bytes and that any `MIN_LEN`
    /// bytes encode: the value those bytes (`MIN_LEN` of them) encode. Lists of such values
    /// are read in one pass over their bytes.
    fn from_exact(_bytes: &[u8]) -> Option<Self> {
        None
    }
}

/// `impl MinLen` for types of a variable size with a least size.
macro_rules! min_len {
    ($($t:ty = $n:expr;)*) => {$(
        impl $crate::wire::MinLen for $t {
            const MIN_LEN: usize = $n;
        }
    )*};
}
pub(crate) use min_len;

/// `impl MinLen` for types of a fixed size that any bytes of that size encode.
macro_rules! exact_len {
    ($($t:ty = $n:expr, $from:expr;)*) => {$(
        impl $crate::wire::MinLen for $t {
            const MIN_LEN: usize = $n;
            const EXACT: bool = true;
            #[inline]
            fn from_exact(bytes: &[u8]) -> Option<Self> {
                let b: [u8; $n] = bytes.try_into().ok()?;
                Some($from(b))
            }
        }
    )*};
}
pub(crate) use exact_len;

exact_len! {
    u16 = 2, u16::from_le_bytes;
    u32 = 4, u32::from_le_bytes;
    u64 = 8, u64::from_le_bytes;
}

min_len! {
    u8 = 1;
    Guid = 16;
    AnsiStr<'_> = 1;
    Utf16Str<'_> = 2;
}

/// Reads `n` elements whose count was checked against the bytes left.
#[inline]
fn read_elements<'a, T: Decode<'a> + MinLen>(
    r: &mut Reader<'a>,
    n: usize,
) -> Result<Vec<T>, DecodeError> {
    if T::EXACT {
        // Fixed-size values: the count was checked against the bytes left, so they are
        // all there; read them in one pass.
        let bytes = r.bytes(n * T::MIN_LEN)?;
        let mut v = Vec::with_capacity(n);
        for c in bytes.chunks_exact(T::MIN_LEN) {
            v.extend(T::from_exact(c));
        }
        return Ok(v);
    }
    let mut v = Vec::with_capacity(n);
    for i in 0..n {
        v.push(T::decode_from(r).index(i)?);
    }
    Ok(v)
}

/// Writes a count of `width` and the elements.
fn write_elements<B: BufMut, T: Encode>(
    out: &mut B,
    width: CountWidth,
    items: &[T],
) -> Result<(), EncodeError> {
    put_count(out, width, items.len(), "count")?;
    for (i, v) in items.iter().enumerate() {
        v.encode(out).index(i)?;
    }
    Ok(())
}

/// The counted lists of both widths: the same code, the width a constant.
macro_rules! counted_list {
    ($(#[$doc:meta])* $name:ident, $width:expr, $count:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(transparent))]
        pub struct $name<T>(pub Vec<T>);

        impl<'a, T: Decode<'a> + MinLen> Decode<'a> for $name<T> {
            #[inline]
            fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
                let n = r.count($width, T::MIN_LEN).field($count)?;
                read_elements(r, n).map($name)
            }
        }

        impl<T: Encode> Encode for $name<T> {
            fn encoded_len(&self) -> usize {
                $width.size() + self.0.iter().map(Encode::encoded_len).sum::<usize>()
            }
            fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                write_elements(out, $width, &self.0)
            }
        }

        impl<T: ToTree> ToTree for $name<T> {
            fn to_tree(&self) -> Tree {
                Tree::List(self.0.iter().map(ToTree::to_tree).collect())
            }
        }

        impl<T> From<Vec<T>> for $name<T> {
            fn from(v: Vec<T>) -> Self {
                $name(v)
            }
        }
    };
}

counted_list! {
    /// A list preceded by its 2-byte count, as ROP buffers count ([MS-OXCDATA] 2.11.1.1):
    /// PropertyTagCount + PropertyTags, MessageIdCount + MessageIds, ... The tree shows the
    /// elements; the count is their number.
    List16, CountWidth::U16, ""
}

counted_list! {
    /// A list preceded by its 4-byte count, as the MAPI/HTTP address-book bodies count
    /// ([MS-OXCMAPIHTTP] 2.2.5: MinimalIdCount + MinimalIds, NameCount + NameValues, ...).
    List32, CountWidth::U32, "Count"
}

/// Bytes preceded by their 2-byte size (DataSize + Data, ...), borrowed from the input.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Bytes16<'a>(pub Cow<'a, [u8]>);

impl<'a> Decode<'a> for Bytes16<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let n = usize::from(r.u16()?);
        Ok(Bytes16(Cow::Borrowed(r.bytes(n)?)))
    }
}

impl Encode for Bytes16<'_> {
    fn encoded_len(&self) -> usize {
        2 + self.0.len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        super::codec::u16_len(self.0.len(), "size")?.encode(out)?;
        ensure_room(out, self.0.len())?;
        out.put_slice(&self.0);
        Ok(())
    }
}

impl ToTree for Bytes16<'_> {
    fn to_tree(&self) -> Tree {
        Tree::Bytes(self.0.to_vec())
    }
}
