//! [MS-OXCROPS] 2.2.5 Table ROPs ([MS-OXCTABL] adds the semantics), one file per group of
//! sections: the view of the table (`view.rs`: 2.2.5.1 RopSetColumns, 2.2.5.2 RopSortTable,
//! 2.2.5.3 RopRestrict, 2.2.5.5 RopAbort, 2.2.5.6 RopGetStatus, 2.2.5.12 RopQueryColumnsAll,
//! 2.2.5.15 RopResetTable), its rows (`rows.rs`: 2.2.5.4 RopQueryRows, 2.2.5.13 RopFindRow),
//! the cursor and bookmarks (`cursor.rs`: 2.2.5.7 to 2.2.5.11, 2.2.5.14) and the categories
//! (`category.rs`: 2.2.5.16 to 2.2.5.19). This module holds what they share: the TableStatus
//! and bookmark codes, and RestrictionData (which the folder and ICS ROPs use as well).
//!
//! The rows of RopQueryRows, RopFindRow and RopExpandRow responses are PropertyRows of the
//! columns a RopSetColumns set on the table ([MS-OXCTABL] 2.2.2.2.1); the response decoder
//! passes them in [`ResponseCtx::columns`](super::ResponseCtx::columns), and without them the
//! response is kept raw.

use bytes::BufMut;

use crate::data::Restriction;
use crate::tree::{ToTree, Tree};
use crate::wire::{
    named_code, u16_len, CountWidth, Decode, DecodeError, DecodeWith, Encode, EncodeError,
    EncodeWith, Reader, ResultExt,
};

mod category;
mod cursor;
mod rows;
crate::wire::owned_impl!(struct RestrictionData(0));

#[cfg(test)]
mod tests;
mod view;

pub use category::*;
pub use cursor::*;
pub use rows::*;
pub use view::*;

named_code! {
    /// [MS-OXCTABL] 2.2.2.1.3 TableStatus: the state of the table's asynchronous operations
    /// (the success field of RopSetColumns, RopSortTable, RopRestrict, RopAbort and
    /// RopGetStatus).
    pub struct TableStatus(u8);
    /// TBLSTAT_COMPLETE: no operation is in progress.
    COMPLETE = 0x00 => "TBLSTAT_COMPLETE",
    /// TBLSTAT_SORTING: a RopSortTable is in progress.
    SORTING = 0x09 => "TBLSTAT_SORTING",
    /// TBLSTAT_SORT_ERROR: a RopSortTable failed.
    SORT_ERROR = 0x0A => "TBLSTAT_SORT_ERROR",
    /// TBLSTAT_SETTING_COLS: a RopSetColumns is in progress.
    SETTING_COLS = 0x0B => "TBLSTAT_SETTING_COLS",
    /// TBLSTAT_SETCOL_ERROR: a RopSetColumns failed.
    SETCOL_ERROR = 0x0D => "TBLSTAT_SETCOL_ERROR",
    /// TBLSTAT_RESTRICTING: a RopRestrict is in progress.
    RESTRICTING = 0x0E => "TBLSTAT_RESTRICTING",
    /// TBLSTAT_RESTRICT_ERROR: a RopRestrict failed.
    RESTRICT_ERROR = 0x0F => "TBLSTAT_RESTRICT_ERROR",
}

named_code! {
    /// [MS-OXCTABL] 2.2.2.1.1 predefined bookmarks and 2.2.2.1.2 BOOKMARK_CUSTOM: the Origin
    /// of RopSeekRow, RopFindRow and RopQueryRows.
    pub struct Bookmark(u8);
    /// BOOKMARK_BEGINNING: the first row.
    BEGINNING = 0x00 => "BOOKMARK_BEGINNING",
    /// BOOKMARK_CURRENT: the current row.
    CURRENT = 0x01 => "BOOKMARK_CURRENT",
    /// BOOKMARK_END: past the last row.
    END = 0x02 => "BOOKMARK_END",
    /// BOOKMARK_CUSTOM: the bookmark that follows (RopFindRow).
    CUSTOM = 0x03 => "BOOKMARK_CUSTOM",
}

/// Tree of a TableStatus byte: its value and name.
pub(crate) fn table_status(v: &u8) -> Tree {
    TableStatus(*v).to_tree()
}

/// Tree of an Origin byte: its value and bookmark name.
pub(crate) fn origin(v: &u8) -> Tree {
    Bookmark(*v).to_tree()
}

/// RestrictionDataSize (2 bytes) and RestrictionData: a restriction ([MS-OXCDATA] 2.12, with
/// the 2-byte counts of ROP buffers) that fills exactly RestrictionDataSize bytes. A size of 0
/// means no restriction ([MS-OXCROPS] 2.2.4.4.1, 2.2.4.5.2, 2.2.5.3.1, 2.2.5.13.1).
///
/// Decoding names RestrictionDataSize when the size cannot be read; every other error is in
/// the RestrictionData field of the structure that holds it.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct RestrictionData<'a>(pub Option<Restriction<'a>>);

impl RestrictionData<'_> {
    /// RestrictionDataSize: the size of the restriction (0 for none).
    pub fn size(&self) -> usize {
        self.0
            .as_ref()
            .map_or(0, |x| x.encoded_len_with(CountWidth::U16))
    }
}

impl<'a> Decode<'a> for RestrictionData<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let size = r.u16().field("RestrictionDataSize")?;
        if size == 0 {
            return Ok(RestrictionData(None));
        }
        let mut sub = r.sub(usize::from(size))?;
        let restriction = Restriction::decode_with_from(&mut sub, CountWidth::U16)?;
        sub.finish()?;
        Ok(RestrictionData(Some(restriction)))
    }
}

impl Encode for RestrictionData<'_> {
    fn encoded_len(&self) -> usize {
        2 + self.size()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u16_len(self.size(), "RestrictionDataSize")?.encode(out)?;
        match &self.0 {
            None => Ok(()),
            Some(x) => x.encode_with(CountWidth::U16, out),
        }
    }
}

impl ToTree for RestrictionData<'_> {
    fn to_tree(&self) -> Tree {
        match &self.0 {
            None => Tree::Null,
            Some(x) => x.to_tree(),
        }
    }
}

/// The tree of RestrictionDataSize and RestrictionData as the table ROPs show them
/// (RestrictionData null when the size is 0).
pub(crate) fn restriction_fields(d: &RestrictionData<'_>) -> Tree {
    Tree::record()
        .field("RestrictionDataSize", Tree::UInt(d.size() as u64))
        .field("RestrictionData", d.to_tree())
}

/// The tree of RestrictionDataSize and RestrictionData as the search-folder ROPs show them
/// (no RestrictionData when the size is 0).
pub(crate) fn restriction_fields_if_any(d: &RestrictionData<'_>) -> Tree {
    match &d.0 {
        Some(_) => restriction_fields(d),
        None => Tree::record().field("RestrictionDataSize", Tree::UInt(0)),
    }
}
