//! What a server writes back ([MS-OXCMAPIHTTP] 2.2.2.2, 2.2.3.3, 2.2.7, 3.2.5.2): the status
//! and headers of the response ([`ResponseHead`]), then the inner response stream, written
//! piece by piece as time passes ([`ResponseStreamWriter`]): PROCESSING at once, a PENDING
//! keep-alive each X-PendingPeriod while the request is worked on, then DONE with
//! X-ElapsedTime and X-StartTime, the blank line and the body.
//!
//! Nothing here sleeps or writes: the caller asks for the bytes due at a time it gives, and
//! when the next ones fall due.

use std::time::{Duration, Instant, SystemTime};

use super::session::SetCookie;
use crate::http::body::ResponseBody;
use crate::http::headers::{HeaderLine, ResponseCode};
use crate::http::stream::{put_done, put_meta_tag, MetaTag};
use crate::wire::{Encode, EncodeError, NoFields};

/// The Content-Type of every request and response body ([MS-OXCMAPIHTTP] 2.2.3.2.2).
pub const CONTENT_TYPE: &str = "application/mapi-http";

/// How a server's responses describe it: the keep-alive period, the session expiry and the
/// product name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseConfig {
    /// X-PendingPeriod: how often a response being worked on gets a PENDING keep-alive
    /// ([MS-OXCMAPIHTTP] 2.2.3.3.5; the spec's default is 30 s).
    pub pending_period: Duration,
    /// X-ExpirationInfo: how long a Session Context lives without a request (2.2.3.3.9).
    pub expiration: Duration,
    /// X-ServerApplication (2.2.3.3.7), `product/version`; none when `None`.
    pub server_application: Option<String>,
}

impl Default for ResponseConfig {
    /// 15 s keep-alives, 15 min expiry, `mapi-codec/<version>`.
    fn default() -> Self {
        ResponseConfig {
            pending_period: Duration::from_secs(15),
            expiration: Duration::from_secs(15 * 60),
            server_application: Some(concat!("mapi-codec/", env!("CARGO_PKG_VERSION")).into()),
        }
    }
}

/// The status and header lines of a response ([MS-OXCMAPIHTTP] 2.2.2.2). Framing
/// (Transfer-Encoding: chunked, Content-Length) is left to the caller's HTTP stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseHead {
    /// The HTTP status: 200, failures included (2.2.2.2: the failures of 2.2.3.3.3 are not
    /// exceptional).
    pub status: u16,
    /// X-ResponseCode.
    pub response_code: ResponseCode,
    /// The header lines, in order: Content-Type, X-RequestType, X-ResponseCode, X-RequestId,
    /// X-ClientInfo (the three echoed from the request when it had them), X-ServerApplication,
    /// X-PendingPeriod, X-ExpirationInfo, then each Set-Cookie.
    pub headers: Vec<HeaderLine<'static>>,
}

/// The request headers a response echoes: X-RequestType (2.2.3.3.1), X-RequestId (2.2.3.3.2),
/// X-ClientInfo (2.2.3.3.4).
const ECHOED: [&str; 3] = ["X-RequestType", "X-RequestId", "X-ClientInfo"];

impl ResponseHead {
    /// The head of a response with X-ResponseCode `code` to a request with `request_headers`,
    /// setting `cookies`; an error only for a cookie whose value a header cannot hold.
    pub fn new(
        code: ResponseCode,
        request_headers: &[HeaderLine<'_>],
        cookies: &[SetCookie],
        config: &ResponseConfig,
    ) -> Result<ResponseHead, EncodeError> {
        let echo = |name: &str| {
            request_headers
                .iter()
                .find(|h| h.is(name))
                .and_then(|h| HeaderLine::new(name, h.value()).ok())
        };
        let mut headers = vec![HeaderLine::new("Content-Type", CONTENT_TYPE)?];
        headers.extend(echo(ECHOED[0]));
        headers.push(HeaderLine::new("X-ResponseCode", &code.0.to_string())?);
        headers.extend(ECHOED[1..].iter().filter_map(|n| echo(n)));
        if let Some(app) = &config.server_application {
            headers.push(HeaderLine::new("X-ServerApplication", app)?);
        }
        headers.push(HeaderLine::new(
            "X-PendingPeriod",
            &config.pending_period.as_millis().to_string(),
        )?);
        headers.push(HeaderLine::new(
            "X-ExpirationInfo",
            &config.expiration.as_millis().to_string(),
        )?);
        for c in cookies {
            headers.push(c.header_line()?);
        }
        Ok(ResponseHead {
            status: 200,
            response_code: code,
            headers,
        })
    }
}

/// The failure response body of every request type of both endpoints: StatusCode `code`,
/// AuxiliaryBufferSize 0 ([MS-OXCMAPIHTTP] 2.2.4.1.3, 2.2.4.2.3, ..., 2.2.5 "Failure Response
/// Body"). `code` 0 has no failure body: it gives the 8 bytes of code 1 (Unknown Failure).
pub fn failure_body(code: ResponseCode) -> Vec<u8> {
    let code = if code.0 == 0 { 1 } else { code.0 };
    ResponseBody::<NoFields>::failure(code)
        .to_bytes()
        .unwrap_or_else(|_| [code.to_le_bytes(), [0; 4]].concat())
}

/// Where the stream is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Nothing written yet: PROCESSING is due.
    Fresh,
    /// PROCESSING written; the next PENDING falls due at this time.
    Waiting(Instant),
}

/// Writes the inner response stream of one response ([MS-OXCMAPIHTTP] 2.2.2.2, 2.2.7,
/// 3.2.5.2) as time passes, sans I/O: [`poll`](Self::poll) gives PROCESSING first and then a
/// PENDING whenever a keep-alive period has passed since the last meta-tag (a caller that polls
/// late gets one PENDING, not a burst), [`next_due`](Self::next_due) says when to poll again,
/// and [`finish`](Self::finish) writes DONE, X-ElapsedTime, X-StartTime, the blank line and the
/// body.
#[derive(Clone, Debug)]
pub struct ResponseStreamWriter {
    period: Duration,
    received: Instant,
    start_time: SystemTime,
    stage: Stage,
    pending: usize,
}

const PROCESSING: &[u8] = b"PROCESSING\r\n";
const PENDING: &[u8] = b"PENDING\r\n";

impl ResponseStreamWriter {
    /// The stream of a response to a request received at `received` (monotonic: X-ElapsedTime
    /// counts from it) and `start_time` (the wall clock then: X-StartTime), with a keep-alive
    /// every `pending_period` (at least 1 ms).
    pub fn new(received: Instant, start_time: SystemTime, pending_period: Duration) -> Self {
        ResponseStreamWriter {
            period: pending_period.max(Duration::from_millis(1)),
            received,
            start_time,
            stage: Stage::Fresh,
            pending: 0,
        }
    }

    /// The bytes due at `now`: `PROCESSING\r\n` the first time, then `PENDING\r\n` when a
    /// keep-alive period has passed since the last meta-tag; `None` when nothing is due.
    pub fn poll(&mut self, now: Instant) -> Option<&'static [u8]> {
        match self.stage {
            Stage::Fresh => {
                self.stage = Stage::Waiting(now + self.period);
                Some(PROCESSING)
            }
            Stage::Waiting(due) if now >= due => {
                self.stage = Stage::Waiting(now + self.period);
                self.pending += 1;
                Some(PENDING)
            }
            Stage::Waiting(_) => None,
        }
    }

    /// When [`poll`](Self::poll) next has bytes (now, if PROCESSING is not written yet).
    pub fn next_due(&self) -> Option<Instant> {
        match self.stage {
            Stage::Fresh => Some(self.received),
            Stage::Waiting(due) => Some(due),
        }
    }

    /// How many PENDING keep-alives were written.
    pub fn pending_count(&self) -> usize {
        self.pending
    }

    /// The rest of the stream at `now`: PROCESSING if it was never polled, then `DONE`,
    /// `X-ElapsedTime` (milliseconds since the request was received), `X-StartTime` (an
    /// IMF-fixdate, RFC 7231 7.1.1.1; left out for a time it cannot show), the blank line and
    /// `body`.
    pub fn finish(self, now: Instant, body: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(body.len() + 96);
        if self.stage == Stage::Fresh {
            out.extend_from_slice(PROCESSING);
        }
        let elapsed = now.saturating_duration_since(self.received).as_millis();
        let mut extra = Vec::with_capacity(2);
        extra.extend(HeaderLine::new("X-ElapsedTime", &elapsed.to_string()).ok());
        if let Some(date) = imf_fixdate(self.start_time) {
            extra.extend(HeaderLine::new("X-StartTime", &date).ok());
        }
        // A Vec has room for anything: writing cannot fail.
        if put_done(&mut out, &extra, body).is_err() {
            out.clear();
            let _ = put_meta_tag(&mut out, MetaTag::Done);
        }
        out
    }
}

/// `t` as an IMF-fixdate (`Fri, 20 Nov 2026 08:00:00 GMT`, RFC 7231 7.1.1.1), the form of
/// X-StartTime ([MS-OXCMAPIHTTP] 2.2.3.3.10); `None` for a year outside 0001-9999, which the
/// form cannot show.
pub fn imf_fixdate(t: SystemTime) -> Option<String> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let secs = match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).ok()?,
        // Before 1970: whole seconds down (the fraction is not shown).
        Err(before) => {
            let d = before.duration();
            let whole = i64::try_from(d.as_secs()).ok()?;
            -whole - i64::from(d.subsec_nanos() > 0)
        }
    };
    let d = time::OffsetDateTime::from_unix_timestamp(secs).ok()?;
    if !(1..=9999).contains(&d.year()) {
        return None;
    }
    Some(format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        DAYS[usize::from(d.weekday().number_days_from_monday())],
        d.day(),
        MONTHS[usize::from(u8::from(d.month()) - 1)],
        d.year(),
        d.hour(),
        d.minute(),
        d.second()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::stream::ResponseStream;
    use crate::wire::{Decode, Limits};
    use std::time::UNIX_EPOCH;

    #[test]
    fn keep_alives_follow_the_pending_period() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut w = ResponseStreamWriter::new(t0, UNIX_EPOCH, ms(100));
        assert_eq!(w.next_due(), Some(t0));
        assert_eq!(w.poll(t0), Some(&b"PROCESSING\r\n"[..]));
        assert_eq!(w.next_due(), Some(t0 + ms(100)));
        assert_eq!(w.poll(t0 + ms(99)), None);
        assert_eq!(w.poll(t0 + ms(100)), Some(&b"PENDING\r\n"[..]));
        assert_eq!(w.poll(t0 + ms(150)), None);
        assert_eq!(w.next_due(), Some(t0 + ms(200)));
        // Polled late: one keep-alive, and the period runs from it.
        assert_eq!(w.poll(t0 + ms(530)), Some(&b"PENDING\r\n"[..]));
        assert_eq!(w.poll(t0 + ms(531)), None);
        assert_eq!(w.next_due(), Some(t0 + ms(630)));
        assert_eq!(w.pending_count(), 2);

        let mut stream = b"PROCESSING\r\nPENDING\r\nPENDING\r\n".to_vec();
        stream.extend(w.finish(t0 + ms(642), b"\x01\x02"));
        let s = ResponseStream::decode_exact(&stream, Limits::DEFAULT).unwrap();
        assert_eq!(
            s.meta_tags,
            [MetaTag::Processing, MetaTag::Pending, MetaTag::Pending]
        );
        let headers: Vec<&str> = s.additional_headers.iter().map(|h| h.as_str()).collect();
        assert_eq!(
            headers,
            [
                "X-ElapsedTime: 642",
                "X-StartTime: Thu, 01 Jan 1970 00:00:00 GMT"
            ]
        );
        assert_eq!(&s.body[..], [1, 2]);
    }

    #[test]
    fn a_stream_finished_at_once_still_starts_with_processing() {
        let t0 = Instant::now();
        let w = ResponseStreamWriter::new(t0, UNIX_EPOCH, Duration::from_secs(15));
        let bytes = w.finish(t0, &[]);
        assert!(bytes.starts_with(b"PROCESSING\r\nDONE\r\nX-ElapsedTime: 0\r\n"));
        assert!(bytes.ends_with(b"GMT\r\n\r\n"));
    }

    #[test]
    fn dates_are_imf_fixdates() {
        // The dates the example server's tests check against the httpdate crate.
        let at = |s: u64| UNIX_EPOCH + Duration::from_secs(s);
        assert_eq!(
            imf_fixdate(at(1_795_161_600)).unwrap(),
            "Fri, 20 Nov 2026 08:00:00 GMT"
        );
        assert_eq!(
            imf_fixdate(at(11_016 * 86_400)).unwrap(),
            "Tue, 29 Feb 2000 00:00:00 GMT"
        );
        // RFC 7231 7.1.1.1's own example.
        assert_eq!(
            imf_fixdate(at(784_111_777)).unwrap(),
            "Sun, 06 Nov 1994 08:49:37 GMT"
        );
    }

    #[test]
    fn heads_echo_the_request_and_carry_the_timers() {
        let req: Vec<HeaderLine<'static>> = [
            ("x-requesttype", "Execute"),
            ("X-RequestId", "E2EA6C1C-E61B-49E9-9CFB-38184F907552:3"),
            ("Cookie", "MapiContext=A"),
        ]
        .iter()
        .map(|(n, v)| HeaderLine::new(n, v).unwrap())
        .collect();
        let cookie = SetCookie {
            name: "MapiSequence",
            value: "0A".into(),
            endpoint: crate::http::headers::Endpoint::Mailbox,
        };
        let config = ResponseConfig {
            pending_period: Duration::from_millis(20),
            expiration: Duration::from_secs(900),
            server_application: Some("Test/1.0".into()),
        };
        let head = ResponseHead::new(ResponseCode(15), &req, &[cookie], &config).unwrap();
        let lines: Vec<&str> = head.headers.iter().map(|h| h.as_str()).collect();
        assert_eq!(
            lines,
            [
                "Content-Type: application/mapi-http",
                "X-RequestType: Execute",
                "X-ResponseCode: 15",
                "X-RequestId: E2EA6C1C-E61B-49E9-9CFB-38184F907552:3",
                "X-ServerApplication: Test/1.0",
                "X-PendingPeriod: 20",
                "X-ExpirationInfo: 900000",
                "Set-Cookie: MapiSequence=0A; path=/mapi/emsmdb/; HttpOnly",
            ]
        );
        assert_eq!(head.status, 200);
        // The failure body: StatusCode 15, AuxiliaryBufferSize 0.
        assert_eq!(failure_body(ResponseCode(15)), [15, 0, 0, 0, 0, 0, 0, 0]);
    }
}
