//! The inner response stream of [MS-OXCMAPIHTTP] 2.2.2.2, 2.2.7 and 3.2.5.2: the meta-tags
//! (PROCESSING first, PENDING keep-alives, then DONE), the additional header lines, a blank
//! line, and the binary response body, which runs to the end of the stream.
//!
//! ```text
//! PROCESSING\r\n            the request is queued (the immediate response)
//! PENDING\r\n               a keep-alive, every X-PendingPeriod milliseconds
//! DONE\r\n                  processing finished
//! X-ElapsedTime: 2\r\n      additional headers
//! X-StartTime: ...\r\n
//! \r\n
//! <response body>
//! ```
//!
//! Servers write it with [`ResponseStream::encode`] (or piece by piece: [`put_meta_tag`] as
//! processing goes on, then [`put_done`]); clients read it whole with [`ResponseStream`]'s
//! [`Decode`], or as it arrives with [`ResponseStreamDecoder`], which takes any split of the
//! bytes and reports each meta-tag and header as soon as its line is complete.

use std::borrow::Cow;

use bytes::{Buf, BufMut};

use super::headers::HeaderLine;
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, Decode, DecodeError, Encode, EncodeError, ErrorKind, Limits, Reader, ResultExt,
};

/// The longest line (meta-tag or header, without CRLF) accepted.
pub const MAX_LINE: usize = 8192;

/// [MS-OXCMAPIHTTP] 2.2.7 a response meta-tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MetaTag {
    /// PROCESSING: the server has queued the request.
    Processing,
    /// PENDING: the server is processing the request (a keep-alive).
    Pending,
    /// DONE: processing is complete; additional headers and the body follow.
    Done,
}

impl MetaTag {
    /// The tag's text on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            MetaTag::Processing => "PROCESSING",
            MetaTag::Pending => "PENDING",
            MetaTag::Done => "DONE",
        }
    }

    fn from_line(line: &[u8]) -> Option<MetaTag> {
        match line {
            b"PROCESSING" => Some(MetaTag::Processing),
            b"PENDING" => Some(MetaTag::Pending),
            b"DONE" => Some(MetaTag::Done),
            _ => None,
        }
    }
}

/// Writes one meta-tag line (`PENDING\r\n`).
pub fn put_meta_tag<B: BufMut>(out: &mut B, tag: MetaTag) -> Result<(), EncodeError> {
    let s = tag.as_str();
    ensure_room(out, s.len() + 2)?;
    out.put_slice(s.as_bytes());
    out.put_slice(b"\r\n");
    Ok(())
}

/// Writes `DONE\r\n`, the additional header lines, the blank line and the body.
pub fn put_done<B: BufMut>(
    out: &mut B,
    headers: &[HeaderLine<'_>],
    body: &[u8],
) -> Result<(), EncodeError> {
    put_meta_tag(out, MetaTag::Done)?;
    for h in headers {
        ensure_room(out, h.as_str().len() + 2)?;
        out.put_slice(h.as_str().as_bytes());
        out.put_slice(b"\r\n");
    }
    ensure_room(out, 2 + body.len())?;
    out.put_slice(b"\r\n");
    out.put_slice(body);
    Ok(())
}

/// [MS-OXCMAPIHTTP] 2.2.2.2 the inner response stream: META-TAGS, ADDITIONAL HEADERS,
/// RESPONSE BODY.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct ResponseStream<'a> {
    /// The meta-tags before DONE: at most one PROCESSING, first, then any number of PENDING.
    /// DONE itself always ends the meta-tags and is not listed.
    pub meta_tags: Vec<MetaTag>,
    /// The header lines after DONE (X-ElapsedTime, X-StartTime, maybe X-ResponseCode).
    pub additional_headers: Vec<HeaderLine<'a>>,
    /// The response body: everything after the blank line.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    pub body: Cow<'a, [u8]>,
}

impl ResponseStream<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> ResponseStream<'static> {
        crate::wire::IntoOwned::into_owned(self)
    }

    /// The events [`ResponseStreamDecoder`] reports for this stream, in order.
    pub fn events(&self) -> Vec<StreamEvent> {
        let mut v: Vec<StreamEvent> = self
            .meta_tags
            .iter()
            .map(|t| StreamEvent::MetaTag(*t))
            .collect();
        v.push(StreamEvent::MetaTag(MetaTag::Done));
        v.extend(
            self.additional_headers
                .iter()
                .map(|h| StreamEvent::Header(h.clone().into_owned())),
        );
        v.push(StreamEvent::BodyStarts);
        v
    }
}

/// Checks that `tag` may follow the meta-tags already seen (`seen`), at offset `at`.
fn check_order(seen: &[MetaTag], tag: MetaTag, at: usize) -> Result<(), DecodeError> {
    if tag == MetaTag::Processing && !seen.is_empty() {
        return Err(DecodeError::new(
            ErrorKind::InvalidValue {
                what: "PROCESSING may only be the first meta-tag",
                value: seen.len() as u64,
            },
            at,
        )
        .in_field("MetaTags"));
    }
    Ok(())
}

fn bad_line(at: usize, what: &'static str, len: usize) -> DecodeError {
    DecodeError::new(
        ErrorKind::InvalidValue {
            what,
            value: len as u64,
        },
        at,
    )
}

/// Reads one CRLF-terminated line (without the CRLF); a bare LF or CR inside is refused.
fn read_line<'a>(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
    let rest = r.rest();
    let at = r.offset();
    let window = &rest[..rest.len().min(MAX_LINE + 1)];
    match window.iter().position(|&b| b == b'\n' || b == b'\r') {
        Some(i) if rest.get(i) == Some(&b'\r') && rest.get(i + 1) == Some(&b'\n') => {
            r.bytes(i + 2)?;
            Ok(&rest[..i])
        }
        Some(i) if rest[i] == b'\r' && i + 1 == rest.len() => Err(r.error(ErrorKind::Truncated {
            needed: i + 2,
            available: rest.len(),
        })),
        Some(i) => Err(bad_line(at + i, "a line ends with CRLF (bare CR or LF)", i)),
        None if rest.len() > MAX_LINE => Err(DecodeError::new(
            ErrorKind::LimitExceeded {
                limit: "line length",
                value: rest.len() as u64,
                max: MAX_LINE as u64,
            },
            at,
        )),
        None => Err(r.error(ErrorKind::Truncated {
            needed: rest.len() + 2,
            available: rest.len(),
        })),
    }
}

impl<'a> Decode<'a> for ResponseStream<'a> {
    /// Reads the whole stream; the body takes every byte after the blank line.
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let mut meta_tags = Vec::new();
        loop {
            let at = r.offset();
            let line = read_line(r).index(meta_tags.len()).field("MetaTags")?;
            let tag = MetaTag::from_line(line).ok_or_else(|| {
                bad_line(at, "a meta-tag is PROCESSING, PENDING or DONE", line.len())
                    .at_index(meta_tags.len())
                    .in_field("MetaTags")
            })?;
            if tag == MetaTag::Done {
                break;
            }
            check_order(&meta_tags, tag, at)?;
            r.check_count(at, meta_tags.len() as u64 + 1, 0)
                .field("MetaTags")?;
            meta_tags.push(tag);
        }
        let mut additional_headers = Vec::new();
        loop {
            let at = r.offset();
            let n = additional_headers.len();
            let line = read_line(r).index(n).field("AdditionalHeaders")?;
            if line.is_empty() {
                break;
            }
            r.check_count(at, n as u64 + 1, 0)
                .field("AdditionalHeaders")?;
            additional_headers.push(
                HeaderLine::parse(line, at)
                    .index(n)
                    .field("AdditionalHeaders")?,
            );
        }
        Ok(ResponseStream {
            meta_tags,
            additional_headers,
            body: Cow::Borrowed(r.take_rest()),
        })
    }
}

impl Encode for ResponseStream<'_> {
    fn encoded_len(&self) -> usize {
        self.meta_tags
            .iter()
            .map(|t| t.as_str().len() + 2)
            .sum::<usize>()
            + 6
            + self
                .additional_headers
                .iter()
                .map(|h| h.as_str().len() + 2)
                .sum::<usize>()
            + 2
            + self.body.len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        for (i, t) in self.meta_tags.iter().enumerate() {
            if *t == MetaTag::Done || (*t == MetaTag::Processing && i > 0) {
                return Err(EncodeError::invalid(
                    "meta-tags before DONE: PROCESSING first, then PENDING",
                ));
            }
            put_meta_tag(out, *t)?;
        }
        put_done(out, &self.additional_headers, &self.body)
    }
}

impl ToTree for ResponseStream<'_> {
    fn to_tree(&self) -> Tree {
        let mut tags: Vec<Tree> = self
            .meta_tags
            .iter()
            .map(|t| Tree::Text(t.as_str().into()))
            .collect();
        tags.push(Tree::Text("DONE".into()));
        Tree::record()
            .field("MetaTags", Tree::List(tags))
            .field(
                "AdditionalHeaders",
                Tree::List(
                    self.additional_headers
                        .iter()
                        .map(|h| Tree::Text(h.as_str().into()))
                        .collect(),
                ),
            )
            .field("Body", Tree::Bytes(self.body.to_vec()))
    }
}

/// What [`ResponseStreamDecoder::feed`] reports as lines complete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StreamEvent {
    /// A meta-tag arrived (DONE included).
    MetaTag(MetaTag),
    /// An additional header line arrived.
    Header(HeaderLine<'static>),
    /// The blank line arrived: every later byte is body.
    BodyStarts,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    MetaTags,
    Headers,
    Body,
    Failed,
}

/// An incremental reader of the response stream for clients: feed it the bytes as they arrive,
/// in pieces of any size; it reports each meta-tag and header line once complete, collects the
/// body, and gives the whole stream at [`ResponseStreamDecoder::finish`]. Every split of the
/// bytes gives the same events and the same result as one piece, and the same result as
/// [`ResponseStream`]'s [`Decode`]. Lines are held to [`MAX_LINE`] bytes, the body to
/// `max_body` bytes, the number of meta-tags and headers to [`Limits::max_elements`].
#[derive(Clone, Debug)]
pub struct ResponseStreamDecoder {
    state: State,
    /// The bytes of the line being read (without CRLF), and its start offset.
    line: Vec<u8>,
    line_at: usize,
    /// Bytes consumed so far (offsets in errors count from the stream's start).
    pos: usize,
    stream: ResponseStream<'static>,
    body: Vec<u8>,
    max_body: usize,
    limits: Limits,
    error: Option<DecodeError>,
}

impl ResponseStreamDecoder {
    /// A decoder that accepts a body of at most `max_body` bytes.
    pub fn new(max_body: usize, limits: Limits) -> Self {
        ResponseStreamDecoder {
            state: State::MetaTags,
            line: Vec::new(),
            line_at: 0,
            pos: 0,
            stream: ResponseStream::default(),
            body: Vec::new(),
            max_body,
            limits,
            error: None,
        }
    }

    /// Whether DONE and the blank line have arrived (the rest is body).
    pub fn in_body(&self) -> bool {
        self.state == State::Body
    }

    /// The meta-tags seen so far (DONE not included).
    pub fn meta_tags(&self) -> &[MetaTag] {
        &self.stream.meta_tags
    }

    fn fail(&mut self, e: DecodeError) -> DecodeError {
        self.state = State::Failed;
        self.error = Some(e.clone());
        e
    }

    /// Takes every byte of `data`, appending the events of the lines it completes to `events`.
    /// After an error the decoder stays failed and returns the same error.
    pub fn feed<B: Buf>(
        &mut self,
        data: &mut B,
        events: &mut Vec<StreamEvent>,
    ) -> Result<(), DecodeError> {
        while data.has_remaining() {
            let chunk = data.chunk();
            let n = chunk.len();
            let r = self.feed_slice(chunk, events);
            data.advance(n);
            r?;
        }
        Ok(())
    }

    fn feed_slice(
        &mut self,
        mut s: &[u8],
        events: &mut Vec<StreamEvent>,
    ) -> Result<(), DecodeError> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        while !s.is_empty() {
            if self.state == State::Body {
                if self.body.len() + s.len() > self.max_body {
                    let e = DecodeError::new(
                        ErrorKind::LimitExceeded {
                            limit: "response body size",
                            value: (self.body.len() + s.len()) as u64,
                            max: self.max_body as u64,
                        },
                        self.pos,
                    )
                    .in_field("Body");
                    return Err(self.fail(e));
                }
                self.body.extend_from_slice(s);
                self.pos += s.len();
                return Ok(());
            }
            // Line mode: look for the end of the line in this piece.
            let pending_cr = self.line.last() == Some(&b'\r');
            if pending_cr {
                if s[0] != b'\n' {
                    let at = self.pos - 1;
                    return Err(self.fail(bad_line(
                        at,
                        "a line ends with CRLF (bare CR or LF)",
                        0,
                    )));
                }
                self.line.pop();
                self.pos += 1;
                s = &s[1..];
                self.end_line(events)?;
                continue;
            }
            match s.iter().position(|&b| b == b'\r' || b == b'\n') {
                Some(i) => {
                    self.push_line(&s[..i])?;
                    if s[i] == b'\n' {
                        let at = self.pos + i;
                        return Err(self.fail(bad_line(
                            at,
                            "a line ends with CRLF (bare CR or LF)",
                            self.line.len(),
                        )));
                    }
                    self.pos += i;
                    if i + 1 < s.len() {
                        if s[i + 1] != b'\n' {
                            let at = self.pos;
                            return Err(self.fail(bad_line(
                                at,
                                "a line ends with CRLF (bare CR or LF)",
                                self.line.len(),
                            )));
                        }
                        self.pos += 2;
                        s = &s[i + 2..];
                        self.end_line(events)?;
                    } else {
                        // The CR is the last byte of this piece: wait for the LF.
                        self.line.push(b'\r');
                        self.pos += 1;
                        s = &[];
                    }
                }
                None => {
                    self.push_line(s)?;
                    self.pos += s.len();
                    s = &[];
                }
            }
        }
        Ok(())
    }

    fn push_line(&mut self, part: &[u8]) -> Result<(), DecodeError> {
        if self.line.is_empty() {
            self.line_at = self.pos;
        }
        if self.line.len() + part.len() > MAX_LINE {
            let e = DecodeError::new(
                ErrorKind::LimitExceeded {
                    limit: "line length",
                    value: (self.line.len() + part.len()) as u64,
                    max: MAX_LINE as u64,
                },
                self.line_at,
            );
            return Err(self.fail(e));
        }
        self.line.extend_from_slice(part);
        Ok(())
    }

    /// A complete line (without CRLF) is in `self.line`.
    fn end_line(&mut self, events: &mut Vec<StreamEvent>) -> Result<(), DecodeError> {
        let line = std::mem::take(&mut self.line);
        let at = if line.is_empty() {
            self.pos - 2
        } else {
            self.line_at
        };
        let count = self.stream.meta_tags.len() + self.stream.additional_headers.len() + 1;
        if count as u64 > u64::from(self.limits.max_elements) {
            let e = DecodeError::new(
                ErrorKind::LimitExceeded {
                    limit: "max_elements",
                    value: count as u64,
                    max: self.limits.max_elements.into(),
                },
                at,
            );
            return Err(self.fail(e));
        }
        match self.state {
            State::MetaTags => {
                let n = self.stream.meta_tags.len();
                let Some(tag) = MetaTag::from_line(&line) else {
                    let e = bad_line(at, "a meta-tag is PROCESSING, PENDING or DONE", line.len())
                        .at_index(n)
                        .in_field("MetaTags");
                    return Err(self.fail(e));
                };
                if tag == MetaTag::Done {
                    self.state = State::Headers;
                } else {
                    if let Err(e) = check_order(&self.stream.meta_tags, tag, at) {
                        return Err(self.fail(e));
                    }
                    self.stream.meta_tags.push(tag);
                }
                events.push(StreamEvent::MetaTag(tag));
            }
            State::Headers if line.is_empty() => {
                self.state = State::Body;
                events.push(StreamEvent::BodyStarts);
            }
            State::Headers => {
                let n = self.stream.additional_headers.len();
                let h = match HeaderLine::parse(&line, at) {
                    Ok(h) => h.into_owned(),
                    Err(e) => return Err(self.fail(e.at_index(n).in_field("AdditionalHeaders"))),
                };
                events.push(StreamEvent::Header(h.clone()));
                self.stream.additional_headers.push(h);
            }
            State::Body | State::Failed => {}
        }
        Ok(())
    }

    /// The whole stream, once the input has ended. Fails if DONE or the blank line after the
    /// additional headers never came.
    pub fn finish(mut self) -> Result<ResponseStream<'static>, DecodeError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        if self.state != State::Body {
            let at = if self.line.is_empty() {
                self.pos
            } else {
                self.line_at
            };
            let e = DecodeError::new(
                ErrorKind::Truncated {
                    needed: self.line.len() + 2,
                    available: self.line.len(),
                },
                at,
            )
            .in_field(match self.state {
                State::MetaTags => "MetaTags",
                _ => "AdditionalHeaders",
            });
            return Err(e);
        }
        self.stream.body = Cow::Owned(std::mem::take(&mut self.body));
        Ok(self.stream)
    }
}

crate::wire::owned_as_self!(MetaTag);
crate::wire::owned_impl!(struct ResponseStream { meta_tags, additional_headers, body });

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"PROCESSING\r\nPENDING\r\nPENDING\r\nDONE\r\nX-ElapsedTime: 2\r\n\
X-StartTime: Thu, 18 Jul 2013 19:38:19 GMT\r\n\r\n\x00\x00\x00\x00\r\n\x01";

    fn one_shot(b: &[u8]) -> Result<ResponseStream<'static>, DecodeError> {
        ResponseStream::decode_exact(b, Limits::DEFAULT).map(ResponseStream::into_owned)
    }

    fn incremental(
        b: &[u8],
        cuts: &[usize],
    ) -> Result<(Vec<StreamEvent>, ResponseStream<'static>), DecodeError> {
        let mut d = ResponseStreamDecoder::new(1 << 20, Limits::DEFAULT);
        let mut events = Vec::new();
        let mut last = 0;
        for &c in cuts.iter().chain([b.len()].iter()) {
            let mut piece = &b[last..c];
            d.feed(&mut piece, &mut events)?;
            last = c;
        }
        d.finish().map(|s| (events, s))
    }

    #[test]
    fn round_trip_and_every_split() {
        let s = one_shot(SAMPLE).unwrap();
        assert_eq!(
            s.meta_tags,
            [MetaTag::Processing, MetaTag::Pending, MetaTag::Pending]
        );
        assert_eq!(s.additional_headers.len(), 2);
        assert_eq!(&*s.body, b"\x00\x00\x00\x00\r\n\x01");
        assert_eq!(s.to_bytes().unwrap(), SAMPLE);
        for a in 0..=SAMPLE.len() {
            for b in a..=SAMPLE.len() {
                let (ev, got) = incremental(SAMPLE, &[a, b]).unwrap();
                assert_eq!(got, s, "cuts {a} {b}");
                assert_eq!(ev, s.events());
            }
        }
    }

    #[test]
    fn errors_match_for_every_split() {
        let bad: &[&[u8]] = &[
            b"PROCESSING\r\nPROCESSING\r\nDONE\r\n\r\n",
            b"PENDING\nDONE\r\n\r\n",
            b"PENDING\r\rDONE\r\n\r\n",
            b"HELLO\r\n",
            b"DONE\r\nX-A 1\r\n\r\n",
            b"DONE\r\nX-A: 1\r\n",
            b"PROCESSING\r\n",
            b"",
        ];
        for b in bad {
            let want = one_shot(b).unwrap_err();
            for a in 0..=b.len() {
                let got = incremental(b, &[a]).unwrap_err();
                assert_eq!(
                    (got.kind().name(), got.offset()),
                    (want.kind().name(), want.offset()),
                    "{:?} cut {a}",
                    String::from_utf8_lossy(b)
                );
            }
        }
    }

    #[test]
    fn limits() {
        let mut long = vec![b'A'; MAX_LINE + 10];
        long.extend_from_slice(b"\r\n");
        assert_eq!(one_shot(&long).unwrap_err().kind().name(), "limit-exceeded");
        assert_eq!(
            incremental(&long, &[]).unwrap_err().kind().name(),
            "limit-exceeded"
        );
        let mut d = ResponseStreamDecoder::new(3, Limits::DEFAULT);
        let mut ev = Vec::new();
        let e = d.feed(&mut &b"DONE\r\n\r\nabcd"[..], &mut ev).unwrap_err();
        assert_eq!(e.kind().name(), "limit-exceeded");
        assert!(d.feed(&mut &b"x"[..], &mut ev).is_err());
    }
}
