//! [MS-OXCROPS] 2.2.15 Other ROPs: RopBufferTooSmall, RopBackoff, RopRelease; and RopPending
//! ([MS-OXCROPS] 2.2.14.3), which like the first two arrives without a request of its own.

use crate::wire::{min_len, wire_struct};
use std::borrow::Cow;

use bytes::BufMut;

use super::field::MinLen;
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, u8_len, Decode, DecodeError, DecodeWith, Encode, EncodeError, EncodeWith, Reader,
    ResultExt,
};

use super::field::{Bytes16, InputOnlyRequest};

/// [MS-OXCROPS] 2.2.15.3.1 RopRelease request: releases the Server object at InputHandleIndex. The
/// server sends no response. The fields of [`InputOnlyRequest`] (InputHandleIndex: the object to
/// release).
pub type ReleaseRequest = InputOnlyRequest;

/// The context of a byte run that runs to the end of its buffer: RequestBuffers of
/// RopBufferTooSmall ([MS-OXCROPS] 2.2.15.1.1), the last response of a RopsList. The bytes
/// are borrowed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ToEnd;

impl<'a> DecodeWith<'a, ToEnd> for Cow<'a, [u8]> {
    #[inline]
    fn decode_with_from(r: &mut Reader<'a>, _: ToEnd) -> Result<Self, DecodeError> {
        Ok(Cow::Borrowed(r.take_rest()))
    }
}

impl EncodeWith<ToEnd> for Cow<'_, [u8]> {
    #[inline]
    fn encoded_len_with(&self, _: ToEnd) -> usize {
        self.len()
    }
    fn encode_with<B: BufMut>(&self, _: ToEnd, out: &mut B) -> Result<(), EncodeError> {
        ensure_room(out, self.len())?;
        out.put_slice(self);
        Ok(())
    }
}

/// The tree of a byte run: its bytes.
fn bytes_tree(b: &[u8]) -> Tree {
    Tree::Bytes(b.to_vec())
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.15.1.1 RopBufferTooSmall response: the output buffer could not hold
    /// the responses; RequestBuffers holds the requests the server did not process. It is the
    /// last response of a RopsList, so RequestBuffers runs to the end of RopsList.
    #[derive(Eq, Hash)]
    pub struct BufferTooSmallResponse<'a> {
        /// SizeNeeded: the output buffer size the unprocessed requests need.
        size_needed: u16 => "SizeNeeded",
        /// RequestBuffers: the unprocessed ROP requests, as the client sent them.
        request_buffers: Cow<'a, [u8]> => "RequestBuffers" as bytes_tree { with() ToEnd },
    }
}

/// The tree of a one-byte RopId field: the number and the ROP's name.
fn rop_id_tree(v: &u8) -> Tree {
    super::RopId(*v).to_tree()
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.15.2.1.1 BackoffRop: one ROP the client is to delay.
    pub struct BackoffRop {
        /// RopIdBackoff: the RopId to delay.
        rop_id_backoff: u8 => "RopIdBackoff" as rop_id_tree,
        /// Duration: milliseconds to wait.
        duration: u32 => "Duration",
    }
}

min_len! { BackoffRop = 5; }

/// [MS-OXCROPS] 2.2.15.2.1 RopBackoff response: the server asks the client to wait before
/// sending requests for a logon (or for the listed ROPs) again.
///
/// Written by hand: BackoffRopCount is one byte and the tree shows it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct BackoffResponse<'a> {
    /// LogonId: the logon to delay.
    pub logon_id: u8,
    /// Duration: milliseconds to wait for the whole logon.
    pub duration: u32,
    /// BackoffRopData (BackoffRopCount is their number; a one-byte count).
    pub backoff_rops: Vec<BackoffRop>,
    /// AdditionalData (AdditionalDataSize is its size).
    pub additional_data: Bytes16<'a>,
}

impl<'a> Decode<'a> for BackoffResponse<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let logon_id = r.u8().field("LogonId")?;
        let duration = r.u32().field("Duration")?;
        let at = r.offset();
        let n = r.u8().field("BackoffRopCount")?;
        r.check_count(at, n.into(), BackoffRop::MIN_LEN)
            .field("BackoffRopCount")?;
        let mut backoff_rops = Vec::with_capacity(n.into());
        for i in 0..usize::from(n) {
            backoff_rops.push(
                BackoffRop::decode_from(r)
                    .index(i)
                    .field("BackoffRopData")?,
            );
        }
        let additional_data = Bytes16::decode_from(r).field("AdditionalData")?;
        Ok(BackoffResponse {
            logon_id,
            duration,
            backoff_rops,
            additional_data,
        })
    }
}

impl Encode for BackoffResponse<'_> {
    fn encoded_len(&self) -> usize {
        6 + 5 * self.backoff_rops.len() + self.additional_data.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.logon_id.encode(out)?;
        self.duration.encode(out)?;
        u8_len(self.backoff_rops.len(), "BackoffRopCount")?.encode(out)?;
        for b in &self.backoff_rops {
            b.encode(out)?;
        }
        self.additional_data.encode(out)
    }
}

impl ToTree for BackoffResponse<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("LogonId", Tree::UInt(self.logon_id.into()))
            .field("Duration", Tree::UInt(self.duration.into()))
            .field(
                "BackoffRopCount",
                Tree::UInt(self.backoff_rops.len() as u64),
            )
            .field("BackoffRopData", self.backoff_rops.to_tree())
            .field("AdditionalData", self.additional_data.to_tree())
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.14.3.1 RopPending response: notifications are waiting on the
    /// session at SessionIndex.
    pub struct PendingResponse {
        /// SessionIndex: the session with pending notifications.
        session_index: u16 => "SessionIndex",
    }
}

crate::wire::owned_impl!(struct BackoffResponse { logon_id, duration, backoff_rops, additional_data });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rop::test_util::assert_error;
    use crate::rop::{RopResponse, RopResponseBuffer};
    use crate::wire::Limits;

    #[test]
    fn backoff_round_trips_and_counts_are_checked() {
        // RopBackoff, LogonId 0, Duration 1000, one BackoffRop (RopQueryRows, 500 ms), no
        // additional data; then an empty handle table.
        let bytes = [
            0x12, 0x00, 0xF9, 0x00, 0xE8, 0x03, 0x00, 0x00, 0x01, 0x15, 0xF4, 0x01, 0x00, 0x00,
            0x00, 0x00,
        ];
        let mut bytes = bytes.to_vec();
        bytes[0] = bytes.len() as u8;
        let buf = RopResponseBuffer::decode_exact(&bytes, Limits::STRICT).unwrap();
        match &buf.rops[..] {
            [RopResponse::Backoff(b)] => {
                assert_eq!(b.duration, 1000);
                assert_eq!(b.backoff_rops[0].rop_id_backoff, 0x15);
                assert_eq!(b.backoff_rops[0].duration, 500);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(buf.to_bytes().unwrap(), bytes);
        // A BackoffRopCount the bytes cannot hold fails before allocating.
        bytes[8] = 0xFF;
        let e = RopResponseBuffer::decode_exact(&bytes, Limits::STRICT).unwrap_err();
        assert_error(&e, "count-too-large", 8);
    }
}
