//! Building the ROP output buffer of an Execute ([MS-OXCROPS] 2.2.1, 3.2.5.2; [MS-OXCRPC]
//! 3.1.4.2.1) and the Execute success body around it.
//!
//! [`RopOutputBuilder`] walks the requests of the ROP input buffer in order. Each response is
//! checked against the request it answers with the decoder's own rules (the RopId that may
//! answer it, RopRelease answered by nothing, the handle-index fields, and the bytes decoding
//! back, in the request's context, to the same response), and must fit the client's MaxRopOut:
//! when it does not, the builder closes the buffer with RopBufferTooSmall ([MS-OXCROPS]
//! 2.2.15.1) carrying the requests not processed. Room for that response is kept at every step,
//! so the buffer can always be closed that way.

use std::borrow::Cow;
use std::fmt;

use crate::data::{ErrorCode, PropTags};
use crate::http::body::{AuxiliaryBuffer, RopBuffer};
use crate::http::emsmdb::{ExecuteFlags, ExecuteRequest, ExecuteSuccess};
use crate::rop::other::BufferTooSmallResponse;
use crate::rop::{RopId, RopRequest, RopRequestBuffer, RopResponse, Session};
use crate::rpc::ext::{BuildOptions, ExtendedBufferChain, RpcHeaderExt, MAX_REQUEST_PAYLOAD};
use crate::wire::{Encode, EncodeError, EncodeWith, Limits};

/// ecRpcFormat (0x000004B6, [MS-OXCDATA] 2.4.1 RpcFormat): the ROP input buffer is malformed
/// ([MS-OXCRPC] 3.1.4.2; [MS-OXCROPS] 2.2.2 for a reserved RopId).
pub const EC_RPC_FORMAT: ErrorCode = ErrorCode(0x0000_04B6);
/// ecBufferTooSmall (0x0000047D, [MS-OXCDATA] 2.4.1 BufferTooSmall): MaxRopOut cannot even
/// hold the RopBufferTooSmall response that hands every request back.
pub const EC_BUFFER_TOO_SMALL: ErrorCode = ErrorCode(0x0000_047D);

/// The size of a RopBufferTooSmall response before its RequestBuffers: RopId, SizeNeeded.
const TOO_SMALL_HEAD: usize = 3;
/// RopSize.
const ROP_SIZE: usize = 2;

/// Why the builder refused a step.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum RopOutputError {
    /// The input buffer holds requests that were not decoded (its `raw` rest): they cannot be
    /// answered in order. Execute answers ErrorCode [`EC_RPC_FORMAT`].
    UndecodedRequests,
    /// MaxRopOut cannot hold even a RopBufferTooSmall handing every request back. Execute
    /// answers ErrorCode [`EC_BUFFER_TOO_SMALL`].
    MaxRopOutTooSmall {
        /// The bytes of ROP output buffer MaxRopOut leaves.
        budget: usize,
        /// The bytes the RopBufferTooSmall would take.
        needed: usize,
    },
    /// Every request is answered (or the buffer was closed with RopBufferTooSmall).
    NoRequestLeft,
    /// The response cannot answer the next request (another RopId; or RopRelease, which has
    /// no response: see [`RopOutputBuilder::released`]).
    Mismatch {
        /// The next request's RopId.
        request: RopId,
        /// The response's RopId (`None` for a call that gives no response).
        response: Option<RopId>,
    },
    /// A handle index past the Server object handle table, or not the one of the same field
    /// of the request.
    HandleIndex {
        /// The index given.
        index: u8,
        /// The request's index of that field, if it has one.
        expected: Option<u8>,
    },
    /// The response does not encode.
    Encode(EncodeError),
    /// The response is larger than any output buffer could hold beside the requests after it
    /// (32 KB of ROP output, [MS-OXCRPC] 3.1.4.2.1.2.2): it has to be made smaller (fewer rows,
    /// a failure).
    TooLarge {
        /// The response's size.
        len: usize,
        /// The most it could take.
        max: usize,
    },
    /// Requests are left unanswered at [`RopOutputBuilder::finish`]; the index of the first.
    Unanswered(usize),
}

impl fmt::Display for RopOutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RopOutputError::UndecodedRequests => {
                f.write_str("the ROP input buffer holds requests that were not decoded")
            }
            RopOutputError::MaxRopOutTooSmall { budget, needed } => write!(
                f,
                "MaxRopOut leaves {budget} bytes, a RopBufferTooSmall needs {needed}"
            ),
            RopOutputError::NoRequestLeft => f.write_str("no request is left to answer"),
            RopOutputError::Mismatch { request, response } => {
                write!(f, "{response:?} cannot answer {request:?}")
            }
            RopOutputError::HandleIndex { index, expected } => {
                write!(f, "handle index {index} (expected {expected:?})")
            }
            RopOutputError::Encode(e) => write!(f, "the response does not encode: {e}"),
            RopOutputError::TooLarge { len, max } => {
                write!(f, "a response of {len} bytes, at most {max} fit")
            }
            RopOutputError::Unanswered(i) => write!(f, "request {i} is not answered"),
        }
    }
}

impl std::error::Error for RopOutputError {}

/// What [`RopOutputBuilder::answer`] did with a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answered {
    /// The response is in the buffer.
    Added,
    /// It did not fit: the buffer is closed with RopBufferTooSmall, whose RequestBuffers hold
    /// this request and every later one (they count as not processed).
    BufferTooSmall,
}

/// Builds one ROP output buffer answering one ROP input buffer ([MS-OXCROPS] 2.2.1, 3.2.5.2):
/// the responses in request order, within the client's MaxRopOut, and the Server object handle
/// table, which starts as the request's and takes the handles of the objects created.
#[derive(Debug)]
pub struct RopOutputBuilder<'r, 'a> {
    request: &'r RopRequestBuffer<'a>,
    /// The bytes the whole ROP output buffer may take.
    budget: usize,
    /// RopsList so far.
    list: Vec<u8>,
    handles: Vec<u32>,
    /// The index of the next request to answer.
    next: usize,
    /// `rest[i]`: the bytes of the requests from `i` on.
    rest: Vec<usize>,
    closed: bool,
}

impl<'r, 'a> RopOutputBuilder<'r, 'a> {
    /// A builder answering `request` within `max_rop_out` (the Execute's MaxRopOut: the
    /// RopBuffer of the response, one RPC_HEADER_EXT included, and at most 32 KB of ROP output,
    /// [MS-OXCRPC] 3.1.4.2.1.2.2).
    pub fn new(
        request: &'r RopRequestBuffer<'a>,
        max_rop_out: u32,
    ) -> Result<Self, RopOutputError> {
        if request.raw.is_some() {
            return Err(RopOutputError::UndecodedRequests);
        }
        let max_rop_out = usize::try_from(max_rop_out).unwrap_or(usize::MAX);
        let budget = max_rop_out
            .saturating_sub(RpcHeaderExt::SIZE)
            .min(MAX_REQUEST_PAYLOAD);
        let mut rest = vec![0; request.rops.len() + 1];
        for (i, rop) in request.rops.iter().enumerate().rev() {
            rest[i] = rest[i + 1] + rop.encoded_len();
        }
        let b = RopOutputBuilder {
            request,
            budget,
            list: Vec::new(),
            handles: request.handles.iter().collect(),
            next: 0,
            rest,
            closed: false,
        };
        let needed = b.used() + b.reserve(0);
        if needed > budget {
            return Err(RopOutputError::MaxRopOutTooSmall { budget, needed });
        }
        Ok(b)
    }

    /// The bytes written so far: RopSize, RopsList, the handle table.
    fn used(&self) -> usize {
        ROP_SIZE + self.list.len() + 4 * self.handles.len()
    }

    /// The bytes a RopBufferTooSmall handing back the requests from `i` on takes (none when
    /// there are none).
    fn reserve(&self, i: usize) -> usize {
        match self.rest.get(i) {
            Some(&n) if n > 0 => TOO_SMALL_HEAD + n,
            _ => 0,
        }
    }

    /// The next request to answer, with its index in RopsList; `None` when all are answered
    /// or the buffer is closed.
    pub fn next_request(&self) -> Option<(usize, &'r RopRequest<'a>)> {
        if self.closed {
            return None;
        }
        let request: &'r RopRequestBuffer<'a> = self.request;
        request.rops.get(self.next).map(|r| (self.next, r))
    }

    /// The most bytes the next request's response may take: what MaxRopOut leaves once room
    /// is kept for a RopBufferTooSmall handing back the requests after it. A ROP that can
    /// shorten its answer (RopQueryRows: fewer rows) keeps to it.
    pub fn room(&self) -> usize {
        self.budget
            .saturating_sub(self.used())
            .saturating_sub(self.reserve(self.next + 1))
    }

    /// The handle at `index` of the handle table as it stands.
    pub fn handle(&self, index: u8) -> Option<u32> {
        self.handles.get(usize::from(index)).copied()
    }

    /// Puts `handle` at `index` of the handle table: the object a ROP created, at its
    /// OutputHandleIndex ([MS-OXCROPS] 2.2.1).
    pub fn set_handle(&mut self, index: u8, handle: u32) -> Result<(), RopOutputError> {
        let slot = self
            .handles
            .get_mut(usize::from(index))
            .ok_or(RopOutputError::HandleIndex {
                index,
                expected: None,
            })?;
        *slot = handle;
        Ok(())
    }

    /// The next request is a RopRelease, done: it has no response ([MS-OXCROPS] 2.2.15.3).
    pub fn released(&mut self) -> Result<(), RopOutputError> {
        let (_, req) = self.next_request().ok_or(RopOutputError::NoRequestLeft)?;
        if !matches!(req, RopRequest::Release(_)) {
            return Err(RopOutputError::Mismatch {
                request: req.rop_id(),
                response: None,
            });
        }
        self.next += 1;
        Ok(())
    }

    /// Answers the next request with `response` (see [`RopOutputBuilder::answer_with`]; rows
    /// are checked only where the response's own request gives their columns).
    pub fn answer(&mut self, response: &RopResponse<'_>) -> Result<Answered, RopOutputError> {
        self.answer_with(response, None)
    }

    /// Answers the next request with `response`, whose rows (if any: RopQueryRows,
    /// RopFindRow, RopExpandRow) have `columns`. The response must be one the decoder would
    /// read as the answer to that request: a RopId that answers it, the handle index of the
    /// request's field of the same role, and bytes that decode back to the same response (a
    /// response whose layout needs context the builder was not given, such as rows without
    /// `columns`, is taken unchecked in that part). When it does not fit the room left, the
    /// buffer is closed with RopBufferTooSmall ([`Answered::BufferTooSmall`]).
    pub fn answer_with(
        &mut self,
        response: &RopResponse<'_>,
        columns: Option<&PropTags<'_>>,
    ) -> Result<Answered, RopOutputError> {
        let (_, req) = self.next_request().ok_or(RopOutputError::NoRequestLeft)?;
        if RopResponse::is_standalone(response.rop_id())
            || !req.may_be_answered_by(response.rop_id())
        {
            return Err(RopOutputError::Mismatch {
                request: req.rop_id(),
                response: Some(response.rop_id()),
            });
        }
        if let Some((role, index)) = response.handle_index() {
            let expected = req.handle_indexes().get(role);
            if usize::from(index) >= self.handles.len() || expected.is_some_and(|e| e != index) {
                return Err(RopOutputError::HandleIndex { index, expected });
            }
        }
        // Written in place, checked as it is written against its request and the columns (the
        // rows' own when not given: only the table's RopSetColumns could say otherwise), and
        // taken back if refused or too large.
        let (room, start) = (self.room(), self.list.len());
        let columns = columns.or_else(|| response.row_columns());
        let written = response
            .encode_with((Some(req), columns), &mut self.list)
            .map_err(RopOutputError::Encode);
        let len = self.list.len() - start;
        if written.is_ok() && len <= room {
            self.next += 1;
            return Ok(Answered::Added);
        }
        self.list.truncate(start);
        written?;
        // In an output buffer of its own, beside room to hand the later requests back.
        let alone = ROP_SIZE + len + self.reserve(self.next + 1) + 4 * self.handles.len();
        if alone > MAX_REQUEST_PAYLOAD {
            return Err(RopOutputError::TooLarge {
                len,
                max: len - (alone - MAX_REQUEST_PAYLOAD),
            });
        }
        self.close_too_small(RpcHeaderExt::SIZE + alone)?;
        Ok(Answered::BufferTooSmall)
    }

    /// Adds a response that answers no request: RopNotify or RopPending ([MS-OXCROPS]
    /// 2.2.14), which a server may add to any output buffer. It must fit the room left.
    pub fn push_unsolicited(&mut self, response: &RopResponse<'_>) -> Result<(), RopOutputError> {
        if !matches!(response, RopResponse::Notify(_) | RopResponse::Pending(_)) {
            let request = self
                .next_request()
                .map_or(response.rop_id(), |(_, r)| r.rop_id());
            return Err(RopOutputError::Mismatch {
                request,
                response: Some(response.rop_id()),
            });
        }
        let bytes = response.to_bytes().map_err(RopOutputError::Encode)?;
        let room = self
            .budget
            .saturating_sub(self.used())
            .saturating_sub(self.reserve(self.next));
        if bytes.len() > room {
            return Err(RopOutputError::TooLarge {
                len: bytes.len(),
                max: room,
            });
        }
        self.list.extend_from_slice(&bytes);
        Ok(())
    }

    /// Closes the buffer with a RopBufferTooSmall handing back the requests from the next one
    /// on, with SizeNeeded `size_needed` (at most 0xFFFF).
    fn close_too_small(&mut self, size_needed: usize) -> Result<(), RopOutputError> {
        let mut unprocessed = Vec::with_capacity(self.rest[self.next]);
        for rop in &self.request.rops[self.next..] {
            rop.encode(&mut unprocessed)
                .map_err(RopOutputError::Encode)?;
        }
        let too_small = RopResponse::BufferTooSmall(BufferTooSmallResponse {
            size_needed: u16::try_from(size_needed).unwrap_or(u16::MAX),
            request_buffers: Cow::Owned(unprocessed),
        });
        // The room was kept at every step (and checked by `new` for the first).
        too_small
            .encode(&mut self.list)
            .map_err(RopOutputError::Encode)?;
        self.closed = true;
        Ok(())
    }

    /// Whether the buffer was closed with RopBufferTooSmall.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// The ROP output buffer: RopSize, RopsList, the handle table. Every request must have
    /// been answered (or handed back by RopBufferTooSmall).
    pub fn finish(self) -> Result<Vec<u8>, RopOutputError> {
        if !self.closed && self.next < self.request.rops.len() {
            return Err(RopOutputError::Unanswered(self.next));
        }
        let rop_size = u16::try_from(ROP_SIZE + self.list.len()).map_err(|_| {
            RopOutputError::Encode(EncodeError::too_long(
                "RopSize",
                ROP_SIZE + self.list.len(),
                u16::MAX.into(),
            ))
        })?;
        let mut out = Vec::with_capacity(self.used());
        out.extend_from_slice(&rop_size.to_le_bytes());
        out.extend_from_slice(&self.list);
        for h in &self.handles {
            out.extend_from_slice(&h.to_le_bytes());
        }
        Ok(out)
    }
}

/// The ROP input buffer an Execute handler answers: the first buffer of its RopBuffer (later
/// ones carry packed upload data for its last ROP, [MS-OXCRPC] 3.1.4.2.1.1.1, which this layer
/// does not serve); `None` when RopBuffer holds none. A buffer that does not decode, or that
/// decodes only in part, fails the call with [`EC_RPC_FORMAT`] ([MS-OXCROPS] 2.2.2).
/// `session` gives the LogonFlags of logons made by earlier calls.
pub fn rop_input<'s>(
    request: &'s ExecuteRequest<'_>,
    session: Option<&Session>,
    limits: Limits,
) -> Result<Option<RopRequestBuffer<'s>>, ErrorCode> {
    let buffers = request
        .rop_request_buffers(session, limits)
        .map_err(|_| EC_RPC_FORMAT)?;
    match buffers.into_iter().next() {
        Some(b) if b.raw.is_some() => Err(EC_RPC_FORMAT),
        first => Ok(first),
    }
}

/// The Execute success body carrying one ROP output buffer ([MS-OXCMAPIHTTP] 2.2.4.2.2):
/// ErrorCode 0, the buffer in one extended buffer, compressed unless the request's Flags say
/// NoCompression and obfuscated unless they say NoXorMagic ([MS-OXCRPC] 3.1.4.2, 3.1.4.1.1).
pub fn execute_success(
    request: &ExecuteRequest<'_>,
    rop_output: &[u8],
) -> Result<ExecuteSuccess<'static>, EncodeError> {
    let options = BuildOptions {
        compress: !request.flags.contains(ExecuteFlags::NO_COMPRESSION),
        xor_magic: !request.flags.contains(ExecuteFlags::NO_XOR_MAGIC),
    };
    let chain = ExtendedBufferChain::pack(&[rop_output], options, MAX_REQUEST_PAYLOAD)?;
    Ok(ExecuteSuccess {
        error_code: ErrorCode::SUCCESS,
        flags: 0,
        rop_buffer: RopBuffer(Some(chain)),
        auxiliary_buffer: AuxiliaryBuffer(None),
    })
}

/// The Execute success body of a call that failed as a whole ([MS-OXCRPC] 3.1.4.2 return
/// values): ErrorCode `error_code`, no ROP output.
pub fn execute_failure(error_code: ErrorCode) -> ExecuteSuccess<'static> {
    ExecuteSuccess {
        error_code,
        flags: 0,
        rop_buffer: RopBuffer(None),
        auxiliary_buffer: AuxiliaryBuffer(None),
    }
}

#[cfg(test)]
mod tests;
