//! The decode/encode pair every wire type implements.

use bytes::BufMut;

use super::error::{DecodeError, EncodeError};
use super::limits::Limits;
use super::reader::{CountWidth, Reader};

/// Decoding that needs nothing but the bytes. Decoded values borrow from the input.
pub trait Decode<'a>: Sized {
    /// Reads one value from the cursor.
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError>;

    /// Reads one value from the start of `input` with the default [`Limits`]; returns the bytes
    /// after it.
    fn decode(input: &'a [u8]) -> Result<(&'a [u8], Self), DecodeError> {
        let mut r = Reader::new(input);
        let v = Self::decode_from(&mut r)?;
        Ok((r.rest(), v))
    }

    /// Reads one value that must fill `input` exactly.
    fn decode_exact(input: &'a [u8], limits: Limits) -> Result<Self, DecodeError> {
        let mut r = Reader::with_limits(input, limits);
        let v = Self::decode_from(&mut r)?;
        r.finish()?;
        Ok(v)
    }
}

/// Decoding that needs outside knowledge (`ctx`): a property type, column tags, a count width.
pub trait DecodeWith<'a, C>: Sized {
    /// Reads one value from the cursor with `ctx`.
    fn decode_with_from(r: &mut Reader<'a>, ctx: C) -> Result<Self, DecodeError>;

    /// Reads one value from the start of `input` with `ctx` and the default [`Limits`].
    fn decode_with(input: &'a [u8], ctx: C) -> Result<(&'a [u8], Self), DecodeError> {
        let mut r = Reader::new(input);
        let v = Self::decode_with_from(&mut r, ctx)?;
        Ok((r.rest(), v))
    }

    /// Reads one value that must fill `input` exactly.
    fn decode_with_exact(input: &'a [u8], ctx: C, limits: Limits) -> Result<Self, DecodeError> {
        let mut r = Reader::with_limits(input, limits);
        let v = Self::decode_with_from(&mut r, ctx)?;
        r.finish()?;
        Ok(v)
    }
}

/// A type that needs no context decodes in the empty one: what lets generic code (an
/// [`Outcome`](super::Outcome) of two layouts, a struct field) take any type the same way.
impl<'a, T: Decode<'a>> DecodeWith<'a, ()> for T {
    #[inline]
    fn decode_with_from(r: &mut Reader<'a>, _: ()) -> Result<Self, DecodeError> {
        T::decode_from(r)
    }
}

/// Encoding. Values carry their own shape, so no context is needed; `encoded_len` is exact.
pub trait Encode {
    /// The exact number of bytes [`Encode::encode`] appends.
    fn encoded_len(&self) -> usize;

    /// Appends the wire form to `out`.
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError>;

    /// The wire form in a new vector (reserved once with [`Encode::encoded_len`]).
    fn to_bytes(&self) -> Result<Vec<u8>, EncodeError> {
        let mut v = Vec::with_capacity(self.encoded_len());
        self.encode(&mut v)?;
        Ok(v)
    }
}

/// An optional field writes its value, or nothing: whether it is there is said elsewhere (a
/// flag, a count, the status of a response), which the structure that holds it checks.
impl<T: Encode> Encode for Option<T> {
    #[inline]
    fn encoded_len(&self) -> usize {
        self.as_ref().map_or(0, Encode::encoded_len)
    }
    #[inline]
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        match self {
            Some(v) => v.encode(out),
            None => Ok(()),
        }
    }
}

/// Encoding whose layout depends on a context the value does not carry: the same restriction
/// or property value is valid with 2-byte and with 4-byte counts ([MS-OXCDATA] 2.11.1.1).
pub trait EncodeWith<C: Copy> {
    /// The exact number of bytes [`EncodeWith::encode_with`] appends.
    fn encoded_len_with(&self, ctx: C) -> usize;

    /// Appends the wire form to `out`.
    fn encode_with<B: BufMut>(&self, ctx: C, out: &mut B) -> Result<(), EncodeError>;

    /// The wire form in a new vector.
    fn to_bytes_with(&self, ctx: C) -> Result<Vec<u8>, EncodeError> {
        let mut v = Vec::with_capacity(self.encoded_len_with(ctx));
        self.encode_with(ctx, &mut v)?;
        Ok(v)
    }
}

/// A type that needs no context encodes in the empty one, as it decodes in it: generic code
/// takes any value through [`EncodeWith`] the same way.
impl<T: Encode> EncodeWith<()> for T {
    #[inline]
    fn encoded_len_with(&self, _: ()) -> usize {
        self.encoded_len()
    }
    #[inline]
    fn encode_with<B: BufMut>(&self, _: (), out: &mut B) -> Result<(), EncodeError> {
        self.encode(out)
    }
}

/// Writes `n` as a count of `width`, failing when it does not fit.
#[inline]
pub fn put_count<B: BufMut>(
    out: &mut B,
    width: CountWidth,
    n: usize,
    field: &'static str,
) -> Result<(), EncodeError> {
    ensure_room(out, width.size())?;
    match width {
        CountWidth::U16 => out.put_u16_le(u16_len(n, field)?),
        CountWidth::U32 => out.put_u32_le(u32_len(n, field)?),
    }
    Ok(())
}

/// `n` as a `u16` length, or an error naming `field`.
#[inline]
pub fn u16_len(n: usize, field: &'static str) -> Result<u16, EncodeError> {
    u16::try_from(n).map_err(|_| EncodeError::too_long(field, n, u16::MAX.into()))
}

/// `n` as a `u32` length, or an error naming `field`.
#[inline]
pub fn u32_len(n: usize, field: &'static str) -> Result<u32, EncodeError> {
    u32::try_from(n).map_err(|_| EncodeError::too_long(field, n, u32::MAX.into()))
}

/// `n` as a `u8` length, or an error naming `field`.
#[inline]
pub fn u8_len(n: usize, field: &'static str) -> Result<u8, EncodeError> {
    u8::try_from(n).map_err(|_| EncodeError::too_long(field, n, u8::MAX.into()))
}

/// Makes sure `out` can take `n` more bytes (a `&mut [u8]` sink may be full).
#[inline]
pub fn ensure_room<B: BufMut>(out: &B, n: usize) -> Result<(), EncodeError> {
    if out.remaining_mut() < n {
        Err(EncodeError::out_of_space())
    } else {
        Ok(())
    }
}
