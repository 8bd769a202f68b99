//! The address-book property structures of [MS-OXCMAPIHTTP] 2.2.1: values with the HasValue
//! flag, tagged, typed and flagged values, value lists, and rows with their columns. Counts
//! are 4 bytes wide ([MS-OXCDATA] 2.11.1.1 COUNT in MAPI/HTTP).

use bytes::BufMut;

use super::field::{BodyField, Fields};
use super::stat::{read_counted, write_counted};
use crate::data::{PropTag, PropType, PropertyTagArray, PropertyValue};
use crate::tree::{ToTree, Tree};
use crate::wire::codepage::string8_tree;
use crate::wire::{CountWidth, DecodeError, Encode, EncodeError, EncodeWith, Reader, ResultExt};

/// Whether a value of `ty` starts with a HasValue byte ([MS-OXCMAPIHTTP] 2.2.1.1: PtypString,
/// PtypString8, PtypBinary and the PtypMultiple types).
pub fn has_value_field(ty: PropType) -> bool {
    ty == PropType::STRING || ty == PropType::STRING8 || ty == PropType::BINARY || ty.is_multi()
}

/// The tree of a property value, 8-bit strings shown in code page `cp`.
pub fn value_tree(v: &PropertyValue<'_>, cp: u32) -> Tree {
    match v {
        PropertyValue::String8(s) => string8_tree(cp, s.as_bytes()),
        PropertyValue::MultipleString8(l) => {
            Tree::List(l.iter().map(|s| string8_tree(cp, s.as_bytes())).collect())
        }
        other => other.to_tree(),
    }
}

/// AddressBookPropertyValue ([MS-OXCMAPIHTTP] 2.2.1.1): for PtypString, PtypString8,
/// PtypBinary and PtypMultiple types a HasValue byte, then the [MS-OXCDATA] PropertyValue
/// (4-byte counts) unless HasValue is 0x00; for other types the PropertyValue alone. The type
/// comes from the context (a tag, a column).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
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

    /// Reads a value of `ty`.
    #[inline(always)]
    pub fn decode_for(r: &mut Reader<'a>, ty: PropType) -> Result<Self, DecodeError> {
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

    /// The type of the value, when there is one.
    pub fn prop_type(&self) -> Option<PropType> {
        self.value.as_ref().map(PropertyValue::prop_type)
    }

    fn check(&self) -> Result<(), EncodeError> {
        let ok = match (&self.has_value, &self.value) {
            (Some(0), None) => true,
            (Some(h), Some(v)) => *h != 0 && has_value_field(v.prop_type()),
            (None, Some(v)) => !has_value_field(v.prop_type()),
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(EncodeError::invalid("HasValue must be present exactly for PtypString, PtypString8, PtypBinary and PtypMultiple values, and 0x00 exactly when the value is absent"))
        }
    }

    /// The exact wire size.
    pub fn size(&self) -> usize {
        usize::from(self.has_value.is_some())
            + self
                .value
                .as_ref()
                .map_or(0, |v| v.encoded_len_with(CountWidth::U32))
    }

    /// Writes the value.
    pub fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.check()?;
        if let Some(h) = self.has_value {
            h.encode(out)?;
        }
        match &self.value {
            Some(v) => v.encode_with(CountWidth::U32, out),
            None => Ok(()),
        }
    }

    fn fields_into(&self, t: Tree, cp: u32) -> Tree {
        let t = match self.has_value {
            Some(h) => t.field("HasValue", Tree::UInt(h.into())),
            None => t,
        };
        match &self.value {
            Some(v) => t.field("PropertyValue", value_tree(v, cp)),
            None => t,
        }
    }

    /// The tree, 8-bit strings shown in `cp`.
    pub fn tree(&self, cp: u32) -> Tree {
        self.fields_into(Tree::record(), cp)
    }
}

/// AddressBookTaggedPropertyValue ([MS-OXCMAPIHTTP] 2.2.1.2): PropertyTag, then an
/// AddressBookPropertyValue of the tag's type.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AddressBookTaggedPropertyValue<'a> {
    /// PropertyTag.
    pub tag: PropTag,
    /// The value.
    pub value: AddressBookPropertyValue<'a>,
}

impl<'a> BodyField<'a> for AddressBookTaggedPropertyValue<'a> {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let tag = PropTag(r.u32().field("PropertyTag")?);
        let value = AddressBookPropertyValue::decode_for(r, tag.prop_type())?;
        Ok(AddressBookTaggedPropertyValue { tag, value })
    }
    fn size(&self) -> usize {
        4 + self.value.size()
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if self
            .value
            .prop_type()
            .is_some_and(|t| t != self.tag.prop_type())
        {
            return Err(EncodeError::invalid(
                "the value's type differs from its PropertyTag's type",
            ));
        }
        // An absent value is a HasValue byte of 0x00: only a type that carries one can say it.
        if self.value.value.is_none() && !has_value_field(self.tag.prop_type()) {
            return Err(EncodeError::invalid(
                "only a PropertyTag of a type with HasValue can go without a value",
            ));
        }
        self.tag.encode(out)?;
        self.value.write(out)
    }
    fn tree(&self, cp: u32) -> Tree {
        self.value
            .fields_into(Tree::record().field("PropertyTag", self.tag.to_tree()), cp)
    }
}

/// AddressBookPropertyValueList ([MS-OXCMAPIHTTP] 2.2.1.3): a 4-byte PropertyValueCount and
/// that many AddressBookTaggedPropertyValues.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AddressBookPropertyValueList<'a> {
    /// PropertyValues.
    pub values: Vec<AddressBookTaggedPropertyValue<'a>>,
}

impl<'a> BodyField<'a> for AddressBookPropertyValueList<'a> {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let values = read_counted(r, 4, "PropertyValues", AddressBookTaggedPropertyValue::read)?;
        Ok(AddressBookPropertyValueList { values })
    }
    fn size(&self) -> usize {
        4 + self.values.iter().map(BodyField::size).sum::<usize>()
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        write_counted(out, &self.values, "PropertyValueCount", |v, o| v.write(o))
    }
    fn tree(&self, cp: u32) -> Tree {
        Tree::record()
            .field("PropertyValueCount", Tree::UInt(self.values.len() as u64))
            .field(
                "PropertyValues",
                Tree::List(self.values.iter().map(|v| v.tree(cp)).collect()),
            )
    }
}

/// AddressBookTypedPropertyValue ([MS-OXCMAPIHTTP] 2.2.1.4): PropertyType, then an
/// AddressBookPropertyValue of that type.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AddressBookTypedPropertyValue<'a> {
    /// PropertyType.
    pub prop_type: PropType,
    /// The value.
    pub value: AddressBookPropertyValue<'a>,
}

impl<'a> AddressBookTypedPropertyValue<'a> {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let prop_type = PropType(r.u16().field("PropertyType")?);
        let value = AddressBookPropertyValue::decode_for(r, prop_type)?;
        Ok(AddressBookTypedPropertyValue { prop_type, value })
    }
    fn size(&self) -> usize {
        2 + self.value.size()
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        check_type(self.prop_type, &self.value)?;
        self.prop_type.encode(out)?;
        self.value.write(out)
    }
    fn tree(&self, cp: u32) -> Tree {
        self.value.fields_into(
            Tree::record().field("PropertyType", self.prop_type.to_tree()),
            cp,
        )
    }
}

fn check_type(ty: PropType, v: &AddressBookPropertyValue<'_>) -> Result<(), EncodeError> {
    if v.prop_type().is_some_and(|t| t != ty) {
        return Err(EncodeError::invalid(
            "the value's type differs from its PropertyType",
        ));
    }
    // An absent value is a HasValue byte of 0x00: only a type that carries one can say it.
    if v.value.is_none() && !has_value_field(ty) {
        return Err(EncodeError::invalid(
            "only a type with HasValue can go without a value",
        ));
    }
    Ok(())
}

/// The Flag of a flagged value ([MS-OXCMAPIHTTP] 2.2.1.5): 0x0 value follows, 0x1 no value,
/// 0xA a PtypErrorCode follows.
fn read_flagged<'a>(
    r: &mut Reader<'a>,
    ty: PropType,
) -> Result<(u8, Option<AddressBookPropertyValue<'a>>), DecodeError> {
    let at = r.offset();
    let flag = r.u8().field("Flag")?;
    let value = match flag {
        0x0 => Some(AddressBookPropertyValue::decode_for(r, ty)?),
        0x1 => None,
        0xA => Some(AddressBookPropertyValue::decode_for(
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
    Ok((flag, value))
}

fn check_flagged(
    flag: u8,
    value: &Option<AddressBookPropertyValue<'_>>,
) -> Result<(), EncodeError> {
    let ok = match (flag, value) {
        (0x0, Some(_)) | (0x1, None) => true,
        (0xA, Some(v)) => v.prop_type() == Some(PropType::ERROR_CODE),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(EncodeError::invalid(
            "Flag 0x0 needs a value, 0x1 none, 0xA a PtypErrorCode",
        ))
    }
}

fn flagged_tree(t: Tree, flag: u8, value: &Option<AddressBookPropertyValue<'_>>, cp: u32) -> Tree {
    let t = t.field(
        "Flag",
        Tree::named(
            flag,
            match flag {
                0x0 => Some("Value"),
                0x1 => Some("NoValue"),
                0xA => Some("Error"),
                _ => None,
            },
        ),
    );
    match value {
        Some(v) => v.fields_into(t, cp),
        None => t,
    }
}

/// AddressBookFlaggedPropertyValue ([MS-OXCMAPIHTTP] 2.2.1.5): Flag, then an
/// AddressBookPropertyValue of the context's type (0x0), nothing (0x1) or a PtypErrorCode
/// (0xA).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AddressBookFlaggedPropertyValue<'a> {
    /// Flag.
    pub flag: u8,
    /// PropertyValue, absent when Flag is 0x1.
    pub value: Option<AddressBookPropertyValue<'a>>,
}

/// AddressBookFlaggedPropertyValueWithType ([MS-OXCMAPIHTTP] 2.2.1.6): PropertyType, Flag,
/// then the value as in [`AddressBookFlaggedPropertyValue`].
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AddressBookFlaggedPropertyValueWithType<'a> {
    /// PropertyType.
    pub prop_type: PropType,
    /// Flag.
    pub flag: u8,
    /// PropertyValue, absent when Flag is 0x1.
    pub value: Option<AddressBookPropertyValue<'a>>,
}

/// One cell of an [`AddressBookPropertyRow`]; its form follows the row's Flags and whether the
/// column's type is PtypUnspecified.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
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

impl<'a> AbRowValue<'a> {
    #[inline(always)]
    fn read(r: &mut Reader<'a>, ty: PropType, flagged: bool) -> Result<Self, DecodeError> {
        Ok(match (flagged, ty == PropType::UNSPECIFIED) {
            (false, false) => AbRowValue::Value(AddressBookPropertyValue::decode_for(r, ty)?),
            (false, true) => AbRowValue::Typed(AddressBookTypedPropertyValue::read(r)?),
            (true, false) => {
                let (flag, value) = read_flagged(r, ty)?;
                AbRowValue::Flagged(AddressBookFlaggedPropertyValue { flag, value })
            }
            (true, true) => {
                let prop_type = PropType(r.u16().field("PropertyType")?);
                let (flag, value) = read_flagged(r, prop_type)?;
                AbRowValue::FlaggedWithType(AddressBookFlaggedPropertyValueWithType {
                    prop_type,
                    flag,
                    value,
                })
            }
        })
    }

    fn is_flagged(&self) -> bool {
        matches!(
            self,
            AbRowValue::Flagged(_) | AbRowValue::FlaggedWithType(_)
        )
    }

    fn size(&self) -> usize {
        match self {
            AbRowValue::Value(v) => v.size(),
            AbRowValue::Typed(v) => v.size(),
            AbRowValue::Flagged(v) => 1 + v.value.as_ref().map_or(0, |x| x.size()),
            AbRowValue::FlaggedWithType(v) => 3 + v.value.as_ref().map_or(0, |x| x.size()),
        }
    }

    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        match self {
            AbRowValue::Value(v) => v.write(out),
            AbRowValue::Typed(v) => v.write(out),
            AbRowValue::Flagged(v) => {
                check_flagged(v.flag, &v.value)?;
                v.flag.encode(out)?;
                v.value.as_ref().map_or(Ok(()), |x| x.write(out))
            }
            AbRowValue::FlaggedWithType(v) => {
                check_flagged(v.flag, &v.value)?;
                if v.flag == 0 {
                    if let Some(x) = &v.value {
                        check_type(v.prop_type, x)?;
                    }
                }
                v.prop_type.encode(out)?;
                v.flag.encode(out)?;
                v.value.as_ref().map_or(Ok(()), |x| x.write(out))
            }
        }
    }

    fn tree(&self, cp: u32) -> Tree {
        match self {
            AbRowValue::Value(v) => v.tree(cp),
            AbRowValue::Typed(v) => v.tree(cp),
            AbRowValue::Flagged(v) => flagged_tree(Tree::record(), v.flag, &v.value, cp),
            AbRowValue::FlaggedWithType(v) => flagged_tree(
                Tree::record().field("PropertyType", v.prop_type.to_tree()),
                v.flag,
                &v.value,
                cp,
            ),
        }
    }
}

/// AddressBookPropertyRow ([MS-OXCMAPIHTTP] 2.2.1.7): Flags (0x0 every value present, 0x1
/// flagged values), then one value per column.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AddressBookPropertyRow<'a> {
    /// Flags: whether the cells are flagged values.
    pub flagged: bool,
    /// ValueArray, one cell per column.
    pub values: Vec<AbRowValue<'a>>,
}

impl<'a> AddressBookPropertyRow<'a> {
    /// Reads a row against its columns.
    pub fn decode_for(r: &mut Reader<'a>, columns: &[PropTag]) -> Result<Self, DecodeError> {
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
        let mut values = Vec::with_capacity(columns.len());
        for (i, c) in columns.iter().enumerate() {
            values.push(
                AbRowValue::read(r, c.prop_type(), flagged)
                    .index(i)
                    .field("ValueArray")?,
            );
        }
        Ok(AddressBookPropertyRow { flagged, values })
    }

    /// The exact wire size.
    pub fn size(&self) -> usize {
        1 + self.values.iter().map(AbRowValue::size).sum::<usize>()
    }

    /// Fails unless reading the row's bytes against `columns` gives the row back: one cell
    /// per column, each in the form the row's Flags and the column's type call for, with a
    /// value of the column's type (or an absent one where the type has HasValue).
    pub fn check_columns(&self, columns: &[PropTag]) -> Result<(), EncodeError> {
        let fits = |v: &AddressBookPropertyValue<'_>, ty: PropType| match &v.value {
            Some(x) => x.prop_type() == ty,
            None => has_value_field(ty),
        };
        let ok = self.values.len() == columns.len()
            && self.values.iter().zip(columns).all(|(cell, tag)| {
                let ty = tag.prop_type();
                match (cell, ty == PropType::UNSPECIFIED) {
                    (AbRowValue::Value(v), false) => fits(v, ty),
                    (AbRowValue::Flagged(f), false) => {
                        f.flag != 0 || f.value.as_ref().is_some_and(|v| fits(v, ty))
                    }
                    (AbRowValue::Typed(_) | AbRowValue::FlaggedWithType(_), true) => true,
                    _ => false,
                }
            });
        if ok {
            Ok(())
        } else {
            Err(EncodeError::invalid(
                "an AddressBookPropertyRow cell does not fit its column",
            ))
        }
    }

    /// Writes the row.
    pub fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if self.values.iter().any(|v| v.is_flagged() != self.flagged) {
            return Err(EncodeError::invalid(
                "a flagged row holds only flagged values, a standard row none",
            ));
        }
        u8::from(self.flagged).encode(out)?;
        for v in &self.values {
            v.write(out)?;
        }
        Ok(())
    }

    /// The tree, each cell labelled with its column.
    pub fn tree(&self, columns: &[PropTag], cp: u32) -> Tree {
        let cells = self
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| match columns.get(i) {
                Some(c) => Tree::record()
                    .field("Column", c.to_tree())
                    .field("Value", v.tree(cp)),
                None => v.tree(cp),
            })
            .collect();
        Tree::record()
            .field("Flags", Tree::UInt(u8::from(self.flagged).into()))
            .field("ValueArray", Tree::List(cells))
    }
}

/// Columns, RowCount and RowData of the QueryRows, SeekEntries, GetMatches and ResolveNames
/// responses ([MS-OXCMAPIHTTP] 2.2.5): a LargePropertyTagArray, a 4-byte count and that many
/// AddressBookPropertyRows laid out by the columns.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ColumnsAndRows<'a> {
    /// Columns.
    pub columns: PropertyTagArray,
    /// RowData.
    pub rows: Vec<AddressBookPropertyRow<'a>>,
}

impl<'a> BodyField<'a> for ColumnsAndRows<'a> {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let columns = <PropertyTagArray as BodyField>::read(r).field("Columns")?;
        let at = r.offset();
        let n = r.count(CountWidth::U32, 1).field("RowCount")?;
        // A PtypNull cell takes no bytes: hold rows x columns to the element limit.
        crate::data::check_cells(r, at, n, &columns.tags).field("RowCount")?;
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            rows.push(
                AddressBookPropertyRow::decode_for(r, &columns.tags)
                    .index(i)
                    .field("RowData")?,
            );
        }
        Ok(ColumnsAndRows { columns, rows })
    }
    fn size(&self) -> usize {
        BodyField::size(&self.columns)
            + 4
            + self
                .rows
                .iter()
                .map(AddressBookPropertyRow::size)
                .sum::<usize>()
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        for row in &self.rows {
            row.check_columns(&self.columns.tags)?;
        }
        BodyField::write(&self.columns, out)?;
        write_counted(out, &self.rows, "RowCount", |r, o| r.write(o))
    }
    /// Columns, RowCount, RowData; ResolveNames (HasRowsAndCols) names the tags PropertyTags.
    fn tree_into(&self, name: &'static str, fields: &mut Fields, cp: u32) {
        let cols = if name == "RowsAndCols" {
            "PropertyTags"
        } else {
            "Columns"
        };
        fields.push((cols.into(), BodyField::tree(&self.columns, cp)));
        fields.push(("RowCount".into(), Tree::UInt(self.rows.len() as u64)));
        fields.push((
            "RowData".into(),
            Tree::List(
                self.rows
                    .iter()
                    .map(|r| r.tree(&self.columns.tags, cp))
                    .collect(),
            ),
        ));
    }
    fn tree(&self, cp: u32) -> Tree {
        let mut f = Vec::new();
        self.tree_into("", &mut f, cp);
        Tree::Struct(f)
    }
}

/// RowCount and Rows of a GetSpecialTable response ([MS-OXCMAPIHTTP] 2.2.5.7.2): a 4-byte
/// count and that many AddressBookPropertyValueLists.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct PropertyValueLists<'a>(pub Vec<AddressBookPropertyValueList<'a>>);

impl<'a> BodyField<'a> for PropertyValueLists<'a> {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        read_counted(r, 4, "Rows", AddressBookPropertyValueList::read).map(PropertyValueLists)
    }
    fn size(&self) -> usize {
        4 + self.0.iter().map(BodyField::size).sum::<usize>()
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        write_counted(out, &self.0, "RowCount", |r, o| r.write(o))
    }
    fn tree_into(&self, name: &'static str, fields: &mut Fields, cp: u32) {
        fields.push(("RowCount".into(), Tree::UInt(self.0.len() as u64)));
        fields.push((name.into(), self.tree(cp)));
    }
    fn tree(&self, cp: u32) -> Tree {
        Tree::List(self.0.iter().map(|l| l.tree(cp)).collect())
    }
}
