//! Types whose wire form always takes the same number of bytes, for [`wire_struct!`]'s fast
//! paths: a structure whose leading fields are all of such types checks the bytes they take
//! once and reads them from a reader of exactly that length (every further bound check folds
//! away), and one made only of them is written to a stack buffer and appended in one piece.
//! Both fall back to the field-by-field path where it would fail (too few bytes, no room), so
//! the errors, their offsets and their paths are the same either way.
//!
//! [`wire_struct!`]: super::wire_struct

use core::marker::PhantomData;

/// A type whose [`Decode`](super::Decode) always reads, and whose
/// [`Encode`](super::Encode) always writes, exactly `LEN` bytes.
pub(crate) trait FixedLen {
    /// The bytes the wire form takes.
    const LEN: usize;
}

/// The question "is `T` of fixed length?" asked of a concrete type in a macro: method
/// resolution picks [`KnownLen`] when `T: FixedLen` (no autoref needed), else [`UnknownLen`].
pub(crate) struct LenProbe<T: ?Sized>(PhantomData<T>);

impl<T: ?Sized> LenProbe<T> {
    /// The probe.
    pub(crate) const NEW: Self = LenProbe(PhantomData);
}

/// The answer for a type of fixed length: `Some(LEN)`.
pub(crate) trait KnownLen {
    /// The length, when fixed.
    fn fixed_len(&self) -> Option<usize>;
}

impl<T: FixedLen> KnownLen for LenProbe<T> {
    #[inline(always)]
    fn fixed_len(&self) -> Option<usize> {
        Some(T::LEN)
    }
}

/// The answer for any other type: `None`.
pub(crate) trait UnknownLen {
    /// The length, when fixed.
    fn fixed_len(&self) -> Option<usize>;
}

impl<T: ?Sized> UnknownLen for &LenProbe<T> {
    #[inline(always)]
    fn fixed_len(&self) -> Option<usize> {
        None
    }
}

/// `Some(LEN)` when the type is of fixed length (see [`LenProbe`]).
macro_rules! fixed_len_of {
    ($ty:ty) => {{
        #[allow(unused_imports)]
        use $crate::wire::fixed::{KnownLen as _, UnknownLen as _};
        (&$crate::wire::fixed::LenProbe::<$ty>::NEW).fixed_len()
    }};
}
pub(crate) use fixed_len_of;

/// Whether a field of length `field` (`None`: not fixed) continues a run of fixed-length
/// fields (`run`: whether every field so far was one), adding its length to `len`.
#[inline(always)]
pub(crate) fn extend_run(run: &mut bool, len: &mut usize, field: Option<usize>) -> bool {
    match field {
        Some(n) if *run => {
            *len += n;
            true
        }
        _ => {
            *run = false;
            false
        }
    }
}

/// Largest structure written through the stack buffer of the fixed-length encoder.
pub(crate) const STACK_ENCODE_MAX: usize = 32;

macro_rules! fixed {
    ($($t:ty => $n:expr;)*) => {$(
        impl FixedLen for $t {
            const LEN: usize = $n;
        }
    )*};
}

fixed! {
    u8 => 1;
    u16 => 2;
    u32 => 4;
    u64 => 8;
    i16 => 2;
    i32 => 4;
    i64 => 8;
    f32 => 4;
    f64 => 8;
    super::Bool8 => 1;
    super::Guid => 16;
    super::FileTime => 8;
    crate::data::PropTag => 4;
    crate::data::GlobalCounter => 6;
    crate::data::FolderId => 8;
    crate::data::MessageId => 8;
}

impl<const N: usize> FixedLen for [u8; N] {
    const LEN: usize = N;
}

impl<const N: usize> FixedLen for super::ByteArray<N> {
    const LEN: usize = N;
}
