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

#[cfg(test)]
mod tests {
    use crate::rop::message::OpenMessageRequest;
    use crate::wire::{Decode, Encode, ErrorKind};

    /// [MS-OXCROPS] 2.2.6.1.1 RopOpenMessage request without its RopId: LogonId (byte 0),
    /// InputHandleIndex (1), OutputHandleIndex (2), CodePageId (3-4), FolderId (5-12),
    /// OpenModeFlags (13), MessageId (14-21): 22 bytes, all of fixed length.
    const OPEN_MESSAGE: [u8; 22] = [
        0x00, 0x01, 0x03, 0xFF, 0x0F, 0x01, 0x00, 0, 0, 0, 0, 0x12, 0x34, 0x03, 0x01, 0x00, 0, 0,
        0, 0, 0x56, 0x78,
    ];

    #[test]
    fn a_fixed_structure_reads_and_writes_as_its_fields() {
        let (rest, m) = OpenMessageRequest::decode(&OPEN_MESSAGE).unwrap();
        assert!(rest.is_empty());
        assert_eq!(
            (m.logon_id, m.input_handle_index, m.output_handle_index),
            (0, 1, 3)
        );
        assert_eq!(m.code_page_id, 0x0FFF);
        assert_eq!(m.folder_id.replica_id, 1);
        assert_eq!(m.folder_id.global_counter.value(), 0x1234);
        assert_eq!(m.open_mode_flags, 0x03);
        assert_eq!(m.message_id.global_counter.value(), 0x5678);
        assert_eq!(m.to_bytes().unwrap(), OPEN_MESSAGE);
        // No room for the whole: field by field into a sink of 4 bytes, failing at CodePageId.
        let mut small = [0u8; 4];
        let e = m.encode(&mut &mut small[..]).unwrap_err();
        assert_eq!(e.path_string(), "CodePageId");
        assert_eq!(small[..3], OPEN_MESSAGE[..3]);
    }

    #[test]
    fn too_few_bytes_fail_at_the_field_they_cut() {
        // (first byte, name) of each field.
        let fields = [
            (0, "LogonId"),
            (1, "InputHandleIndex"),
            (2, "OutputHandleIndex"),
            (3, "CodePageId"),
            (5, "FolderId"),
            (13, "OpenModeFlags"),
            (14, "MessageId"),
        ];
        for len in 0..OPEN_MESSAGE.len() {
            let e = OpenMessageRequest::decode(&OPEN_MESSAGE[..len]).unwrap_err();
            let &(start, name) = fields.iter().rev().find(|(s, _)| *s <= len).unwrap();
            assert!(
                matches!(e.kind(), ErrorKind::Truncated { .. }),
                "{len}: {e}"
            );
            assert!(e.path_string().starts_with(name), "{len}: {e}");
            // An id's parts name themselves: ReplicaId (2 bytes), then GlobalCounter.
            let at = match name {
                "FolderId" | "MessageId" if len >= start + 2 => start + 2,
                _ => start,
            };
            assert_eq!(e.offset(), at, "{len}: {e}");
        }
    }
}
