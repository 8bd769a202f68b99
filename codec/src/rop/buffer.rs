//! ROP input and output buffers ([MS-OXCROPS] 2.2.1): RopSize, RopsList, and the Server
//! object handle table; responses paired with the requests they answer.

use std::borrow::Cow;
use std::fmt;

use bytes::BufMut;

use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, u16_len, Decode, DecodeError, DecodeWith, Encode, EncodeError, ErrorKind, Reader,
    ResultExt,
};

use super::answer::{logon_flags, Known, Pairing, Step};
use super::checked::Named;
use super::context::{RequestCtx, ResponseCtx, Session, TableColumns};
use super::field::HandleRole;
use super::{RopId, RopRequest, RopResponse};

/// [MS-OXCROPS] 2.2.1 ServerObjectHandleTable: 4-byte Server object handles, indexed by the
/// handle-index fields of the ROPs. Borrowed from the input.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct HandleTable<'a>(pub Cow<'a, [u8]>);

impl HandleTable<'_> {
    /// A table of the given handles.
    pub fn from_handles(handles: &[u32]) -> HandleTable<'static> {
        HandleTable(Cow::Owned(
            handles.iter().flat_map(|h| h.to_le_bytes()).collect(),
        ))
    }

    /// The number of handles.
    pub fn len(&self) -> usize {
        self.0.len() / 4
    }

    /// True when there are no handles.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The handle at `index`.
    pub fn get(&self, index: u8) -> Option<u32> {
        let i = 4 * usize::from(index);
        let b = self.0.get(i..i + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// The handles in order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

impl ToTree for HandleTable<'_> {
    fn to_tree(&self) -> Tree {
        Tree::List(
            self.iter()
                .map(|h| Tree::Named {
                    value: h.into(),
                    name: None,
                    digits: 8,
                })
                .collect(),
        )
    }
}

/// Why the rest of a RopsList was kept undecoded ([`RawRops`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Undecoded {
    /// The ROP's layout depends on something the decoder was not told (a table's columns, the
    /// LogonFlags of a logon): the error says what, where.
    MissingContext(DecodeError),
    /// This version of the crate does not decode the ROP.
    NotDecoded(RopId),
    /// A response while every request was answered.
    NoRequestLeft,
    /// A response to a request that was itself kept undecoded.
    RequestNotDecoded,
    /// The ROP is malformed (a field past the data, a value the layout cannot hold, a handle
    /// index past the table): the error says what and where. Decoding with
    /// [`Limits::strict`](crate::wire::Limits) refuses the buffer instead.
    Malformed(DecodeError),
    /// A response whose RopId cannot answer the next request.
    Unexpected {
        /// The response's RopId.
        response: RopId,
        /// The RopId of the next request.
        request: RopId,
    },
}

impl Undecoded {
    /// Whether `self`, from decoding, is the reason `other` gives: the same case, and for an
    /// error the same kind at the same offset (the kind's details, the field path and the text
    /// are not compared: a reason read back from its serde form keeps its kind and offset only).
    pub(crate) fn agrees_with(&self, other: &Undecoded) -> bool {
        match (self, other) {
            (Undecoded::MissingContext(a), Undecoded::MissingContext(b))
            | (Undecoded::Malformed(a), Undecoded::Malformed(b)) => {
                std::mem::discriminant(a.kind()) == std::mem::discriminant(b.kind())
                    && a.offset() == b.offset()
            }
            _ => self == other,
        }
    }
}

impl RawRops<'_> {
    /// Whether `self`, from decoding, is the rest `other` describes (see
    /// [`Undecoded::agrees_with`]).
    pub(crate) fn agrees_with(&self, other: &RawRops<'_>) -> bool {
        self.rop_id == other.rop_id
            && self.bytes == other.bytes
            && self.reason.agrees_with(&other.reason)
    }
}

/// Whether two undecoded rests agree (both absent, or [`RawRops::agrees_with`]).
fn rests_agree(a: &Option<RawRops<'_>>, b: &Option<RawRops<'_>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.agrees_with(b),
        _ => false,
    }
}

impl RopRequestBuffer<'_> {
    /// Whether this buffer, decoded from the bytes of `built`, reads as `built` does.
    pub(crate) fn reads_as(&self, built: &RopRequestBuffer<'_>) -> bool {
        self.rops == built.rops
            && self.handles == built.handles
            && rests_agree(&self.raw, &built.raw)
    }
}

impl RopResponseBuffer<'_> {
    /// Whether this buffer, decoded from the bytes of `built`, reads as `built` does.
    pub(crate) fn reads_as(&self, built: &RopResponseBuffer<'_>) -> bool {
        self.rops == built.rops
            && self.handles == built.handles
            && rests_agree(&self.raw, &built.raw)
    }
}

impl fmt::Display for Undecoded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Undecoded::MissingContext(e) | Undecoded::Malformed(e) => fmt::Display::fmt(e, f),
            Undecoded::NotDecoded(id) => write!(
                f,
                "{} ([MS-OXCROPS] {}) is not decoded by this version",
                id.name().unwrap_or("this ROP"),
                id.family().map_or("2.2", |f| f.section())
            ),
            Undecoded::NoRequestLeft => f.write_str("a response with no request left to answer"),
            Undecoded::RequestNotDecoded => f.write_str("its request was not decoded"),
            Undecoded::Unexpected { response, request } => {
                write!(
                    f,
                    "a {response:?} response where the next request is {request:?}"
                )
            }
        }
    }
}

/// The rest of a RopsList that could not be decoded for want of context (the columns of a
/// table, the request a response answers) or because this crate does not decode that ROP yet.
/// ROP responses carry no length, so everything from this ROP on is kept as it came: nothing
/// is guessed, nothing dropped, and re-encoding gives the same bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct RawRops<'a> {
    /// The RopId of the first ROP not decoded.
    pub rop_id: RopId,
    /// Why it was not decoded.
    pub reason: Undecoded,
    /// The bytes from that ROP's RopId to the end of RopsList.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    pub bytes: Cow<'a, [u8]>,
}

impl RawRops<'_> {
    /// The same rest, owning its bytes.
    pub fn into_owned(self) -> RawRops<'static> {
        RawRops {
            rop_id: self.rop_id,
            reason: self.reason,
            bytes: Cow::Owned(self.bytes.into_owned()),
        }
    }
}

impl ToTree for RawRops<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field("RopId", self.rop_id.to_tree());
        match &self.reason {
            // The mark says why, once.
            Undecoded::Malformed(e) => t
                .field("Bytes", Tree::Bytes(self.bytes.to_vec()))
                .with_malformed(e),
            reason => t
                .field("Reason", Tree::Text(reason.to_string()))
                .field("Bytes", Tree::Bytes(self.bytes.to_vec())),
        }
    }
}

/// The rest of a RopsList from its `n`th ROP, malformed: kept raw with its error (placed at
/// `RopsList[n]`), or under [`Limits::strict`](crate::wire::Limits) the error itself.
fn malformed<'a>(
    r: &Reader<'a>,
    id: RopId,
    n: usize,
    error: DecodeError,
    start: &'a [u8],
) -> Result<RawRops<'a>, DecodeError> {
    let error = error.at_index(n).in_field("RopsList");
    if r.limits().strict {
        Err(error)
    } else {
        Ok(raw_from(id, Undecoded::Malformed(error), start))
    }
}

/// Reads RopSize and cuts the buffer into its RopsList reader and its handle table.
fn split<'a>(r: &mut Reader<'a>) -> Result<(Reader<'a>, HandleTable<'a>), DecodeError> {
    let start = r.offset();
    let rop_size = r.u16().field("RopSize")?;
    if rop_size < 2 {
        return Err(r.invalid_at(start, "RopSize counts its own 2 bytes", rop_size.into()))
            .field("RopSize");
    }
    let list = r.sub(usize::from(rop_size) - 2).field("RopsList")?;
    let at = r.offset();
    let table = r.take_rest();
    let whole = table.len() - table.len() % 4;
    if whole != table.len() {
        return Err(DecodeError::new(
            ErrorKind::TrailingBytes {
                count: table.len() - whole,
            },
            at + whole,
        ))
        .field("ServerObjectHandleTable");
    }
    Ok((list, HandleTable(Cow::Borrowed(table))))
}

/// The error for the handle-index field of `role` holding `index`, past the end of the table.
#[cold]
pub(super) fn past_table(role: HandleRole, index: u8, at: usize) -> DecodeError {
    DecodeError::new(
        ErrorKind::InvalidValue {
            what: "handle index past the end of the Server object handle table",
            value: index.into(),
        },
        at,
    )
    .in_field(role.field_name())
}

/// Peeks the RopId at the cursor, failing on an id the spec reserves.
fn peek_id(list: &Reader<'_>) -> Result<RopId, DecodeError> {
    let id = RopId(list.rest()[0]);
    if id.is_reserved() {
        return Err(DecodeError::new(
            ErrorKind::UnknownId {
                what: "RopId (reserved by [MS-OXCROPS] 2.2.2)",
                id: id.0.into(),
            },
            list.offset(),
        ))
        .field("RopId");
    }
    Ok(id)
}

/// The rest of RopsList from `bytes` (which start at the RopId), kept undecoded.
fn raw_from(id: RopId, reason: Undecoded, bytes: &[u8]) -> RawRops<'_> {
    RawRops {
        rop_id: id,
        reason,
        bytes: Cow::Borrowed(bytes),
    }
}

/// RopSize, RopsList (the ROPs decoded, then the raw rest) and the handle table: the layout
/// both buffers share.
pub(super) fn buffer_len<R: Encode>(
    rops: &[R],
    raw: &Option<RawRops<'_>>,
    handles: &HandleTable<'_>,
) -> usize {
    2 + rops.iter().map(Encode::encoded_len).sum::<usize>()
        + raw.as_ref().map_or(0, |r| r.bytes.len())
        + handles.0.len()
}

/// Writes the buffer, each ROP vetted by `check` (given its index) as it is written, in the
/// same pass. `len` is the buffer's [`buffer_len`] when the caller has it already (it sized
/// the output with it), so that the ROPs are walked for their sizes once.
pub(super) fn encode_buffer<B: BufMut, R: Encode + Named>(
    out: &mut B,
    len: Option<usize>,
    rops: &[R],
    raw: &Option<RawRops<'_>>,
    handles: &HandleTable<'_>,
    mut check: impl FnMut(usize, &R) -> Result<(), EncodeError>,
) -> Result<(), EncodeError> {
    let len = len.unwrap_or_else(|| buffer_len(rops, raw, handles));
    let rop_size = len - handles.0.len();
    u16_len(rop_size, "RopSize")?.encode(out)?;
    for (i, rop) in rops.iter().enumerate() {
        check(i, rop).index(i).field("RopsList")?;
        if let Err(e) = rop.encode(out) {
            // Named as decoding names it (`RopsList[2].RopLogon.Essdn`).
            return Err(e.in_field(rop.name()).at_index(i).in_field("RopsList"));
        }
    }
    if let Some(r) = raw {
        ensure_room(out, r.bytes.len())?;
        out.put_slice(&r.bytes);
    }
    if handles.0.len() % 4 != 0 {
        return Err(EncodeError::invalid(
            "ServerObjectHandleTable must hold whole 4-byte handles",
        ));
    }
    ensure_room(out, handles.0.len())?;
    out.put_slice(&handles.0);
    Ok(())
}

fn buffer_tree<R>(
    rops: &[R],
    raw: &Option<RawRops<'_>>,
    handles: &HandleTable<'_>,
    rop_size: usize,
    mut rop_tree: impl FnMut(usize, &R) -> Option<Tree>,
) -> Tree {
    let list = rops.iter().enumerate().filter_map(|(i, r)| rop_tree(i, r));
    let mut t = Tree::record()
        .field("RopSize", Tree::UInt(rop_size as u64))
        .field("RopsList", Tree::List(list.collect()));
    if let Some(r) = raw {
        t = t.field("Undecoded", r.to_tree());
    }
    t.field("ServerObjectHandleTable", handles.to_tree())
}

/// The tree of a ROP buffer of either direction, from the helpers above.
macro_rules! buffer_codec {
    ($buf:ident, $rop:ident) => {
        impl ToTree for $buf<'_> {
            fn to_tree(&self) -> Tree {
                self.to_tree_with_rops(|_, rop| Some(rop.to_tree()))
            }
        }

        impl<'a> $buf<'a> {
            /// The tree with each ROP shown as `rop` shows it (given its index in RopsList):
            /// its own tree with fields added, or nothing to leave it out (a filter).
            pub fn to_tree_with_rops(
                &self,
                rop: impl FnMut(usize, &$rop<'a>) -> Option<Tree>,
            ) -> Tree {
                let rop_size = self.encoded_len() - self.handles.0.len();
                buffer_tree(&self.rops, &self.raw, &self.handles, rop_size, rop)
            }
        }
    };
}

/// [MS-OXCROPS] 2.2.1 ROP input buffer: RopSize, the ROP requests, the Server object handle
/// table.
///
/// Decodes alone ([`Decode`]), or with the [`Session`] it belongs to (`DecodeWith<&Session>`,
/// `DecodeWith<Option<&Session>>`), which supplies the LogonFlags of logons made in earlier
/// calls (RopSetMessageReadFlag and RopWritePerUserInformation depend on them).
///
/// Encoding takes the same contexts ([`Encode`], `EncodeWith<&Session>`,
/// `EncodeWith<Option<&Session>>`) and fails unless the bytes decode in it to the same buffer:
/// a handle index past the handle table, or a request whose layout follows LogonFlags that the
/// buffer and the session do not give (or that it disagrees with), is refused.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RopRequestBuffer<'a> {
    /// RopsList: the requests decoded, in order.
    pub rops: Vec<RopRequest<'a>>,
    /// The rest of RopsList, when a request could not be decoded (see [`RawRops`]).
    pub raw: Option<RawRops<'a>>,
    /// ServerObjectHandleTable.
    pub handles: HandleTable<'a>,
}

impl<'a> RopRequestBuffer<'a> {
    /// The rest of the reader as a ROP input buffer.
    pub(super) fn decode_in(
        r: &mut Reader<'a>,
        session: Option<&Session>,
    ) -> Result<Self, DecodeError> {
        let limits = *r.limits();
        let (mut list, handles) = split(r)?;
        // Typical requests take 16 bytes or more: reserving for that many saves the regrowth
        // (capped, so that a buffer of large requests does not reserve megabytes).
        let mut rops = Vec::with_capacity((list.remaining() / 16).min(1024));
        let mut logons: Vec<(u8, u8)> = Vec::new();
        let mut raw_rest = None;
        let max_rops = limits.max_elements as usize;
        let table_len = handles.len();
        while let Some(first) = list.peek_u8() {
            let n = rops.len();
            let at = list.offset();
            if n >= max_rops {
                list.check_count(at, n as u64 + 1, 0)
                    .index(n)
                    .field("RopsList")?;
            }
            list.skip_peeked();
            let id = RopId(first);
            // Only two requests depend on their logon's LogonFlags: their arms call this (the
            // cursor just past the RopId, on LogonId), the others take the default context.
            let ctx = |list: &Reader<'_>| {
                let logon_id = list.peek_u8();
                RequestCtx::with_logon_flags(logon_id.and_then(|l| {
                    logons
                        .iter()
                        .rev()
                        .find(|(id, _)| *id == l)
                        .map(|(_, f)| *f)
                        .or_else(|| session.and_then(|s| s.logon_flags(l)))
                }))
            };
            match RopRequest::decode_checked(id, &mut list, ctx, table_len, &mut rops) {
                Some(Ok(())) => {}
                Some(Err(e)) if matches!(e.kind(), ErrorKind::MissingContext { .. }) => {
                    let start = list.rest_from(at);
                    raw_rest = Some(raw_from(id, Undecoded::MissingContext(e), start));
                    break;
                }
                Some(Err(e)) => {
                    let start = list.rest_from(at);
                    raw_rest = Some(malformed(&list, id, n, e, start)?);
                    break;
                }
                None => {
                    let start = list.rest_from(at);
                    // Reserved ids and server-only ids decode as no request.
                    if let Err(e) = peek_id(&Reader::at_offset(start, at, limits)) {
                        raw_rest = Some(malformed(&list, id, n, e, start)?);
                        break;
                    }
                    if RopResponse::is_standalone(id) {
                        let e = DecodeError::new(
                            ErrorKind::InvalidValue {
                                what: "a RopId that only servers send, in a request buffer",
                                value: id.0.into(),
                            },
                            at,
                        )
                        .in_field("RopId");
                        raw_rest = Some(malformed(&list, id, n, e, start)?);
                        break;
                    }
                    raw_rest = Some(raw_from(id, Undecoded::NotDecoded(id), start));
                    break;
                }
            }
            if id == RopId::LOGON {
                if let Some(RopRequest::Logon(l)) = rops.last() {
                    logons.push((l.logon_id, l.logon_flags));
                }
            }
        }
        Ok(RopRequestBuffer {
            rops,
            raw: raw_rest,
            handles,
        })
    }
}

impl<'a> Decode<'a> for RopRequestBuffer<'a> {
    /// The rest of the input as a ROP input buffer, with no session behind it.
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        RopRequestBuffer::decode_in(r, None)
    }
}

impl<'a, 's> DecodeWith<'a, &'s Session> for RopRequestBuffer<'a> {
    /// The rest of the input as a ROP input buffer of `session`.
    fn decode_with_from(r: &mut Reader<'a>, session: &'s Session) -> Result<Self, DecodeError> {
        RopRequestBuffer::decode_in(r, Some(session))
    }
}

impl<'a, 's> DecodeWith<'a, Option<&'s Session>> for RopRequestBuffer<'a> {
    /// The rest of the input as a ROP input buffer, of `session` when there is one.
    fn decode_with_from(
        r: &mut Reader<'a>,
        session: Option<&'s Session>,
    ) -> Result<Self, DecodeError> {
        RopRequestBuffer::decode_in(r, session)
    }
}

buffer_codec!(RopRequestBuffer, RopRequest);

/// [MS-OXCROPS] 2.2.1 ROP output buffer: RopSize, the ROP responses, the Server object handle
/// table.
///
/// Responses are decoded against the request buffer they answer: `DecodeWith<&RopRequestBuffer>`,
/// or with the session too, `DecodeWith<(&RopRequestBuffer, &Session)>` (columns set on tables
/// and logons made in earlier calls). Without a request ([`Decode`]) only the responses sent
/// without one decode, and the rest is kept raw.
///
/// Encoding against the same contexts (`EncodeWith<&RopRequestBuffer>`,
/// `EncodeWith<(&RopRequestBuffer, &Session)>`, `EncodeWith<(&RopRequestBuffer,
/// Option<&Session>)>`) is the checked form: it fails unless the bytes decode against the
/// request to this value (each response answers the next request, with the layout and the
/// columns the request and the buffer give it; see
/// [`EncodeErrorKind`](crate::wire::EncodeErrorKind)). Plain [`Encode`] checks what needs no
/// request (the handle indexes against the table, ReturnValue against the body, rows against
/// the columns kept beside them) and writes the rest as it is: it re-encodes a decoded buffer
/// byte-exact without its request, but only the checked form tells that the bytes of a
/// buffer built by hand read back against their request.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RopResponseBuffer<'a> {
    /// RopsList: the responses decoded, in order.
    pub rops: Vec<RopResponse<'a>>,
    /// The rest of RopsList, when a response could not be decoded (see [`RawRops`]).
    pub raw: Option<RawRops<'a>>,
    /// ServerObjectHandleTable.
    pub handles: HandleTable<'a>,
}

impl<'a> RopResponseBuffer<'a> {
    /// The rest of the reader as a ROP output buffer answering `request`.
    pub(super) fn decode_in(
        r: &mut Reader<'a>,
        request: &RopRequestBuffer<'a>,
        session: Option<&Session>,
    ) -> Result<Self, DecodeError> {
        let (mut list, handles) = split(r)?;
        // About one response per request (those already decoded, so not an untrusted count).
        let mut rops = Vec::with_capacity(request.rops.len());
        let mut raw_rest = None;
        let mut pairing = Pairing::new(request);
        let mut known = Known::default();
        while !list.is_empty() {
            let n = rops.len();
            let at = list.offset();
            list.check_count(at, n as u64 + 1, 0)
                .index(n)
                .field("RopsList")?;
            let id = peek_id(&list).index(n).field("RopsList")?;
            let start = list.rest();
            let (cursor, req) = match pairing.step(id) {
                Step::Standalone(_) => {
                    list.u8()?;
                    let by_handle = known.by_handle(&handles);
                    let ctx =
                        ResponseCtx::new().with_tables(TableColumns::new(&by_handle, session));
                    let Some(result) = RopResponse::decode_body(id, &mut list, ctx) else {
                        raw_rest = Some(raw_from(id, Undecoded::NotDecoded(id), start));
                        break;
                    };
                    match result {
                        Ok(rop) => rops.push(rop),
                        Err(e) => {
                            raw_rest = Some(malformed(&list, id, n, e, start)?);
                            break;
                        }
                    }
                    continue;
                }
                Step::Answers(cursor, req) => (cursor, req),
                Step::NoRequestLeft { undecoded } => {
                    let why = if undecoded {
                        Undecoded::RequestNotDecoded
                    } else {
                        Undecoded::NoRequestLeft
                    };
                    raw_rest = Some(raw_from(id, why, list.take_rest()));
                    break;
                }
                Step::Unexpected(req) => {
                    let why = Undecoded::Unexpected {
                        response: id,
                        request: req.rop_id(),
                    };
                    raw_rest = Some(raw_from(id, why, list.take_rest()));
                    break;
                }
            };
            // The tags of the RopGetPropertiesSpecific being answered, borrowed from the request.
            let columns = if let RopRequest::GetPropertiesSpecific(g) = req {
                Some(&g.property_tags)
            } else {
                known.columns(req, request, session)
            };
            // Only RopLogon's layout follows LogonFlags: the others need no search for them.
            let flags = (id == RopId::LOGON)
                .then(|| logon_flags(request, cursor, req.logon_id(), session))
                .flatten();
            let ctx = ResponseCtx::new()
                .with_logon_flags(flags)
                .with_columns(columns)
                .with_tables(TableColumns::new(&[], session));
            list.u8()?;
            let Some(result) = RopResponse::decode_body(id, &mut list, ctx) else {
                raw_rest = Some(raw_from(id, Undecoded::NotDecoded(id), start));
                break;
            };
            let rop = match result {
                Ok(rop) => rop,
                Err(e) if matches!(e.kind(), ErrorKind::MissingContext { .. }) => {
                    raw_rest = Some(raw_from(id, Undecoded::MissingContext(e), start));
                    break;
                }
                Err(e) => {
                    raw_rest = Some(malformed(&list, id, n, e, start)?);
                    break;
                }
            };
            if let Some((role, index)) = rop.handle_index() {
                if usize::from(index) >= handles.len() {
                    let e = past_table(role, index, at);
                    raw_rest = Some(malformed(&list, id, n, e, start)?);
                    break;
                }
            }
            if rop.succeeded() == Some(true) {
                known.learn(req, &rop);
            }
            rops.push(rop);
        }
        Ok(RopResponseBuffer {
            rops,
            raw: raw_rest,
            handles,
        })
    }

    /// For each response, the index in `request` (the request buffer it answers) of the
    /// request it answers: for RopBufferTooSmall and RopBackoff, the first request not
    /// processed; none for RopNotify and RopPending, and none from a response that answers no
    /// request on. Computed from the RopIds, as decoding pairs them.
    pub fn request_indexes(&self, request: &RopRequestBuffer<'_>) -> Vec<Option<usize>> {
        let mut pairing = Pairing::new(request);
        let mut lost = false;
        self.rops
            .iter()
            .map(|rop| match pairing.step(rop.rop_id()) {
                _ if lost => None,
                Step::Standalone(i) => i,
                Step::Answers(i, _) => Some(i),
                Step::NoRequestLeft { .. } | Step::Unexpected(_) => {
                    lost = true;
                    None
                }
            })
            .collect()
    }

    /// The index in `request` of the request the response at `index` answers (see
    /// [`RopResponseBuffer::request_indexes`]).
    pub fn request_index(&self, request: &RopRequestBuffer<'_>, index: usize) -> Option<usize> {
        self.request_indexes(request).get(index).copied().flatten()
    }

    /// The index of the first request the server did not process, when a RopBufferTooSmall
    /// or RopBackoff response says it stopped early.
    pub fn unprocessed_from(&self, request: &RopRequestBuffer<'_>) -> Option<usize> {
        let mut pairing = Pairing::new(request);
        for rop in &self.rops {
            let step = pairing.step(rop.rop_id());
            if matches!(
                rop,
                RopResponse::BufferTooSmall(_) | RopResponse::Backoff(_)
            ) {
                return match step {
                    Step::Standalone(i) => i,
                    _ => None,
                };
            }
        }
        None
    }
}

impl<'a> Decode<'a> for RopResponseBuffer<'a> {
    /// Decodes a response buffer without its request: only what needs no request decodes;
    /// the rest is kept raw.
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        RopResponseBuffer::decode_in(r, &RopRequestBuffer::default(), None)
    }
}

impl<'a, 'r> DecodeWith<'a, &'r RopRequestBuffer<'a>> for RopResponseBuffer<'a> {
    /// The rest of the input as the ROP output buffer that answers `request`.
    fn decode_with_from(
        r: &mut Reader<'a>,
        request: &'r RopRequestBuffer<'a>,
    ) -> Result<Self, DecodeError> {
        RopResponseBuffer::decode_in(r, request, None)
    }
}

impl<'a, 'r> DecodeWith<'a, (&'r RopRequestBuffer<'a>, &'r Session)> for RopResponseBuffer<'a> {
    /// The rest of the input as the ROP output buffer that answers `request` in `session`.
    fn decode_with_from(
        r: &mut Reader<'a>,
        (request, session): (&'r RopRequestBuffer<'a>, &'r Session),
    ) -> Result<Self, DecodeError> {
        RopResponseBuffer::decode_in(r, request, Some(session))
    }
}

impl<'a, 'r> DecodeWith<'a, (&'r RopRequestBuffer<'a>, Option<&'r Session>)>
    for RopResponseBuffer<'a>
{
    /// The rest of the input as the ROP output buffer that answers `request`, in `session`
    /// when there is one.
    fn decode_with_from(
        r: &mut Reader<'a>,
        (request, session): (&'r RopRequestBuffer<'a>, Option<&'r Session>),
    ) -> Result<Self, DecodeError> {
        RopResponseBuffer::decode_in(r, request, session)
    }
}

buffer_codec!(RopResponseBuffer, RopResponse);

// Owned forms: each borrowed byte run copied, so that a decoded buffer outlives its input.
crate::wire::owned_as_self!(Undecoded);
crate::wire::owned_impl!(struct HandleTable(0));
crate::wire::owned_impl!(struct RawRops { rop_id, reason, bytes });
crate::wire::owned_impl!(struct RopRequestBuffer { rops, raw, handles });
crate::wire::owned_impl!(struct RopResponseBuffer { rops, raw, handles });

#[cfg(feature = "serde")]
mod serde_impl;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{PropTags, RowValue};
    use crate::rop::test_util::{assert_error, buf, buffers, success_of};
    #[allow(unused_imports)]
    use crate::wire::DecodeWith;
    use crate::wire::Limits;

    // RopSetColumns on handle index 0: PidTagSubject (PtypString), PidTagMessageSize.
    const SET_COLUMNS: &[u8] = &[
        0x12, 0x00, 0x00, 0x00, 0x02, 0x00, 0x1F, 0x00, 0x37, 0x00, 0x03, 0x00, 0x08, 0x0E,
    ];
    // RopQueryRows on handle index 0: flags 0, forward, 10 rows.
    const QUERY_ROWS: &[u8] = &[0x15, 0x00, 0x00, 0x00, 0x01, 0x0A, 0x00];
    // RopSetColumns response: success, TableStatus 0.
    const SET_COLUMNS_OK: &[u8] = &[0x12, 0x00, 0, 0, 0, 0, 0x00];
    // RopQueryRows response: success, Origin 2, one standard row: "Hi", 42.
    const ROWS: &[u8] = &[
        0x15, 0x00, 0, 0, 0, 0, 0x02, 0x01, 0x00, 0x00, b'H', 0x00, b'i', 0x00, 0x00, 0x00, 42, 0,
        0, 0,
    ];

    fn limits() -> Limits {
        Limits::STRICT
    }

    /// A request buffer of `requests` and a response buffer of `responses`, each with the
    /// handle table [0x10].
    fn bufs(requests: &[&[u8]], responses: &[&[u8]]) -> (Vec<u8>, Vec<u8>) {
        (buf(requests, &[0x10]), buf(responses, &[0x10]))
    }

    #[test]
    fn rows_take_the_columns_of_a_set_columns_in_the_same_buffer() {
        let (req, resp) = bufs(&[SET_COLUMNS, QUERY_ROWS], &[SET_COLUMNS_OK, ROWS]);
        let (rq, rs) = buffers(&req, &resp);
        assert!(rs.raw.is_none());
        assert_eq!(rs.request_indexes(&rq), [Some(0), Some(1)]);
        let s = success_of!(QueryRows, &rs.rops[1]);
        assert_eq!(s.origin, 2);
        assert_eq!(s.rows.len(), 1);
        assert!(matches!(
            s.rows[0].get(1),
            Some(RowValue::Value(crate::data::PropertyValue::Integer32(42)))
        ));
        assert_eq!(rs.to_bytes().unwrap(), resp);
    }

    #[test]
    fn rows_of_an_unknown_table_stay_raw_with_a_reason_and_re_encode() {
        let (req, resp) = bufs(&[QUERY_ROWS], &[ROWS]);
        let (_, rs) = buffers(&req, &resp);
        assert!(rs.rops.is_empty());
        let raw = rs.raw.as_ref().unwrap();
        assert_eq!(raw.rop_id, RopId::QUERY_ROWS);
        assert!(
            matches!(&raw.reason, Undecoded::MissingContext(e)
                if e.to_string().contains("RopSetColumns")),
            "{}",
            raw.reason
        );
        assert_eq!(&raw.bytes[..], ROWS);
        assert_eq!(rs.to_bytes().unwrap(), resp);
    }

    #[test]
    fn a_session_carries_columns_to_a_later_call_and_forgets_them_on_release() {
        let mut session = Session::new();
        let (req1, resp1) = bufs(&[SET_COLUMNS], &[SET_COLUMNS_OK]);
        session.decode_execute(&req1, &resp1, limits()).unwrap();
        assert_eq!(session.columns(0x10).map(PropTags::len), Some(2));

        let (req2, resp2) = bufs(&[QUERY_ROWS], &[ROWS]);
        let (_, rs) = session.decode_execute(&req2, &resp2, limits()).unwrap();
        assert!(rs.raw.is_none());
        assert!(matches!(rs.rops[0], RopResponse::QueryRows(_)));

        // A second session saw nothing.
        let other = Session::new();
        let rq = RopRequestBuffer::decode_with_exact(&req2, &other, limits()).unwrap();
        let rs = RopResponseBuffer::decode_with_exact(&resp2, (&rq, &other), limits()).unwrap();
        assert!(rs.raw.is_some());

        // RopRelease of handle 0x10: the columns are gone.
        let (req3, resp3) = bufs(&[&[0x01, 0x00, 0x00]], &[]);
        session.decode_execute(&req3, &resp3, limits()).unwrap();
        assert_eq!(session.columns(0x10), None);
    }

    #[test]
    fn reset_table_forgets_the_columns() {
        const RESET: &[u8] = &[0x81, 0x00, 0x00];
        const RESET_OK: &[u8] = &[0x81, 0x00, 0, 0, 0, 0];
        // In one buffer: SetColumns, ResetTable, QueryRows: the rows stay raw.
        let (req, resp) = bufs(
            &[SET_COLUMNS, RESET, QUERY_ROWS],
            &[SET_COLUMNS_OK, RESET_OK, ROWS],
        );
        let (_, rs) = buffers(&req, &resp);
        assert_eq!(rs.rops.len(), 2);
        assert_eq!(rs.raw.as_ref().unwrap().rop_id, RopId::QUERY_ROWS);
        // Across calls: the session forgets them too.
        let mut session = Session::new();
        for (request, response) in [(SET_COLUMNS, SET_COLUMNS_OK), (RESET, RESET_OK)] {
            let (req, resp) = bufs(&[request], &[response]);
            session.decode_execute(&req, &resp, limits()).unwrap();
        }
        assert_eq!(session.columns(0x10), None);
    }

    #[test]
    fn zero_width_cells_are_held_to_the_element_limit() {
        // 20 PtypNull columns (a PtypNull cell takes no bytes), then 10 one-byte rows: 200
        // cells from 10 bytes of row data, above a limit of 100 elements.
        let mut set = vec![0x12, 0x00, 0x00, 0x00, 20, 0x00];
        for i in 0..20u16 {
            set.extend_from_slice(&[0x01, 0x00]);
            set.extend_from_slice(&(0x6000 + i).to_le_bytes());
        }
        let mut rows = vec![0x15, 0x00, 0, 0, 0, 0, 0x02, 10, 0x00];
        rows.extend_from_slice(&[0x00; 10]);
        let (req, resp) = bufs(&[&set, QUERY_ROWS], &[SET_COLUMNS_OK, &rows]);
        let small = Limits {
            max_elements: 100,
            ..Limits::STRICT
        };
        let rq = RopRequestBuffer::decode_exact(&req, small).unwrap();
        let e = RopResponseBuffer::decode_with_exact(&resp, &rq, small).unwrap_err();
        assert_eq!(e.kind().name(), "limit-exceeded");
        // Within the default limit the same bytes decode.
        let (_, rs) = buffers(&req, &resp);
        assert!(rs.raw.is_none());
    }

    #[test]
    fn get_message_status_may_be_answered_with_the_set_message_status_rop_id() {
        // RopGetMessageStatus on folder index 0 for MessageId 1-0x10.
        let get = [
            0x1F, 0x00, 0x00, 0x01, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00,
        ];
        // Answered with RopId 0x20 (the RopSetMessageStatus layout): MessageStatusFlags 0x2000.
        let answer = [0x20, 0x00, 0, 0, 0, 0, 0x00, 0x20, 0x00, 0x00];
        let (req, resp) = bufs(&[&get], &[&answer]);
        let (rq, rs) = buffers(&req, &resp);
        assert!(rs.raw.is_none(), "{:?}", rs.raw);
        assert_eq!(rs.rops[0].rop_id(), RopId::SET_MESSAGE_STATUS);
        assert_eq!(rs.to_bytes().unwrap(), resp);
        // Its own RopId works as well.
        let mut own = answer;
        own[0] = 0x1F;
        let resp = buf(&[&own], &[0x10]);
        let rs = RopResponseBuffer::decode_with_exact(&resp, &rq, limits()).unwrap();
        assert_eq!(rs.rops[0].rop_id(), RopId::GET_MESSAGE_STATUS);
    }

    #[test]
    fn a_failed_set_columns_teaches_nothing() {
        let mut session = Session::new();
        let req = buf(&[SET_COLUMNS], &[0x10]);
        // ReturnValue 0x80040102 (ecNotSupported): the failure layout has no fields.
        let resp = buf(&[&[0x12, 0x00, 0x02, 0x01, 0x04, 0x80]], &[0x10]);
        session.decode_execute(&req, &resp, limits()).unwrap();
        assert_eq!(session.columns(0x10), None);
    }

    #[test]
    fn buffer_too_small_marks_the_unprocessed_requests() {
        let req = buf(&[SET_COLUMNS, QUERY_ROWS], &[0x10]);
        let mut tail = vec![0xFF, 0x00, 0x01];
        tail.extend_from_slice(QUERY_ROWS);
        let resp = buf(&[SET_COLUMNS_OK, &tail], &[0x10]);
        let (rq, rs) = buffers(&req, &resp);
        assert_eq!(rs.unprocessed_from(&rq), Some(1));
        match &rs.rops[1] {
            RopResponse::BufferTooSmall(b) => {
                assert_eq!(b.size_needed, 0x100);
                assert_eq!(&b.request_buffers[..], QUERY_ROWS);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(rs.to_bytes().unwrap(), resp);
    }

    #[test]
    fn a_response_that_does_not_match_the_next_request_is_kept_raw() {
        let (req, resp) = bufs(&[QUERY_ROWS], &[SET_COLUMNS_OK]);
        let (_, rs) = buffers(&req, &resp);
        let raw = rs.raw.unwrap();
        assert_eq!(
            raw.reason,
            Undecoded::Unexpected {
                response: RopId::SET_COLUMNS,
                request: RopId::QUERY_ROWS
            }
        );
        assert_eq!(
            raw.reason.to_string(),
            "a RopSetColumns response where the next request is RopQueryRows"
        );
    }

    #[test]
    fn handle_indexes_must_name_a_table_entry() {
        // InputHandleIndex 1 with a one-entry table.
        let req = buf(&[&[0x01, 0x00, 0x01]], &[0x10]);
        let e = RopRequestBuffer::decode_exact(&req, limits()).unwrap_err();
        assert_error(&e, "invalid-value", 2);
        assert_eq!(e.path_string(), "RopsList[0].InputHandleIndex");
        // The response's handle index too.
        let req = buf(&[SET_COLUMNS], &[0x10]);
        let resp = buf(&[SET_COLUMNS_OK], &[]);
        let rq = RopRequestBuffer::decode_exact(&req, limits()).unwrap();
        let e = RopResponseBuffer::decode_with_exact(&resp, &rq, limits()).unwrap_err();
        assert_eq!(e.path_string(), "RopsList[0].InputHandleIndex");
    }

    #[test]
    fn framing_errors_are_typed() {
        // Reserved RopId 0x00.
        let e = RopRequestBuffer::decode_exact(&buf(&[&[0x00, 0, 0]], &[1]), limits()).unwrap_err();
        assert_error(&e, "unknown-id", 2);
        // A response-only RopId in a request.
        let e = RopRequestBuffer::decode_exact(&buf(&[&[0xFF, 0, 0]], &[1]), limits()).unwrap_err();
        assert_eq!(e.kind().name(), "invalid-value");
        // RopSize below 2, RopSize past the input, a partial handle.
        let e = RopRequestBuffer::decode_exact(&[0x01, 0x00], limits()).unwrap_err();
        assert_eq!(
            (e.kind().name(), e.path_string().as_str()),
            ("invalid-value", "RopSize")
        );
        let e = RopRequestBuffer::decode_exact(&[0x09, 0x00, 0x01], limits()).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        let mut b = buf(&[&[0x01, 0x00, 0x00]], &[1]);
        b.push(0);
        let e = RopRequestBuffer::decode_exact(&b, limits()).unwrap_err();
        assert_error(&e, "trailing-bytes", 9);
    }

    #[test]
    fn every_strict_prefix_of_a_buffer_fails() {
        let req = buf(&[SET_COLUMNS, QUERY_ROWS], &[0x10]);
        for n in 0..req.len() {
            assert!(
                RopRequestBuffer::decode_exact(&req[..n], limits()).is_err(),
                "{n}"
            );
        }
    }
}
