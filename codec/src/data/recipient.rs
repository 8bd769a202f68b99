//! [MS-OXCDATA] 2.8.3 RecipientRow: RecipientFlags (2.8.3.1), the standard fields its flags
//! select and the PropertyRow of the recipient columns (2.8.3.2). The ROPs that carry
//! recipient rows (RopOpenMessage, RopModifyRecipients, RopReadRecipients, ...) frame them with
//! a RecipientRowSize and hold the recipient columns; see [`crate::rop::message`].

use std::borrow::Cow;

use bytes::BufMut;

use super::prop::PropTag;
use super::row::PropertyRow;
use crate::tree::{hex16, hex8};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, u16_len, AnsiStr, CountWidth, Decode, DecodeError, DecodeWith, Encode,
    EncodeError, EncodeWith, ErrorKind, Reader, ResultExt, Utf16Str,
};
use crate::wire::{Bytes16, MinLen};

/// [MS-OXCDATA] 2.8.3.1 RecipientFlags bit R (0x0080): a different transport delivers to
/// this recipient.
pub const RECIPIENT_FLAG_R: u16 = 0x0080;
/// RecipientFlags bit S (0x0040): TransmittableDisplayName equals DisplayName.
pub const RECIPIENT_FLAG_S: u16 = 0x0040;
/// RecipientFlags bit T (0x0020): the TransmittableDisplayName field is included.
pub const RECIPIENT_FLAG_T: u16 = 0x0020;
/// RecipientFlags bit D (0x0010): the DisplayName field is included.
pub const RECIPIENT_FLAG_D: u16 = 0x0010;
/// RecipientFlags bit E (0x0008): the EmailAddress field is included.
pub const RECIPIENT_FLAG_E: u16 = 0x0008;
/// RecipientFlags Type (mask 0x0007): the address type of the recipient.
pub const RECIPIENT_TYPE_MASK: u16 = 0x0007;
/// RecipientFlags bit O (0x8000): a non-standard address type; with Type NoType the
/// AddressType field is included.
pub const RECIPIENT_FLAG_O: u16 = 0x8000;
/// RecipientFlags Reserved bits (0x7800): the server sets them to 0.
pub const RECIPIENT_FLAGS_RESERVED: u16 = 0x7800;
/// RecipientFlags bit I (0x0400): the SimpleDisplayName field is included.
pub const RECIPIENT_FLAG_I: u16 = 0x0400;
/// RecipientFlags bit U (0x0200): the strings are Unicode (else 8-bit).
pub const RECIPIENT_FLAG_U: u16 = 0x0200;
/// RecipientFlags bit N (0x0100): the recipient does not take rich text.
pub const RECIPIENT_FLAG_N: u16 = 0x0100;

/// RecipientFlags Type NoType (0x0).
pub const RECIPIENT_TYPE_NO_TYPE: u16 = 0x0;
/// RecipientFlags Type X500DN (0x1).
pub const RECIPIENT_TYPE_X500DN: u16 = 0x1;
/// RecipientFlags Type PersonalDistributionList1 (0x6).
pub const RECIPIENT_TYPE_PDL1: u16 = 0x6;
/// RecipientFlags Type PersonalDistributionList2 (0x7).
pub const RECIPIENT_TYPE_PDL2: u16 = 0x7;

const TYPE_NAMES: [&str; 8] = [
    "NoType",
    "X500DN",
    "MsMail",
    "SMTP",
    "Fax",
    "ProfessionalOfficeSystem",
    "PersonalDistributionList1",
    "PersonalDistributionList2",
];

/// [MS-OXCDATA] 2.8.3.2 the X500DN part of a RecipientRow (present when Type is X500DN).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct X500Fields<'a> {
    /// AddressPrefixUsed: how many characters of the X500 DN prefix were left out.
    pub address_prefix_used: u8,
    /// DisplayType ([MS-OXCDATA] 2.8.3.2: 0x00 messaging user, 0x01 distribution list, ...).
    pub display_type: u8,
    /// X500DN: a null-terminated ASCII string, without the prefix.
    pub x500_dn: AnsiStr<'a>,
}

/// [MS-OXCDATA] 2.8.3.2 the distribution-list part of a RecipientRow (present when Type is
/// PersonalDistributionList1 or PersonalDistributionList2).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct DistributionListFields<'a> {
    /// EntryID (EntryIdSize is its size): the distribution list's EntryID.
    pub entry_id: Bytes16<'a>,
    /// SearchKey (SearchKeySize is its size): the distribution list's search key.
    pub search_key: Bytes16<'a>,
}

/// A string of a RecipientRow: Unicode when RecipientFlags has U, else 8-bit
/// ([MS-OXCDATA] 2.8.3.2 EmailAddress, DisplayName, SimpleDisplayName,
/// TransmittableDisplayName).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum RecipientString<'a> {
    /// A null-terminated UTF-16LE string (U set).
    Unicode(Utf16Str<'a>),
    /// A null-terminated 8-bit string (U clear).
    String8(AnsiStr<'a>),
}

impl<'a> RecipientString<'a> {
    fn decode_in(r: &mut Reader<'a>, unicode: bool) -> Result<Self, DecodeError> {
        Ok(if unicode {
            RecipientString::Unicode(Utf16Str::decode_from(r)?)
        } else {
            RecipientString::String8(AnsiStr::decode_from(r)?)
        })
    }

    fn is_unicode(&self) -> bool {
        matches!(self, RecipientString::Unicode(_))
    }
}

impl Encode for RecipientString<'_> {
    fn encoded_len(&self) -> usize {
        match self {
            RecipientString::Unicode(s) => s.encoded_len(),
            RecipientString::String8(s) => s.encoded_len(),
        }
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        match self {
            RecipientString::Unicode(s) => s.encode(out),
            RecipientString::String8(s) => s.encode(out),
        }
    }
}

impl ToTree for RecipientString<'_> {
    fn to_tree(&self) -> Tree {
        match self {
            RecipientString::Unicode(s) => s.to_tree(),
            RecipientString::String8(s) => s.to_tree(),
        }
    }
}

/// [MS-OXCDATA] 2.8.3.2 RecipientColumnCount and RecipientProperties: a PropertyRow of the
/// first RecipientColumnCount recipient columns.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum RecipientProperties<'a> {
    /// The row, decoded with the first RecipientColumnCount recipient columns (which the
    /// enclosing ROP holds). RecipientColumnCount is the number of cells.
    Row(PropertyRow<'a>),
    /// The recipient columns were not known (RopReadRecipients carries none): the bytes of
    /// RecipientProperties as they came, bounded by the RecipientRowSize around the row.
    Undecoded {
        /// RecipientColumnCount.
        column_count: u16,
        /// RecipientProperties, undecoded.
        bytes: Cow<'a, [u8]>,
    },
}

impl RecipientProperties<'_> {
    /// RecipientColumnCount.
    pub fn column_count(&self) -> usize {
        match self {
            RecipientProperties::Row(row) => row.values.len(),
            RecipientProperties::Undecoded { column_count, .. } => usize::from(*column_count),
        }
    }
}

/// [MS-OXCDATA] 2.8.3.2 RecipientRow: RecipientFlags, the standard fields its flags select,
/// then RecipientColumnCount and RecipientProperties.
///
/// Which optional fields are present follows from `recipient_flags`; encoding fails when a
/// field's presence (or a string's Unicode form) does not match the flags.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct RecipientRow<'a> {
    /// RecipientFlags ([MS-OXCDATA] 2.8.3.1; the `RECIPIENT_FLAG_*` constants).
    pub recipient_flags: u16,
    /// AddressPrefixUsed, DisplayType, X500DN: present when Type is X500DN (0x1).
    pub x500: Option<X500Fields<'a>>,
    /// EntryIdSize, EntryID, SearchKeySize, SearchKey: present when Type is
    /// PersonalDistributionList1 (0x6) or PersonalDistributionList2 (0x7).
    pub distribution_list: Option<DistributionListFields<'a>>,
    /// AddressType: a null-terminated ASCII string, present when Type is NoType (0x0) and O
    /// is set.
    pub address_type: Option<AnsiStr<'a>>,
    /// EmailAddress: present when E is set.
    pub email_address: Option<RecipientString<'a>>,
    /// DisplayName: present when D is set.
    pub display_name: Option<RecipientString<'a>>,
    /// SimpleDisplayName: present when I is set.
    pub simple_display_name: Option<RecipientString<'a>>,
    /// TransmittableDisplayName: present when T is set.
    pub transmittable_display_name: Option<RecipientString<'a>>,
    /// RecipientColumnCount and RecipientProperties.
    pub properties: RecipientProperties<'a>,
}

impl MinLen for RecipientRow<'_> {
    /// RecipientFlags, RecipientColumnCount and the PropertyRow's Flag byte.
    const MIN_LEN: usize = 5;
}

impl<'a> RecipientRow<'a> {
    /// The Type field of RecipientFlags.
    pub fn address_type_code(&self) -> u16 {
        self.recipient_flags & RECIPIENT_TYPE_MASK
    }

    fn has(&self, bit: u16) -> bool {
        self.recipient_flags & bit != 0
    }

    /// Reads a RecipientRow that fills `r` (the RecipientRowSize bytes around it). With
    /// `columns` (the recipient columns) RecipientProperties is decoded; without, it is kept
    /// as bytes.
    pub fn decode_in(r: &mut Reader<'a>, columns: Option<&[PropTag]>) -> Result<Self, DecodeError> {
        Self::decode_counted(r, columns, &mut CellBudget::default())
    }

    /// [`Self::decode_in`], counting the row's cells into `cells` (shared by the rows of one
    /// ROP).
    pub(crate) fn decode_counted(
        r: &mut Reader<'a>,
        columns: Option<&[PropTag]>,
        cells: &mut CellBudget,
    ) -> Result<Self, DecodeError> {
        let flags = r.u16().field("RecipientFlags")?;
        let ty = flags & RECIPIENT_TYPE_MASK;
        let unicode = flags & RECIPIENT_FLAG_U != 0;
        let x500 = if ty == RECIPIENT_TYPE_X500DN {
            Some(X500Fields {
                address_prefix_used: r.u8().field("AddressPrefixUsed")?,
                display_type: r.u8().field("DisplayType")?,
                x500_dn: AnsiStr::decode_from(r).field("X500DN")?,
            })
        } else {
            None
        };
        let distribution_list = if ty == RECIPIENT_TYPE_PDL1 || ty == RECIPIENT_TYPE_PDL2 {
            Some(DistributionListFields {
                entry_id: Bytes16::decode_from(r).field("EntryID")?,
                search_key: Bytes16::decode_from(r).field("SearchKey")?,
            })
        } else {
            None
        };
        let address_type = if ty == RECIPIENT_TYPE_NO_TYPE && flags & RECIPIENT_FLAG_O != 0 {
            Some(AnsiStr::decode_from(r).field("AddressType")?)
        } else {
            None
        };
        let mut string = |bit: u16, name: &'static str| -> Result<_, DecodeError> {
            if flags & bit == 0 {
                return Ok(None);
            }
            RecipientString::decode_in(r, unicode).field(name).map(Some)
        };
        let email_address = string(RECIPIENT_FLAG_E, "EmailAddress")?;
        let display_name = string(RECIPIENT_FLAG_D, "DisplayName")?;
        let simple_display_name = string(RECIPIENT_FLAG_I, "SimpleDisplayName")?;
        let transmittable_display_name = string(RECIPIENT_FLAG_T, "TransmittableDisplayName")?;
        let at = r.offset();
        let count = r.u16().field("RecipientColumnCount")?;
        let properties = match columns {
            Some(columns) => {
                let Some(cols) = columns.get(..usize::from(count)) else {
                    return Err(r.invalid_at(
                        at,
                        "RecipientColumnCount is larger than the recipient columns",
                        count.into(),
                    ))
                    .field("RecipientColumnCount");
                };
                cells.take(r, at, count).field("RecipientColumnCount")?;
                let row = PropertyRow::decode_with_from(r, (cols, CountWidth::U16))
                    .field("RecipientProperties")?;
                RecipientProperties::Row(row)
            }
            None => {
                // Undecoded, but a PropertyRow all the same: at least its Flag byte.
                if r.is_empty() {
                    return Err(r.error(ErrorKind::Truncated {
                        needed: 1,
                        available: 0,
                    }))
                    .field("RecipientProperties");
                }
                RecipientProperties::Undecoded {
                    column_count: count,
                    bytes: Cow::Borrowed(r.take_rest()),
                }
            }
        };
        Ok(RecipientRow {
            recipient_flags: flags,
            x500,
            distribution_list,
            address_type,
            email_address,
            display_name,
            simple_display_name,
            transmittable_display_name,
            properties,
        })
    }

    /// Fails unless the row decodes back against the recipient columns of its ROP: its
    /// properties are a row of RecipientColumnCount cells that fit the first columns.
    pub(crate) fn check_columns(&self, columns: &[PropTag]) -> Result<(), EncodeError> {
        match &self.properties {
            RecipientProperties::Row(row) => match columns.get(..row.values.len()) {
                Some(cols) => row.check_columns(cols),
                None => Err(EncodeError::invalid(
                    "RecipientColumnCount is larger than the recipient columns",
                )),
            },
            RecipientProperties::Undecoded { .. } => Err(EncodeError::invalid(
                "a recipient row under known recipient columns must be a decoded row",
            )),
        }
    }

    /// Fails unless every optional field is present exactly when the flags say so.
    fn check(&self) -> Result<(), EncodeError> {
        let ty = self.address_type_code();
        let unicode = self.has(RECIPIENT_FLAG_U);
        let bad = |what| Err(EncodeError::invalid(what));
        if self.x500.is_some() != (ty == RECIPIENT_TYPE_X500DN) {
            return bad("RecipientRow: X500DN fields present exactly when Type is X500DN");
        }
        if self.distribution_list.is_some()
            != (ty == RECIPIENT_TYPE_PDL1 || ty == RECIPIENT_TYPE_PDL2)
        {
            return bad("RecipientRow: EntryID and SearchKey present exactly when Type is a PDL");
        }
        if self.address_type.is_some()
            != (ty == RECIPIENT_TYPE_NO_TYPE && self.has(RECIPIENT_FLAG_O))
        {
            return bad(
                "RecipientRow: AddressType present exactly when Type is NoType and O is set",
            );
        }
        let strings = [
            (&self.email_address, RECIPIENT_FLAG_E),
            (&self.display_name, RECIPIENT_FLAG_D),
            (&self.simple_display_name, RECIPIENT_FLAG_I),
            (&self.transmittable_display_name, RECIPIENT_FLAG_T),
        ];
        for (s, bit) in strings {
            if s.is_some() != self.has(bit) {
                return bad("RecipientRow: a string field's presence does not match its flag");
            }
            if s.as_ref().is_some_and(|s| s.is_unicode() != unicode) {
                return bad("RecipientRow: a string's form does not match the U flag");
            }
        }
        if let RecipientProperties::Undecoded { bytes, .. } = &self.properties {
            // RecipientProperties is a PropertyRow: at least its Flag byte.
            if bytes.is_empty() {
                return bad("RecipientRow: RecipientProperties needs at least the row's Flag byte");
            }
        }
        Ok(())
    }

    fn strings(&self) -> [&Option<RecipientString<'a>>; 4] {
        [
            &self.email_address,
            &self.display_name,
            &self.simple_display_name,
            &self.transmittable_display_name,
        ]
    }
}

impl Encode for RecipientRow<'_> {
    fn encoded_len(&self) -> usize {
        let x500 = self
            .x500
            .as_ref()
            .map_or(0, |x| 2 + x.x500_dn.encoded_len());
        let pdl = self
            .distribution_list
            .as_ref()
            .map_or(0, |d| d.entry_id.encoded_len() + d.search_key.encoded_len());
        let at = self.address_type.as_ref().map_or(0, Encode::encoded_len);
        let strings: usize = self
            .strings()
            .iter()
            .map(|s| s.as_ref().map_or(0, Encode::encoded_len))
            .sum();
        let props = match &self.properties {
            RecipientProperties::Row(row) => row.encoded_len_with(CountWidth::U16),
            RecipientProperties::Undecoded { bytes, .. } => bytes.len(),
        };
        4 + x500 + pdl + at + strings + props
    }

    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.check()?;
        self.recipient_flags.encode(out)?;
        if let Some(x) = &self.x500 {
            x.address_prefix_used.encode(out)?;
            x.display_type.encode(out)?;
            x.x500_dn.encode(out)?;
        }
        if let Some(d) = &self.distribution_list {
            d.entry_id.encode(out)?;
            d.search_key.encode(out)?;
        }
        if let Some(a) = &self.address_type {
            a.encode(out)?;
        }
        for s in self.strings().into_iter().flatten() {
            s.encode(out)?;
        }
        u16_len(self.properties.column_count(), "RecipientColumnCount")?.encode(out)?;
        match &self.properties {
            RecipientProperties::Row(row) => row.encode_with(CountWidth::U16, out),
            RecipientProperties::Undecoded { bytes, .. } => {
                ensure_room(out, bytes.len())?;
                out.put_slice(bytes);
                Ok(())
            }
        }
    }
}

impl ToTree for RecipientRow<'_> {
    fn to_tree(&self) -> Tree {
        self.tree(None)
    }
}

impl RecipientRow<'_> {
    /// The tree with each RecipientProperties cell labelled by its column.
    pub fn to_tree_with_columns(&self, columns: &[PropTag]) -> Tree {
        self.tree(Some(columns))
    }

    pub(crate) fn tree(&self, columns: Option<&[PropTag]>) -> Tree {
        let ty = self.address_type_code();
        let mut t = Tree::record()
            .field("RecipientFlags", hex16(&self.recipient_flags))
            .field(
                "Type",
                Tree::named(ty, TYPE_NAMES.get(usize::from(ty)).copied()),
            );
        if let Some(x) = &self.x500 {
            t = t
                .field(
                    "AddressPrefixUsed",
                    Tree::UInt(x.address_prefix_used.into()),
                )
                .field("DisplayType", hex8(&x.display_type))
                .field("X500DN", x.x500_dn.to_tree());
        }
        if let Some(d) = &self.distribution_list {
            t = t
                .field("EntryID", d.entry_id.to_tree())
                .field("SearchKey", d.search_key.to_tree());
        }
        if let Some(a) = &self.address_type {
            t = t.field("AddressType", a.to_tree());
        }
        let names = [
            "EmailAddress",
            "DisplayName",
            "SimpleDisplayName",
            "TransmittableDisplayName",
        ];
        for (name, s) in names.into_iter().zip(self.strings()) {
            if let Some(s) = s {
                t = t.field(name, s.to_tree());
            }
        }
        t = t.field(
            "RecipientColumnCount",
            Tree::UInt(self.properties.column_count() as u64),
        );
        match &self.properties {
            RecipientProperties::Row(row) => t.field(
                "RecipientProperties",
                match columns {
                    Some(c) => row.to_tree_with_columns(c),
                    None => row.to_tree(),
                },
            ),
            RecipientProperties::Undecoded { bytes, .. } => t.field(
                "RecipientProperties",
                Tree::record()
                    .field("Undecoded", Tree::Bytes(bytes.to_vec()))
                    .field(
                        "Why",
                        Tree::Text("the recipient columns are not known".into()),
                    ),
            ),
        }
    }
}

/// The cells the recipient rows of one ROP have decoded so far. A cell of a PtypNull column
/// takes no bytes, so the bytes left do not bound the cells that the rows' RecipientColumnCounts
/// claim: their sum is held to [`Limits::max_elements`](crate::wire::Limits).
#[derive(Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub(crate) struct CellBudget(u64);

impl CellBudget {
    fn take(&mut self, r: &Reader<'_>, at: usize, count: u16) -> Result<(), DecodeError> {
        let total = self.0 + u64::from(count);
        r.check_count(at, total, 0)?;
        self.0 = total;
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::data::{PropertyValue, RowValue};

    const DISPLAY_NAME: PropTag = PropTag(0x3001_001F);
    const RECIPIENT_TYPE: PropTag = PropTag(0x0C15_0003);

    fn utf16z(s: &str) -> Vec<u8> {
        let mut v: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        v.extend([0, 0]);
        v
    }

    /// An SMTP recipient with Unicode EmailAddress and DisplayName and one column value
    /// (PidTagRecipientType = 1).
    pub(crate) fn smtp_row() -> Vec<u8> {
        let mut v = (RECIPIENT_FLAG_U | RECIPIENT_FLAG_E | RECIPIENT_FLAG_D | 0x3)
            .to_le_bytes()
            .to_vec();
        v.extend(utf16z("a@b"));
        v.extend(utf16z("A"));
        v.extend(1u16.to_le_bytes()); // RecipientColumnCount
        v.push(0); // StandardPropertyRow
        v.extend(1u32.to_le_bytes());
        v
    }

    fn decode_row<'a>(
        b: &'a [u8],
        cols: Option<&[PropTag]>,
    ) -> Result<RecipientRow<'a>, DecodeError> {
        let mut r = Reader::new(b);
        let row = RecipientRow::decode_in(&mut r, cols)?;
        r.finish()?;
        Ok(row)
    }

    #[test]
    fn recipient_row_smtp_unicode() {
        let b = smtp_row();
        let cols = [RECIPIENT_TYPE, DISPLAY_NAME];
        let row = decode_row(&b, Some(&cols)).unwrap();
        assert_eq!(row.address_type_code(), 3);
        assert_eq!(
            row.email_address,
            Some(RecipientString::Unicode(
                Utf16Str::from_text("a@b").unwrap()
            ))
        );
        assert!(row.x500.is_none() && row.address_type.is_none());
        match &row.properties {
            RecipientProperties::Row(row) => {
                assert_eq!(
                    row.values,
                    vec![RowValue::Value(PropertyValue::Integer32(1))]
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(row.encoded_len(), b.len());
        assert_eq!(row.to_bytes().unwrap(), b);
    }

    #[test]
    fn recipient_row_without_columns_keeps_properties() {
        let b = smtp_row();
        let row = decode_row(&b, None).unwrap();
        assert_eq!(
            row.properties,
            RecipientProperties::Undecoded {
                column_count: 1,
                bytes: Cow::Borrowed(&[0, 1, 0, 0, 0][..]),
            }
        );
        assert_eq!(row.to_bytes().unwrap(), b);
    }

    #[test]
    fn recipient_row_x500_and_8bit_strings() {
        let mut b = (RECIPIENT_TYPE_X500DN | RECIPIENT_FLAG_D | RECIPIENT_FLAG_I)
            .to_le_bytes()
            .to_vec();
        b.extend([0x05, 0x00]); // AddressPrefixUsed, DisplayType
        b.extend(b"/cn=x\0");
        b.extend(b"Ann\0"); // DisplayName, 8-bit (U clear)
        b.extend(b"ann\0"); // SimpleDisplayName
        b.extend([0, 0, 0]); // RecipientColumnCount 0, StandardPropertyRow
        let row = decode_row(&b, Some(&[])).unwrap();
        let x = row.x500.as_ref().unwrap();
        assert_eq!((x.address_prefix_used, x.display_type), (5, 0));
        assert_eq!(x.x500_dn.as_bytes(), b"/cn=x");
        assert!(matches!(
            row.display_name,
            Some(RecipientString::String8(_))
        ));
        assert_eq!(row.to_bytes().unwrap(), b);
    }

    #[test]
    fn recipient_row_distribution_list_and_address_type() {
        let mut b = RECIPIENT_TYPE_PDL1.to_le_bytes().to_vec();
        b.extend([2, 0, 0xAA, 0xBB, 1, 0, 0xCC]); // EntryID, SearchKey
        b.extend([0, 0, 0]);
        let row = decode_row(&b, Some(&[])).unwrap();
        let d = row.distribution_list.as_ref().unwrap();
        assert_eq!(&d.entry_id.0[..], &[0xAA, 0xBB]);
        assert_eq!(&d.search_key.0[..], &[0xCC]);
        assert_eq!(row.to_bytes().unwrap(), b);

        // NoType with O: an 8-bit AddressType even when U is set.
        let mut b = (RECIPIENT_FLAG_O | RECIPIENT_FLAG_U).to_le_bytes().to_vec();
        b.extend(b"X400\0");
        b.extend([0, 0, 0]);
        let row = decode_row(&b, Some(&[])).unwrap();
        assert_eq!(row.address_type.as_ref().unwrap().as_bytes(), b"X400");
        assert_eq!(row.to_bytes().unwrap(), b);

        // O with another Type: no AddressType.
        let mut b = (RECIPIENT_FLAG_O | 0x3).to_le_bytes().to_vec();
        b.extend([0, 0, 0]);
        assert!(decode_row(&b, Some(&[])).unwrap().address_type.is_none());
    }

    #[test]
    fn recipient_row_column_count_beyond_columns_fails() {
        let b = smtp_row();
        let e = decode_row(&b, Some(&[])).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::InvalidValue { .. }), "{e}");
        assert_eq!(e.offset(), b.len() - 7);
    }

    #[test]
    fn recipient_row_encode_checks_flags() {
        let b = smtp_row();
        let mut row = decode_row(&b, None).unwrap();
        row.recipient_flags &= !RECIPIENT_FLAG_U;
        assert!(row.to_bytes().is_err());
        let mut row = decode_row(&b, None).unwrap();
        row.display_name = None;
        assert!(row.to_bytes().is_err());
        let mut row = decode_row(&b, None).unwrap();
        row.recipient_flags = (row.recipient_flags & !RECIPIENT_TYPE_MASK) | 1;
        assert!(row.to_bytes().is_err());
    }
}
