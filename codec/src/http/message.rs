//! Whole HTTP/1.1 messages as [MS-OXCMAPIHTTP] 2.2.2 uses them (RFC 7230 syntax): a start
//! line, header lines, a blank line and a body framed by Content-Length or by the chunked
//! transfer coding ([MS-OXCMAPIHTTP] 2.2.3.2.5, 3.2.5.2). Every part is kept as it came, so a
//! message re-encodes byte for byte; the body is reassembled from its chunks on request.
//!
//! Decoding is strict: lines end with CRLF, a message has either Content-Length or
//! `Transfer-Encoding: chunked` (never both, never another coding), chunk sizes are checked
//! against the bytes left before anything is cut, and bytes after the message are an error.
//! A response with neither header takes the rest of the input as its body (it ends when the
//! connection closes); a request with neither has no body.
//!
//! Servers write chunks with [`put_chunk`] and end with [`put_last_chunk`].

use std::borrow::Cow;

use bytes::{Buf, BufMut};

use super::headers::{HeaderLine, Headers};
use crate::tree::Tree;
use crate::wire::{
    ensure_room, Decode, DecodeError, Encode, EncodeError, ErrorKind, Reader, ResultExt,
};

/// Writes one chunk of the chunked transfer coding: the size in hex, CRLF, the data, CRLF.
/// Writes nothing for empty data (an empty chunk would end the body).
pub fn put_chunk<B: BufMut>(out: &mut B, data: &[u8]) -> Result<(), EncodeError> {
    if data.is_empty() {
        return Ok(());
    }
    let size = format!("{:X}\r\n", data.len());
    ensure_room(out, size.len() + data.len() + 2)?;
    out.put_slice(size.as_bytes());
    out.put_slice(data);
    out.put_slice(b"\r\n");
    Ok(())
}

/// Writes the last chunk (`0`, CRLF) and the blank line that ends a chunked body.
pub fn put_last_chunk<B: BufMut>(out: &mut B) -> Result<(), EncodeError> {
    ensure_room(out, 5)?;
    out.put_slice(b"0\r\n\r\n");
    Ok(())
}

/// One chunk: its size line as sent (hex size, maybe extensions) and its data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk<'a> {
    /// The chunk-size line without CRLF (`1A`, `1a;ext=1`).
    pub size_line: Cow<'a, str>,
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
        /// The last-chunk line as sent (`0`, maybe with extensions).
        last_line: Cow<'a, str>,
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

/// Reads a CRLF-terminated line of at most `max` bytes.
fn line<'a>(r: &mut Reader<'a>, max: usize) -> Result<&'a [u8], DecodeError> {
    let rest = r.rest();
    let window = &rest[..rest.len().min(max + 1)];
    match window.iter().position(|&b| b == b'\r' || b == b'\n') {
        Some(i) if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') => {
            r.bytes(i + 2)?;
            Ok(&rest[..i])
        }
        Some(i) if rest[i] == b'\r' && i + 1 == rest.len() => Err(r.error(ErrorKind::Truncated {
            needed: i + 2,
            available: rest.len(),
        })),
        Some(i) => Err(invalid(
            r.offset() + i,
            "a line ends with CRLF (bare CR or LF)",
            i as u64,
        )),
        None if rest.len() > max => Err(r.error(ErrorKind::LimitExceeded {
            limit: "line length",
            value: rest.len() as u64,
            max: max as u64,
        })),
        None => Err(r.error(ErrorKind::Truncated {
            needed: rest.len() + 2,
            available: rest.len(),
        })),
    }
}

const MAX_LINE: usize = super::stream::MAX_LINE;

fn ascii_line<'b>(b: &'b [u8], at: usize, what: &'static str) -> Result<&'b str, DecodeError> {
    if let Some(i) = b.iter().position(|&c| !(0x20..0x7F).contains(&c)) {
        return Err(invalid(at + i, what, b[i].into()));
    }
    std::str::from_utf8(b).map_err(|_| invalid(at, what, 0))
}

fn header_block<'a>(r: &mut Reader<'a>) -> Result<Vec<HeaderLine<'a>>, DecodeError> {
    let mut headers = Vec::new();
    loop {
        let at = r.offset();
        let n = headers.len();
        let l = line(r, MAX_LINE).index(n).field("Headers")?;
        if l.is_empty() {
            return Ok(headers);
        }
        if matches!(l[0], b' ' | b'\t') {
            return Err(invalid(at, "obsolete line folding is not accepted", 0))
                .index(n)
                .field("Headers");
        }
        r.check_count(at, n as u64 + 1, 0).field("Headers")?;
        headers.push(HeaderLine::parse(l, at).index(n).field("Headers")?);
    }
}

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
                Cow::Owned(chunks.iter().flat_map(|c| c.data.iter().copied()).collect())
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
                    put_line(out, t.as_str())?;
                }
                put_line(out, "")
            }
        }
    }

    fn put_head<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        put_line(out, &self.start_line)?;
        for h in &self.headers {
            put_line(out, h.as_str())?;
        }
        put_line(out, "")
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
                .field(
                    "Trailers",
                    Tree::List(
                        trailers
                            .iter()
                            .map(|t| Tree::Text(t.as_str().into()))
                            .collect(),
                    ),
                ),
        };
        Tree::record()
            .field("StartLine", Tree::Text(self.start_line.to_string()))
            .field(
                "Headers",
                Tree::List(
                    self.headers
                        .iter()
                        .map(|h| Tree::Text(h.as_str().into()))
                        .collect(),
                ),
            )
            .field("TypedHeaders", self.header_view().tree())
            .field("Framing", framing)
    }
}

fn put_line<B: BufMut>(out: &mut B, s: &str) -> Result<(), EncodeError> {
    ensure_room(out, s.len() + 2)?;
    out.put_slice(s.as_bytes());
    out.put_slice(b"\r\n");
    Ok(())
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

fn chunked_body<'a>(r: &mut Reader<'a>) -> Result<Body<'a>, DecodeError> {
    let mut chunks = Vec::new();
    loop {
        let at = r.offset();
        let n = chunks.len();
        let l = line(r, MAX_LINE).index(n).field("Chunks")?;
        let size_line = ascii_line(l, at, "chunk-size line")
            .index(n)
            .field("Chunks")?;
        let hex = size_line
            .split(';')
            .next()
            .unwrap_or("")
            .trim_end_matches([' ', '\t']);
        if hex.is_empty() || hex.len() > 15 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid(at, "a chunk size is hex digits", 0))
                .index(n)
                .field("Chunks");
        }
        let size = u64::from_str_radix(hex, 16).map_err(|_| invalid(at, "chunk size", 0))?;
        if size == 0 {
            let trailers = header_block(r).field("Trailers")?;
            return Ok(Body::Chunked {
                chunks,
                last_line: Cow::Borrowed(size_line),
                trailers,
            });
        }
        r.check_count(at, n as u64 + 1, 0).field("Chunks")?;
        // The size is checked against the bytes left before the data is cut.
        let data = usize::try_from(size)
            .ok()
            .filter(|&s| s <= r.remaining())
            .ok_or_else(|| {
                DecodeError::new(
                    ErrorKind::Truncated {
                        needed: usize::try_from(size).unwrap_or(usize::MAX),
                        available: r.remaining(),
                    },
                    at,
                )
            })
            .index(n)
            .field("Chunks")?;
        let data = r.bytes(data)?;
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
        let at = r.offset();
        let l = line(r, MAX_LINE).field("StartLine")?;
        let start_line = ascii_line(l, at, "start line").field("StartLine")?;
        let response = start_line.starts_with("HTTP/");
        let parts: Vec<&str> = start_line.splitn(3, ' ').collect();
        let well_formed = if response {
            parts.len() >= 2
                && parts[0] == "HTTP/1.1"
                && parts[1].len() == 3
                && parts[1].bytes().all(|b| b.is_ascii_digit())
        } else {
            parts.len() == 3
                && parts[2] == "HTTP/1.1"
                && !parts[0].is_empty()
                && !parts[1].is_empty()
        };
        if !well_formed {
            return Err(invalid(at, "an HTTP/1.1 request line or status line", 0))
                .field("StartLine");
        }
        let headers = header_block(r)?;
        let (length, chunked) = framing(&headers)?;
        let body_at = r.offset();
        let body = if chunked {
            chunked_body(r).field("Body")?
        } else if let Some(n) = length {
            let n = usize::try_from(n)
                .ok()
                .filter(|&n| n <= r.remaining())
                .ok_or_else(|| {
                    r.error(ErrorKind::Truncated {
                        needed: usize::try_from(n).unwrap_or(usize::MAX),
                        available: r.remaining(),
                    })
                })
                .field("Body")?;
            Body::Length(Cow::Borrowed(r.bytes(n)?))
        } else if response {
            Body::UntilClose(Cow::Borrowed(r.take_rest()))
        } else {
            Body::None
        };
        Ok(HttpMessage {
            start_line: Cow::Borrowed(start_line),
            headers,
            body,
            body_at,
        })
    }
}

impl Encode for HttpMessage<'_> {
    fn encoded_len(&self) -> usize {
        let head = self.start_line.len()
            + 2
            + self
                .headers
                .iter()
                .map(|h| h.as_str().len() + 2)
                .sum::<usize>()
            + 2;
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
                    + trailers.iter().map(|t| t.as_str().len() + 2).sum::<usize>()
                    + 2
            }
        }
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        let body = self.body_bytes();
        self.encode_with_body(&body, out)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ChunkState {
    SizeLine,
    Data,
    DataEnd,
    Trailers,
    Done,
}

/// An incremental decoder of a chunked body (RFC 7230 4.1) for clients: feed it the bytes
/// after the response head as they arrive, in pieces of any size; it appends the chunk data to
/// `out` and stops at the end of the body (the last chunk and its trailers), leaving any later
/// bytes in the buffer. Chunk sizes are never trusted for allocation: data is copied as it
/// arrives. Pair it with a [`ResponseStreamDecoder`](super::stream::ResponseStreamDecoder)
/// through [`ChunkedStreamDecoder`].
#[derive(Clone, Debug)]
pub struct ChunkedDecoder {
    state: ChunkState,
    line: Vec<u8>,
    line_at: usize,
    left: u64,
    pos: usize,
    error: Option<DecodeError>,
}

impl Default for ChunkedDecoder {
    fn default() -> Self {
        ChunkedDecoder {
            state: ChunkState::SizeLine,
            line: Vec::new(),
            line_at: 0,
            left: 0,
            pos: 0,
            error: None,
        }
    }
}

impl ChunkedDecoder {
    /// A decoder at the start of a chunked body.
    pub fn new() -> Self {
        ChunkedDecoder::default()
    }

    /// Whether the last chunk and the trailers have been read.
    pub fn is_done(&self) -> bool {
        self.state == ChunkState::Done
    }

    fn fail(&mut self, e: DecodeError) -> DecodeError {
        let e = e.in_field("Chunks");
        self.error = Some(e.clone());
        e
    }

    /// Reads from `data` until it is empty or the body has ended, appending chunk data to `out`.
    pub fn feed<B: Buf>(&mut self, data: &mut B, out: &mut Vec<u8>) -> Result<(), DecodeError> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        while data.has_remaining() && self.state != ChunkState::Done {
            let chunk = data.chunk();
            let used = match self.step(chunk, out) {
                Ok(n) => n,
                Err(e) => return Err(self.fail(e)),
            };
            data.advance(used);
        }
        Ok(())
    }

    /// Consumes a prefix of `s`; returns how many bytes.
    fn step(&mut self, s: &[u8], out: &mut Vec<u8>) -> Result<usize, DecodeError> {
        match self.state {
            ChunkState::Data => {
                let n = usize::try_from(self.left)
                    .unwrap_or(usize::MAX)
                    .min(s.len());
                out.extend_from_slice(&s[..n]);
                self.left -= n as u64;
                self.pos += n;
                if self.left == 0 {
                    self.state = ChunkState::DataEnd;
                }
                Ok(n)
            }
            ChunkState::DataEnd => {
                // The CRLF after the data, byte by byte.
                let want = if self.line.is_empty() { b'\r' } else { b'\n' };
                if s[0] != want {
                    return Err(invalid(self.pos, "chunk data is followed by CRLF", 0));
                }
                self.pos += 1;
                if want == b'\r' {
                    self.line.push(b'\r');
                } else {
                    self.line.clear();
                    self.state = ChunkState::SizeLine;
                }
                Ok(1)
            }
            ChunkState::SizeLine | ChunkState::Trailers => self.line_step(s),
            ChunkState::Done => Ok(0),
        }
    }

    fn line_step(&mut self, s: &[u8]) -> Result<usize, DecodeError> {
        if self.line.is_empty() {
            self.line_at = self.pos;
        }
        if self.line.last() == Some(&b'\r') {
            if s[0] != b'\n' {
                return Err(invalid(
                    self.pos - 1,
                    "a line ends with CRLF (bare CR or LF)",
                    0,
                ));
            }
            self.line.pop();
            self.pos += 1;
            self.end_line()?;
            return Ok(1);
        }
        // Up to and including a CR; the LF is checked on the next step.
        let n = match s.iter().position(|&b| b == b'\r' || b == b'\n') {
            Some(i) if s[i] == b'\n' => {
                return Err(invalid(
                    self.pos + i,
                    "a line ends with CRLF (bare CR or LF)",
                    0,
                ))
            }
            Some(i) => i + 1,
            None => s.len(),
        };
        if self.line.len() + n > MAX_LINE + 1 {
            return Err(DecodeError::new(
                ErrorKind::LimitExceeded {
                    limit: "line length",
                    value: (self.line.len() + n) as u64,
                    max: MAX_LINE as u64,
                },
                self.line_at,
            ));
        }
        self.line.extend_from_slice(&s[..n]);
        self.pos += n;
        Ok(n)
    }

    fn end_line(&mut self) -> Result<(), DecodeError> {
        let line = std::mem::take(&mut self.line);
        let at = self.line_at;
        if self.state == ChunkState::Trailers {
            if line.is_empty() {
                self.state = ChunkState::Done;
            } else {
                HeaderLine::parse(&line, at).field("Trailers")?;
            }
            return Ok(());
        }
        let size_line = ascii_line(&line, at, "chunk-size line")?;
        let hex = size_line
            .split(';')
            .next()
            .unwrap_or("")
            .trim_end_matches([' ', '\t']);
        if hex.is_empty() || hex.len() > 15 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid(at, "a chunk size is hex digits", 0));
        }
        let size = u64::from_str_radix(hex, 16).map_err(|_| invalid(at, "chunk size", 0))?;
        if size == 0 {
            self.state = ChunkState::Trailers;
        } else {
            self.left = size;
            self.state = ChunkState::Data;
        }
        Ok(())
    }

    /// Fails unless the body has ended.
    pub fn finish(&self) -> Result<(), DecodeError> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        if self.state != ChunkState::Done {
            return Err(DecodeError::new(
                ErrorKind::Truncated {
                    needed: 1,
                    available: 0,
                },
                self.pos,
            )
            .in_field("Chunks"));
        }
        Ok(())
    }
}

/// A chunked response body read as it arrives: [`ChunkedDecoder`] feeding a
/// [`ResponseStreamDecoder`](super::stream::ResponseStreamDecoder), so meta-tags are reported
/// as soon as their chunk is complete. Every split of the bytes gives the same events and the
/// same stream.
#[derive(Clone, Debug)]
pub struct ChunkedStreamDecoder {
    chunks: ChunkedDecoder,
    stream: super::stream::ResponseStreamDecoder,
    buf: Vec<u8>,
}

impl ChunkedStreamDecoder {
    /// A decoder for a body of at most `max_body` bytes after the blank line.
    pub fn new(max_body: usize, limits: crate::wire::Limits) -> Self {
        ChunkedStreamDecoder {
            chunks: ChunkedDecoder::new(),
            stream: super::stream::ResponseStreamDecoder::new(max_body, limits),
            buf: Vec::new(),
        }
    }

    /// Takes bytes of the chunked body (after the response head).
    pub fn feed<B: Buf>(
        &mut self,
        data: &mut B,
        events: &mut Vec<super::stream::StreamEvent>,
    ) -> Result<(), DecodeError> {
        self.buf.clear();
        self.chunks.feed(data, &mut self.buf)?;
        let mut inner = &self.buf[..];
        self.stream.feed(&mut inner, events)
    }

    /// Whether the last chunk has arrived.
    pub fn is_done(&self) -> bool {
        self.chunks.is_done()
    }

    /// The whole stream, once the last chunk has arrived.
    pub fn finish(self) -> Result<super::stream::ResponseStream<'static>, DecodeError> {
        self.chunks.finish()?;
        self.stream.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Limits;

    const CHUNKED: &[u8] = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\
Content-Type: application/mapi-http\r\nX-RequestType: PING\r\nX-ResponseCode: 0\r\n\r\n\
C\r\nPROCESSING\r\n\r\n9\r\nPENDING\r\n\r\n8\r\nDONE\r\n\r\n\r\n0\r\n\r\n";

    #[test]
    fn chunked_round_trip_and_prefixes() {
        let m = HttpMessage::decode_exact(CHUNKED, Limits::DEFAULT).unwrap();
        assert!(m.is_response());
        assert_eq!(m.status(), Some(200));
        assert_eq!(&*m.body_bytes(), b"PROCESSING\r\nPENDING\r\nDONE\r\n\r\n");
        assert_eq!(m.to_bytes().unwrap(), CHUNKED);
        assert_eq!(m.encoded_len(), CHUNKED.len());
        for n in 0..CHUNKED.len() {
            assert!(
                HttpMessage::decode_exact(&CHUNKED[..n], Limits::DEFAULT).is_err(),
                "{n}"
            );
        }
        let mut more = CHUNKED.to_vec();
        more.push(b'x');
        let e = HttpMessage::decode_exact(&more, Limits::DEFAULT).unwrap_err();
        assert_eq!(
            (e.kind().name(), e.offset()),
            ("trailing-bytes", CHUNKED.len())
        );
    }

    #[test]
    fn content_length_request() {
        let m = b"POST /mapi/emsmdb/?MailboxId=a@b HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd";
        let v = HttpMessage::decode_exact(m, Limits::DEFAULT).unwrap();
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
            assert!(
                HttpMessage::decode_exact(b, Limits::DEFAULT).is_err(),
                "{}",
                String::from_utf8_lossy(b)
            );
        }
    }

    #[test]
    fn chunked_stream_every_split() {
        let m = HttpMessage::decode_exact(CHUNKED, Limits::DEFAULT).unwrap();
        let want =
            crate::http::stream::ResponseStream::decode_exact(&m.body_bytes(), Limits::DEFAULT)
                .unwrap()
                .into_owned();
        let body = &CHUNKED[m.body_at..];
        for a in 0..=body.len() {
            for b in a..=body.len() {
                let mut d = ChunkedStreamDecoder::new(1 << 16, Limits::DEFAULT);
                let mut ev = Vec::new();
                for (x, y) in [(0, a), (a, b), (b, body.len())] {
                    d.feed(&mut &body[x..y], &mut ev).unwrap();
                }
                assert!(d.is_done());
                assert_eq!(ev, want.events());
                assert_eq!(d.finish().unwrap(), want, "{a} {b}");
            }
        }
        // Bytes after the last chunk stay in the buffer.
        let mut d = ChunkedDecoder::new();
        let mut more = body.to_vec();
        more.extend_from_slice(b"next");
        let mut buf = &more[..];
        let mut out = Vec::new();
        d.feed(&mut buf, &mut out).unwrap();
        assert_eq!(buf, b"next");
        // Hostile sizes copy only what arrives.
        let mut d = ChunkedDecoder::new();
        let mut out = Vec::new();
        d.feed(&mut &b"FFFFFFFFFFFFFF\r\nab"[..], &mut out).unwrap();
        assert_eq!(out, b"ab");
        assert!(d.finish().is_err());
        assert!(ChunkedDecoder::new()
            .feed(&mut &b"xyz\r\n"[..], &mut out)
            .is_err());
    }

    #[test]
    fn server_chunks() {
        let mut out = Vec::new();
        put_chunk(&mut out, b"PROCESSING\r\n").unwrap();
        put_chunk(&mut out, b"").unwrap();
        put_last_chunk(&mut out).unwrap();
        assert_eq!(out, b"C\r\nPROCESSING\r\n\r\n0\r\n\r\n");
    }
}
