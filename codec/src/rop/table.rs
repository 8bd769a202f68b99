//! [MS-OXCROPS] 2.2.5 Table ROPs ([MS-OXCTABL] adds the semantics).

use bytes::BufMut;

use super::context::ResponseCtx;
use super::field::{hex8, rop_response, rop_struct, List16, NoFields, ResponseBody};
use crate::data::{PropTag, PropertyRow};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    u16_len, CountWidth, DecodeError, DecodeWith, Encode, EncodeError, EncodeWith, Reader,
    ResultExt,
};

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.1.1 RopSetColumns request: the columns of the table's rows.
    pub struct SetColumnsRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// SetColumnsFlags: 0x00 wait, 0x01 asynchronous ([MS-OXCTABL] 2.2.2.1.1).
        set_columns_flags: u8 => "SetColumnsFlags" as hex8,
        /// PropertyTags (PropertyTagCount is their number).
        property_tags: List16<PropTag> => "PropertyTags",
    }
    handles { "InputHandleIndex": input_handle_index }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.1.2 RopSetColumns success fields.
    pub struct SetColumnsSuccess {
        /// TableStatus ([MS-OXCTABL] 2.2.2.1.3).
        table_status: u8 => "TableStatus" as hex8,
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.1.2 RopSetColumns response (failure: 2.2.5.1.3).
    pub struct SetColumnsResponse {
        id: SET_COLUMNS,
        handle: "InputHandleIndex",
        success: SetColumnsSuccess,
        failure: NoFields,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.4.1 RopQueryRows request.
    pub struct QueryRowsRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the table.
        input_handle_index: u8 => "InputHandleIndex",
        /// QueryRowsFlags: 0x01 NoAdvance, 0x02 EnablePackedBuffers ([MS-OXCTABL] 2.2.2.5.1).
        query_rows_flags: u8 => "QueryRowsFlags" as hex8,
        /// ForwardRead: read forwards (true) or backwards.
        forward_read: bool => "ForwardRead",
        /// RowCount: the most rows to return.
        row_count: u16 => "RowCount",
    }
    handles { "InputHandleIndex": input_handle_index }
}

/// [MS-OXCROPS] 2.2.5.4.2 RopQueryRows success fields: Origin, RowCount, RowData. The rows
/// are PropertyRows of the columns set on the table; [`QueryRowsSuccess::columns`] keeps the
/// tags they were decoded with.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryRowsSuccess<'a> {
    /// Origin: where the cursor ended (BOOKMARK_BEGINNING 0x00, BOOKMARK_CURRENT 0x01,
    /// BOOKMARK_END 0x02; [MS-OXCTABL] 2.2.2.1.1).
    pub origin: u8,
    /// RowData (RowCount is their number).
    pub rows: Vec<PropertyRow<'a>>,
    /// The columns the rows were decoded with (not on the wire).
    pub columns: Vec<PropTag>,
}

/// Reads `n` PropertyRows of `columns` (each row is at least its Flag byte).
pub(crate) fn read_rows<'a>(
    r: &mut Reader<'a>,
    count_at: usize,
    n: u16,
    columns: &[PropTag],
) -> Result<Vec<PropertyRow<'a>>, DecodeError> {
    r.check_count(count_at, n.into(), 1)?;
    let mut rows = Vec::with_capacity(n.into());
    for i in 0..usize::from(n) {
        rows.push(PropertyRow::decode_with_from(r, (columns, CountWidth::U16)).index(i)?);
    }
    Ok(rows)
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

impl<'a> ResponseBody<'a> for QueryRowsSuccess<'a> {
    fn decode_response(r: &mut Reader<'a>, ctx: &ResponseCtx<'_>) -> Result<Self, DecodeError> {
        let origin = r.u8().field("Origin")?;
        let at = r.offset();
        let n = r.u16().field("RowCount")?;
        let columns = ctx.require_columns(r, "the columns set on the table (RopSetColumns)")?;
        let rows = read_rows(r, at, n, columns).field("RowData")?;
        Ok(QueryRowsSuccess {
            origin,
            rows,
            columns: columns.to_vec(),
        })
    }
}

impl Encode for QueryRowsSuccess<'_> {
    fn encoded_len(&self) -> usize {
        3 + rows_len(&self.rows)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.origin.encode(out)?;
        u16_len(self.rows.len(), "RowCount")?.encode(out)?;
        put_rows(&self.rows, out)
    }
}

impl ToTree for QueryRowsSuccess<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("Origin", Tree::UInt(self.origin.into()))
            .field("RowCount", Tree::UInt(self.rows.len() as u64))
            .field("RowData", rows_tree(&self.rows, &self.columns))
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.5.4.2 RopQueryRows response (failure: 2.2.5.4.3).
    pub struct QueryRowsResponse<'a> {
        id: QUERY_ROWS,
        handle: "InputHandleIndex",
        success: QueryRowsSuccess<'a>,
        failure: NoFields,
    }
}
