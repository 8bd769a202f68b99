//! The values of the PtypMultiple types ([MS-OXCDATA] 2.11.1): [`MultiValue`], a list that is
//! either built by a caller or a view over the wire bytes it was decoded from.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use bytes::BufMut;

use super::lazy_cells::REREAD;
use super::value::{counted_bytes, put_counted};
use crate::wire::{
    ensure_room, put_count, AnsiStr, CountWidth, Decode, DecodeError, DecodeWith, Encode,
    EncodeError, EncodeWith, FileTime, Guid, IntoOwned, Reader, ResultExt, Utf16Str,
};

/// The values of one PtypMultiple property ([MS-OXCDATA] 2.11.1): a 4-byte Count, then that
/// many values of the item type `T` (`i16`, `i32`, `f32`, `f64`, `i64`, [`FileTime`],
/// [`Guid`], [`AnsiStr`], [`Utf16Str`], or `Cow<[u8]>` for PtypMultipleBinary, whose items
/// are PtypBinary values with counts of the context's [`CountWidth`]).
///
/// A value is either built by a caller (from a `Vec<T>`, an array or an iterator) or decoded.
/// A decoded value allocates nothing: decoding checks each item once, under the reader's
/// [`Limits`](crate::wire::Limits), and keeps the items' wire bytes and their number; the items are read again
/// from those bytes as they are asked for, strings and binaries as views over them. Encoding a
/// decoded value copies its bytes (a PtypMultipleBinary read with another count width is
/// written item by item).
///
/// Both forms behave alike: [`MultiValue::iter`] yields the items (numbers, times and GUIDs by
/// value; strings and binaries borrowed), two values are equal when their items are (floats by
/// their bits, as [`PropertyValue`](super::PropertyValue) compares them), `Debug` and serde show
/// a plain list, and [`IntoOwned`] gives a value that outlives the input.
///
/// ```
/// use mapi_codec::data::{MultiValue, PropType, PropertyValue};
/// use mapi_codec::wire::{CountWidth, DecodeWith, EncodeWith, Limits, Utf16Str};
///
/// // Built by a caller:
/// let built = PropertyValue::MultipleInteger32(vec![7, -1].into());
///
/// // Decoded: Count 2, then 7 and -1 (PtypMultipleInteger32, [MS-OXCDATA] 2.11.1).
/// let wire = [2, 0, 0, 0, 7, 0, 0, 0, 0xff, 0xff, 0xff, 0xff];
/// let ctx = (PropType::MULTIPLE_INTEGER32, CountWidth::U16);
/// let decoded = PropertyValue::decode_with_exact(&wire, ctx, Limits::DEFAULT).unwrap();
/// assert_eq!(decoded, built);
/// let PropertyValue::MultipleInteger32(v) = &decoded else { unreachable!() };
/// assert_eq!((v.len(), v.get(1)), (2, Some(-1)));
/// assert_eq!(v.iter().collect::<Vec<i32>>(), [7, -1]);
/// assert_eq!(decoded.to_bytes_with(CountWidth::U16).unwrap(), wire);
///
/// // Strings are views over the bytes they were decoded from.
/// let wire = [1, 0, 0, 0, b'H', 0, b'i', 0, 0, 0];
/// let names = MultiValue::<Utf16Str<'_>>::decode_with_exact(&wire, CountWidth::U16, Limits::DEFAULT).unwrap();
/// let first = names.iter().next().unwrap();
/// assert_eq!(first.as_bytes(), &wire[4..8]);
/// assert_eq!(first.to_text().as_deref(), Some("Hi"));
/// ```
#[derive(Clone)]
pub struct MultiValue<'a, T> {
    repr: Repr<'a, T>,
}

/// Where the items are. A boxed slice rather than a vector keeps the value at 24 bytes (and
/// [`PropertyValue`](super::PropertyValue) at 32).
#[derive(Clone)]
enum Repr<'a, T> {
    /// Built by a caller.
    Built(Box<[T]>),
    /// Decoded: the items' bytes (after Count), their number, and the PtypBinary count width
    /// they were read with.
    Wire {
        bytes: &'a [u8],
        count: u32,
        width: CountWidth,
    },
}

mod sealed {
    /// Only the item types of [MS-OXCDATA] 2.11.1 make a [`super::MultiValue`].
    pub trait Sealed {}
}

/// An item type of a PtypMultiple property ([MS-OXCDATA] 2.11.1): what a [`MultiValue`] can
/// hold. Implemented for `i16`, `i32`, `f32`, `f64`, `i64`, [`FileTime`], [`Guid`],
/// [`AnsiStr`], [`Utf16Str`] and `Cow<[u8]>` (PtypBinary) only; its other items are the
/// codec's own.
pub trait MultiValueElement<'a>: 'a + Clone + fmt::Debug + sealed::Sealed {
    /// An item as [`MultiValue::iter`] and [`MultiValue::get`] give it: the item itself for
    /// numbers, times and GUIDs, a string borrowing its bytes for strings, `&[u8]` for
    /// binaries.
    type Item<'s>: Clone + fmt::Debug
    where
        Self: 's;

    /// Whether every item takes [`MultiValueElement::SIZE`] bytes.
    #[doc(hidden)]
    const FIXED: bool;

    /// The size of an item when [`MultiValueElement::FIXED`], else the least size of one
    /// (without its PtypBinary count).
    #[doc(hidden)]
    const SIZE: usize;

    /// Whether the items' bytes depend on the count width (PtypBinary items).
    #[doc(hidden)]
    const WIDTH_DEPENDENT: bool = false;

    /// The least size of an item with counts of `width`.
    #[doc(hidden)]
    #[inline]
    fn min_size(width: CountWidth) -> usize {
        let _ = width;
        Self::SIZE
    }

    /// Reads one item.
    #[doc(hidden)]
    fn read_item<'s>(r: &mut Reader<'s>, width: CountWidth) -> Result<Self::Item<'s>, DecodeError>
    where
        Self: 's;

    /// A built item as iteration gives it.
    #[doc(hidden)]
    fn view(&self) -> Self::Item<'_>;

    /// An item read from the input as the item type.
    #[doc(hidden)]
    fn from_item(item: Self::Item<'a>) -> Self;

    /// The encoded size of an item with counts of `width`.
    #[doc(hidden)]
    fn item_len(item: &Self::Item<'_>, width: CountWidth) -> usize;

    /// Writes an item with counts of `width`.
    #[doc(hidden)]
    fn put_item<B: BufMut>(
        item: &Self::Item<'_>,
        width: CountWidth,
        out: &mut B,
    ) -> Result<(), EncodeError>;

    /// Whether two items are the same (floats by their bits).
    #[doc(hidden)]
    fn same(a: &Self::Item<'_>, b: &Self::Item<'_>) -> bool;

    /// Serializes an item in the crate's serde form.
    #[cfg(feature = "serde")]
    #[doc(hidden)]
    fn ser_item<S: serde::Serializer>(item: &Self::Item<'_>, s: S) -> Result<S::Ok, S::Error>;

    /// Deserializes an item from the crate's serde form.
    #[cfg(feature = "serde")]
    #[doc(hidden)]
    fn de_item<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

/// The fixed-size item types: read and written by their `Decode` and `Encode`.
macro_rules! fixed_items {
    ($($t:ty => $size:expr, same: $same:expr, serde: $ser:expr, $de:expr;)*) => {$(
        impl sealed::Sealed for $t {}

        impl<'a> MultiValueElement<'a> for $t {
            type Item<'s> = $t;
            const FIXED: bool = true;
            const SIZE: usize = $size;

            #[inline]
            fn read_item<'s>(r: &mut Reader<'s>, _: CountWidth) -> Result<$t, DecodeError>
            where
                Self: 's,
            {
                <$t as Decode<'s>>::decode_from(r)
            }
            #[inline]
            fn view(&self) -> $t {
                *self
            }
            #[inline]
            fn from_item(item: $t) -> $t {
                item
            }
            #[inline]
            fn item_len(_: &$t, _: CountWidth) -> usize {
                $size
            }
            #[inline]
            fn put_item<B: BufMut>(
                item: &$t,
                _: CountWidth,
                out: &mut B,
            ) -> Result<(), EncodeError> {
                item.encode(out)
            }
            #[inline]
            fn same(a: &$t, b: &$t) -> bool {
                let same: fn(&$t, &$t) -> bool = $same;
                same(a, b)
            }
            #[cfg(feature = "serde")]
            fn ser_item<S: serde::Serializer>(item: &$t, s: S) -> Result<S::Ok, S::Error> {
                let ser: fn(&$t, S) -> Result<S::Ok, S::Error> = $ser;
                ser(item, s)
            }
            #[cfg(feature = "serde")]
            fn de_item<'de, D: serde::Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                let de: fn(D) -> Result<$t, D::Error> = $de;
                de(d)
            }
        }
    )*};
}

#[cfg(feature = "serde")]
use crate::serde_form::FloatOf;
#[cfg(feature = "serde")]
use serde::{Deserialize as _, Serialize as _};

fixed_items! {
    i16 => 2, same: |a, b| a == b, serde: |x, s| x.serialize(s), i16::deserialize;
    i32 => 4, same: |a, b| a == b, serde: |x, s| x.serialize(s), i32::deserialize;
    i64 => 8, same: |a, b| a == b, serde: |x, s| x.serialize(s), i64::deserialize;
    f32 => 4, same: |a, b| a.to_bits() == b.to_bits(),
        serde: |x, s| FloatOf(*x).serialize(s), |d| FloatOf::<f32>::deserialize(d).map(|f| f.0);
    f64 => 8, same: |a, b| a.to_bits() == b.to_bits(),
        serde: |x, s| FloatOf(*x).serialize(s), |d| FloatOf::<f64>::deserialize(d).map(|f| f.0);
    FileTime => 8, same: |a, b| a == b, serde: |x, s| x.serialize(s), FileTime::deserialize;
    Guid => 16, same: |a, b| a == b, serde: |x, s| x.serialize(s), Guid::deserialize;
}

/// The null-terminated string item types.
macro_rules! string_items {
    ($($t:ident => $size:expr;)*) => {$(
        impl sealed::Sealed for $t<'_> {}

        impl<'a> MultiValueElement<'a> for $t<'a> {
            type Item<'s> = $t<'s> where Self: 's;
            const FIXED: bool = false;
            const SIZE: usize = $size;

            #[inline]
            fn read_item<'s>(r: &mut Reader<'s>, _: CountWidth) -> Result<$t<'s>, DecodeError>
            where
                Self: 's,
            {
                $t::decode_from(r)
            }
            #[inline]
            fn view(&self) -> $t<'_> {
                self.reborrow()
            }
            #[inline]
            fn from_item(item: $t<'a>) -> $t<'a> {
                item
            }
            #[inline]
            fn item_len(item: &$t<'_>, _: CountWidth) -> usize {
                item.encoded_len()
            }
            #[inline]
            fn put_item<B: BufMut>(
                item: &$t<'_>,
                _: CountWidth,
                out: &mut B,
            ) -> Result<(), EncodeError> {
                item.encode(out)
            }
            #[inline]
            fn same(a: &$t<'_>, b: &$t<'_>) -> bool {
                a.as_bytes() == b.as_bytes()
            }
            #[cfg(feature = "serde")]
            fn ser_item<S: serde::Serializer>(item: &$t<'_>, s: S) -> Result<S::Ok, S::Error> {
                item.serialize(s)
            }
            #[cfg(feature = "serde")]
            fn de_item<'de, D: serde::Deserializer<'de>>(d: D) -> Result<$t<'a>, D::Error> {
                $t::deserialize(d)
            }
        }
    )*};
}

string_items! {
    AnsiStr => 1;
    Utf16Str => 2;
}

impl sealed::Sealed for Cow<'_, [u8]> {}

/// PtypMultipleBinary items: PtypBinary values, each a count of the context's width and that
/// many bytes ([MS-OXCDATA] 2.11.1.1).
impl<'a> MultiValueElement<'a> for Cow<'a, [u8]> {
    type Item<'s>
        = &'s [u8]
    where
        Self: 's;
    const FIXED: bool = false;
    const SIZE: usize = 0;
    const WIDTH_DEPENDENT: bool = true;

    #[inline]
    fn min_size(width: CountWidth) -> usize {
        width.size()
    }
    #[inline]
    fn read_item<'s>(r: &mut Reader<'s>, width: CountWidth) -> Result<&'s [u8], DecodeError>
    where
        Self: 's,
    {
        counted_bytes(r, width)
    }
    #[inline]
    fn view(&self) -> &[u8] {
        self
    }
    #[inline]
    fn from_item(item: &'a [u8]) -> Cow<'a, [u8]> {
        Cow::Borrowed(item)
    }
    #[inline]
    fn item_len(item: &&[u8], width: CountWidth) -> usize {
        width.size() + item.len()
    }
    #[inline]
    fn put_item<B: BufMut>(
        item: &&[u8],
        width: CountWidth,
        out: &mut B,
    ) -> Result<(), EncodeError> {
        put_counted(out, width, item, "PtypBinary.Count")
    }
    #[inline]
    fn same(a: &&[u8], b: &&[u8]) -> bool {
        a == b
    }
    #[cfg(feature = "serde")]
    fn ser_item<S: serde::Serializer>(item: &&[u8], s: S) -> Result<S::Ok, S::Error> {
        crate::serde_form::Hex(item).serialize(s)
    }
    #[cfg(feature = "serde")]
    fn de_item<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Cow<'a, [u8]>, D::Error> {
        serde::de::DeserializeSeed::deserialize(crate::serde_form::HexSeed(PhantomData), d)
    }
}

impl<'a, T: MultiValueElement<'a>> MultiValue<'a, T> {
    /// The number of items.
    #[inline]
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Built(v) => v.len(),
            Repr::Wire { count, .. } => *count as usize,
        }
    }

    /// Whether there are no items.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The items, in order: numbers, times and GUIDs by value, strings and binaries borrowed
    /// (from the input for a decoded value, from `self` for a built one).
    #[inline]
    pub fn iter(&self) -> MultiValueIter<'_, 'a, T> {
        let inner = match &self.repr {
            Repr::Built(v) => IterRepr::Built(v.iter()),
            Repr::Wire {
                bytes,
                count,
                width,
            } => IterRepr::Wire {
                reader: Reader::with_limits(bytes, REREAD),
                left: *count as usize,
                width: *width,
            },
        };
        MultiValueIter {
            inner,
            input: PhantomData,
        }
    }

    /// The item at `index`, if there is one (found by its offset for fixed-size items, by
    /// reading the items before it otherwise).
    pub fn get(&self, index: usize) -> Option<T::Item<'_>> {
        match &self.repr {
            Repr::Built(v) => v.get(index).map(T::view),
            Repr::Wire {
                bytes,
                count,
                width,
            } if T::FIXED => {
                if index >= *count as usize {
                    return None;
                }
                let at = index.checked_mul(T::SIZE)?;
                let mut r = Reader::with_limits(bytes.get(at..)?, REREAD);
                T::read_item(&mut r, *width).ok()
            }
            Repr::Wire { .. } => self.iter().nth(index),
        }
    }

    /// The items in a vector (a decoded value's strings and binaries still borrow the input).
    pub fn to_vec(&self) -> Vec<T> {
        match &self.repr {
            Repr::Built(v) => v.to_vec(),
            Repr::Wire {
                bytes,
                count,
                width,
            } => {
                let bytes: &'a [u8] = bytes;
                let mut r = Reader::with_limits(bytes, REREAD);
                // The count was checked against the bytes when the value was decoded.
                let mut v = Vec::with_capacity(*count as usize);
                for _ in 0..*count {
                    // Read once already when the value was decoded: this cannot fail.
                    match T::read_item(&mut r, *width) {
                        Ok(x) => v.push(T::from_item(x)),
                        Err(_) => break,
                    }
                }
                v
            }
        }
    }

    /// The items in a vector: a built value's own, without a copy.
    pub fn into_vec(self) -> Vec<T> {
        match self.repr {
            Repr::Built(v) => v.into_vec(),
            Repr::Wire { .. } => self.to_vec(),
        }
    }

    /// Whether the value was decoded, so that it only borrows (dropping it frees nothing).
    #[inline]
    pub(crate) fn is_borrowed(&self) -> bool {
        matches!(self.repr, Repr::Wire { .. })
    }

    /// The items' wire bytes (after Count) and the count width of a decoded value.
    #[cfg(test)]
    pub(crate) fn wire(&self) -> Option<(&'a [u8], CountWidth)> {
        match self.repr {
            Repr::Wire { bytes, width, .. } => Some((bytes, width)),
            Repr::Built(_) => None,
        }
    }
}

impl<T> Default for MultiValue<'_, T> {
    /// No items.
    fn default() -> Self {
        MultiValue {
            repr: Repr::Built(Box::default()),
        }
    }
}

impl<T> From<Vec<T>> for MultiValue<'_, T> {
    #[inline]
    fn from(v: Vec<T>) -> Self {
        MultiValue {
            repr: Repr::Built(v.into_boxed_slice()),
        }
    }
}

impl<T, const N: usize> From<[T; N]> for MultiValue<'_, T> {
    #[inline]
    fn from(v: [T; N]) -> Self {
        let items: Box<[T]> = Box::new(v);
        MultiValue {
            repr: Repr::Built(items),
        }
    }
}

impl<T> FromIterator<T> for MultiValue<'_, T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        MultiValue {
            repr: Repr::Built(iter.into_iter().collect()),
        }
    }
}

impl<'s, 'a, T: MultiValueElement<'a>> IntoIterator for &'s MultiValue<'a, T> {
    type Item = T::Item<'s>;
    type IntoIter = MultiValueIter<'s, 'a, T>;
    #[inline]
    fn into_iter(self) -> MultiValueIter<'s, 'a, T> {
        self.iter()
    }
}

/// Equal when the items are (floats by their bits), whatever the forms: two decoded values
/// read with the same count width compare their bytes.
impl<'a, T: MultiValueElement<'a>> PartialEq for MultiValue<'a, T> {
    fn eq(&self, other: &Self) -> bool {
        match (&self.repr, &other.repr) {
            (
                Repr::Wire {
                    bytes: a,
                    count: n,
                    width: wa,
                },
                Repr::Wire {
                    bytes: b,
                    count: m,
                    width: wb,
                },
            ) if !T::WIDTH_DEPENDENT || wa == wb => n == m && a == b,
            _ => {
                self.len() == other.len()
                    && self.iter().zip(other.iter()).all(|(x, y)| T::same(&x, &y))
            }
        }
    }
}

/// The items as a list.
impl<'a, T: MultiValueElement<'a>> fmt::Debug for MultiValue<'a, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The items of a [`MultiValue`] ([`MultiValue::iter`]).
#[derive(Clone)]
pub struct MultiValueIter<'s, 'a, T> {
    inner: IterRepr<'s, T>,
    input: PhantomData<&'a ()>,
}

#[derive(Clone)]
enum IterRepr<'s, T> {
    Built(std::slice::Iter<'s, T>),
    Wire {
        reader: Reader<'s>,
        left: usize,
        width: CountWidth,
    },
}

impl<'s, 'a, T: MultiValueElement<'a>> Iterator for MultiValueIter<'s, 'a, T> {
    type Item = T::Item<'s>;

    #[inline]
    fn next(&mut self) -> Option<T::Item<'s>> {
        match &mut self.inner {
            IterRepr::Built(v) => v.next().map(T::view),
            IterRepr::Wire {
                reader,
                left,
                width,
            } => {
                *left = left.checked_sub(1)?;
                // Read once already when the value was decoded: this cannot fail.
                T::read_item(reader, *width).ok()
            }
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match &self.inner {
            IterRepr::Built(v) => v.len(),
            IterRepr::Wire { left, .. } => *left,
        };
        (n, Some(n))
    }
}

impl<'a, T: MultiValueElement<'a>> ExactSizeIterator for MultiValueIter<'_, 'a, T> {}

/// The items left, as a list.
impl<'a, T: MultiValueElement<'a>> fmt::Debug for MultiValueIter<'_, 'a, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// Count (4 bytes, [MS-OXCDATA] 2.11.1.1), then the items, each read once and kept as bytes;
/// `width` is the PtypBinary count width of PtypMultipleBinary items.
impl<'a, T: MultiValueElement<'a>> DecodeWith<'a, CountWidth> for MultiValue<'a, T> {
    #[inline]
    fn decode_with_from(r: &mut Reader<'a>, width: CountWidth) -> Result<Self, DecodeError> {
        let n = r
            .count(CountWidth::U32, T::min_size(width))
            .field("Count")?;
        let bytes = if T::FIXED {
            // Count × size is within the bytes left: nothing more to check.
            r.bytes(n * T::SIZE)?
        } else {
            let start = r.rest();
            let before = r.remaining();
            for _ in 0..n {
                T::read_item(r, width)?;
            }
            &start[..before - r.remaining()]
        };
        Ok(MultiValue {
            repr: Repr::Wire {
                bytes,
                // A 4-byte count.
                count: n as u32,
                width,
            },
        })
    }
}

/// Count, then the items with counts of `width`: a decoded value's bytes as they came when
/// the width is the one it was read with (or does not matter to its items).
impl<'a, T: MultiValueElement<'a>> EncodeWith<CountWidth> for MultiValue<'a, T> {
    fn encoded_len_with(&self, width: CountWidth) -> usize {
        4 + match &self.repr {
            Repr::Wire {
                bytes,
                count,
                width: w,
            } if T::WIDTH_DEPENDENT && *w != width => {
                let n = *count as usize;
                (bytes.len() - n * w.size()).saturating_add(n * width.size())
            }
            Repr::Wire { bytes, .. } => bytes.len(),
            Repr::Built(v) if T::FIXED => T::SIZE * v.len(),
            Repr::Built(v) => v.iter().map(|x| T::item_len(&x.view(), width)).sum(),
        }
    }

    fn encode_with<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        put_count(out, CountWidth::U32, self.len(), "Count")?;
        match &self.repr {
            Repr::Wire {
                bytes, width: w, ..
            } if !T::WIDTH_DEPENDENT || *w == width => {
                ensure_room(out, bytes.len())?;
                out.put_slice(bytes);
                Ok(())
            }
            _ => self.iter().try_for_each(|x| T::put_item(&x, width, out)),
        }
    }
}

/// The items, each owned: a decoded value becomes a built one.
impl<'a, T> IntoOwned for MultiValue<'a, T>
where
    T: MultiValueElement<'a> + IntoOwned,
    T::Owned: MultiValueElement<'static>,
{
    type Owned = MultiValue<'static, T::Owned>;
    fn into_owned(self) -> MultiValue<'static, T::Owned> {
        self.into_vec().into_iter().map(T::into_owned).collect()
    }
}

/// A plain sequence of the items, each in the form it has alone.
#[cfg(feature = "serde")]
impl<'a, T: MultiValueElement<'a>> serde::Serialize for MultiValue<'a, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Item<'s, 'a, T: MultiValueElement<'a>>(T::Item<'s>)
        where
            T: 's;
        impl<'a, T: MultiValueElement<'a>> serde::Serialize for Item<'_, 'a, T> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                T::ser_item(&self.0, s)
            }
        }
        s.collect_seq(self.iter().map(Item::<T>))
    }
}

/// A sequence of items, built.
#[cfg(feature = "serde")]
impl<'de, 'a, T: MultiValueElement<'a>> serde::Deserialize<'de> for MultiValue<'a, T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{DeserializeSeed, SeqAccess, Visitor};
        struct Seed<T>(PhantomData<T>);
        impl<'de, 'a, T: MultiValueElement<'a>> DeserializeSeed<'de> for Seed<T> {
            type Value = T;
            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
                T::de_item(d)
            }
        }
        struct Items<'a, T>(PhantomData<MultiValue<'a, T>>);
        impl<'de, 'a, T: MultiValueElement<'a>> Visitor<'de> for Items<'a, T> {
            type Value = MultiValue<'a, T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of values")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                // The hint is the input's claim: bounded, as serde's own collections do.
                let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(x) = seq.next_element_seed(Seed::<T>(PhantomData))? {
                    v.push(x);
                }
                Ok(v.into())
            }
        }
        d.deserialize_seq(Items(PhantomData))
    }
}

/// Built from a `Vec<T>`.
#[cfg(feature = "arbitrary")]
impl<'u, 'a, T> arbitrary::Arbitrary<'u> for MultiValue<'a, T>
where
    T: MultiValueElement<'a> + arbitrary::Arbitrary<'u>,
{
    fn arbitrary(u: &mut arbitrary::Unstructured<'u>) -> arbitrary::Result<Self> {
        Vec::<T>::arbitrary(u).map(Self::from)
    }
}

#[cfg(test)]
#[path = "multi_value_tests.rs"]
mod tests;
