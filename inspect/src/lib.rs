//! The decoding kinds of `mapi-inspect`, shared with the conformance runner and the fuzz
//! targets: one function turns a kind name and bytes into a tree and the re-encoded bytes.

use mapi_codec::data::{
    ExtendedRuleActions, FolderId, LongTermId, MessageId, PropTag, PropTags, PropertyName,
    PropertyProblemArray, PropertyRow, PropertyRowSet, PropertyTagArray, Restriction, RuleActions,
    RuleForm, ServerId, SortOrderSet, TaggedPropertyValue, TypedPropertyValue, TypedString,
};
use mapi_codec::fxics::idset;
use mapi_codec::http::emsmdb;
use mapi_codec::http::headers::{BodyKind, Direction, Endpoint, Headers, RequestType};
use mapi_codec::http::stream::ResponseStream;
use mapi_codec::rop::{RequestCtx, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::rpc::auxiliary::AuxBlocks;
use mapi_codec::rpc::ext::{ExtendedBufferChain, RpcHeaderExt};
use mapi_codec::rpc::lz77;
use mapi_codec::tree::{ToTree, ToTreeWith, Tree};
use mapi_codec::wire::{
    CountWidth, Decode, DecodeError, DecodeWith, Encode, EncodeError, EncodeWith, ErrorKind,
    Limits, Reader,
};
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::http::{stream_head_tree, HttpMessage};

pub mod http;
pub mod json;
pub mod sample;
pub mod session;
pub mod tree_json;

/// Every kind the CLI accepts, in the order `mapi-inspect kinds` prints them.
pub const KINDS: &[&str] = &[
    "typed-property-value",
    "tagged-property-value",
    "restriction",
    "restriction-4",
    "rule-action",
    "rule-action-extended",
    "extended-rule-actions",
    "property-tag-array",
    "property-tag-array-4",
    "property-name",
    "sort-order-set",
    "property-row",
    "property-row-set",
    "property-problem-array",
    "typed-string",
    "folder-id",
    "message-id",
    "long-term-id",
    "server-id",
    "globset",
    "idset-replid",
    "idset-replguid",
    "pcl",
    "rpc-ext",
    "aux-buffer",
    "aux-blocks",
    "lz77-compress",
    "lz77-decompress",
    "rop-request-buffer",
    "rop-response-buffer",
    "rop-request",
    "rop-response",
    "ftstream",
    "connect-request",
    "connect-response",
    "execute-request",
    "execute-response",
    "disconnect-request",
    "disconnect-response",
    "notification-wait-request",
    "notification-wait-response",
    "ping-request",
    "ping-response",
    "http-request",
    "http-response",
    "nspi-bind-request",
    "nspi-bind-response",
    "nspi-unbind-request",
    "nspi-unbind-response",
    "nspi-compare-mids-request",
    "nspi-compare-mids-response",
    "nspi-dn-to-mid-request",
    "nspi-dn-to-mid-response",
    "nspi-get-matches-request",
    "nspi-get-matches-response",
    "nspi-get-prop-list-request",
    "nspi-get-prop-list-response",
    "nspi-get-props-request",
    "nspi-get-props-response",
    "nspi-get-special-table-request",
    "nspi-get-special-table-response",
    "nspi-get-template-info-request",
    "nspi-get-template-info-response",
    "nspi-mod-link-att-request",
    "nspi-mod-link-att-response",
    "nspi-mod-props-request",
    "nspi-mod-props-response",
    "nspi-query-columns-request",
    "nspi-query-columns-response",
    "nspi-query-rows-request",
    "nspi-query-rows-response",
    "nspi-resolve-names-request",
    "nspi-resolve-names-response",
    "nspi-resort-restriction-request",
    "nspi-resort-restriction-response",
    "nspi-seek-entries-request",
    "nspi-seek-entries-response",
    "nspi-update-stat-request",
    "nspi-update-stat-response",
    "nspi-get-mailbox-url-request",
    "nspi-get-mailbox-url-response",
    "nspi-get-address-book-url-request",
    "nspi-get-address-book-url-response",
];

/// What a kind may need besides the bytes.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Also give the serde form ([`Decoded::json`]), which [`json::encode`] turns back into the
    /// bytes.
    pub json: bool,
    /// Column tags, for `property-row`.
    pub columns: Vec<PropTag>,
    /// Decoding limits.
    pub limits: Limits,
    /// The request buffer a response answers (`rop-response-buffer`).
    pub request: Option<Vec<u8>>,
    /// For `ftstream`: the offsets where the input is cut into buffers, in increasing order
    /// (as RopFastTransferSourceGetBuffer or RopFastTransferDestinationPutBuffer deliver a
    /// FastTransfer stream); the stream decodes the same whatever the cuts.
    pub splits: Vec<usize>,
}

/// A decoded input: its tree and its bytes encoded again.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The decoded form.
    pub tree: Tree,
    /// The decoded value encoded again.
    pub reencoded: Vec<u8>,
    /// The serde form of the decoded value (the `serde` feature of mapi-codec), when
    /// [`Options::json`] asks for it: what `mapi-inspect decode --format json` prints and
    /// [`json::encode`] reads.
    pub json: Option<serde_json::Value>,
}

/// Why a kind could not be decoded.
#[derive(Clone, Debug)]
pub enum Error {
    /// The kind is not known.
    UnknownKind(String),
    /// The kind needs an option that was not given.
    Usage(String),
    /// The bytes are not a valid value of the kind.
    Decode(DecodeError),
    /// The decoded value could not be encoded again.
    Encode(EncodeError),
    /// The request buffer given with `--request` is not valid.
    Request(DecodeError),
    /// The JSON given to encode is not the serde form of the kind (or could not be written).
    Json(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownKind(k) => write!(f, "unknown kind {k:?} (see `mapi-inspect kinds`)"),
            Error::Usage(m) => f.write_str(m),
            Error::Decode(e) => write_decode_error(f, e),
            Error::Request(e) => {
                f.write_str("request buffer: ")?;
                write_decode_error(f, e)
            }
            Error::Encode(e) => write!(f, "re-encoding failed: {e}"),
            Error::Json(e) => write!(f, "JSON: {e}"),
        }
    }
}

fn write_decode_error(f: &mut fmt::Formatter<'_>, e: &DecodeError) -> fmt::Result {
    write!(f, "{} at offset {}", e.kind().name(), e.offset())?;
    let path = e.path_string();
    if !path.is_empty() {
        write!(f, " in {path}")?;
    }
    write!(f, ": {}", e.kind())
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Error::Decode(e)
    }
}

impl From<EncodeError> for Error {
    fn from(e: EncodeError) -> Self {
        Error::Encode(e)
    }
}

/// The serde form of `v`, when `opts` asks for it.
fn json_of<T: Serialize + ?Sized>(v: &T, opts: &Options) -> Result<Option<Value>, Error> {
    if !opts.json {
        return Ok(None);
    }
    serde_json::to_value(v)
        .map(Some)
        .map_err(|e| Error::Json(e.to_string()))
}

/// A value that takes a count width both ways.
fn with_width<'a, T>(input: &'a [u8], width: CountWidth, opts: &Options) -> Result<Decoded, Error>
where
    T: DecodeWith<'a, CountWidth> + EncodeWith<CountWidth> + ToTree + Serialize,
{
    let v = T::decode_with_exact(input, width, opts.limits)?;
    Ok(Decoded {
        tree: v.to_tree(),
        reencoded: v.to_bytes_with(width)?,
        json: json_of(&v, opts)?,
    })
}

/// A RuleAction ([MS-OXORULE] 2.2.5) of `form`.
fn rule_actions(input: &[u8], form: RuleForm, opts: &Options) -> Result<Decoded, Error> {
    let v = RuleActions::decode_with_exact(input, form, opts.limits)?;
    Ok(Decoded {
        tree: v.to_tree_with(form),
        reencoded: v.to_bytes_with(form)?,
        json: json_of(&v, opts)?,
    })
}

/// A value that needs no context.
fn plain<'a, T>(input: &'a [u8], opts: &Options) -> Result<Decoded, Error>
where
    T: Decode<'a> + Encode + ToTree + Serialize,
{
    plain_with::<T, ()>(input, (), opts)
}

/// A kind that decodes with a context and encodes without one.
fn plain_with<'a, T, C>(input: &'a [u8], ctx: C, opts: &Options) -> Result<Decoded, Error>
where
    T: DecodeWith<'a, C> + Encode + ToTree + Serialize,
{
    let v = T::decode_with_exact(input, ctx, opts.limits)?;
    Ok(Decoded {
        tree: v.to_tree(),
        reencoded: v.to_bytes()?,
        json: json_of(&v, opts)?,
    })
}

/// A row or row set: decoded against the columns, encoded with the 2-byte binary counts.
fn rows<'a, T>(input: &'a [u8], opts: &Options) -> Result<Decoded, Error>
where
    T: for<'c> DecodeWith<'a, (&'c PropTags<'a>, CountWidth)>
        + EncodeWith<CountWidth>
        + for<'c> ToTreeWith<&'c PropTags<'c>>
        + Serialize,
{
    let columns = &PropTags::new(&opts.columns);
    if columns.is_empty() {
        return Err(Error::Usage(
            "this kind needs --columns (the column tags, e.g. 0x3001001F,0x0E080003)".into(),
        ));
    }
    let w = CountWidth::U16;
    let v = T::decode_with_exact(input, (columns, w), opts.limits)?;
    Ok(Decoded {
        tree: v.to_tree_with(columns),
        reencoded: v.to_bytes_with(w)?,
        json: json_of(&v, opts)?,
    })
}

/// An extended-buffer chain: headers and plain payloads.
fn rpc_ext(input: &[u8], opts: &Options) -> Result<Decoded, Error> {
    let chain = ExtendedBufferChain::decode_exact(input, opts.limits)?;
    Ok(Decoded {
        tree: chain.to_tree(),
        reencoded: chain.to_bytes()?,
        json: json_of(&chain, opts)?,
    })
}

/// An extended-buffer chain whose payloads are runs of AUX blocks.
fn aux_buffer(input: &[u8], opts: &Options) -> Result<Decoded, Error> {
    let limits = opts.limits;
    let chain = ExtendedBufferChain::decode_exact(input, limits)?;
    let mut views = Vec::with_capacity(chain.buffers.len());
    let mut buffers = Vec::with_capacity(chain.buffers.len());
    for (i, b) in chain.buffers.iter().enumerate() {
        let at = HEADER_AT
            + chain.buffers[..i]
                .iter()
                .map(Encode::encoded_len)
                .sum::<usize>();
        // Offsets inside a compressed payload are offsets into the plain payload.
        let blocks = AuxBlocks::decode_exact(b.payload(), limits)
            .map_err(|e| e.shifted(at).at_index(i).in_field("Buffers"))?;
        if opts.json {
            views.push(json_of(&blocks, opts)?.unwrap_or_default());
        }
        buffers.push(
            Tree::record()
                .field("RPC_HEADER_EXT", b.header().to_tree())
                .field("AuxBlocks", blocks.to_tree()),
        );
    }
    let json = match json_of(&chain, opts)? {
        Some(v) => Some(json::payloads_as(v, "AuxBlocks", views)?),
        None => None,
    };
    Ok(Decoded {
        tree: Tree::record().field("Buffers", Tree::List(buffers)),
        reencoded: chain.to_bytes()?,
        json,
    })
}

/// The plain payloads of an extended-buffer chain, one per buffer (`decode rpc-ext --payload`).
pub fn payloads(input: &[u8], limits: Limits) -> Result<Vec<Vec<u8>>, Error> {
    let chain = ExtendedBufferChain::decode_exact(input, limits)?;
    Ok(chain.buffers.iter().map(|b| b.payload().to_vec()).collect())
}

/// Where a buffer's payload starts, from the start of its header.
const HEADER_AT: usize = RpcHeaderExt::SIZE;

fn hex_field(name: &'static str, bytes: Vec<u8>) -> Tree {
    Tree::record().field(name, Tree::Bytes(bytes))
}

/// Decodes `input` (which it must fill exactly) as `kind`.
pub fn decode(kind: &str, input: &[u8], opts: &Options) -> Result<Decoded, Error> {
    let l = opts.limits;
    let o = opts;
    match kind {
        "typed-property-value" => with_width::<TypedPropertyValue>(input, CountWidth::U16, o),
        "tagged-property-value" => with_width::<TaggedPropertyValue>(input, CountWidth::U16, o),
        "restriction" => with_width::<Restriction>(input, CountWidth::U16, o),
        "restriction-4" => with_width::<Restriction>(input, CountWidth::U32, o),
        "rule-action" => rule_actions(input, RuleForm::Standard, o),
        "rule-action-extended" => rule_actions(input, RuleForm::Extended, o),
        "extended-rule-actions" => plain::<ExtendedRuleActions>(input, o),
        "property-tag-array" => with_width::<PropertyTagArray>(input, CountWidth::U16, o),
        "property-tag-array-4" => with_width::<PropertyTagArray>(input, CountWidth::U32, o),
        "property-name" => plain::<PropertyName>(input, o),
        "sort-order-set" => plain::<SortOrderSet>(input, o),
        "property-row" => rows::<PropertyRow>(input, o),
        "property-row-set" => rows::<PropertyRowSet>(input, o),
        "property-problem-array" => plain::<PropertyProblemArray>(input, o),
        "typed-string" => plain::<TypedString>(input, o),
        "folder-id" => plain::<FolderId>(input, o),
        "message-id" => plain::<MessageId>(input, o),
        "long-term-id" => plain::<LongTermId>(input, o),
        "server-id" => plain::<ServerId>(input, o),
        "globset" => plain::<idset::Globset>(input, o),
        "idset-replid" => plain::<idset::IdsetReplid>(input, o),
        "idset-replguid" => plain::<idset::IdsetReplguid>(input, o),
        "pcl" => plain::<idset::PredecessorChangeList>(input, o),
        "rpc-ext" => rpc_ext(input, o),
        "aux-buffer" => aux_buffer(input, o),
        "aux-blocks" => plain::<AuxBlocks>(input, o),
        "lz77-compress" => {
            let c = lz77::compress(input);
            let back = lz77::decompress(&c, input.len(), 0)?;
            Ok(Decoded {
                json: o.json.then(|| json::hex_object("Compressed", &c)),
                tree: hex_field("Compressed", c),
                reencoded: back,
            })
        }
        "lz77-decompress" => {
            let plain = lz77::decompress_unsized(input, l.max_decompressed_size as usize, 0)?;
            Ok(Decoded {
                reencoded: lz77::compress(&plain),
                json: o.json.then(|| json::hex_object("Decompressed", &plain)),
                tree: hex_field("Decompressed", plain),
            })
        }
        "rop-request-buffer" => plain::<RopRequestBuffer>(input, o),
        "rop-response-buffer" => rop_response(input, o),
        "rop-request" => plain_with::<RopRequest, _>(input, RequestCtx::default(), o),
        "rop-response" => single_rop_response(input, o),
        "ftstream" => ftstream(input, o),
        "connect-request" => plain::<emsmdb::ConnectRequest>(input, o),
        "connect-response" => plain::<emsmdb::ConnectResponse>(input, o),
        "execute-request" => execute_request(input, o),
        "execute-response" => execute_response(input, o),
        "disconnect-request" => plain::<emsmdb::DisconnectRequest>(input, o),
        "disconnect-response" => plain::<emsmdb::DisconnectResponse>(input, o),
        "notification-wait-request" => plain::<emsmdb::NotificationWaitRequest>(input, o),
        "notification-wait-response" => plain::<emsmdb::NotificationWaitResponse>(input, o),
        "ping-request" | "ping-response" => plain::<emsmdb::PingBody>(input, o),
        "http-request" => http_message(input, opts, false),
        "http-response" => http_message(input, opts, true),
        other if other.starts_with("nspi-") => nspi_body(other, input, o),
        other => Err(Error::UnknownKind(other.to_string())),
    }
}

/// A FastTransfer stream ([MS-OXCFXICS] 2.2.4) cut at `splits` into buffers: its elements,
/// with the `Data` pieces of each value joined.
fn ftstream(input: &[u8], opts: &Options) -> Result<Decoded, Error> {
    use mapi_codec::fxics::stream::{Cuts, FtStream};
    let (splits, limits) = (&opts.splits[..], opts.limits);
    let mut at = 0;
    for &s in splits {
        if s < at || s > input.len() {
            return Err(Error::Usage(format!(
                "split offsets must increase and stay within the {} bytes of input",
                input.len()
            )));
        }
        at = s;
    }
    let stream = FtStream::decode_with_exact(input, Cuts(splits), limits)?.normalize();
    Ok(Decoded {
        reencoded: stream.to_bytes()?,
        json: json_of(&stream, opts)?,
        tree: Tree::record()
            .field("Buffers", Tree::UInt(splits.len() as u64 + 1))
            .field("Elements", stream.to_tree()),
    })
}

/// An NSPI request or response body ([MS-OXCMAPIHTTP] 2.2.5), by its `nspi-...` kind.
fn nspi_body(kind: &str, input: &[u8], opts: &Options) -> Result<Decoded, Error> {
    let limits = opts.limits;
    let body_kind = BodyKind::from_cli_name(kind)
        .filter(|k| k.endpoint() == Endpoint::AddressBook)
        .ok_or_else(|| Error::UnknownKind(kind.to_string()))?;
    let body = mapi_codec::nspi::NspiBody::decode_with_exact(input, body_kind, limits)?;
    Ok(Decoded {
        tree: body.to_tree(),
        reencoded: body.to_bytes()?,
        json: json_of(&body, opts)?,
    })
}

/// A ROP output buffer, decoded against its request buffer when one is given (without it,
/// everything that needs the request stays undecoded).
fn rop_response(input: &[u8], opts: &Options) -> Result<Decoded, Error> {
    let limits = opts.limits;
    let req = match opts.request.as_deref() {
        Some(b) => RopRequestBuffer::decode_exact(b, limits).map_err(Error::Request)?,
        None => RopRequestBuffer::default(),
    };
    let resp = RopResponseBuffer::decode_with_exact(input, &req, limits)?;
    Ok(Decoded {
        tree: resp.to_tree(),
        reencoded: resp.to_bytes()?,
        json: json_of(&resp, opts)?,
    })
}

/// One ROP response without its buffer, against one ROP request (`--request`) and, for
/// table rows, the columns (`--columns`).
fn single_rop_response(input: &[u8], opts: &Options) -> Result<Decoded, Error> {
    let limits = opts.limits;
    let req = match opts.request.as_deref() {
        Some(b) => Some(
            RopRequest::decode_with_exact(b, RequestCtx::default(), limits)
                .map_err(Error::Request)?,
        ),
        None => None,
    };
    let cols = (!opts.columns.is_empty()).then(|| PropTags::new(&opts.columns));
    let mut r = Reader::with_limits(input, limits);
    let resp = RopResponse::decode_with_from(&mut r, (req.as_ref(), cols.as_ref()))?;
    r.finish()?;
    Ok(Decoded {
        tree: resp.to_tree(),
        reencoded: resp.to_bytes()?,
        json: json_of(&resp, opts)?,
    })
}

/// An Execute request body, decoded through to its ROP requests.
fn execute_request(input: &[u8], opts: &Options) -> Result<Decoded, Error> {
    let limits = opts.limits;
    let body = emsmdb::ExecuteRequest::decode_exact(input, limits)?;
    let rops = body.rop_request_buffers(None, limits)?;
    let json = match json_of(&body, opts)? {
        Some(v) => Some(json::rop_buffers_as(v, "RopRequestBuffer", &rops)?),
        None => None,
    };
    Ok(Decoded {
        tree: body.to_tree_with_rops(rops.iter().map(ToTree::to_tree)),
        reencoded: body.to_bytes()?,
        json,
    })
}

/// An Execute response body, its ROP responses decoded against the Execute request body given
/// with `--request` (without it, responses that need their request stay undecoded).
fn execute_response(input: &[u8], opts: &Options) -> Result<Decoded, Error> {
    let limits = opts.limits;
    let req_body = match opts.request.as_deref() {
        Some(b) => Some(emsmdb::ExecuteRequest::decode_exact(b, limits).map_err(Error::Request)?),
        None => None,
    };
    let requests = match &req_body {
        Some(b) => b
            .rop_request_buffers(None, limits)
            .map_err(Error::Request)?,
        None => Vec::new(),
    };
    let body = emsmdb::ExecuteResponse::decode_exact(input, limits)?;
    let mut json = json_of(&body, opts)?;
    let tree = match body.fields() {
        Some(s) => {
            let bufs = s.rop_response_buffers(&requests, None, limits)?;
            if let Some(v) = json.take() {
                json = Some(json::rop_buffers_as(v, "RopResponseBuffer", &bufs)?);
            }
            s.to_tree_with_rops(bufs.iter().map(ToTree::to_tree))
        }
        None => body.to_tree(),
    };
    Ok(Decoded {
        tree,
        reencoded: body.to_bytes()?,
        json,
    })
}

/// The body of a request given with `--request`: the body of a whole HTTP request message, or
/// the bytes themselves.
pub(crate) fn request_body(request: &[u8], limits: Limits) -> Result<Vec<u8>, Error> {
    if request.starts_with(b"POST ") {
        let m = HttpMessage::decode_exact(request, limits).map_err(Error::Request)?;
        return Ok(m.body_bytes().into_owned());
    }
    Ok(request.to_vec())
}

/// A body that no kind decodes: its bytes (as text when it is printable) and why.
fn opaque_body(body: &[u8], note: String, opts: &Options) -> Decoded {
    let printable = body
        .iter()
        .all(|&b| b == b'\r' || b == b'\n' || b == b'\t' || (0x20..0x7F).contains(&b));
    let content = if printable && !body.is_empty() {
        Tree::Text(String::from_utf8_lossy(body).into_owned())
    } else {
        Tree::Bytes(body.to_vec())
    };
    Decoded {
        json: opts.json.then(|| json::opaque(body, &note)),
        tree: Tree::record()
            .field("Note", Tree::Text(note))
            .field("Content", content),
        reencoded: body.to_vec(),
    }
}

/// Decodes a MAPI/HTTP body by request type and endpoint; EMSMDB bodies by their kind, others
/// kept as bytes with a note. `at` maps errors to message offsets (`None`: the body was
/// reassembled from chunks, offsets are into it).
fn mapi_body(
    body: &[u8],
    request_type: Option<&str>,
    endpoint: Option<Endpoint>,
    response: bool,
    opts: &Options,
) -> Result<(Option<&'static str>, Decoded), Error> {
    let Some(rt) = request_type else {
        return Ok((
            None,
            opaque_body(
                body,
                "no X-RequestType header: the body is not decoded".into(),
                opts,
            ),
        ));
    };
    let endpoint = endpoint.or(RequestType(rt).endpoint());
    let direction = if response {
        Direction::Response
    } else {
        Direction::Request
    };
    let kind = BodyKind::new(rt, direction);
    // The endpoint of the path decides; PING is the one request type both serve.
    let kind = kind.filter(|k| {
        endpoint.is_none() || k.request_type == RequestType::PING || Some(k.endpoint()) == endpoint
    });
    let Some(kind) = kind else {
        let why = if endpoint == Some(Endpoint::AddressBook) {
            format!("{rt}: not an address book (NSPI) request type; the body is not decoded")
        } else {
            format!("unknown request type {rt:?}: the body is not decoded")
        };
        return Ok((None, opaque_body(body, why, opts)));
    };
    let name = kind.cli_name();
    let name = KINDS.iter().copied().find(|k| *k == name);
    let decoded = decode(&kind.cli_name(), body, opts)?;
    Ok((name, decoded))
}

fn shift_err(e: Error, by: Option<usize>) -> Error {
    match (e, by) {
        (Error::Decode(e), Some(by)) => Error::Decode(e.shifted(by).in_field("Body")),
        (Error::Decode(e), None) => Error::Decode(e.in_field("DechunkedBody")),
        (e, _) => e,
    }
}

/// A whole HTTP/1.1 request or response ([MS-OXCMAPIHTTP] 2.2.2): the head, and the body
/// decoded by X-RequestType and the endpoint path; a response body is first read as the
/// response stream (meta-tags, additional headers, body).
fn http_message(input: &[u8], opts: &Options, response: bool) -> Result<Decoded, Error> {
    let l = opts.limits;
    let msg = HttpMessage::decode_exact(input, l)?;
    if msg.is_response() != response {
        let what = if response {
            "an HTTP response (status line) was expected"
        } else {
            "an HTTP request (request line) was expected"
        };
        return Err(Error::Decode(
            DecodeError::new(ErrorKind::InvalidValue { what, value: 0 }, 0).in_field("StartLine"),
        ));
    }
    let body = msg.body_bytes();
    let heads = msg.header_view();
    let rt = heads.request_type().map(|r| r.0);
    let base = msg.body_is_contiguous().then_some(msg.body_at);
    let mut tree = msg.head_tree();
    let mut json = json::http_head(&msg);
    let new_body = if !response {
        let endpoint = msg.target().and_then(Endpoint::from_target);
        let (kind, d) =
            mapi_body(&body, rt, endpoint, false, opts).map_err(|e| shift_err(e, base))?;
        tree = tree.field(
            "BodyKind",
            kind.map_or(Tree::Null, |k| Tree::Text(k.into())),
        );
        tree = tree.field("Body", d.tree);
        json.insert("BodyKind".into(), kind.map_or(Value::Null, Value::from));
        json.insert("Body".into(), d.json.unwrap_or_default());
        d.reencoded
    } else if heads.response_code()?.is_some_and(|c| c.0 != 0) {
        let d = opaque_body(
            &body,
            "X-ResponseCode is not 0: the body is diagnostic text".into(),
            opts,
        );
        tree = tree.field("Body", d.tree);
        json.insert("Body".into(), d.json.unwrap_or_default());
        d.reencoded
    } else {
        let stream = ResponseStream::decode_exact(&body, l)
            .map_err(|e| shift_err(Error::Decode(e), base))?;
        let inner_at = base.map(|b| b + body.len() - stream.body.len());
        let failed = Headers(&stream.additional_headers)
            .response_code()
            .map_err(|e| shift_err(Error::Decode(e), base))?
            .is_some_and(|c| c.0 != 0);
        let mut inner_opts = opts.clone();
        if let Some(r) = &opts.request {
            inner_opts.request = Some(request_body(r, l)?);
        }
        let (kind, d) = if failed {
            (
                None,
                opaque_body(
                    &stream.body,
                    "X-ResponseCode after DONE is not 0: the body is diagnostic".into(),
                    opts,
                ),
            )
        } else {
            mapi_body(&stream.body, rt, None, true, &inner_opts)
                .map_err(|e| shift_err(e, inner_at))?
        };
        tree = tree.field(
            "ResponseStream",
            stream_head_tree(&stream)
                .field(
                    "BodyKind",
                    kind.map_or(Tree::Null, |k| Tree::Text(k.into())),
                )
                .field("Body", d.tree),
        );
        json.insert(
            "ResponseStream".into(),
            json::stream_json(&stream, kind, d.json.unwrap_or_default()),
        );
        let rebuilt = ResponseStream {
            body: std::borrow::Cow::Owned(d.reencoded),
            ..stream.clone()
        };
        rebuilt.to_bytes()?
    };
    let mut reencoded = Vec::with_capacity(input.len());
    msg.encode_with_body(&new_body, &mut reencoded)?;
    Ok(Decoded {
        tree,
        reencoded,
        json: opts.json.then_some(Value::Object(json)),
    })
}

/// Parses hex text; whitespace (and newlines) are ignored.
pub fn parse_hex(text: &str) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if digits.len() % 2 != 0 {
        return Err(format!("odd number of hex digits ({})", digits.len()));
    }
    digits
        .chunks_exact(2)
        .enumerate()
        .map(|(i, pair)| {
            let s = std::str::from_utf8(pair)
                .map_err(|_| format!("non-hex text at digit {}", 2 * i))?;
            u8::from_str_radix(s, 16).map_err(|_| format!("non-hex digit {s:?} at digit {}", 2 * i))
        })
        .collect()
}

/// Parses `0x3001001F,0x0E080003` into tags.
pub fn parse_columns(text: &str) -> Result<Vec<PropTag>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            let digits = s.trim_start_matches("0x").trim_start_matches("0X");
            u32::from_str_radix(digits, 16)
                .map(PropTag)
                .map_err(|_| format!("bad column tag {s:?} (expected hex like 0x3001001F)"))
        })
        .collect()
}

/// The first offset at which `a` and `b` differ, if they do.
pub fn first_difference(a: &[u8], b: &[u8]) -> Option<usize> {
    a.iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .or(if a.len() == b.len() {
            None
        } else {
            Some(a.len().min(b.len()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_and_columns() {
        assert_eq!(parse_hex("0a 0B\n ff").unwrap(), vec![0x0a, 0x0b, 0xff]);
        assert!(parse_hex("abc").is_err());
        assert!(parse_hex("zz").is_err());
        assert_eq!(
            parse_columns("0x3001001F, 0E080003").unwrap(),
            vec![PropTag(0x3001_001F), PropTag(0x0E08_0003)]
        );
        assert!(parse_columns("0xZZ").is_err());
        assert_eq!(first_difference(b"abc", b"abd"), Some(2));
        assert_eq!(first_difference(b"ab", b"abc"), Some(2));
        assert_eq!(first_difference(b"ab", b"ab"), None);
    }

    #[test]
    fn every_kind_is_dispatched() {
        for k in KINDS {
            let r = decode(k, &[], &Options::default());
            assert!(!matches!(r, Err(Error::UnknownKind(_))), "{k}");
        }
    }
}
