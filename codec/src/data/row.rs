//! Rows of property values ([MS-OXCDATA] 2.8), property problems (2.7) and property tag
//! arrays (2.10).

use bytes::BufMut;

use super::lazy_cells::{value_holds_heap, Cell, CellIter, LazyCells};
use super::prop::{PropTag, PropType};
use super::prop_tags::PropTags;
use super::value::{
    FlaggedPropertyValue, FlaggedPropertyValueWithType, PropertyValue, TypedPropertyValue,
};
use crate::tree::{error_code, ColumnTree, ToTree, Tree};
use crate::wire::{
    ensure_room, named_code, put_count, u16_len, wire_struct, CountWidth, Decode, DecodeError,
    DecodeWith, Encode, EncodeError, EncodeErrorKind, EncodeWith, Reader, ResultExt,
};

/// One cell of a [`PropertyRow`]. Which form a cell takes depends on the row's Flag and on
/// whether its column's type was PtypUnspecified, so each cell keeps its form and encoding
/// needs no columns.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RowValue<'a> {
    /// StandardPropertyRow, column of a known type: [MS-OXCDATA] 2.11.2.1 PropertyValue.
    Value(PropertyValue<'a>),
    /// StandardPropertyRow, PtypUnspecified column: [MS-OXCDATA] 2.11.3 TypedPropertyValue.
    Typed(TypedPropertyValue<'a>),
    /// FlaggedPropertyRow, column of a known type: [MS-OXCDATA] 2.11.5 FlaggedPropertyValue.
    Flagged(FlaggedPropertyValue<'a>),
    /// FlaggedPropertyRow, PtypUnspecified column: [MS-OXCDATA] 2.11.6
    /// FlaggedPropertyValueWithType.
    FlaggedWithType(FlaggedPropertyValueWithType<'a>),
}

impl RowValue<'_> {
    /// Whether this cell belongs in a FlaggedPropertyRow.
    pub fn is_flagged(&self) -> bool {
        matches!(self, RowValue::Flagged(_) | RowValue::FlaggedWithType(_))
    }
}

/// Reads one cell for a column of type `ty`.
#[inline(always)]
fn decode_cell<'a>(
    r: &mut Reader<'a>,
    ty: PropType,
    flagged: bool,
    width: CountWidth,
) -> Result<RowValue<'a>, DecodeError> {
    Ok(match (flagged, ty == PropType::UNSPECIFIED) {
        (false, false) => RowValue::Value(super::value::decode_cell_value(r, ty, width)?),
        (false, true) => RowValue::Typed(TypedPropertyValue::decode_with_from(r, width)?),
        (true, false) => RowValue::Flagged(FlaggedPropertyValue::decode_with_from(r, (ty, width))?),
        (true, true) => {
            RowValue::FlaggedWithType(FlaggedPropertyValueWithType::decode_with_from(r, width)?)
        }
    })
}

/// A thin dispatch to the cell's form: inlined into the row loops, where it runs per cell.
impl EncodeWith<CountWidth> for RowValue<'_> {
    #[inline]
    fn encoded_len_with(&self, width: CountWidth) -> usize {
        match self {
            RowValue::Value(v) => v.encoded_len_with(width),
            RowValue::Typed(v) => v.encoded_len_with(width),
            RowValue::Flagged(v) => v.encoded_len_with(width),
            RowValue::FlaggedWithType(v) => v.encoded_len_with(width),
        }
    }
    #[inline(always)]
    fn encode_with<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        match self {
            RowValue::Value(v) => v.encode_with(width, out),
            RowValue::Typed(v) => v.encode_with(width, out),
            RowValue::Flagged(v) => v.encode_with(width, out),
            RowValue::FlaggedWithType(v) => v.encode_with(width, out),
        }
    }
}

impl ToTree for RowValue<'_> {
    fn to_tree(&self) -> Tree {
        match self {
            RowValue::Value(v) => v.to_tree(),
            RowValue::Typed(v) => v.to_tree(),
            RowValue::Flagged(v) => v.to_tree(),
            RowValue::FlaggedWithType(v) => v.to_tree(),
        }
    }
}

/// [MS-OXCDATA] 2.8.1 PropertyRow: a Flag byte, then one value per column, without tags
/// (the columns come from the request or from RopSetColumns).
///
/// - Flag 0x00, [MS-OXCDATA] 2.8.1.1 StandardPropertyRow: every value is present and without
///   error; each is a PropertyValue of the column's type, or a TypedPropertyValue for a
///   PtypUnspecified column.
/// - Flag 0x01, [MS-OXCDATA] 2.8.1.2 FlaggedPropertyRow: each value is a FlaggedPropertyValue,
///   or a FlaggedPropertyValueWithType for a PtypUnspecified column.
///
/// Decoding takes the columns ([`PropTags`]) and the PtypBinary count width. A decoded row
/// allocates nothing: it checks its cells, then keeps their wire bytes and its columns (a
/// clone of [`PropTags`] shares them), and [`PropertyRow::values`] reads the cells from those
/// bytes as it goes. A row built with [`PropertyRow::new`] or [`PropertyRow::standard`] holds
/// its cells. Both compare equal when their cells are.
///
/// Encoding needs only the width, and fails if a cell's form does not match the Flag; with
/// columns (`EncodeWith<(&PropTags, CountWidth)>`) it also checks every cell against its
/// column. A decoded row written back with columns of the same types copies its bytes.
///
/// ```
/// use mapi_codec::data::{PropTag, PropTags, PropertyRow, PropertyValue, RowValue};
/// use mapi_codec::wire::{CountWidth, DecodeWith, Limits, Utf16Str};
///
/// let columns = PropTags::new(&[PropTag::DISPLAY_NAME, PropTag(0x0E08_0003)]);
/// // StandardPropertyRow: Flag 0x00, "A" (UTF-16LE, NUL-terminated), 1024.
/// let bytes = [0x00, b'A', 0, 0, 0, 0x00, 0x04, 0, 0];
/// let row = PropertyRow::decode_with_exact(&bytes, (&columns, CountWidth::U16), Limits::DEFAULT)?;
/// assert_eq!(row.len(), 2);
/// assert_eq!(row.get(1), Some(RowValue::Value(PropertyValue::Integer32(1024))));
/// let built = PropertyRow::standard([
///     PropertyValue::String(Utf16Str::from_text("A")?),
///     PropertyValue::Integer32(1024),
/// ]);
/// assert_eq!(row, built);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct PropertyRow<'a> {
    /// The Flag and the cells; for a decoded row, also its columns and the PtypBinary count
    /// width its cells were read with.
    cells: LazyCells<'a, RowValue<'a>, CountWidth>,
}

impl<'a> Cell<'a, CountWidth> for RowValue<'a> {
    #[inline(always)]
    fn read(
        r: &mut Reader<'a>,
        ty: PropType,
        flagged: bool,
        width: CountWidth,
    ) -> Result<Self, DecodeError> {
        decode_cell(r, ty, flagged, width)
    }
    #[inline(always)]
    fn skip(r: &mut Reader<'a>, ty: PropType, flagged: bool, width: CountWidth) -> bool {
        use super::value::skip_cell_value;
        // A cell of a column with a type (see `decode_cell`): the value alone, or a Flag and
        // what it says follows ([MS-OXCDATA] 2.11.5).
        if !flagged {
            return skip_cell_value(r, ty, width);
        }
        ty != PropType::UNSPECIFIED
            && super::value::skip_flagged(r, |r| skip_cell_value(r, ty, width))
    }
    #[inline]
    fn is_flagged(&self) -> bool {
        RowValue::is_flagged(self)
    }
    #[inline(always)]
    fn holds_heap(&self) -> bool {
        use super::value::Flagged;
        match self {
            RowValue::Value(v) | RowValue::Typed(TypedPropertyValue(v)) => value_holds_heap(v),
            RowValue::Flagged(FlaggedPropertyValue(f))
            | RowValue::FlaggedWithType(FlaggedPropertyValueWithType { value: f, .. }) => match f {
                Flagged::Value(v) => value_holds_heap(v),
                Flagged::Missing | Flagged::Error(_) => false,
            },
        }
    }
}

named_code! {
    /// The Flag of a [`PropertyRow`] ([MS-OXCDATA] 2.8.1): the form of its values.
    pub struct PropertyRowFlag(u8);
    /// 0x00: [MS-OXCDATA] 2.8.1.1 StandardPropertyRow.
    STANDARD = 0x00 => "StandardPropertyRow",
    /// 0x01: [MS-OXCDATA] 2.8.1.2 FlaggedPropertyRow.
    FLAGGED = 0x01 => "FlaggedPropertyRow",
}

impl<'a> PropertyRow<'a> {
    /// A row of `values`, one for each column: a StandardPropertyRow ([MS-OXCDATA] 2.8.1.1)
    /// when `flagged` is false (each cell a [`RowValue::Value`], or [`RowValue::Typed`] for a
    /// PtypUnspecified column), a FlaggedPropertyRow (2.8.1.2) when it is true (each cell
    /// [`RowValue::Flagged`] or [`RowValue::FlaggedWithType`]).
    pub fn new(flagged: bool, values: Vec<RowValue<'a>>) -> Self {
        PropertyRow {
            cells: LazyCells::built(flagged, values, CountWidth::U16),
        }
    }

    /// The same row, labelled with `columns` (what [`PropertyRow::columns`] returns). A
    /// decoded row whose columns have other types is read into cells first; encoding it
    /// against its columns then fails as it would for any row that does not fit them.
    pub fn with_columns(self, columns: impl Into<PropTags<'a>>) -> Self {
        let columns = columns.into();
        let cells = if self.cells.is_decoded() && !self.decoded_against(&columns) {
            let flagged = self.is_flagged();
            LazyCells::built(flagged, self.into_values(), CountWidth::U16)
        } else {
            self.cells
        };
        PropertyRow {
            cells: cells.relabel(columns),
        }
    }

    /// A StandardPropertyRow ([MS-OXCDATA] 2.8.1.1) of `values`, one for each column, each a
    /// PropertyValue of its column's type (a column of PtypUnspecified takes a
    /// [`RowValue::Typed`] cell instead: build the row with [`PropertyRow::new`]).
    pub fn standard(values: impl IntoIterator<Item = PropertyValue<'a>>) -> Self {
        PropertyRow::new(false, values.into_iter().map(RowValue::Value).collect())
    }

    /// Whether this is a FlaggedPropertyRow (Flag 0x01) rather than a StandardPropertyRow.
    #[inline]
    pub fn is_flagged(&self) -> bool {
        self.cells.flagged()
    }

    /// The Flag.
    pub fn flag(&self) -> PropertyRowFlag {
        PropertyRowFlag(u8::from(self.is_flagged()))
    }

    /// The number of cells.
    #[inline]
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether the row has no cells.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cells (ValueArray), in column order; read from the wire bytes as the iterator goes
    /// for a decoded row.
    pub fn values(&self) -> RowValues<'_, 'a> {
        RowValues(self.cells.iter())
    }

    /// The cell at `index`.
    pub fn get(&self, index: usize) -> Option<RowValue<'a>> {
        self.cells.get(index)
    }

    /// The cells, in a vector.
    pub fn into_values(self) -> Vec<RowValue<'a>> {
        self.cells.into_vec()
    }

    /// The columns the row was decoded against, or given to [`PropertyRow::with_columns`]
    /// (`None` for a row built without them).
    pub fn columns(&self) -> Option<&PropTags<'a>> {
        let columns = self.cells.columns();
        (self.cells.is_decoded() || !columns.is_empty()).then_some(columns)
    }

    /// Fails unless decoding the row's bytes against `columns` gives this row back: one cell
    /// per column ([`EncodeErrorKind::ColumnCount`]), each in the form the row's Flag and the
    /// column's type call for, and a value of the column's type
    /// ([`EncodeErrorKind::ColumnMismatch`], at `ValueArray[i]`). Flagged cells that hold no
    /// value (missing, or an error code) fit any column, as decoding reads them. Encoders of
    /// rows whose columns travel elsewhere call it; encoding the row with its columns
    /// (`EncodeWith<(&PropTags, CountWidth)>`) makes the same checks as it writes.
    pub fn check_columns(&self, columns: &PropTags<'_>) -> Result<(), EncodeError> {
        if self.decoded_against(columns) {
            return Ok(());
        }
        self.check_count(columns)?;
        let flagged = self.is_flagged();
        self.cells.try_zip(columns.types(), |i, cell, ty| {
            if cell_fits(cell, flagged, ty) {
                Ok(())
            } else {
                Err(cell_mismatch(cell, flagged, ty, i))
            }
        })
    }

    /// Whether the row was decoded against columns of the same types as `columns` (so its
    /// cells fit them).
    #[inline]
    fn decoded_against(&self, columns: &PropTags<'_>) -> bool {
        self.cells.decoded_against(columns)
    }

    #[inline]
    fn check_count(&self, columns: &PropTags<'_>) -> Result<(), EncodeError> {
        if self.len() == columns.len() {
            Ok(())
        } else {
            Err(EncodeError::new(EncodeErrorKind::ColumnCount {
                columns: columns.len(),
                cells: self.len(),
            }))
        }
    }

    /// The bytes of a decoded row, when they are what encoding with `width` writes.
    #[inline]
    fn wire_bytes(&self, width: CountWidth) -> Option<&'a [u8]> {
        match self.cells.wire() {
            Some((bytes, w)) if w == width => Some(bytes),
            _ => None,
        }
    }
}

/// The cells of a [`PropertyRow`] ([`PropertyRow::values`]).
#[derive(Clone)]
pub struct RowValues<'r, 'a>(CellIter<'r, 'a, RowValue<'a>, CountWidth>);

impl<'a> Iterator for RowValues<'_, 'a> {
    type Item = RowValue<'a>;
    #[inline]
    fn next(&mut self) -> Option<RowValue<'a>> {
        self.0.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for RowValues<'_, '_> {}

impl std::fmt::Debug for RowValues<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::fmt::Debug for PropertyRow<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PropertyRow")
            .field("flagged", &self.is_flagged())
            .field("values", &self.values())
            .finish()
    }
}

/// Equal when the Flags and the cells are, whether built or decoded.
impl PartialEq for PropertyRow<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cells == other.cells
    }
}

impl crate::wire::IntoOwned for PropertyRow<'_> {
    type Owned = PropertyRow<'static>;
    fn into_owned(self) -> PropertyRow<'static> {
        let values = self
            .values()
            .map(crate::wire::IntoOwned::into_owned)
            .collect();
        let columns = self.cells.columns().clone().into_owned();
        PropertyRow::new(self.is_flagged(), values).with_columns(columns)
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for PropertyRow<'a> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(PropertyRow::new(u.arbitrary()?, u.arbitrary()?))
    }
}

/// Serialized as `{"Flagged": .., "ValueArray": [..]}`, whichever form the row has.
#[cfg(feature = "serde")]
impl serde::Serialize for PropertyRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("PropertyRow", 2)?;
        st.serialize_field("Flagged", &self.is_flagged())?;
        st.serialize_field("ValueArray", &self.cells)?;
        st.end()
    }
}

#[cfg(feature = "serde")]
impl<'de, 'a> serde::Deserialize<'de> for PropertyRow<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Form<'a> {
            flagged: bool,
            #[serde(rename = "ValueArray")]
            values: Vec<RowValue<'a>>,
        }
        let f = Form::deserialize(d)?;
        Ok(PropertyRow::new(f.flagged, f.values))
    }
}

#[cfg(feature = "arbitrary")]
impl PropertyRow<'_> {
    /// Columns this row fits (tags of any id), for generated values: the type of each value
    /// that carries none of its own, PtypUnspecified for typed cells, any type for a flagged
    /// cell without a value. A cell whose form does not match the row's Flag fits no column;
    /// it gets its value's type all the same (the row then fails to encode).
    pub(crate) fn arbitrary_columns(
        &self,
        u: &mut arbitrary::Unstructured<'_>,
    ) -> arbitrary::Result<PropTags<'static>> {
        use super::value::Flagged;
        let mut columns = Vec::with_capacity(self.len());
        for cell in self.values() {
            let ty = match cell {
                RowValue::Value(v) | RowValue::Flagged(FlaggedPropertyValue(Flagged::Value(v))) => {
                    v.prop_type()
                }
                RowValue::Flagged(_) => match PropType(u.arbitrary()?) {
                    PropType::UNSPECIFIED => PropType::INTEGER32,
                    ty => ty,
                },
                RowValue::Typed(_) | RowValue::FlaggedWithType(_) => PropType::UNSPECIFIED,
            };
            columns.push(PropTag::new(u.arbitrary()?, ty));
        }
        Ok(PropTags::new(&columns))
    }
}

/// Whether `cell` is what decoding a cell of a column of type `ty`, in a row whose Flag is
/// `flagged`, gives back ([MS-OXCDATA] 2.8.1): the four forms of [`RowValue`], each with a
/// value of the column's type where the form carries one without its own type.
#[inline(always)]
fn cell_fits(cell: &RowValue<'_>, flagged: bool, ty: PropType) -> bool {
    match (cell, flagged) {
        (RowValue::Value(v), false) => v.prop_type() == ty,
        (RowValue::Flagged(FlaggedPropertyValue(f)), true) => match f {
            super::value::Flagged::Value(v) => v.prop_type() == ty,
            _ => ty != PropType::UNSPECIFIED,
        },
        // The value's own type is written beside it.
        (RowValue::Typed(_), false) | (RowValue::FlaggedWithType(_), true) => {
            ty == PropType::UNSPECIFIED
        }
        _ => false,
    }
}

/// The error of the cell at `i` (of a row whose Flag is `flagged`) that does not fit its
/// column of type `ty`: the value's type when the cell has the right form, none otherwise.
#[cold]
#[inline(never)]
fn cell_mismatch(cell: &RowValue<'_>, flagged: bool, ty: PropType, i: usize) -> EncodeError {
    use super::value::Flagged;
    let value_type = match (cell, flagged) {
        _ if ty == PropType::UNSPECIFIED => None,
        (RowValue::Value(v), false)
        | (RowValue::Flagged(FlaggedPropertyValue(Flagged::Value(v))), true) => {
            Some(v.prop_type().0)
        }
        _ => None,
    };
    EncodeError::new(EncodeErrorKind::ColumnMismatch {
        column_type: ty.0,
        value_type,
    })
    .at_index(i)
    .in_field("ValueArray")
}

/// Reads the row's cells once, to check them, and keeps their bytes: no allocation.
impl<'a, 'c> DecodeWith<'a, (&'c PropTags<'a>, CountWidth)> for PropertyRow<'a> {
    fn decode_with_from(
        r: &mut Reader<'a>,
        (columns, width): (&'c PropTags<'a>, CountWidth),
    ) -> Result<Self, DecodeError> {
        let at = r.offset();
        let flagged = match r.u8().field("Flag")? {
            0x00 => false,
            0x01 => true,
            f => {
                return Err(r.invalid_at(at, "PropertyRow Flag must be 0x00 or 0x01", f.into()))
                    .field("Flag")
            }
        };
        Ok(PropertyRow {
            cells: LazyCells::decode(r, columns, flagged, width)?,
        })
    }
}

impl EncodeWith<CountWidth> for PropertyRow<'_> {
    fn encoded_len_with(&self, width: CountWidth) -> usize {
        1 + match self.wire_bytes(width) {
            Some(b) => b.len(),
            None => self.cells.sum_by(|_, v| v.encoded_len_with(width)),
        }
    }
    fn encode_with<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        if let Some(b) = self.wire_bytes(width) {
            ensure_room(out, 1 + b.len())?;
            out.put_u8(u8::from(self.is_flagged()));
            out.put_slice(b);
            return Ok(());
        }
        if !self.cells.forms_match() {
            return Err(EncodeError::invalid(
                "a PropertyRow cell's form does not match the row's Flag",
            ));
        }
        self.flag().encode(out)?;
        self.cells.try_each(|_, v| v.encode_with(width, out))
    }
}

/// A row with its columns: the checks of [`PropertyRow::check_columns`] made while writing, in
/// one pass (no allocation), so that what is written decodes against `columns` to this row.
impl<'c> EncodeWith<(&'c PropTags<'_>, CountWidth)> for PropertyRow<'_> {
    #[inline]
    fn encoded_len_with(&self, (_, width): (&'c PropTags<'_>, CountWidth)) -> usize {
        self.encoded_len_with(width)
    }
    fn encode_with<B: BufMut>(
        &self,
        (columns, width): (&'c PropTags<'_>, CountWidth),
        out: &mut B,
    ) -> Result<(), EncodeError> {
        if self.decoded_against(columns) {
            return self.encode_with(width, out);
        }
        self.check_count(columns)?;
        self.flag().encode(out)?;
        let flagged = self.is_flagged();
        self.cells.try_zip(columns.types(), |i, v, ty| {
            if !cell_fits(v, flagged, ty) {
                return Err(cell_mismatch(v, flagged, ty, i));
            }
            v.encode_with(width, out)
        })
    }
}

/// The tree with each cell labelled by its column's tag when the columns (those it was
/// decoded with) are given.
impl ColumnTree for PropertyRow<'_> {
    fn column_tree(&self, columns: Option<&PropTags<'_>>) -> Tree {
        let cells = self.values().enumerate().map(|(i, v)| {
            match columns.and_then(|c| c.get(i)) {
                // Labelled: the column's tag beside the cell, for a reader of a capture.
                Some(tag) => Tree::record()
                    .field("PropertyTag", tag.to_tree())
                    .field("Value", v.to_tree()),
                None => v.to_tree(),
            }
        });
        Tree::record()
            .field("Flag", self.flag().to_tree())
            .field("ValueArray", Tree::List(cells.collect()))
    }
}

/// Holds `rows` rows of `columns` to the element limit. The bytes left do not bound the
/// cells: a PtypNull cell takes no bytes, so a few kilobytes of one-byte rows against many
/// PtypNull columns could otherwise claim millions of cells.
pub(crate) fn check_cells(
    r: &Reader<'_>,
    at: usize,
    rows: usize,
    columns: usize,
) -> Result<(), DecodeError> {
    let cells = (rows as u64).saturating_mul(columns as u64);
    r.check_count(at, cells, 0).map(|_| ())
}

/// [MS-OXCDATA] 2.8.2 PropertyRowSet: RowCount (2 bytes), then that many [`PropertyRow`]s,
/// all of the same columns.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct PropertyRowSet<'a> {
    /// Rows (RowCount is their number).
    pub rows: Vec<PropertyRow<'a>>,
}

impl<'a, 'c> DecodeWith<'a, (&'c PropTags<'a>, CountWidth)> for PropertyRowSet<'a> {
    fn decode_with_from(
        r: &mut Reader<'a>,
        ctx: (&'c PropTags<'a>, CountWidth),
    ) -> Result<Self, DecodeError> {
        // Each row is at least its Flag byte.
        let at = r.offset();
        let n = r.count(CountWidth::U16, 1).field("RowCount")?;
        check_cells(r, at, n, ctx.0.len()).field("RowCount")?;
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            rows.push(
                PropertyRow::decode_with_from(r, ctx)
                    .index(i)
                    .field("Rows")?,
            );
        }
        Ok(PropertyRowSet { rows })
    }
}

impl EncodeWith<CountWidth> for PropertyRowSet<'_> {
    fn encoded_len_with(&self, width: CountWidth) -> usize {
        2 + self
            .rows
            .iter()
            .map(|r| r.encoded_len_with(width))
            .sum::<usize>()
    }
    fn encode_with<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        u16_len(self.rows.len(), "RowCount")?.encode(out)?;
        for row in &self.rows {
            row.encode_with(width, out)?;
        }
        Ok(())
    }
}

/// The tree with each cell labelled by its column's tag when the columns are given.
impl ColumnTree for PropertyRowSet<'_> {
    fn column_tree(&self, columns: Option<&PropTags<'_>>) -> Tree {
        let rows = self.rows.iter().map(|r| r.column_tree(columns));
        Tree::record()
            .field("RowCount", Tree::UInt(self.rows.len() as u64))
            .field("Rows", Tree::List(rows.collect()))
    }
}

wire_struct! {
    /// [MS-OXCDATA] 2.7 PropertyProblem: Index (2 bytes), PropertyTag (4 bytes), ErrorCode
    /// (4 bytes): why the property at Index of a request could not be set or deleted.
    #[derive(Copy, Eq, Hash)]
    pub struct PropertyProblem {
        /// Index: the position of the property in the request.
        index: u16 => "Index",
        /// PropertyTag: the property.
        prop_tag: PropTag => "PropertyTag",
        /// ErrorCode ([MS-OXCDATA] 2.4).
        error_code: u32 => "ErrorCode" as error_code,
    }
}

/// [MS-OXCDATA] 2.7.1 PropertyProblemArray: Count (2 bytes), then that many
/// [`PropertyProblem`]s.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct PropertyProblemArray {
    /// PropertyProblem (Count is their number).
    #[cfg_attr(feature = "serde", serde(rename = "ProblemArray"))]
    pub problems: Vec<PropertyProblem>,
}

impl<'a> Decode<'a> for PropertyProblemArray {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let n = r.count(CountWidth::U16, 10).field("Count")?;
        let mut problems = Vec::with_capacity(n);
        for i in 0..n {
            problems.push(
                PropertyProblem::decode_from(r)
                    .index(i)
                    .field("PropertyProblem")?,
            );
        }
        Ok(PropertyProblemArray { problems })
    }
}

impl Encode for PropertyProblemArray {
    fn encoded_len(&self) -> usize {
        2 + 10 * self.problems.len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u16_len(self.problems.len(), "Count")?.encode(out)?;
        for p in &self.problems {
            p.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for PropertyProblemArray {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("Count", Tree::UInt(self.problems.len() as u64))
            .field(
                "PropertyProblem",
                Tree::List(self.problems.iter().map(ToTree::to_tree).collect()),
            )
    }
}

/// [MS-OXCDATA] 2.10 PropertyTagArray: Count, then that many property tags (4 bytes each).
/// Count is 2 bytes in ROP buffers and 4 bytes in the NSPI bodies: the [`CountWidth`] is the
/// context of both decoding and encoding. The tags are a [`PropTags`], borrowed from the input
/// when decoded.
///
/// ```
/// use mapi_codec::data::{PropTag, PropertyTagArray};
/// use mapi_codec::wire::{CountWidth, DecodeWith, EncodeWith, Limits};
///
/// // Count 1 (2 bytes), then PidTagSubject (0x0037001F).
/// let bytes = [0x01, 0x00, 0x1F, 0x00, 0x37, 0x00];
/// let a = PropertyTagArray::decode_with_exact(&bytes, CountWidth::U16, Limits::DEFAULT)?;
/// assert_eq!(a.tags, [PropTag(0x0037_001F)]);
/// assert_eq!(a.to_bytes_with(CountWidth::U16)?, bytes);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct PropertyTagArray<'a> {
    /// PropertyTags (Count is their number).
    #[cfg_attr(feature = "serde", serde(rename = "PropertyTags"))]
    pub tags: PropTags<'a>,
}

impl<'a> DecodeWith<'a, CountWidth> for PropertyTagArray<'a> {
    fn decode_with_from(r: &mut Reader<'a>, width: CountWidth) -> Result<Self, DecodeError> {
        let n = r.count(width, 4).field("Count")?;
        let tags = r.bytes(4 * n).field("PropertyTags")?;
        Ok(PropertyTagArray {
            tags: PropTags::from_bytes(tags).unwrap_or_default(),
        })
    }
}

impl EncodeWith<CountWidth> for PropertyTagArray<'_> {
    fn encoded_len_with(&self, width: CountWidth) -> usize {
        self.tags.encoded_len_with(width)
    }
    fn encode_with<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        ensure_room(out, width.size())?;
        put_count(out, width, self.tags.len(), "Count")?;
        ensure_room(out, self.tags.as_bytes().len())?;
        out.put_slice(self.tags.as_bytes());
        Ok(())
    }
}

impl<'a> From<PropTags<'a>> for PropertyTagArray<'a> {
    fn from(tags: PropTags<'a>) -> Self {
        PropertyTagArray { tags }
    }
}

impl ToTree for PropertyTagArray<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("Count", Tree::UInt(self.tags.len() as u64))
            .field("PropertyTags", self.tags.to_tree())
    }
}

crate::wire::owned_impl!(
    enum RowValue {
        Value(v),
        Typed(v),
        Flagged(v),
        FlaggedWithType(v),
    }
);
crate::wire::owned_impl!(struct PropertyRowSet { rows });
crate::wire::owned_as_self!(PropertyProblemArray);
crate::wire::owned_impl!(struct PropertyTagArray { tags });

#[cfg(test)]
#[path = "row_tests.rs"]
mod tests;
