//! The head of a message (start line and header lines) and the trailers of a chunked body:
//! httparse checks the syntax, this module the rules it leaves out (CRLF only, line length,
//! HTTP/1.1, the number of lines), and keeps every line as sent.

use std::borrow::Cow;

use httparse::Status;
use mapi_codec::http::headers::HeaderLine;
use mapi_codec::wire::{DecodeError, ErrorKind, Limits, Reader, ResultExt};

use super::{invalid, line_too_long, BARE_LINE_END, MAX_LINE, START_LINE};

/// A block of lines that ends with a blank line, and the httparse parser that reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Section {
    /// A request line and header lines.
    Request,
    /// A status line and header lines.
    Response,
    /// Trailer lines after the last chunk (no start line).
    Trailers,
}

impl Section {
    /// Runs httparse over `buf`; the length of the section when it is complete.
    fn parse<'b>(
        self,
        buf: &'b [u8],
        slots: &mut [httparse::Header<'b>],
    ) -> httparse::Result<usize> {
        match self {
            Section::Request => httparse::Request::new(slots).parse(buf),
            Section::Response => httparse::Response::new(slots).parse(buf),
            Section::Trailers => Ok(match httparse::parse_headers(buf, slots)? {
                Status::Complete((n, _)) => Status::Complete(n),
                Status::Partial => Status::Partial,
            }),
        }
    }

    /// Names the line with index `line` (0 is the first line of the section) in an error.
    fn locate(self, e: DecodeError, line: usize) -> DecodeError {
        match (self, line) {
            (Section::Trailers, i) => e.at_index(i),
            (_, 0) => e.in_field("StartLine"),
            (_, i) => e.at_index(i - 1).in_field("Headers"),
        }
    }

    /// The index of the first header line.
    fn first_header_line(self) -> usize {
        match self {
            Section::Trailers => 0,
            _ => 1,
        }
    }
}

fn httparse_what(e: httparse::Error) -> &'static str {
    match e {
        httparse::Error::HeaderName => "a header name is a token followed by ':'",
        httparse::Error::HeaderValue => "a header value holds visible characters, spaces or tabs",
        httparse::Error::NewLine => BARE_LINE_END,
        httparse::Error::Status => "a status line is the version, a 3-digit code and a reason",
        httparse::Error::Token => {
            "a request line is a method token, a target and the version, one space apart"
        }
        httparse::Error::Version => START_LINE,
        httparse::Error::TooManyHeaders => "too many header lines",
    }
}

/// The number of LFs in `buf`: the index of the line at the end of `buf`.
fn line_index(buf: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', buf).count()
}

/// The checks httparse does not make, over `buf[..end]`: every LF follows a CR, and no line
/// (nor the unfinished line at `end`) is longer than [`MAX_LINE`]. `base` is the offset of
/// `buf` in the message.
fn check_lines(section: Section, buf: &[u8], end: usize, base: usize) -> Result<(), DecodeError> {
    let mut start = 0;
    for (line, i) in memchr::memchr_iter(b'\n', &buf[..end]).enumerate() {
        if i == 0 || buf[i - 1] != b'\r' {
            let e = invalid(base + i, BARE_LINE_END, (i - start) as u64);
            return Err(section.locate(e, line));
        }
        if i - 1 - start > MAX_LINE {
            return Err(section.locate(line_too_long(base + start, i - 1 - start), line));
        }
        start = i + 1;
    }
    let last = &buf[start..end];
    let len = last.len() - usize::from(last.ends_with(b"\r"));
    if len > MAX_LINE {
        return Err(section.locate(line_too_long(base + start, len), line_index(&buf[..end])));
    }
    Ok(())
}

/// The offset of the first byte httparse refuses in `buf` (which it refuses as a whole).
/// httparse reads from left to right and stops at the first byte it cannot take: every shorter
/// prefix is an unfinished section (`Partial`) and every longer one is refused too, so the byte
/// is found by bisection, in O(n log n) on the error path only.
fn first_refused<'b>(section: Section, buf: &'b [u8], slots: &mut [httparse::Header<'b>]) -> usize {
    // `good` is a prefix length httparse does not refuse, `bad` one it refuses.
    let (mut good, mut bad) = (0, buf.len());
    while bad - good > 1 {
        let mid = good + (bad - good) / 2;
        if section.parse(&buf[..mid], slots).is_err() {
            bad = mid;
        } else {
            good = mid;
        }
    }
    bad - 1
}

/// The offset of the line with index `line` in `buf`.
fn line_start(buf: &[u8], line: usize) -> usize {
    if line == 0 {
        return 0;
    }
    buf.iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(line - 1)
        .map_or(buf.len(), |(i, _)| i + 1)
}

/// The length of the section at the start of `buf` (at offset `base`), blank line included,
/// once httparse and [`check_lines`] accept it.
pub(super) fn section_len(
    section: Section,
    buf: &[u8],
    base: usize,
    limits: &Limits,
) -> Result<usize, DecodeError> {
    if section != Section::Trailers && matches!(buf.first(), Some(b'\r' | b'\n')) {
        // httparse skips blank lines before the start line; they would be lost on re-encode.
        return Err(invalid(base, START_LINE, 0).in_field("StartLine"));
    }
    let max = usize::try_from(limits.max_elements).unwrap_or(usize::MAX);
    // A header line takes at least 3 bytes, so the slots never outgrow the input; they grow
    // as httparse asks for more, up to the limit.
    let cap = max.min(buf.len() / 3 + 1);
    let mut slots = vec![httparse::EMPTY_HEADER; cap.min(16)];
    loop {
        match section.parse(buf, &mut slots) {
            Ok(Status::Complete(n)) => {
                check_lines(section, buf, n, base)?;
                return Ok(n);
            }
            Ok(Status::Partial) => {
                check_lines(section, buf, buf.len(), base)?;
                let line = line_index(buf);
                let start = line_start(buf, line);
                let available = buf.len() - start;
                let needed = available + if buf.ends_with(b"\r") { 1 } else { 2 };
                let e = DecodeError::new(ErrorKind::Truncated { needed, available }, base + start);
                return Err(section.locate(e, line));
            }
            Err(httparse::Error::TooManyHeaders) if slots.len() < cap => {
                let grown = (slots.len() * 2).clamp(1, cap);
                slots.resize(grown, httparse::EMPTY_HEADER);
            }
            Err(httparse::Error::TooManyHeaders) => {
                // Header line number `max + 1` is one too many.
                let at = line_start(buf, section.first_header_line() + slots.len());
                check_lines(section, buf, at, base)?;
                let e = DecodeError::new(
                    ErrorKind::LimitExceeded {
                        limit: "max_elements",
                        value: slots.len() as u64 + 1,
                        max: max as u64,
                    },
                    base + at,
                );
                return Err(match section {
                    Section::Trailers => e,
                    _ => e.in_field("Headers"),
                });
            }
            Err(e) => {
                let at = first_refused(section, buf, &mut slots);
                check_lines(section, buf, at, base)?;
                let line = line_index(&buf[..at]);
                let start = line_start(buf, line);
                // httparse refuses the byte after a CR that is not followed by LF.
                let bad = if at > start && buf[at - 1] == b'\r' {
                    invalid(base + at - 1, BARE_LINE_END, (at - 1 - start) as u64)
                } else {
                    invalid(base + at, httparse_what(e), buf[at].into())
                };
                return Err(section.locate(bad, line));
            }
        }
    }
}

/// The lines of a section that [`section_len`] accepted, without their CRLF, with their
/// offsets in the section (the last one is the blank line).
pub(super) fn section_lines(section: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', section).map(move |i| {
        let at = start;
        start = i + 1;
        // Every line ends with CRLF: checked by `check_lines`.
        (at, &section[at..i.saturating_sub(1).max(at)])
    })
}

/// Keeps header lines as the codec's [`HeaderLine`]s (as sent), which also refuses what httparse
/// lets through in a value: obs-text (bytes 0x80 to 0xFF).
pub(super) fn header_lines<'a>(
    lines: impl Iterator<Item = (usize, &'a [u8])>,
    base: usize,
) -> Result<Vec<HeaderLine<'a>>, DecodeError> {
    let mut headers = Vec::new();
    for (at, l) in lines.filter(|(_, l)| !l.is_empty()) {
        let n = headers.len();
        headers.push(HeaderLine::parse(l, base + at).index(n)?);
    }
    Ok(headers)
}

/// Reads a start line and header lines.
pub(super) fn head<'a>(
    r: &mut Reader<'a>,
) -> Result<(Cow<'a, str>, Vec<HeaderLine<'a>>), DecodeError> {
    let buf = r.rest();
    let base = r.offset();
    let section = if buf.starts_with(b"HTTP/") {
        Section::Response
    } else {
        Section::Request
    };
    let n = section_len(section, buf, base, r.limits())?;
    let mut lines = section_lines(&buf[..n]);
    let (_, first) = lines.next().unwrap_or((0, &b""[..]));
    // The start line stays text: httparse would also take tabs and obs-text in the reason
    // phrase and in the target, and HTTP/1.0.
    let start_line = match first.iter().position(|&c| !(0x20..0x7F).contains(&c)) {
        Some(i) => Err(invalid(base + i, "start line", first[i].into())),
        None => std::str::from_utf8(first).map_err(|_| invalid(base, START_LINE, 0)),
    }
    .field("StartLine")?;
    let http11 = match section {
        Section::Response => start_line.starts_with("HTTP/1.1 "),
        _ => start_line.ends_with(" HTTP/1.1"),
    };
    if !http11 {
        return Err(invalid(base, START_LINE, 0)).field("StartLine");
    }
    let headers = header_lines(lines, base).field("Headers")?;
    r.bytes(n)?;
    Ok((Cow::Borrowed(start_line), headers))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_failures, decode, failure};
    use super::super::HttpMessage;
    use super::*;
    use mapi_codec::wire::{Decode, Encode};

    #[test]
    fn head_errors_have_offset_and_path() {
        assert_failures(
            "invalid-value",
            &[
                // A bare LF, which httparse accepts: refused where it is.
                (b"HTTP/1.1 200 OK\r\nX: 1\n\r\n", 21, "Headers[0]"),
                // A bare CR: httparse refuses the byte after it, the error names the CR.
                (
                    b"GET / HTTP/1.1\r\nX: 1\r\x0bY: 2\r\n\r\n",
                    20,
                    "Headers[0]",
                ),
                // A space in a header name: the byte httparse refuses, found by bisection.
                (
                    b"POST / HTTP/1.1\r\nX-A: 1\r\nBad Name: 2\r\n\r\n",
                    28,
                    "Headers[1]",
                ),
                // HTTP/1.0 passes httparse but not this module.
                (b"GET / HTTP/1.0\r\n\r\n", 0, "StartLine"),
                // A blank line before the start line, which httparse skips.
                (b"\r\nGET / HTTP/1.1\r\n\r\n", 0, "StartLine"),
                // Obs-text in a header value passes httparse, not HeaderLine.
                (
                    b"GET / HTTP/1.1\r\nX: caf\xC3\xA9\r\n\r\n",
                    22,
                    "Headers[0]",
                ),
                // A tab in the reason phrase passes httparse, not the start-line rule.
                (b"HTTP/1.1 200 O\tK\r\n\r\n", 14, "StartLine"),
            ],
        );
        // Cut inside the second header line.
        let e = decode(b"GET / HTTP/1.1\r\nA: 1\r\nB: ").unwrap_err();
        assert_eq!(
            (e.kind(), e.offset(), e.path_string().as_str()),
            (
                &ErrorKind::Truncated {
                    needed: 5,
                    available: 3
                },
                22,
                "Headers[1]"
            )
        );
    }

    #[test]
    fn long_lines_and_many_headers_are_refused() {
        let mut long = b"GET / HTTP/1.1\r\nX: ".to_vec();
        long.resize(long.len() + MAX_LINE, b'a');
        long.extend_from_slice(b"\r\n\r\n");
        assert_eq!(failure(&long), ("limit-exceeded", 16, "Headers[0]".into()));
        // Cut before its end, the line is still too long (not merely truncated).
        long.truncate(long.len() - 4);
        assert_eq!(failure(&long), ("limit-exceeded", 16, "Headers[0]".into()));
        long.truncate(16 + MAX_LINE);
        assert_eq!(failure(&long).0, "truncated");
        let three = b"GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n";
        let two = Limits {
            max_elements: 2,
            ..Limits::DEFAULT
        };
        let e = HttpMessage::decode_exact(three, two).unwrap_err();
        assert_eq!(
            (e.kind().name(), e.offset(), e.path_string().as_str()),
            ("limit-exceeded", 28, "Headers")
        );
        let three_ok = Limits {
            max_elements: 3,
            ..Limits::DEFAULT
        };
        assert_eq!(
            HttpMessage::decode_exact(three, three_ok)
                .unwrap()
                .headers
                .len(),
            3
        );
        // Many headers: the header slots grow with the input, not with a number in it.
        let mut many = b"GET / HTTP/1.1\r\n".to_vec();
        for i in 0..1000 {
            many.extend_from_slice(format!("H{i}: {i}\r\n").as_bytes());
        }
        many.extend_from_slice(b"\r\n");
        let m = decode(&many).unwrap();
        assert_eq!(m.headers.len(), 1000);
        assert_eq!(m.to_bytes().unwrap(), many);
    }

    /// Where httparse is stricter than the hand-written parser it replaced.
    #[test]
    fn httparse_is_stricter_on_request_methods() {
        assert_failures(
            "invalid-value",
            &[
                // A method must be a token; the old parser took any visible ASCII.
                (b"PO(ST / HTTP/1.1\r\n\r\n", 2, "StartLine"),
                // A header line without ':' is refused where the line ends (was: at its start).
                (b"GET / HTTP/1.1\r\nabc\r\n\r\n", 19, "Headers[0]"),
            ],
        );
    }
}
