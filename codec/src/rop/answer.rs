//! Responses against their requests ([MS-OXCROPS] 2.2.1): which request each response of a
//! RopsList answers, what the response decoder knows of the buffer's objects at each point
//! (columns set on tables, recipient columns set on Message objects), and the checks by which
//! the encoder refuses a response whose bytes would decode differently against its request.
//!
//! The decoder ([`RopResponseBuffer`]'s `DecodeWith`) and the encoder (its `EncodeWith` of the
//! same contexts) walk the list with the same [`Pairing`] and the same [`Known`], so the two
//! cannot disagree on which request a response answers or which columns its rows have.

use bytes::BufMut;

use crate::data::PropTags;
use crate::wire::{
    ensure_room, Encode, EncodeError, EncodeErrorKind, EncodeWith, Reader, ResultExt,
};

use super::buffer::{HandleTable, RopRequestBuffer, RopResponseBuffer};
use super::context::{ResponseCtx, Session, LOGON_FLAG_PRIVATE};
use super::notification::{TableRowData, COLUMNS_UNKNOWN};
use super::store::LogonSuccess;
use super::{Outcome, RopId, RopRequest, RopResponse};

/// Where the next response of a RopsList stands against the requests it answers.
pub(super) enum Step<'q, 'r> {
    /// A response sent without a request of its own (RopNotify, RopPending,
    /// RopBufferTooSmall, RopBackoff); for the last two, the index of the first request the
    /// server did not process.
    Standalone(Option<usize>),
    /// The response answers the request at this index.
    Answers(usize, &'q RopRequest<'r>),
    /// Every decoded request was answered; `undecoded`: the request buffer has an undecoded
    /// rest, so the response may answer a request that was not decoded.
    NoRequestLeft {
        /// Whether the request buffer has an undecoded rest.
        undecoded: bool,
    },
    /// The next request cannot be answered by a response of this RopId.
    Unexpected(&'q RopRequest<'r>),
}

/// The cursor over the requests a RopsList of responses answers: in order, RopRelease (which
/// has no response) skipped.
pub(super) struct Pairing<'q, 'r> {
    request: &'q RopRequestBuffer<'r>,
    cursor: usize,
}

impl<'q, 'r> Pairing<'q, 'r> {
    /// At the first request of `request`.
    pub(super) fn new(request: &'q RopRequestBuffer<'r>) -> Self {
        Pairing { request, cursor: 0 }
    }

    /// Where a response of RopId `id` stands; a response that answers a request moves the
    /// cursor past it.
    pub(super) fn step(&mut self, id: RopId) -> Step<'q, 'r> {
        if RopResponse::is_standalone(id) {
            let cuts = matches!(id, RopId::BUFFER_TOO_SMALL | RopId::BACKOFF);
            return Step::Standalone(cuts.then_some(self.cursor));
        }
        let rops = &self.request.rops;
        while matches!(rops.get(self.cursor), Some(RopRequest::Release(_))) {
            self.cursor += 1;
        }
        let Some(req) = rops.get(self.cursor) else {
            return Step::NoRequestLeft {
                undecoded: self.request.raw.is_some(),
            };
        };
        if !req.may_be_answered_by(id) {
            return Step::Unexpected(req);
        }
        self.cursor += 1;
        Step::Answers(self.cursor - 1, req)
    }
}

/// What the response decoder knows about the objects of one buffer, as it goes.
/// The columns it keeps are clones of the requests' and responses' [`PropTags`]: no copy.
#[derive(Default)]
pub(super) struct Known<'a> {
    /// Columns set by a successful RopSetColumns in this buffer, by handle index.
    tables: Vec<(u8, PropTags<'a>)>,
    /// Indexes that received a new object (or a reset table) in this buffer.
    fresh: Vec<u8>,
    /// Recipient columns set on Message objects in this buffer, by handle index.
    recipients: Vec<(u8, PropTags<'a>)>,
}

impl<'a> Known<'a> {
    /// What a successful response `rop` to `req` teaches: the columns of a table, a new
    /// object in a slot, the recipient columns of a Message object.
    pub(super) fn learn(&mut self, req: &RopRequest<'a>, rop: &RopResponse<'a>) {
        self.note_tables(req);
        if let Some(out) = req.output_handle_index() {
            self.recipients.retain(|(i, _)| *i != out);
        }
        if let Some((h, cols)) = rop.recipient_columns(req) {
            self.recipients.retain(|(i, _)| *i != h);
            self.recipients.push((h, cols.clone()));
        }
    }

    fn note_tables(&mut self, req: &RopRequest<'a>) {
        if let RopRequest::SetColumns(s) = req {
            self.tables
                .push((s.input_handle_index, s.property_tags.clone()));
            return;
        }
        // A reset table has no columns until the next RopSetColumns ([MS-OXCTABL] 3.1.5).
        if let RopRequest::ResetTable(t) = req {
            self.tables.retain(|(i, _)| *i != t.input_handle_index);
            self.fresh.push(t.input_handle_index);
            return;
        }
        if let Some(out) = req.output_handle_index() {
            self.tables.retain(|(i, _)| *i != out);
            self.fresh.push(out);
        }
    }

    /// The columns of the rows a response to `req` carries, when it carries some and they are
    /// known: the recipient columns (RopReadRecipients) or the table's (RopQueryRows,
    /// RopFindRow, RopExpandRow), from this buffer, else from the session. RopGetPropertiesSpecific
    /// takes its request's tags instead.
    pub(super) fn columns<'t>(
        &'t self,
        req: &RopRequest<'_>,
        request: &RopRequestBuffer<'_>,
        session: Option<&'t Session>,
    ) -> Option<&'t PropTags<'a>> {
        let (set, h) = match req {
            RopRequest::ReadRecipients(q) => (&self.recipients, q.input_handle_index),
            _ if req.reads_table_rows() => (&self.tables, req.handle_indexes().input()?),
            _ => return None,
        };
        if let Some((_, cols)) = set.iter().rev().find(|(i, _)| *i == h) {
            return Some(cols);
        }
        if self.fresh.contains(&h) {
            return None;
        }
        let (session, handle) = session.zip(request.handles.get(h))?;
        match req {
            RopRequest::ReadRecipients(_) => session.recipient_columns(handle),
            _ => session.columns(handle),
        }
    }

    /// The columns set in this buffer, by the Server object handle the output buffer's
    /// `handles` give their index (what a RopNotify names its table by).
    pub(super) fn by_handle<'t>(
        &'t self,
        handles: &HandleTable<'_>,
    ) -> Vec<(u32, &'t PropTags<'a>)> {
        self.tables
            .iter()
            .filter_map(|(i, c)| handles.get(*i).map(|h| (h, c)))
            .collect()
    }
}

/// The LogonFlags of `logon`: from a RopLogon among the first `upto + 1` requests (the last
/// one first), else from the session.
pub(super) fn logon_flags(
    request: &RopRequestBuffer<'_>,
    upto: usize,
    logon: u8,
    session: Option<&Session>,
) -> Option<u8> {
    request.rops[..=upto]
        .iter()
        .rev()
        .find_map(|r| match r {
            RopRequest::Logon(l) if l.logon_id == logon => Some(l.logon_flags),
            _ => None,
        })
        .or_else(|| session.and_then(|s| s.logon_flags(logon)))
}

fn mismatch(what: &'static str) -> EncodeError {
    EncodeError::new(EncodeErrorKind::ContextMismatch { what })
}

fn missing(what: &'static str) -> EncodeError {
    EncodeError::new(EncodeErrorKind::MissingContext { what })
}

/// Fails unless a list of rows with `columns` beside it decodes back the same in a context
/// that knows the table's columns as `known`: rows need the columns, and the columns kept are
/// the table's (or none without rows and without known columns). The rows themselves are
/// checked against `columns` as they are written.
fn check_table_rows(
    has_rows: bool,
    columns: &PropTags<'_>,
    known: Option<&PropTags<'_>>,
) -> Result<(), EncodeError> {
    match known {
        None if has_rows => Err(missing(
            "the columns set on the table (RopSetColumns, in this buffer or the session)",
        )),
        None if !columns.is_empty() => Err(mismatch(
            "columns kept beside rows of a table whose columns are not known",
        )),
        Some(k) if k != columns => Err(mismatch(
            "the columns kept beside the rows are not the table's (RopSetColumns)",
        )),
        _ => Ok(()),
    }
}

/// Fails unless `rop`, the response to `req`, decodes back to itself in `ctx` (what the
/// decoder knows when it reaches it): the layout its request's LogonFlags select, the
/// columns of the rows it carries. What needs no context (ReturnValue and the body it
/// selects, a row against the columns kept beside it) the response's own encoding checks.
pub(super) fn check_answer(
    rop: &RopResponse<'_>,
    req: &RopRequest<'_>,
    ctx: ResponseCtx<'_, '_>,
) -> Result<(), EncodeError> {
    match (rop, req) {
        (RopResponse::Logon(r), _) => {
            let Outcome::Success(s) = &r.body else {
                return Ok(());
            };
            let Some(flags) = ctx.logon_flags() else {
                return Err(missing("the LogonFlags of the RopLogon request"));
            };
            let private = matches!(s, LogonSuccess::Private(_));
            if private != (flags & LOGON_FLAG_PRIVATE != 0) {
                return Err(mismatch(
                    "the RopLogon success layout (private mailbox or public folders) is not the \
                     one the request's LogonFlags select",
                ))
                .field("RopLogon");
            }
            Ok(())
        }
        (RopResponse::GetPropertiesSpecific(r), RopRequest::GetPropertiesSpecific(q)) => {
            let Outcome::Success(s) = &r.body else {
                return Ok(());
            };
            if q.property_tags != *s.columns() {
                return Err(mismatch(
                    "the columns of RowData are not the request's PropertyTags",
                ))
                .field("RopGetPropertiesSpecific");
            }
            Ok(())
        }
        _ => check_rows(rop, ctx),
    }
}

impl<'a> RopResponse<'a> {
    /// The columns kept beside the rows this response carries (not on the wire: RopQueryRows,
    /// RopExpandRow and RopFindRow hold a table's, RopReadRecipients the Message object's
    /// recipient columns when known); `None` for a response without rows or a failure.
    pub fn row_columns(&self) -> Option<&PropTags<'a>> {
        match self {
            RopResponse::QueryRows(r) => r.body.success().map(|s| s.rows.columns()),
            RopResponse::ExpandRow(r) => r.body.success().map(|s| s.rows.columns()),
            RopResponse::FindRow(r) => r.body.success().map(|s| s.columns()),
            RopResponse::ReadRecipients(r) => r.body.success().and_then(|s| s.columns()),
            _ => None,
        }
    }
}

/// Fails unless the rows `rop` carries (a table's, a Message object's recipients) decode back
/// to themselves with the columns `ctx` knows.
fn check_rows(rop: &RopResponse<'_>, ctx: ResponseCtx<'_, '_>) -> Result<(), EncodeError> {
    match rop {
        RopResponse::QueryRows(r) => match &r.body {
            Outcome::Success(s) => {
                check_table_rows(!s.rows.is_empty(), s.rows.columns(), ctx.columns())
                    .field("RopQueryRows")
            }
            Outcome::Failure(_) => Ok(()),
        },
        RopResponse::ExpandRow(r) => match &r.body {
            Outcome::Success(s) => {
                check_table_rows(!s.rows.is_empty(), s.rows.columns(), ctx.columns())
                    .field("RopExpandRow")
            }
            Outcome::Failure(_) => Ok(()),
        },
        RopResponse::FindRow(r) => match &r.body {
            Outcome::Success(s) => {
                check_table_rows(s.row.is_some(), s.columns(), ctx.columns()).field("RopFindRow")
            }
            Outcome::Failure(_) => Ok(()),
        },
        RopResponse::ReadRecipients(r) => {
            let Outcome::Success(s) = &r.body else {
                return Ok(());
            };
            check_recipients(s, ctx.columns()).field("RopReadRecipients")
        }
        _ => Ok(()),
    }
}

/// RopReadRecipients rows decode with the Message object's recipient columns when they are
/// known (each row's properties a row of them), else as bytes: the columns kept must be those
/// (encoding checks the rows against the columns kept).
fn check_recipients(
    s: &super::message::ReadRecipientsSuccess<'_>,
    known: Option<&PropTags<'_>>,
) -> Result<(), EncodeError> {
    if s.columns() != known {
        return Err(mismatch(
            "the recipient columns kept beside the rows are not the Message object's",
        ));
    }
    Ok(())
}

/// Fails unless a response sent without a request decodes back to itself in `ctx`; returns
/// whether only decoding can tell (a table row kept as bytes because they are not a row of
/// the table's known columns).
pub(super) fn check_standalone(
    rop: &RopResponse<'_>,
    ctx: ResponseCtx<'_, '_>,
) -> Result<bool, EncodeError> {
    let RopResponse::Notify(n) = rop else {
        return Ok(false);
    };
    let known = ctx.columns_of_handle(n.notification_handle);
    let at = |e: EncodeError| e.in_field("TableRowData").in_field("RopNotify");
    match (&n.notification_data.table_row_data, known) {
        (None, _) => Ok(false),
        // Encoding checks the row's cells against its columns.
        (Some(TableRowData::Row { columns, .. }), Some(k)) => {
            if k != columns {
                return Err(at(mismatch(
                    "the columns kept beside the row are not the table's (RopSetColumns)",
                )));
            }
            Ok(false)
        }
        (Some(TableRowData::Row { .. }), None) => Err(at(missing(
            "the columns of the table NotificationHandle names (RopSetColumns)",
        ))),
        (Some(TableRowData::Raw { reason, .. }), None) if reason == COLUMNS_UNKNOWN => Ok(false),
        (Some(TableRowData::Raw { .. }), None) => Err(at(mismatch(
            "a row kept as bytes for a reason other than unknown columns, while the columns are \
             unknown",
        ))),
        (Some(TableRowData::Raw { reason, .. }), Some(_)) if reason == COLUMNS_UNKNOWN => Err(at(
            mismatch("a row kept as bytes for want of columns that are known"),
        )),
        (Some(TableRowData::Raw { .. }), Some(_)) => Ok(true),
    }
}

/// The error of a response where the request buffer has no request for it.
pub(super) fn unexpected(rop: &RopResponse<'_>, step: &Step<'_, '_>) -> EncodeError {
    match step {
        Step::NoRequestLeft { undecoded: true } => {
            missing("the request the response answers, which was kept undecoded")
        }
        Step::Unexpected(req) => EncodeError::new(EncodeErrorKind::UnexpectedResponse {
            response: rop.rop_id().0,
            request: Some(req.rop_id().0),
        }),
        _ => EncodeError::new(EncodeErrorKind::UnexpectedResponse {
            response: rop.rop_id().0,
            request: None,
        }),
    }
}

/// Writes `bytes` (a whole buffer, already written and checked by decoding) to `out`.
pub(super) fn put_checked<B: BufMut>(bytes: &[u8], out: &mut B) -> Result<(), EncodeError> {
    ensure_room(out, bytes.len())?;
    out.put_slice(bytes);
    Ok(())
}

/// The error of a buffer whose undecoded rest (or a row kept as bytes) would decode
/// differently in the context it is encoded in.
pub(super) fn decodes_differently() -> EncodeError {
    mismatch(
        "the buffer's undecoded rest (or a row kept as bytes) does not decode to itself in this \
         context",
    )
}

/// A reader over a whole buffer written for checking, with the default limits.
pub(super) fn reader(bytes: &[u8]) -> Reader<'_> {
    Reader::new(bytes)
}

impl RopResponseBuffer<'_> {
    /// Fails unless the responses, answering `request` in `session`, decode back to
    /// themselves: each answers the next request (in order, RopRelease skipped) with a RopId
    /// that may answer it, and has the layout and the columns its request and what comes
    /// before it in the buffer (or the session) give. Returns whether only decoding can tell
    /// the rest (an undecoded rest, a notification's row kept as bytes).
    pub(super) fn check_against(
        &self,
        request: &RopRequestBuffer<'_>,
        session: Option<&Session>,
    ) -> Result<bool, EncodeError> {
        let mut pairing = Pairing::new(request);
        let mut known = Known::default();
        let mut verify = self.raw.is_some();
        for (i, rop) in self.rops.iter().enumerate() {
            match pairing.step(rop.rop_id()) {
                Step::Standalone(_) => {
                    let by_handle = if matches!(rop, RopResponse::Notify(_)) {
                        known.by_handle(&self.handles)
                    } else {
                        Vec::new()
                    };
                    let tables = super::context::TableColumns::new(&by_handle, session);
                    let ctx = ResponseCtx::new().with_tables(tables);
                    verify |= check_standalone(rop, ctx).index(i).field("RopsList")?;
                }
                Step::Answers(n, req) => {
                    // Only RopLogon's layout follows LogonFlags (as the decoder reads it).
                    let flags = matches!(rop, RopResponse::Logon(_))
                        .then(|| logon_flags(request, n, req.logon_id(), session))
                        .flatten();
                    let ctx = ResponseCtx::new()
                        .with_logon_flags(flags)
                        .with_columns(known.columns(req, request, session));
                    check_answer(rop, req, ctx).index(i).field("RopsList")?;
                    if rop.succeeded() == Some(true) {
                        known.learn(req, rop);
                    }
                }
                step => return Err(unexpected(rop, &step)).index(i).field("RopsList"),
            }
        }
        Ok(verify)
    }
}

impl<'r, 'c, 't> EncodeWith<(Option<&'r RopRequest<'r>>, Option<&'c PropTags<'t>>)>
    for RopResponse<'_>
{
    fn encoded_len_with(&self, _: (Option<&'r RopRequest<'r>>, Option<&'c PropTags<'t>>)) -> usize {
        self.encoded_len()
    }
    /// One ROP response against the request it answers (when known) and the columns of the
    /// table it reads (when known), as `DecodeWith` of the same context reads it: fails unless
    /// the bytes decode in that context to this response.
    fn encode_with<B: BufMut>(
        &self,
        (request, columns): (Option<&'r RopRequest<'r>>, Option<&'c PropTags<'t>>),
        out: &mut B,
    ) -> Result<(), EncodeError> {
        let name = self.rop_id().name().unwrap_or("Rop");
        if RopResponse::is_standalone(self.rop_id()) {
            // The decoder knows no table by handle here.
            check_standalone(self, ResponseCtx::new())?;
        } else {
            let ctx = ResponseCtx::answering(request, columns);
            match request {
                Some(req) if !req.may_be_answered_by(self.rop_id()) => {
                    return Err(unexpected(self, &Step::Unexpected(req)))
                }
                Some(req) => check_answer(self, req, ctx)?,
                None => check_alone(self, ctx).map_err(|e| e.in_field(name))?,
            }
        }
        self.encode(out)
    }
}

impl<'r> EncodeWith<&'r RopRequest<'r>> for RopResponse<'_> {
    fn encoded_len_with(&self, _: &'r RopRequest<'r>) -> usize {
        self.encoded_len()
    }
    /// One ROP response against the request it answers (see the
    /// `(Option<&RopRequest>, Option<&PropTags>)` context).
    fn encode_with<B: BufMut>(
        &self,
        request: &'r RopRequest<'r>,
        out: &mut B,
    ) -> Result<(), EncodeError> {
        self.encode_with((Some(request), None::<&PropTags<'_>>), out)
    }
}

/// A response decoded without its request: the layouts that need one (RopLogon's success, a
/// RopGetPropertiesSpecific row) cannot be read, and rows take the columns given.
fn check_alone(rop: &RopResponse<'_>, ctx: ResponseCtx<'_, '_>) -> Result<(), EncodeError> {
    match rop {
        RopResponse::Logon(r) if r.body.is_success() => {
            Err(missing("the LogonFlags of the RopLogon request"))
        }
        RopResponse::GetPropertiesSpecific(r) if r.body.is_success() => Err(missing(
            "the property tags of the RopGetPropertiesSpecific request",
        )),
        _ => check_rows(rop, ctx),
    }
}
