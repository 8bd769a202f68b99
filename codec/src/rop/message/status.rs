//! [MS-OXCROPS] 2.2.6.8 RopSetMessageStatus, 2.2.6.9 RopGetMessageStatus, 2.2.6.10
//! RopSetReadFlags, 2.2.6.11 RopSetMessageReadFlag.

use crate::wire::Bool8;
use bytes::BufMut;

use crate::data::MessageId;
use crate::rop::context::{RequestCtx, LOGON_FLAG_PRIVATE};
use crate::rop::field::{hex32, hex8, rop_request, rop_response, List16};
use crate::rop::folder::{FlagName, FlaggedGroup, PartialCompletion};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, wire_struct, Decode, DecodeError, DecodeWith, Encode, EncodeError, ErrorKind,
    Reader,
};

// ---- 2.2.6.8 RopSetMessageStatus, 2.2.6.9 RopGetMessageStatus ----

rop_request! {
    /// [MS-OXCROPS] 2.2.6.8.1 RopSetMessageStatus request.
    pub struct SetMessageStatusRequest {
        /// InputHandleIndex: the folder that holds the message.
        input_handle_index: Input,
        /// MessageId: the message.
        message_id: MessageId => "MessageId",
        /// MessageStatusFlags: the flags to set ([MS-OXCMSG] 2.2.1.8 PidTagMessageStatus).
        message_status_flags: u32 => "MessageStatusFlags" as hex32,
        /// MessageStatusMask: which flags to change.
        message_status_mask: u32 => "MessageStatusMask" as hex32,
    }
}

rop_request! {
    /// [MS-OXCROPS] 2.2.6.9.1 RopGetMessageStatus request.
    pub struct GetMessageStatusRequest {
        /// InputHandleIndex: the folder that holds the message.
        input_handle_index: Input,
        /// MessageId: the message.
        message_id: MessageId => "MessageId",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.8.2 RopSetMessageStatus success fields (RopGetMessageStatus has
    /// the same, 2.2.6.9.2).
    pub struct MessageStatusSuccess {
        /// MessageStatusFlags: the message's status flags before this operation.
        message_status_flags: u32 => "MessageStatusFlags" as hex32,
    }
}

// ---- 2.2.6.10 RopSetReadFlags ----

rop_request! {
    /// [MS-OXCROPS] 2.2.6.10.1 RopSetReadFlags request.
    pub struct SetReadFlagsRequest {
        /// InputHandleIndex: the folder that holds the messages.
        input_handle_index: Input,
        /// WantAsynchronous: whether the server may work asynchronously (RopProgress).
        want_asynchronous: Bool8 => "WantAsynchronous",
        /// ReadFlags ([MS-OXCMSG] 2.2.3.10.1): 0x00 rfDefault, 0x01 rfSuppressReceipt,
        /// 0x04 rfClearReadFlag, 0x10 rfGenerateReceiptOnly, 0x20 rfClearNotifyRead, 0x40
        /// rfClearNotifyUnread.
        read_flags: u8 => "ReadFlags" as hex8,
        /// MessageIds (MessageIdCount is their number).
        message_ids: List16<MessageId> => "MessageIds",
    }
}

/// [MS-OXCROPS] 2.2.6.10.2 RopSetReadFlags response fields, after ReturnValue whatever its
/// value: [`PartialCompletion`], whether some messages could not be changed.
pub type SetReadFlagsResult = PartialCompletion;

// ---- 2.2.6.11 RopSetMessageReadFlag ----

/// ClientData ([MS-OXCROPS] 2.2.6.11.1): 24 bytes that a client gives RopSetMessageReadFlag
/// on a public folders logon and that the server gives back when the read status changed
/// (the message's LongTermID there, [MS-OXCMSG] 2.2.3.11.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct ClientData(
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex_array"))] pub [u8; 24],
);

impl<'a> Decode<'a> for ClientData {
    #[inline]
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        r.array().map(ClientData)
    }
}

impl Encode for ClientData {
    fn encoded_len(&self) -> usize {
        self.0.len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        ensure_room(out, self.0.len())?;
        out.put_slice(&self.0);
        Ok(())
    }
}

impl ToTree for ClientData {
    fn to_tree(&self) -> Tree {
        Tree::Bytes(self.0.to_vec())
    }
}

/// The ClientData of a RopSetMessageReadFlag request: present on a public folders logon
/// (LogonFlags without Private), absent on a private mailbox logon; when the logon is not
/// known, a missing context rather than a guess.
impl<'a> DecodeWith<'a, RequestCtx> for Option<ClientData> {
    fn decode_with_from(r: &mut Reader<'a>, ctx: RequestCtx) -> Result<Self, DecodeError> {
        let Some(flags) = ctx.logon_flags() else {
            return Err(DecodeError::new(
                ErrorKind::MissingContext {
                    what: "the LogonFlags of the logon (RopLogon): ClientData is present \
                           only for public folders logons",
                },
                r.offset(),
            ));
        };
        let public = flags & LOGON_FLAG_PRIVATE == 0;
        public.then(|| ClientData::decode_from(r)).transpose()
    }
}

/// The tree of an optional ClientData, shown in place: the field when present, nothing when
/// absent.
fn client_data_tree(c: &Option<ClientData>) -> Tree {
    match c {
        Some(c) => Tree::record().field("ClientData", c.to_tree()),
        None => Tree::record(),
    }
}

rop_request! {
    /// [MS-OXCROPS] 2.2.6.11.1 RopSetMessageReadFlag request. ClientData is present when the
    /// logon of LogonId was made with the Private flag clear (public folders), so decoding
    /// needs the logon's LogonFlags ([`RequestCtx::logon_flags`]).
    #[derive(Eq)]
    pub struct SetMessageReadFlagRequest in ctx: RequestCtx {
        /// ResponseHandleIndex: the folder's handle slot, referred to by the response.
        response_handle_index: Response,
        /// InputHandleIndex: the Message object.
        input_handle_index: Input,
        /// ReadFlags ([MS-OXCMSG] 2.2.3.11.1).
        read_flags: u8 => "ReadFlags" as hex8,
        /// ClientData: present for a public folders logon.
        client_data: Option<ClientData> => "ClientData" as client_data_tree { ctx flatten },
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.11.2 the optional fields of RopSetMessageReadFlag's success
    /// response, present when ReadStatusChanged is nonzero.
    #[derive(Copy, Eq)]
    pub struct ReadStatusChange {
        /// LogonId: the logon the changed message belongs to.
        logon_id: u8 => "LogonId",
        /// ClientData: as the request gave it.
        client_data: ClientData => "ClientData",
    }
}

impl FlagName for ReadStatusChange {
    const FLAG: &'static str = "ReadStatusChanged";
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.11.2 RopSetMessageReadFlag success fields: ReadStatusChanged, then
    /// LogonId and ClientData when it is nonzero (the read status of a public folder's
    /// message changed); the flag byte is kept as sent ([`FlaggedGroup`]).
    #[derive(Eq)]
    pub struct SetMessageReadFlagSuccess {
        /// ReadStatusChanged, and LogonId and ClientData when it is nonzero.
        read_status: FlaggedGroup<ReadStatusChange> => "",
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.6.8.2 RopSetMessageStatus response (failure: 2.2.6.8.3).
    SetMessageStatusResponse = SET_MESSAGE_STATUS,
    /// [MS-OXCROPS] 2.2.6.9.2 RopGetMessageStatus response: MessageStatusFlags on success.
    GetMessageStatusResponse = GET_MESSAGE_STATUS { handle: Input, success: MessageStatusSuccess }

    /// [MS-OXCROPS] 2.2.6.10.2 RopSetReadFlags response: PartialCompletion follows
    /// ReturnValue on success and on failure.
    SetReadFlagsResponse = SET_READ_FLAGS { handle: Input, fields: SetReadFlagsResult }

    /// [MS-OXCROPS] 2.2.6.11.2 RopSetMessageReadFlag response (failure: 2.2.6.11.3).
    SetMessageReadFlagResponse = SET_MESSAGE_READ_FLAG { handle: Response, success: SetMessageReadFlagSuccess }
}
