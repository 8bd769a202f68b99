//! Whole HTTP/1.1 messages as [MS-OXCMAPIHTTP] 2.2.2 uses them (RFC 7230 syntax): a start
//! line, header lines, a blank line and a body framed by Content-Length or by the chunked
//! transfer coding ([MS-OXCMAPIHTTP] 2.2.3.2.5, 3.2.5.2). Every part is kept as it came, so a
//! message re-encodes byte for byte; the body is reassembled from its chunks on request. The
//! MAPI-specific parts (typed headers, the PROCESSING / PENDING / DONE stream) come from
//! `mapi_codec::http`.
//!
//! The syntax is checked by [`httparse`] (the parser hyper uses): the request or status line and
//! the header lines with `httparse::Request` / `httparse::Response`, the trailers with
//! `httparse::parse_headers`, chunk-size lines with `httparse::parse_chunk_size`. This module
//! adds what httparse leaves to its caller: the framing of the body, the chunk data, limits,
//! the byte-exact re-encode, and errors with an offset and a field path.
//!
//! Decoding is strict:
//! - lines end with CRLF (httparse also takes a bare LF: refused here), and a line holds at
//!   most [`MAX_LINE`] bytes;
//! - the request line is a method token, a target and the version, one space apart, the status
//!   line the version, a 3-digit code and a reason (httparse); the version is HTTP/1.1 (httparse
//!   also takes HTTP/1.0); nothing may come before the start line (httparse skips blank lines);
//! - the start line holds visible ASCII and spaces, header values visible ASCII, spaces and
//!   tabs (no obs-text, no obsolete line folding), at most `Limits::max_elements` header lines;
//! - a message has either Content-Length or `Transfer-Encoding: chunked` (never both, never
//!   another coding);
//! - a chunk size is 1 to 16 hex digits (an empty size, which httparse reads as 0, is refused)
//!   and is checked against the bytes left before anything is cut; chunk extensions may hold
//!   any byte but CR and LF;
//! - bytes after the message are an error (`decode_exact`).
//!
//! A response with neither framing header takes the rest of the input as its body (it ends
//! when the connection closes); a request with neither has no body.
//!
//! Servers write chunks with [`put_chunk`] and end with [`put_last_chunk`]; clients read a
//! chunked body as it arrives with [`ChunkedDecoder`] or [`ChunkedStreamDecoder`], which follow
//! the same rules as [`HttpMessage`] (save the number of trailer lines: they keep none, so they
//! do not count them).

use std::borrow::Cow;

use bytes::BufMut;
use mapi_codec::http::headers::{HeaderLine, Headers};
use mapi_codec::http::stream::ResponseStream;
use mapi_codec::tree::{ToTree, Tree};
use mapi_codec::wire::{
    ensure_room, Decode, DecodeError, Encode, EncodeError, ErrorKind, Reader, ResultExt,
};

mod chunked;
mod head;

pub use chunked::{put_chunk, put_last_chunk, ChunkedDecoder, ChunkedStreamDecoder};

use chunked::chunk_size;
use head::{head, header_lines, section_len, section_lines, Section};

/// The longest line (start line, header, chunk-size line; without CRLF) accepted: the same
/// bound as the lines of the response stream.
pub const MAX_LINE: usize = mapi_codec::http::stream::MAX_LINE;

/// One chunk: its size line as sent (hex size, maybe extensions) and its data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk<'a> {
    /// The chunk-size line without CRLF (`1A`, `1a;ext=1`). Extensions may hold any byte but
    /// CR and LF, so the line is kept as bytes.
    pub size_line: Cow<'a, [u8]>,
    /// The chunk data.
    pub data: Cow<'a, [u8]>,
}

/// How the body is framed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body<'a> {
    /// No Content-Length and no Transfer-Encoding on a request: no body.
    None,
    /// Content-Length: the body.
    Length(Cow<'a, [u8]>),
    /// Transfer-Encoding: chunked.
    Chunked {
        /// The chunks before the last chunk.
        chunks: Vec<Chunk<'a>>,
        /// The last-chunk line as sent (`0`, maybe with extensions), without CRLF.
        last_line: Cow<'a, [u8]>,
        /// Trailer lines after the last chunk.
        trailers: Vec<HeaderLine<'a>>,
    },
    /// A response with neither header: the body runs to the end of the input.
    UntilClose(Cow<'a, [u8]>),
}

/// An HTTP/1.1 request or response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpMessage<'a> {
    /// The request line (`POST /mapi/emsmdb/?MailboxId=... HTTP/1.1`) or status line
    /// (`HTTP/1.1 200 OK`), without CRLF.
    pub start_line: Cow<'a, str>,
    /// The header lines.
    pub headers: Vec<HeaderLine<'a>>,
    /// The body and its framing.
    pub body: Body<'a>,
    /// Offset of the body (of its first chunk-size line when chunked) in the message.
    pub body_at: usize,
}

fn invalid(at: usize, what: &'static str, value: u64) -> DecodeError {
    DecodeError::new(ErrorKind::InvalidValue { what, value }, at)
}

const START_LINE: &str = "an HTTP/1.1 request line or status line";
const BARE_LINE_END: &str = "a line ends with CRLF (bare CR or LF)";

fn line_too_long(at: usize, len: usize) -> DecodeError {
    DecodeError::new(
        ErrorKind::LimitExceeded {
            limit: "line length",
            value: len as u64,
            max: MAX_LINE as u64,
        },
        at,
    )
}
// ---------------------------------------------------------------------------------------------
// The body
// ---------------------------------------------------------------------------------------------

/// Reads a CRLF-terminated line of at most [`MAX_LINE`] bytes; returns it without CRLF.
fn line<'a>(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
    let rest = r.rest();
    let window = &rest[..rest.len().min(MAX_LINE + 1)];
    match window.iter().position(|&b| b == b'\r' || b == b'\n') {
        Some(i) if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') => {
            r.bytes(i + 2)?;
            Ok(&rest[..i])
        }
        Some(i) if rest[i] == b'\r' && i + 1 == rest.len() => Err(r.error(ErrorKind::Truncated {
            needed: i + 2,
            available: rest.len(),
        })),
        Some(i) => Err(invalid(r.offset() + i, BARE_LINE_END, i as u64)),
        None if rest.len() > MAX_LINE => Err(r.error(ErrorKind::LimitExceeded {
            limit: "line length",
            value: rest.len() as u64,
            max: MAX_LINE as u64,
        })),
        None => Err(r.error(ErrorKind::Truncated {
            needed: rest.len() + 2,
            available: rest.len(),
        })),
    }
}
/// Reads the framing headers: Content-Length (a decimal, one value) and Transfer-Encoding
/// (only `chunked`).
fn framing(headers: &[HeaderLine<'_>]) -> Result<(Option<u64>, bool), DecodeError> {
    let mut length = None;
    let mut chunked = false;
    for (i, h) in headers.iter().enumerate() {
        if h.is("Content-Length") {
            let v = h.value();
            let n = (!v.is_empty() && v.len() <= 19 && v.bytes().all(|b| b.is_ascii_digit()))
                .then(|| v.parse::<u64>().ok())
                .flatten()
                .ok_or_else(|| invalid(h.at, "Content-Length is a decimal number", 0))
                .index(i)
                .field("Headers")?;
            if length.is_some_and(|l| l != n) {
                return Err(invalid(h.at, "two different Content-Length values", n))
                    .index(i)
                    .field("Headers");
            }
            length = Some(n);
        } else if h.is("Transfer-Encoding") {
            if !h.value().eq_ignore_ascii_case("chunked") || chunked {
                return Err(invalid(
                    h.at,
                    "Transfer-Encoding must be one \"chunked\" (the only coding MAPI/HTTP uses)",
                    0,
                ))
                .index(i)
                .field("Headers");
            }
            chunked = true;
        }
    }
    if chunked && length.is_some() {
        return Err(invalid(
            0,
            "a message has Content-Length or Transfer-Encoding: chunked, not both",
            0,
        ))
        .field("Headers");
    }
    Ok((length, chunked))
}

/// Takes `size` bytes, checked against the bytes left before anything is cut; `at` is where the
/// size was read.
fn sized<'a>(r: &mut Reader<'a>, size: u64, at: usize) -> Result<&'a [u8], DecodeError> {
    let n = usize::try_from(size)
        .ok()
        .filter(|&n| n <= r.remaining())
        .ok_or_else(|| {
            DecodeError::new(
                ErrorKind::Truncated {
                    needed: usize::try_from(size).unwrap_or(usize::MAX),
                    available: r.remaining(),
                },
                at,
            )
        })?;
    r.bytes(n)
}

fn chunked_body<'a>(r: &mut Reader<'a>) -> Result<Body<'a>, DecodeError> {
    let mut chunks = Vec::new();
    loop {
        let at = r.offset();
        let n = chunks.len();
        let rest = r.rest();
        let size_line = line(r).index(n).field("Chunks")?;
        let size = chunk_size(&rest[..size_line.len() + 2], at)
            .index(n)
            .field("Chunks")?;
        if size == 0 {
            let (base, buf) = (r.offset(), r.rest());
            let len = section_len(Section::Trailers, buf, base, r.limits()).field("Trailers")?;
            let trailers = header_lines(section_lines(&buf[..len]), base).field("Trailers")?;
            r.bytes(len)?;
            return Ok(Body::Chunked {
                chunks,
                last_line: Cow::Borrowed(size_line),
                trailers,
            });
        }
        r.check_count(at, n as u64 + 1, 0).field("Chunks")?;
        let data = sized(r, size, at).index(n).field("Chunks")?;
        let end = r.offset();
        match r.rest() {
            [b'\r', b'\n', ..] => {
                r.bytes(2)?;
            }
            [] | [b'\r'] => {
                return Err(DecodeError::new(
                    ErrorKind::Truncated {
                        needed: 2,
                        available: r.remaining(),
                    },
                    end,
                ))
                .index(n)
                .field("Chunks")
            }
            _ => {
                return Err(invalid(end, "chunk data is followed by CRLF", 0))
                    .index(n)
                    .field("Chunks")
            }
        }
        chunks.push(Chunk {
            size_line: Cow::Borrowed(size_line),
            data: Cow::Borrowed(data),
        });
    }
}

impl<'a> Decode<'a> for HttpMessage<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let (start_line, headers) = head(r)?;
        let response = start_line.starts_with("HTTP/");
        let (length, chunked) = framing(&headers)?;
        let body_at = r.offset();
        let body = if chunked {
            chunked_body(r).field("Body")?
        } else if let Some(n) = length {
            Body::Length(Cow::Borrowed(sized(r, n, body_at).field("Body")?))
        } else if response {
            Body::UntilClose(Cow::Borrowed(r.take_rest()))
        } else {
            Body::None
        };
        Ok(HttpMessage {
            start_line,
            headers,
            body,
            body_at,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Access and re-encode
// ---------------------------------------------------------------------------------------------

impl<'a> HttpMessage<'a> {
    /// Whether the start line is a status line (a response).
    pub fn is_response(&self) -> bool {
        self.start_line.starts_with("HTTP/")
    }

    /// The request target (`/mapi/emsmdb/?MailboxId=...`), for a request.
    pub fn target(&self) -> Option<&str> {
        if self.is_response() {
            return None;
        }
        self.start_line.split(' ').nth(1)
    }

    /// The status code, for a response.
    pub fn status(&self) -> Option<u16> {
        if !self.is_response() {
            return None;
        }
        self.start_line.split(' ').nth(1)?.parse().ok()
    }

    /// Typed access to the headers.
    pub fn header_view(&self) -> Headers<'_, 'a> {
        Headers(&self.headers)
    }

    /// The body bytes, reassembled from the chunks when chunked.
    pub fn body_bytes(&self) -> Cow<'_, [u8]> {
        match &self.body {
            Body::None => Cow::Borrowed(&[]),
            Body::Length(b) | Body::UntilClose(b) => Cow::Borrowed(b),
            Body::Chunked { chunks, .. } if chunks.len() == 1 => Cow::Borrowed(&chunks[0].data),
            Body::Chunked { chunks, .. } => {
                // Chunk by chunk into a buffer of the right size (collecting the bytes one at
                // a time cost a fifth of reading a raw capture's messages).
                let mut all = Vec::with_capacity(chunks.iter().map(|c| c.data.len()).sum());
                for c in chunks {
                    all.extend_from_slice(&c.data);
                }
                Cow::Owned(all)
            }
        }
    }

    /// Whether body offsets are offsets in the message (not chunked).
    pub fn body_is_contiguous(&self) -> bool {
        !matches!(self.body, Body::Chunked { .. })
    }

    /// Encodes the message with `body` in place of its body bytes: the same length, cut at
    /// the same chunk boundaries, so that a body that re-encodes to itself gives the message
    /// back byte for byte.
    pub fn encode_with_body<B: BufMut>(&self, body: &[u8], out: &mut B) -> Result<(), EncodeError> {
        let mine = self.body_bytes();
        if mine.len() != body.len() {
            return Err(EncodeError::invalid(
                "the replacement body differs in length",
            ));
        }
        self.put_head(out)?;
        match &self.body {
            Body::None => Ok(()),
            Body::Length(_) | Body::UntilClose(_) => {
                ensure_room(out, body.len())?;
                out.put_slice(body);
                Ok(())
            }
            Body::Chunked {
                chunks,
                last_line,
                trailers,
            } => {
                let mut at = 0;
                for c in chunks {
                    let data = &body[at..at + c.data.len()];
                    at += c.data.len();
                    put_line(out, &c.size_line)?;
                    ensure_room(out, data.len() + 2)?;
                    out.put_slice(data);
                    out.put_slice(b"\r\n");
                }
                put_line(out, last_line)?;
                for t in trailers {
                    put_line(out, t.as_str().as_bytes())?;
                }
                put_line(out, b"")
            }
        }
    }

    fn put_head<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        put_line(out, self.start_line.as_bytes())?;
        for h in &self.headers {
            put_line(out, h.as_str().as_bytes())?;
        }
        put_line(out, b"")
    }

    /// The tree of the start line, the headers (as sent, and typed) and the framing; the body
    /// is left to the caller.
    pub fn head_tree(&self) -> Tree {
        let framing = match &self.body {
            Body::None => Tree::Text("none".into()),
            Body::Length(b) => Tree::record().field("ContentLength", Tree::UInt(b.len() as u64)),
            Body::UntilClose(b) => Tree::record().field("UntilClose", Tree::UInt(b.len() as u64)),
            Body::Chunked {
                chunks, trailers, ..
            } => Tree::record()
                .field(
                    "ChunkSizes",
                    Tree::List(
                        chunks
                            .iter()
                            .map(|c| Tree::UInt(c.data.len() as u64))
                            .collect(),
                    ),
                )
                .field("Trailers", lines_tree(trailers)),
        };
        Tree::record()
            .field("StartLine", Tree::Text(self.start_line.to_string()))
            .field("Headers", lines_tree(&self.headers))
            .field("TypedHeaders", self.header_view().tree())
            .field("Framing", framing)
    }
}

/// The bytes of header (or trailer) lines on the wire, each with its CRLF.
fn lines_len(lines: &[HeaderLine<'_>]) -> usize {
    lines.iter().map(|l| l.as_str().len() + 2).sum()
}

/// Header (or trailer) lines as sent, one text node each.
fn lines_tree(lines: &[HeaderLine<'_>]) -> Tree {
    Tree::List(
        lines
            .iter()
            .map(|l| Tree::Text(l.as_str().into()))
            .collect(),
    )
}

/// The tree of a response stream's meta-tags (DONE last) and additional headers: the codec's
/// tree of the stream without its `Body`, which callers show decoded.
pub(crate) fn stream_head_tree(stream: &ResponseStream<'_>) -> Tree {
    let head = ResponseStream {
        meta_tags: stream.meta_tags.clone(),
        additional_headers: stream.additional_headers.clone(),
        body: Cow::Borrowed(&[]),
    };
    match head.to_tree() {
        Tree::Struct(mut fields) => {
            fields.retain(|(name, _)| name != "Body");
            Tree::Struct(fields)
        }
        other => other,
    }
}

fn put_line<B: BufMut>(out: &mut B, s: &[u8]) -> Result<(), EncodeError> {
    ensure_room(out, s.len() + 2)?;
    out.put_slice(s);
    out.put_slice(b"\r\n");
    Ok(())
}

impl Encode for HttpMessage<'_> {
    fn encoded_len(&self) -> usize {
        let head = self.start_line.len() + 2 + lines_len(&self.headers) + 2;
        head + match &self.body {
            Body::None => 0,
            Body::Length(b) | Body::UntilClose(b) => b.len(),
            Body::Chunked {
                chunks,
                last_line,
                trailers,
            } => {
                chunks
                    .iter()
                    .map(|c| c.size_line.len() + 2 + c.data.len() + 2)
                    .sum::<usize>()
                    + last_line.len()
                    + 2
                    + lines_len(trailers)
                    + 2
            }
        }
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        let body = self.body_bytes();
        self.encode_with_body(&body, out)
    }
}

#[cfg(test)]
mod testing {
    use mapi_codec::wire::{Decode, DecodeError, Limits};

    use super::{ChunkedDecoder, HttpMessage};

    /// Decodes a whole message with the default limits.
    pub(super) fn decode(b: &[u8]) -> Result<HttpMessage<'_>, DecodeError> {
        HttpMessage::decode_exact(b, Limits::DEFAULT)
    }

    /// Kind, offset and path of the error `b` gives.
    pub(super) fn failure(b: &[u8]) -> (&'static str, usize, String) {
        let e = decode(b).unwrap_err();
        (e.kind().name(), e.offset(), e.path_string())
    }

    /// Checks that each message fails with an error of `kind`, at its offset and path.
    pub(super) fn assert_failures(kind: &str, cases: &[(&[u8], usize, &str)]) {
        for &(message, offset, path) in cases {
            assert_eq!(
                failure(message),
                (kind, offset, path.to_string()),
                "{:?}",
                String::from_utf8_lossy(message)
            );
        }
    }

    /// A chunked body read by [`ChunkedDecoder`] in one piece: the data, or the error.
    pub(super) fn incremental(body: &[u8]) -> Result<Vec<u8>, DecodeError> {
        let mut d = ChunkedDecoder::new();
        let mut out = Vec::new();
        d.feed(&mut &body[..], &mut out)?;
        d.finish().map(|()| out)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::decode;
    use super::*;

    pub(super) const CHUNKED: &[u8] = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\
Content-Type: application/mapi-http\r\nX-RequestType: PING\r\nX-ResponseCode: 0\r\n\r\n\
C\r\nPROCESSING\r\n\r\n9\r\nPENDING\r\n\r\n8\r\nDONE\r\n\r\n\r\n0\r\n\r\n";

    #[test]
    fn chunked_round_trip_and_prefixes() {
        let m = decode(CHUNKED).unwrap();
        assert!(m.is_response());
        assert_eq!(m.status(), Some(200));
        assert_eq!(&*m.body_bytes(), b"PROCESSING\r\nPENDING\r\nDONE\r\n\r\n");
        assert_eq!(m.to_bytes().unwrap(), CHUNKED);
        assert_eq!(m.encoded_len(), CHUNKED.len());
        for n in 0..CHUNKED.len() {
            assert!(decode(&CHUNKED[..n]).is_err(), "{n}");
        }
        let mut more = CHUNKED.to_vec();
        more.push(b'x');
        let e = decode(&more).unwrap_err();
        assert_eq!(
            (e.kind().name(), e.offset()),
            ("trailing-bytes", CHUNKED.len())
        );
    }

    #[test]
    fn content_length_request() {
        let m = b"POST /mapi/emsmdb/?MailboxId=a@b HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd";
        let v = decode(m).unwrap();
        assert_eq!(v.target(), Some("/mapi/emsmdb/?MailboxId=a@b"));
        assert_eq!(&*v.body_bytes(), b"abcd");
        assert_eq!(v.body_at, m.len() - 4);
        assert_eq!(v.to_bytes().unwrap(), m);
    }

    #[test]
    fn hostile_framing() {
        let bad: &[&[u8]] = &[
            b"POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n",
            b"POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFF\r\nab\r\n0\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
            b"HTTP/1.1 200 OK\nX: 1\n\n",
            b"GET / HTTP/1.0\r\n\r\n",
            b"POST / HTTP/1.1\r\n folded\r\n\r\n",
        ];
        for b in bad {
            assert!(decode(b).is_err(), "{}", String::from_utf8_lossy(b));
        }
    }
}
