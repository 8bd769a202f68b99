//! What a ROP's layout depends on beyond its own bytes, passed explicitly.
//!
//! A response needs its request (the property tags of RopGetPropertiesSpecific, the LogonFlags
//! of RopLogon); the rows of RopQueryRows, RopFindRow and RopExpandRow need the columns that a
//! RopSetColumns set on the table, possibly in an earlier Execute call. A [`Session`] follows
//! one MAPI session across calls and remembers what those later calls need. Nothing is global:
//! each session is a value its owner keeps, and two sessions never share state.

use std::collections::HashMap;

use crate::data::PropTag;

use super::buffer::{RopRequestBuffer, RopResponseBuffer};
use super::{RopRequest, RopResponse};

/// LogonFlags bit Private (0x01) of RopLogon ([MS-OXCROPS] 2.2.3.1.1): set for a private
/// mailbox logon, clear for public folders.
pub const LOGON_FLAG_PRIVATE: u8 = 0x01;

/// What decoding a request body may need.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequestCtx {
    /// The LogonFlags of the RopLogon that created the request's LogonId, if known.
    pub logon_flags: Option<u8>,
}

/// What decoding a response body may need.
#[derive(Clone, Copy, Debug, Default)]
pub struct ResponseCtx<'c> {
    /// The ReturnValue just read (set by the response decoder).
    pub return_value: u32,
    /// The LogonFlags of the response's logon, if known.
    pub logon_flags: Option<u8>,
    /// Column tags of the rows in the response: the table's columns (RopQueryRows,
    /// RopFindRow, RopExpandRow) or the requested tags (RopGetPropertiesSpecific).
    pub columns: Option<&'c [PropTag]>,
    /// The request this response answers.
    pub request: Option<&'c RopRequest<'c>>,
    /// The session the buffer belongs to, when the caller keeps one.
    pub session: Option<&'c Session>,
    /// Columns set in this buffer so far, by Server object handle (from the response's handle
    /// table): what [`ResponseCtx::columns_of_handle`] looks at before the session.
    pub handle_columns: &'c [(u32, &'c [PropTag])],
}

impl<'c> ResponseCtx<'c> {
    /// The same context with `return_value` set.
    pub fn with_return_value(&self, return_value: u32) -> Self {
        ResponseCtx {
            return_value,
            ..*self
        }
    }

    /// The context of a response to `request`, with the given columns.
    pub fn for_request(request: &'c RopRequest<'c>, columns: Option<&'c [PropTag]>) -> Self {
        ResponseCtx {
            return_value: 0,
            logon_flags: None,
            columns,
            request: Some(request),
            session: None,
            handle_columns: &[],
        }
    }

    /// The columns of the table object with Server object handle `handle` (for responses that
    /// name a table by handle, such as table notifications): set earlier in this buffer, else
    /// known to the session.
    pub fn columns_of_handle(&self, handle: u32) -> Option<&'c [PropTag]> {
        self.handle_columns
            .iter()
            .rev()
            .find(|(h, _)| *h == handle)
            .map(|(_, c)| *c)
            .or_else(|| self.session?.columns(handle))
    }

    /// The columns, or a [`MissingContext`](crate::wire::ErrorKind::MissingContext) error.
    pub fn require_columns(
        &self,
        r: &crate::wire::Reader<'_>,
        what: &'static str,
    ) -> Result<&'c [PropTag], crate::wire::DecodeError> {
        self.columns.ok_or_else(|| {
            crate::wire::DecodeError::new(
                crate::wire::ErrorKind::MissingContext { what },
                r.offset(),
            )
        })
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
        let req = RopRequestBuffer::decode_in(request, Some(self), limits)?;
        let resp = RopResponseBuffer::decode_for(response, &req, Some(self), limits)?;
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
