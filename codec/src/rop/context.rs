//! What a ROP's layout depends on beyond its own bytes, passed explicitly.
//!
//! A response needs its request (the property tags of RopGetPropertiesSpecific, the LogonFlags
//! of RopLogon); the rows of RopQueryRows, RopFindRow and RopExpandRow need the columns that a
//! RopSetColumns set on the table, possibly in an earlier Execute call. A [`Session`] follows
//! one MAPI session across calls and remembers what those later calls need. Nothing is global:
//! each session is a value its owner keeps, and two sessions never share state.

use std::collections::HashMap;

use crate::data::{PropTags, PropertyName, PropertyNameKind};
use crate::fxics::transfer::{HeldValue, TransferItem, TransferStream};
use crate::wire::{Decode, DecodeError, DecodeWith, Reader};

use super::buffer::{RopRequestBuffer, RopResponseBuffer};
use super::fast_transfer::TransferStatus;
use super::{Outcome, RopRequest, RopResponse};

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
///
/// `'c` is how long the context is borrowed; `'a` how long the column bytes live (those
/// borrowed from a request's input, or shared by the session): what is decoded keeps them.
#[derive(Clone, Copy, Debug, Default)]
pub struct TableColumns<'c, 'a> {
    in_buffer: &'c [(u32, &'c PropTags<'a>)],
    session: Option<&'c Session>,
}

impl<'c, 'a> TableColumns<'c, 'a> {
    /// Columns set in this buffer (by handle, latest last), then the session's.
    pub const fn new(
        in_buffer: &'c [(u32, &'c PropTags<'a>)],
        session: Option<&'c Session>,
    ) -> Self {
        TableColumns { in_buffer, session }
    }

    /// The columns of the table object with Server object handle `handle`.
    pub fn get(&self, handle: u32) -> Option<&'c PropTags<'a>> {
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
///
/// `'c` is how long the context's data is borrowed; `'a` how long the column bytes live. A
/// decoded response keeps its columns (no copy: [`PropTags`] borrows or shares them), so it
/// lives no longer than `'a` (the request's input, for columns a request carries), but it does
/// not borrow the request or the [`Session`] themselves.
#[derive(Clone, Copy, Debug, Default)]
pub struct ResponseCtx<'c, 'a> {
    return_value: u32,
    logon_flags: Option<u8>,
    columns: Option<&'c PropTags<'a>>,
    tables: TableColumns<'c, 'a>,
}

impl<'c, 'a> ResponseCtx<'c, 'a> {
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

    /// The context of one response read or written against `request` (when known): the
    /// LogonFlags when it is a RopLogon, and the columns of the rows it carries.
    pub fn answering(
        request: Option<&super::RopRequest<'_>>,
        columns: Option<&'c PropTags<'a>>,
    ) -> Self {
        let logon_flags = match request {
            Some(super::RopRequest::Logon(l)) => Some(l.logon_flags),
            _ => None,
        };
        ResponseCtx::new()
            .with_columns(columns)
            .with_logon_flags(logon_flags)
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
    pub const fn with_columns(self, columns: Option<&'c PropTags<'a>>) -> Self {
        ResponseCtx { columns, ..self }
    }

    /// The same context with the columns of tables by handle.
    #[inline]
    pub const fn with_tables(self, tables: TableColumns<'c, 'a>) -> Self {
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
    pub const fn columns(&self) -> Option<&'c PropTags<'a>> {
        self.columns
    }

    /// The columns of the table object with Server object handle `handle` (for responses that
    /// name a table by handle, such as table notifications), if known.
    pub fn columns_of_handle(&self, handle: u32) -> Option<&'c PropTags<'a>> {
        self.tables.get(handle)
    }

    /// The columns, or a [`MissingContext`](crate::wire::ErrorKind::MissingContext) error.
    pub fn require_columns(
        &self,
        r: &Reader<'_>,
        what: &'static str,
    ) -> Result<&'c PropTags<'a>, DecodeError> {
        self.columns.ok_or_else(|| {
            DecodeError::new(crate::wire::ErrorKind::MissingContext { what }, r.offset())
        })
    }
}

/// A response body that needs no context decodes in any [`ResponseCtx`].
impl<'a, 'c, 'x, T: Decode<'a>> DecodeWith<'a, ResponseCtx<'c, 'x>> for T {
    #[inline]
    fn decode_with_from(r: &mut Reader<'a>, _: ResponseCtx<'c, 'x>) -> Result<Self, DecodeError> {
        T::decode_from(r)
    }
}

/// One MAPI session's memory across Execute calls: the LogonFlags of each LogonId, the
/// columns set on each table object (by its Server object handle), the recipient columns of
/// each Message object, the names of the named-property ids the session mapped, and the
/// FastTransfer streams under way (by the handle of their download or upload context).
///
/// Feed it every request/response pair in order with [`Session::learn`] (or decode through
/// [`Session::decode_execute`], which does both); follow the FastTransfer streams of each
/// call with [`Session::follow_transfers`].
#[derive(Clone, Debug, Default)]
pub struct Session {
    logons: HashMap<u8, u8>,
    columns: HashMap<u32, PropTags<'static>>,
    recipient_columns: HashMap<u32, PropTags<'static>>,
    named: HashMap<u16, PropertyName<'static>>,
    transfers: HashMap<u32, TransferStream>,
}

/// What one FastTransfer buffer ROP carried, read by [`Session::follow_transfers`]: the
/// output buffer and the response it sits at, the items its buffer completed, the value cut
/// at its end (held until a later buffer completes it), and the error that stopped the
/// stream. `known` is false when the session never saw the ROP that created the context
/// (the capture starts after it): nothing is decoded then.
#[derive(Clone, Debug, PartialEq)]
pub struct TransferFeed<'a> {
    /// The index of the output buffer (the first answers the request; the others are packed).
    pub buffer: usize,
    /// The index of the response in that buffer's RopsList.
    pub response: usize,
    /// Whether the session knew the context (saw the ROP that created it).
    pub known: bool,
    /// The items this buffer completed.
    pub items: Vec<TransferItem<'a>>,
    /// The value cut by the end of this buffer, if any.
    pub held: Option<HeldValue>,
    /// The error that stopped the stream (offsets from the stream's start).
    pub error: Option<DecodeError>,
}

impl Session {
    /// A session that has seen nothing yet.
    pub fn new() -> Self {
        Session::default()
    }

    /// Whether the session remembers nothing: no logon, columns, recipient columns, named
    /// property or FastTransfer stream under way, as a new one. An empty session decodes
    /// every call as [`Session::new`] would, so a tool tracking many sessions (one per
    /// MapiContext cookie) may forget an empty one and start afresh when it comes back.
    ///
    /// ```
    /// use mapi_codec::rop::Session;
    ///
    /// let mut session = Session::new();
    /// assert!(session.is_empty());
    /// session.set_logon_flags(0, 0x01);
    /// assert!(!session.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.logons.is_empty()
            && self.columns.is_empty()
            && self.recipient_columns.is_empty()
            && self.named.is_empty()
            && self.transfers.is_empty()
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
    pub fn columns(&self, handle: u32) -> Option<&PropTags<'static>> {
        self.columns.get(&handle)
    }

    /// Records the columns of a table object (what a successful RopSetColumns does).
    pub fn set_columns(&mut self, handle: u32, columns: impl Into<PropTags<'static>>) {
        self.columns.insert(handle, columns.into());
    }

    /// The recipient columns of the Message object with this Server object handle (from
    /// RopOpenMessage, RopReloadCachedInformation or RopModifyRecipients).
    pub fn recipient_columns(&self, handle: u32) -> Option<&PropTags<'static>> {
        self.recipient_columns.get(&handle)
    }

    /// Forgets a Server object (what RopRelease does).
    pub fn release(&mut self, handle: u32) {
        self.columns.remove(&handle);
        self.recipient_columns.remove(&handle);
    }

    /// The name a named-property id (0x8000 and up, mapped per session) stands for, as
    /// RopGetPropertyIdsFromNames or RopGetNamesFromPropertyIds gave it.
    pub fn named_property(&self, id: u16) -> Option<&PropertyName<'static>> {
        self.named.get(&id)
    }

    /// Learns the named-property ids of a RopGetPropertyIdsFromNames (the request's names,
    /// the response's ids) or RopGetNamesFromPropertyIds (the request's ids, the response's
    /// names) that succeeded.
    fn learn_names(&mut self, req: &RopRequest<'_>, answer: &RopResponse<'_>) {
        use super::property::{GetNamesFromPropertyIdsResponse, GetPropertyIdsFromNamesResponse};
        let pairs: Vec<(u16, &PropertyName<'_>)> = match (req, answer) {
            (
                RopRequest::GetPropertyIdsFromNames(q),
                RopResponse::GetPropertyIdsFromNames(GetPropertyIdsFromNamesResponse {
                    body: Outcome::Success(s),
                    ..
                }),
            ) => s
                .property_ids
                .0
                .iter()
                .copied()
                .zip(&q.property_names.0)
                .collect(),
            (
                RopRequest::GetNamesFromPropertyIds(q),
                RopResponse::GetNamesFromPropertyIds(GetNamesFromPropertyIdsResponse {
                    body: Outcome::Success(s),
                    ..
                }),
            ) => q
                .property_ids
                .0
                .iter()
                .copied()
                .zip(&s.property_names.0)
                .collect(),
            _ => return,
        };
        for (id, name) in pairs {
            if id >= 0x8000 && !matches!(name.kind, PropertyNameKind::NoName) {
                self.named.insert(id, name.clone().into_owned());
            }
        }
    }

    /// Follows the FastTransfer streams of one Execute call, in request order: a successful
    /// RopFastTransferSourceCopyTo, CopyProperties, CopyMessages, CopyFolder,
    /// RopSynchronizationConfigure or RopSynchronizationGetTransferState (downloads) or
    /// RopFastTransferDestinationConfigure (uploads) opens a stream at its output handle; each
    /// successful RopFastTransferSourceGetBuffer (its TransferBuffer) or
    /// RopFastTransferDestinationPutBuffer(Extended) (the request's TransferData) on that
    /// handle feeds it, where the previous buffer stopped; TransferStatus Done ends it;
    /// RopRelease of the handle forgets it.
    ///
    /// `requests` and `responses` are the call's input and output buffers as
    /// [`ExecuteRequest::rop_request_buffers`](crate::http::emsmdb::ExecuteRequest::rop_request_buffers)
    /// and [`ExecuteSuccess::rop_response_buffers`](crate::http::emsmdb::ExecuteSuccess::rop_response_buffers)
    /// give them: output buffers after the first carry more responses to the first input
    /// buffer's last request. Returns what each buffer ROP carried.
    pub fn follow_transfers<'a>(
        &mut self,
        requests: &[RopRequestBuffer<'a>],
        responses: &[RopResponseBuffer<'a>],
    ) -> Vec<TransferFeed<'a>> {
        let mut out = Vec::new();
        let Some(first) = requests.first() else {
            return out;
        };
        for (i, buf) in responses.iter().enumerate() {
            // (request, response index) in request order.
            let pairs: Vec<(&RopRequest<'a>, Option<usize>)> = if i == 0 {
                let cut = buf.unprocessed_from(first).unwrap_or(first.rops.len());
                let answered = buf.request_indexes(first);
                (first.rops.iter().enumerate().take(cut))
                    .map(|(k, q)| {
                        let j = answered.iter().position(|x| *x == Some(k));
                        (q, j)
                    })
                    .collect()
            } else {
                match first.rops.last() {
                    Some(q) => (0..buf.rops.len()).map(|j| (q, Some(j))).collect(),
                    None => Vec::new(),
                }
            };
            for (q, j) in pairs {
                if let RopRequest::Release(r) = q {
                    if let Some(h) = first.handles.get(r.input_handle_index) {
                        self.transfers.remove(&h);
                    }
                    continue;
                }
                let Some((j, resp)) = j.and_then(|j| buf.rops.get(j).map(|r| (j, r))) else {
                    continue;
                };
                if resp.succeeded() != Some(true) {
                    continue;
                }
                let created = (q.output_handle_index())
                    .filter(|_| i == 0)
                    .and_then(|o| buf.handles.get(o));
                if let Some(h) = created {
                    // A new object in the slot: the old stream, if any, is gone.
                    self.transfers.remove(&h);
                    if opens_transfer(q) {
                        self.transfers.insert(h, TransferStream::new());
                    }
                }
                let handle = |index: u8| buf.handles.get(index).or(first.handles.get(index));
                let (h, data, done) = match (q, resp) {
                    (
                        RopRequest::FastTransferSourceGetBuffer(g),
                        RopResponse::FastTransferSourceGetBuffer(r),
                    ) => match &r.body {
                        Outcome::Success(s) => (
                            handle(g.input_handle_index),
                            &s.transfer_buffer.0,
                            s.transfer_status == TransferStatus::DONE,
                        ),
                        Outcome::Failure(_) => continue,
                    },
                    (
                        RopRequest::FastTransferDestinationPutBuffer(p)
                        | RopRequest::FastTransferDestinationPutBufferExtended(p),
                        RopResponse::FastTransferDestinationPutBuffer(_)
                        | RopResponse::FastTransferDestinationPutBufferExtended(_),
                    ) => (handle(p.input_handle_index), &p.transfer_data.0, false),
                    _ => continue,
                };
                out.push(self.feed_transfer(i, j, h, data, done));
            }
        }
        out
    }

    /// Feeds one buffer to the stream of `handle`.
    fn feed_transfer<'a>(
        &mut self,
        buffer: usize,
        response: usize,
        handle: Option<u32>,
        data: &std::borrow::Cow<'a, [u8]>,
        done: bool,
    ) -> TransferFeed<'a> {
        let mut feed = TransferFeed {
            buffer,
            response,
            known: false,
            items: Vec::new(),
            held: None,
            error: None,
        };
        let Some(stream) = handle.and_then(|h| self.transfers.get_mut(&h)) else {
            return feed;
        };
        feed.known = true;
        // The items borrow the buffer when it is borrowed from the message; a buffer the
        // caller owns gives owned items.
        let mut items = Vec::new();
        let result = match data {
            std::borrow::Cow::Borrowed(b) => stream.feed_with(b, &mut items),
            std::borrow::Cow::Owned(b) => {
                let mut owned = Vec::new();
                let r = stream.feed_with(b, &mut owned);
                items.extend(owned.into_iter().map(|x| x.into_owned()));
                r
            }
        };
        let result = result.and_then(|()| if done { stream.finish() } else { Ok(()) });
        feed.items = items;
        feed.held = stream.held();
        feed.error = result.err();
        feed
    }

    /// Learns from one Execute call: logons that succeeded, columns set on tables, objects
    /// released. The buffers are the decoded request and its response.
    pub fn learn(&mut self, request: &RopRequestBuffer<'_>, response: &RopResponseBuffer<'_>) {
        let mut answers: Vec<Option<&RopResponse<'_>>> = vec![None; request.rops.len()];
        for (resp, req_index) in response.rops.iter().zip(response.request_indexes(request)) {
            if let Some(slot) = req_index.and_then(|i| answers.get_mut(i)) {
                *slot = Some(resp);
            }
        }
        let cut = response
            .unprocessed_from(request)
            .unwrap_or(request.rops.len());
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
                    self.recipient_columns.insert(h, cols.clone().into_owned());
                }
            }
            if let Some(a) = answer {
                self.learn_names(req, a);
            }
            match req {
                RopRequest::Logon(l) => self.set_logon_flags(l.logon_id, l.logon_flags),
                RopRequest::SetColumns(s) => {
                    if let Some(h) = response.handles.get(s.input_handle_index) {
                        self.set_columns(h, s.property_tags.clone().into_owned());
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

/// Whether a successful `q` opens a FastTransfer download or upload context at its output
/// handle ([MS-OXCFXICS] 3.3.4.2, 3.2.4.2).
fn opens_transfer(q: &RopRequest<'_>) -> bool {
    matches!(
        q,
        RopRequest::FastTransferSourceCopyTo(_)
            | RopRequest::FastTransferSourceCopyProperties(_)
            | RopRequest::FastTransferSourceCopyMessages(_)
            | RopRequest::FastTransferSourceCopyFolder(_)
            | RopRequest::SynchronizationConfigure(_)
            | RopRequest::SynchronizationGetTransferState(_)
            | RopRequest::FastTransferDestinationConfigure(_)
    )
}

impl RopResponse<'_> {
    /// Whether the response reports success (`None` for responses without ReturnValue).
    pub fn succeeded(&self) -> Option<bool> {
        self.return_value().map(|rv| self.is_success_code(rv))
    }
}

crate::wire::owned_impl!(struct TransferFeed { buffer, response, known, items, held, error });
