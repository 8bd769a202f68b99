//! [MS-OXCROPS] 2.2.12 Fast Transfer ROPs ([MS-OXCFXICS] 2.2.3.1 adds the semantics).
//!
//! The FastTransfer stream the buffer ROPs carry (TransferData, TransferBuffer) is borrowed
//! from the input as bytes; [`crate::fxics::stream`] decodes it, across buffers.

use crate::wire::named_code;
use crate::wire::wire_struct;
use bytes::BufMut;

use super::context::ResponseCtx;
use super::field::{hex16, hex32, hex8, rop_request, rop_response, Bytes16, List16};
use crate::data::{MessageId, PropTag};
use crate::tree::{ToTree, Tree};
use crate::wire::{Decode, DecodeError, DecodeWith, Encode, EncodeError, Reader, ResultExt};

// ---- 2.2.12.1 RopFastTransferDestinationConfigure ----

rop_request! {
    /// [MS-OXCROPS] 2.2.12.1.1 RopFastTransferDestinationConfigure request: creates a
    /// FastTransfer upload context on a folder, message or attachment.
    pub struct FastTransferDestinationConfigureRequest {
        /// InputHandleIndex: the object the stream is uploaded into.
        input_handle_index: Input,
        /// OutputHandleIndex: where the upload context's handle goes.
        output_handle_index: Output,
        /// SourceOperation ([MS-OXCFXICS] 2.2.3.1.2.1.1): 0x01 CopyTo, 0x02 CopyProperties,
        /// 0x03 CopyMessages, 0x04 CopyFolder.
        source_operation: u8 => "SourceOperation" as hex8,
        /// CopyFlags ([MS-OXCFXICS] 2.2.3.1.2.1.1): 0x01 Move.
        copy_flags: u8 => "CopyFlags" as hex8,
    }
}

// ---- 2.2.12.2 RopFastTransferDestinationPutBuffer, 2.2.12.3 ...Extended ----

rop_request! {
    /// [MS-OXCROPS] 2.2.12.2.1 RopFastTransferDestinationPutBuffer request (and 2.2.12.3.1
    /// RopFastTransferDestinationPutBufferExtended, the same fields): uploads the next part of
    /// a FastTransfer stream.
    pub struct FastTransferDestinationPutBufferRequest<'a> {
        /// InputHandleIndex: the upload context.
        input_handle_index: Input,
        /// TransferData (TransferDataSize is its size): the stream bytes, borrowed.
        transfer_data: Bytes16<'a> => "TransferData",
    }
}

/// [MS-OXCROPS] 2.2.12.3.1 RopFastTransferDestinationPutBufferExtended request: the fields of
/// [`FastTransferDestinationPutBufferRequest`].
pub type FastTransferDestinationPutBufferExtendedRequest<'a> =
    FastTransferDestinationPutBufferRequest<'a>;

wire_struct! {
    /// [MS-OXCROPS] 2.2.12.2.2 RopFastTransferDestinationPutBuffer response fields, the same
    /// whatever ReturnValue ([MS-OXCFXICS] 2.2.3.1.2.2.2: BufferUsedSize is meaningful on
    /// failure too).
    pub struct PutBufferStatus {
        /// TransferStatus: clients ignore it ([MS-OXCFXICS] 2.2.3.1.2.2.2).
        transfer_status: u16 => "TransferStatus" as hex16,
        /// InProgressCount: steps done (progress display only).
        in_progress_count: u16 => "InProgressCount",
        /// TotalStepCount: approximate steps in all (progress display only).
        total_step_count: u16 => "TotalStepCount",
        /// Reserved: 0x00 when sent, ignored on receipt.
        reserved: u8 => "Reserved" as hex8,
        /// BufferUsedSize: bytes of TransferData the server processed.
        buffer_used_size: u16 => "BufferUsedSize",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.12.3.2 RopFastTransferDestinationPutBufferExtended response fields,
    /// the same whatever ReturnValue: the counts are 4 bytes wide.
    pub struct PutBufferExtendedStatus {
        /// TransferStatus: clients ignore it ([MS-OXCFXICS] 2.2.3.1.2.3.2).
        transfer_status: u16 => "TransferStatus" as hex16,
        /// InProgressCount (4 bytes): steps done.
        in_progress_count: u32 => "InProgressCount",
        /// TotalStepCount (4 bytes): approximate steps in all.
        total_step_count: u32 => "TotalStepCount",
        /// Reserved: 0x00 when sent, ignored on receipt.
        reserved: u8 => "Reserved" as hex8,
        /// BufferUsedSize: bytes of TransferData the server processed.
        buffer_used_size: u16 => "BufferUsedSize",
    }
}

// ---- 2.2.12.4 RopFastTransferSourceGetBuffer ----

/// BufferSize value 0xBABE: MaximumBufferSize follows ([MS-OXCROPS] 2.2.12.4.1).
pub const GET_BUFFER_SIZE_SENTINEL: u16 = 0xBABE;

/// ReturnValue 0x00000480 (ecServerBusy): the failure response carries BackoffTime
/// ([MS-OXCROPS] 2.2.12.4.3).
pub const SERVER_BUSY: u32 = 0x0000_0480;

rop_request! {
    /// [MS-OXCROPS] 2.2.12.4.1 RopFastTransferSourceGetBuffer request: downloads the next
    /// part of a FastTransfer stream.
    #[derive(Eq)]
    pub struct FastTransferSourceGetBufferRequest {
        /// InputHandleIndex: the download context.
        input_handle_index: Input,
        /// BufferSize: the most bytes to return, or 0xBABE when the server chooses (up to
        /// MaximumBufferSize).
        buffer_size: u16 => "BufferSize" as hex16,
        /// MaximumBufferSize (2 bytes): present exactly when BufferSize is 0xBABE.
        maximum_buffer_size: Option<u16> => "MaximumBufferSize"
            { if(buffer_size) buffer_size == GET_BUFFER_SIZE_SENTINEL },
    }
}

named_code! {
    /// TransferStatus of RopFastTransferSourceGetBuffer ([MS-OXCFXICS] 2.2.3.1.1.5.2).
    pub struct TransferStatus(u16);
    /// 0x0000 Error: a nonrecoverable error stopped the download.
    ERROR = 0x0000 => "Error",
    /// 0x0001 Partial: the stream was split; more data is available.
    PARTIAL = 0x0001 => "Partial",
    /// 0x0002 NoRoom: the stream was split, more data is available.
    NO_ROOM = 0x0002 => "NoRoom",
    /// 0x0003 Done: this was the last part of the stream.
    DONE = 0x0003 => "Done",
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.12.4.2 RopFastTransferSourceGetBuffer success fields.
    pub struct GetBufferSuccess<'a> {
        /// TransferStatus: Error, Partial, NoRoom or Done.
        transfer_status: TransferStatus => "TransferStatus",
        /// InProgressCount: steps done (progress display only).
        in_progress_count: u16 => "InProgressCount",
        /// TotalStepCount: approximate steps in all (progress display only).
        total_step_count: u16 => "TotalStepCount",
        /// Reserved: 0x00 when sent, ignored on receipt.
        reserved: u8 => "Reserved" as hex8,
        /// TransferBuffer (TransferBufferSize is its size): the next part of the FastTransfer
        /// stream, borrowed (decode it with [`crate::fxics::stream::FtDecoder`]).
        transfer_buffer: Bytes16<'a> => "TransferBuffer",
    }
}

/// [MS-OXCROPS] 2.2.12.4.3 RopFastTransferSourceGetBuffer failure fields: BackoffTime when
/// ReturnValue is 0x00000480 (ecServerBusy), nothing otherwise.
///
/// Some servers send, after another failure ReturnValue, the whole success layout instead
/// (TransferStatus 0x0000 Error, InProgressCount, TotalStepCount, Reserved and an empty
/// TransferBuffer), which is what [MS-OXCFXICS] 2.2.3.1.1.5.2 describes when it says that with
/// TransferStatus Error "the ReturnValue field ... contains a code for that error". The two
/// layouts differ in the byte after ReturnValue: the short one is followed by the next ROP's
/// RopId or by the end of RopsList, the long one by TransferStatus, whose first byte 0x00 is
/// never a RopId. Both decode and re-encode as sent; the long one is kept in
/// [`GetBufferFailure::status`], with a conformance note on its tree, and refused by strict
/// decoding ([`Limits::strict`](crate::wire::Limits)).
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct GetBufferFailure<'a> {
    /// BackoffTime: milliseconds to wait before retrying; present exactly when ReturnValue
    /// is 0x00000480.
    pub backoff_time: Option<u32>,
    /// The success fields after a failure ReturnValue other than 0x00000480, as some
    /// servers send them; their TransferStatus must start with the byte 0x00 (Error is
    /// 0x0000) for the layout to read back.
    pub status: Option<GetBufferSuccess<'a>>,
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c, 'a>> for GetBufferFailure<'a> {
    #[inline]
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c, 'a>) -> Result<Self, DecodeError> {
        if ctx.return_value() == SERVER_BUSY {
            let backoff_time = Some(r.u32().field("BackoffTime")?);
            return Ok(GetBufferFailure {
                backoff_time,
                status: None,
            });
        }
        let long = r.rest().first() == Some(&0x00) && !r.limits().strict;
        let status = if long {
            Some(GetBufferSuccess::decode_from(r)?)
        } else {
            None
        };
        Ok(GetBufferFailure {
            backoff_time: None,
            status,
        })
    }
}

impl Encode for GetBufferFailure<'_> {
    fn encoded_len(&self) -> usize {
        self.backoff_time.encoded_len() + self.status.as_ref().map_or(0, Encode::encoded_len)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if let Some(s) = &self.status {
            if self.backoff_time.is_some() {
                return Err(EncodeError::invalid(
                    "a GetBuffer failure holds BackoffTime or the success fields, not both",
                ));
            }
            if s.transfer_status.0 & 0xFF != 0 {
                return Err(EncodeError::invalid(
                    "the success fields after a failure need a TransferStatus whose first byte \
                     is 0x00 (Error) to read back",
                ))
                .field("TransferStatus");
            }
        }
        self.backoff_time.encode(out)?;
        match &self.status {
            Some(s) => s.encode(out),
            None => Ok(()),
        }
    }
}

impl ToTree for GetBufferFailure<'_> {
    fn to_tree(&self) -> Tree {
        match (&self.backoff_time, &self.status) {
            (Some(b), _) => Tree::record().field("BackoffTime", b.to_tree()),
            (None, Some(s)) => {
                // The note goes on TransferStatus, the first field of the long layout.
                let mut t = s.to_tree();
                if let Tree::Struct(fields) = &mut t {
                    if let Some((_, first)) = fields.first_mut() {
                        *first = std::mem::replace(first, Tree::Null).with_note(
                            "the success fields after a failure ReturnValue: [MS-OXCROPS] \
                             2.2.12.4.3 has only BackoffTime (for 0x00000480); some servers \
                             send the 2.2.12.4.2 layout with TransferStatus Error \
                             ([MS-OXCFXICS] 2.2.3.1.1.5.2), kept as sent",
                        );
                    }
                }
                t
            }
            (None, None) => Tree::record(),
        }
    }
}

// ---- 2.2.12.5 RopFastTransferSourceCopyFolder ----

rop_request! {
    /// [MS-OXCROPS] 2.2.12.5.1 RopFastTransferSourceCopyFolder request: configures a download
    /// of a folder and its contents.
    pub struct FastTransferSourceCopyFolderRequest {
        /// InputHandleIndex: the folder.
        input_handle_index: Input,
        /// OutputHandleIndex: where the download context's handle goes.
        output_handle_index: Output,
        /// CopyFlags ([MS-OXCFXICS] 2.2.3.1.1.4.1): 0x01 Move, 0x10 CopySubfolders.
        copy_flags: u8 => "CopyFlags" as hex8,
        /// SendOptions ([MS-OXCFXICS] 2.2.3.1.1.1.2): 0x01 Unicode, 0x02 UseCpid, 0x04
        /// RecoverMode, 0x08 ForceUnicode, 0x10 PartialItem.
        send_options: u8 => "SendOptions" as hex8,
    }
}

// ---- 2.2.12.6 RopFastTransferSourceCopyMessages ----

rop_request! {
    /// [MS-OXCROPS] 2.2.12.6.1 RopFastTransferSourceCopyMessages request: configures a
    /// download of messages of a folder.
    pub struct FastTransferSourceCopyMessagesRequest {
        /// InputHandleIndex: the folder holding the messages.
        input_handle_index: Input,
        /// OutputHandleIndex: where the download context's handle goes.
        output_handle_index: Output,
        /// MessageIds (MessageIdCount is their number): the messages to copy.
        message_ids: List16<MessageId> => "MessageIds",
        /// CopyFlags ([MS-OXCFXICS] 2.2.3.1.1.3.1): 0x01 Move, 0x04 BestBody, 0x10
        /// SendEntryId.
        copy_flags: u8 => "CopyFlags" as hex8,
        /// SendOptions ([MS-OXCFXICS] 2.2.3.1.1.1.2).
        send_options: u8 => "SendOptions" as hex8,
    }
}

// ---- 2.2.12.7 RopFastTransferSourceCopyTo ----

rop_request! {
    /// [MS-OXCROPS] 2.2.12.7.1 RopFastTransferSourceCopyTo request: configures a download of
    /// an object's properties except the listed ones.
    pub struct FastTransferSourceCopyToRequest {
        /// InputHandleIndex: the folder, message or attachment.
        input_handle_index: Input,
        /// OutputHandleIndex: where the download context's handle goes.
        output_handle_index: Output,
        /// Level: 0x00 copies descendant subobjects, nonzero excludes them.
        level: u8 => "Level" as hex8,
        /// CopyFlags (4 bytes, [MS-OXCFXICS] 2.2.3.1.1.1.1): 0x00000001 Move,
        /// 0x00002000 BestBody.
        copy_flags: u32 => "CopyFlags" as hex32,
        /// SendOptions ([MS-OXCFXICS] 2.2.3.1.1.1.2).
        send_options: u8 => "SendOptions" as hex8,
        /// PropertyTags (PropertyTagCount is their number): the properties to exclude.
        property_tags: List16<PropTag> => "PropertyTags",
    }
}

// ---- 2.2.12.8 RopFastTransferSourceCopyProperties ----

rop_request! {
    /// [MS-OXCROPS] 2.2.12.8.1 RopFastTransferSourceCopyProperties request: configures a
    /// download of the listed properties of an object.
    pub struct FastTransferSourceCopyPropertiesRequest {
        /// InputHandleIndex: the folder, message or attachment.
        input_handle_index: Input,
        /// OutputHandleIndex: where the download context's handle goes.
        output_handle_index: Output,
        /// Level: 0x00 copies descendant subobjects, nonzero excludes them.
        level: u8 => "Level" as hex8,
        /// CopyFlags (1 byte, [MS-OXCFXICS] 2.2.3.1.1.2.1): 0x01 Move.
        copy_flags: u8 => "CopyFlags" as hex8,
        /// SendOptions ([MS-OXCFXICS] 2.2.3.1.1.1.2).
        send_options: u8 => "SendOptions" as hex8,
        /// PropertyTags (PropertyTagCount is their number): the properties to include.
        property_tags: List16<PropTag> => "PropertyTags",
    }
}

// ---- 2.2.12.9 RopTellVersion ----

/// [MS-OXCROPS] 2.2.12.9.1 Version field of RopTellVersion: three 16-bit parts of the other
/// server's version.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct ServerVersion(pub [u16; 3]);

impl<'a> Decode<'a> for ServerVersion {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(ServerVersion([r.u16()?, r.u16()?, r.u16()?]))
    }
}

impl Encode for ServerVersion {
    fn encoded_len(&self) -> usize {
        6
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.0.iter().try_for_each(|v| v.encode(out))
    }
}

impl ToTree for ServerVersion {
    fn to_tree(&self) -> Tree {
        Tree::List(self.0.iter().map(|v| Tree::UInt((*v).into())).collect())
    }
}

rop_request! {
    /// [MS-OXCROPS] 2.2.12.9.1 RopTellVersion request: gives the server the version of the
    /// server a FastTransfer stream comes from.
    pub struct TellVersionRequest {
        /// InputHandleIndex: the FastTransfer context.
        input_handle_index: Input,
        /// Version (6 bytes): three 16-bit parts of the other server's version.
        version: ServerVersion => "Version",
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.12.1.2 RopFastTransferDestinationConfigure response.
    FastTransferDestinationConfigureResponse = FAST_TRANSFER_DESTINATION_CONFIGURE,
    /// [MS-OXCROPS] 2.2.12.5.2 RopFastTransferSourceCopyFolder response.
    FastTransferSourceCopyFolderResponse = FAST_TRANSFER_SOURCE_COPY_FOLDER,
    /// [MS-OXCROPS] 2.2.12.6.2 RopFastTransferSourceCopyMessages response.
    FastTransferSourceCopyMessagesResponse = FAST_TRANSFER_SOURCE_COPY_MESSAGES,
    /// [MS-OXCROPS] 2.2.12.7.2 RopFastTransferSourceCopyTo response.
    FastTransferSourceCopyToResponse = FAST_TRANSFER_SOURCE_COPY_TO,
    /// [MS-OXCROPS] 2.2.12.8.2 RopFastTransferSourceCopyProperties response.
    FastTransferSourceCopyPropertiesResponse = FAST_TRANSFER_SOURCE_COPY_PROPERTIES { handle: Output }

    /// [MS-OXCROPS] 2.2.12.2.2 RopFastTransferDestinationPutBuffer response: one layout for
    /// every ReturnValue.
    FastTransferDestinationPutBufferResponse = FAST_TRANSFER_DESTINATION_PUT_BUFFER { handle: Input, fields: PutBufferStatus }

    /// [MS-OXCROPS] 2.2.12.3.2 RopFastTransferDestinationPutBufferExtended response: one
    /// layout for every ReturnValue.
    FastTransferDestinationPutBufferExtendedResponse = FAST_TRANSFER_DESTINATION_PUT_BUFFER_EXTENDED { handle: Input, fields: PutBufferExtendedStatus }

    /// [MS-OXCROPS] 2.2.12.4.2 RopFastTransferSourceGetBuffer response (failure: 2.2.12.4.3).
    FastTransferSourceGetBufferResponse<'a> = FAST_TRANSFER_SOURCE_GET_BUFFER { handle: Input, success: GetBufferSuccess<'a>, failure: GetBufferFailure<'a>, failure_field: backoff_time when SERVER_BUSY }

    /// [MS-OXCROPS] 2.2.12.9.2 RopTellVersion response.
    TellVersionResponse = TELL_VERSION { handle: Input }
}

crate::wire::owned_impl!(struct GetBufferFailure { backoff_time, status });

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::rop::field::Outcome;
    use crate::rop::test_util::{request, response};
    use crate::rop::{RopRequest, RopResponse};

    #[test]
    fn get_buffer_maximum_buffer_size_only_after_babe() {
        let req = request(&[0x4E, 0x00, 0x01, 0x00, 0x3C]);
        assert!(matches!(
            req,
            RopRequest::FastTransferSourceGetBuffer(FastTransferSourceGetBufferRequest {
                buffer_size: 0x3C00,
                maximum_buffer_size: None,
                ..
            })
        ));
        let req = request(&[0x4E, 0x00, 0x01, 0xBE, 0xBA, 0x00, 0x80]);
        assert!(matches!(
            req,
            RopRequest::FastTransferSourceGetBuffer(FastTransferSourceGetBufferRequest {
                maximum_buffer_size: Some(0x8000),
                ..
            })
        ));
        let bad = FastTransferSourceGetBufferRequest {
            logon_id: 0,
            input_handle_index: 0,
            buffer_size: 0x1000,
            maximum_buffer_size: Some(1),
        };
        assert!(bad.to_bytes().is_err());
    }

    #[test]
    fn get_buffer_response_layouts() {
        let req = request(&[0x4E, 0x00, 0x01, 0xBE, 0xBA, 0x00, 0x80]);
        // Success: Partial, 1 of 3 steps, 3 bytes of stream.
        let ok = [
            0x4E, 0x01, 0, 0, 0, 0, 0x01, 0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x03, 0x00, 0x03,
            0x00, 0x0C,
        ];
        let r = response(&req, &ok);
        let RopResponse::FastTransferSourceGetBuffer(r) = r else {
            panic!("{r:?}")
        };
        let Outcome::Success(s) = &r.body else {
            panic!()
        };
        assert_eq!(s.transfer_status, TransferStatus::PARTIAL);
        assert!(matches!(s.transfer_buffer.0, Cow::Borrowed(b) if b == [0x03, 0x00, 0x0C]));
        // ecServerBusy: BackoffTime follows.
        let busy = [0x4E, 0x01, 0x80, 0x04, 0x00, 0x00, 0xE8, 0x03, 0x00, 0x00];
        let r = response(&req, &busy);
        assert!(matches!(
            r,
            RopResponse::FastTransferSourceGetBuffer(FastTransferSourceGetBufferResponse {
                body: Outcome::Failure(GetBufferFailure {
                    backoff_time: Some(1000),
                    status: None,
                }),
                ..
            })
        ));
        // Another failure: nothing follows ReturnValue.
        let fail = [0x4E, 0x01, 0x05, 0x40, 0x07, 0x80];
        let r = response(&req, &fail);
        assert!(matches!(
            r,
            RopResponse::FastTransferSourceGetBuffer(FastTransferSourceGetBufferResponse {
                body: Outcome::Failure(GetBufferFailure {
                    backoff_time: None,
                    status: None
                }),
                ..
            })
        ));
        // The long failure layout: after ReturnValue 0x80040305, the success fields with
        // TransferStatus Error and an empty TransferBuffer; then a RopRelease-free end.
        let long = [
            0x4E, 0x01, 0x05, 0x03, 0x04, 0x80, 0x00, 0x00, 0x02, 0x00, 0x07, 0x00, 0x00, 0x00,
            0x00,
        ];
        // (Cut after ReturnValue it is the short layout, so `response`'s prefix check does not
        // apply.)
        let mut rd = Reader::new(&long);
        let r = RopResponse::decode_with_from(&mut rd, (Some(&req), None)).unwrap();
        rd.finish().unwrap();
        let RopResponse::FastTransferSourceGetBuffer(g) = &r else {
            panic!("{r:?}")
        };
        let Outcome::Failure(GetBufferFailure {
            backoff_time: None,
            status: Some(s),
        }) = &g.body
        else {
            panic!("{r:?}")
        };
        assert_eq!(s.transfer_status, TransferStatus::ERROR);
        assert_eq!((s.in_progress_count, s.total_step_count), (2, 7));
        assert!(s.transfer_buffer.0.is_empty());
        assert_eq!(r.to_bytes().unwrap(), long);
        assert!(r
            .to_tree()
            .remarks()
            .iter()
            .any(|n| n.remark.text.contains("2.2.12.4.3")));
        // Strict decoding reads the short layout, and the 0x00 after it is no RopId.
        let mut rd = Reader::with_limits(&long, crate::wire::Limits::STRICT);
        let short = RopResponse::decode_with_from(&mut rd, (Some(&req), None)).unwrap();
        assert!(rd.finish().is_err());
        assert!(matches!(
            short,
            RopResponse::FastTransferSourceGetBuffer(FastTransferSourceGetBufferResponse {
                body: Outcome::Failure(GetBufferFailure { status: None, .. }),
                ..
            })
        ));
    }

    #[test]
    fn put_buffer_status_follows_failures_too() {
        let req = request(&[0x54, 0x00, 0x02, 0x02, 0x00, 0xAA, 0xBB]);
        let fail = [
            0x54, 0x02, 0x05, 0x40, 0x07, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0x00,
        ];
        let r = response(&req, &fail);
        assert!(matches!(
            r,
            RopResponse::FastTransferDestinationPutBuffer(
                FastTransferDestinationPutBufferResponse {
                    body: Outcome::Failure(PutBufferStatus {
                        buffer_used_size: 1,
                        ..
                    }),
                    ..
                }
            )
        ));
        let req = request(&[0x9D, 0x00, 0x02, 0x01, 0x00, 0xAA]);
        let ok = [
            0x9D, 0x02, 0, 0, 0, 0, 0x01, 0x00, 0x02, 0, 0, 0, 0x05, 0, 0, 0, 0x00, 0x01, 0x00,
        ];
        let r = response(&req, &ok);
        assert!(matches!(
            r,
            RopResponse::FastTransferDestinationPutBufferExtended(
                FastTransferDestinationPutBufferExtendedResponse {
                    body: Outcome::Success(PutBufferExtendedStatus {
                        in_progress_count: 2,
                        total_step_count: 5,
                        ..
                    }),
                    ..
                }
            )
        ));
    }

    #[test]
    fn source_configuration_requests() {
        // CopyTo: Level, 4-byte CopyFlags, SendOptions, one excluded tag.
        let req = request(&[
            0x4D, 0x00, 0x00, 0x01, 0x00, 0x00, 0x20, 0x00, 0x00, 0x01, 0x01, 0x00, 0x02, 0x01,
            0x0E, 0x0E,
        ]);
        assert!(matches!(
            &req,
            RopRequest::FastTransferSourceCopyTo(x) if matches!(**x, FastTransferSourceCopyToRequest {
                copy_flags: 0x2000,
                send_options: 0x01,
                ..
            })
        ));
        let resp = response(&req, &[0x4D, 0x01, 0, 0, 0, 0]);
        assert!(matches!(resp, RopResponse::FastTransferSourceCopyTo(_)));
        // CopyMessages: two ids, then CopyFlags and SendOptions.
        let mut b = vec![0x4B, 0x00, 0x00, 0x01, 0x02, 0x00];
        b.extend([1u8; 8]);
        b.extend([2u8; 8]);
        b.extend([0x10, 0x03]);
        let req = request(&b);
        assert!(matches!(
            &req,
            RopRequest::FastTransferSourceCopyMessages(r) if r.message_ids.0.len() == 2
                && r.copy_flags == 0x10 && r.send_options == 0x03
        ));
        request(&[0x4C, 0x00, 0x00, 0x01, 0x10, 0x01]);
        request(&[0x69, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0x00, 0x00]);
        request(&[0x53, 0x00, 0x00, 0x01, 0x01, 0x00]);
        let req = request(&[0x86, 0x00, 0x01, 0x0F, 0x00, 0x00, 0x00, 0x47, 0x04]);
        assert!(matches!(
            req,
            RopRequest::TellVersion(TellVersionRequest {
                version: ServerVersion([15, 0, 0x447]),
                ..
            })
        ));
    }
}
