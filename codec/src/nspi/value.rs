//! The address-book property structures of [MS-OXCMAPIHTTP] 2.2.1: values with the HasValue
//! flag, tagged, typed and flagged values, value lists, and rows with their columns. Counts
//! are 4 bytes wide ([MS-OXCDATA] 2.11.1.1 COUNT in MAPI/HTTP).

use bytes::BufMut;

use super::LargePropertyTagArray;
use crate::data::lazy_cells::{value_holds_heap, Cell, CellIter, LazyCells};
use crate::data::{PropTag, PropTags, PropType, PropertyValue};
use crate::tree::{FieldTree, ToTree, ToTreeWith, Tree};
use crate::wire::{
    put_count, wire_struct, CountWidth, Decode, DecodeError, DecodeWith, Encode, EncodeError,
    EncodeWith, List32, Reader, ResultExt,
};

/// Whether a value of `ty` starts with a HasValue byte ([MS-OXCMAPIHTTP] 2.2.1.1: PtypString,
/// PtypString8, PtypBinary and the PtypMultiple types).
pub fn has_value_field(ty: PropType) -> bool {
    ty == PropType::STRING || ty == PropType::STRING8 || ty == PropType::BINARY || ty.is_multi()
}

/// AddressBookPropertyValue ([MS-OXCMAPIHTTP] 2.2.1.1): for PtypString, PtypString8,
/// PtypBinary and PtypMultiple types a HasValue byte, then the [MS-OXCDATA] PropertyValue
/// (4-byte counts) unless HasValue is 0x00; for other types the PropertyValue alone.
///
/// The type comes from the context (a tag, a column): it decodes with `DecodeWith<PropType>`,
/// and encodes with `EncodeWith<PropType>`, which refuses a value of another type.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct AddressBookPropertyValue<'a> {
    /// HasValue, for the types that carry it (kept as sent: any nonzero byte is TRUE).
    pub has_value: Option<u8>,
    /// PropertyValue; absent exactly when HasValue is 0x00.
    pub value: Option<PropertyValue<'a>>,
}

impl<'a> AddressBookPropertyValue<'a> {
    /// A present value, with HasValue 0x01 when its type carries one.
    pub fn new(value: PropertyValue<'a>) -> Self {
        AddressBookPropertyValue {
            has_value: has_value_field(value.prop_type()).then_some(1),
            value: Some(value),
        }
    }

    /// A value of a HasValue type that is not there (HasValue 0x00).
    pub fn absent() -> Self {
        AddressBookPropertyValue {
            has_value: Some(0),
            value: None,
        }
    }

    /// The type of the value, when there is one.
    #[inline]
    pub fn prop_type(&self) -> Option<PropType> {
        self.value.as_ref().map(PropertyValue::prop_type)
    }

    /// Whether the value reads back as itself as a value of `ty`.
    #[inline]
    fn fits(&self, ty: PropType) -> bool {
        match &self.value {
            Some(x) => x.prop_type() == ty,
            None => has_value_field(ty),
        }
    }
}

impl<'a> DecodeWith<'a, PropType> for AddressBookPropertyValue<'a> {
    #[inline(always)]
    fn decode_with_from(r: &mut Reader<'a>, ty: PropType) -> Result<Self, DecodeError> {
        let has_value = if has_value_field(ty) {
            Some(r.u8().field("HasValue")?)
        } else {
            None
        };
        let value = if has_value == Some(0) {
            None
        } else {
            Some(crate::data::decode_cell_value(r, ty, CountWidth::U32).field("PropertyValue")?)
        };
        Ok(AddressBookPropertyValue { has_value, value })
    }
}

impl EncodeWith<PropType> for AddressBookPropertyValue<'_> {
    #[inline]
    fn encoded_len_with(&self, _: PropType) -> usize {
        usize::from(self.has_value.is_some())
            + self
                .value
                .as_ref()
                .map_or(0, |v| v.encoded_len_with(CountWidth::U32))
    }
    #[inline]
    fn encode_with<B: BufMut>(&self, ty: PropType, out: &mut B) -> Result<(), EncodeError> {
        if self.prop_type().is_some_and(|t| t != ty) {
            return Err(EncodeError::invalid(
                "the value's type differs from its PropertyTag's or PropertyType's",
            ));
        }
        // An absent value is a HasValue byte of 0x00: only a type that carries one can say it.
        if self.value.is_none() && !has_value_field(ty) {
            return Err(EncodeError::invalid(
                "only a type with HasValue can go without a value",
            ));
        }
        let ok = match (&self.has_value, &self.value) {
            (Some(0), None) => true,
            (Some(h), Some(v)) => *h != 0 && has_value_field(v.prop_type()),
            (None, Some(v)) => !has_value_field(v.prop_type()),
            _ => false,
        };
        if !ok {
            return Err(EncodeError::invalid("HasValue must be present exactly for PtypString, PtypString8, PtypBinary and PtypMultiple values, and 0x00 exactly when the value is absent"));
        }
        if let Some(h) = self.has_value {
            h.encode(out)?;
        }
        match &self.value {
            Some(v) => v.encode_with(CountWidth::U32, out),
            None => Ok(()),
        }
    }
}

impl ToTree for AddressBookPropertyValue<'_> {
    /// HasValue (for the types that carry it) and PropertyValue (when present).
    fn to_tree(&self) -> Tree {
        let t = Tree::record();
        let t = match self.has_value {
            Some(h) => t.field("HasValue", Tree::UInt(h.into())),
            None => t,
        };
        match &self.value {
            Some(v) => t.field("PropertyValue", v.to_tree()),
            None => t,
        }
    }
}

wire_struct! {
    /// AddressBookTaggedPropertyValue ([MS-OXCMAPIHTTP] 2.2.1.2): PropertyTag, then an
    /// AddressBookPropertyValue of the tag's type.
    pub struct AddressBookTaggedPropertyValue<'a> {
        /// PropertyTag.
        tag: PropTag => "PropertyTag",
        /// The value (HasValue, PropertyValue).
        value: AddressBookPropertyValue<'a> => "" { flatten with(tag) tag.prop_type() },
    }
}

crate::wire::min_len! {
    AddressBookTaggedPropertyValue<'_> = 4;
    AddressBookPropertyValueList<'_> = 4;
}

/// AddressBookPropertyValueList ([MS-OXCMAPIHTTP] 2.2.1.3): a 4-byte PropertyValueCount and
/// that many AddressBookTaggedPropertyValues.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct AddressBookPropertyValueList<'a> {
    /// PropertyValues (PropertyValueCount is their number).
    pub values: Vec<AddressBookTaggedPropertyValue<'a>>,
}

impl<'a> Decode<'a> for AddressBookPropertyValueList<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let values = List32::decode_from(r).field("PropertyValues")?.0;
        Ok(AddressBookPropertyValueList { values })
    }
}

impl Encode for AddressBookPropertyValueList<'_> {
    fn encoded_len(&self) -> usize {
        4 + self.values.iter().map(Encode::encoded_len).sum::<usize>()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        put_count(
            out,
            CountWidth::U32,
            self.values.len(),
            "PropertyValueCount",
        )?;
        for (i, v) in self.values.iter().enumerate() {
            v.encode(out).index(i).field("PropertyValues")?;
        }
        Ok(())
    }
}

impl ToTree for AddressBookPropertyValueList<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("PropertyValueCount", Tree::UInt(self.values.len() as u64))
            .field(
                "PropertyValues",
                Tree::List(self.values.iter().map(ToTree::to_tree).collect()),
            )
    }
}

wire_struct! {
    /// AddressBookTypedPropertyValue ([MS-OXCMAPIHTTP] 2.2.1.4): PropertyType, then an
    /// AddressBookPropertyValue of that type.
    pub struct AddressBookTypedPropertyValue<'a> {
        /// PropertyType.
        prop_type: PropType => "PropertyType",
        /// The value (HasValue, PropertyValue).
        value: AddressBookPropertyValue<'a> => "" { flatten with(prop_type) prop_type },
    }
}

/// Flag and value of a flagged value ([MS-OXCMAPIHTTP] 2.2.1.5): Flag 0x0 then a value of
/// the context's type, 0x1 and nothing, 0xA and a PtypErrorCode.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct AddressBookFlaggedPropertyValue<'a> {
    /// Flag.
    pub flag: u8,
    /// PropertyValue, absent when Flag is 0x1.
    pub value: Option<AddressBookPropertyValue<'a>>,
}

impl<'a> DecodeWith<'a, PropType> for AddressBookFlaggedPropertyValue<'a> {
    fn decode_with_from(r: &mut Reader<'a>, ty: PropType) -> Result<Self, DecodeError> {
        let at = r.offset();
        let flag = r.u8().field("Flag")?;
        let value = match flag {
            0x0 => Some(AddressBookPropertyValue::decode_with_from(r, ty)?),
            0x1 => None,
            0xA => Some(AddressBookPropertyValue::decode_with_from(
                r,
                PropType::ERROR_CODE,
            )?),
            v => {
                return Err(r
                    .invalid_at(
                        at,
                        "Flag of a flagged value must be 0x0, 0x1 or 0xA",
                        v.into(),
                    )
                    .in_field("Flag"))
            }
        };
        Ok(AddressBookFlaggedPropertyValue { flag, value })
    }
}

impl EncodeWith<PropType> for AddressBookFlaggedPropertyValue<'_> {
    fn encoded_len_with(&self, ty: PropType) -> usize {
        1 + self.value.as_ref().map_or(0, |x| x.encoded_len_with(ty))
    }
    fn encode_with<B: BufMut>(&self, ty: PropType, out: &mut B) -> Result<(), EncodeError> {
        match (self.flag, &self.value) {
            (0x0, Some(v)) => {
                self.flag.encode(out)?;
                v.encode_with(ty, out)
            }
            (0x1, None) => self.flag.encode(out),
            (0xA, Some(v)) if v.prop_type() == Some(PropType::ERROR_CODE) => {
                self.flag.encode(out)?;
                v.encode_with(PropType::ERROR_CODE, out)
            }
            _ => Err(EncodeError::invalid(
                "Flag 0x0 needs a value, 0x1 none, 0xA a PtypErrorCode",
            )),
        }
    }
}

impl ToTree for AddressBookFlaggedPropertyValue<'_> {
    /// Flag, then the value's HasValue and PropertyValue.
    fn to_tree(&self) -> Tree {
        let name = match self.flag {
            0x0 => Some("Value"),
            0x1 => Some("NoValue"),
            0xA => Some("Error"),
            _ => None,
        };
        let t = Tree::record().field("Flag", Tree::named(self.flag, name));
        match &self.value {
            Some(v) => t.splice(v.to_tree()),
            None => t,
        }
    }
}

wire_struct! {
    /// AddressBookFlaggedPropertyValueWithType ([MS-OXCMAPIHTTP] 2.2.1.6): PropertyType, Flag,
    /// then the value as in [`AddressBookFlaggedPropertyValue`].
    pub struct AddressBookFlaggedPropertyValueWithType<'a> {
        /// PropertyType.
        prop_type: PropType => "PropertyType",
        /// Flag and PropertyValue.
        flagged: AddressBookFlaggedPropertyValue<'a> => "" { flatten with(prop_type) prop_type },
    }
}

/// One cell of an [`AddressBookPropertyRow`]; its form follows the row's Flags and whether the
/// column's type is PtypUnspecified.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AbRowValue<'a> {
    /// Flags 0x0, typed column: AddressBookPropertyValue.
    Value(AddressBookPropertyValue<'a>),
    /// Flags 0x0, PtypUnspecified column: AddressBookTypedPropertyValue.
    Typed(AddressBookTypedPropertyValue<'a>),
    /// Flags 0x1, typed column: AddressBookFlaggedPropertyValue.
    Flagged(AddressBookFlaggedPropertyValue<'a>),
    /// Flags 0x1, PtypUnspecified column: AddressBookFlaggedPropertyValueWithType.
    FlaggedWithType(AddressBookFlaggedPropertyValueWithType<'a>),
}

impl<'a> DecodeWith<'a, (PropType, bool)> for AbRowValue<'a> {
    /// A cell of a column of `ty` in a row whose Flags say whether it is `flagged`.
    #[inline(always)]
    fn decode_with_from(
        r: &mut Reader<'a>,
        (ty, flagged): (PropType, bool),
    ) -> Result<Self, DecodeError> {
        Ok(match (flagged, ty == PropType::UNSPECIFIED) {
            (false, false) => AbRowValue::Value(DecodeWith::decode_with_from(r, ty)?),
            (false, true) => AbRowValue::Typed(Decode::decode_from(r)?),
            (true, false) => AbRowValue::Flagged(DecodeWith::decode_with_from(r, ty)?),
            (true, true) => AbRowValue::FlaggedWithType(Decode::decode_from(r)?),
        })
    }
}

impl<'a> AbRowValue<'a> {
    fn is_flagged(&self) -> bool {
        matches!(
            self,
            AbRowValue::Flagged(_) | AbRowValue::FlaggedWithType(_)
        )
    }

    /// Whether the cell reads back as itself in a column of `ty`.
    #[inline]
    fn fits(&self, ty: PropType) -> bool {
        match (self, ty == PropType::UNSPECIFIED) {
            (AbRowValue::Value(v), false) => v.fits(ty),
            (AbRowValue::Flagged(f), false) => {
                f.flag != 0 || f.value.as_ref().is_some_and(|v| v.fits(ty))
            }
            (AbRowValue::Typed(_) | AbRowValue::FlaggedWithType(_), true) => true,
            _ => false,
        }
    }
}

impl EncodeWith<PropType> for AbRowValue<'_> {
    #[inline]
    fn encoded_len_with(&self, ty: PropType) -> usize {
        match self {
            AbRowValue::Value(v) => v.encoded_len_with(ty),
            AbRowValue::Typed(v) => v.encoded_len(),
            AbRowValue::Flagged(v) => v.encoded_len_with(ty),
            AbRowValue::FlaggedWithType(v) => v.encoded_len(),
        }
    }
    #[inline]
    fn encode_with<B: BufMut>(&self, ty: PropType, out: &mut B) -> Result<(), EncodeError> {
        match self {
            AbRowValue::Value(v) => v.encode_with(ty, out),
            AbRowValue::Typed(v) => v.encode(out),
            AbRowValue::Flagged(v) => v.encode_with(ty, out),
            AbRowValue::FlaggedWithType(v) => v.encode(out),
        }
    }
}

impl ToTree for AbRowValue<'_> {
    fn to_tree(&self) -> Tree {
        match self {
            AbRowValue::Value(v) => v.to_tree(),
            AbRowValue::Typed(v) => v.to_tree(),
            AbRowValue::Flagged(v) => v.to_tree(),
            AbRowValue::FlaggedWithType(v) => v.to_tree(),
        }
    }
}

/// AddressBookPropertyRow ([MS-OXCMAPIHTTP] 2.2.1.7): Flags (0x0 every value present, 0x1
/// flagged values), then one value per column.
///
/// It decodes against its columns (`DecodeWith<&PropTags>`), and encodes against them too
/// (`EncodeWith<&PropTags>`): a cell that would read back otherwise is refused.
///
/// A decoded row allocates nothing: it checks its cells, then keeps their wire bytes and its
/// columns (borrowed from the response, as [`ColumnsAndRows`] decodes them), and
/// [`AddressBookPropertyRow::values`] reads the cells from those bytes as it goes. A row built
/// with [`AddressBookPropertyRow::new`] holds its cells. Both compare equal when their Flags
/// and cells are.
#[derive(Clone)]
pub struct AddressBookPropertyRow<'a> {
    /// The Flags and the cells; for a decoded row, also its columns.
    cells: LazyCells<'a, AbRowValue<'a>, ()>,
}

impl<'a> Cell<'a, ()> for AbRowValue<'a> {
    #[inline(always)]
    fn read(r: &mut Reader<'a>, ty: PropType, flagged: bool, _: ()) -> Result<Self, DecodeError> {
        AbRowValue::decode_with_from(r, (ty, flagged))
    }
    #[inline(always)]
    fn skip(r: &mut Reader<'a>, ty: PropType, flagged: bool, _: ()) -> bool {
        // A cell of a column with a type: an AddressBookPropertyValue, or a Flag and what it
        // says follows (AddressBookFlaggedPropertyValue). A column without a type has
        // neither: `skip_ab_value` and the Flag arms leave it to `read`.
        if !flagged {
            return skip_ab_value(r, ty);
        }
        ty != PropType::UNSPECIFIED && crate::data::skip_flagged(r, |r| skip_ab_value(r, ty))
    }
    #[inline]
    fn is_flagged(&self) -> bool {
        AbRowValue::is_flagged(self)
    }
    #[inline(always)]
    fn holds_heap(&self) -> bool {
        let value = match self {
            AbRowValue::Value(v) => Some(v),
            AbRowValue::Typed(t) => Some(&t.value),
            AbRowValue::Flagged(f) => f.value.as_ref(),
            AbRowValue::FlaggedWithType(f) => f.flagged.value.as_ref(),
        };
        value
            .and_then(|v| v.value.as_ref())
            .is_some_and(value_holds_heap)
    }
}

/// Reads past an AddressBookPropertyValue of `ty` without building it, as [`Cell::skip`]
/// does: the HasValue byte where the type has one, then the value unless HasValue is 0x00.
/// Answers false, with `r` where it was, for what it leaves to the full decoder.
#[inline(always)]
fn skip_ab_value(r: &mut Reader<'_>, ty: PropType) -> bool {
    let mark = r.mark();
    if has_value_field(ty) {
        match r.peek_u8() {
            None => return false,
            Some(has_value) => {
                r.skip_peeked();
                if has_value == 0 {
                    return true;
                }
            }
        }
    }
    let read = crate::data::skip_cell_value(r, ty, CountWidth::U32);
    if !read {
        r.rewind(mark);
    }
    read
}

impl Default for AddressBookPropertyRow<'_> {
    fn default() -> Self {
        AddressBookPropertyRow::new(false, Vec::new())
    }
}

impl<'a> AddressBookPropertyRow<'a> {
    /// A row of `values`, one per column: flagged values when `flagged` is true.
    pub fn new(flagged: bool, values: Vec<AbRowValue<'a>>) -> Self {
        AddressBookPropertyRow {
            cells: LazyCells::built(flagged, values, ()),
        }
    }

    /// Flags: whether the cells are flagged values (0x1) rather than plain ones (0x0).
    pub fn is_flagged(&self) -> bool {
        self.cells.flagged()
    }

    /// The number of cells.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether the row has no cells.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cells (ValueArray), in column order; read from the wire bytes as the iterator goes
    /// for a decoded row.
    pub fn values(&self) -> AbRowValues<'_, 'a> {
        AbRowValues(self.cells.iter())
    }

    /// The cell at `index`.
    pub fn get(&self, index: usize) -> Option<AbRowValue<'a>> {
        self.cells.get(index)
    }

    /// The cells, in a vector.
    pub fn into_values(self) -> Vec<AbRowValue<'a>> {
        self.cells.into_vec()
    }

    /// The bytes of a decoded row whose columns have the types of `columns` (what encoding
    /// against them writes).
    fn wire_bytes(&self, columns: &PropTags<'_>) -> Option<&'a [u8]> {
        match self.cells.wire() {
            Some((b, ())) if self.cells.decoded_against(columns) => Some(b),
            _ => None,
        }
    }
}

/// The cells of an [`AddressBookPropertyRow`] ([`AddressBookPropertyRow::values`]).
#[derive(Clone)]
pub struct AbRowValues<'r, 'a>(CellIter<'r, 'a, AbRowValue<'a>, ()>);

impl<'a> Iterator for AbRowValues<'_, 'a> {
    type Item = AbRowValue<'a>;
    #[inline]
    fn next(&mut self) -> Option<AbRowValue<'a>> {
        self.0.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for AbRowValues<'_, '_> {}

impl std::fmt::Debug for AbRowValues<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::fmt::Debug for AddressBookPropertyRow<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AddressBookPropertyRow")
            .field("flagged", &self.is_flagged())
            .field("values", &self.values())
            .finish()
    }
}

/// Equal when the Flags and the cells are, whether built or decoded.
impl PartialEq for AddressBookPropertyRow<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cells == other.cells
    }
}

impl crate::wire::IntoOwned for AddressBookPropertyRow<'_> {
    type Owned = AddressBookPropertyRow<'static>;
    fn into_owned(self) -> AddressBookPropertyRow<'static> {
        let values = self
            .values()
            .map(crate::wire::IntoOwned::into_owned)
            .collect();
        AddressBookPropertyRow::new(self.is_flagged(), values)
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for AddressBookPropertyRow<'a> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(AddressBookPropertyRow::new(u.arbitrary()?, u.arbitrary()?))
    }
}

/// Serialized as `{"Flagged": .., "Values": [..]}`, whichever form the row has.
#[cfg(feature = "serde")]
impl serde::Serialize for AddressBookPropertyRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("AddressBookPropertyRow", 2)?;
        st.serialize_field("Flagged", &self.is_flagged())?;
        st.serialize_field("Values", &self.cells)?;
        st.end()
    }
}

#[cfg(feature = "serde")]
impl<'de, 'a> serde::Deserialize<'de> for AddressBookPropertyRow<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Form<'a> {
            flagged: bool,
            values: Vec<AbRowValue<'a>>,
        }
        let f = Form::deserialize(d)?;
        Ok(AddressBookPropertyRow::new(f.flagged, f.values))
    }
}

/// Reads the row's cells once, to check them, and keeps their bytes: no allocation.
impl<'a, 'c> DecodeWith<'a, &'c PropTags<'a>> for AddressBookPropertyRow<'a> {
    fn decode_with_from(
        r: &mut Reader<'a>,
        columns: &'c PropTags<'a>,
    ) -> Result<Self, DecodeError> {
        let at = r.offset();
        let flagged = match r.u8().field("Flags")? {
            0 => false,
            1 => true,
            v => {
                return Err(r
                    .invalid_at(
                        at,
                        "AddressBookPropertyRow Flags must be 0x0 or 0x1",
                        v.into(),
                    )
                    .in_field("Flags"))
            }
        };
        Ok(AddressBookPropertyRow {
            cells: LazyCells::decode(r, columns, flagged, ())?,
        })
    }
}

impl<'c> EncodeWith<&'c PropTags<'_>> for AddressBookPropertyRow<'_> {
    fn encoded_len_with(&self, columns: &'c PropTags<'_>) -> usize {
        if let Some(b) = self.wire_bytes(columns) {
            return 1 + b.len();
        }
        1 + self.cells.sum_by(|i, v| {
            let ty = columns
                .get(i)
                .map_or(PropType::UNSPECIFIED, PropTag::prop_type);
            v.encoded_len_with(ty)
        })
    }
    fn encode_with<B: BufMut>(
        &self,
        columns: &'c PropTags<'_>,
        out: &mut B,
    ) -> Result<(), EncodeError> {
        if let Some(b) = self.wire_bytes(columns) {
            crate::wire::ensure_room(out, 1 + b.len())?;
            out.put_u8(u8::from(self.is_flagged()));
            out.put_slice(b);
            return Ok(());
        }
        if !self.cells.forms_match() {
            return Err(EncodeError::invalid(
                "a flagged row holds only flagged values, a standard row none",
            ));
        }
        let types = || columns.types();
        let fits = self.len() == columns.len()
            && self
                .cells
                .try_zip(types(), |_, cell, ty| match cell.fits(ty) {
                    true => Ok(()),
                    false => Err(()),
                })
                .is_ok();
        if !fits {
            return Err(EncodeError::invalid(
                "an AddressBookPropertyRow cell does not fit its column",
            ));
        }
        u8::from(self.is_flagged()).encode(out)?;
        self.cells.try_zip(types(), |i, v, ty| {
            v.encode_with(ty, out).index(i).field("ValueArray")
        })
    }
}

/// The tree, each cell labelled with its column.
impl ToTreeWith<&PropTags<'_>> for AddressBookPropertyRow<'_> {
    fn to_tree_with(&self, columns: &PropTags<'_>) -> Tree {
        let cells = self
            .values()
            .enumerate()
            .map(|(i, v)| match columns.get(i) {
                Some(c) => Tree::record()
                    .field("Column", c.to_tree())
                    .field("Value", v.to_tree()),
                None => v.to_tree(),
            })
            .collect();
        Tree::record()
            .field("Flags", Tree::UInt(u8::from(self.is_flagged()).into()))
            .field("ValueArray", Tree::List(cells))
    }
}

/// Columns, RowCount and RowData of the QueryRows, SeekEntries, GetMatches and ResolveNames
/// responses ([MS-OXCMAPIHTTP] 2.2.5): a LargePropertyTagArray, a 4-byte count and that many
/// AddressBookPropertyRows laid out by the columns.
///
/// In its body's tree the three stand beside the other fields; ResolveNames (whose field is
/// RowsAndCols) names the columns PropertyTags.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct ColumnsAndRows<'a> {
    /// Columns.
    pub columns: LargePropertyTagArray<'a>,
    /// RowData.
    pub rows: Vec<AddressBookPropertyRow<'a>>,
}

impl<'a> Decode<'a> for ColumnsAndRows<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        // The rows share the column tags' bytes, borrowed from the input.
        let columns = LargePropertyTagArray::decode_from(r).field("Columns")?;
        let at = r.offset();
        let n = r.count(CountWidth::U32, 1).field("RowCount")?;
        // A PtypNull cell takes no bytes: hold rows x columns to the element limit.
        crate::data::check_cells(r, at, n, columns.tags.len()).field("RowCount")?;
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            rows.push(
                AddressBookPropertyRow::decode_with_from(r, &columns.tags)
                    .index(i)
                    .field("RowData")?,
            );
        }
        Ok(ColumnsAndRows { columns, rows })
    }
}

impl Encode for ColumnsAndRows<'_> {
    fn encoded_len(&self) -> usize {
        self.columns.encoded_len()
            + 4
            + self
                .rows
                .iter()
                .map(|r| r.encoded_len_with(&self.columns.tags))
                .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.columns.encode(out).field("Columns")?;
        put_count(out, CountWidth::U32, self.rows.len(), "RowCount")?;
        for (i, row) in self.rows.iter().enumerate() {
            row.encode_with(&self.columns.tags, out)
                .index(i)
                .field("RowData")?;
        }
        Ok(())
    }
}

impl FieldTree for ColumnsAndRows<'_> {
    fn field_tree(&self, name: &'static str, t: Tree) -> Tree {
        self.flat_tree(name, t)
    }
    /// Columns (PropertyTags for RowsAndCols), RowCount, RowData.
    fn flat_tree(&self, name: &'static str, t: Tree) -> Tree {
        let cols = if name == "RowsAndCols" {
            "PropertyTags"
        } else {
            "Columns"
        };
        t.field(cols, self.columns.to_tree())
            .field("RowCount", Tree::UInt(self.rows.len() as u64))
            .field(
                "RowData",
                Tree::List(
                    self.rows
                        .iter()
                        .map(|r| r.to_tree_with(&self.columns.tags))
                        .collect(),
                ),
            )
    }
}

/// RowCount and Rows of a GetSpecialTable response ([MS-OXCMAPIHTTP] 2.2.5.7.2): a 4-byte
/// count and that many AddressBookPropertyValueLists. Its body's tree shows RowCount beside
/// the rows.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct PropertyValueLists<'a>(pub Vec<AddressBookPropertyValueList<'a>>);

impl<'a> Decode<'a> for PropertyValueLists<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let rows = List32::decode_from(r).field("Rows")?.0;
        Ok(PropertyValueLists(rows))
    }
}

impl Encode for PropertyValueLists<'_> {
    fn encoded_len(&self) -> usize {
        4 + self.0.iter().map(Encode::encoded_len).sum::<usize>()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        put_count(out, CountWidth::U32, self.0.len(), "RowCount")?;
        for (i, v) in self.0.iter().enumerate() {
            v.encode(out).index(i).field("Rows")?;
        }
        Ok(())
    }
}

impl FieldTree for PropertyValueLists<'_> {
    /// RowCount, then the lists under `name`.
    fn field_tree(&self, name: &'static str, t: Tree) -> Tree {
        t.field("RowCount", Tree::UInt(self.0.len() as u64)).field(
            name,
            Tree::List(self.0.iter().map(ToTree::to_tree).collect()),
        )
    }
    fn flat_tree(&self, name: &'static str, t: Tree) -> Tree {
        self.field_tree(name, t)
    }
}

crate::wire::owned_impl!(struct AddressBookPropertyValue { has_value, value });
crate::wire::owned_impl!(struct AddressBookPropertyValueList { values });
crate::wire::owned_impl!(struct AddressBookFlaggedPropertyValue { flag, value });
crate::wire::owned_impl!(
    enum AbRowValue {
        Value(v),
        Typed(v),
        Flagged(v),
        FlaggedWithType(v),
    }
);
crate::wire::owned_impl!(struct ColumnsAndRows { columns, rows });
crate::wire::owned_impl!(struct PropertyValueLists(0));
