//! What server and client share about the HTTP layer of [MS-OXCMAPIHTTP] 2.2: the cookie
//! names, the content type, a streaming body for the chunked response, and date formatting.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use hyper::body::{Body, Frame};
use mapi_codec::wire::civil_from_days;
use tokio::sync::mpsc;

/// The Content-Type of every request and response ([MS-OXCMAPIHTTP] 2.2.3.2.2).
pub const CONTENT_TYPE: &str = "application/mapi-http";
/// The session context cookie's name ([MS-OXCMAPIHTTP] 3.2.5.1: implementation-specific; the
/// name Exchange and the spec's examples use).
pub const CONTEXT_COOKIE: &str = "MapiContext";
/// The sequence validation cookie's name ([MS-OXCMAPIHTTP] 3.2.5.1).
pub const SEQUENCE_COOKIE: &str = "MapiSequence";

/// A response body whose chunks arrive through a channel: the server sends PROCESSING at once,
/// PENDING keep-alives while it works, then DONE and the body ([MS-OXCMAPIHTTP] 3.2.5.2).
/// hyper writes each chunk as it comes, with chunked transfer coding.
#[derive(Debug)]
pub struct ChannelBody {
    rx: mpsc::Receiver<Bytes>,
}

impl ChannelBody {
    /// A body and the sender that feeds it; the body ends when the sender is dropped.
    pub fn channel() -> (mpsc::Sender<Bytes>, ChannelBody) {
        let (tx, rx) = mpsc::channel(8);
        (tx, ChannelBody { rx })
    }
}

impl Body for ChannelBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        self.rx
            .poll_recv(cx)
            .map(|chunk| chunk.map(|b| Ok(Frame::data(b))))
    }
}

/// `now` as an IMF-fixdate (`Fri, 20 Nov 2026 08:00:00 GMT`, RFC 7231 7.1.1.1), the form of
/// X-StartTime ([MS-OXCMAPIHTTP] 2.2.3.3.10).
pub fn http_date(now: SystemTime) -> String {
    let secs = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{}, {d:02} {} {y} {:02}:{:02}:{:02} GMT",
        WEEKDAYS[(days % 7) as usize],
        MONTHS[(m - 1) as usize],
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates() {
        let t = UNIX_EPOCH + Duration::from_secs(1_795_161_600);
        assert_eq!(http_date(t), "Fri, 20 Nov 2026 08:00:00 GMT");
        assert_eq!(http_date(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
