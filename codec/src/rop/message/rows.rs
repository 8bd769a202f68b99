//! The recipient rows of the Message ROPs: [MS-OXCROPS] 2.2.6.1.2.1 OpenRecipientRow,
//! 2.2.6.5.1.1 ModifyRecipientRow and 2.2.6.6.2.1 ReadRecipientRow, each a few fields and a
//! [`RecipientRow`] ([MS-OXCDATA] 2.8.3.2) framed by its RecipientRowSize; and the lists of
//! them (RowCount, RecipientRows) with the RecipientColumns they are decoded with.
//!
//! Written by hand: a row decodes with the recipient columns that another field of its ROP
//! holds, and its tree labels its cells with them, which `wire_struct!` cannot say. What the
//! three rows share (RecipientRowSize and the row, the lists, the columns) is here once.

use bytes::BufMut;

use crate::data::{CellBudget, PropTags, RecipientRow, RecipientRowCtx};
use crate::rop::field::{hex16, MinLen};
use crate::tree::{ColumnTree, ToTree, ToTreeWith, Tree};
use crate::wire::{
    min_len, named_code, u16_len, u8_len, Decode, DecodeError, DecodeWith, Encode, EncodeError,
    Reader, ResultExt,
};

named_code! {
    /// [MS-OXCMSG] 2.2.3.1.2 RecipientType: the kind of a recipient in the low four bits
    /// ([`RecipientType::kind`]); the high bits are flags (0x10 and 0x80, for resends), kept as
    /// they came.
    pub struct RecipientType(u8);
    /// Primary (0x01): a To recipient.
    PRIMARY = 0x01 => "Primary",
    /// Cc (0x02): a carbon copy recipient.
    CC = 0x02 => "Cc",
    /// Bcc (0x03): a blind carbon copy recipient.
    BCC = 0x03 => "Bcc",
}

impl RecipientType {
    /// The kind of recipient: the low four bits, without the flags.
    pub const fn kind(self) -> RecipientType {
        RecipientType(self.0 & 0x0F)
    }
}

/// The tree of a RecipientType: its value, named by its kind whatever flags are set.
fn recipient_type_tree(v: &RecipientType) -> Tree {
    Tree::named(v.0, v.kind().name())
}

// ---- RecipientRowSize and the RecipientRow it sizes ----

/// Reads RecipientRowSize and the RecipientRow it sizes.
fn read_sized<'a>(
    r: &mut Reader<'a>,
    ctx: RecipientRowCtx<'_, 'a>,
) -> Result<RecipientRow<'a>, DecodeError> {
    let size = r.u16().field("RecipientRowSize")?;
    read_row(r, size, ctx)
}

/// Reads the RecipientRow of `size` bytes, which must fill them exactly.
fn read_row<'a>(
    r: &mut Reader<'a>,
    size: u16,
    ctx: RecipientRowCtx<'_, 'a>,
) -> Result<RecipientRow<'a>, DecodeError> {
    let mut sub = r.sub(size.into()).field("RecipientRow")?;
    let row = RecipientRow::decode_with_from(&mut sub, ctx).field("RecipientRow")?;
    sub.finish().field("RecipientRow")?;
    Ok(row)
}

/// The bytes of RecipientRowSize and `row`.
fn sized_len(row: Option<&RecipientRow<'_>>) -> usize {
    2 + row.map_or(0, Encode::encoded_len)
}

/// Writes RecipientRowSize and `row`; no row is a size of 0.
fn write_sized<B: BufMut>(row: Option<&RecipientRow<'_>>, out: &mut B) -> Result<(), EncodeError> {
    let Some(row) = row else {
        return 0u16.encode(out);
    };
    u16_len(row.encoded_len(), "RecipientRowSize")?.encode(out)?;
    row.encode(out)
}

/// Adds RecipientRowSize and RecipientRow (when there is one) to `t`, the row's cells
/// labelled by `columns` when they are known.
fn sized_tree(t: Tree, row: Option<&RecipientRow<'_>>, columns: Option<&PropTags<'_>>) -> Tree {
    let size = row.map_or(0, Encode::encoded_len);
    let t = t.field("RecipientRowSize", Tree::UInt(size as u64));
    match row {
        Some(row) => t.field("RecipientRow", row.column_tree(columns)),
        None => t,
    }
}

// ---- the rows ----

/// A recipient row of a ROP's list: decoded with the ROP's recipient columns, shown with its
/// cells labelled by them.
pub(super) trait RecipientEntry<'a>:
    MinLen + Encode + for<'c> DecodeWith<'a, RecipientRowCtx<'c, 'a>>
{
    /// The RecipientRow (a ModifyRecipientRow that removes its recipient has none).
    fn recipient_row(&self) -> Option<&RecipientRow<'a>>;

    /// The tree, the cells labelled by `columns` when they are known.
    fn tree(&self, columns: Option<&PropTags<'_>>) -> Tree;
}

/// [MS-OXCROPS] 2.2.6.1.2.1 OpenRecipientRow: one recipient of RopOpenMessage,
/// RopReloadCachedInformation and RopOpenEmbeddedMessage (and, after a RowId, of
/// RopReadRecipients: [`ReadRecipientRow`]).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct OpenRecipientRow<'a> {
    /// RecipientType ([MS-OXCMSG] 2.2.3.1.2).
    pub recipient_type: RecipientType,
    /// CodePageId: the code page of the row's 8-bit strings.
    pub code_page_id: u16,
    /// Reserved: 0x0000.
    pub reserved: u16,
    /// RecipientRow (RecipientRowSize is its size), decoded with the response's
    /// RecipientColumns.
    pub recipient_row: RecipientRow<'a>,
}

min_len! { OpenRecipientRow<'_> = 7 + RecipientRow::MIN_LEN; }

impl<'a, 'c> DecodeWith<'a, RecipientRowCtx<'c, 'a>> for OpenRecipientRow<'a> {
    #[inline]
    fn decode_with_from(
        r: &mut Reader<'a>,
        ctx: RecipientRowCtx<'c, 'a>,
    ) -> Result<Self, DecodeError> {
        Ok(OpenRecipientRow {
            recipient_type: RecipientType::decode_from(r).field("RecipientType")?,
            code_page_id: r.u16().field("CodePageId")?,
            reserved: r.u16().field("Reserved")?,
            recipient_row: read_sized(r, ctx)?,
        })
    }
}

impl Encode for OpenRecipientRow<'_> {
    fn encoded_len(&self) -> usize {
        5 + sized_len(Some(&self.recipient_row))
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.recipient_type.encode(out)?;
        self.code_page_id.encode(out)?;
        self.reserved.encode(out)?;
        write_sized(Some(&self.recipient_row), out)
    }
}

impl<'a> RecipientEntry<'a> for OpenRecipientRow<'a> {
    fn recipient_row(&self) -> Option<&RecipientRow<'a>> {
        Some(&self.recipient_row)
    }
    fn tree(&self, columns: Option<&PropTags<'_>>) -> Tree {
        let t = Tree::record()
            .field("RecipientType", recipient_type_tree(&self.recipient_type))
            .field("CodePageId", self.code_page_id.to_tree())
            .field("Reserved", hex16(&self.reserved));
        sized_tree(t, Some(&self.recipient_row), columns)
    }
}

/// [MS-OXCROPS] 2.2.6.6.2.1 ReadRecipientRow: one recipient of RopReadRecipients, a RowId
/// and then the fields of an [`OpenRecipientRow`].
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct ReadRecipientRow<'a> {
    /// RowId: the recipient's row id.
    pub row_id: u32,
    /// RecipientType, CodePageId, Reserved, RecipientRowSize and RecipientRow.
    pub recipient: OpenRecipientRow<'a>,
}

min_len! { ReadRecipientRow<'_> = 4 + OpenRecipientRow::MIN_LEN; }

impl<'a, 'c> DecodeWith<'a, RecipientRowCtx<'c, 'a>> for ReadRecipientRow<'a> {
    #[inline]
    fn decode_with_from(
        r: &mut Reader<'a>,
        ctx: RecipientRowCtx<'c, 'a>,
    ) -> Result<Self, DecodeError> {
        Ok(ReadRecipientRow {
            row_id: r.u32().field("RowId")?,
            recipient: OpenRecipientRow::decode_with_from(r, ctx)?,
        })
    }
}

impl Encode for ReadRecipientRow<'_> {
    fn encoded_len(&self) -> usize {
        4 + self.recipient.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.row_id.encode(out)?;
        self.recipient.encode(out)
    }
}

impl<'a> RecipientEntry<'a> for ReadRecipientRow<'a> {
    fn recipient_row(&self) -> Option<&RecipientRow<'a>> {
        Some(&self.recipient.recipient_row)
    }
    fn tree(&self, columns: Option<&PropTags<'_>>) -> Tree {
        Tree::record()
            .field("RowId", self.row_id.to_tree())
            .splice(self.recipient.tree(columns))
    }
}

/// [MS-OXCROPS] 2.2.6.5.1.1 ModifyRecipientRow: one recipient to add, change or (without a
/// RecipientRow) remove.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct ModifyRecipientRow<'a> {
    /// RowId: the recipient's row id.
    pub row_id: u32,
    /// RecipientType ([MS-OXCMSG] 2.2.3.1.2).
    pub recipient_type: RecipientType,
    /// RecipientRow (RecipientRowSize is its size): absent when RecipientRowSize is 0, which
    /// removes the recipient ([MS-OXCMSG] 2.2.3.5.1).
    pub recipient_row: Option<RecipientRow<'a>>,
}

min_len! { ModifyRecipientRow<'_> = 7; }

impl<'a, 'c> DecodeWith<'a, RecipientRowCtx<'c, 'a>> for ModifyRecipientRow<'a> {
    #[inline]
    fn decode_with_from(
        r: &mut Reader<'a>,
        ctx: RecipientRowCtx<'c, 'a>,
    ) -> Result<Self, DecodeError> {
        let row_id = r.u32().field("RowId")?;
        let recipient_type = RecipientType::decode_from(r).field("RecipientType")?;
        let recipient_row = match r.u16().field("RecipientRowSize")? {
            0 => None,
            size => Some(read_row(r, size, ctx)?),
        };
        Ok(ModifyRecipientRow {
            row_id,
            recipient_type,
            recipient_row,
        })
    }
}

impl Encode for ModifyRecipientRow<'_> {
    fn encoded_len(&self) -> usize {
        5 + sized_len(self.recipient_row.as_ref())
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.row_id.encode(out)?;
        self.recipient_type.encode(out)?;
        write_sized(self.recipient_row.as_ref(), out)
    }
}

impl<'a> RecipientEntry<'a> for ModifyRecipientRow<'a> {
    fn recipient_row(&self) -> Option<&RecipientRow<'a>> {
        self.recipient_row.as_ref()
    }
    fn tree(&self, columns: Option<&PropTags<'_>>) -> Tree {
        let t = Tree::record()
            .field("RowId", self.row_id.to_tree())
            .field("RecipientType", recipient_type_tree(&self.recipient_type));
        sized_tree(t, self.recipient_row.as_ref(), columns)
    }
}

/// The tree of a row on its own (its cells unlabelled) and with the recipient columns.
macro_rules! entry_trees {
    ($($row:ident),*) => {$(
        impl ToTree for $row<'_> {
            fn to_tree(&self) -> Tree {
                RecipientEntry::tree(self, None)
            }
        }

        /// The tree with the RecipientProperties cells labelled by `columns`.
        impl ToTreeWith<&PropTags<'_>> for $row<'_> {
            fn to_tree_with(&self, columns: &PropTags<'_>) -> Tree {
                RecipientEntry::tree(self, Some(columns))
            }
        }
    )*};
}
entry_trees!(OpenRecipientRow, ReadRecipientRow, ModifyRecipientRow);

// ---- the lists: RecipientColumns, RowCount and RecipientRows ----

/// The width of a RowCount field: one byte (RopOpenMessage, RopReadRecipients) or two
/// (RopModifyRecipients).
#[derive(Clone, Copy)]
pub(super) enum RowCount {
    /// One byte.
    U8,
    /// Two bytes.
    U16,
}

/// Reads RowCount and that many rows, decoded with the recipient columns `columns` (when
/// known); the rows share one count of the cells they claim.
pub(super) fn read_rows<'a, T: RecipientEntry<'a>>(
    r: &mut Reader<'a>,
    width: RowCount,
    columns: Option<&PropTags<'a>>,
) -> Result<Vec<T>, DecodeError> {
    let at = r.offset();
    let n = match width {
        RowCount::U8 => r.u8().map(u64::from),
        RowCount::U16 => r.u16().map(u64::from),
    };
    let n = r
        .check_count(at, n.field("RowCount")?, T::MIN_LEN)
        .field("RowCount")?;
    let cells = CellBudget::default();
    let ctx = RecipientRowCtx::new(columns).counting(&cells);
    let mut rows = Vec::with_capacity(n);
    for i in 0..n {
        rows.push(
            T::decode_with_from(r, ctx)
                .index(i)
                .field("RecipientRows")?,
        );
    }
    Ok(rows)
}

/// The bytes of RowCount and `rows`.
pub(super) fn rows_len<T: Encode>(width: RowCount, rows: &[T]) -> usize {
    let count = match width {
        RowCount::U8 => 1,
        RowCount::U16 => 2,
    };
    count + rows.iter().map(Encode::encoded_len).sum::<usize>()
}

/// Writes RowCount and `rows`; with `columns` (the recipient columns the ROP carries), each
/// RecipientRow must decode back against them.
pub(super) fn write_rows<'a, T: RecipientEntry<'a>, B: BufMut>(
    width: RowCount,
    rows: &[T],
    columns: Option<&PropTags<'_>>,
    out: &mut B,
) -> Result<(), EncodeError> {
    match width {
        RowCount::U8 => u8_len(rows.len(), "RowCount")?.encode(out)?,
        RowCount::U16 => u16_len(rows.len(), "RowCount")?.encode(out)?,
    }
    for row in rows {
        if let (Some(columns), Some(r)) = (columns, row.recipient_row()) {
            r.check_columns(columns)?;
        }
        row.encode(out)?;
    }
    Ok(())
}

/// Adds RowCount and RecipientRows to `t`, the cells labelled by `columns` when known.
pub(super) fn rows_tree<'a, T: RecipientEntry<'a>>(
    t: Tree,
    rows: &[T],
    columns: Option<&PropTags<'_>>,
) -> Tree {
    let list = rows.iter().map(|r| r.tree(columns)).collect();
    t.field("RowCount", Tree::UInt(rows.len() as u64))
        .field("RecipientRows", Tree::List(list))
}

/// Reads ColumnCount and RecipientColumns, then RowCount and the RecipientRows decoded with
/// those columns: the recipients of RopOpenMessage's response and RopModifyRecipients'
/// request.
pub(super) fn read_table<'a, T: RecipientEntry<'a>>(
    r: &mut Reader<'a>,
    width: RowCount,
) -> Result<(PropTags<'a>, Vec<T>), DecodeError> {
    // The tags are fixed-size and borrowed: ColumnCount, checked against the bytes left, is
    // the only field that can fail.
    let columns = PropTags::decode_from(r).field("ColumnCount")?;
    let rows = read_rows(r, width, Some(&columns))?;
    Ok((columns, rows))
}

/// The bytes of ColumnCount, RecipientColumns, RowCount and `rows`.
pub(super) fn table_len<T: Encode>(width: RowCount, columns: &PropTags<'_>, rows: &[T]) -> usize {
    2 + 4 * columns.len() + rows_len(width, rows)
}

/// Writes ColumnCount, RecipientColumns, RowCount and `rows`, each of which must decode back
/// against the columns.
pub(super) fn write_table<'a, T: RecipientEntry<'a>, B: BufMut>(
    width: RowCount,
    columns: &PropTags<'_>,
    rows: &[T],
    out: &mut B,
) -> Result<(), EncodeError> {
    u16_len(columns.len(), "ColumnCount")?.encode(out)?;
    crate::wire::ensure_room(out, columns.as_bytes().len())?;
    out.put_slice(columns.as_bytes());
    write_rows(width, rows, Some(columns), out)
}

/// Adds ColumnCount, RecipientColumns, RowCount and RecipientRows to `t`.
pub(super) fn table_tree<'a, T: RecipientEntry<'a>>(
    t: Tree,
    columns: &PropTags<'_>,
    rows: &[T],
) -> Tree {
    let t = t
        .field("ColumnCount", Tree::UInt(columns.len() as u64))
        .field(
            "RecipientColumns",
            Tree::List(columns.iter().map(|c| c.to_tree()).collect()),
        );
    rows_tree(t, rows, Some(columns))
}

crate::wire::owned_impl!(struct OpenRecipientRow {
    recipient_type,
    code_page_id,
    reserved,
    recipient_row,
});
crate::wire::owned_impl!(struct ReadRecipientRow { row_id, recipient });
crate::wire::owned_impl!(struct ModifyRecipientRow { row_id, recipient_type, recipient_row });
