//! The chunked transfer coding (RFC 7230 4.1): chunks written by a server, chunk-size lines
//! read with httparse, and a chunked body decoded as it arrives.

use bytes::{Buf, BufMut};
use httparse::Status;
use mapi_codec::http::headers::HeaderLine;
use mapi_codec::http::stream::{ResponseStream, ResponseStreamDecoder, StreamEvent};
use mapi_codec::wire::{ensure_room, DecodeError, EncodeError, ErrorKind, Limits, ResultExt};

use super::{invalid, line_too_long, BARE_LINE_END, MAX_LINE};

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

/// Reads the size of a chunk-size line (`line` with its CRLF, found at `at`) with httparse,
/// which also skips the extensions. httparse reads an empty size as 0, which would end the body
/// early: a size starts with a hex digit.
pub(super) fn chunk_size(line: &[u8], at: usize) -> Result<u64, DecodeError> {
    let bad = || invalid(at, "a chunk size is 1 to 16 hex digits", 0);
    if !line.first().is_some_and(u8::is_ascii_hexdigit) {
        return Err(bad());
    }
    match httparse::parse_chunk_size(line) {
        Ok(Status::Complete((n, size))) if n == line.len() => Ok(size),
        _ => Err(bad()),
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
/// arrives. It accepts the chunked bodies [`HttpMessage`](super::HttpMessage) accepts, with the same rules for
/// lines and chunk sizes. Pair it with a [`ResponseStreamDecoder`] through
/// [`ChunkedStreamDecoder`].
#[derive(Clone, Debug)]
pub struct ChunkedDecoder {
    state: ChunkState,
    /// The line being read, with its CR and LF once they arrive.
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
                return Err(invalid(self.pos - 1, BARE_LINE_END, 0));
            }
            self.line.push(b'\n');
            self.pos += 1;
            self.end_line()?;
            return Ok(1);
        }
        // Up to and including a CR; the LF is checked on the next step.
        let n = match s.iter().position(|&b| b == b'\r' || b == b'\n') {
            Some(i) if s[i] == b'\n' => return Err(invalid(self.pos + i, BARE_LINE_END, 0)),
            Some(i) => i + 1,
            None => s.len(),
        };
        if self.line.len() + n > MAX_LINE + 1 {
            return Err(line_too_long(self.line_at, self.line.len() + n));
        }
        self.line.extend_from_slice(&s[..n]);
        self.pos += n;
        Ok(n)
    }

    fn end_line(&mut self) -> Result<(), DecodeError> {
        let line = std::mem::take(&mut self.line);
        let at = self.line_at;
        if self.state == ChunkState::Trailers {
            let text = &line[..line.len() - 2];
            if text.is_empty() {
                self.state = ChunkState::Done;
            } else {
                // What HeaderLine accepts in one line, httparse accepts too: no need to run it.
                HeaderLine::parse(text, at).field("Trailers")?;
            }
            return Ok(());
        }
        match chunk_size(&line, at)? {
            0 => self.state = ChunkState::Trailers,
            size => {
                self.left = size;
                self.state = ChunkState::Data;
            }
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
/// [`ResponseStreamDecoder`], so meta-tags are reported as soon as their chunk is complete.
/// Every split of the bytes gives the same events and the same stream.
#[derive(Clone, Debug)]
pub struct ChunkedStreamDecoder {
    chunks: ChunkedDecoder,
    stream: ResponseStreamDecoder,
    buf: Vec<u8>,
}

impl ChunkedStreamDecoder {
    /// A decoder for a body of at most `max_body` bytes after the blank line.
    pub fn new(max_body: usize, limits: Limits) -> Self {
        ChunkedStreamDecoder {
            chunks: ChunkedDecoder::new(),
            stream: ResponseStreamDecoder::new(max_body, limits),
            buf: Vec::new(),
        }
    }

    /// Takes bytes of the chunked body (after the response head).
    pub fn feed<B: Buf>(
        &mut self,
        data: &mut B,
        events: &mut Vec<StreamEvent>,
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
    pub fn finish(self) -> Result<ResponseStream<'static>, DecodeError> {
        self.chunks.finish()?;
        self.stream.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{decode, incremental};
    use super::super::tests::CHUNKED;
    use super::super::Body;
    use super::*;
    use mapi_codec::wire::{Decode, Encode};

    /// Where httparse is looser than the hand-written parser it replaced: chunk sizes of 16
    /// digits, and chunk extensions with any byte but CR and LF.
    #[test]
    fn chunk_size_lines_read_by_httparse() {
        let head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        let with = |body: &[u8]| [&head[..], body].concat();
        // 16 hex digits are a size (checked against the bytes left); 17 are not.
        let e = decode(&with(b"FFFFFFFFFFFFFFFF\r\nab\r\n0\r\n\r\n")).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        assert_eq!(
            (e.offset(), e.path_string().as_str()),
            (47, "Body.Chunks[0]")
        );
        let e = decode(&with(b"10000000000000000\r\nab\r\n0\r\n\r\n")).unwrap_err();
        assert_eq!(e.kind().name(), "invalid-value");
        // Extensions with a tab and obs-text: kept as sent.
        let body = b"5;name=\"v\tal\xE9\"\r\nHELLO\r\n0;last\r\nX-T: 1\r\n\r\n";
        let msg = with(body);
        let m = decode(&msg).unwrap();
        assert_eq!(&*m.body_bytes(), b"HELLO");
        assert_eq!(m.to_bytes().unwrap(), msg);
        let Body::Chunked {
            chunks,
            last_line,
            trailers,
        } = &m.body
        else {
            panic!("{:?}", m.body)
        };
        assert_eq!(&*chunks[0].size_line, b"5;name=\"v\tal\xE9\"");
        assert_eq!((&**last_line, trailers.len()), (&b"0;last"[..], 1));
        assert_eq!(incremental(body).unwrap(), b"HELLO");
        // Still refused: an empty size (httparse reads 0), a bare LF in an extension.
        for bad in [
            &b"\r\n\r\n"[..],
            b";x\r\n\r\n",
            b"5;a\nb\r\nHELLO\r\n0\r\n\r\n",
        ] {
            let e = decode(&with(bad)).unwrap_err();
            assert_eq!(e.kind().name(), "invalid-value", "{bad:?}");
            assert!(incremental(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn trailers_are_checked_both_ways() {
        let head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        let good = b"1\r\na\r\n0\r\nX-A: 1\r\nX-B: 2\r\n\r\n";
        let msg = [&head[..], good].concat();
        let m = decode(&msg).unwrap();
        let Body::Chunked { trailers, .. } = &m.body else {
            panic!()
        };
        assert_eq!(trailers.len(), 2);
        assert_eq!(incremental(good).unwrap(), b"a");
        let bad = b"1\r\na\r\n0\r\nX-A: 1\r\nX B: 2\r\n\r\n";
        let e = decode(&[&head[..], bad].concat()).unwrap_err();
        assert_eq!(
            (e.kind().name(), e.offset(), e.path_string().as_str()),
            ("invalid-value", 65, "Body.Trailers[1]")
        );
        let e = incremental(bad).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("invalid-value", 18));
    }

    #[test]
    fn chunked_stream_every_split() {
        let m = decode(CHUNKED).unwrap();
        let want = ResponseStream::decode_exact(&m.body_bytes(), Limits::DEFAULT)
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
