//! [MS-OXCROPS] 2.2.6.1 RopOpenMessage, 2.2.6.2 RopCreateMessage, 2.2.6.3
//! RopSaveChangesMessage.

use crate::wire::Bool8;
use bytes::BufMut;

use super::rows::{read_table, table_len, table_tree, write_table, OpenRecipientRow, RowCount};
use crate::data::{FolderId, MessageId, PropTags, TypedString};
use crate::rop::field::{hex16, hex8, rop_request, rop_response};
use crate::tree::{ToTree, Tree};
use crate::wire::{named_code, wire_struct};
use crate::wire::{Decode, DecodeError, Encode, EncodeError, Reader, ResultExt};

// ---- 2.2.6.1 RopOpenMessage (its success fields serve two more ROPs) ----

rop_request! {
    /// [MS-OXCROPS] 2.2.6.1.1 RopOpenMessage request.
    pub struct OpenMessageRequest {
        /// InputHandleIndex: the folder or logon the message is opened from.
        input_handle_index: Input,
        /// OutputHandleIndex: where the Message object's handle goes.
        output_handle_index: Output,
        /// CodePageId: the code page of the message's 8-bit strings (0x0FFF: the logon's).
        code_page_id: u16 => "CodePageId" as hex16,
        /// FolderId: the folder that holds the message.
        folder_id: FolderId => "FolderId",
        /// OpenModeFlags ([MS-OXCMSG] 2.2.3.1.1): 0x00 ReadOnly, 0x01 ReadWrite, 0x03
        /// BestAccess, 0x04 OpenSoftDeleted.
        open_mode_flags: u8 => "OpenModeFlags" as hex8,
        /// MessageId: the message to open.
        message_id: MessageId => "MessageId",
    }
}

named_code! {
    flags
    /// [MS-OXCMSG] 2.2.3.1.1 OpenModeFlags of a RopOpenMessage request (the byte of
    /// [`OpenMessageRequest::open_mode_flags`], which converts with `u8::from`). ReadOnly is
    /// 0x00, the absence of the others.
    pub struct MessageOpenModeFlags(u8);
    /// BestAccess (0x03): read/write when the user may write to the folder, else read-only.
    BEST_ACCESS = 0x03 => "BestAccess",
    /// ReadOnly (0x00).
    READ_ONLY = 0x00 => "ReadOnly",
    /// ReadWrite (0x01).
    READ_WRITE = 0x01 => "ReadWrite",
    /// OpenSoftDeleted (0x04): open a soft-deleted message if there is one.
    OPEN_SOFT_DELETED = 0x04 => "OpenSoftDeleted",
}

impl OpenMessageRequest {
    /// CodePageId 0x0FFF: the message's 8-bit strings are in the logon's code page.
    pub const LOGON_CODE_PAGE: u16 = 0x0FFF;

    /// A RopOpenMessage of `message_id` in `folder_id`, from the Folder or Logon object at
    /// `input_handle_index` into `output_handle_index`: LogonId 0, CodePageId
    /// [`Self::LOGON_CODE_PAGE`], read-only.
    pub fn new(
        input_handle_index: u8,
        output_handle_index: u8,
        folder_id: FolderId,
        message_id: MessageId,
    ) -> Self {
        OpenMessageRequest {
            logon_id: 0,
            input_handle_index,
            output_handle_index,
            code_page_id: Self::LOGON_CODE_PAGE,
            folder_id,
            open_mode_flags: MessageOpenModeFlags::READ_ONLY.into(),
            message_id,
        }
    }
}

/// [MS-OXCROPS] 2.2.6.1.2 RopOpenMessage success fields (also those of
/// RopReloadCachedInformation, 2.2.6.7.2, and the tail of RopOpenEmbeddedMessage's, 2.2.6.16.2):
/// the subject, the recipient columns and the first recipients.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct OpenMessageSuccess<'a> {
    /// HasNamedProperties: whether the message has named properties.
    pub has_named_properties: Bool8,
    /// SubjectPrefix ([MS-OXCDATA] 2.11.7 TypedString).
    pub subject_prefix: TypedString<'a>,
    /// NormalizedSubject ([MS-OXCDATA] 2.11.7 TypedString).
    pub normalized_subject: TypedString<'a>,
    /// RecipientCount: how many recipients the message has.
    pub recipient_count: u16,
    /// RecipientColumns (ColumnCount is their number): the columns of the recipient rows.
    pub recipient_columns: PropTags<'a>,
    /// RecipientRows (RowCount, one byte, is their number).
    pub recipient_rows: Vec<OpenRecipientRow<'a>>,
}

impl<'a> Decode<'a> for OpenMessageSuccess<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let has_named_properties = Bool8::decode_from(r).field("HasNamedProperties")?;
        let subject_prefix = TypedString::decode_from(r).field("SubjectPrefix")?;
        let normalized_subject = TypedString::decode_from(r).field("NormalizedSubject")?;
        let recipient_count = r.u16().field("RecipientCount")?;
        let (recipient_columns, recipient_rows) = read_table(r, RowCount::U8)?;
        Ok(OpenMessageSuccess {
            has_named_properties,
            subject_prefix,
            normalized_subject,
            recipient_count,
            recipient_columns,
            recipient_rows,
        })
    }
}

impl Encode for OpenMessageSuccess<'_> {
    fn encoded_len(&self) -> usize {
        1 + self.subject_prefix.encoded_len()
            + self.normalized_subject.encoded_len()
            + 2
            + table_len(RowCount::U8, &self.recipient_columns, &self.recipient_rows)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.has_named_properties.encode(out)?;
        self.subject_prefix.encode(out)?;
        self.normalized_subject.encode(out)?;
        self.recipient_count.encode(out)?;
        write_table(
            RowCount::U8,
            &self.recipient_columns,
            &self.recipient_rows,
            out,
        )
    }
}

impl ToTree for OpenMessageSuccess<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record()
            .field("HasNamedProperties", self.has_named_properties.to_tree())
            .field("SubjectPrefix", self.subject_prefix.to_tree())
            .field("NormalizedSubject", self.normalized_subject.to_tree())
            .field("RecipientCount", self.recipient_count.to_tree());
        table_tree(t, &self.recipient_columns, &self.recipient_rows)
    }
}

// ---- 2.2.6.2 RopCreateMessage ----

rop_request! {
    /// [MS-OXCROPS] 2.2.6.2.1 RopCreateMessage request.
    pub struct CreateMessageRequest {
        /// InputHandleIndex: the folder or logon.
        input_handle_index: Input,
        /// OutputHandleIndex: where the new Message object's handle goes.
        output_handle_index: Output,
        /// CodePageId: the code page of the message's 8-bit strings (0x0FFF: the logon's).
        code_page_id: u16 => "CodePageId" as hex16,
        /// FolderId: the folder the message is created in.
        folder_id: FolderId => "FolderId",
        /// AssociatedFlag: whether the message is a folder associated information message.
        associated_flag: Bool8 => "AssociatedFlag",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.2.2 RopCreateMessage success fields: HasMessageId and the optional
    /// MessageId.
    #[derive(Copy, Eq)]
    pub struct CreateMessageSuccess {
        /// HasMessageId: whether MessageId follows.
        has_message_id: Bool8 => "HasMessageId",
        /// MessageId: present when HasMessageId is nonzero.
        message_id: Option<MessageId> => "MessageId" { if(has_message_id) has_message_id.get() },
    }
}

// ---- 2.2.6.3 RopSaveChangesMessage ----

rop_request! {
    /// [MS-OXCROPS] 2.2.6.3.1 RopSaveChangesMessage request; RopSaveChangesAttachment's
    /// (2.2.6.15.1) has the same layout ([`SaveChangesAttachmentRequest`]).
    ///
    /// [`SaveChangesAttachmentRequest`]: super::SaveChangesAttachmentRequest
    pub struct SaveChangesMessageRequest {
        /// ResponseHandleIndex: the handle slot the response refers to.
        response_handle_index: Response,
        /// InputHandleIndex: the Message (or Attachment) object to save.
        input_handle_index: Input,
        /// SaveFlags ([MS-OXCMSG] 2.2.3.3.1): 0x01 KeepOpenReadOnly, 0x02 KeepOpenReadWrite,
        /// 0x04 ForceSave.
        save_flags: u8 => "SaveFlags" as hex8,
    }
}

named_code! {
    flags
    /// [MS-OXCMSG] 2.2.3.3.1 SaveFlags of a RopSaveChangesMessage (or
    /// RopSaveChangesAttachment) request (the byte of [`SaveChangesMessageRequest::save_flags`],
    /// which converts with `u8::from`). Other bits are ignored by servers and kept as sent.
    pub struct SaveFlags(u8);
    /// KeepOpenReadOnly (0x01): commit, and keep the object open read-only.
    KEEP_OPEN_READ_ONLY = 0x01 => "KeepOpenReadOnly",
    /// KeepOpenReadWrite (0x02): commit, and keep the object open for writing.
    KEEP_OPEN_READ_WRITE = 0x02 => "KeepOpenReadWrite",
    /// ForceSave (0x04): commit over changes made by others since the object was opened.
    FORCE_SAVE = 0x04 => "ForceSave",
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.3.2 RopSaveChangesMessage success fields.
    pub struct SaveChangesMessageSuccess {
        /// InputHandleIndex: as in the request.
        input_handle_index: u8 => "InputHandleIndex",
        /// MessageId: the id of the saved message.
        message_id: MessageId => "MessageId",
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.6.1.2 RopOpenMessage response (failure: 2.2.6.1.3).
    OpenMessageResponse<'a> = OPEN_MESSAGE { handle: Output, success: OpenMessageSuccess<'a> }

    /// [MS-OXCROPS] 2.2.6.2.2 RopCreateMessage response (failure: 2.2.6.2.3).
    CreateMessageResponse = CREATE_MESSAGE { handle: Output, success: CreateMessageSuccess }

    /// [MS-OXCROPS] 2.2.6.3.2 RopSaveChangesMessage response (failure: 2.2.6.3.3).
    SaveChangesMessageResponse = SAVE_CHANGES_MESSAGE { handle: Response, success: SaveChangesMessageSuccess }
}

crate::wire::owned_impl!(struct OpenMessageSuccess {
    has_named_properties,
    subject_prefix,
    normalized_subject,
    recipient_count,
    recipient_columns,
    recipient_rows,
});
