//! [MS-OXCROPS] 2.2.7 Transport ROPs ([MS-OXOMSG] adds the semantics).

use crate::wire::Bool8;
use bytes::BufMut;

use super::field::{
    hex32, hex8, rop_request, rop_response, Bytes16, InputOnlyRequest, TaggedValues16,
};
use super::ics::FolderIdSuccess;
use super::property::counted_values_tree;
use super::store::{ansi_list_len, read_ansi_list};
use crate::data::{FolderId, MessageId};
use crate::tree::{ToTree, Tree};
use crate::wire::{u16_len, AnsiStr, Decode, DecodeError, Encode, EncodeError, Reader, ResultExt};

// ---- 2.2.7.1 RopSubmitMessage ----

rop_request! {
    /// [MS-OXCROPS] 2.2.7.1.1 RopSubmitMessage request: submits a message for sending.
    pub struct SubmitMessageRequest {
        /// InputHandleIndex: the Message object.
        input_handle_index: Input,
        /// SubmitFlags: 0x00 None, 0x01 PreProcess, 0x02 NeedsSpooler ([MS-OXOMSG] 2.2.3.1.1).
        submit_flags: u8 => "SubmitFlags" as hex8,
    }
}

// ---- 2.2.7.2 RopAbortSubmit ----

rop_request! {
    /// [MS-OXCROPS] 2.2.7.2.1 RopAbortSubmit request: cancels a submitted message.
    pub struct AbortSubmitRequest {
        /// InputHandleIndex: the Logon object.
        input_handle_index: Input,
        /// FolderId: the folder holding the message.
        folder_id: FolderId => "FolderId",
        /// MessageId: the message.
        message_id: MessageId => "MessageId",
    }
}

// ---- 2.2.7.3 RopGetAddressTypes ----

/// [MS-OXCROPS] 2.2.7.3.1 RopGetAddressTypes request: the address types the server accepts. The
/// fields of [`InputOnlyRequest`] (InputHandleIndex: the Logon object).
pub type GetAddressTypesRequest = InputOnlyRequest;

/// [MS-OXCROPS] 2.2.7.3.2 RopGetAddressTypes success fields: AddressTypeCount,
/// AddressTypeSize (the size of AddressTypes in bytes), AddressTypes.
///
/// Written by hand: the count and the size both describe the strings that follow them.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct GetAddressTypesSuccess<'a> {
    /// AddressTypes: null-terminated ASCII strings.
    pub address_types: Vec<AnsiStr<'a>>,
}

impl<'a> Decode<'a> for GetAddressTypesSuccess<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let n = r.u16().field("AddressTypeCount")?;
        let size = r.u16().field("AddressTypeSize")?;
        let mut s = r.sub(size.into()).field("AddressTypes")?;
        let address_types = read_ansi_list(&mut s, at, n, ["AddressTypes"; 2])?;
        // AddressTypeSize must be exactly the strings' size.
        s.finish().field("AddressTypes")?;
        Ok(GetAddressTypesSuccess { address_types })
    }
}

impl Encode for GetAddressTypesSuccess<'_> {
    fn encoded_len(&self) -> usize {
        4 + ansi_list_len(&self.address_types)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u16_len(self.address_types.len(), "AddressTypeCount")?.encode(out)?;
        u16_len(ansi_list_len(&self.address_types), "AddressTypeSize")?.encode(out)?;
        for s in &self.address_types {
            s.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for GetAddressTypesSuccess<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field(
                "AddressTypeCount",
                Tree::UInt(self.address_types.len() as u64),
            )
            .field(
                "AddressTypeSize",
                Tree::UInt(ansi_list_len(&self.address_types) as u64),
            )
            .field("AddressTypes", self.address_types.to_tree())
    }
}

// ---- 2.2.7.4 RopSetSpooler ----

/// [MS-OXCROPS] 2.2.7.4.1 RopSetSpooler request: the client acts as the mail spooler. The fields of
/// [`InputOnlyRequest`] (InputHandleIndex: the Logon object).
pub type SetSpoolerRequest = InputOnlyRequest;

// ---- 2.2.7.5 RopSpoolerLockMessage ----

rop_request! {
    /// [MS-OXCROPS] 2.2.7.5.1 RopSpoolerLockMessage request: locks or unlocks a message for
    /// the spooler.
    pub struct SpoolerLockMessageRequest {
        /// InputHandleIndex: the Logon object.
        input_handle_index: Input,
        /// MessageId: the message.
        message_id: MessageId => "MessageId",
        /// LockState: 0x00 lstLock, 0x01 lstUnlock, 0x02 lstFinished ([MS-OXOMSG] 2.2.3.5.1).
        lock_state: u8 => "LockState" as hex8,
    }
}

// ---- 2.2.7.6 RopTransportSend ----

/// [MS-OXCROPS] 2.2.7.6.1 RopTransportSend request: sends a message through the transport. The
/// fields of [`InputOnlyRequest`] (InputHandleIndex: the Message object).
pub type TransportSendRequest = InputOnlyRequest;

/// [MS-OXCROPS] 2.2.7.6.2 RopTransportSend success fields: NoPropertiesReturned, then
/// PropertyValueCount and PropertyValues when property values are returned
/// (NoPropertiesReturned is FALSE).
///
/// Written by hand: the values are present for one value of an earlier field and the tree
/// shows their count in place.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct TransportSendSuccess<'a> {
    /// NoPropertiesReturned as sent: nonzero (TRUE) exactly when no values follow; any
    /// nonzero byte is kept.
    pub no_properties_returned: Bool8,
    /// PropertyValues (PropertyValueCount is their number); `None` when NoPropertiesReturned
    /// is TRUE.
    pub property_values: Option<TaggedValues16<'a>>,
}

impl<'a> Decode<'a> for TransportSendSuccess<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let no_properties_returned = Bool8::decode_from(r).field("NoPropertiesReturned")?;
        let property_values = if no_properties_returned.get() {
            None
        } else {
            Some(TaggedValues16::decode_from(r).field("PropertyValues")?)
        };
        Ok(TransportSendSuccess {
            no_properties_returned,
            property_values,
        })
    }
}

impl Encode for TransportSendSuccess<'_> {
    fn encoded_len(&self) -> usize {
        1 + self.property_values.as_ref().map_or(0, Encode::encoded_len)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if self.no_properties_returned.get() != self.property_values.is_none() {
            return Err(EncodeError::invalid(
                "NoPropertiesReturned must be nonzero exactly when no PropertyValues follow",
            ))
            .field("NoPropertiesReturned");
        }
        self.no_properties_returned.encode(out)?;
        match &self.property_values {
            Some(v) => v.encode(out),
            None => Ok(()),
        }
    }
}

impl ToTree for TransportSendSuccess<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field(
            "NoPropertiesReturned",
            self.no_properties_returned.to_tree(),
        );
        match &self.property_values {
            Some(v) => t.splice(counted_values_tree(v)),
            None => t,
        }
    }
}

// ---- 2.2.7.7 RopTransportNewMail ----

rop_request! {
    /// [MS-OXCROPS] 2.2.7.7.1 RopTransportNewMail request: tells the server a new message
    /// arrived.
    pub struct TransportNewMailRequest<'a> {
        /// InputHandleIndex: the Logon object.
        input_handle_index: Input,
        /// MessageId: the new message.
        message_id: MessageId => "MessageId",
        /// FolderId: the folder holding it.
        folder_id: FolderId => "FolderId",
        /// MessageClass: the message's class.
        message_class: AnsiStr<'a> => "MessageClass",
        /// MessageFlags: the message's PidTagMessageFlags ([MS-OXCMSG] 2.2.1.6).
        message_flags: u32 => "MessageFlags" as hex32,
    }
}

// ---- 2.2.7.8 RopGetTransportFolder ----

/// [MS-OXCROPS] 2.2.7.8.1 RopGetTransportFolder request: the folder for outgoing messages. The
/// fields of [`InputOnlyRequest`] (InputHandleIndex: the Logon object).
pub type GetTransportFolderRequest = InputOnlyRequest;

/// [MS-OXCROPS] 2.2.7.8.2 RopGetTransportFolder success fields: a FolderId, the transport
/// folder.
pub type GetTransportFolderSuccess = FolderIdSuccess;

// ---- 2.2.7.9 RopOptionsData ----

rop_request! {
    /// [MS-OXCROPS] 2.2.7.9.1 RopOptionsData request: the options data of an address type.
    pub struct OptionsDataRequest<'a> {
        /// InputHandleIndex: the Logon object.
        input_handle_index: Input,
        /// AddressType: the address type.
        address_type: AnsiStr<'a> => "AddressType",
        /// WantWin32: a Boolean, help file data for 32-bit machines; any nonzero value is TRUE
        /// ([MS-OXOMSG] 2.2.4.4.1), so the byte is kept as sent.
        want_win32: u8 => "WantWin32" as hex8,
    }
}

/// [MS-OXCROPS] 2.2.7.9.2 RopOptionsData success fields: Reserved, OptionsInfoSize +
/// OptionsInfo, HelpFileSize + HelpFile, and HelpFileName when HelpFileSize is nonzero.
///
/// Written by hand: whether HelpFileName is there follows a byte run (not a `Copy` field)
/// and the tree shows the sizes.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct OptionsDataSuccess<'a> {
    /// Reserved (set to 0x01).
    pub reserved: u8,
    /// OptionsInfo (OptionsInfoSize is its size): opaque data.
    pub options_info: Bytes16<'a>,
    /// HelpFile (HelpFileSize is its size).
    pub help_file: Bytes16<'a>,
    /// HelpFileName: present when HelpFileSize is nonzero.
    pub help_file_name: Option<AnsiStr<'a>>,
}

impl<'a> Decode<'a> for OptionsDataSuccess<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let reserved = r.u8().field("Reserved")?;
        let options_info = Bytes16::decode_from(r).field("OptionsInfo")?;
        let help_file = Bytes16::decode_from(r).field("HelpFile")?;
        let help_file_name = if help_file.0.is_empty() {
            None
        } else {
            Some(AnsiStr::decode_from(r).field("HelpFileName")?)
        };
        Ok(OptionsDataSuccess {
            reserved,
            options_info,
            help_file,
            help_file_name,
        })
    }
}

impl Encode for OptionsDataSuccess<'_> {
    fn encoded_len(&self) -> usize {
        1 + self.options_info.encoded_len()
            + self.help_file.encoded_len()
            + self.help_file_name.as_ref().map_or(0, Encode::encoded_len)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if self.help_file.0.is_empty() == self.help_file_name.is_some() {
            return Err(EncodeError::invalid(
                "RopOptionsData HelpFileName is present exactly when HelpFileSize is nonzero",
            ));
        }
        self.reserved.encode(out)?;
        self.options_info.encode(out)?;
        self.help_file.encode(out)?;
        match &self.help_file_name {
            Some(n) => n.encode(out),
            None => Ok(()),
        }
    }
}

impl ToTree for OptionsDataSuccess<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record()
            .field("Reserved", hex8(&self.reserved))
            .field(
                "OptionsInfoSize",
                Tree::UInt(self.options_info.0.len() as u64),
            )
            .field("OptionsInfo", self.options_info.to_tree())
            .field("HelpFileSize", Tree::UInt(self.help_file.0.len() as u64))
            .field("HelpFile", self.help_file.to_tree());
        match &self.help_file_name {
            Some(n) => t.field("HelpFileName", n.to_tree()),
            None => t,
        }
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.7.1.2 RopSubmitMessage response (no fields after ReturnValue).
    SubmitMessageResponse = SUBMIT_MESSAGE,
    /// [MS-OXCROPS] 2.2.7.2.2 RopAbortSubmit response (no fields after ReturnValue).
    AbortSubmitResponse = ABORT_SUBMIT { handle: Input }

    /// [MS-OXCROPS] 2.2.7.3.2 RopGetAddressTypes response (failure: 2.2.7.3.3).
    GetAddressTypesResponse<'a> = GET_ADDRESS_TYPES { handle: Input, success: GetAddressTypesSuccess<'a> }

    /// [MS-OXCROPS] 2.2.7.4.2 RopSetSpooler response (no fields after ReturnValue).
    SetSpoolerResponse = SET_SPOOLER,
    /// [MS-OXCROPS] 2.2.7.5.2 RopSpoolerLockMessage response (no fields after ReturnValue).
    SpoolerLockMessageResponse = SPOOLER_LOCK_MESSAGE { handle: Input }

    /// [MS-OXCROPS] 2.2.7.6.2 RopTransportSend response (failure: 2.2.7.6.3).
    TransportSendResponse<'a> = TRANSPORT_SEND { handle: Input, success: TransportSendSuccess<'a> }

    /// [MS-OXCROPS] 2.2.7.7.2 RopTransportNewMail response (no fields after ReturnValue).
    TransportNewMailResponse = TRANSPORT_NEW_MAIL { handle: Input }

    /// [MS-OXCROPS] 2.2.7.8.2 RopGetTransportFolder response (failure: 2.2.7.8.3).
    GetTransportFolderResponse = GET_TRANSPORT_FOLDER { handle: Input, success: GetTransportFolderSuccess }

    /// [MS-OXCROPS] 2.2.7.9.2 RopOptionsData response (failure: 2.2.7.9.3).
    OptionsDataResponse<'a> = OPTIONS_DATA { handle: Input, success: OptionsDataSuccess<'a> }
}

crate::wire::owned_impl!(struct GetAddressTypesSuccess { address_types });
crate::wire::owned_impl!(struct TransportSendSuccess { no_properties_returned, property_values });
crate::wire::owned_impl!(struct OptionsDataSuccess {
    reserved,
    options_info,
    help_file,
    help_file_name,
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rop::test_util::request;
    use crate::rop::{RequestCtx, RopResponse};
    use crate::wire::{DecodeWith, Limits};

    /// Decodes the response `body` to the request `req` (both single ROPs) and checks that it
    /// re-encodes to the same bytes.
    fn round_trip(req: &[u8], body: &[u8]) -> Result<(), crate::wire::DecodeError> {
        let q = request(req);
        let r = RopResponse::decode_with_exact(body, &q, Limits::DEFAULT)?;
        assert_eq!(r.to_bytes().unwrap(), body);
        Ok(())
    }

    #[test]
    fn address_types_size_must_match_the_strings() {
        let req = [0x49, 0x00, 0x00];
        let mut body = vec![0x49, 0x00, 0, 0, 0, 0, 0x02, 0x00, 0x08, 0x00];
        body.extend(b"EX\0SMTP\0");
        round_trip(&req, &body).unwrap();
        // AddressTypeSize one byte too large: a byte left over inside AddressTypes.
        body[8] = 0x09;
        body.push(0);
        let e = round_trip(&req, &body).unwrap_err();
        assert_eq!(e.kind().name(), "trailing-bytes");
        // AddressTypeCount too large for AddressTypeSize.
        body[6] = 0x10;
        let e = round_trip(&req, &body).unwrap_err();
        assert_eq!(e.kind().name(), "count-too-large");
    }

    #[test]
    fn transport_send_with_and_without_properties() {
        let req = [0x4A, 0x00, 0x00];
        round_trip(&req, &[0x4A, 0x00, 0, 0, 0, 0, 0x01]).unwrap();
        let mut body = vec![0x4A, 0x00, 0, 0, 0, 0, 0x00, 0x01, 0x00];
        body.extend(0x0E08_0003u32.to_le_bytes());
        body.extend(42u32.to_le_bytes());
        round_trip(&req, &body).unwrap();
        // NoPropertiesReturned FALSE needs PropertyValueCount.
        let e = round_trip(&req, &[0x4A, 0x00, 0, 0, 0, 0, 0x00]).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
    }

    #[test]
    fn options_data_help_file_name_follows_help_file_size() {
        let mut req = vec![0x6F, 0x00, 0x00];
        req.extend(b"EX\0");
        req.push(0x01);
        round_trip(&req, &[0x6F, 0x00, 0, 0, 0, 0, 0x01, 0, 0, 0, 0]).unwrap();
        let mut body = vec![
            0x6F, 0x00, 0, 0, 0, 0, 0x01, 0x01, 0x00, 0xAA, 0x02, 0x00, 1, 2,
        ];
        body.extend(b"h.hlp\0");
        round_trip(&req, &body).unwrap();
        let x = OptionsDataSuccess {
            reserved: 1,
            options_info: Bytes16::default(),
            help_file: Bytes16::default(),
            help_file_name: Some(AnsiStr::from_wire(b"x").unwrap()),
        };
        assert!(x.to_bytes().is_err());
    }

    #[test]
    fn single_rops_decode_without_a_buffer() {
        // [MS-OXOMSG] 4.1.1 and 4.1.2: RopSubmitMessage.
        let req = [0x32, 0x00, 0x02, 0x00];
        let mut r = Reader::new(&req);
        let q = crate::rop::RopRequest::decode_with_from(&mut r, RequestCtx::default()).unwrap();
        assert_eq!(q.handle_indexes().input(), Some(2));
        let resp = [0x32, 0x02, 0, 0, 0, 0];
        let mut r = Reader::new(&resp);
        let x = RopResponse::decode_with_from(&mut r, (Some(&q), None)).unwrap();
        assert_eq!(x.succeeded(), Some(true));
    }
}
