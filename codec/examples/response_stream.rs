//! Reading a response stream as it arrives ([MS-OXCMAPIHTTP] 2.2.2.2, 3.2.5.2): a
//! NotificationWait held by the server, which sends PROCESSING at once, a PENDING keep-alive
//! every X-PendingPeriod, then DONE, the additional headers and the body. The bytes are fed
//! to the client in 3-byte pieces, as a slow connection would deliver them; each meta-tag and
//! header is reported as soon as its line is complete.
//!
//! `cargo run -p mapi-codec --example response_stream`

use std::error::Error;

use mapi_codec::client::{Client, ClientConfig};
use mapi_codec::http::emsmdb::{EventPending, NotificationWaitRequest, NotificationWaitSuccess};
use mapi_codec::http::stream::{MetaTag, StreamEvent};
use mapi_codec::wire::{Guid, Limits};

fn main() -> Result<(), Box<dyn Error>> {
    let mut client = Client::new(ClientConfig::new(Guid(*b"stream-example-1")));
    let req = client.request(&NotificationWaitRequest::default())?;
    println!(
        "{} {} X-RequestType: {:?}",
        req.method,
        req.path,
        req.header("X-RequestType")
    );

    // The server's stream, written out: three keep-alives, then the answer. The body is a
    // NotificationWait success ([MS-OXCMAPIHTTP] 2.2.4.4.2): StatusCode 0, ErrorCode 0,
    // EventPending 1, AuxiliaryBufferSize 0.
    let mut stream = b"PROCESSING\r\nPENDING\r\nPENDING\r\nPENDING\r\nDONE\r\n\
X-ElapsedTime: 90012\r\nX-StartTime: Fri, 20 Nov 2026 08:00:00 GMT\r\n\r\n"
        .to_vec();
    for field in [0u32, 0, 1, 0] {
        stream.extend_from_slice(&field.to_le_bytes());
    }

    let head = [
        ("X-ResponseCode", "0"),
        ("X-PendingPeriod", "30000"),
        ("Transfer-Encoding", "chunked"),
    ];
    let mut reader = client.response(req.call, 200, head)?;
    let mut at = 0;
    for piece in stream.chunks(3) {
        at += piece.len();
        for event in reader.feed(piece)? {
            match event {
                StreamEvent::MetaTag(tag) => println!("byte {at:3}: meta-tag {}", tag.as_str()),
                StreamEvent::Header(h) => println!("byte {at:3}: header {}", h.as_str()),
                StreamEvent::BodyStarts => println!("byte {at:3}: the body starts"),
            }
        }
    }
    assert_eq!(
        reader.meta_tags(),
        [
            MetaTag::Processing,
            MetaTag::Pending,
            MetaTag::Pending,
            MetaTag::Pending
        ]
    );
    let resp = client.finish(reader)?;
    let waited: NotificationWaitSuccess<'_> = resp.fields(Limits::DEFAULT)?;
    println!(
        "NotificationWait: EventPending {:?}, X-ElapsedTime {:?} ms, X-StartTime {:?}",
        waited.event_pending,
        resp.elapsed_time()?,
        resp.start_time_text()
    );
    assert_eq!(waited.event_pending, EventPending::PENDING);
    assert_eq!(resp.elapsed_time()?, Some(90_012));

    // A stream cut before DONE is an error, not a short body.
    let req = client.request(&NotificationWaitRequest::default())?;
    let mut reader = client.response(req.call, 200, [("X-ResponseCode", "0")])?;
    reader.feed(b"PROCESSING\r\nPEND")?;
    let err = client.finish(reader).unwrap_err();
    println!("cut short: {err}");
    Ok(())
}
