//! [MS-OXCROPS] 2.2.5.7 RopQueryPosition, 2.2.5.8 RopSeekRow, 2.2.5.9 RopSeekRowBookmark,
//! 2.2.5.10 RopSeekRowFractional, 2.2.5.11 RopCreateBookmark and 2.2.5.14 RopFreeBookmark:
//! where a table's cursor is, how it moves, and the bookmarks that mark a row.

use super::origin;
use crate::rop::field::{rop_request, rop_response, Bytes16, InputOnlyRequest};
use crate::wire::wire_struct;
use crate::wire::Bool8;

// ---- 2.2.5.7 RopQueryPosition ----

/// [MS-OXCROPS] 2.2.5.7.1 RopQueryPosition request: where the cursor is. The fields of
/// [`InputOnlyRequest`] (InputHandleIndex: the table).
pub type QueryPositionRequest = InputOnlyRequest;

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.7.2 RopQueryPosition success fields.
    pub struct QueryPositionSuccess {
        /// Numerator: the index of the current row (0-based).
        numerator: u32 => "Numerator",
        /// Denominator: the number of rows in the table.
        denominator: u32 => "Denominator",
    }
}

// ---- 2.2.5.8 RopSeekRow ----

rop_request! {
    /// [MS-OXCROPS] 2.2.5.8.1 RopSeekRow request: moves the cursor RowCount rows from a
    /// predefined bookmark.
    pub struct SeekRowRequest {
        /// InputHandleIndex: the table.
        input_handle_index: Input,
        /// Origin: the predefined bookmark to start from ([MS-OXCTABL] 2.2.2.1.1).
        origin: u8 => "Origin" as origin,
        /// RowCount: rows to move, negative to move backwards.
        row_count: i32 => "RowCount",
        /// WantRowMovedCount: whether the server reports how far it moved.
        want_row_moved_count: Bool8 => "WantRowMovedCount",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.8.2 RopSeekRow success fields. Both are always present; they are
    /// meaningful only when the request's WantRowMovedCount was set ([MS-OXCTABL] 2.2.2.9.2).
    pub struct SeekRowSuccess {
        /// HasSoughtLess: fewer rows were moved than requested.
        has_sought_less: Bool8 => "HasSoughtLess",
        /// RowsSought: rows moved, negative when backwards.
        rows_sought: i32 => "RowsSought",
    }
}

// ---- 2.2.5.9 RopSeekRowBookmark ----

rop_request! {
    /// [MS-OXCROPS] 2.2.5.9.1 RopSeekRowBookmark request: moves the cursor RowCount rows from
    /// a bookmark made by RopCreateBookmark.
    pub struct SeekRowBookmarkRequest<'a> {
        /// InputHandleIndex: the table.
        input_handle_index: Input,
        /// Bookmark (BookmarkSize is its size).
        bookmark: Bytes16<'a> => "Bookmark",
        /// RowCount: rows to move, negative to move backwards.
        row_count: i32 => "RowCount",
        /// WantRowMovedCount: whether the server reports how far it moved.
        want_row_moved_count: Bool8 => "WantRowMovedCount",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.9.2 RopSeekRowBookmark success fields.
    pub struct SeekRowBookmarkSuccess {
        /// RowNoLongerVisible: the bookmarked row is gone; the seek started at the next row.
        row_no_longer_visible: Bool8 => "RowNoLongerVisible",
        /// HasSoughtLess: fewer rows were moved than requested.
        has_sought_less: Bool8 => "HasSoughtLess",
        /// RowsSought: rows moved, negative when backwards. [MS-OXCROPS] 2.2.5.9.2 calls it
        /// an unsigned integer giving "the direction and number of rows sought"; a direction
        /// needs the sign RopSeekRow's RowsSought has ([MS-OXCTABL] 2.2.2.9.2), so it is read
        /// as signed (the bytes are the same either way).
        rows_sought: i32 => "RowsSought",
    }
}

// ---- 2.2.5.10 RopSeekRowFractional ----

rop_request! {
    /// [MS-OXCROPS] 2.2.5.10.1 RopSeekRowFractional request: moves the cursor to the fraction
    /// Numerator / Denominator of the table.
    pub struct SeekRowFractionalRequest {
        /// InputHandleIndex: the table.
        input_handle_index: Input,
        /// Numerator.
        numerator: u32 => "Numerator",
        /// Denominator.
        denominator: u32 => "Denominator",
    }
}

// ---- 2.2.5.11 RopCreateBookmark ----

/// [MS-OXCROPS] 2.2.5.11.1 RopCreateBookmark request: a bookmark at the cursor. The fields of
/// [`InputOnlyRequest`] (InputHandleIndex: the table).
pub type CreateBookmarkRequest = InputOnlyRequest;

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.11.2 RopCreateBookmark success fields (and 2.2.5.19.2
    /// RopSetCollapseState's).
    pub struct CreateBookmarkSuccess<'a> {
        /// Bookmark (BookmarkSize is its size): opaque to the client.
        bookmark: Bytes16<'a> => "Bookmark",
    }
}

// ---- 2.2.5.14 RopFreeBookmark ----

rop_request! {
    /// [MS-OXCROPS] 2.2.5.14.1 RopFreeBookmark request: releases a bookmark.
    pub struct FreeBookmarkRequest<'a> {
        /// InputHandleIndex: the table.
        input_handle_index: Input,
        /// Bookmark (BookmarkSize is its size): one RopCreateBookmark returned.
        bookmark: Bytes16<'a> => "Bookmark",
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.5.7.2 RopQueryPosition response (failure: 2.2.5.7.3).
    QueryPositionResponse = QUERY_POSITION { handle: Input, success: QueryPositionSuccess }

    /// [MS-OXCROPS] 2.2.5.8.2 RopSeekRow response (failure: 2.2.5.8.3).
    SeekRowResponse = SEEK_ROW { handle: Input, success: SeekRowSuccess }

    /// [MS-OXCROPS] 2.2.5.9.2 RopSeekRowBookmark response (failure: 2.2.5.9.3).
    SeekRowBookmarkResponse = SEEK_ROW_BOOKMARK { handle: Input, success: SeekRowBookmarkSuccess }

    /// [MS-OXCROPS] 2.2.5.10.2 RopSeekRowFractional response.
    SeekRowFractionalResponse = SEEK_ROW_FRACTIONAL,
    /// [MS-OXCROPS] 2.2.5.14.2 RopFreeBookmark response.
    FreeBookmarkResponse = FREE_BOOKMARK { handle: Input }

    /// [MS-OXCROPS] 2.2.5.11.2 RopCreateBookmark response (failure: 2.2.5.11.3).
    CreateBookmarkResponse<'a> = CREATE_BOOKMARK { handle: Input, success: CreateBookmarkSuccess<'a> }
}
