//! [MS-OXCROPS] 2.2.9 Stream ROPs ([MS-OXCPRPT] adds the semantics).
//!
//! Stream data (RopReadStream's response, RopWriteStream's request, ...) is borrowed from
//! the input ([`Bytes16`]).

use crate::wire::wire_struct;

use super::context::ResponseCtx;
use super::field::{
    hex16, hex32, hex8, rop_request, rop_response, Bytes16, InputOnlyRequest, InputOutputRequest,
    NULL_DESTINATION_OBJECT,
};
use crate::data::PropTag;

// ---- 2.2.9.1 RopOpenStream ----

rop_request! {
    /// [MS-OXCROPS] 2.2.9.1.1 RopOpenStream request: opens a property as a Stream object.
    pub struct OpenStreamRequest {
        /// InputHandleIndex: the object holding the property.
        input_handle_index: Input,
        /// OutputHandleIndex: where the Stream object's handle goes.
        output_handle_index: Output,
        /// PropertyTag: the property to open.
        property_tag: PropTag => "PropertyTag",
        /// OpenModeFlags ([MS-OXCPRPT] 2.2.14.1): 0x00 ReadOnly, 0x01 ReadWrite, 0x02 Create,
        /// 0x03 BestAccess.
        open_mode_flags: u8 => "OpenModeFlags" as hex8,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.9.1.2 RopOpenStream success fields (and 2.2.9.6.2 RopGetStreamSize's).
    pub struct OpenStreamSuccess {
        /// StreamSize: the stream's size in bytes.
        stream_size: u32 => "StreamSize",
    }
}

// ---- 2.2.9.2 RopReadStream ----

/// ByteCount value 0xBABE: MaximumByteCount follows and gives the most bytes to read
/// ([MS-OXCROPS] 2.2.9.2.1).
pub const READ_STREAM_BYTE_COUNT_SENTINEL: u16 = 0xBABE;

rop_request! {
    /// [MS-OXCROPS] 2.2.9.2.1 RopReadStream request: reads bytes from the stream's seek
    /// pointer.
    #[derive(Eq)]
    pub struct ReadStreamRequest {
        /// InputHandleIndex: the Stream object.
        input_handle_index: Input,
        /// ByteCount: the most bytes to read, or 0xBABE when MaximumByteCount gives it.
        byte_count: u16 => "ByteCount" as hex16,
        /// MaximumByteCount: present exactly when ByteCount is 0xBABE.
        maximum_byte_count: Option<u32> => "MaximumByteCount"
            { if(byte_count) byte_count == READ_STREAM_BYTE_COUNT_SENTINEL },
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.9.2.2 RopReadStream response fields, the same whatever ReturnValue.
    pub struct ReadStreamData<'a> {
        /// Data (DataSize is its size): the bytes read, borrowed from the input.
        data: Bytes16<'a> => "Data",
    }
}

// ---- 2.2.9.3 RopWriteStream, 2.2.9.12 RopWriteAndCommitStream ----

rop_request! {
    /// [MS-OXCROPS] 2.2.9.3.1 RopWriteStream request (and 2.2.9.12.1
    /// RopWriteAndCommitStream, the same fields): writes bytes at the stream's seek pointer.
    pub struct WriteStreamRequest<'a> {
        /// InputHandleIndex: the Stream object.
        input_handle_index: Input,
        /// Data (DataSize is its size): the bytes to write, borrowed from the input.
        data: Bytes16<'a> => "Data",
    }
}

/// [MS-OXCROPS] 2.2.9.12.1 RopWriteAndCommitStream request: the fields of
/// [`WriteStreamRequest`].
pub type WriteAndCommitStreamRequest<'a> = WriteStreamRequest<'a>;

wire_struct! {
    /// [MS-OXCROPS] 2.2.9.3.2 / 2.2.9.12.2 response fields, the same whatever ReturnValue.
    pub struct WrittenSize {
        /// WrittenSize: the bytes actually written.
        written_size: u16 => "WrittenSize",
    }
}

// ---- 2.2.9.4 RopWriteStreamExtended ----

/// [MS-OXCROPS] 2.2.9.4.1 RopWriteStreamExtended request: the fields of
/// [`WriteStreamRequest`].
pub type WriteStreamExtendedRequest<'a> = WriteStreamRequest<'a>;

wire_struct! {
    /// [MS-OXCROPS] 2.2.9.4.2 RopWriteStreamExtended response fields, the same whatever
    /// ReturnValue.
    pub struct WrittenSizeExtended {
        /// WrittenSize (4 bytes): the bytes actually written.
        written_size: u32 => "WrittenSize",
    }
}

// ---- 2.2.9.5 RopCommitStream, 2.2.9.6 RopGetStreamSize ----

/// [MS-OXCROPS] 2.2.9.5.1 RopCommitStream request (and 2.2.9.6.1 RopGetStreamSize, the same
/// fields): an operation on the whole Stream object. The fields of [`InputOnlyRequest`]
/// (InputHandleIndex: the Stream object).
pub type StreamRequest = InputOnlyRequest;

/// [MS-OXCROPS] 2.2.9.5.1 RopCommitStream request: the fields of [`StreamRequest`].
pub type CommitStreamRequest = StreamRequest;

/// [MS-OXCROPS] 2.2.9.6.1 RopGetStreamSize request: the fields of [`StreamRequest`].
pub type GetStreamSizeRequest = StreamRequest;

/// [MS-OXCROPS] 2.2.9.6.2 RopGetStreamSize success fields: those of RopOpenStream
/// (StreamSize).
pub type GetStreamSizeSuccess = OpenStreamSuccess;

// ---- 2.2.9.7 RopSetStreamSize ----

rop_request! {
    /// [MS-OXCROPS] 2.2.9.7.1 RopSetStreamSize request.
    pub struct SetStreamSizeRequest {
        /// InputHandleIndex: the Stream object.
        input_handle_index: Input,
        /// StreamSize (8 bytes): the new size in bytes.
        stream_size: u64 => "StreamSize",
    }
}

// ---- 2.2.9.8 RopSeekStream ----

rop_request! {
    /// [MS-OXCROPS] 2.2.9.8.1 RopSeekStream request: moves the seek pointer.
    pub struct SeekStreamRequest {
        /// InputHandleIndex: the Stream object.
        input_handle_index: Input,
        /// Origin ([MS-OXCPRPT] 2.2.21.1): 0x00 beginning, 0x01 current, 0x02 end.
        origin: u8 => "Origin" as hex8,
        /// Offset: the distance from Origin, in bytes (shown as the unsigned 64-bit value
        /// on the wire).
        offset: u64 => "Offset",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.9.8.2 RopSeekStream success fields.
    pub struct SeekStreamSuccess {
        /// NewPosition: the seek pointer, from the beginning of the stream.
        new_position: u64 => "NewPosition",
    }
}

// ---- 2.2.9.9 RopCopyToStream ----

rop_request! {
    /// [MS-OXCROPS] 2.2.9.9.1 RopCopyToStream request: copies bytes from one stream's seek
    /// pointer to another's.
    pub struct CopyToStreamRequest {
        /// SourceHandleIndex: the Stream object copied from.
        source_handle_index: Source,
        /// DestHandleIndex: the Stream object copied to.
        dest_handle_index: Dest,
        /// ByteCount (8 bytes): the bytes to copy.
        byte_count: u64 => "ByteCount",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.9.9.2 RopCopyToStream response fields (every ReturnValue but
    /// NullDestinationObject).
    pub struct CopyToStreamCounts {
        /// ReadByteCount: the bytes read from the source.
        read_byte_count: u64 => "ReadByteCount",
        /// WrittenByteCount: the bytes written to the destination.
        written_byte_count: u64 => "WrittenByteCount",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.9.9.2 / 2.2.9.9.3 RopCopyToStream fields after a failure code:
    /// DestHandleIndex (4 bytes) when ReturnValue is NullDestinationObject (0x00000503), then
    /// ReadByteCount and WrittenByteCount whatever the code.
    ///
    /// When encoding, `dest_handle_index` must be present exactly when ReturnValue is
    /// 0x00000503: the response checks it (the body does not know its ReturnValue).
    pub struct CopyToStreamFailure in ctx: ResponseCtx<'c, 'a> {
        /// DestHandleIndex: the request's DestHandleIndex, on 4 bytes (0x00000503 only).
        dest_handle_index: Option<u32> => "DestHandleIndex"
            { if(ctx) ctx.return_value() == NULL_DESTINATION_OBJECT },
        /// ReadByteCount and WrittenByteCount (0 after 0x00000503, as the spec says a server
        /// SHOULD send).
        counts: CopyToStreamCounts => "ByteCounts" { flatten },
    }
}

// ---- 2.2.9.10 RopLockRegionStream, 2.2.9.11 RopUnlockRegionStream ----

rop_request! {
    /// [MS-OXCROPS] 2.2.9.10.1 RopLockRegionStream request (and 2.2.9.11.1
    /// RopUnlockRegionStream, the same fields): locks or unlocks a range of bytes.
    pub struct RegionStreamRequest {
        /// InputHandleIndex: the Stream object.
        input_handle_index: Input,
        /// RegionOffset: where the region begins, in bytes.
        region_offset: u64 => "RegionOffset",
        /// RegionSize: the region's size in bytes.
        region_size: u64 => "RegionSize",
        /// LockFlags ([MS-OXCPRPT] 2.2.24.1): how the region is locked.
        lock_flags: u32 => "LockFlags" as hex32,
    }
}

/// [MS-OXCROPS] 2.2.9.10.1 RopLockRegionStream request: the fields of
/// [`RegionStreamRequest`].
pub type LockRegionStreamRequest = RegionStreamRequest;

/// [MS-OXCROPS] 2.2.9.11.1 RopUnlockRegionStream request: the fields of
/// [`RegionStreamRequest`].
pub type UnlockRegionStreamRequest = RegionStreamRequest;

// ---- 2.2.9.13 RopCloneStream ----

/// [MS-OXCROPS] 2.2.9.13.1 RopCloneStream request: a second Stream object on the same bytes, with a
/// seek pointer of its own. The fields of [`InputOutputRequest`] (InputHandleIndex: the Stream
/// object to clone; OutputHandleIndex: where the new Stream object's handle goes).
pub type CloneStreamRequest = InputOutputRequest;

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.9.1.2 RopOpenStream response (failure: 2.2.9.1.3).
    OpenStreamResponse = OPEN_STREAM { handle: Output, success: OpenStreamSuccess }

    /// [MS-OXCROPS] 2.2.9.2.2 RopReadStream response: one layout for every ReturnValue
    /// (DataSize and Data follow a failure code too).
    ReadStreamResponse<'a> = READ_STREAM { handle: Input, fields: ReadStreamData<'a> }

    /// [MS-OXCROPS] 2.2.9.3.2 RopWriteStream response: one layout for every ReturnValue
    /// (WrittenSize follows a failure code too).
    WriteStreamResponse = WRITE_STREAM,
    /// [MS-OXCROPS] 2.2.9.12.2 RopWriteAndCommitStream response: one layout for every
    /// ReturnValue.
    WriteAndCommitStreamResponse = WRITE_AND_COMMIT_STREAM { handle: Input, fields: WrittenSize }

    /// [MS-OXCROPS] 2.2.9.4.2 RopWriteStreamExtended response: one layout for every
    /// ReturnValue.
    WriteStreamExtendedResponse = WRITE_STREAM_EXTENDED { handle: Input, fields: WrittenSizeExtended }

    /// [MS-OXCROPS] 2.2.9.5.2 RopCommitStream response.
    CommitStreamResponse = COMMIT_STREAM,
    /// [MS-OXCROPS] 2.2.9.7.2 RopSetStreamSize response.
    SetStreamSizeResponse = SET_STREAM_SIZE,
    /// [MS-OXCROPS] 2.2.9.10.2 RopLockRegionStream response.
    LockRegionStreamResponse = LOCK_REGION_STREAM,
    /// [MS-OXCROPS] 2.2.9.11.2 RopUnlockRegionStream response.
    UnlockRegionStreamResponse = UNLOCK_REGION_STREAM { handle: Input }

    /// [MS-OXCROPS] 2.2.9.6.2 RopGetStreamSize response (failure: 2.2.9.6.3).
    GetStreamSizeResponse = GET_STREAM_SIZE { handle: Input, success: GetStreamSizeSuccess }

    /// [MS-OXCROPS] 2.2.9.8.2 RopSeekStream response (failure: 2.2.9.8.3).
    SeekStreamResponse = SEEK_STREAM { handle: Input, success: SeekStreamSuccess }

    /// [MS-OXCROPS] 2.2.9.9.2 RopCopyToStream response (null destination failure:
    /// 2.2.9.9.3). The counts follow every ReturnValue.
    CopyToStreamResponse = COPY_TO_STREAM { handle: Source, success: CopyToStreamCounts, failure: CopyToStreamFailure, failure_field: dest_handle_index when NULL_DESTINATION_OBJECT }

    /// [MS-OXCROPS] 2.2.9.13.2 RopCloneStream response.
    CloneStreamResponse = CLONE_STREAM { handle: Output }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::rop::field::Outcome;
    use crate::rop::{RopRequest, RopResponse};
    use crate::wire::Encode;

    use crate::rop::test_util::{request, response, success_of};

    #[test]
    fn read_stream_maximum_byte_count_only_after_babe() {
        let req = request(&[0x2C, 0x00, 0x01, 0x00, 0x10]);
        assert!(matches!(
            req,
            RopRequest::ReadStream(ReadStreamRequest {
                byte_count: 0x1000,
                maximum_byte_count: None,
                ..
            })
        ));
        let req = request(&[0x2C, 0x00, 0x01, 0xBE, 0xBA, 0x00, 0x00, 0x01, 0x00]);
        assert!(matches!(
            req,
            RopRequest::ReadStream(ReadStreamRequest {
                maximum_byte_count: Some(0x10000),
                ..
            })
        ));
        let bad = ReadStreamRequest {
            logon_id: 0,
            input_handle_index: 0,
            byte_count: 0xBABE,
            maximum_byte_count: None,
        };
        assert!(bad.to_bytes().is_err());
    }

    #[test]
    fn read_stream_data_is_borrowed_and_follows_failures_too() {
        let req = request(&[0x2C, 0x00, 0x00, 0x00, 0x10]);
        let b = [0x2C, 0x00, 0, 0, 0, 0, 0x03, 0x00, b'a', b'b', b'c'];
        let resp = response(&req, &b);
        let d = success_of!(ReadStream, &resp);
        assert!(matches!(d.data.0, Cow::Borrowed(b"abc")));
        // A failure code keeps DataSize and Data ([MS-OXCROPS] 2.2.9.2.2).
        let resp = response(&req, &[0x2C, 0x00, 0x05, 0x40, 0x00, 0x80, 0x00, 0x00]);
        assert!(matches!(
            resp,
            RopResponse::ReadStream(ReadStreamResponse {
                body: Outcome::Failure(_),
                ..
            })
        ));
    }

    #[test]
    fn write_stream_and_its_variants() {
        let req = request(&[0x2D, 0x00, 0x00, 0x02, 0x00, 0xAA, 0xBB]);
        let RopRequest::WriteStream(w) = &req else {
            panic!("{req:?}")
        };
        assert!(matches!(w.data.0, Cow::Borrowed(&[0xAA, 0xBB])));
        response(&req, &[0x2D, 0x00, 0, 0, 0, 0, 0x02, 0x00]);
        let req = request(&[0xA3, 0x00, 0x00, 0x01, 0x00, 0xAA]);
        response(&req, &[0xA3, 0x00, 0, 0, 0, 0, 0x01, 0x00, 0x00, 0x00]);
        let req = request(&[0x90, 0x00, 0x00, 0x01, 0x00, 0xAA]);
        response(&req, &[0x90, 0x00, 0x05, 0x40, 0x00, 0x80, 0x00, 0x00]);
    }

    #[test]
    fn copy_to_stream_null_destination() {
        let req = request(&[0x3A, 0x00, 0x00, 0x01, 0x00, 0x10, 0, 0, 0, 0, 0, 0]);
        // Null destination: DestHandleIndex, then the counts; another failure: the counts
        // without DestHandleIndex.
        let failures: [(&[u8], _); 2] = [
            (
                &[0x3A, 0x00, 0x03, 0x05, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00],
                Some(1),
            ),
            (&[0x3A, 0x00, 0x05, 0x40, 0x00, 0x80], None),
        ];
        for (head, dest) in failures {
            let mut b = head.to_vec();
            b.extend_from_slice(&[0; 16]);
            let resp = response(&req, &b);
            assert!(matches!(
                resp,
                RopResponse::CopyToStream(CopyToStreamResponse {
                    body: Outcome::Failure(CopyToStreamFailure {
                        dest_handle_index,
                        ..
                    }),
                    ..
                }) if dest_handle_index == dest
            ));
        }
    }

    #[test]
    fn open_and_clone_stream_create_objects() {
        let req = request(&[0x2B, 0x00, 0x00, 0x01, 0x02, 0x01, 0x00, 0x37, 0x01]);
        assert_eq!(req.output_handle_index(), Some(1));
        response(&req, &[0x2B, 0x01, 0, 0, 0, 0, 0x10, 0, 0, 0]);
        let req = request(&[0x3B, 0x00, 0x01, 0x02]);
        assert_eq!(req.output_handle_index(), Some(2));
        response(&req, &[0x3B, 0x02, 0, 0, 0, 0]);
    }
}
