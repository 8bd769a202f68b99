//! [MS-OXCROPS] 2.2.5.16 RopExpandRow, 2.2.5.17 RopCollapseRow, 2.2.5.18
//! RopGetCollapseState and 2.2.5.19 RopSetCollapseState: the categories of a categorized
//! table.

use super::{CreateBookmarkSuccess, RowList};
use crate::rop::context::ResponseCtx;
use crate::rop::field::{rop_request, rop_response, Bytes16};
use crate::tree::Tree;
use crate::wire::wire_struct;

/// Tree of an 8-byte identifier (CategoryId, RowId) in hex.
fn id64(v: &u64) -> Tree {
    Tree::Hex(*v)
}

// ---- 2.2.5.16 RopExpandRow ----

rop_request! {
    /// [MS-OXCROPS] 2.2.5.16.1 RopExpandRow request: expands a category of a categorized
    /// table.
    pub struct ExpandRowRequest {
        /// InputHandleIndex: the table.
        input_handle_index: Input,
        /// MaxRowCount: the most expanded rows to return (SHOULD be 0, [MS-OXCTABL]
        /// 2.2.2.17.1).
        max_row_count: u16 => "MaxRowCount",
        /// CategoryId: the PidTagInstID of the category's header row.
        category_id: u64 => "CategoryId" as id64,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.16.2 RopExpandRow success fields: ExpandedRowCount, RowCount, RowData
    /// (PropertyRows of the table's columns).
    pub struct ExpandRowSuccess<'a> in ctx: ResponseCtx<'c, 'a> {
        /// ExpandedRowCount: the rows in the expanded category.
        expanded_row_count: u32 => "ExpandedRowCount",
        /// RowCount and RowData, with the columns the rows were decoded with.
        rows: RowList<'a> => "" { ctx flatten },
    }
}

// ---- 2.2.5.17 RopCollapseRow ----

rop_request! {
    /// [MS-OXCROPS] 2.2.5.17.1 RopCollapseRow request: collapses a category.
    pub struct CollapseRowRequest {
        /// InputHandleIndex: the table.
        input_handle_index: Input,
        /// CategoryId: the PidTagInstID of the category's header row.
        category_id: u64 => "CategoryId" as id64,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.17.2 RopCollapseRow success fields.
    pub struct CollapseRowSuccess {
        /// CollapsedRowCount: the rows in the collapsed category.
        collapsed_row_count: u32 => "CollapsedRowCount",
    }
}

// ---- 2.2.5.18 RopGetCollapseState ----

rop_request! {
    /// [MS-OXCROPS] 2.2.5.18.1 RopGetCollapseState request: the expanded and collapsed state
    /// of a categorized table, with a row kept as its cursor.
    pub struct GetCollapseStateRequest {
        /// InputHandleIndex: the table.
        input_handle_index: Input,
        /// RowId: the row kept as the cursor (its PidTagInstID).
        row_id: u64 => "RowId" as id64,
        /// RowInstanceNumber: that row's PidTagInstanceNum.
        row_instance_number: u32 => "RowInstanceNumber",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.18.2 RopGetCollapseState success fields.
    pub struct GetCollapseStateSuccess<'a> {
        /// CollapseState (CollapseStateSize is its size): opaque to the client.
        collapse_state: Bytes16<'a> => "CollapseState",
    }
}

// ---- 2.2.5.19 RopSetCollapseState ----

rop_request! {
    /// [MS-OXCROPS] 2.2.5.19.1 RopSetCollapseState request: restores a state that
    /// RopGetCollapseState returned.
    pub struct SetCollapseStateRequest<'a> {
        /// InputHandleIndex: the table.
        input_handle_index: Input,
        /// CollapseState (CollapseStateSize is its size).
        collapse_state: Bytes16<'a> => "CollapseState",
    }
}

/// [MS-OXCROPS] 2.2.5.19.2 RopSetCollapseState success fields: those of RopCreateBookmark,
/// the Bookmark of the cursor row of the restored state.
pub type SetCollapseStateSuccess<'a> = CreateBookmarkSuccess<'a>;

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.5.16.2 RopExpandRow response (failure: 2.2.5.16.3).
    ExpandRowResponse<'a> = EXPAND_ROW { handle: Input, success: ExpandRowSuccess<'a> }

    /// [MS-OXCROPS] 2.2.5.17.2 RopCollapseRow response (failure: 2.2.5.17.3).
    CollapseRowResponse = COLLAPSE_ROW { handle: Input, success: CollapseRowSuccess }

    /// [MS-OXCROPS] 2.2.5.18.2 RopGetCollapseState response (failure: 2.2.5.18.3).
    GetCollapseStateResponse<'a> = GET_COLLAPSE_STATE { handle: Input, success: GetCollapseStateSuccess<'a> }

    /// [MS-OXCROPS] 2.2.5.19.2 RopSetCollapseState response (failure: 2.2.5.19.3).
    SetCollapseStateResponse<'a> = SET_COLLAPSE_STATE { handle: Input, success: SetCollapseStateSuccess<'a> }
}
