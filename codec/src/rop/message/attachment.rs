//! [MS-OXCROPS] 2.2.6.12 RopOpenAttachment, 2.2.6.13 RopCreateAttachment, 2.2.6.14
//! RopDeleteAttachment, 2.2.6.15 RopSaveChangesAttachment, 2.2.6.17 RopGetAttachmentTable,
//! 2.2.6.18 RopGetValidAttachments: fixed layouts.

use super::open::SaveChangesMessageRequest;
use crate::rop::field::{
    hex8, rop_request, rop_response, InputOnlyRequest, InputOutputRequest, List16,
};
use crate::rop::folder::GetHierarchyTableRequest;
use crate::wire::wire_struct;

// ---- 2.2.6.12 - 2.2.6.15 attachments ----

rop_request! {
    /// [MS-OXCROPS] 2.2.6.12.1 RopOpenAttachment request.
    pub struct OpenAttachmentRequest {
        /// InputHandleIndex: the Message object.
        input_handle_index: Input,
        /// OutputHandleIndex: where the Attachment object's handle goes.
        output_handle_index: Output,
        /// OpenAttachmentFlags ([MS-OXCMSG] 2.2.3.12.1): 0x00 ReadOnly, 0x01 ReadWrite, 0x02
        /// BestAccess.
        open_attachment_flags: u8 => "OpenAttachmentFlags" as hex8,
        /// AttachmentID: the attachment to open.
        attachment_id: u32 => "AttachmentID",
    }
}

/// [MS-OXCROPS] 2.2.6.13.1 RopCreateAttachment request. The fields of [`InputOutputRequest`]
/// (InputHandleIndex: the Message object; OutputHandleIndex: where the new Attachment object's
/// handle goes).
pub type CreateAttachmentRequest = InputOutputRequest;

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.13.2 RopCreateAttachment success fields.
    pub struct CreateAttachmentSuccess {
        /// AttachmentID: the new attachment's id.
        attachment_id: u32 => "AttachmentID",
    }
}

rop_request! {
    /// [MS-OXCROPS] 2.2.6.14.1 RopDeleteAttachment request.
    pub struct DeleteAttachmentRequest {
        /// InputHandleIndex: the Message object.
        input_handle_index: Input,
        /// AttachmentID: the attachment to delete.
        attachment_id: u32 => "AttachmentID",
    }
}

/// [MS-OXCROPS] 2.2.6.15.1 RopSaveChangesAttachment request: the layout of
/// RopSaveChangesMessage's (2.2.6.3.1), with the Attachment object to save at
/// InputHandleIndex.
pub type SaveChangesAttachmentRequest = SaveChangesMessageRequest;

// ---- 2.2.6.17 RopGetAttachmentTable, 2.2.6.18 RopGetValidAttachments ----

/// [MS-OXCROPS] 2.2.6.17.1 RopGetAttachmentTable request: the fields of RopGetHierarchyTable,
/// with the Message object at InputHandleIndex. TableFlags ([MS-OXCMSG] 2.2.3.17.1): 0x40
/// Unicode.
pub type GetAttachmentTableRequest = GetHierarchyTableRequest;

/// [MS-OXCROPS] 2.2.6.18.1 RopGetValidAttachments request. The fields of [`InputOnlyRequest`]
/// (InputHandleIndex: the Message object).
pub type GetValidAttachmentsRequest = InputOnlyRequest;

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.18.2 RopGetValidAttachments success fields.
    pub struct GetValidAttachmentsSuccess {
        /// AttachmentIdArray (AttachmentIdCount is their number): the valid attachments' ids.
        attachment_ids: List16<u32> => "AttachmentIdArray",
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.6.12.2 RopOpenAttachment response.
    OpenAttachmentResponse = OPEN_ATTACHMENT,
    /// [MS-OXCROPS] 2.2.6.17.2 RopGetAttachmentTable response.
    GetAttachmentTableResponse = GET_ATTACHMENT_TABLE { handle: Output }

    /// [MS-OXCROPS] 2.2.6.13.2 RopCreateAttachment response (failure: 2.2.6.13.3).
    CreateAttachmentResponse = CREATE_ATTACHMENT { handle: Output, success: CreateAttachmentSuccess }

    /// [MS-OXCROPS] 2.2.6.14.2 RopDeleteAttachment response.
    DeleteAttachmentResponse = DELETE_ATTACHMENT { handle: Input }

    /// [MS-OXCROPS] 2.2.6.15.2 RopSaveChangesAttachment response.
    SaveChangesAttachmentResponse = SAVE_CHANGES_ATTACHMENT { handle: Response }

    /// [MS-OXCROPS] 2.2.6.18.2 RopGetValidAttachments response (failure: 2.2.6.18.3).
    GetValidAttachmentsResponse = GET_VALID_ATTACHMENTS { handle: Input, success: GetValidAttachmentsSuccess }
}
