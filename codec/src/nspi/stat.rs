//! [MS-OXNSPI] structures carried by the NSPI bodies: STAT, MinimalEntryID and its arrays,
//! string arrays, entry IDs, and the property name of GetMatches.

use crate::wire::named_code;
use bytes::BufMut;

use super::field::BodyField;
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, put_count, AnsiStr, CountWidth, Decode, DecodeError, Encode, EncodeError, Guid,
    Reader, ResultExt, Utf16Str,
};

/// The STAT structure ([MS-OXNSPI] 2.2.8): the position and sort state of a table of an
/// address book container; 36 bytes, nine 4-byte fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Stat {
    /// SortType: the sort order (SortTypeDisplayName 0x0, SortTypePhoneticDisplayName 0x3,
    /// SortTypeDisplayName_RO 0x3E8, SortTypeDisplayName_W 0x3E9).
    pub sort_type: u32,
    /// ContainerID: the MId of the container (0 for the Global Address List).
    pub container_id: u32,
    /// CurrentRec: the MId of the current row (or MID_BEGINNING_OF_TABLE 0x0, MID_CURRENT 0x1,
    /// MID_END_OF_TABLE 0x2).
    pub current_rec: u32,
    /// Delta: signed offset from CurrentRec.
    pub delta: i32,
    /// NumPos: the approximate position of CurrentRec.
    pub num_pos: u32,
    /// TotalRecs: the number of rows in the table.
    pub total_recs: u32,
    /// CodePage: the code page the client wants 8-bit strings in.
    pub code_page: u32,
    /// TemplateLocale: the LCID of templates.
    pub template_locale: u32,
    /// SortLocale: the LCID of sorting.
    pub sort_locale: u32,
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

fn sort_type_name(v: u32) -> Option<&'static str> {
    match v {
        0x0 => Some("SortTypeDisplayName"),
        0x3 => Some("SortTypePhoneticDisplayName"),
        0x3E8 => Some("SortTypeDisplayName_RO"),
        0x3E9 => Some("SortTypeDisplayName_W"),
        _ => None,
    }
}

impl<'a> Decode<'a> for Stat {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(Stat {
            sort_type: r.u32().field("SortType")?,
            container_id: r.u32().field("ContainerID")?,
            current_rec: r.u32().field("CurrentRec")?,
            delta: r.i32().field("Delta")?,
            num_pos: r.u32().field("NumPos")?,
            total_recs: r.u32().field("TotalRecs")?,
            code_page: r.u32().field("CodePage")?,
            template_locale: r.u32().field("TemplateLocale")?,
            sort_locale: r.u32().field("SortLocale")?,
        })
    }
}

impl Encode for Stat {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        ensure_room(out, Self::SIZE)?;
        for v in [self.sort_type, self.container_id, self.current_rec] {
            out.put_u32_le(v);
        }
        out.put_i32_le(self.delta);
        for v in [
            self.num_pos,
            self.total_recs,
            self.code_page,
            self.template_locale,
            self.sort_locale,
        ] {
            out.put_u32_le(v);
        }
        Ok(())
    }
}

impl ToTree for Stat {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field(
                "SortType",
                Tree::named(self.sort_type, sort_type_name(self.sort_type)),
            )
            .field("ContainerID", Tree::Hex(self.container_id.into()))
            .field("CurrentRec", MinimalEntryId(self.current_rec).to_tree())
            .field("Delta", Tree::Int(self.delta.into()))
            .field("NumPos", Tree::UInt(self.num_pos.into()))
            .field("TotalRecs", Tree::UInt(self.total_recs.into()))
            .field("CodePage", Tree::UInt(self.code_page.into()))
            .field("TemplateLocale", Tree::Hex(self.template_locale.into()))
            .field("SortLocale", Tree::Hex(self.sort_locale.into()))
    }
}

impl<'a> BodyField<'a> for Stat {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Stat::decode_from(r)
    }
    fn size(&self) -> usize {
        Self::SIZE
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.encode(out)
    }
    fn tree(&self, _cp: u32) -> Tree {
        self.to_tree()
    }
    fn code_page(&self) -> Option<u32> {
        Some(self.code_page)
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

impl<'a> BodyField<'a> for MinimalEntryId {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        r.u32().map(MinimalEntryId)
    }
    fn size(&self) -> usize {
        4
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.0.encode(out)
    }
    fn tree(&self, _cp: u32) -> Tree {
        self.to_tree()
    }
}

/// Reads a 4-byte count and that many elements of at least `min` bytes each.
pub(crate) fn read_counted<'a, T>(
    r: &mut Reader<'a>,
    min: usize,
    elements: &'static str,
    mut read: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let n = r.count(CountWidth::U32, min).field("Count")?;
    let mut v = Vec::with_capacity(n);
    for i in 0..n {
        v.push(read(r).index(i).field(elements)?);
    }
    Ok(v)
}

/// Writes a 4-byte count and the elements.
pub(crate) fn write_counted<B: BufMut, T>(
    out: &mut B,
    items: &[T],
    field: &'static str,
    mut write: impl FnMut(&T, &mut B) -> Result<(), EncodeError>,
) -> Result<(), EncodeError> {
    put_count(out, CountWidth::U32, items.len(), field)?;
    for i in items {
        write(i, out)?;
    }
    Ok(())
}

macro_rules! counted_array {
    ($(#[$doc:meta])* $name:ident$(<$lt:lifetime>)?($elem:ty), min $min:expr, $elems:literal,
     read $read:expr, size $size:expr, tree $tree:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub struct $name$(<$lt>)?(pub Vec<$elem>);

        impl<'a> BodyField<'a> for $name$(<$lt>)? {
            fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
                read_counted(r, $min, $elems, $read).map($name)
            }
            fn size(&self) -> usize {
                #[allow(clippy::redundant_closure_call)]
                let f: fn(&$elem) -> usize = $size;
                4 + self.0.iter().map(f).sum::<usize>()
            }
            fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                write_counted(out, &self.0, concat!($elems, "Count"), |e, o| e.write(o))
            }
            fn tree(&self, cp: u32) -> Tree {
                #[allow(clippy::redundant_closure_call)]
                let f: fn(&$elem, u32) -> Tree = $tree;
                Tree::List(self.0.iter().map(|e| f(e, cp)).collect())
            }
        }
    };
}

counted_array! {
    /// An array of MinimalEntryIDs with a 4-byte count (MinimalIdCount + MinimalIds,
    /// ExplicitTableCount + ExplicitTable; [MS-OXCMAPIHTTP] 2.2.5).
    MidArray(MinimalEntryId), min 4, "MinimalIds",
    read MinimalEntryId::read, size |_| 4, tree |m, _| m.to_tree()
}

counted_array! {
    /// A StringArray_r ([MS-OXNSPI] 2.2.2.2) of the MAPI/HTTP bodies: a 4-byte Count, then
    /// null-terminated 8-bit strings (the DNs of DNToMId).
    StringArray<'a>(AnsiStr<'a>), min 1, "Strings",
    read AnsiStr::decode_from, size Encode::encoded_len,
    tree |s, cp| crate::wire::codepage::string8_tree(cp, s.as_bytes())
}

counted_array! {
    /// A WStringArray_r ([MS-OXNSPI] 2.2.2.3) of the MAPI/HTTP bodies: a 4-byte Count, then
    /// null-terminated UTF-16LE strings (the names of ResolveNames).
    WStringArray<'a>(Utf16Str<'a>), min 2, "Strings",
    read Utf16Str::decode_from, size Encode::encoded_len, tree |s, _| s.to_tree()
}

counted_array! {
    /// The EntryIds of a ModLinkAtt request ([MS-OXCMAPIHTTP] 2.2.5.10.1): EntryIdCount, then
    /// each entry ID as a Binary_r ([MS-OXNSPI] 2.2.2.1: a 4-byte cb and cb bytes) holding an
    /// EphemeralEntryID or a PermanentEntryID ([MS-OXNSPI] 2.2.9.2, 2.2.9.3).
    EntryIdArray<'a>(EntryIdBytes<'a>), min 4, "EntryIds",
    read EntryIdBytes::read, size |e| 4 + e.0.len(), tree |e, _| e.to_tree()
}

/// One entry ID of a ModLinkAtt request, kept as its bytes (a Binary_r).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct EntryIdBytes<'a>(pub &'a [u8]);

impl<'a> BodyField<'a> for EntryIdBytes<'a> {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let n = r.count(CountWidth::U32, 1).field("cb")?;
        r.bytes(n).field("lpb").map(EntryIdBytes)
    }
    fn size(&self) -> usize {
        4 + self.0.len()
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        put_count(out, CountWidth::U32, self.0.len(), "cb")?;
        ensure_room(out, self.0.len())?;
        out.put_slice(self.0);
        Ok(())
    }
    fn tree(&self, _cp: u32) -> Tree {
        self.to_tree()
    }
}

impl ToTree for EntryIdBytes<'_> {
    /// The bytes, and the fields of an EphemeralEntryID (IDType 0x87, 32 bytes) or a
    /// PermanentEntryID (IDType 0x00, DN null-terminated) when the bytes have that shape.
    fn to_tree(&self) -> Tree {
        let b = self.0;
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

/// The property name of a GetMatches request ([MS-OXCMAPIHTTP] 2.2.5.5.1): PropertyNameGuid
/// (16 bytes) and PropertyNameId (4 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct NspiPropertyName {
    /// PropertyNameGuid.
    pub guid: Guid,
    /// PropertyNameId.
    pub id: u32,
}

impl<'a> BodyField<'a> for NspiPropertyName {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(NspiPropertyName {
            guid: Guid::decode_from(r).field("PropertyNameGuid")?,
            id: r.u32().field("PropertyNameId")?,
        })
    }
    fn size(&self) -> usize {
        20
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.guid.encode(out)?;
        self.id.encode(out)
    }
    fn tree_into(&self, _name: &'static str, fields: &mut super::field::Fields, _cp: u32) {
        fields.push(("PropertyNameGuid".into(), self.guid.to_tree()));
        fields.push(("PropertyNameId".into(), Tree::Hex(self.id.into())));
    }
    fn tree(&self, _cp: u32) -> Tree {
        Tree::record()
            .field("PropertyNameGuid", self.guid.to_tree())
            .field("PropertyNameId", Tree::Hex(self.id.into()))
    }
}
