//! What server and client share about the HTTP layer of [MS-OXCMAPIHTTP] 2.2: the cookie
//! names, the content type, a streaming body for the chunked response, and date formatting.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::SystemTime;

use bytes::Bytes;
use hyper::body::{Body, Frame};
use tokio::sync::mpsc;

/// The Content-Type of every request and response ([MS-OXCMAPIHTTP] 2.2.3.2.2); the session
/// context cookie's name (3.2.5.1: implementation-specific; the name Exchange and the spec's
/// examples use); the sequence validation cookie's name (3.2.5.1).
pub use mapi_codec::server::{CONTENT_TYPE, CONTEXT_COOKIE, SEQUENCE_COOKIE};

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
/// X-StartTime ([MS-OXCMAPIHTTP] 2.2.3.3.10), by the `httpdate` crate (the server's X-StartTime
/// is the codec's [`mapi_codec::server::imf_fixdate`], checked against this one).
pub fn http_date(now: SystemTime) -> String {
    httpdate::fmt_http_date(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn dates() {
        let t = UNIX_EPOCH + Duration::from_secs(1_795_161_600);
        assert_eq!(http_date(t), "Fri, 20 Nov 2026 08:00:00 GMT");
        assert_eq!(http_date(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 GMT");
        let leap_day = UNIX_EPOCH + Duration::from_secs(11_016 * 86_400);
        assert_eq!(http_date(leap_day), "Tue, 29 Feb 2000 00:00:00 GMT");
    }

    #[test]
    fn the_codec_writes_x_start_time_as_httpdate_does() {
        // Every day of 1970-2100 at a time that moves with it (an independent implementation
        // as the oracle).
        for day in 0..47_847u64 {
            let t = UNIX_EPOCH + Duration::from_secs(day * 86_400 + (day * 7_919) % 86_400);
            assert_eq!(
                mapi_codec::server::imf_fixdate(t).as_deref(),
                Some(http_date(t).as_str()),
                "day {day}"
            );
        }
    }
}
