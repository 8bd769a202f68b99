//! [MS-OXCDATA] 2.8.3 RecipientRow: RecipientFlags (2.8.3.1), the standard fields its flags
//! select and the PropertyRow of the recipient columns (2.8.3.2). The ROPs that carry
//! recipient rows (RopOpenMessage, RopModifyRecipients, RopReadRecipients, ...) frame them with
//! a RecipientRowSize and hold the recipient columns; see [`crate::rop::message`].
//!
//! A RecipientRow decodes with a [`RecipientRowCtx`]: the recipient columns of its ROP, when
//! known. Its fields are chosen by RecipientFlags, and one set of rules (`Layout`) decides what
//! decoding reads and what encoding accepts.

use std::borrow::Cow;
use std::cell::Cell;

use bytes::BufMut;

use super::prop_tags::PropTags;
use super::row::PropertyRow;
use crate::tree::{hex16, hex8};
use crate::tree::{ColumnTree, ToTree, ToTreeWith, Tree};
use crate::wire::{
    ensure_room, named_code, u16_len, wire_struct, AnsiStr, CountWidth, Decode, DecodeError,
    DecodeWith, Encode, EncodeError, EncodeWith, ErrorKind, Reader, ResultExt, Utf16Str,
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
/// RecipientFlags Type (mask 0x0007): the address type of the recipient
/// ([`RecipientAddressType`]).
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

named_code! {
    /// [MS-OXCDATA] 2.8.3.1 the Type field of RecipientFlags (its low three bits): the address
    /// type of the recipient, which selects the RecipientRow's type-specific fields.
    pub struct RecipientAddressType(u16);
    /// NoType (0x0): no type-specific fields; with O set, the AddressType string.
    NO_TYPE = 0x0 => "NoType",
    /// X500DN (0x1): AddressPrefixUsed, DisplayType and X500DN follow.
    X500DN = 0x1 => "X500DN",
    /// MsMail (0x2).
    MS_MAIL = 0x2 => "MsMail",
    /// SMTP (0x3).
    SMTP = 0x3 => "SMTP",
    /// Fax (0x4).
    FAX = 0x4 => "Fax",
    /// ProfessionalOfficeSystem (0x5).
    PROFESSIONAL_OFFICE_SYSTEM = 0x5 => "ProfessionalOfficeSystem",
    /// PersonalDistributionList1 (0x6): EntryID and SearchKey follow.
    PERSONAL_DISTRIBUTION_LIST1 = 0x6 => "PersonalDistributionList1",
    /// PersonalDistributionList2 (0x7): EntryID and SearchKey follow.
    PERSONAL_DISTRIBUTION_LIST2 = 0x7 => "PersonalDistributionList2",
}

/// RecipientFlags Type NoType (0x0).
pub const RECIPIENT_TYPE_NO_TYPE: u16 = RecipientAddressType::NO_TYPE.0;
/// RecipientFlags Type X500DN (0x1).
pub const RECIPIENT_TYPE_X500DN: u16 = RecipientAddressType::X500DN.0;
/// RecipientFlags Type PersonalDistributionList1 (0x6).
pub const RECIPIENT_TYPE_PDL1: u16 = RecipientAddressType::PERSONAL_DISTRIBUTION_LIST1.0;
/// RecipientFlags Type PersonalDistributionList2 (0x7).
pub const RECIPIENT_TYPE_PDL2: u16 = RecipientAddressType::PERSONAL_DISTRIBUTION_LIST2.0;

impl RecipientAddressType {
    /// The Type field of `recipient_flags`.
    pub const fn of_flags(recipient_flags: u16) -> Self {
        RecipientAddressType(recipient_flags & RECIPIENT_TYPE_MASK)
    }
}

wire_struct! {
    /// [MS-OXCDATA] 2.8.3.2 the X500DN part of a RecipientRow (present when Type is X500DN).
    #[derive(Eq)]
    pub struct X500Fields<'a> {
        /// AddressPrefixUsed: how many characters of the X500 DN prefix were left out.
        address_prefix_used: u8 => "AddressPrefixUsed",
        /// DisplayType ([MS-OXCDATA] 2.8.3.2: 0x00 messaging user, 0x01 distribution list,
        /// ...).
        display_type: u8 => "DisplayType" as hex8,
        /// X500DN: a null-terminated ASCII string, without the prefix.
        x500_dn: AnsiStr<'a> => "X500DN",
    }
}

wire_struct! {
    /// [MS-OXCDATA] 2.8.3.2 the distribution-list part of a RecipientRow (present when Type is
    /// PersonalDistributionList1 or PersonalDistributionList2).
    #[derive(Eq)]
    pub struct DistributionListFields<'a> {
        /// EntryID (EntryIdSize is its size): the distribution list's EntryID.
        entry_id: Bytes16<'a> => "EntryID",
        /// SearchKey (SearchKeySize is its size): the distribution list's search key.
        search_key: Bytes16<'a> => "SearchKey",
    }
}

/// A string of a RecipientRow: Unicode when RecipientFlags has U, else 8-bit
/// ([MS-OXCDATA] 2.8.3.2 EmailAddress, DisplayName, SimpleDisplayName,
/// TransmittableDisplayName).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RecipientString<'a> {
    /// A null-terminated UTF-16LE string (U set).
    Unicode(Utf16Str<'a>),
    /// A null-terminated 8-bit string (U clear).
    String8(AnsiStr<'a>),
}

impl RecipientString<'_> {
    fn is_unicode(&self) -> bool {
        matches!(self, RecipientString::Unicode(_))
    }
}

/// The context is whether RecipientFlags has U: the string is UTF-16LE when it does.
impl<'a> DecodeWith<'a, bool> for RecipientString<'a> {
    #[inline]
    fn decode_with_from(r: &mut Reader<'a>, unicode: bool) -> Result<Self, DecodeError> {
        Ok(if unicode {
            RecipientString::Unicode(Utf16Str::decode_from(r)?)
        } else {
            RecipientString::String8(AnsiStr::decode_from(r)?)
        })
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all_fields = "PascalCase")
)]
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
        #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
        bytes: Cow<'a, [u8]>,
    },
}

impl RecipientProperties<'_> {
    /// RecipientColumnCount.
    pub fn column_count(&self) -> usize {
        match self {
            RecipientProperties::Row(row) => row.len(),
            RecipientProperties::Undecoded { column_count, .. } => usize::from(*column_count),
        }
    }
}

/// What a [`RecipientRow`] decodes with: the recipient columns of its ROP, when known. With
/// them RecipientProperties is decoded; without, it is kept as bytes.
///
/// The rows of one ROP also share a count of the cells they claim: a PtypNull cell takes no
/// bytes, so their sum is held to [`Limits::max_elements`](crate::wire::Limits).
#[derive(Clone, Copy, Debug, Default)]
pub struct RecipientRowCtx<'c, 'a> {
    columns: Option<&'c PropTags<'a>>,
    cells: Option<&'c CellBudget>,
}

impl<'c, 'a> RecipientRowCtx<'c, 'a> {
    /// A row decoded with the recipient columns `columns` (`None`: not known).
    #[inline]
    pub const fn new(columns: Option<&'c PropTags<'a>>) -> Self {
        RecipientRowCtx {
            columns,
            cells: None,
        }
    }

    /// The same context, counting the row's cells into `cells` (shared by the rows of one
    /// ROP).
    #[inline]
    pub(crate) const fn counting(self, cells: &'c CellBudget) -> Self {
        RecipientRowCtx {
            cells: Some(cells),
            ..self
        }
    }

    /// The recipient columns, if known.
    #[inline]
    pub const fn columns(&self) -> Option<&'c PropTags<'a>> {
        self.columns
    }
}

/// The cells the recipient rows of one ROP have decoded so far. A cell of a PtypNull column
/// takes no bytes, so the bytes left do not bound the cells that the rows' RecipientColumnCounts
/// claim: their sum is held to [`Limits::max_elements`](crate::wire::Limits).
#[derive(Debug, Default)]
pub(crate) struct CellBudget(Cell<u64>);

impl CellBudget {
    fn take(&self, r: &Reader<'_>, at: usize, count: u16) -> Result<(), DecodeError> {
        let total = self.0.get() + u64::from(count);
        r.check_count(at, total, 0)?;
        self.0.set(total);
        Ok(())
    }
}

/// Which of a RecipientRow's optional fields RecipientFlags selects ([MS-OXCDATA] 2.8.3.2):
/// what decoding reads and what encoding requires.
#[derive(Clone, Copy)]
struct Layout {
    x500: bool,
    distribution_list: bool,
    address_type: bool,
    unicode: bool,
    flags: u16,
}

/// The four strings of a RecipientRow, in wire order: the RecipientFlags bit that includes
/// each, and its name.
const STRINGS: [(u16, &str); 4] = [
    (RECIPIENT_FLAG_E, "EmailAddress"),
    (RECIPIENT_FLAG_D, "DisplayName"),
    (RECIPIENT_FLAG_I, "SimpleDisplayName"),
    (RECIPIENT_FLAG_T, "TransmittableDisplayName"),
];

impl Layout {
    fn of(flags: u16) -> Self {
        use RecipientAddressType as T;
        let ty = T::of_flags(flags);
        Layout {
            x500: ty == T::X500DN,
            distribution_list: matches!(
                ty,
                T::PERSONAL_DISTRIBUTION_LIST1 | T::PERSONAL_DISTRIBUTION_LIST2
            ),
            address_type: ty == T::NO_TYPE && flags & RECIPIENT_FLAG_O != 0,
            unicode: flags & RECIPIENT_FLAG_U != 0,
            flags,
        }
    }

    fn has(self, bit: u16) -> bool {
        self.flags & bit != 0
    }
}

/// [MS-OXCDATA] 2.8.3.2 RecipientRow: RecipientFlags, the standard fields its flags select,
/// then RecipientColumnCount and RecipientProperties.
///
/// Which optional fields are present follows from `recipient_flags`; encoding fails when a
/// field's presence (or a string's Unicode form) does not match the flags. A RecipientRow
/// fills the RecipientRowSize bytes its ROP gives it: without the recipient columns its
/// RecipientProperties are the rest of those bytes.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
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

/// Reads a RecipientRow that fills `r` (the RecipientRowSize bytes around it).
impl<'a, 'c> DecodeWith<'a, RecipientRowCtx<'c, 'a>> for RecipientRow<'a> {
    fn decode_with_from(
        r: &mut Reader<'a>,
        ctx: RecipientRowCtx<'c, 'a>,
    ) -> Result<Self, DecodeError> {
        let flags = r.u16().field("RecipientFlags")?;
        let layout = Layout::of(flags);
        let x500 = layout
            .x500
            .then(|| X500Fields::decode_from(r))
            .transpose()?;
        let distribution_list = layout
            .distribution_list
            .then(|| DistributionListFields::decode_from(r))
            .transpose()?;
        let address_type = layout
            .address_type
            .then(|| AnsiStr::decode_from(r).field("AddressType"))
            .transpose()?;
        let mut strings: [Option<RecipientString<'a>>; 4] = Default::default();
        for (slot, (bit, name)) in strings.iter_mut().zip(STRINGS) {
            if layout.has(bit) {
                *slot = Some(RecipientString::decode_with_from(r, layout.unicode).field(name)?);
            }
        }
        let [email_address, display_name, simple_display_name, transmittable_display_name] =
            strings;
        Ok(RecipientRow {
            recipient_flags: flags,
            x500,
            distribution_list,
            address_type,
            email_address,
            display_name,
            simple_display_name,
            transmittable_display_name,
            properties: decode_properties(r, ctx)?,
        })
    }
}

/// RecipientColumnCount and RecipientProperties: a row of the first RecipientColumnCount
/// recipient columns, or the rest of the row's bytes when the columns are not known.
fn decode_properties<'a>(
    r: &mut Reader<'a>,
    ctx: RecipientRowCtx<'_, 'a>,
) -> Result<RecipientProperties<'a>, DecodeError> {
    let at = r.offset();
    let count = r.u16().field("RecipientColumnCount")?;
    let Some(columns) = ctx.columns else {
        // Undecoded, but a PropertyRow all the same: at least its Flag byte.
        if r.is_empty() {
            return Err(r.error(ErrorKind::Truncated {
                needed: 1,
                available: 0,
            }))
            .field("RecipientProperties");
        }
        return Ok(RecipientProperties::Undecoded {
            column_count: count,
            bytes: Cow::Borrowed(r.take_rest()),
        });
    };
    let Some(cols) = columns.prefix(usize::from(count)) else {
        return Err(r.invalid_at(
            at,
            "RecipientColumnCount is larger than the recipient columns",
            count.into(),
        ))
        .field("RecipientColumnCount");
    };
    match ctx.cells {
        Some(cells) => cells.take(r, at, count),
        None => CellBudget::default().take(r, at, count),
    }
    .field("RecipientColumnCount")?;
    let row =
        PropertyRow::decode_with_from(r, (&cols, CountWidth::U16)).field("RecipientProperties")?;
    Ok(RecipientProperties::Row(row))
}

impl<'a> RecipientRow<'a> {
    /// The Type field of RecipientFlags.
    pub fn address_type_code(&self) -> RecipientAddressType {
        RecipientAddressType::of_flags(self.recipient_flags)
    }

    /// Fails unless the row decodes back against the recipient columns of its ROP: its
    /// properties are a row of RecipientColumnCount cells that fit the first columns.
    pub(crate) fn check_columns(&self, columns: &PropTags<'_>) -> Result<(), EncodeError> {
        match &self.properties {
            RecipientProperties::Row(row) => match columns.prefix(row.len()) {
                Some(cols) => row.check_columns(&cols),
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
        let layout = Layout::of(self.recipient_flags);
        let bad = |what| Err(EncodeError::invalid(what));
        if self.x500.is_some() != layout.x500 {
            return bad("RecipientRow: X500DN fields present exactly when Type is X500DN");
        }
        if self.distribution_list.is_some() != layout.distribution_list {
            return bad("RecipientRow: EntryID and SearchKey present exactly when Type is a PDL");
        }
        if self.address_type.is_some() != layout.address_type {
            return bad(
                "RecipientRow: AddressType present exactly when Type is NoType and O is set",
            );
        }
        for (s, (bit, _)) in self.strings().into_iter().zip(STRINGS) {
            if s.is_some() != layout.has(bit) {
                return bad("RecipientRow: a string field's presence does not match its flag");
            }
            if s.as_ref().is_some_and(|s| s.is_unicode() != layout.unicode) {
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

    /// The four strings, in wire order (that of [`STRINGS`]).
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
        let strings: usize = self.strings().iter().map(|s| s.encoded_len()).sum();
        let props = match &self.properties {
            RecipientProperties::Row(row) => row.encoded_len_with(CountWidth::U16),
            RecipientProperties::Undecoded { bytes, .. } => bytes.len(),
        };
        4 + self.x500.encoded_len()
            + self.distribution_list.encoded_len()
            + self.address_type.encoded_len()
            + strings
            + props
    }

    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.check()?;
        self.recipient_flags.encode(out)?;
        self.x500.encode(out)?;
        self.distribution_list.encode(out)?;
        self.address_type.encode(out)?;
        for s in self.strings() {
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

/// The tree with each RecipientProperties cell labelled by its column when the columns are
/// given.
impl ColumnTree for RecipientRow<'_> {
    fn column_tree(&self, columns: Option<&PropTags<'_>>) -> Tree {
        let mut t = Tree::record()
            .field("RecipientFlags", hex16(&self.recipient_flags))
            .field("Type", self.address_type_code().to_tree());
        if let Some(x) = &self.x500 {
            t = t.splice(x.to_tree());
        }
        if let Some(d) = &self.distribution_list {
            t = t.splice(d.to_tree());
        }
        if let Some(a) = &self.address_type {
            t = t.field("AddressType", a.to_tree());
        }
        for (s, (_, name)) in self.strings().into_iter().zip(STRINGS) {
            if let Some(s) = s {
                t = t.field(name, s.to_tree());
            }
        }
        let t = t.field(
            "RecipientColumnCount",
            Tree::UInt(self.properties.column_count() as u64),
        );
        let properties = match &self.properties {
            RecipientProperties::Row(row) => match columns {
                Some(c) => row.to_tree_with(c),
                None => row.to_tree(),
            },
            RecipientProperties::Undecoded { bytes, .. } => Tree::record()
                .field("Undecoded", Tree::Bytes(bytes.to_vec()))
                .field(
                    "Why",
                    Tree::Text("the recipient columns are not known".into()),
                ),
        };
        t.field("RecipientProperties", properties)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::data::{PropTag, PropertyValue, RowValue};
    use crate::wire::Limits;

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
        let cols = cols.map(PropTags::new);
        RecipientRow::decode_with_exact(b, RecipientRowCtx::new(cols.as_ref()), Limits::DEFAULT)
    }

    #[test]
    fn recipient_row_smtp_unicode() {
        let b = smtp_row();
        let cols = [RECIPIENT_TYPE, DISPLAY_NAME];
        let row = decode_row(&b, Some(&cols)).unwrap();
        assert_eq!(row.address_type_code(), RecipientAddressType::SMTP);
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
                    row.values().collect::<Vec<_>>(),
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

crate::wire::owned_impl!(
    enum RecipientString {
        Unicode(s),
        String8(s),
    }
);
crate::wire::owned_impl!(enum RecipientProperties {
    Row(row),
    Undecoded { column_count, bytes },
});
crate::wire::owned_impl!(struct RecipientRow {
    recipient_flags,
    x500,
    distribution_list,
    address_type,
    email_address,
    display_name,
    simple_display_name,
    transmittable_display_name,
    properties,
});
