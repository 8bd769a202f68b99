//! [MS-OXNSPI] structures carried by the NSPI bodies: STAT, MinimalEntryID and its arrays,
//! string arrays, entry IDs, and the property name of GetMatches.

use std::borrow::Cow;

use bytes::BufMut;

use crate::data::{PropTag, PropTags};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, exact_len, min_len, named_code, put_count, wire_struct, AnsiStr, CountWidth,
    Decode, DecodeError, Encode, EncodeError, Guid, List32, Reader, ResultExt, Utf16Str,
};

named_code! {
    /// The SortType of a STAT ([MS-OXNSPI] 2.2.8, 2.2.1.11), an open code.
    pub struct SortType(u32);
    /// SortTypeDisplayName (0x0): by PidTagDisplayName.
    DISPLAY_NAME = 0x0 => "SortTypeDisplayName",
    /// SortTypePhoneticDisplayName (0x3): by PidTagAddressBookPhoneticDisplayName.
    PHONETIC_DISPLAY_NAME = 0x3 => "SortTypePhoneticDisplayName",
    /// SortTypeDisplayName_RO (0x3E8): by display name, read-only.
    DISPLAY_NAME_RO = 0x3E8 => "SortTypeDisplayName_RO",
    /// SortTypeDisplayName_W (0x3E9): by display name, writable.
    DISPLAY_NAME_W = 0x3E9 => "SortTypeDisplayName_W",
}

wire_struct! {
    /// The STAT structure ([MS-OXNSPI] 2.2.8): the position and sort state of a table of an
    /// address book container; 36 bytes, nine 4-byte fields.
    #[derive(Copy, Eq, Hash, Default)]
    pub struct Stat {
        /// SortType: the sort order.
        sort_type: SortType => "SortType",
        /// ContainerID: the MId of the container (0 for the Global Address List).
        container_id: u32 => "ContainerID" as crate::tree::hex,
        /// CurrentRec: the MId of the current row (or MID_BEGINNING_OF_TABLE 0x0, MID_CURRENT
        /// 0x1, MID_END_OF_TABLE 0x2).
        current_rec: MinimalEntryId => "CurrentRec",
        /// Delta: signed offset from CurrentRec.
        delta: i32 => "Delta",
        /// NumPos: the approximate position of CurrentRec.
        num_pos: u32 => "NumPos",
        /// TotalRecs: the number of rows in the table.
        total_recs: u32 => "TotalRecs",
        /// CodePage: the code page the client wants 8-bit strings in.
        code_page: u32 => "CodePage",
        /// TemplateLocale: the LCID of templates.
        template_locale: u32 => "TemplateLocale" as crate::tree::hex,
        /// SortLocale: the LCID of sorting.
        sort_locale: u32 => "SortLocale" as crate::tree::hex,
    }
}

impl Stat {
    /// The wire size.
    pub const SIZE: usize = 36;

    /// A STAT at the beginning of the Global Address List, sorted by display name
    /// (CurrentRec MID_BEGINNING_OF_TABLE, every position 0), for a client of `code_page`
    /// whose templates and sorting follow the LCID `locale`.
    pub fn at_start(code_page: u32, locale: u32) -> Stat {
        Stat {
            code_page,
            template_locale: locale,
            sort_locale: locale,
            ..Stat::default()
        }
    }
}

named_code! {
    /// A MinimalEntryID ([MS-OXNSPI] 2.2.9.1): a 4-byte id of an address book object, valid for
    /// one server session.
    pub struct MinimalEntryId(u32);
    /// MID_BEGINNING_OF_TABLE ([MS-OXNSPI] 2.2.1.8).
    BEGINNING_OF_TABLE = 0 => "MID_BEGINNING_OF_TABLE",
    /// MID_CURRENT.
    CURRENT = 1 => "MID_CURRENT",
    /// MID_END_OF_TABLE.
    END_OF_TABLE = 2 => "MID_END_OF_TABLE",
}

exact_len! {
    MinimalEntryId = 4, |b| MinimalEntryId(u32::from_le_bytes(b));
}

min_len! {
    EntryIdBytes<'_> = 4;
}

/// A LargePropertyTagArray ([MS-OXCMAPIHTTP] 2.2.1.8): a 4-byte PropertyTagCount, then that
/// many property tags. The tags are a [`PropTags`], borrowed from the input when decoded; the
/// tree and the serde form are the list of tags.
///
/// ```
/// use mapi_codec::data::PropTag;
/// use mapi_codec::nspi::LargePropertyTagArray;
/// use mapi_codec::wire::{Decode, Encode, Limits};
///
/// // PropertyTagCount 1, then PidTagDisplayName as PtypString8 (0x3001001E).
/// let bytes = [1, 0, 0, 0, 0x1E, 0x00, 0x01, 0x30];
/// let a = LargePropertyTagArray::decode_exact(&bytes, Limits::DEFAULT)?;
/// assert_eq!(a.tags, [PropTag(0x3001_001E)]);
/// assert_eq!(a.to_bytes()?, bytes);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct LargePropertyTagArray<'a> {
    /// PropertyTags (PropertyTagCount is their number).
    pub tags: PropTags<'a>,
}

impl<'a> Decode<'a> for LargePropertyTagArray<'a> {
    #[inline]
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let n = r.count(CountWidth::U32, 4).field("Count")?;
        let tags = r.bytes(4 * n)?;
        Ok(LargePropertyTagArray {
            tags: PropTags::from_bytes(tags).unwrap_or_default(),
        })
    }
}

impl Encode for LargePropertyTagArray<'_> {
    fn encoded_len(&self) -> usize {
        4 + self.tags.as_bytes().len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        ensure_room(out, self.encoded_len())?;
        put_count(out, CountWidth::U32, self.tags.len(), "Count")?;
        out.put_slice(self.tags.as_bytes());
        Ok(())
    }
}

impl ToTree for LargePropertyTagArray<'_> {
    fn to_tree(&self) -> Tree {
        self.tags.to_tree()
    }
}

impl<'a> From<PropTags<'a>> for LargePropertyTagArray<'a> {
    fn from(tags: PropTags<'a>) -> Self {
        LargePropertyTagArray { tags }
    }
}

impl From<Vec<PropTag>> for LargePropertyTagArray<'_> {
    fn from(tags: Vec<PropTag>) -> Self {
        LargePropertyTagArray { tags: tags.into() }
    }
}

impl FromIterator<PropTag> for LargePropertyTagArray<'_> {
    fn from_iter<I: IntoIterator<Item = PropTag>>(iter: I) -> Self {
        LargePropertyTagArray {
            tags: iter.into_iter().collect(),
        }
    }
}

crate::wire::owned_impl!(struct LargePropertyTagArray { tags });

/// An array of MinimalEntryIDs with a 4-byte count (MinimalIdCount + MinimalIds,
/// ExplicitTableCount + ExplicitTable; [MS-OXCMAPIHTTP] 2.2.5).
pub type MidArray = List32<MinimalEntryId>;

/// A StringArray_r ([MS-OXNSPI] 2.2.2.2) of the MAPI/HTTP bodies: a 4-byte Count, then
/// null-terminated 8-bit strings (the DNs of DNToMId).
pub type StringArray<'a> = List32<AnsiStr<'a>>;

/// A WStringArray_r ([MS-OXNSPI] 2.2.2.3) of the MAPI/HTTP bodies: a 4-byte Count, then
/// null-terminated UTF-16LE strings (the names of ResolveNames).
pub type WStringArray<'a> = List32<Utf16Str<'a>>;

/// The EntryIds of a ModLinkAtt request ([MS-OXCMAPIHTTP] 2.2.5.10.1): EntryIdCount, then
/// each entry ID as a Binary_r ([MS-OXNSPI] 2.2.2.1: a 4-byte cb and cb bytes) holding an
/// EphemeralEntryID or a PermanentEntryID ([MS-OXNSPI] 2.2.9.2, 2.2.9.3).
pub type EntryIdArray<'a> = List32<EntryIdBytes<'a>>;

/// One entry ID of a ModLinkAtt request, kept as its bytes (a Binary_r, [MS-OXNSPI] 2.2.2.1).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct EntryIdBytes<'a>(pub Cow<'a, [u8]>);

impl<'a> Decode<'a> for EntryIdBytes<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let n = r.count(CountWidth::U32, 1).field("cb")?;
        r.bytes(n)
            .field("lpb")
            .map(|b| EntryIdBytes(Cow::Borrowed(b)))
    }
}

impl Encode for EntryIdBytes<'_> {
    fn encoded_len(&self) -> usize {
        4 + self.0.len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        put_count(out, CountWidth::U32, self.0.len(), "cb")?;
        ensure_room(out, self.0.len())?;
        out.put_slice(&self.0);
        Ok(())
    }
}

impl ToTree for EntryIdBytes<'_> {
    /// The bytes, and the fields of an EphemeralEntryID (IDType 0x87, 32 bytes) or a
    /// PermanentEntryID (IDType 0x00, DN null-terminated) when the bytes have that shape.
    fn to_tree(&self) -> Tree {
        let b = &self.0[..];
        let mut t = Tree::record().field("Bytes", Tree::Bytes(b.to_vec()));
        if b.len() >= 28 {
            let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
            let mut uid = [0u8; 16];
            uid.copy_from_slice(&b[4..20]);
            let head = |t: Tree, name: &'static str| {
                t.field("IDType", Tree::named(b[0], Some(name)))
                    .field("ProviderUID", Guid(uid).to_tree())
                    .field("R4", Tree::Hex(u32_at(20).into()))
                    .field("DisplayType", Tree::Hex(u32_at(24).into()))
            };
            if b[0] == 0x87 && b.len() == 32 {
                t = head(t, "EphemeralEntryID").field("MId", MinimalEntryId(u32_at(28)).to_tree());
            } else if b[0] == 0x00 && b.len() > 28 && b[b.len() - 1] == 0 {
                let dn = &b[28..b.len() - 1];
                t = head(t, "PermanentEntryID").field(
                    "DistinguishedName",
                    crate::wire::codepage::string8_tree(crate::wire::codepage::CP_USASCII, dn),
                );
            }
        }
        t
    }
}

wire_struct! {
    /// The property name of a GetMatches request ([MS-OXCMAPIHTTP] 2.2.5.5.1):
    /// PropertyNameGuid (16 bytes) and PropertyNameId (4 bytes). In its body's tree the two
    /// stand beside the other fields.
    #[derive(Copy, Eq, Hash, Default)]
    pub struct NspiPropertyName {
        /// PropertyNameGuid.
        guid: Guid => "PropertyNameGuid",
        /// PropertyNameId.
        id: u32 => "PropertyNameId" as crate::tree::hex,
    }
}

crate::wire::owned_impl!(struct EntryIdBytes(0));
