//! [MS-OXCROPS] 2.2.5 Table ROPs ([MS-OXCTABL] adds the semantics).
//!
//! The rows of RopQueryRows, RopFindRow and RopExpandRow responses are PropertyRows of the
//! columns a RopSetColumns set on the table ([MS-OXCTABL] 2.2.2.2.1); the response decoder
//! passes them in [`ResponseCtx::columns`], and without them the response is kept raw.

use bytes::BufMut;

use super::context::ResponseCtx;
use super::field::{
    hex8, rop_response, Bytes16, HandleIndexes, HandleRole, List16, NoFields, PropTags,
    RequestFields,
};
use crate::data::{PropTag, PropertyRow, Restriction, SortOrderSet};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    named_code, u16_len, wire_struct, CountWidth, Decode, DecodeError, DecodeWith, Encode,
    EncodeError, EncodeWith, Reader, ResultExt,
};

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

/// Tree of an 8-byte identifier (CategoryId, RowId) in hex.
fn id64(v: &u64) -> Tree {
    Tree::Hex(*v)
}

/// RestrictionDataSize (2 bytes) and RestrictionData: a restriction ([MS-OXCDATA] 2.12, with
/// the 2-byte counts of ROP buffers) that fills exactly RestrictionDataSize bytes. A size of 0
/// means no restriction ([MS-OXCROPS] 2.2.4.4.1, 2.2.4.5.2, 2.2.5.3.1, 2.2.5.13.1).
///
/// Decoding names RestrictionDataSize when the size cannot be read; every other error is in
/// the RestrictionData field of the structure that holds it.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
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

// ---- 2.2.5.1 RopSetColumns ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.1.1 RopSetColumns request: the columns of the table's rows.
    pub struct SetColumnsRequest<'a> {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// SetColumnsFlags: 0x00 wait, 0x01 TBL_ASYNC ([MS-OXCTABL] 2.2.2.1.4).
        set_columns_flags: u8 => "SetColumnsFlags" as hex8,
        /// PropertyTags (PropertyTagCount is their number).
        property_tags: PropTags<'a> => "PropertyTags",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.1.2 RopSetColumns success fields (also those of RopSortTable,
    /// RopRestrict, RopAbort and RopGetStatus: TableStatus alone).
    pub struct TableStatusSuccess {
        /// TableStatus ([MS-OXCTABL] 2.2.2.1.3).
        table_status: u8 => "TableStatus" as table_status,
    }
}

/// [MS-OXCROPS] 2.2.5.1.2 RopSetColumns success fields.
pub type SetColumnsSuccess = TableStatusSuccess;

rop_response! {
    /// [MS-OXCROPS] 2.2.5.1.2 RopSetColumns response (failure: 2.2.5.1.3).
    pub struct SetColumnsResponse {
        id: SET_COLUMNS,
        handle: Input,
        success: TableStatusSuccess,
        failure: NoFields,
    }
}

// ---- 2.2.5.2 RopSortTable ----

/// [MS-OXCROPS] 2.2.5.2.1 RopSortTable request: SortTableFlags, then SortOrderCount,
/// CategoryCount, ExpandedCount and SortOrders, which together are a [MS-OXCDATA] 2.13.2
/// SortOrderSet (CategoryCount is its CategorizedCount).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct SortTableRequest {
    /// LogonId.
    pub logon_id: u8,
    /// InputHandleIndex: the table.
    pub input_handle_index: u8,
    /// SortTableFlags ([MS-OXCTABL] 2.2.2.3.1): 0x00 wait, 0x01 TBL_ASYNC, 0x02 TBL_BATCH.
    pub sort_table_flags: u8,
    /// SortOrderCount, CategoryCount, ExpandedCount and SortOrders.
    pub sort_order_set: SortOrderSet,
}

impl<'a> Decode<'a> for SortTableRequest {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(SortTableRequest {
            logon_id: r.u8().field("LogonId")?,
            input_handle_index: r.u8().field("InputHandleIndex")?,
            sort_table_flags: r.u8().field("SortTableFlags")?,
            sort_order_set: SortOrderSet::decode_from(r)?,
        })
    }
}

impl Encode for SortTableRequest {
    fn encoded_len(&self) -> usize {
        3 + self.sort_order_set.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.logon_id.encode(out)?;
        self.input_handle_index.encode(out)?;
        self.sort_table_flags.encode(out)?;
        self.sort_order_set.encode(out)
    }
}

impl ToTree for SortTableRequest {
    fn to_tree(&self) -> Tree {
        let s = &self.sort_order_set;
        Tree::record()
            .field("LogonId", Tree::UInt(self.logon_id.into()))
            .field(
                "InputHandleIndex",
                Tree::UInt(self.input_handle_index.into()),
            )
            .field("SortTableFlags", hex8(&self.sort_table_flags))
            .field("SortOrderCount", Tree::UInt(s.sort_orders.len() as u64))
            .field("CategoryCount", Tree::UInt(s.categorized_count.into()))
            .field("ExpandedCount", Tree::UInt(s.expanded_count.into()))
            .field("SortOrders", s.sort_orders.to_tree())
    }
}

impl RequestFields for SortTableRequest {
    fn logon_id(&self) -> u8 {
        self.logon_id
    }
    fn handle_indexes(&self) -> HandleIndexes {
        HandleIndexes::new(&[(HandleRole::Input, self.input_handle_index)])
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.2.2 RopSortTable response (failure: 2.2.5.2.3).
    pub struct SortTableResponse {
        id: SORT_TABLE,
        handle: Input,
        success: TableStatusSuccess,
        failure: NoFields,
    }
}

// ---- 2.2.5.3 RopRestrict ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.3.1 RopRestrict request: the filter of the table's rows.
    pub struct RestrictRequest<'a> {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// RestrictFlags ([MS-OXCTABL] 2.2.2.4.1): 0x00 wait, 0x01 TBL_ASYNC, 0x02 TBL_BATCH.
        restrict_flags: u8 => "RestrictFlags" as hex8,
        /// RestrictionDataSize and RestrictionData; `None` (size 0) removes the restriction.
        restriction: RestrictionData<'a> => "RestrictionData" as restriction_fields { flatten },
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.3.2 RopRestrict response (failure: 2.2.5.3.3).
    pub struct RestrictResponse {
        id: RESTRICT,
        handle: Input,
        success: TableStatusSuccess,
        failure: NoFields,
    }
}

// ---- 2.2.5.4 RopQueryRows ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.4.1 RopQueryRows request.
    pub struct QueryRowsRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// QueryRowsFlags: 0x00 Advance, 0x01 NoAdvance, 0x02 EnablePackedBuffers
        /// ([MS-OXCTABL] 2.2.2.5.1).
        query_rows_flags: u8 => "QueryRowsFlags" as hex8,
        /// ForwardRead: read forwards (true) or backwards.
        forward_read: bool => "ForwardRead",
        /// RowCount: the most rows to return.
        row_count: u16 => "RowCount",
    }
    handles { Input: input_handle_index }
}

/// The columns the context knows, copied (empty when unknown): what a response without rows
/// keeps beside them.
fn known_columns(ctx: ResponseCtx<'_>) -> Vec<PropTag> {
    ctx.columns().map(<[_]>::to_vec).unwrap_or_default()
}

/// The columns set on the table, or the error that keeps the response raw without them.
fn table_columns<'c>(r: &Reader<'_>, ctx: ResponseCtx<'c>) -> Result<&'c [PropTag], DecodeError> {
    ctx.require_columns(r, "the columns set on the table (RopSetColumns)")
}

/// Reads RowCount and RowData ([MS-OXCROPS] 2.2.5.4.2, 2.2.5.16.2): rows of the table's
/// columns, returned with those columns. Zero rows need no columns.
fn read_row_list<'a>(
    r: &mut Reader<'a>,
    ctx: ResponseCtx<'_>,
) -> Result<(Vec<PropertyRow<'a>>, Vec<PropTag>), DecodeError> {
    let at = r.offset();
    let n = r.u16().field("RowCount")?;
    if n == 0 {
        return Ok((Vec::new(), known_columns(ctx)));
    }
    // Every row is at least its Flag byte: a count the bytes cannot hold is refused before
    // the columns are asked for.
    let n = r.check_count(at, n.into(), 1).field("RowCount")?;
    let columns = table_columns(r, ctx)?;
    crate::data::check_cells(r, at, n, columns).field("RowData")?;
    let mut rows = Vec::with_capacity(n);
    for i in 0..n {
        let row = PropertyRow::decode_with_from(r, (columns, CountWidth::U16));
        rows.push(row.index(i).field("RowData")?);
    }
    Ok((rows, columns.to_vec()))
}

/// Encoded length of rows with ROP (2-byte) counts.
pub(crate) fn rows_len(rows: &[PropertyRow<'_>]) -> usize {
    rows.iter()
        .map(|r| r.encoded_len_with(CountWidth::U16))
        .sum()
}

/// Writes rows with ROP (2-byte) counts.
pub(crate) fn put_rows<B: BufMut>(
    rows: &[PropertyRow<'_>],
    out: &mut B,
) -> Result<(), EncodeError> {
    for row in rows {
        row.encode_with(CountWidth::U16, out)?;
    }
    Ok(())
}

/// The tree of rows, each cell labelled by its column.
pub(crate) fn rows_tree(rows: &[PropertyRow<'_>], columns: &[PropTag]) -> Tree {
    Tree::List(
        rows.iter()
            .map(|r| r.to_tree_with_columns(columns))
            .collect(),
    )
}

/// Writes RowCount and RowData.
fn put_row_list<B: BufMut>(rows: &[PropertyRow<'_>], out: &mut B) -> Result<(), EncodeError> {
    u16_len(rows.len(), "RowCount")?.encode(out)?;
    put_rows(rows, out)
}

/// Adds RowCount and RowData to the tree `t`.
fn row_list_tree(t: Tree, rows: &[PropertyRow<'_>], columns: &[PropTag]) -> Tree {
    t.field("RowCount", Tree::UInt(rows.len() as u64))
        .field("RowData", rows_tree(rows, columns))
}

/// [MS-OXCROPS] 2.2.5.4.2 RopQueryRows success fields: Origin, RowCount, RowData. The rows
/// are PropertyRows of the columns set on the table; [`QueryRowsSuccess::columns`] keeps the
/// tags they were decoded with.
///
/// Written by hand, sharing RowCount and RowData with [`ExpandRowSuccess`]: the two fields
/// show as two in the tree and in error paths, which a field of `wire_struct!` cannot do.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryRowsSuccess<'a> {
    /// Origin: where the cursor ended (BOOKMARK_BEGINNING 0x00, BOOKMARK_CURRENT 0x01,
    /// BOOKMARK_END 0x02; [MS-OXCTABL] 2.2.2.1.1, [`Bookmark`]).
    pub origin: u8,
    /// RowData (RowCount is their number).
    pub rows: Vec<PropertyRow<'a>>,
    /// The columns the rows were decoded with (not on the wire; empty when there were no
    /// rows and no columns were known).
    pub columns: Vec<PropTag>,
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c>> for QueryRowsSuccess<'a> {
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c>) -> Result<Self, DecodeError> {
        let origin = r.u8().field("Origin")?;
        let (rows, columns) = read_row_list(r, ctx)?;
        Ok(QueryRowsSuccess {
            origin,
            rows,
            columns,
        })
    }
}

impl Encode for QueryRowsSuccess<'_> {
    fn encoded_len(&self) -> usize {
        3 + rows_len(&self.rows)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.origin.encode(out)?;
        put_row_list(&self.rows, out)
    }
}

impl ToTree for QueryRowsSuccess<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field("Origin", origin(&self.origin));
        row_list_tree(t, &self.rows, &self.columns)
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.4.2 RopQueryRows response (failure: 2.2.5.4.3).
    pub struct QueryRowsResponse<'a> {
        id: QUERY_ROWS,
        handle: Input,
        success: QueryRowsSuccess<'a>,
        failure: NoFields,
    }
}

// ---- 2.2.5.5 RopAbort, 2.2.5.6 RopGetStatus, 2.2.5.7 RopQueryPosition,
// 2.2.5.11 RopCreateBookmark, 2.2.5.12 RopQueryColumnsAll, 2.2.5.15 RopResetTable:
// requests without fields of their own ----

macro_rules! plain_request {
    ($($(#[$meta:meta])* $name:ident;)*) => {$(
        wire_struct! {
            $(#[$meta])*
            pub struct $name {
                /// LogonId.
                logon_id: u8 => "LogonId",
                /// InputHandleIndex: the table.
                input_handle_index: u8 => "InputHandleIndex",
            }
            handles { Input: input_handle_index }
        }
    )*};
}

plain_request! {
    /// [MS-OXCROPS] 2.2.5.5.1 RopAbort request: stops the table's asynchronous operations.
    AbortRequest;
    /// [MS-OXCROPS] 2.2.5.6.1 RopGetStatus request: the status of the table's asynchronous
    /// operations.
    GetStatusRequest;
    /// [MS-OXCROPS] 2.2.5.7.1 RopQueryPosition request: where the cursor is.
    QueryPositionRequest;
    /// [MS-OXCROPS] 2.2.5.11.1 RopCreateBookmark request: a bookmark at the cursor.
    CreateBookmarkRequest;
    /// [MS-OXCROPS] 2.2.5.12.1 RopQueryColumnsAll request: every column the table has.
    QueryColumnsAllRequest;
    /// [MS-OXCROPS] 2.2.5.15.1 RopResetTable request: resets the table; the client sends a
    /// RopSetColumns again before it queries rows ([MS-OXCTABL] 3.1.5).
    ResetTableRequest;
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.5.2 RopAbort response (failure: 2.2.5.5.3).
    pub struct AbortResponse {
        id: ABORT,
        handle: Input,
        success: TableStatusSuccess,
        failure: NoFields,
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.6.2 RopGetStatus response (failure: 2.2.5.6.3).
    pub struct GetStatusResponse {
        id: GET_STATUS,
        handle: Input,
        success: TableStatusSuccess,
        failure: NoFields,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.7.2 RopQueryPosition success fields.
    pub struct QueryPositionSuccess {
        /// Numerator: the index of the current row (0-based).
        numerator: u32 => "Numerator",
        /// Denominator: the number of rows in the table.
        denominator: u32 => "Denominator",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.7.2 RopQueryPosition response (failure: 2.2.5.7.3).
    pub struct QueryPositionResponse {
        id: QUERY_POSITION,
        handle: Input,
        success: QueryPositionSuccess,
        failure: NoFields,
    }
}

// ---- 2.2.5.8 RopSeekRow ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.8.1 RopSeekRow request: moves the cursor RowCount rows from a
    /// predefined bookmark.
    pub struct SeekRowRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// Origin: the predefined bookmark to start from ([MS-OXCTABL] 2.2.2.1.1).
        origin: u8 => "Origin" as origin,
        /// RowCount: rows to move, negative to move backwards.
        row_count: i32 => "RowCount",
        /// WantRowMovedCount: whether the server reports how far it moved.
        want_row_moved_count: bool => "WantRowMovedCount",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.8.2 RopSeekRow success fields. Both are always present; they are
    /// meaningful only when the request's WantRowMovedCount was set ([MS-OXCTABL] 2.2.2.9.2).
    pub struct SeekRowSuccess {
        /// HasSoughtLess: fewer rows were moved than requested.
        has_sought_less: bool => "HasSoughtLess",
        /// RowsSought: rows moved, negative when backwards.
        rows_sought: i32 => "RowsSought",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.8.2 RopSeekRow response (failure: 2.2.5.8.3).
    pub struct SeekRowResponse {
        id: SEEK_ROW,
        handle: Input,
        success: SeekRowSuccess,
        failure: NoFields,
    }
}

// ---- 2.2.5.9 RopSeekRowBookmark ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.9.1 RopSeekRowBookmark request: moves the cursor RowCount rows from
    /// a bookmark made by RopCreateBookmark.
    pub struct SeekRowBookmarkRequest<'a> {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// Bookmark (BookmarkSize is its size).
        bookmark: Bytes16<'a> => "Bookmark",
        /// RowCount: rows to move, negative to move backwards.
        row_count: i32 => "RowCount",
        /// WantRowMovedCount: whether the server reports how far it moved.
        want_row_moved_count: bool => "WantRowMovedCount",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.9.2 RopSeekRowBookmark success fields.
    pub struct SeekRowBookmarkSuccess {
        /// RowNoLongerVisible: the bookmarked row is gone; the seek started at the next row.
        row_no_longer_visible: bool => "RowNoLongerVisible",
        /// HasSoughtLess: fewer rows were moved than requested.
        has_sought_less: bool => "HasSoughtLess",
        /// RowsSought: rows moved, negative when backwards. [MS-OXCROPS] 2.2.5.9.2 calls it
        /// an unsigned integer giving "the direction and number of rows sought"; a direction
        /// needs the sign RopSeekRow's RowsSought has ([MS-OXCTABL] 2.2.2.9.2), so it is read
        /// as signed (the bytes are the same either way).
        rows_sought: i32 => "RowsSought",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.9.2 RopSeekRowBookmark response (failure: 2.2.5.9.3).
    pub struct SeekRowBookmarkResponse {
        id: SEEK_ROW_BOOKMARK,
        handle: Input,
        success: SeekRowBookmarkSuccess,
        failure: NoFields,
    }
}

// ---- 2.2.5.10 RopSeekRowFractional ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.10.1 RopSeekRowFractional request: moves the cursor to the fraction
    /// Numerator / Denominator of the table.
    pub struct SeekRowFractionalRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// Numerator.
        numerator: u32 => "Numerator",
        /// Denominator.
        denominator: u32 => "Denominator",
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.10.2 RopSeekRowFractional response.
    pub struct SeekRowFractionalResponse {
        id: SEEK_ROW_FRACTIONAL,
        handle: Input,
        success: NoFields,
        failure: NoFields,
    }
}

// ---- 2.2.5.11 RopCreateBookmark ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.11.2 RopCreateBookmark success fields.
    pub struct CreateBookmarkSuccess<'a> {
        /// Bookmark (BookmarkSize is its size): opaque to the client.
        bookmark: Bytes16<'a> => "Bookmark",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.11.2 RopCreateBookmark response (failure: 2.2.5.11.3).
    pub struct CreateBookmarkResponse<'a> {
        id: CREATE_BOOKMARK,
        handle: Input,
        success: CreateBookmarkSuccess<'a>,
        failure: NoFields,
    }
}

// ---- 2.2.5.12 RopQueryColumnsAll ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.12.2 RopQueryColumnsAll success fields.
    pub struct QueryColumnsAllSuccess {
        /// PropertyTags (PropertyTagCount is their number): every column of the table.
        property_tags: List16<PropTag> => "PropertyTags",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.12.2 RopQueryColumnsAll response (failure: 2.2.5.12.3).
    pub struct QueryColumnsAllResponse {
        id: QUERY_COLUMNS_ALL,
        handle: Input,
        success: QueryColumnsAllSuccess,
        failure: NoFields,
    }
}

// ---- 2.2.5.13 RopFindRow ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.13.1 RopFindRow request: finds the next row that matches a
    /// restriction, starting at a bookmark.
    pub struct FindRowRequest<'a> {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// FindRowFlags ([MS-OXCTABL] 2.2.2.14.1): 0x00 forwards, 0x01 backwards.
        find_row_flags: u8 => "FindRowFlags" as hex8,
        /// RestrictionDataSize and RestrictionData: the search criteria.
        restriction: RestrictionData<'a> => "RestrictionData" as restriction_fields { flatten },
        /// Origin: where the search starts (a predefined bookmark, or BOOKMARK_CUSTOM 0x03 with
        /// Bookmark; [MS-OXCTABL] 2.2.2.1, [`Bookmark`]).
        origin: u8 => "Origin" as origin,
        /// Bookmark (BookmarkSize is its size): the custom bookmark, if Origin is one.
        bookmark: Bytes16<'a> => "Bookmark",
    }
    handles { Input: input_handle_index }
}

/// [MS-OXCROPS] 2.2.5.13.2 RopFindRow success fields: RowNoLongerVisible, HasRowData, and
/// RowData (a PropertyRow of the table's columns) when HasRowData is set.
///
/// Written by hand: RowData is read with the table's columns only when HasRowData is set,
/// which a field of `wire_struct!` cannot combine.
#[derive(Clone, Debug, PartialEq)]
pub struct FindRowSuccess<'a> {
    /// RowNoLongerVisible: the bookmarked row is gone; the search started at the next row.
    pub row_no_longer_visible: bool,
    /// RowData; its presence is HasRowData.
    pub row: Option<PropertyRow<'a>>,
    /// The columns the row was decoded with (not on the wire).
    pub columns: Vec<PropTag>,
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c>> for FindRowSuccess<'a> {
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c>) -> Result<Self, DecodeError> {
        let row_no_longer_visible = bool::decode_from(r).field("RowNoLongerVisible")?;
        if !bool::decode_from(r).field("HasRowData")? {
            return Ok(FindRowSuccess {
                row_no_longer_visible,
                row: None,
                columns: known_columns(ctx),
            });
        }
        let columns = table_columns(r, ctx)?;
        let row = PropertyRow::decode_with_from(r, (columns, CountWidth::U16)).field("RowData")?;
        Ok(FindRowSuccess {
            row_no_longer_visible,
            row: Some(row),
            columns: columns.to_vec(),
        })
    }
}

impl Encode for FindRowSuccess<'_> {
    fn encoded_len(&self) -> usize {
        2 + rows_len(self.row.as_slice())
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.row_no_longer_visible.encode(out)?;
        self.row.is_some().encode(out)?;
        put_rows(self.row.as_slice(), out)
    }
}

impl ToTree for FindRowSuccess<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record()
            .field("RowNoLongerVisible", Tree::Bool(self.row_no_longer_visible))
            .field("HasRowData", Tree::Bool(self.row.is_some()));
        match &self.row {
            Some(row) => t.field("RowData", row.to_tree_with_columns(&self.columns)),
            None => t,
        }
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.13.2 RopFindRow response (failure: 2.2.5.13.3).
    pub struct FindRowResponse<'a> {
        id: FIND_ROW,
        handle: Input,
        success: FindRowSuccess<'a>,
        failure: NoFields,
    }
}

// ---- 2.2.5.14 RopFreeBookmark ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.14.1 RopFreeBookmark request: releases a bookmark.
    pub struct FreeBookmarkRequest<'a> {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// Bookmark (BookmarkSize is its size): one RopCreateBookmark returned.
        bookmark: Bytes16<'a> => "Bookmark",
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.14.2 RopFreeBookmark response.
    pub struct FreeBookmarkResponse {
        id: FREE_BOOKMARK,
        handle: Input,
        success: NoFields,
        failure: NoFields,
    }
}

// ---- 2.2.5.15 RopResetTable ----

rop_response! {
    /// [MS-OXCROPS] 2.2.5.15.2 RopResetTable response.
    pub struct ResetTableResponse {
        id: RESET_TABLE,
        handle: Input,
        success: NoFields,
        failure: NoFields,
    }
}

// ---- 2.2.5.16 RopExpandRow ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.16.1 RopExpandRow request: expands a category of a categorized
    /// table.
    pub struct ExpandRowRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// MaxRowCount: the most expanded rows to return (SHOULD be 0, [MS-OXCTABL]
        /// 2.2.2.17.1).
        max_row_count: u16 => "MaxRowCount",
        /// CategoryId: the PidTagInstID of the category's header row.
        category_id: u64 => "CategoryId" as id64,
    }
    handles { Input: input_handle_index }
}

/// [MS-OXCROPS] 2.2.5.16.2 RopExpandRow success fields: ExpandedRowCount, RowCount, RowData
/// (PropertyRows of the table's columns).
///
/// Written by hand, sharing RowCount and RowData with [`QueryRowsSuccess`].
#[derive(Clone, Debug, PartialEq)]
pub struct ExpandRowSuccess<'a> {
    /// ExpandedRowCount: the rows in the expanded category.
    pub expanded_row_count: u32,
    /// RowData (RowCount is their number).
    pub rows: Vec<PropertyRow<'a>>,
    /// The columns the rows were decoded with (not on the wire).
    pub columns: Vec<PropTag>,
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c>> for ExpandRowSuccess<'a> {
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c>) -> Result<Self, DecodeError> {
        let expanded_row_count = r.u32().field("ExpandedRowCount")?;
        let (rows, columns) = read_row_list(r, ctx)?;
        Ok(ExpandRowSuccess {
            expanded_row_count,
            rows,
            columns,
        })
    }
}

impl Encode for ExpandRowSuccess<'_> {
    fn encoded_len(&self) -> usize {
        6 + rows_len(&self.rows)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.expanded_row_count.encode(out)?;
        put_row_list(&self.rows, out)
    }
}

impl ToTree for ExpandRowSuccess<'_> {
    fn to_tree(&self) -> Tree {
        let count = Tree::UInt(self.expanded_row_count.into());
        row_list_tree(
            Tree::record().field("ExpandedRowCount", count),
            &self.rows,
            &self.columns,
        )
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.16.2 RopExpandRow response (failure: 2.2.5.16.3).
    pub struct ExpandRowResponse<'a> {
        id: EXPAND_ROW,
        handle: Input,
        success: ExpandRowSuccess<'a>,
        failure: NoFields,
    }
}

// ---- 2.2.5.17 RopCollapseRow ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.17.1 RopCollapseRow request: collapses a category.
    pub struct CollapseRowRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// CategoryId: the PidTagInstID of the category's header row.
        category_id: u64 => "CategoryId" as id64,
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.17.2 RopCollapseRow success fields.
    pub struct CollapseRowSuccess {
        /// CollapsedRowCount: the rows in the collapsed category.
        collapsed_row_count: u32 => "CollapsedRowCount",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.17.2 RopCollapseRow response (failure: 2.2.5.17.3).
    pub struct CollapseRowResponse {
        id: COLLAPSE_ROW,
        handle: Input,
        success: CollapseRowSuccess,
        failure: NoFields,
    }
}

// ---- 2.2.5.18 RopGetCollapseState ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.18.1 RopGetCollapseState request: the expanded and collapsed state
    /// of a categorized table, with a row kept as its cursor.
    pub struct GetCollapseStateRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// RowId: the row kept as the cursor (its PidTagInstID).
        row_id: u64 => "RowId" as id64,
        /// RowInstanceNumber: that row's PidTagInstanceNum.
        row_instance_number: u32 => "RowInstanceNumber",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.18.2 RopGetCollapseState success fields.
    pub struct GetCollapseStateSuccess<'a> {
        /// CollapseState (CollapseStateSize is its size): opaque to the client.
        collapse_state: Bytes16<'a> => "CollapseState",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.18.2 RopGetCollapseState response (failure: 2.2.5.18.3).
    pub struct GetCollapseStateResponse<'a> {
        id: GET_COLLAPSE_STATE,
        handle: Input,
        success: GetCollapseStateSuccess<'a>,
        failure: NoFields,
    }
}

// ---- 2.2.5.19 RopSetCollapseState ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.19.1 RopSetCollapseState request: restores a state that
    /// RopGetCollapseState returned.
    pub struct SetCollapseStateRequest<'a> {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// CollapseState (CollapseStateSize is its size).
        collapse_state: Bytes16<'a> => "CollapseState",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.19.2 RopSetCollapseState success fields.
    pub struct SetCollapseStateSuccess<'a> {
        /// Bookmark (BookmarkSize is its size): the cursor row of the restored state.
        bookmark: Bytes16<'a> => "Bookmark",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.19.2 RopSetCollapseState response (failure: 2.2.5.19.3).
    pub struct SetCollapseStateResponse<'a> {
        id: SET_COLLAPSE_STATE,
        handle: Input,
        success: SetCollapseStateSuccess<'a>,
        failure: NoFields,
    }
}

/// The columns kept beside rows are not on the wire: decoding fills them from the table (none
/// when there are no rows and no table), so an arbitrary value keeps them empty without rows.
#[cfg(feature = "arbitrary")]
fn arbitrary_columns(
    u: &mut arbitrary::Unstructured<'_>,
    has_rows: bool,
) -> arbitrary::Result<Vec<PropTag>> {
    if has_rows {
        u.arbitrary()
    } else {
        Ok(Vec::new())
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for QueryRowsSuccess<'a> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let origin = u.arbitrary()?;
        let rows: Vec<PropertyRow<'a>> = u.arbitrary()?;
        let columns = arbitrary_columns(u, !rows.is_empty())?;
        Ok(QueryRowsSuccess {
            origin,
            rows,
            columns,
        })
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for FindRowSuccess<'a> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let row_no_longer_visible = u.arbitrary()?;
        let row: Option<PropertyRow<'a>> = u.arbitrary()?;
        let columns = arbitrary_columns(u, row.is_some())?;
        Ok(FindRowSuccess {
            row_no_longer_visible,
            row,
            columns,
        })
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for ExpandRowSuccess<'a> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let expanded_row_count = u.arbitrary()?;
        let rows: Vec<PropertyRow<'a>> = u.arbitrary()?;
        let columns = arbitrary_columns(u, !rows.is_empty())?;
        Ok(ExpandRowSuccess {
            expanded_row_count,
            rows,
            columns,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{PropType, PropertyValue, RowValue};
    use crate::rop::{RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer, Session};
    #[allow(unused_imports)]
    use crate::wire::DecodeWith;
    use crate::wire::Limits;

    /// A ROP buffer: RopSize, the ROPs, the handle table.
    fn buf(rops: &[&[u8]], handles: &[u32]) -> Vec<u8> {
        let list: Vec<u8> = rops.concat();
        let mut b = u16::try_from(2 + list.len())
            .unwrap()
            .to_le_bytes()
            .to_vec();
        b.extend(list);
        for h in handles {
            b.extend(h.to_le_bytes());
        }
        b
    }

    fn req(b: &[u8]) -> RopRequestBuffer<'_> {
        RopRequestBuffer::decode_exact(b, Limits::DEFAULT).unwrap()
    }

    fn resp<'a>(b: &'a [u8], rq: &'a RopRequestBuffer<'a>) -> RopResponseBuffer<'a> {
        RopResponseBuffer::decode_with_exact(b, rq, Limits::DEFAULT).unwrap()
    }

    /// RopSetColumns on index 0: PidTagSubject (PtypString), PidTagMessageSize (PtypInteger32).
    const SET_COLUMNS: &[u8] = &[
        0x12, 0x00, 0x00, 0x00, 0x02, 0x00, 0x1F, 0x00, 0x37, 0x00, 0x03, 0x00, 0x08, 0x0E,
    ];
    /// RopQueryRows on index 0: advance, forwards, at most 10 rows.
    const QUERY_ROWS: &[u8] = &[0x15, 0x00, 0x00, 0x00, 0x01, 0x0A, 0x00];
    /// Its success response: BOOKMARK_END, one standard row ("Hi", 42).
    const QUERY_ROWS_RESPONSE: &[u8] = &[
        0x15, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00, 0x00, 0x48, 0x00, 0x69, 0x00, 0x00,
        0x00, 0x2A, 0x00, 0x00, 0x00,
    ];
    const SET_COLUMNS_RESPONSE: &[u8] = &[0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];

    #[test]
    fn every_request_round_trips() {
        let rops: &[&[u8]] = &[
            SET_COLUMNS,
            // RopSortTable: flags 0, one sort order, no categories.
            &[
                0x13, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x06, 0x0E,
                0x01,
            ],
            // RopRestrict: ExistRestriction on PidTagSubject (5 bytes).
            &[
                0x14, 0x00, 0x00, 0x00, 0x05, 0x00, 0x08, 0x1F, 0x00, 0x37, 0x00,
            ],
            // RopRestrict without a restriction.
            &[0x14, 0x00, 0x00, 0x01, 0x00, 0x00],
            QUERY_ROWS,
            &[0x38, 0x00, 0x00],
            &[0x16, 0x00, 0x00],
            &[0x17, 0x00, 0x00],
            // RopSeekRow: BOOKMARK_END, -3, want the count.
            &[0x18, 0x00, 0x00, 0x02, 0xFD, 0xFF, 0xFF, 0xFF, 0x01],
            // RopSeekRowBookmark: 2-byte bookmark, +5, no count.
            &[
                0x19, 0x00, 0x00, 0x02, 0x00, 0xAA, 0xBB, 0x05, 0x00, 0x00, 0x00, 0x00,
            ],
            &[
                0x1A, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
            ],
            &[0x1B, 0x00, 0x00],
            &[0x37, 0x00, 0x00],
            // RopFindRow: backwards, ExistRestriction, BOOKMARK_CUSTOM with a 1-byte bookmark.
            &[
                0x4F, 0x00, 0x00, 0x01, 0x05, 0x00, 0x08, 0x1F, 0x00, 0x37, 0x00, 0x03, 0x01, 0x00,
                0x07,
            ],
            &[0x89, 0x00, 0x00, 0x01, 0x00, 0x07],
            &[0x81, 0x00, 0x00],
            &[0x59, 0x00, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5, 6, 7, 8],
            &[0x5A, 0x00, 0x00, 1, 2, 3, 4, 5, 6, 7, 8],
            &[
                0x6B, 0x00, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 0x01, 0x00, 0x00, 0x00,
            ],
            &[0x6C, 0x00, 0x00, 0x03, 0x00, 0xC1, 0xC2, 0xC3],
        ];
        let b = buf(rops, &[0x0000_1234]);
        let r = req(&b);
        assert_eq!(r.rops.len(), rops.len());
        assert!(r.raw.is_none());
        assert_eq!(r.to_bytes().unwrap(), b);
        match &r.rops[8] {
            RopRequest::SeekRow(s) => {
                assert_eq!(s.row_count, -3);
                assert!(s.want_row_moved_count);
            }
            other => panic!("{other:?}"),
        }
        match &r.rops[13] {
            RopRequest::FindRow(f) => {
                assert!(matches!(f.restriction.0, Some(Restriction::Exist { .. })));
                assert_eq!(f.origin, 0x03);
                assert_eq!(&f.bookmark.0[..], &[0x07]);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&r.rops[3], RopRequest::Restrict(x) if x.restriction.0.is_none()));
        for n in 0..b.len() {
            assert!(
                RopRequestBuffer::decode_exact(&b[..n], Limits::DEFAULT).is_err(),
                "{n}"
            );
        }
        let t = r.to_tree().to_text();
        assert!(t.contains("BOOKMARK_CUSTOM"), "{t}");
        assert!(t.contains("RestrictionDataSize"), "{t}");
    }

    #[test]
    fn restriction_must_fill_its_size() {
        // RestrictionDataSize 6 around a 5-byte ExistRestriction: one byte left inside.
        let rop = [
            0x14, 0x00, 0x00, 0x00, 0x06, 0x00, 0x08, 0x1F, 0x00, 0x37, 0x00, 0x00,
        ];
        let b = buf(&[&rop], &[1]);
        let e = RopRequestBuffer::decode_exact(&b, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "trailing-bytes");
        assert_eq!(e.offset(), 2 + 11);
        assert!(
            e.path_string().contains("RestrictionData"),
            "{}",
            e.path_string()
        );
        // RestrictionDataSize 4: the restriction runs past it.
        let rop = [
            0x14, 0x00, 0x00, 0x00, 0x04, 0x00, 0x08, 0x1F, 0x00, 0x37, 0x00,
        ];
        let b = buf(&[&rop], &[1]);
        let e = RopRequestBuffer::decode_exact(&b, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        // RestrictionDataSize past the end of the buffer.
        let rop = [0x14, 0x00, 0x00, 0x00, 0xFF, 0x00, 0x08];
        let b = buf(&[&rop], &[1]);
        let e = RopRequestBuffer::decode_exact(&b, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        assert_eq!(e.offset(), 2 + 6);
        assert_eq!(e.path_string(), "RopsList[0].RopRestrict.RestrictionData");
        // RestrictionDataSize itself cut short.
        let rop = [0x14, 0x00, 0x00, 0x00, 0x05];
        let b = buf(&[&rop], &[1]);
        let e = RopRequestBuffer::decode_exact(&b, Limits::DEFAULT).unwrap_err();
        assert_eq!(
            e.path_string(),
            "RopsList[0].RopRestrict.RestrictionData.RestrictionDataSize"
        );
    }

    #[test]
    fn codes_name_their_values() {
        assert_eq!(TableStatus(0x0E).name(), Some("TBLSTAT_RESTRICTING"));
        assert_eq!(TableStatus(0x01).name(), None);
        assert_eq!(Bookmark::CUSTOM.name(), Some("BOOKMARK_CUSTOM"));
        assert_eq!(format!("{:?}", Bookmark(0x07)), "Bookmark(0x07)");
        assert_eq!(origin(&0x02), Bookmark::END.to_tree());
    }

    #[test]
    fn sort_table_counts_are_checked() {
        // CategoryCount 2 with one sort order.
        let rop = [
            0x13, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x40, 0x00, 0x06, 0x0E,
            0x01,
        ];
        let b = buf(&[&rop], &[1]);
        let e = RopRequestBuffer::decode_exact(&b, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "invalid-value");
        assert_eq!(e.offset(), 2 + 6);
        // SortOrderCount larger than the bytes left: refused before allocating.
        let rop = [0x13, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00];
        let b = buf(&[&rop], &[1]);
        let e = RopRequestBuffer::decode_exact(&b, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "count-too-large");
        assert_eq!(e.offset(), 2 + 4);
    }

    #[test]
    fn rows_use_the_columns_of_an_earlier_set_columns() {
        let rq = buf(&[SET_COLUMNS, QUERY_ROWS], &[0x55]);
        let rs = buf(&[SET_COLUMNS_RESPONSE, QUERY_ROWS_RESPONSE], &[0x55]);
        let rq = req(&rq);
        let r = resp(&rs, &rq);
        assert!(r.raw.is_none());
        match &r.rops[1] {
            RopResponse::QueryRows(q) => match &q.body {
                crate::rop::Outcome::Success(s) => {
                    assert_eq!(s.origin, 0x02);
                    assert_eq!(s.columns, vec![PropTag::SUBJECT, PropTag::MESSAGE_SIZE]);
                    assert_eq!(
                        s.rows[0].values[1],
                        RowValue::Value(PropertyValue::Integer32(42))
                    );
                }
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
        assert_eq!(r.to_bytes().unwrap(), rs);
        for n in 0..rs.len() {
            assert!(
                RopResponseBuffer::decode_with_exact(&rs[..n], &rq, Limits::DEFAULT).is_err(),
                "{n}"
            );
        }
    }

    #[test]
    fn query_rows_across_execute_calls_through_the_session() {
        // First Execute: RopSetColumns on the table whose handle is 0x55.
        let rq1 = buf(&[SET_COLUMNS], &[0x55]);
        let rs1 = buf(&[SET_COLUMNS_RESPONSE], &[0x55]);
        // Second Execute: RopQueryRows on the same handle, nothing else in the buffer.
        let rq2 = buf(&[QUERY_ROWS], &[0x55]);
        let rs2 = buf(&[QUERY_ROWS_RESPONSE], &[0x55]);

        let mut session = Session::new();
        session.decode_execute(&rq1, &rs1, Limits::DEFAULT).unwrap();
        assert_eq!(
            session.columns(0x55),
            Some(&[PropTag::SUBJECT, PropTag::MESSAGE_SIZE][..])
        );
        let (_, r) = session.decode_execute(&rq2, &rs2, Limits::DEFAULT).unwrap();
        assert!(r.raw.is_none());
        match &r.rops[..] {
            [RopResponse::QueryRows(q)] => match &q.body {
                crate::rop::Outcome::Success(s) => {
                    assert_eq!(s.rows.len(), 1);
                    assert_eq!(s.columns, vec![PropTag::SUBJECT, PropTag::MESSAGE_SIZE]);
                    let t = s.to_tree().to_text();
                    assert!(t.contains("Hi"), "{t}");
                }
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
        assert_eq!(r.to_bytes().unwrap(), rs2);

        // A session that never saw the RopSetColumns keeps the rows raw, with the reason.
        let mut fresh = Session::new();
        let (_, r) = fresh.decode_execute(&rq2, &rs2, Limits::DEFAULT).unwrap();
        assert!(r.rops.is_empty());
        let raw = r.raw.as_ref().expect("raw rest");
        assert_eq!(raw.rop_id, crate::rop::RopId::QUERY_ROWS);
        assert!(
            raw.reason.to_string().contains("RopSetColumns"),
            "{}",
            raw.reason
        );
        assert_eq!(&raw.bytes[..], QUERY_ROWS_RESPONSE);
        assert_eq!(r.to_bytes().unwrap(), rs2);

        // A different handle in the same slot is a different table: no columns either.
        let rq3 = buf(&[QUERY_ROWS], &[0x56]);
        let rs3 = buf(&[QUERY_ROWS_RESPONSE], &[0x56]);
        let (_, r) = session.decode_execute(&rq3, &rs3, Limits::DEFAULT).unwrap();
        assert!(r.raw.is_some());
    }

    #[test]
    fn zero_rows_need_no_columns() {
        let rq = buf(&[QUERY_ROWS], &[0x55]);
        let rs = buf(
            &[&[0x15, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00]],
            &[0x55],
        );
        let rq = req(&rq);
        let r = resp(&rs, &rq);
        assert!(r.raw.is_none());
        assert_eq!(r.to_bytes().unwrap(), rs);
        // Same for RopExpandRow and a RopFindRow without RowData.
        let rq = buf(
            &[
                &[0x59, 0x00, 0x00, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 0, 0],
                &[0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
            ],
            &[0x55],
        );
        let rs = buf(
            &[
                &[
                    0x59, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00,
                ],
                &[0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00],
            ],
            &[0x55],
        );
        let rq = req(&rq);
        let r = resp(&rs, &rq);
        assert!(r.raw.is_none(), "{:?}", r.raw);
        assert_eq!(r.rops.len(), 2);
        assert_eq!(r.to_bytes().unwrap(), rs);
    }

    #[test]
    fn find_row_and_expand_row_rows() {
        let rq = buf(
            &[
                SET_COLUMNS,
                &[0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00],
                &[0x59, 0x00, 0x00, 0x05, 0x00, 1, 0, 0, 0, 0, 0, 0, 0],
            ],
            &[0x55],
        );
        let rs = buf(
            &[
                SET_COLUMNS_RESPONSE,
                // RopFindRow: visible, a flagged row ("" present, size missing).
                &[
                    0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x01,
                ],
                // RopExpandRow: 7 rows in the category, two returned.
                &[
                    0x59, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x02,
                    0x00, // RowCount
                    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, // "", 1
                    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, // "", 2
                ],
            ],
            &[0x55],
        );
        let rq = req(&rq);
        let r = resp(&rs, &rq);
        assert!(r.raw.is_none(), "{:?}", r.raw);
        match &r.rops[1] {
            RopResponse::FindRow(f) => match &f.body {
                crate::rop::Outcome::Success(s) => {
                    assert!(!s.row_no_longer_visible);
                    assert!(s.row.as_ref().unwrap().flagged);
                }
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
        match &r.rops[2] {
            RopResponse::ExpandRow(x) => match &x.body {
                crate::rop::Outcome::Success(s) => {
                    assert_eq!(s.expanded_row_count, 7);
                    assert_eq!(s.rows.len(), 2);
                }
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
        assert_eq!(r.to_bytes().unwrap(), rs);
        for n in 0..rs.len() {
            assert!(
                RopResponseBuffer::decode_with_exact(&rs[..n], &rq, Limits::DEFAULT).is_err(),
                "{n}"
            );
        }
        // Without the RopSetColumns the RopFindRow row is kept raw.
        let rq2 = buf(
            &[&[0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00]],
            &[0x55],
        );
        let rs2 = buf(
            &[&[
                0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x01,
            ]],
            &[0x55],
        );
        let rq2 = req(&rq2);
        let r = resp(&rs2, &rq2);
        assert_eq!(r.raw.as_ref().unwrap().rop_id, crate::rop::RopId::FIND_ROW);
        // HasRowData must be a Boolean.
        let rs3 = buf(
            &[&[0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02]],
            &[0x55],
        );
        let e = RopResponseBuffer::decode_with_exact(&rs3, &rq2, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "invalid-value");
        assert_eq!(e.offset(), 2 + 7);
    }

    #[test]
    fn every_response_layout() {
        let rq = buf(
            &[
                &[0x13, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
                &[0x14, 0x00, 0x00, 0x00, 0x00, 0x00],
                &[0x38, 0x00, 0x00],
                &[0x16, 0x00, 0x00],
                &[0x17, 0x00, 0x00],
                &[0x18, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01],
                &[0x19, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01],
                &[
                    0x1A, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
                ],
                &[0x1B, 0x00, 0x00],
                &[0x37, 0x00, 0x00],
                &[0x89, 0x00, 0x00, 0x00, 0x00],
                &[0x81, 0x00, 0x00],
                &[0x5A, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 0, 0],
                &[0x6B, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                &[0x6C, 0x00, 0x00, 0x00, 0x00],
                // A failure: RopQueryRows with ecNotSupported has no fields after ReturnValue.
                QUERY_ROWS,
            ],
            &[0x55],
        );
        let rs = buf(
            &[
                &[0x13, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09],
                &[0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0E],
                &[0x38, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
                &[0x16, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0B],
                &[
                    0x17, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00,
                    0x00,
                ],
                &[
                    0x18, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00,
                ],
                &[
                    0x19, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xFE, 0xFF, 0xFF, 0xFF,
                ],
                &[0x1A, 0x00, 0x00, 0x00, 0x00, 0x00],
                &[0x1B, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0xB1, 0xB2],
                &[
                    0x37, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x1F, 0x00, 0x37, 0x00,
                ],
                &[0x89, 0x00, 0x00, 0x00, 0x00, 0x00],
                &[0x81, 0x00, 0x00, 0x00, 0x00, 0x00],
                &[0x5A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00],
                &[0x6B, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0xCC],
                &[0x6C, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0xDD],
                &[0x15, 0x00, 0x02, 0x01, 0x04, 0x80],
            ],
            &[0x55],
        );
        let rq = req(&rq);
        let r = resp(&rs, &rq);
        assert!(r.raw.is_none(), "{:?}", r.raw);
        assert_eq!(r.rops.len(), 16);
        assert_eq!(r.to_bytes().unwrap(), rs);
        assert_eq!(r.rops[15].succeeded(), Some(false));
        let t = r.to_tree().to_text();
        assert!(t.contains("TBLSTAT_SORTING"), "{t}");
        assert!(t.contains("TBLSTAT_RESTRICTING"), "{t}");
        match &r.rops[6] {
            RopResponse::SeekRowBookmark(x) => match &x.body {
                crate::rop::Outcome::Success(s) => assert_eq!(s.rows_sought, -2),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
        for n in 0..rs.len() {
            assert!(
                RopResponseBuffer::decode_with_exact(&rs[..n], &rq, Limits::DEFAULT).is_err(),
                "{n}"
            );
        }
    }

    #[test]
    fn encode_checks_sizes() {
        let r = FreeBookmarkRequest {
            logon_id: 0,
            input_handle_index: 0,
            bookmark: Bytes16(vec![0u8; 0x1_0000].into()),
        };
        assert!(r.to_bytes().is_err());
        let s = QueryRowsSuccess {
            origin: 0,
            rows: vec![
                PropertyRow {
                    flagged: false,
                    values: vec![]
                };
                0x1_0000
            ],
            columns: vec![],
        };
        assert!(s.to_bytes().is_err());
        let _ = PropType::NULL;
    }
}
