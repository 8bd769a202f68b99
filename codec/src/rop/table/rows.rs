//! [MS-OXCROPS] 2.2.5.4 RopQueryRows and 2.2.5.13 RopFindRow: the rows of a table, and the
//! row lists (RowCount and RowData) that RopQueryRows and RopExpandRow return.

use crate::wire::Bool8;
use bytes::BufMut;

use super::{origin, restriction_fields, Bookmark, RestrictionData};
use crate::data::{PropTags, PropertyRow};
use crate::rop::context::ResponseCtx;
use crate::rop::field::{hex8, rop_request, rop_response, Bytes16};
use crate::tree::{ToTree, ToTreeWith, Tree};
use crate::wire::{named_code, wire_struct};
use crate::wire::{
    u16_len, CountWidth, Decode, DecodeError, DecodeWith, Encode, EncodeError, EncodeWith, Reader,
    ResultExt,
};

/// The columns the context knows (empty when unknown), shared: what a response without rows
/// keeps beside them.
fn known_columns<'a>(ctx: ResponseCtx<'_, 'a>) -> PropTags<'a> {
    ctx.columns().cloned().unwrap_or_default()
}

/// The columns set on the table, or the error that keeps the response raw without them.
fn table_columns<'c, 'a>(
    r: &Reader<'_>,
    ctx: ResponseCtx<'c, 'a>,
) -> Result<&'c PropTags<'a>, DecodeError> {
    ctx.require_columns(r, "the columns set on the table (RopSetColumns)")
}

/// Encoded length of rows with ROP (2-byte) counts.
pub(crate) fn rows_len(rows: &[PropertyRow<'_>]) -> usize {
    rows.iter()
        .map(|r| r.encoded_len_with(CountWidth::U16))
        .sum()
}

/// Writes rows with ROP (2-byte) counts, each checked against `columns` as it is written (so
/// that the bytes decode against them to the same rows); errors name `RowData[i]`.
pub(crate) fn put_rows<B: BufMut>(
    rows: &[PropertyRow<'_>],
    columns: &PropTags<'_>,
    out: &mut B,
) -> Result<(), EncodeError> {
    for (i, row) in rows.iter().enumerate() {
        row.encode_with((columns, CountWidth::U16), out)
            .index(i)
            .field("RowData")?;
    }
    Ok(())
}

/// The tree of rows, each cell labelled by its column.
pub(crate) fn rows_tree(rows: &[PropertyRow<'_>], columns: &PropTags<'_>) -> Tree {
    Tree::List(rows.iter().map(|r| r.to_tree_with(columns)).collect())
}

/// The columns kept beside rows are not on the wire: decoding fills them from the table (none
/// when there are no rows and no table), so an arbitrary value keeps them empty without rows,
/// and otherwise takes columns the first row fits; the other rows that do not fit them are
/// left out.
#[cfg(feature = "arbitrary")]
fn arbitrary_columns(
    u: &mut arbitrary::Unstructured<'_>,
    rows: &mut Vec<PropertyRow<'_>>,
) -> arbitrary::Result<PropTags<'static>> {
    let Some(first) = rows.first() else {
        return Ok(PropTags::default());
    };
    let columns = first.arbitrary_columns(u)?;
    rows.retain(|r| r.check_columns(&columns).is_ok());
    // No row left (the first did not fit any columns): no columns either.
    Ok(if rows.is_empty() {
        PropTags::default()
    } else {
        columns
    })
}

/// RowCount (2 bytes) and RowData: PropertyRows of the columns set on the table, the rows of
/// RopQueryRows and RopExpandRow responses ([MS-OXCROPS] 2.2.5.4.2, 2.2.5.16.2). The columns
/// the rows were decoded with are kept beside them: they are not on the wire, they label the
/// cells in the tree.
///
/// It decodes in a [`ResponseCtx`] that knows the table's columns; zero rows need none. The
/// two wire fields name themselves in errors and in the tree (a structure holds the list as a
/// field named `""`, shown in place). It dereferences to its rows.
///
/// A list built for sending takes the columns in [`RowList::new`]; encoding checks every row
/// against them, and encoding the response buffer against its request checks that they are
/// the table's (set by RopSetColumns earlier in the buffer or in the session).
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct RowList<'a> {
    /// RowData (RowCount is their number).
    pub rows: Vec<PropertyRow<'a>>,
    /// The columns of the rows (not on the wire; empty when there were no rows and no columns
    /// were known).
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) columns: PropTags<'a>,
}

impl<'a> RowList<'a> {
    /// The rows `rows` of the table whose columns are `columns`.
    pub fn new(columns: impl Into<PropTags<'a>>, rows: Vec<PropertyRow<'a>>) -> Self {
        RowList {
            rows,
            columns: columns.into(),
        }
    }

    /// The columns of the rows (not on the wire): those they were decoded with, or given to
    /// [`RowList::new`].
    pub fn columns(&self) -> &PropTags<'a> {
        &self.columns
    }
}

impl<'a> std::ops::Deref for RowList<'a> {
    type Target = [PropertyRow<'a>];
    fn deref(&self) -> &Self::Target {
        &self.rows
    }
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c, 'a>> for RowList<'a> {
    #[inline]
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c, 'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let n = r.u16().field("RowCount")?;
        if n == 0 {
            return Ok(RowList {
                rows: Vec::new(),
                columns: known_columns(ctx),
            });
        }
        // Every row is at least its Flag byte: a count the bytes cannot hold is refused before
        // the columns are asked for.
        let n = r.check_count(at, n.into(), 1).field("RowCount")?;
        let columns = table_columns(r, ctx)?;
        crate::data::check_cells(r, at, n, columns.len()).field("RowData")?;
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            let row = PropertyRow::decode_with_from(r, (columns, CountWidth::U16));
            rows.push(row.index(i).field("RowData")?);
        }
        Ok(RowList {
            rows,
            columns: columns.clone(),
        })
    }
}

impl Encode for RowList<'_> {
    fn encoded_len(&self) -> usize {
        2 + rows_len(&self.rows)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u16_len(self.rows.len(), "RowCount")?.encode(out)?;
        put_rows(&self.rows, &self.columns, out)
    }
}

impl ToTree for RowList<'_> {
    /// RowCount and RowData.
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("RowCount", Tree::UInt(self.rows.len() as u64))
            .field("RowData", rows_tree(&self.rows, &self.columns))
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for RowList<'a> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut rows: Vec<PropertyRow<'a>> = u.arbitrary()?;
        let columns = arbitrary_columns(u, &mut rows)?;
        Ok(RowList { rows, columns })
    }
}

// ---- 2.2.5.4 RopQueryRows ----

rop_request! {
    /// [MS-OXCROPS] 2.2.5.4.1 RopQueryRows request.
    pub struct QueryRowsRequest {
        /// InputHandleIndex: the table.
        input_handle_index: Input,
        /// QueryRowsFlags: 0x00 Advance, 0x01 NoAdvance, 0x02 EnablePackedBuffers
        /// ([MS-OXCTABL] 2.2.2.5.1).
        query_rows_flags: u8 => "QueryRowsFlags" as hex8,
        /// ForwardRead: read forwards (true) or backwards.
        forward_read: Bool8 => "ForwardRead",
        /// RowCount: the most rows to return.
        row_count: u16 => "RowCount",
    }
}

named_code! {
    flags
    /// [MS-OXCTABL] 2.2.2.5.1 QueryRowsFlags of a RopQueryRows request (the byte of
    /// [`QueryRowsRequest::query_rows_flags`], which converts with `u8::from`). Advance is
    /// 0x00, the absence of NoAdvance.
    pub struct QueryRowsFlags(u8);
    /// Advance (0x00): the cursor moves past the rows read.
    ADVANCE = 0x00 => "Advance",
    /// NoAdvance (0x01): the cursor stays where it is.
    NO_ADVANCE = 0x01 => "NoAdvance",
    /// EnablePackedBuffers (0x02): the server may pack more rows into further extended
    /// buffers (with the Chain flag of Execute).
    ENABLE_PACKED_BUFFERS = 0x02 => "EnablePackedBuffers",
}

impl QueryRowsRequest {
    /// A RopQueryRows of up to `row_count` rows forward from the cursor of the table at
    /// `input_handle_index`, advancing it, with LogonId 0.
    ///
    /// ```
    /// use mapi_codec::rop::table::QueryRowsRequest;
    /// use mapi_codec::rop::RopRequest;
    /// use mapi_codec::wire::Encode;
    ///
    /// // [MS-OXCTABL] 4.5.3.1: 50 rows forward from the table at index 0.
    /// let rop = RopRequest::from(QueryRowsRequest::new(0, 50));
    /// assert_eq!(rop.to_bytes().unwrap(), [0x15, 0x00, 0x00, 0x00, 0x01, 0x32, 0x00]);
    /// ```
    pub fn new(input_handle_index: u8, row_count: u16) -> Self {
        QueryRowsRequest {
            logon_id: 0,
            input_handle_index,
            query_rows_flags: QueryRowsFlags::ADVANCE.into(),
            forward_read: Bool8::from(true),
            row_count,
        }
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.4.2 RopQueryRows success fields: Origin, RowCount, RowData. The
    /// rows are PropertyRows of the columns set on the table.
    pub struct QueryRowsSuccess<'a> in ctx: ResponseCtx<'c, 'a> {
        /// Origin: where the cursor ended (BOOKMARK_BEGINNING 0x00, BOOKMARK_CURRENT 0x01,
        /// BOOKMARK_END 0x02; [MS-OXCTABL] 2.2.2.1.1, [`Bookmark`](super::Bookmark)).
        origin: u8 => "Origin" as origin,
        /// RowCount and RowData, with the columns the rows were decoded with.
        rows: RowList<'a> => "" { ctx flatten },
    }
}

impl<'a> QueryRowsSuccess<'a> {
    /// The success fields of a RopQueryRows response: `rows` of the table's `columns` (the
    /// columns are not sent; encoding checks each row against them), the cursor at `origin`
    /// after them (BOOKMARK_END once the last row was read, else BOOKMARK_CURRENT,
    /// [MS-OXCTABL] 3.2.5.5).
    pub fn new(
        origin: Bookmark,
        rows: Vec<PropertyRow<'a>>,
        columns: impl Into<PropTags<'a>>,
    ) -> Self {
        QueryRowsSuccess {
            origin: origin.0,
            rows: RowList::new(columns, rows),
        }
    }
}

// ---- 2.2.5.13 RopFindRow ----

rop_request! {
    /// [MS-OXCROPS] 2.2.5.13.1 RopFindRow request: finds the next row that matches a
    /// restriction, starting at a bookmark.
    pub struct FindRowRequest<'a> {
        /// InputHandleIndex: the table.
        input_handle_index: Input,
        /// FindRowFlags ([MS-OXCTABL] 2.2.2.14.1): 0x00 forwards, 0x01 backwards.
        find_row_flags: u8 => "FindRowFlags" as hex8,
        /// RestrictionDataSize and RestrictionData: the search criteria.
        restriction: RestrictionData<'a> => "RestrictionData" as restriction_fields { flatten },
        /// Origin: where the search starts (a predefined bookmark, or BOOKMARK_CUSTOM 0x03 with
        /// Bookmark; [MS-OXCTABL] 2.2.2.1, [`Bookmark`](super::Bookmark)).
        origin: u8 => "Origin" as origin,
        /// Bookmark (BookmarkSize is its size): the custom bookmark, if Origin is one.
        bookmark: Bytes16<'a> => "Bookmark",
    }
}

/// [MS-OXCROPS] 2.2.5.13.2 RopFindRow success fields: RowNoLongerVisible, HasRowData, and
/// RowData (a PropertyRow of the table's columns) when HasRowData is set.
///
/// Written by hand: RowData is read with the table's columns only when HasRowData is set,
/// which a field of `wire_struct!` cannot combine.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct FindRowSuccess<'a> {
    /// RowNoLongerVisible: the bookmarked row is gone; the search started at the next row.
    pub row_no_longer_visible: Bool8,
    /// HasRowData as sent: nonzero (TRUE, [MS-OXCTABL] 2.2.2.16.2) exactly when RowData is
    /// there; any nonzero byte is kept.
    pub has_row_data: Bool8,
    /// RowData.
    pub row: Option<PropertyRow<'a>>,
    /// The columns of the row (not on the wire; with no row, those known, else empty).
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) columns: PropTags<'a>,
}

impl<'a> FindRowSuccess<'a> {
    /// The success fields with `row` (HasRowData set exactly when there is one) of the table
    /// whose columns are `columns`.
    pub fn new(
        row_no_longer_visible: Bool8,
        columns: impl Into<PropTags<'a>>,
        row: Option<PropertyRow<'a>>,
    ) -> Self {
        FindRowSuccess {
            row_no_longer_visible,
            has_row_data: Bool8::from(row.is_some()),
            row,
            columns: columns.into(),
        }
    }

    /// The columns of the row (not on the wire): those it was decoded with, or given to
    /// [`FindRowSuccess::new`].
    pub fn columns(&self) -> &PropTags<'a> {
        &self.columns
    }
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c, 'a>> for FindRowSuccess<'a> {
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c, 'a>) -> Result<Self, DecodeError> {
        let row_no_longer_visible = Bool8::decode_from(r).field("RowNoLongerVisible")?;
        let has_row_data = Bool8::decode_from(r).field("HasRowData")?;
        if !has_row_data {
            return Ok(FindRowSuccess {
                row_no_longer_visible,
                has_row_data,
                row: None,
                columns: known_columns(ctx),
            });
        }
        let columns = table_columns(r, ctx)?;
        let row = PropertyRow::decode_with_from(r, (columns, CountWidth::U16)).field("RowData")?;
        Ok(FindRowSuccess {
            row_no_longer_visible,
            has_row_data,
            row: Some(row),
            columns: columns.clone(),
        })
    }
}

impl Encode for FindRowSuccess<'_> {
    fn encoded_len(&self) -> usize {
        2 + rows_len(self.row.as_slice())
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if self.has_row_data.get() != self.row.is_some() {
            return Err(EncodeError::invalid(
                "HasRowData must be nonzero exactly when RowData is present",
            ))
            .field("HasRowData");
        }
        self.row_no_longer_visible.encode(out)?;
        self.has_row_data.encode(out)?;
        if let Some(row) = &self.row {
            row.encode_with((&self.columns, CountWidth::U16), out)
                .field("RowData")?;
        }
        Ok(())
    }
}

impl ToTree for FindRowSuccess<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record()
            .field("RowNoLongerVisible", self.row_no_longer_visible.to_tree())
            .field("HasRowData", self.has_row_data.to_tree());
        match &self.row {
            Some(row) => t.field("RowData", row.to_tree_with(&self.columns)),
            None => t,
        }
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for FindRowSuccess<'a> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let row_no_longer_visible = u.arbitrary()?;
        let mut rows: Vec<PropertyRow<'a>> = Option::<PropertyRow<'a>>::arbitrary(u)?
            .into_iter()
            .collect();
        let columns = arbitrary_columns(u, &mut rows)?;
        let row = rows.pop();
        Ok(FindRowSuccess {
            row_no_longer_visible,
            has_row_data: Bool8::from(row.is_some()),
            row,
            columns,
        })
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.5.4.2 RopQueryRows response (failure: 2.2.5.4.3).
    QueryRowsResponse<'a> = QUERY_ROWS { handle: Input, success: QueryRowsSuccess<'a> }

    /// [MS-OXCROPS] 2.2.5.13.2 RopFindRow response (failure: 2.2.5.13.3).
    FindRowResponse<'a> = FIND_ROW { handle: Input, success: FindRowSuccess<'a> }
}

crate::wire::owned_impl!(struct RowList { rows, columns });
crate::wire::owned_impl!(struct FindRowSuccess {
    row_no_longer_visible,
    has_row_data,
    row,
    columns,
});
