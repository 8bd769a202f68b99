//! The cells of a row that decodes without allocating: what [`super::PropertyRow`] (ROP rows,
//! [MS-OXCDATA] 2.8.1) and [`crate::nspi::AddressBookPropertyRow`] (NSPI rows,
//! [MS-OXCMAPIHTTP] 2.2.1.7) share.
//!
//! A row built by a caller holds its cells in a vector. A decoded row reads each cell once, to
//! check it under the caller's limits, then keeps only the cells' wire bytes and its columns;
//! its cells are read again from those bytes when asked for. Each row type keeps its own Flag
//! and encoding rules; this module holds the storage, the reading, equality and serialization.

use super::prop::{PropTag, PropType};
use super::prop_tags::PropTags;
use super::value::PropertyValue;
use crate::wire::{DecodeError, Limits, Reader, ResultExt};

/// One cell of a row: read for a column of type `ty` in a row whose Flag says whether its
/// cells are `flagged`, with the row type's extra context `X` (the PtypBinary count width for
/// ROP rows, nothing for NSPI rows). The context is a parameter rather than an associated type
/// so that the rows stay covariant in their lifetime.
pub(crate) trait Cell<'a, X: Copy + PartialEq>: Clone + PartialEq + Sized {
    /// Reads one cell.
    fn read(r: &mut Reader<'a>, ty: PropType, flagged: bool, ctx: X) -> Result<Self, DecodeError>;

    /// Reads past one cell without building it when that is quick (the common types, in plain
    /// and flagged rows) and answers whether it did; it answers false, with `r` where it was,
    /// for anything it leaves to [`Cell::read`], which then reads the cell (and reports its
    /// error). It takes exactly the cells `read` takes.
    fn skip(r: &mut Reader<'a>, ty: PropType, flagged: bool, ctx: X) -> bool;

    /// Whether the cell has the form of a flagged row's cells.
    fn is_flagged(&self) -> bool;

    /// Whether dropping the cell frees memory (see [`value_holds_heap`]). Decoding checks each
    /// cell and lets go of it; one that holds nothing is forgotten rather than dropped, which
    /// lets the compiler leave out building it.
    fn holds_heap(&self) -> bool;
}

/// Whether dropping `v` frees memory: false for the values that hold no box or owned bytes,
/// which is every decoded value but a restriction; true for anything else (conservatively,
/// for every variant not listed).
#[inline(always)]
pub(crate) fn value_holds_heap(v: &PropertyValue<'_>) -> bool {
    use std::borrow::Cow;
    use PropertyValue as V;
    match v {
        V::Null
        | V::Integer16(_)
        | V::Integer32(_)
        | V::Floating32(_)
        | V::Floating64(_)
        | V::Currency(_)
        | V::FloatingTime(_)
        | V::ErrorCode(_)
        | V::Boolean(_)
        | V::Integer64(_)
        | V::Time(_)
        | V::Guid(_) => false,
        V::String8(s) => !s.is_borrowed(),
        V::String(s) => !s.is_borrowed(),
        V::Object(b) | V::ServerId(b) | V::RuleAction(b) | V::Binary(b) => {
            matches!(b, Cow::Owned(_))
        }
        V::MultipleInteger16(m) => !m.is_borrowed(),
        V::MultipleInteger32(m) => !m.is_borrowed(),
        V::MultipleFloating32(m) => !m.is_borrowed(),
        V::MultipleFloating64(m) | V::MultipleFloatingTime(m) => !m.is_borrowed(),
        V::MultipleCurrency(m) | V::MultipleInteger64(m) => !m.is_borrowed(),
        V::MultipleString8(m) => !m.is_borrowed(),
        V::MultipleString(m) => !m.is_borrowed(),
        V::MultipleTime(m) => !m.is_borrowed(),
        V::MultipleGuid(m) => !m.is_borrowed(),
        V::MultipleBinary(m) => !m.is_borrowed(),
        _ => true,
    }
}

/// Lets go of a cell read only to check it: dropped when that frees memory, otherwise
/// forgotten (the same, for a value that owns nothing), so that the compiler can leave out
/// building the parts nothing reads.
#[inline(always)]
fn discard<'a, X: Copy + PartialEq, C: Cell<'a, X>>(cell: C) {
    if cell.holds_heap() {
        drop(cell);
    } else {
        std::mem::forget(cell);
    }
}

/// The limits decoded bytes are read again with (a row's cells, a multi-valued value's
/// items): they were read once under the caller's limits, so no limit can fail them now.
pub(crate) const REREAD: Limits = Limits {
    max_restriction_depth: u32::MAX,
    max_elements: u32::MAX,
    max_decompressed_size: 0,
    strict: false,
};

/// Where the cells are.
#[derive(Clone)]
enum Store<'a, C> {
    /// Built by a caller.
    Values(Vec<C>),
    /// Decoded: the cells' bytes, checked against the columns when the row was decoded.
    Wire(&'a [u8]),
}

/// A row's Flag and cells, with the columns a decoded row was read against.
#[derive(Clone)]
pub(crate) struct LazyCells<'a, C, X> {
    store: Store<'a, C>,
    /// The columns of a decoded row; for a built row, those it was labelled with (or none).
    columns: PropTags<'a>,
    flagged: bool,
    /// The context a decoded row's cells were read with.
    ctx: X,
}

impl<'a, X: Copy + PartialEq, C: Cell<'a, X>> LazyCells<'a, C, X> {
    /// Cells built by a caller (`ctx` is what encoding them reads back with by default).
    pub(crate) fn built(flagged: bool, values: Vec<C>, ctx: X) -> Self {
        LazyCells {
            store: Store::Values(values),
            columns: PropTags::default(),
            flagged,
            ctx,
        }
    }

    /// Reads one cell per column from `r` (the Flag already read), each under `r`'s limits
    /// and reported at `ValueArray[i]` when it fails, and keeps their bytes.
    #[inline]
    pub(crate) fn decode(
        r: &mut Reader<'a>,
        columns: &PropTags<'a>,
        flagged: bool,
        ctx: X,
    ) -> Result<Self, DecodeError> {
        let start = r.rest();
        let before = r.remaining();
        for (i, ty) in columns.types().enumerate() {
            if !C::skip(r, ty, flagged, ctx) {
                discard(C::read(r, ty, flagged, ctx).index(i).field("ValueArray")?);
            }
        }
        Ok(LazyCells {
            store: Store::Wire(&start[..before - r.remaining()]),
            columns: columns.clone(),
            flagged,
            ctx,
        })
    }

    /// The same cells labelled with `columns`. The caller makes sure a decoded row's
    /// `columns` have the types it was read with.
    pub(crate) fn relabel(self, columns: PropTags<'a>) -> Self {
        LazyCells { columns, ..self }
    }

    /// Whether the row is flagged.
    #[inline]
    pub(crate) fn flagged(&self) -> bool {
        self.flagged
    }

    /// The columns (empty for a built row without them).
    #[inline]
    pub(crate) fn columns(&self) -> &PropTags<'a> {
        &self.columns
    }

    /// Whether the cells were decoded (rather than built).
    #[inline]
    pub(crate) fn is_decoded(&self) -> bool {
        matches!(self.store, Store::Wire(_))
    }

    /// The bytes of decoded cells, with the context they were read with.
    #[inline]
    pub(crate) fn wire(&self) -> Option<(&'a [u8], X)> {
        match self.store {
            Store::Wire(b) => Some((b, self.ctx)),
            Store::Values(_) => None,
        }
    }

    /// Whether the row was decoded against columns of the types of `columns`, so that its
    /// cells fit them as they are.
    #[inline]
    pub(crate) fn decoded_against(&self, columns: &PropTags<'_>) -> bool {
        self.is_decoded() && self.columns.same_types(columns)
    }

    /// The number of cells.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        match &self.store {
            Store::Values(v) => v.len(),
            Store::Wire(_) => self.columns.len(),
        }
    }

    /// Whether every built cell has the form the Flag gives it (decoded cells always have).
    pub(crate) fn forms_match(&self) -> bool {
        match &self.store {
            Store::Values(v) => v.iter().all(|c| c.is_flagged() == self.flagged),
            Store::Wire(_) => true,
        }
    }

    /// The cells, in column order.
    pub(crate) fn iter(&self) -> CellIter<'_, 'a, C, X> {
        match &self.store {
            Store::Values(v) => CellIter::Values(v.iter()),
            Store::Wire(bytes) => CellIter::Wire {
                reader: Reader::with_limits(bytes, REREAD),
                types: self.columns.as_bytes().chunks_exact(4),
                flagged: self.flagged,
                ctx: self.ctx,
            },
        }
    }

    /// The cell at `index`.
    pub(crate) fn get(&self, index: usize) -> Option<C> {
        match &self.store {
            Store::Values(v) => v.get(index).cloned(),
            Store::Wire(_) => self.iter().nth(index),
        }
    }

    /// The cells, in a vector.
    pub(crate) fn into_vec(self) -> Vec<C> {
        match self.store {
            Store::Values(v) => v,
            Store::Wire(_) => self.iter().collect(),
        }
    }

    /// Calls `f` with each cell and its index, in column order, until it fails: built cells
    /// by reference, decoded ones as they are read.
    #[inline(always)]
    pub(crate) fn try_each<E>(
        &self,
        mut f: impl FnMut(usize, &C) -> Result<(), E>,
    ) -> Result<(), E> {
        self.try_zip(std::iter::repeat(()), |i, c, ()| f(i, c))
    }

    /// [`LazyCells::try_each`] with the items of `with` beside the cells (the columns' types),
    /// stopping at the shorter of the two.
    #[inline(always)]
    pub(crate) fn try_zip<T, E>(
        &self,
        with: impl Iterator<Item = T>,
        mut f: impl FnMut(usize, &C, T) -> Result<(), E>,
    ) -> Result<(), E> {
        match &self.store {
            Store::Values(v) => {
                for (i, (c, t)) in v.iter().zip(with).enumerate() {
                    f(i, c, t)?;
                }
                Ok(())
            }
            Store::Wire(_) => self.try_zip_read(with, f),
        }
    }

    /// [`LazyCells::try_zip`] over decoded cells: out of line, so that the loop over built
    /// cells (what a server encodes) stays small where it is inlined. Decoded rows are written
    /// back by copying their bytes; this runs only for other columns or another width.
    #[inline(never)]
    fn try_zip_read<T, E>(
        &self,
        with: impl Iterator<Item = T>,
        mut f: impl FnMut(usize, &C, T) -> Result<(), E>,
    ) -> Result<(), E> {
        for (i, (c, t)) in self.iter().zip(with).enumerate() {
            f(i, &c, t)?;
        }
        Ok(())
    }

    /// The sum of `f` over the cells, with each cell's index.
    #[inline]
    pub(crate) fn sum_by(&self, mut f: impl FnMut(usize, &C) -> usize) -> usize {
        let mut n = 0;
        let _ = self.try_each::<()>(|i, c| {
            n += f(i, c);
            Ok(())
        });
        n
    }
}

/// Equal when the Flags and the cells are: decoded bytes are compared first, and read into
/// cells only when they differ or were read with other types.
impl<'a, X: Copy + PartialEq, C: Cell<'a, X>> PartialEq for LazyCells<'a, C, X> {
    fn eq(&self, other: &Self) -> bool {
        self.flagged == other.flagged
            && self.len() == other.len()
            && match (&self.store, &other.store) {
                (Store::Values(a), Store::Values(b)) => a == b,
                (Store::Wire(a), Store::Wire(b))
                    if a == b
                        && self.ctx == other.ctx
                        && self.columns.same_types(&other.columns) =>
                {
                    true
                }
                _ => self.iter().eq(other.iter()),
            }
    }
}

/// The cells of a [`LazyCells`], built or read as the iterator goes.
#[derive(Clone)]
pub(crate) enum CellIter<'r, 'a, C, X> {
    Values(std::slice::Iter<'r, C>),
    Wire {
        reader: Reader<'a>,
        types: std::slice::ChunksExact<'r, u8>,
        flagged: bool,
        ctx: X,
    },
}

impl<'a, X: Copy + PartialEq, C: Cell<'a, X>> Iterator for CellIter<'_, 'a, C, X> {
    type Item = C;
    #[inline]
    fn next(&mut self) -> Option<C> {
        match self {
            CellIter::Values(v) => v.next().cloned(),
            CellIter::Wire {
                reader,
                types,
                flagged,
                ctx,
            } => {
                let tag = PropTag(u32::from_le_bytes(types.next()?.try_into().ok()?));
                // The cells were read once when the row was decoded: this cannot fail.
                C::read(reader, tag.prop_type(), *flagged, *ctx).ok()
            }
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match self {
            CellIter::Values(v) => v.len(),
            CellIter::Wire { types, .. } => types.len(),
        };
        (n, Some(n))
    }
}

impl<'a, X: Copy + PartialEq, C: Cell<'a, X>> ExactSizeIterator for CellIter<'_, 'a, C, X> {}

/// The cells as a list.
impl<'a, X: Copy + PartialEq, C: Cell<'a, X> + std::fmt::Debug> std::fmt::Debug
    for CellIter<'_, 'a, C, X>
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// The cells as a sequence, whichever form they have.
#[cfg(feature = "serde")]
impl<'a, X: Copy + PartialEq, C: Cell<'a, X> + serde::Serialize> serde::Serialize
    for LazyCells<'a, C, X>
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for v in self.iter() {
            seq.serialize_element(&v)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use proptest::prelude::*;

    use super::{value_holds_heap, Cell, LazyCells};
    use crate::data::{PropTag, PropTags, PropType, PropertyValue, RowValue};
    use crate::nspi::AbRowValue;
    use crate::wire::{CountWidth, DecodeError, DecodeWith, Limits, Reader, ResultExt, Utf16Str};

    #[test]
    fn only_values_that_own_memory_are_dropped() {
        // Decoded single values borrow their bytes: forgetting them frees nothing.
        let decoded = |ty: u16, bytes: &'static [u8]| {
            PropertyValue::decode_with_exact(
                bytes,
                (PropType(ty), CountWidth::U16),
                Limits::DEFAULT,
            )
            .unwrap()
        };
        for v in [
            decoded(0x0003, &[1, 0, 0, 0]),
            decoded(0x001F, &[b'A', 0, 0, 0]),
            decoded(0x001E, b"A\0"),
            decoded(0x0102, &[2, 0, 0xAB, 0xCD]),
            decoded(0x1003, &[2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]),
            decoded(0x101F, &[1, 0, 0, 0, b'A', 0, 0, 0]),
            PropertyValue::Null,
        ] {
            assert!(!value_holds_heap(&v), "{v:?}");
        }
        // Built values that own their bytes, vectors and boxes are dropped.
        for v in [
            PropertyValue::Binary(Cow::Owned(vec![1])),
            PropertyValue::String(Utf16Str::from_text("A").unwrap()),
            PropertyValue::MultipleInteger32(vec![1, 2].into()),
        ] {
            assert!(value_holds_heap(&v), "{v:?}");
        }
    }

    /// The types a column may have in the test below: those `skip` reads past, some it leaves
    /// to `read` (with and without HasValue in address-book rows), and PtypUnspecified.
    const TYPES: [u16; 12] = [
        0x0003, 0x000B, 0x0014, 0x0040, 0x001F, 0x0102, 0x001E, 0x0002, 0x1003, 0x101F, 0x0048,
        0x0000,
    ];

    /// Reads the row's cells one by one in full, as decoding did before cells could be skipped:
    /// the offset after them, or the error.
    fn read_every_cell<'a, X: Copy + PartialEq, C: Cell<'a, X>>(
        r: &mut Reader<'a>,
        columns: &PropTags<'a>,
        flagged: bool,
        ctx: X,
    ) -> Result<usize, DecodeError> {
        for (i, ty) in columns.types().enumerate() {
            C::read(r, ty, flagged, ctx).index(i).field("ValueArray")?;
        }
        Ok(r.offset())
    }

    proptest! {
        /// Skipping a cell takes exactly the bytes reading it takes, and fails (through `read`)
        /// with the same error at the same offset and path, for ROP rows at both count widths
        /// and address-book rows, flagged or not, strict or not. The bytes come from a small
        /// alphabet, so that terminators, HasValue bytes of 0x00, the three Flags and short
        /// counts come up often.
        #[test]
        fn skipping_cells_takes_what_reading_them_takes(
            types in prop::collection::vec(prop::sample::select(&TYPES[..]), 0..6),
            bytes in prop::collection::vec(prop::sample::select(&[0u8, 1, 2, 0x0A, 0x41, 0xFF][..]), 0..48),
            flagged: bool,
            strict: bool,
            wide: bool,
        ) {
            let columns: PropTags<'static> = types
                .iter()
                .enumerate()
                .map(|(i, &ty)| PropTag::new(0x3000 + i as u16, PropType(ty)))
                .collect();
            let limits = Limits { strict, ..Limits::DEFAULT };
            let width = if wide { CountWidth::U32 } else { CountWidth::U16 };

            let mut r = Reader::with_limits(&bytes, limits);
            let skipped = LazyCells::<RowValue, CountWidth>::decode(&mut r, &columns, flagged, width)
                .map(|_| r.offset());
            let mut r = Reader::with_limits(&bytes, limits);
            let read = read_every_cell::<CountWidth, RowValue>(&mut r, &columns, flagged, width);
            prop_assert_eq!(skipped, read);

            let mut r = Reader::with_limits(&bytes, limits);
            let skipped = LazyCells::<AbRowValue, ()>::decode(&mut r, &columns, flagged, ())
                .map(|_| r.offset());
            let mut r = Reader::with_limits(&bytes, limits);
            let read = read_every_cell::<(), AbRowValue>(&mut r, &columns, flagged, ());
            prop_assert_eq!(skipped, read);
        }
    }
}
