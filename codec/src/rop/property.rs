//! [MS-OXCROPS] 2.2.8 Property ROPs ([MS-OXCPRPT] adds the semantics).

use bytes::BufMut;

use super::context::ResponseCtx;
use super::field::{rop_response, rop_struct, List16, NoFields, ResponseBody};
use crate::data::{PropTag, PropertyRow};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    CountWidth, DecodeError, DecodeWith, Encode, EncodeError, EncodeWith, Reader, ResultExt,
};

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.3.1 RopGetPropertiesSpecific request.
    pub struct GetPropertiesSpecificRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the object whose properties are read.
        input_handle_index: u8 => "InputHandleIndex",
        /// PropertySizeLimit: the largest value to return (0: the server's default).
        property_size_limit: u16 => "PropertySizeLimit",
        /// WantUnicode: nonzero to get string properties in Unicode.
        want_unicode: u16 => "WantUnicode",
        /// PropertyTags (PropertyTagCount is their number).
        property_tags: List16<PropTag> => "PropertyTags",
    }
    handles { "InputHandleIndex": input_handle_index }
}

/// [MS-OXCROPS] 2.2.8.3.2 RopGetPropertiesSpecific success fields: RowData, one PropertyRow
/// of the requested tags ([`Self::columns`], not on the wire).
#[derive(Clone, Debug, PartialEq)]
pub struct GetPropertiesSpecificSuccess<'a> {
    /// RowData.
    pub row: PropertyRow<'a>,
    /// The requested tags the row was decoded with.
    pub columns: Vec<PropTag>,
}

impl<'a> ResponseBody<'a> for GetPropertiesSpecificSuccess<'a> {
    fn decode_response(r: &mut Reader<'a>, ctx: &ResponseCtx<'_>) -> Result<Self, DecodeError> {
        let columns = ctx.require_columns(r, "the property tags of the request")?;
        let row = PropertyRow::decode_with_from(r, (columns, CountWidth::U16)).field("RowData")?;
        Ok(GetPropertiesSpecificSuccess {
            row,
            columns: columns.to_vec(),
        })
    }
}

impl Encode for GetPropertiesSpecificSuccess<'_> {
    fn encoded_len(&self) -> usize {
        self.row.encoded_len_with(CountWidth::U16)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.row.encode_with(CountWidth::U16, out)
    }
}

impl ToTree for GetPropertiesSpecificSuccess<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record().field("RowData", self.row.to_tree_with_columns(&self.columns))
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.8.3.2 RopGetPropertiesSpecific response (failure: 2.2.8.3.3).
    pub struct GetPropertiesSpecificResponse<'a> {
        id: GET_PROPERTIES_SPECIFIC,
        handle: "InputHandleIndex",
        success: GetPropertiesSpecificSuccess<'a>,
        failure: NoFields,
    }
}
