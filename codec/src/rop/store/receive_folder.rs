//! [MS-OXCROPS] 2.2.3.2 RopGetReceiveFolder, 2.2.3.3 RopSetReceiveFolder and 2.2.3.4
//! RopGetReceiveFolderTable: the folders that receive each message class.

use bytes::BufMut;

use crate::data::{FolderId, PropTags, PropertyRow};
use crate::rop::field::{rop_request, rop_response, InputOnlyRequest};
use crate::rop::table::{rows_len, rows_tree};
use crate::tree::{ToTree, Tree};
use crate::wire::wire_struct;
use crate::wire::{
    u32_len, AnsiStr, CountWidth, Decode, DecodeError, DecodeWith, Encode, EncodeError, EncodeWith,
    Reader, ResultExt,
};

// ---- 2.2.3.2 RopGetReceiveFolder ----

rop_request! {
    /// [MS-OXCROPS] 2.2.3.2.1 RopGetReceiveFolder request: the Receive folder of a message
    /// class.
    pub struct GetReceiveFolderRequest<'a> {
        /// InputHandleIndex: the Logon object.
        input_handle_index: Input,
        /// MessageClass: the message class whose Receive folder is wanted.
        message_class: AnsiStr<'a> => "MessageClass",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.2.2 RopGetReceiveFolder success fields.
    pub struct GetReceiveFolderSuccess<'a> {
        /// FolderId: the Receive folder.
        folder_id: FolderId => "FolderId",
        /// ExplicitMessageClass: the message class actually configured for the folder.
        explicit_message_class: AnsiStr<'a> => "ExplicitMessageClass",
    }
}

// ---- 2.2.3.3 RopSetReceiveFolder ----

rop_request! {
    /// [MS-OXCROPS] 2.2.3.3.1 RopSetReceiveFolder request: sets the Receive folder of a
    /// message class.
    pub struct SetReceiveFolderRequest<'a> {
        /// InputHandleIndex: the Logon object.
        input_handle_index: Input,
        /// FolderId: the Receive folder.
        folder_id: FolderId => "FolderId",
        /// MessageClass: the message class to set the Receive folder for.
        message_class: AnsiStr<'a> => "MessageClass",
    }
}

// ---- 2.2.3.4 RopGetReceiveFolderTable ----

/// [MS-OXCROPS] 2.2.3.4.1 RopGetReceiveFolderTable request. The fields of [`InputOnlyRequest`]
/// (InputHandleIndex: the Logon object).
pub type GetReceiveFolderTableRequest = InputOnlyRequest;

/// The columns of every Receive folder table row ([MS-OXCROPS] 2.2.3.4.2): PidTagFolderId
/// (PtypInteger64), PidTagMessageClass (PtypString8), PidTagLastModificationTime (PtypTime),
/// in that order. [MS-OXCROPS] names the properties without their types; PtypString8 for the
/// message class is the type the receive folder table carries on the wire.
pub static RECEIVE_FOLDER_TABLE_COLUMNS: PropTags<'static> = PropTags::from_static(&[
    0x14, 0x00, 0x48, 0x67, // PidTagFolderId, 0x67480014
    0x1E, 0x00, 0x1A, 0x00, // PidTagMessageClass, 0x001A001E
    0x40, 0x00, 0x08, 0x30, // PidTagLastModificationTime, 0x30080040
]);

/// [MS-OXCROPS] 2.2.3.4.2 RopGetReceiveFolderTable success fields: RowCount (4 bytes) and
/// Rows, PropertyRows of [`RECEIVE_FOLDER_TABLE_COLUMNS`].
///
/// Written by hand: the rows take fixed columns and the tree shows their count.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct GetReceiveFolderTableSuccess<'a> {
    /// Rows (RowCount is their number).
    pub rows: Vec<PropertyRow<'a>>,
}

impl<'a> Decode<'a> for GetReceiveFolderTableSuccess<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let n = r.u32().field("RowCount")?;
        // A row is at least its Flag byte.
        let n = r.check_count(at, n.into(), 1).field("RowCount")?;
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            rows.push(
                PropertyRow::decode_with_from(r, (&RECEIVE_FOLDER_TABLE_COLUMNS, CountWidth::U16))
                    .index(i)
                    .field("Rows")?,
            );
        }
        Ok(GetReceiveFolderTableSuccess { rows })
    }
}

impl Encode for GetReceiveFolderTableSuccess<'_> {
    fn encoded_len(&self) -> usize {
        4 + rows_len(&self.rows)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u32_len(self.rows.len(), "RowCount")?.encode(out)?;
        for (i, row) in self.rows.iter().enumerate() {
            row.encode_with((&RECEIVE_FOLDER_TABLE_COLUMNS, CountWidth::U16), out)
                .index(i)
                .field("Rows")?;
        }
        Ok(())
    }
}

impl ToTree for GetReceiveFolderTableSuccess<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("RowCount", Tree::UInt(self.rows.len() as u64))
            .field("Rows", rows_tree(&self.rows, &RECEIVE_FOLDER_TABLE_COLUMNS))
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.3.2.2 RopGetReceiveFolder response (failure: 2.2.3.2.3).
    GetReceiveFolderResponse<'a> = GET_RECEIVE_FOLDER { handle: Input, success: GetReceiveFolderSuccess<'a> }

    /// [MS-OXCROPS] 2.2.3.3.2 RopSetReceiveFolder response (no fields after ReturnValue).
    SetReceiveFolderResponse = SET_RECEIVE_FOLDER { handle: Input }

    /// [MS-OXCROPS] 2.2.3.4.2 RopGetReceiveFolderTable response (failure: 2.2.3.4.3).
    GetReceiveFolderTableResponse<'a> = GET_RECEIVE_FOLDER_TABLE { handle: Input, success: GetReceiveFolderTableSuccess<'a> }
}

crate::wire::owned_impl!(struct GetReceiveFolderTableSuccess { rows });
