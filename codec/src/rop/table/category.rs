//! [MS-OXCROPS] 2.2.5.16 RopExpandRow, 2.2.5.17 RopCollapseRow, 2.2.5.18
//! RopGetCollapseState and 2.2.5.19 RopSetCollapseState: the categories of a categorized
//! table.

use super::RowList;
use crate::rop::context::ResponseCtx;
use crate::rop::field::{rop_response, Bytes16, NoFields};
use crate::tree::Tree;
use crate::wire::wire_struct;

/// Tree of an 8-byte identifier (CategoryId, RowId) in hex.
fn id64(v: &u64) -> Tree {
    Tree::Hex(*v)
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

wire_struct! {
    /// [MS-OXCROPS] 2.2.5.16.2 RopExpandRow success fields: ExpandedRowCount, RowCount, RowData
    /// (PropertyRows of the table's columns).
    pub struct ExpandRowSuccess<'a> in ctx: ResponseCtx<'c> {
        /// ExpandedRowCount: the rows in the expanded category.
        expanded_row_count: u32 => "ExpandedRowCount",
        /// RowCount and RowData, with the columns the rows were decoded with.
        rows: RowList<'a> => "" { ctx flatten },
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
