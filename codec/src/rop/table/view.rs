//! [MS-OXCROPS] 2.2.5.1 RopSetColumns, 2.2.5.2 RopSortTable, 2.2.5.3 RopRestrict,
//! 2.2.5.5 RopAbort, 2.2.5.6 RopGetStatus, 2.2.5.12 RopQueryColumnsAll and 2.2.5.15
//! RopResetTable: the columns, order and filter of a table, and the state of the operations
//! that change them.

use super::{restriction_fields, table_status, RestrictionData, TableStatus};
use crate::data::{PropTag, SortOrderSet};
use crate::rop::field::{hex8, rop_request, rop_response, InputOnlyRequest, PropTags};
use crate::rop::property::GetPropertiesListSuccess;
use crate::tree::{ToTree, Tree};
use crate::wire::wire_struct;

// ---- 2.2.5.1 RopSetColumns ----

rop_request! {
    /// [MS-OXCROPS] 2.2.5.1.1 RopSetColumns request: the columns of the table's rows.
    pub struct SetColumnsRequest<'a> {
        /// InputHandleIndex: the table.
        input_handle_index: Input,
        /// SetColumnsFlags: 0x00 wait, 0x01 TBL_ASYNC ([MS-OXCTABL] 2.2.2.1.4).
        set_columns_flags: u8 => "SetColumnsFlags" as hex8,
        /// PropertyTags (PropertyTagCount is their number).
        property_tags: PropTags<'a> => "PropertyTags",
    }
}

impl SetColumnsRequest<'static> {
    /// A RopSetColumns of `columns` on the table at `input_handle_index`, synchronous
    /// (SetColumnsFlags 0x00), with LogonId 0.
    ///
    /// ```
    /// use mapi_codec::data::PropTag;
    /// use mapi_codec::rop::table::SetColumnsRequest;
    /// use mapi_codec::rop::RopRequest;
    /// use mapi_codec::wire::Encode;
    ///
    /// let rop = RopRequest::from(SetColumnsRequest::new(1, &[PropTag::SUBJECT]));
    /// assert_eq!(rop.to_bytes().unwrap(), [0x12, 0, 1, 0, 1, 0, 0x1F, 0x00, 0x37, 0x00]);
    /// ```
    pub fn new(input_handle_index: u8, columns: &[PropTag]) -> Self {
        SetColumnsRequest {
            logon_id: 0,
            input_handle_index,
            set_columns_flags: 0,
            property_tags: PropTags::new(columns),
        }
    }
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

impl TableStatusSuccess {
    /// TableStatus `status` (TBLSTAT_COMPLETE for an operation done synchronously).
    pub fn new(status: TableStatus) -> Self {
        TableStatusSuccess {
            table_status: status.0,
        }
    }
}

// ---- 2.2.5.2 RopSortTable ----

/// The tree of the SortOrderSet of a RopSortTable request: SortOrderCount, CategoryCount
/// (the SortOrderSet's CategorizedCount), ExpandedCount and SortOrders.
fn sort_order_fields(s: &SortOrderSet) -> Tree {
    Tree::record()
        .field("SortOrderCount", Tree::UInt(s.sort_orders.len() as u64))
        .field("CategoryCount", Tree::UInt(s.categorized_count.into()))
        .field("ExpandedCount", Tree::UInt(s.expanded_count.into()))
        .field("SortOrders", s.sort_orders.to_tree())
}

rop_request! {
    /// [MS-OXCROPS] 2.2.5.2.1 RopSortTable request: SortTableFlags, then SortOrderCount,
    /// CategoryCount, ExpandedCount and SortOrders, which together are a [MS-OXCDATA] 2.13.2
    /// SortOrderSet (CategoryCount is its CategorizedCount).
    pub struct SortTableRequest {
        /// InputHandleIndex: the table.
        input_handle_index: Input,
        /// SortTableFlags ([MS-OXCTABL] 2.2.2.3.1): 0x00 wait, 0x01 TBL_ASYNC, 0x02 TBL_BATCH.
        sort_table_flags: u8 => "SortTableFlags" as hex8,
        /// SortOrderCount, CategoryCount, ExpandedCount and SortOrders (the SortOrderSet names
        /// its own fields in errors).
        sort_order_set: SortOrderSet => "" as sort_order_fields { flatten },
    }
}

// ---- 2.2.5.3 RopRestrict ----

rop_request! {
    /// [MS-OXCROPS] 2.2.5.3.1 RopRestrict request: the filter of the table's rows.
    pub struct RestrictRequest<'a> {
        /// InputHandleIndex: the table.
        input_handle_index: Input,
        /// RestrictFlags ([MS-OXCTABL] 2.2.2.4.1): 0x00 wait, 0x01 TBL_ASYNC, 0x02 TBL_BATCH.
        restrict_flags: u8 => "RestrictFlags" as hex8,
        /// RestrictionDataSize and RestrictionData; `None` (size 0) removes the restriction.
        restriction: RestrictionData<'a> => "RestrictionData" as restriction_fields { flatten },
    }
}

// ---- 2.2.5.5 RopAbort, 2.2.5.6 RopGetStatus ----

/// [MS-OXCROPS] 2.2.5.5.1 RopAbort request: stops the table's asynchronous operations. The fields
/// of [`InputOnlyRequest`] (InputHandleIndex: the table).
pub type AbortRequest = InputOnlyRequest;

/// [MS-OXCROPS] 2.2.5.6.1 RopGetStatus request: the status of the table's asynchronous operations.
/// The fields of [`InputOnlyRequest`] (InputHandleIndex: the table).
pub type GetStatusRequest = InputOnlyRequest;

// ---- 2.2.5.12 RopQueryColumnsAll ----

/// [MS-OXCROPS] 2.2.5.12.1 RopQueryColumnsAll request: every column the table has. The fields of
/// [`InputOnlyRequest`] (InputHandleIndex: the table).
pub type QueryColumnsAllRequest = InputOnlyRequest;

/// [MS-OXCROPS] 2.2.5.12.2 RopQueryColumnsAll success fields: those of RopGetPropertiesList,
/// PropertyTags being every column of the table.
pub type QueryColumnsAllSuccess = GetPropertiesListSuccess;

// ---- 2.2.5.15 RopResetTable ----

/// [MS-OXCROPS] 2.2.5.15.1 RopResetTable request: resets the table; the client sends a
/// RopSetColumns again before it queries rows ([MS-OXCTABL] 3.1.5). The fields of
/// [`InputOnlyRequest`] (InputHandleIndex: the table).
pub type ResetTableRequest = InputOnlyRequest;

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.5.1.2 RopSetColumns response (failure: 2.2.5.1.3).
    SetColumnsResponse = SET_COLUMNS,
    /// [MS-OXCROPS] 2.2.5.2.2 RopSortTable response (failure: 2.2.5.2.3).
    SortTableResponse = SORT_TABLE,
    /// [MS-OXCROPS] 2.2.5.3.2 RopRestrict response (failure: 2.2.5.3.3).
    RestrictResponse = RESTRICT,
    /// [MS-OXCROPS] 2.2.5.5.2 RopAbort response (failure: 2.2.5.5.3).
    AbortResponse = ABORT,
    /// [MS-OXCROPS] 2.2.5.6.2 RopGetStatus response (failure: 2.2.5.6.3).
    GetStatusResponse = GET_STATUS { handle: Input, success: TableStatusSuccess }

    /// [MS-OXCROPS] 2.2.5.12.2 RopQueryColumnsAll response (failure: 2.2.5.12.3).
    QueryColumnsAllResponse = QUERY_COLUMNS_ALL { handle: Input, success: QueryColumnsAllSuccess }

    /// [MS-OXCROPS] 2.2.5.15.2 RopResetTable response.
    ResetTableResponse = RESET_TABLE { handle: Input }
}
