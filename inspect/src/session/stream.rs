//! Reading a capture as a stream: exchanges handed over one at a time as they are read, so
//! that a capture of any size is decoded and printed in bounded memory.
//!
//! Raw HTTP/1.1 and HAR are read incrementally (a raw capture a message at a time, a HAR log an
//! entry at a time); a Fiddler archive and a packet capture are read whole (their readers need
//! the file: the zip directory is at its end, TCP streams interleave) and their exchanges then
//! handed over one at a time.

use std::fmt;
use std::io::{self, Read};

use mapi_codec::wire::{Decode, ErrorKind, Limits, Reader};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::capture::{har_entry, resync, CaptureError, CaptureFormat, Exchange, HttpPart};
use super::render::decode_error_text;
use crate::http::HttpMessage;

/// How much a raw capture is read at a time.
const CHUNK: usize = 1 << 16;

/// The largest message a raw capture is read ahead for (256 MiB): a message that claims more
/// is reported as cut, as at the end of the capture, instead of holding the file in memory.
const MAX_MESSAGE: usize = 256 << 20;

/// Reads a capture of any [`CaptureFormat`] from `input`, handing each exchange to `each` as
/// soon as it is read. The exchanges are those [`read_capture`](super::read_capture) gives.
pub fn read_capture_stream<R: Read>(
    mut input: R,
    limits: Limits,
    each: impl FnMut(Exchange),
) -> Result<(), CaptureError> {
    let mut head = Vec::with_capacity(CHUNK);
    fill(&mut input, &mut head, CHUNK).map_err(CaptureError::io)?;
    match CaptureFormat::detect(&head) {
        Some(CaptureFormat::RawHttp) => read_raw_stream(head, input, limits, MAX_MESSAGE, each),
        Some(CaptureFormat::Har) => read_har_stream(io::Cursor::new(head).chain(input), each),
        Some(_) => {
            let mut all = head;
            input.read_to_end(&mut all).map_err(CaptureError::io)?;
            super::read_capture(&all, limits)?
                .into_iter()
                .for_each(each);
            Ok(())
        }
        None => Err(CaptureError::UnknownFormat(
            head.iter().take(8).copied().collect(),
        )),
    }
}

/// Reads from `input` until `buf` holds `want` bytes or the input ends; whether it ended.
fn fill(input: &mut impl Read, buf: &mut Vec<u8>, want: usize) -> io::Result<bool> {
    let mut at = buf.len();
    if at >= want {
        return Ok(false);
    }
    buf.resize(want, 0);
    let ended = loop {
        if at == want {
            break Ok(false);
        }
        match input.read(&mut buf[at..]) {
            Ok(0) => break Ok(true),
            Ok(n) => at += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => break Err(e),
        }
    };
    buf.truncate(at);
    ended
}

/// Raw HTTP/1.1 messages, a window of the input at a time (see [`read_raw`](super::read_raw),
/// whose exchanges and problems, offsets included, these are).
fn read_raw_stream<R: Read>(
    mut buf: Vec<u8>,
    mut input: R,
    limits: Limits,
    max: usize,
    mut each: impl FnMut(Exchange),
) -> Result<(), CaptureError> {
    let mut split = RawSplit::default();
    let mut eof = false;
    let mut want = buf.len().max(CHUNK);
    loop {
        if !eof {
            eof = fill(&mut input, &mut buf, want).map_err(CaptureError::io)?;
        }
        // Past `max` bytes of one message, read it as the end of the capture would (it is
        // reported cut, and the messages after it are found again).
        let last = eof || buf.len() >= max;
        let used = split.feed(&buf, last, limits, &mut each);
        // At the end of the input everything was taken.
        if eof {
            break;
        }
        buf.drain(..used);
        split.base += used;
        want = if used == 0 {
            2 * buf.len() + CHUNK
        } else {
            buf.len() + CHUNK
        };
    }
    split.finish(&mut each);
    Ok(())
}

/// Splits raw HTTP/1.1 messages into exchanges, a window of the capture at a time (the whole
/// capture as one window for [`read_raw`](super::read_raw)); what it carries from one window
/// to the next.
#[derive(Default)]
pub(super) struct RawSplit {
    /// The request waiting for its response.
    pending: Option<HttpPart>,
    /// The capture offset of the window's first byte.
    base: usize,
    /// Looking for the next message start after a message that did not decode.
    resyncing: bool,
}

impl RawSplit {
    /// Takes the messages of `buf` (the capture from `base` on), `last` when no more bytes
    /// come; returns how many bytes were used (the rest waits for more).
    pub(super) fn feed(
        &mut self,
        buf: &[u8],
        last: bool,
        limits: Limits,
        each: &mut impl FnMut(Exchange),
    ) -> usize {
        let mut pos = 0;
        if self.resyncing {
            match resync(buf, 1) {
                Some(next) => {
                    pos = next;
                    self.resyncing = false;
                }
                // Keep the tail, in which a message start may begin.
                None if !last => return buf.len().saturating_sub(16),
                None => return buf.len(),
            }
        }
        loop {
            while buf.get(pos).is_some_and(|b| *b == b'\r' || *b == b'\n') {
                pos += 1;
            }
            if pos >= buf.len() {
                return pos;
            }
            let mut r = Reader::with_limits(&buf[pos..], limits);
            match HttpMessage::decode_from(&mut r) {
                Ok(m) => {
                    let at = self.base + pos;
                    let part = HttpPart::from_message(&m);
                    if m.is_response() {
                        let mut ex = Exchange {
                            request: self.pending.take(),
                            response: Some(part),
                            ..Exchange::default()
                        };
                        if ex.request.is_none() {
                            ex.problems
                                .push(format!("the response at offset {at} follows no request"));
                        }
                        each(ex);
                    } else {
                        if let Some(p) = self.pending.take() {
                            each(Exchange {
                                request: Some(p),
                                problems: vec!["no response follows this request".into()],
                                ..Exchange::default()
                            });
                        }
                        self.pending = Some(part);
                    }
                    pos += r.offset();
                }
                Err(e) if !last && matches!(e.kind(), ErrorKind::Truncated { .. }) => return pos,
                Err(e) => {
                    let at = self.base + pos;
                    let e = e.shifted(at);
                    each(Exchange {
                        request: self.pending.take(),
                        problems: vec![format!(
                            "the HTTP message at offset {at} does not decode: {}",
                            decode_error_text(e)
                        )],
                        ..Exchange::default()
                    });
                    match resync(buf, pos + 1) {
                        Some(next) => pos = next,
                        None if !last => {
                            self.resyncing = true;
                            return buf.len().saturating_sub(16).max(pos + 1).min(buf.len());
                        }
                        None => return buf.len(),
                    }
                }
            }
        }
    }

    /// The end of the capture: a request still waiting gets its problem.
    pub(super) fn finish(self, each: &mut impl FnMut(Exchange)) {
        if let Some(p) = self.pending {
            each(Exchange {
                request: Some(p),
                problems: vec!["the capture ends before the response to this request".into()],
                ..Exchange::default()
            });
        }
    }
}

/// Visitor methods that take a JSON scalar and do nothing with it: a value of the wrong kind,
/// which the flags of [`Found`] report.
macro_rules! ignore_scalars {
    () => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            Ok(())
        }
    };
}

/// A HAR log, an entry at a time: `log.entries` is read element by element (each entry parsed
/// on its own), the rest of the document skipped.
fn read_har_stream<R: Read>(input: R, each: impl FnMut(Exchange)) -> Result<(), CaptureError> {
    let mut de = serde_json::Deserializer::from_reader(io::BufReader::new(input));
    let mut found = Found::default();
    let mut root = Root {
        each,
        found: &mut found,
    };
    DeserializeSeed::deserialize(&mut root, &mut de)
        .map_err(|e| CaptureError::Json(e.to_string()))?;
    de.end().map_err(|e| CaptureError::Json(e.to_string()))?;
    match found {
        Found { log: false, .. } => Err(CaptureError::NotHar("no `log` object")),
        Found { entries: false, .. } => Err(CaptureError::NotHar("no `log.entries` list")),
        _ => Ok(()),
    }
}

/// What the HAR reader met.
#[derive(Default)]
struct Found {
    log: bool,
    entries: bool,
}

/// The HAR document: an object whose `log` is read by [`Log`].
struct Root<'f, F> {
    each: F,
    found: &'f mut Found,
}

impl<'de, F: FnMut(Exchange)> DeserializeSeed<'de> for &mut Root<'_, F> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, F: FnMut(Exchange)> Visitor<'de> for &mut Root<'_, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a HAR object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        while let Some(key) = m.next_key::<String>()? {
            if key == "log" && !self.found.log {
                self.found.log = true;
                m.next_value_seed(Log {
                    each: &mut self.each,
                    found: self.found,
                })?;
            } else {
                m.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// The `log` object: its `entries` are read by [`Entries`].
struct Log<'r, F> {
    each: &'r mut F,
    found: &'r mut Found,
}

impl<'de, F: FnMut(Exchange)> DeserializeSeed<'de> for Log<'_, F> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F: FnMut(Exchange)> Visitor<'de> for Log<'_, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the HAR `log` object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        while let Some(key) = m.next_key::<String>()? {
            if key == "entries" && !self.found.entries {
                m.next_value_seed(Entries {
                    each: &mut *self.each,
                    found: &mut *self.found,
                })?;
            } else {
                m.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
    // Anything else is not a HAR log: `found.log` alone says so.
    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<(), A::Error> {
        while s.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
    ignore_scalars!();
}

/// `log.entries`: each entry parsed alone and handed over.
struct Entries<'r, F> {
    each: &'r mut F,
    found: &'r mut Found,
}

impl<'de, F: FnMut(Exchange)> DeserializeSeed<'de> for Entries<'_, F> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F: FnMut(Exchange)> Visitor<'de> for Entries<'_, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the HAR `log.entries` list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<(), A::Error> {
        self.found.entries = true;
        let mut i = 0;
        while let Some(e) = s.next_element::<serde_json::Value>()? {
            (self.each)(har_entry(i, &e));
            i += 1;
        }
        Ok(())
    }
    // Not a list: `found.entries` stays false, which says so.
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
    ignore_scalars!();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A message that claims more bytes than the reader reads ahead for is reported cut, and
    /// the capture goes on after it (the reader does not stop, nor hold the claimed bytes).
    #[test]
    fn a_message_claiming_more_than_the_read_ahead_is_cut_and_the_rest_read() {
        let sample = include_bytes!("../../samples/sample.http");
        let mut capture =
            b"POST /mapi/emsmdb/ HTTP/1.1\r\nContent-Length: 900000\r\n\r\nxyz\r\n".to_vec();
        capture.extend_from_slice(sample);
        capture.extend(std::iter::repeat_n(b'\n', 5000));
        capture.extend_from_slice(sample);
        let mut got = Vec::new();
        read_raw_stream(Vec::new(), &capture[..], Limits::default(), 4096, |e| {
            got.push(e)
        })
        .unwrap();
        // The cut message, then both copies of the sample's 13 exchanges.
        assert_eq!(
            got.len(),
            1 + 2 * 13,
            "{:?}",
            got.iter().map(|e| &e.problems).collect::<Vec<_>>()
        );
        assert!(
            got[0].problems[0].contains("offset 0"),
            "{:?}",
            got[0].problems
        );
        assert!(got[1..]
            .iter()
            .all(|e| e.problems.is_empty() && e.response.is_some()));
    }
}
