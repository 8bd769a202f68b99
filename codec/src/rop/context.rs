//! What a ROP's layout depends on beyond its own bytes, passed explicitly.
//!
//! A response needs its request (the property tags of RopGetPropertiesSpecific, the LogonFlags
//! of RopLogon); the rows of RopQueryRows, RopFindRow and RopExpandRow need the columns that a
//! RopSetColumns set on the table, possibly in an earlier Execute call. A [`Session`] follows
//! one MAPI session across calls and remembers what those later calls need. Nothing is global:
//! each session is a value its owner keeps, and two sessions never share state.

use std::collections::HashMap;

use crate::data::PropTag;
use crate::wire::{Decode, DecodeError, DecodeWith, Reader};

use super::buffer::{RopRequestBuffer, RopResponseBuffer};
use super::{RopRequest, RopResponse};

/// LogonFlags bit Private (0x01) of RopLogon ([MS-OXCROPS] 2.2.3.1.1): set for a private
/// mailbox logon, clear for public folders.
pub const LOGON_FLAG_PRIVATE: u8 = 0x01;

/// What decoding a request body may need: the LogonFlags of the logon it runs on
/// (RopSetMessageReadFlag and RopWritePerUserInformation change layout with them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequestCtx {
    logon_flags: Option<u8>,
}

impl RequestCtx {
    /// A context that knows the LogonFlags of the request's logon (`None`: unknown).
    pub const fn with_logon_flags(logon_flags: Option<u8>) -> Self {
        RequestCtx { logon_flags }
    }

    /// The LogonFlags of the RopLogon that created the request's LogonId, if known.
    pub const fn logon_flags(&self) -> Option<u8> {
        self.logon_flags
    }
}

/// A request body that needs no context decodes in any [`RequestCtx`].
impl<'a, T: Decode<'a>> DecodeWith<'a, RequestCtx> for T {
    #[inline]
    fn decode_with_from(r: &mut Reader<'a>, _: RequestCtx) -> Result<Self, DecodeError> {
        T::decode_from(r)
    }
}

/// The columns of table objects by Server object handle: those set earlier in the buffer
/// being decoded, then those the session remembers (table notifications name their table by
/// handle).
#[derive(Clone, Copy, Debug, Default)]
pub struct TableColumns<'c> {
    in_buffer: &'c [(u32, &'c [PropTag])],
    session: Option<&'c Session>,
}

impl<'c> TableColumns<'c> {
    /// Columns set in this buffer (by handle, latest last), then the session's.
    pub const fn new(in_buffer: &'c [(u32, &'c [PropTag])], session: Option<&'c Session>) -> Self {
        TableColumns { in_buffer, session }
    }

    /// The columns of the table object with Server object handle `handle`.
    pub fn get(&self, handle: u32) -> Option<&'c [PropTag]> {
        self.in_buffer
            .iter()
            .rev()
            .find(|(h, _)| *h == handle)
            .map(|(_, c)| *c)
            .or_else(|| self.session?.columns(handle))
    }
}

/// What decoding a ROP response body may need besides its bytes, a small value passed down
/// by copy: the ReturnValue just read, the LogonFlags of the response's logon, the column tags
/// of the rows it carries, and the columns of tables by handle.
#[derive(Clone, Copy, Debug, Default)]
pub struct ResponseCtx<'c> {
    return_value: u32,
    logon_flags: Option<u8>,
    columns: Option<&'c [PropTag]>,
    tables: TableColumns<'c>,
}

impl<'c> ResponseCtx<'c> {
    /// A context that knows nothing: only what needs no context decodes.
    pub const fn new() -> Self {
        ResponseCtx {
            return_value: 0,
            logon_flags: None,
            columns: None,
            tables: TableColumns {
                in_buffer: &[],
                session: None,
            },
        }
    }

    /// The same context with the ReturnValue just read.
    #[inline]
    pub const fn with_return_value(self, return_value: u32) -> Self {
        ResponseCtx {
            return_value,
            ..self
        }
    }

    /// The same context with the LogonFlags of the response's logon.
    #[inline]
    pub const fn with_logon_flags(self, logon_flags: Option<u8>) -> Self {
        ResponseCtx {
            logon_flags,
            ..self
        }
    }

    /// The same context with the column tags of the rows the response carries: the table's
    /// columns (RopQueryRows, RopFindRow, RopExpandRow), the requested tags
    /// (RopGetPropertiesSpecific), the recipient columns (RopReadRecipients).
    #[inline]
    pub const fn with_columns(self, columns: Option<&'c [PropTag]>) -> Self {
        ResponseCtx { columns, ..self }
    }

    /// The same context with the columns of tables by handle.
    #[inline]
    pub const fn with_tables(self, tables: TableColumns<'c>) -> Self {
        ResponseCtx { tables, ..self }
    }

    /// The ReturnValue of the response being decoded.
    #[inline]
    pub const fn return_value(&self) -> u32 {
        self.return_value
    }

    /// The LogonFlags of the response's logon, if known.
    #[inline]
    pub const fn logon_flags(&self) -> Option<u8> {
        self.logon_flags
    }

    /// The column tags of the rows, if known.
    #[inline]
    pub const fn columns(&self) -> Option<&'c [PropTag]> {
        self.columns
    }

    /// The columns of the table object with Server object handle `handle` (for responses that
    /// name a table by handle, such as table notifications), if known.
    pub fn columns_of_handle(&self, handle: u32) -> Option<&'c [PropTag]> {
        self.tables.get(handle)
    }

    /// The columns, or a [`MissingContext`](crate::wire::ErrorKind::MissingContext) error.
    pub fn require_columns(
        &self,
        r: &Reader<'_>,
        what: &'static str,
    ) -> Result<&'c [PropTag], DecodeError> {
        self.columns.ok_or_else(|| {
            DecodeError::new(crate::wire::ErrorKind::MissingContext { what }, r.offset())
        })
    }
}

/// A response body that needs no context decodes in any [`ResponseCtx`].
impl<'a, 'c, T: Decode<'a>> DecodeWith<'a, ResponseCtx<'c>> for T {
    #[inline]
    fn decode_with_from(r: &mut Reader<'a>, _: ResponseCtx<'c>) -> Result<Self, DecodeError> {
        T::decode_from(r)
    }
}

/// One MAPI session's memory across Execute calls: the LogonFlags of each LogonId and the
/// columns set on each table object (by its Server object handle).
///
/// Feed it every request/response pair in order with [`Session::learn`] (or decode through
/// [`Session::decode_execute`], which does both).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Session {
    logons: HashMap<u8, u8>,
    columns: HashMap<u32, Vec<PropTag>>,
    recipient_columns: HashMap<u32, Vec<PropTag>>,
}

impl Session {
    /// A session that has seen nothing yet.
    pub fn new() -> Self {
        Session::default()
    }

    /// The LogonFlags of the RopLogon that created `logon_id`.
    pub fn logon_flags(&self, logon_id: u8) -> Option<u8> {
        self.logons.get(&logon_id).copied()
    }

    /// Records the LogonFlags of a logon (what a successful RopLogon does).
    pub fn set_logon_flags(&mut self, logon_id: u8, flags: u8) {
        self.logons.insert(logon_id, flags);
    }

    /// The columns last set on the table object with this Server object handle.
    pub fn columns(&self, handle: u32) -> Option<&[PropTag]> {
        self.columns.get(&handle).map(Vec::as_slice)
    }

    /// Records the columns of a table object (what a successful RopSetColumns does).
    pub fn set_columns(&mut self, handle: u32, columns: Vec<PropTag>) {
        self.columns.insert(handle, columns);
    }

    /// The recipient columns of the Message object with this Server object handle (from
    /// RopOpenMessage, RopReloadCachedInformation or RopModifyRecipients).
    pub fn recipient_columns(&self, handle: u32) -> Option<&[PropTag]> {
        self.recipient_columns.get(&handle).map(Vec::as_slice)
    }

    /// Forgets a Server object (what RopRelease does).
    pub fn release(&mut self, handle: u32) {
        self.columns.remove(&handle);
        self.recipient_columns.remove(&handle);
    }

    /// Learns from one Execute call: logons that succeeded, columns set on tables, objects
    /// released. The buffers are the decoded request and its response.
    pub fn learn(&mut self, request: &RopRequestBuffer<'_>, response: &RopResponseBuffer<'_>) {
        let mut answers: Vec<Option<&RopResponse<'_>>> = vec![None; request.rops.len()];
        for (resp, req_index) in response.rops.iter().zip(&response.request_indexes) {
            if let Some(slot) = req_index.and_then(|i| answers.get_mut(usize::from(i))) {
                *slot = Some(resp);
            }
        }
        let cut = response.unprocessed_from().unwrap_or(request.rops.len());
        // In request order: a release and a later object that reuses its handle value must
        // not be confused.
        for (req, answer) in request.rops.iter().zip(answers).take(cut) {
            if let RopRequest::Release(r) = req {
                // RopRelease has no response: every release the server reached takes effect.
                if let Some(h) = request.handles.get(r.input_handle_index) {
                    self.release(h);
                }
                continue;
            }
            if answer.and_then(RopResponse::succeeded) != Some(true) {
                continue;
            }
            // A new object in a slot: what the session knew about that handle value belonged
            // to an object that no longer exists.
            if let Some(h) = req
                .output_handle_index()
                .and_then(|o| response.handles.get(o))
            {
                self.release(h);
            }
            if let Some((i, cols)) = answer.and_then(|a| a.recipient_columns(req)) {
                if let Some(h) = response.handles.get(i) {
                    self.recipient_columns.insert(h, cols.to_vec());
                }
            }
            match req {
                RopRequest::Logon(l) => self.set_logon_flags(l.logon_id, l.logon_flags),
                RopRequest::SetColumns(s) => {
                    if let Some(h) = response.handles.get(s.input_handle_index) {
                        self.set_columns(h, s.property_tags.to_vec());
                    }
                }
                // After RopResetTable the client must set the columns again
                // ([MS-OXCTABL] 3.1.5): the old ones no longer describe the rows.
                RopRequest::ResetTable(t) => {
                    if let Some(h) = response.handles.get(t.input_handle_index) {
                        self.columns.remove(&h);
                    }
                }
                _ => {}
            }
        }
    }

    /// Decodes one Execute call's ROP request and response buffers with this session's
    /// knowledge, then learns from them.
    pub fn decode_execute<'a>(
        &mut self,
        request: &'a [u8],
        response: &'a [u8],
        limits: crate::wire::Limits,
    ) -> Result<(RopRequestBuffer<'a>, RopResponseBuffer<'a>), crate::wire::DecodeError> {
        let req = RopRequestBuffer::decode_with_exact(request, &*self, limits)?;
        let resp = RopResponseBuffer::decode_with_exact(response, (&req, &*self), limits)?;
        self.learn(&req, &resp);
        Ok((req, resp))
    }
}

impl RopResponse<'_> {
    /// Whether the response reports success (`None` for responses without ReturnValue).
    pub fn succeeded(&self) -> Option<bool> {
        self.return_value().map(|rv| self.is_success_code(rv))
    }
}
