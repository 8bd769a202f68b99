//! [MS-OXCROPS] 2.2.6 Message ROPs ([MS-OXCMSG] adds the semantics), one file a group of
//! sections:
//!
//! - `open`: 2.2.6.1 RopOpenMessage, 2.2.6.2 RopCreateMessage, 2.2.6.3 RopSaveChangesMessage;
//! - `recipients`: 2.2.6.4 RopRemoveAllRecipients, 2.2.6.5 RopModifyRecipients, 2.2.6.6
//!   RopReadRecipients, 2.2.6.7 RopReloadCachedInformation;
//! - `rows`: the recipient rows those ROPs carry (OpenRecipientRow, ModifyRecipientRow,
//!   ReadRecipientRow) and the recipient columns they are decoded with;
//! - `status`: 2.2.6.8 RopSetMessageStatus, 2.2.6.9 RopGetMessageStatus, 2.2.6.10
//!   RopSetReadFlags, 2.2.6.11 RopSetMessageReadFlag;
//! - `attachment`: 2.2.6.12 - 2.2.6.15 RopOpenAttachment, RopCreateAttachment,
//!   RopDeleteAttachment, RopSaveChangesAttachment, 2.2.6.17 RopGetAttachmentTable, 2.2.6.18
//!   RopGetValidAttachments;
//! - `embedded`: 2.2.6.16 RopOpenEmbeddedMessage.
//!
//! Most of these ROPs are fixed layouts, written with the crate's struct macro
//! (`wire_struct!`). What that macro cannot say is written by hand, once:
//! - the recipient rows and the lists that hold them (RopOpenMessage,
//!   RopReloadCachedInformation, RopOpenEmbeddedMessage, RopModifyRecipients,
//!   RopReadRecipients): a [`RecipientRow`](crate::data::RecipientRow) ([MS-OXCDATA] 2.8.3.2)
//!   is framed by its RecipientRowSize and decoded with the recipient columns that an earlier
//!   field of the ROP holds (or, for RopReadRecipients, that an earlier ROP set), and its tree
//!   labels its cells with them;
//! - the optional LogonId and ClientData of RopSetMessageReadFlag's response and the fields
//!   of RopOpenMessage's response inside RopOpenEmbeddedMessage's, which the tree shows in
//!   place.
//!
//! The ClientData of RopSetMessageReadFlag's request depends on the logon's LogonFlags (an
//! unknown logon is a missing context, not a guess): its optional type decodes with the
//! request's context.

mod attachment;
mod embedded;
mod open;
mod recipients;
mod rows;
mod status;
#[cfg(test)]
mod tests;

pub use attachment::{
    CreateAttachmentRequest, CreateAttachmentResponse, CreateAttachmentSuccess,
    DeleteAttachmentRequest, DeleteAttachmentResponse, GetAttachmentTableRequest,
    GetAttachmentTableResponse, GetValidAttachmentsRequest, GetValidAttachmentsResponse,
    GetValidAttachmentsSuccess, OpenAttachmentRequest, OpenAttachmentResponse,
    SaveChangesAttachmentRequest, SaveChangesAttachmentResponse,
};
pub use embedded::{
    OpenEmbeddedMessageRequest, OpenEmbeddedMessageResponse, OpenEmbeddedMessageSuccess,
};
pub use open::{
    CreateMessageRequest, CreateMessageResponse, CreateMessageSuccess, MessageOpenModeFlags,
    OpenMessageRequest, OpenMessageResponse, OpenMessageSuccess, SaveChangesMessageRequest,
    SaveChangesMessageResponse, SaveChangesMessageSuccess, SaveFlags,
};
pub use recipients::{
    ModifyRecipientsRequest, ModifyRecipientsResponse, ReadRecipientsRequest,
    ReadRecipientsResponse, ReadRecipientsSuccess, ReloadCachedInformationRequest,
    ReloadCachedInformationResponse, RemoveAllRecipientsRequest, RemoveAllRecipientsResponse,
};
pub use rows::{ModifyRecipientRow, OpenRecipientRow, ReadRecipientRow, RecipientType};
pub use status::{
    ClientData, GetMessageStatusRequest, GetMessageStatusResponse, MessageStatusSuccess,
    ReadStatusChange, SetMessageReadFlagRequest, SetMessageReadFlagResponse,
    SetMessageReadFlagSuccess, SetMessageStatusRequest, SetMessageStatusResponse,
    SetReadFlagsRequest, SetReadFlagsResponse, SetReadFlagsResult,
};
