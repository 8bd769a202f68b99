//! The serde form of every kind (`mapi-inspect decode --format json`) and the way back to the
//! bytes (`mapi-inspect encode`).
//!
//! Most kinds are the `serde` form of the value mapi-codec decodes (its `serde` feature). A
//! few show more than their value holds, and read it back:
//!
//! - `execute-request` and `execute-response`: each extended buffer of RopBuffer holds its ROP
//!   buffer (`RopRequestBuffer` / `RopResponseBuffer`) in place of its payload bytes;
//!   `aux-buffer` its AUX blocks (`AuxBlocks`). On the way back the payload is encoded from
//!   them, and Size and SizeActual follow from it; a compressed buffer keeps its
//!   `CompressedPayload` while that still decompresses to the payload, and is compressed again
//!   otherwise.
//! - `http-request` and `http-response`: the start line, the header lines, the framing, and the
//!   body in the form of its kind (`BodyKind`), inside the response stream for a response.
//!   Chunks are cut as they were while the body keeps its length; a body of another length
//!   goes in one chunk, or updates Content-Length.
//! - `lz77-compress` and `lz77-decompress`: `{"Compressed": hex}` and `{"Decompressed": hex}`.

use std::borrow::Cow;

use mapi_codec::data::{
    ExtendedRuleActions, FolderId, LongTermId, MessageId, PropertyName, PropertyProblemArray,
    PropertyRow, PropertyRowSet, PropertyTagArray, Restriction, RuleActions, RuleForm, ServerId,
    SortOrderSet, TaggedPropertyValue, TypedPropertyValue, TypedString,
};
use mapi_codec::fxics::idset;
use mapi_codec::fxics::stream::FtStream;
use mapi_codec::http::emsmdb;
use mapi_codec::http::headers::{BodyKind, Endpoint, HeaderLine};
use mapi_codec::http::stream::ResponseStream;
use mapi_codec::nspi::NspiBody;
use mapi_codec::rop::{RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::rpc::auxiliary::AuxBlocks;
use mapi_codec::rpc::ext::ExtendedBufferChain;
use mapi_codec::rpc::lz77;
use mapi_codec::wire::{CountWidth, Encode, EncodeWith};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::http::{Body, Chunk, HttpMessage};
use crate::{Error, Options};

fn json_err(e: impl std::fmt::Display) -> Error {
    Error::Json(e.to_string())
}

/// Lowercase hex of `b`.
fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// `{key: hex}`.
pub fn hex_object(key: &str, bytes: &[u8]) -> Value {
    let mut m = Map::new();
    m.insert(key.into(), Value::String(hex(bytes)));
    Value::Object(m)
}

/// The form of a body no kind decodes: why, and its bytes.
pub fn opaque(body: &[u8], note: &str) -> Value {
    let mut m = Map::new();
    m.insert("Note".into(), Value::String(note.into()));
    m.insert("Content".into(), Value::String(hex(body)));
    Value::Object(m)
}

/// The value of `T` that `v` is the serde form of.
fn from<T: DeserializeOwned>(v: &Value) -> Result<T, Error> {
    T::deserialize(v).map_err(json_err)
}

/// The bytes of the hex string at `key` of the object `v`.
fn hex_at(v: &Value, key: &str) -> Result<Vec<u8>, Error> {
    let text = v
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| Error::Json(format!("expected {{\"{key}\": \"hex\"}}")))?;
    crate::parse_hex(text).map_err(|e| Error::Json(format!("{key}: {e}")))
}

fn field<'v>(v: &'v Value, key: &str) -> Result<&'v Value, Error> {
    v.get(key)
        .ok_or_else(|| Error::Json(format!("missing field `{key}`")))
}

fn text_at<'v>(v: &'v Value, key: &str) -> Result<&'v str, Error> {
    field(v, key)?
        .as_str()
        .ok_or_else(|| Error::Json(format!("`{key}` is not a string")))
}

// ---------------------------------------------------------------------------------------------
// Extended buffers whose payloads show decoded
// ---------------------------------------------------------------------------------------------

/// The chain `chain` (the serde form of an extended-buffer chain) with each buffer's
/// `Payload` replaced by `key`: the next of `views`.
pub fn payloads_as(mut chain: Value, key: &str, views: Vec<Value>) -> Result<Value, Error> {
    let Some(buffers) = chain.get_mut("Buffers").and_then(Value::as_array_mut) else {
        return Ok(chain);
    };
    for (b, view) in buffers.iter_mut().zip(views) {
        let Value::Object(m) = b else {
            return Err(Error::Json("an extended buffer is not an object".into()));
        };
        let old = std::mem::take(m);
        let mut view = Some(view);
        for (k, v) in old {
            match (k == "Payload").then(|| view.take()).flatten() {
                Some(shown) => m.insert(key.into(), shown),
                None => m.insert(k, v),
            };
        }
    }
    Ok(chain)
}

/// The body `body` (the serde form of an Execute request or success response body) with the
/// payload of each extended buffer of its RopBuffer shown as the ROP buffer it holds (`key`).
pub fn rop_buffers_as<T: Serialize>(body: Value, key: &str, bufs: &[T]) -> Result<Value, Error> {
    let views = bufs
        .iter()
        .map(|b| serde_json::to_value(b).map_err(json_err))
        .collect::<Result<Vec<_>, _>>()?;
    let Value::Object(mut m) = body else {
        return Ok(body);
    };
    if let Some(chain) = m.get_mut("RopBuffer").filter(|c| !c.is_null()) {
        *chain = payloads_as(std::mem::take(chain), key, views)?;
    }
    Ok(Value::Object(m))
}

/// The reverse of [`payloads_as`]: each buffer of the chain `chain` that holds `key` gets the
/// payload `encode` writes from it. Size and SizeActual are left to follow from the payload;
/// a `CompressedPayload` that no longer decompresses to it is dropped (compressed anew).
fn payloads_from(
    chain: &mut Value,
    key: &str,
    encode: impl Fn(&Value) -> Result<Vec<u8>, Error>,
) -> Result<(), Error> {
    let Some(buffers) = chain.get_mut("Buffers").and_then(Value::as_array_mut) else {
        return Ok(());
    };
    for b in buffers {
        let Value::Object(m) = b else {
            return Err(Error::Json("an extended buffer is not an object".into()));
        };
        let Some(view) = m.get(key) else {
            continue;
        };
        let payload = encode(view)?;
        let old = std::mem::take(m);
        for (k, v) in old {
            match k.as_str() {
                k if k == key => {
                    m.insert("Payload".into(), Value::String(hex(&payload)));
                }
                "RPC_HEADER_EXT" => {
                    let mut h = v;
                    if let Value::Object(h) = &mut h {
                        h.retain(|k, _| k != "Size" && k != "SizeActual");
                    }
                    m.insert(k, h);
                }
                "CompressedPayload" => {
                    let c = v.as_str().and_then(|t| crate::parse_hex(t).ok());
                    let same = c
                        .and_then(|c| lz77::decompress(&c, payload.len(), 0).ok())
                        .is_some_and(|p| p == payload);
                    if same {
                        m.insert(k, v);
                    }
                }
                _ => {
                    m.insert(k, v);
                }
            }
        }
    }
    Ok(())
}

/// `body` (an Execute body's serde form) with its RopBuffer's payloads encoded from `key`.
fn with_rop_payloads<T: DeserializeOwned + Encode>(v: &Value, key: &str) -> Result<Value, Error> {
    let mut v = v.clone();
    if let Some(chain) = v.get_mut("RopBuffer").filter(|c| !c.is_null()) {
        payloads_from(chain, key, |b| Ok(from::<T>(b)?.to_bytes()?))?;
    }
    Ok(v)
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

/// The kinds that answer a request, which `--request` checks them against.
fn answers_a_request(kind: &str) -> bool {
    matches!(
        kind,
        "rop-response-buffer" | "rop-response" | "execute-response"
    )
}

/// Encodes `v`, the serde form of a value of `kind` (what `decode` gives in
/// [`crate::Decoded::json`]), into its bytes. Values refused by the encoder fail with its
/// error; JSON that is not a value of the kind fails with [`Error::Json`].
///
/// With [`Options::request`], a response (`rop-response-buffer`, `rop-response`,
/// `execute-response`, and the body of an `http-response`) is then decoded against it, as
/// `decode` would: the bytes must decode, and leave nothing undecoded that `v` held decoded.
pub fn encode(kind: &str, v: &Value, opts: &Options) -> Result<Vec<u8>, Error> {
    let bytes = encode_value(kind, v, opts)?;
    if opts.request.is_some() && answers_a_request(kind) {
        let check = Options {
            json: true,
            ..opts.clone()
        };
        let d = crate::decode(kind, &bytes, &check)?;
        let (had, has) = (undecoded(v), d.json.as_ref().map_or(0, undecoded));
        if has > had {
            return Err(Error::Json(format!(
                "the bytes do not decode in full against the request given: {has} undecoded \
                 part(s), {had} in the input (see `mapi-inspect decode` of them)"
            )));
        }
    }
    Ok(bytes)
}

/// How many `Undecoded` parts a serde form holds.
fn undecoded(v: &Value) -> usize {
    match v {
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| usize::from(k == "Undecoded") + undecoded(v))
            .sum(),
        Value::Array(a) => a.iter().map(undecoded).sum(),
        _ => 0,
    }
}

fn with_width<T: DeserializeOwned + EncodeWith<CountWidth>>(
    v: &Value,
    w: CountWidth,
) -> Result<Vec<u8>, Error> {
    Ok(from::<T>(v)?.to_bytes_with(w)?)
}

fn plain<T: DeserializeOwned + Encode>(v: &Value) -> Result<Vec<u8>, Error> {
    Ok(from::<T>(v)?.to_bytes()?)
}

fn encode_value(kind: &str, v: &Value, opts: &Options) -> Result<Vec<u8>, Error> {
    use CountWidth::{U16, U32};
    match kind {
        "typed-property-value" => with_width::<TypedPropertyValue<'static>>(v, U16),
        "tagged-property-value" => with_width::<TaggedPropertyValue<'static>>(v, U16),
        "restriction" => with_width::<Restriction<'static>>(v, U16),
        "restriction-4" => with_width::<Restriction<'static>>(v, U32),
        "rule-action" => Ok(from::<RuleActions<'static>>(v)?.to_bytes_with(RuleForm::Standard)?),
        "rule-action-extended" => {
            Ok(from::<RuleActions<'static>>(v)?.to_bytes_with(RuleForm::Extended)?)
        }
        "extended-rule-actions" => plain::<ExtendedRuleActions<'static>>(v),
        "property-tag-array" => with_width::<PropertyTagArray>(v, U16),
        "property-tag-array-4" => with_width::<PropertyTagArray>(v, U32),
        "property-name" => plain::<PropertyName<'static>>(v),
        "sort-order-set" => plain::<SortOrderSet>(v),
        "property-row" => with_width::<PropertyRow<'static>>(v, U16),
        "property-row-set" => with_width::<PropertyRowSet<'static>>(v, U16),
        "property-problem-array" => plain::<PropertyProblemArray>(v),
        "typed-string" => plain::<TypedString<'static>>(v),
        "folder-id" => plain::<FolderId>(v),
        "message-id" => plain::<MessageId>(v),
        "long-term-id" => plain::<LongTermId>(v),
        "server-id" => plain::<ServerId<'static>>(v),
        "globset" => plain::<idset::Globset>(v),
        "idset-replid" => plain::<idset::IdsetReplid>(v),
        "idset-replguid" => plain::<idset::IdsetReplguid>(v),
        "pcl" => plain::<idset::PredecessorChangeList<'static>>(v),
        "rpc-ext" => plain::<ExtendedBufferChain<'static>>(v),
        "aux-buffer" => {
            let mut v = v.clone();
            payloads_from(&mut v, "AuxBlocks", |b| {
                Ok(from::<AuxBlocks<'static>>(b)?.to_bytes()?)
            })?;
            plain::<ExtendedBufferChain<'static>>(&v)
        }
        "aux-blocks" => plain::<AuxBlocks<'static>>(v),
        "lz77-compress" => {
            let max = opts.limits.max_decompressed_size as usize;
            Ok(lz77::decompress_unsized(&hex_at(v, "Compressed")?, max, 0)?)
        }
        "lz77-decompress" => Ok(lz77::compress(&hex_at(v, "Decompressed")?)),
        "rop-request-buffer" => plain::<RopRequestBuffer<'static>>(v),
        "rop-response-buffer" => plain::<RopResponseBuffer<'static>>(v),
        "rop-request" => plain::<RopRequest<'static>>(v),
        "rop-response" => plain::<RopResponse<'static>>(v),
        "ftstream" => plain::<FtStream<'static>>(v),
        "connect-request" => plain::<emsmdb::ConnectRequest<'static>>(v),
        "connect-response" => plain::<emsmdb::ConnectResponse<'static>>(v),
        "execute-request" => {
            plain::<emsmdb::ExecuteRequest<'static>>(
                &with_rop_payloads::<RopRequestBuffer<'static>>(v, "RopRequestBuffer")?,
            )
        }
        "execute-response" => {
            plain::<emsmdb::ExecuteResponse<'static>>(&with_rop_payloads::<
                RopResponseBuffer<'static>,
            >(v, "RopResponseBuffer")?)
        }
        "disconnect-request" => plain::<emsmdb::DisconnectRequest<'static>>(v),
        "disconnect-response" => plain::<emsmdb::DisconnectResponse<'static>>(v),
        "notification-wait-request" => plain::<emsmdb::NotificationWaitRequest<'static>>(v),
        "notification-wait-response" => plain::<emsmdb::NotificationWaitResponse<'static>>(v),
        "ping-request" | "ping-response" => plain::<emsmdb::PingBody>(v),
        "http-request" => http_message(v, false, opts),
        "http-response" => http_message(v, true, opts),
        other if other.starts_with("nspi-") => {
            let want = BodyKind::from_cli_name(other)
                .filter(|k| k.endpoint() == Endpoint::AddressBook)
                .ok_or_else(|| Error::UnknownKind(other.to_string()))?;
            let body = from::<NspiBody<'static>>(v)?;
            if body.kind() != want {
                return Err(Error::Json(format!(
                    "the JSON holds a {} body, not {other}",
                    body.kind().cli_name()
                )));
            }
            Ok(body.to_bytes()?)
        }
        other => Err(Error::UnknownKind(other.to_string())),
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP messages
// ---------------------------------------------------------------------------------------------

/// A line as JSON: its text when it is UTF-8, else `{"Hex": ..}`.
fn line_json(b: &[u8]) -> Value {
    match std::str::from_utf8(b) {
        Ok(t) => Value::String(t.into()),
        Err(_) => hex_object("Hex", b),
    }
}

fn line_bytes(v: &Value) -> Result<Vec<u8>, Error> {
    match v {
        Value::String(t) => Ok(t.as_bytes().to_vec()),
        _ => hex_at(v, "Hex"),
    }
}

fn lines_json(lines: &[HeaderLine<'_>]) -> Value {
    Value::Array(
        lines
            .iter()
            .map(|l| Value::String(l.as_str().into()))
            .collect(),
    )
}

fn header_lines(v: &Value) -> Result<Vec<HeaderLine<'static>>, Error> {
    let Some(items) = v.as_array() else {
        return Err(Error::Json("header lines are a list of strings".into()));
    };
    items
        .iter()
        .map(|l| {
            let t = l
                .as_str()
                .ok_or_else(|| Error::Json("a header line is a string".into()))?;
            HeaderLine::parse(t.as_bytes(), 0)
                .map(HeaderLine::into_owned)
                .map_err(|e| Error::Json(format!("header line {t:?}: {e}")))
        })
        .collect()
}

/// The head of a message: start line, header lines, framing.
pub(crate) fn http_head(msg: &HttpMessage<'_>) -> Map<String, Value> {
    let framing = match &msg.body {
        Body::None => Value::String("None".into()),
        Body::UntilClose(_) => Value::String("UntilClose".into()),
        Body::Length(b) => {
            let mut m = Map::new();
            m.insert("ContentLength".into(), Value::from(b.len()));
            Value::Object(m)
        }
        Body::Chunked {
            chunks,
            last_line,
            trailers,
        } => {
            let mut c = Map::new();
            c.insert(
                "ChunkSizeLines".into(),
                Value::Array(chunks.iter().map(|c| line_json(&c.size_line)).collect()),
            );
            c.insert("LastChunkLine".into(), line_json(last_line));
            c.insert("Trailers".into(), lines_json(trailers));
            let mut m = Map::new();
            m.insert("Chunked".into(), Value::Object(c));
            Value::Object(m)
        }
    };
    let mut m = Map::new();
    m.insert(
        "StartLine".into(),
        Value::String(msg.start_line.to_string()),
    );
    m.insert("Headers".into(), lines_json(&msg.headers));
    m.insert("Framing".into(), framing);
    m
}

/// The response stream of a response: meta-tags, additional headers, then the body's kind and
/// form.
pub(crate) fn stream_json(stream: &ResponseStream<'_>, kind: Option<&str>, body: Value) -> Value {
    let mut m = Map::new();
    m.insert(
        "MetaTags".into(),
        serde_json::to_value(&stream.meta_tags).unwrap_or_default(),
    );
    m.insert(
        "AdditionalHeaders".into(),
        lines_json(&stream.additional_headers),
    );
    m.insert("BodyKind".into(), kind.map_or(Value::Null, Value::from));
    m.insert("Body".into(), body);
    Value::Object(m)
}

/// The bytes of a body given as `{"BodyKind": kind or null, "Body": ..}` (a body of no kind
/// is `{"Note": .., "Content": hex}`).
fn body_bytes(v: &Value, opts: &Options) -> Result<Vec<u8>, Error> {
    let body = field(v, "Body")?;
    match v.get("BodyKind").and_then(Value::as_str) {
        Some(kind) => encode(kind, body, opts),
        None => hex_at(body, "Content"),
    }
}

/// The size of a chunk from its size line (hex digits, then maybe extensions).
fn chunk_size(line: &[u8]) -> Option<usize> {
    let end = line
        .iter()
        .position(|b| !b.is_ascii_hexdigit())
        .unwrap_or(line.len());
    usize::from_str_radix(std::str::from_utf8(&line[..end]).ok()?, 16).ok()
}

/// An HTTP message from its form: the head as given, the body encoded from its kind's form,
/// framed as given (see the [module documentation](self)).
fn http_message(v: &Value, response: bool, opts: &Options) -> Result<Vec<u8>, Error> {
    let start_line = text_at(v, "StartLine")?.to_string();
    let mut headers = header_lines(field(v, "Headers")?)?;
    let body = match v.get("ResponseStream") {
        Some(rs) => {
            let mut inner = opts.clone();
            if let Some(r) = &opts.request {
                inner.request = Some(crate::request_body(r, opts.limits)?);
            }
            let stream = ResponseStream {
                meta_tags: from(field(rs, "MetaTags")?)?,
                additional_headers: header_lines(field(rs, "AdditionalHeaders")?)?,
                body: Cow::Owned(body_bytes(rs, &inner)?),
            };
            stream.to_bytes()?
        }
        None if response => hex_at(field(v, "Body")?, "Content")?,
        None => body_bytes(v, opts)?,
    };
    let framing = field(v, "Framing")?;
    let body = match framing {
        Value::String(s) if s == "None" => {
            if !body.is_empty() {
                return Err(Error::Json("framing None takes no body".into()));
            }
            Body::None
        }
        Value::String(s) if s == "UntilClose" => Body::UntilClose(Cow::Owned(body)),
        Value::Object(m) if m.contains_key("ContentLength") => {
            // Content-Length follows the body.
            for h in &mut headers {
                if h.name().eq_ignore_ascii_case("content-length")
                    && h.value().trim() != body.len().to_string()
                {
                    *h = HeaderLine::new(h.name(), &body.len().to_string())?;
                }
            }
            Body::Length(Cow::Owned(body))
        }
        Value::Object(m) if m.contains_key("Chunked") => {
            let c = &m["Chunked"];
            let lines = field(c, "ChunkSizeLines")?
                .as_array()
                .ok_or_else(|| Error::Json("ChunkSizeLines is a list".into()))?
                .iter()
                .map(line_bytes)
                .collect::<Result<Vec<_>, _>>()?;
            let sizes = lines
                .iter()
                .map(|l| chunk_size(l))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| Error::Json("a chunk size line starts with its hex size".into()))?;
            // The same cuts while the body keeps its length; else one chunk.
            let (lines, sizes) = if sizes.iter().sum::<usize>() == body.len() {
                (lines, sizes)
            } else if body.is_empty() {
                (Vec::new(), Vec::new())
            } else {
                (
                    vec![format!("{:x}", body.len()).into_bytes()],
                    vec![body.len()],
                )
            };
            let mut at = 0;
            let chunks = lines
                .into_iter()
                .zip(sizes)
                .map(|(line, n)| {
                    let data = body[at..at + n].to_vec();
                    at += n;
                    Chunk {
                        size_line: Cow::Owned(line),
                        data: Cow::Owned(data),
                    }
                })
                .collect();
            Body::Chunked {
                chunks,
                last_line: Cow::Owned(line_bytes(field(c, "LastChunkLine")?)?),
                trailers: header_lines(field(c, "Trailers")?)?,
            }
        }
        _ => {
            return Err(Error::Json(
                "Framing is \"None\", \"UntilClose\", {\"ContentLength\": n} or {\"Chunked\": ..}"
                    .into(),
            ))
        }
    };
    let msg = HttpMessage {
        start_line: Cow::Owned(start_line),
        headers,
        body,
        body_at: 0,
    };
    if msg.is_response() != response {
        return Err(Error::Json(format!(
            "the start line is not that of an HTTP {}",
            if response { "response" } else { "request" }
        )));
    }
    Ok(msg.to_bytes()?)
}
