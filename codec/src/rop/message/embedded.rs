//! [MS-OXCROPS] 2.2.6.16 RopOpenEmbeddedMessage.

use bytes::BufMut;

use super::open::OpenMessageSuccess;
use crate::data::MessageId;
use crate::rop::field::{hex16, hex8, rop_request, rop_response};
use crate::tree::{ToTree, Tree};
use crate::wire::{Decode, DecodeError, Encode, EncodeError, Reader, ResultExt};

rop_request! {
    /// [MS-OXCROPS] 2.2.6.16.1 RopOpenEmbeddedMessage request.
    pub struct OpenEmbeddedMessageRequest {
        /// InputHandleIndex: the Attachment object.
        input_handle_index: Input,
        /// OutputHandleIndex: where the embedded Message object's handle goes.
        output_handle_index: Output,
        /// CodePageId: the code page of the message's 8-bit strings (0x0FFF: the logon's).
        code_page_id: u16 => "CodePageId" as hex16,
        /// OpenModeFlags ([MS-OXCMSG] 2.2.3.16.1): 0x00 ReadOnly, 0x01 ReadWrite, 0x02 Create.
        open_mode_flags: u8 => "OpenModeFlags" as hex8,
    }
}

/// [MS-OXCROPS] 2.2.6.16.2 RopOpenEmbeddedMessage success fields: Reserved, MessageId, then
/// the fields of RopOpenMessage's success response.
///
/// Written by hand: RopOpenMessage's fields are shown in place, and an error in them names
/// the field as RopOpenMessage's response does (`RecipientRows[0]...`), without a path
/// segment of their own, which a `wire_struct!` field shown in place would add.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct OpenEmbeddedMessageSuccess<'a> {
    /// Reserved (1 byte).
    pub reserved: u8,
    /// MessageId: the embedded message's id.
    pub message_id: MessageId,
    /// HasNamedProperties through RecipientRows.
    pub message: OpenMessageSuccess<'a>,
}

impl<'a> Decode<'a> for OpenEmbeddedMessageSuccess<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(OpenEmbeddedMessageSuccess {
            reserved: r.u8().field("Reserved")?,
            message_id: MessageId::decode_from(r).field("MessageId")?,
            message: OpenMessageSuccess::decode_from(r)?,
        })
    }
}

impl Encode for OpenEmbeddedMessageSuccess<'_> {
    fn encoded_len(&self) -> usize {
        9 + self.message.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.reserved.encode(out)?;
        self.message_id.encode(out)?;
        self.message.encode(out)
    }
}

impl ToTree for OpenEmbeddedMessageSuccess<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("Reserved", hex8(&self.reserved))
            .field("MessageId", self.message_id.to_tree())
            .splice(self.message.to_tree())
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.6.16.2 RopOpenEmbeddedMessage response (failure: 2.2.6.16.3).
    OpenEmbeddedMessageResponse<'a> = OPEN_EMBEDDED_MESSAGE { handle: Output, success: OpenEmbeddedMessageSuccess<'a> }
}

crate::wire::owned_impl!(struct OpenEmbeddedMessageSuccess { reserved, message_id, message });
