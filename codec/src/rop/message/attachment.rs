//! [MS-OXCROPS] 2.2.6.12 RopOpenAttachment, 2.2.6.13 RopCreateAttachment, 2.2.6.14
//! RopDeleteAttachment, 2.2.6.15 RopSaveChangesAttachment, 2.2.6.17 RopGetAttachmentTable,
//! 2.2.6.18 RopGetValidAttachments: fixed layouts.

use super::open::SaveChangesMessageRequest;
use crate::rop::field::{hex8, rop_response, List16, NoFields};
use crate::wire::wire_struct;

// ---- 2.2.6.12 - 2.2.6.15 attachments ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.12.1 RopOpenAttachment request.
    pub struct OpenAttachmentRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Message object.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the Attachment object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// OpenAttachmentFlags ([MS-OXCMSG] 2.2.3.12.1): 0x00 ReadOnly, 0x01 ReadWrite, 0x02
        /// BestAccess.
        open_attachment_flags: u8 => "OpenAttachmentFlags" as hex8,
        /// AttachmentID: the attachment to open.
        attachment_id: u32 => "AttachmentID",
    }
    handles { Input: input_handle_index, Output: output_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.12.2 RopOpenAttachment response.
    pub struct OpenAttachmentResponse {
        id: OPEN_ATTACHMENT,
        handle: Output,
        success: NoFields,
        failure: NoFields,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.13.1 RopCreateAttachment request.
    pub struct CreateAttachmentRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Message object.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the new Attachment object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
    }
    handles { Input: input_handle_index, Output: output_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.13.2 RopCreateAttachment success fields.
    pub struct CreateAttachmentSuccess {
        /// AttachmentID: the new attachment's id.
        attachment_id: u32 => "AttachmentID",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.13.2 RopCreateAttachment response (failure: 2.2.6.13.3).
    pub struct CreateAttachmentResponse {
        id: CREATE_ATTACHMENT,
        handle: Output,
        success: CreateAttachmentSuccess,
        failure: NoFields,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.14.1 RopDeleteAttachment request.
    pub struct DeleteAttachmentRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Message object.
        input_handle_index: u8 => "InputHandleIndex",
        /// AttachmentID: the attachment to delete.
        attachment_id: u32 => "AttachmentID",
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.14.2 RopDeleteAttachment response.
    pub struct DeleteAttachmentResponse {
        id: DELETE_ATTACHMENT,
        handle: Input,
        success: NoFields,
        failure: NoFields,
    }
}

/// [MS-OXCROPS] 2.2.6.15.1 RopSaveChangesAttachment request: the layout of
/// RopSaveChangesMessage's (2.2.6.3.1), with the Attachment object to save at
/// InputHandleIndex.
pub type SaveChangesAttachmentRequest = SaveChangesMessageRequest;

rop_response! {
    /// [MS-OXCROPS] 2.2.6.15.2 RopSaveChangesAttachment response.
    pub struct SaveChangesAttachmentResponse {
        id: SAVE_CHANGES_ATTACHMENT,
        handle: Response,
        success: NoFields,
        failure: NoFields,
    }
}

// ---- 2.2.6.17 RopGetAttachmentTable, 2.2.6.18 RopGetValidAttachments ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.17.1 RopGetAttachmentTable request.
    pub struct GetAttachmentTableRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Message object.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the Table object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// TableFlags ([MS-OXCMSG] 2.2.3.17.1): 0x40 Unicode.
        table_flags: u8 => "TableFlags" as hex8,
    }
    handles { Input: input_handle_index, Output: output_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.17.2 RopGetAttachmentTable response.
    pub struct GetAttachmentTableResponse {
        id: GET_ATTACHMENT_TABLE,
        handle: Output,
        success: NoFields,
        failure: NoFields,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.18.1 RopGetValidAttachments request.
    pub struct GetValidAttachmentsRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Message object.
        input_handle_index: u8 => "InputHandleIndex",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.18.2 RopGetValidAttachments success fields.
    pub struct GetValidAttachmentsSuccess {
        /// AttachmentIdArray (AttachmentIdCount is their number): the valid attachments' ids.
        attachment_ids: List16<u32> => "AttachmentIdArray",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.18.2 RopGetValidAttachments response (failure: 2.2.6.18.3).
    pub struct GetValidAttachmentsResponse {
        id: GET_VALID_ATTACHMENTS,
        handle: Input,
        success: GetValidAttachmentsSuccess,
        failure: NoFields,
    }
}
