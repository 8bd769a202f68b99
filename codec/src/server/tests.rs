//! The server layer end to end, without I/O: requests as bytes and header lines in, replies
//! out, time given by the test.

use super::*;
use crate::http::headers::{Headers, SessionCookies};
use crate::http::stream::{MetaTag, ResponseStream};
use crate::wire::Decode;

const ID: &str = "E2EA6C1C-E61B-49E9-9CFB-38184F907552:1";
const INFO: &str = "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1";

fn server(expiry: Duration) -> Server<u32> {
    let mut n = 0u8;
    Server::new(
        ServerConfig {
            pending_period: Duration::from_millis(50),
            session_expiry: expiry,
            server_application: Some("Test/1.0".into()),
            limits: Limits::DEFAULT,
        },
        move |b: &mut [u8]| {
            n = n.wrapping_add(1);
            b.fill(n);
        },
    )
}

/// The header lines of a request of `rt` carrying `cookies`.
fn headers(rt: &str, cookies: &SessionCookies<'_>) -> Vec<HeaderLine<'static>> {
    let mut v = vec![
        HeaderLine::new("X-RequestType", rt).unwrap(),
        HeaderLine::new("X-RequestId", ID).unwrap(),
        HeaderLine::new("X-ClientInfo", INFO).unwrap(),
    ];
    if let Some(c) = cookies.mapi_context {
        v.push(HeaderLine::new("Cookie", &format!("MapiContext={c}")).unwrap());
    }
    if let Some(s) = cookies.mapi_sequence {
        v.push(HeaderLine::new("Cookie", &format!("MapiSequence={s}")).unwrap());
    }
    v
}

/// The client's cookies: those the last reply set, over the ones it had.
#[derive(Default, Clone)]
struct Jar {
    context: Option<String>,
    sequence: Option<String>,
}

impl Jar {
    fn take(&mut self, reply: &Reply) {
        let c = Headers(&reply.head.headers).session_cookies();
        if let Some(v) = c.mapi_context {
            self.context = Some(v.into());
        }
        if let Some(v) = c.mapi_sequence {
            self.sequence = Some(v.into());
        }
    }

    fn cookies(&self) -> SessionCookies<'_> {
        SessionCookies {
            mapi_context: self.context.as_deref(),
            mapi_sequence: self.sequence.as_deref(),
        }
    }
}

/// Sends one request through `s` at `now` and answers it (Connect opens a session holding 0,
/// Execute bumps the session's count); the reply's X-ResponseCode.
fn send(s: &mut Server<u32>, jar: &mut Jar, now: Instant, rt: &str, body: &[u8]) -> u32 {
    let h = headers(rt, &jar.cookies());
    let http = HttpRequest {
        method: "POST",
        target: "/mapi/emsmdb/",
        headers: &h,
        body: Some(body),
    };
    let reply = match s.receive(now, SystemTime::UNIX_EPOCH, &http) {
        Err(r) => *r,
        Ok(call) => match call.request {
            Request::Connect(_) => s.open(call, 0),
            Request::Execute(_) => {
                *s.session(&call).unwrap() += 1;
                s.reply(call)
            }
            _ => s.reply(call),
        },
    };
    jar.take(&reply);
    reply.head.response_code.0
}

/// A Connect request body.
fn connect_body() -> Vec<u8> {
    use crate::http::emsmdb::ConnectRequest;
    use crate::nspi::AuxiliaryBuffer;
    use crate::wire::{AnsiStr, Encode};
    ConnectRequest {
        user_dn: AnsiStr::from_wire(b"/o=Org/cn=u").unwrap(),
        flags: 0,
        default_code_page: 1252,
        lcid_sort: 0x409,
        lcid_string: 0x409,
        auxiliary_buffer: AuxiliaryBuffer(None),
    }
    .to_bytes()
    .unwrap()
}

/// An Execute request body with an empty RopBuffer.
const EXECUTE: [u8; 16] = [0; 16];
/// A Disconnect request body.
const DISCONNECT: [u8; 4] = [0; 4];

#[test]
fn a_stale_sequence_gets_15_and_failures_do_not_move_it() {
    let t0 = Instant::now();
    let mut s = server(Duration::from_secs(60));
    let mut jar = Jar::default();
    assert_eq!(send(&mut s, &mut jar, t0, "Connect", &connect_body()), 0);
    let first = jar.clone();
    assert_eq!(send(&mut s, &mut jar, t0, "Execute", &EXECUTE), 0);
    assert_ne!(jar.sequence, first.sequence, "each response sets a new one");
    // The sequence cookie of an earlier response: 15 Invalid Sequence.
    let mut stale = first.clone();
    assert_eq!(send(&mut s, &mut stale, t0, "Execute", &EXECUTE), 15);
    // A body that does not decode: 12, and the sequence stays where it was.
    let before = jar.sequence.clone();
    assert_eq!(send(&mut s, &mut jar, t0, "Execute", b"junk"), 12);
    assert_eq!(jar.sequence, before);
    assert_eq!(send(&mut s, &mut jar, t0, "Execute", &EXECUTE), 0);
    // Two Executes ran in the session.
    let ctx = jar.context.clone().unwrap();
    assert_eq!(s.sessions().get_mut(&ctx, t0), Some(&mut 2));
}

#[test]
fn expired_and_unknown_contexts_get_10() {
    let t0 = Instant::now();
    let mut s = server(Duration::from_millis(300));
    let mut jar = Jar::default();
    assert_eq!(send(&mut s, &mut jar, t0, "Connect", &connect_body()), 0);
    let later = t0 + Duration::from_millis(250);
    assert_eq!(send(&mut s, &mut jar, later, "Execute", &EXECUTE), 0);
    // 300 ms after the last request, still there; 301 ms after, gone.
    let edge = later + Duration::from_millis(300);
    assert_eq!(send(&mut s, &mut jar, edge, "Execute", &EXECUTE), 0);
    let past = edge + Duration::from_millis(301);
    assert_eq!(send(&mut s, &mut jar, past, "Disconnect", &DISCONNECT), 10);
    // An unknown context, and no context at all.
    let mut other = Jar {
        context: Some("0123".into()),
        sequence: Some("x".into()),
    };
    assert_eq!(send(&mut s, &mut other, t0, "Execute", &EXECUTE), 10);
    assert_eq!(
        send(&mut s, &mut Jar::default(), t0, "Execute", &EXECUTE),
        13
    );
    // A fresh Connect works.
    assert_eq!(send(&mut s, &mut jar, past, "Connect", &connect_body()), 0);
    assert_eq!(send(&mut s, &mut jar, past, "Execute", &EXECUTE), 0);
}

#[test]
fn disconnect_ends_the_session() {
    let t0 = Instant::now();
    let mut s = server(Duration::from_secs(60));
    let mut jar = Jar::default();
    assert_eq!(send(&mut s, &mut jar, t0, "Connect", &connect_body()), 0);
    assert_eq!(send(&mut s, &mut jar, t0, "Disconnect", &DISCONNECT), 0);
    assert!(s.sessions().is_empty());
    assert_eq!(send(&mut s, &mut jar, t0, "Execute", &EXECUTE), 10);
}

#[test]
fn refusals_carry_their_code_the_echo_and_a_failure_body() {
    let t0 = Instant::now();
    let mut s = server(Duration::from_secs(60));
    let h = headers("Bind", &SessionCookies::default());
    let http = HttpRequest {
        method: "POST",
        target: "/mapi/emsmdb",
        headers: &h,
        body: None,
    };
    // Bind at the mailbox endpoint: 5 before the unread body's 9.
    let reply = s.receive(t0, SystemTime::UNIX_EPOCH, &http).unwrap_err();
    assert_eq!(reply.head.response_code, ResponseCode::INVALID_REQUEST_TYPE);
    let head = Headers(&reply.head.headers);
    assert_eq!(head.request_id().unwrap().unwrap().to_string(), ID);
    assert_eq!(head.get("X-RequestType").unwrap().value(), "Bind");
    let body = reply.failure_body.unwrap();
    assert_eq!(body, [5, 0, 0, 0, 0, 0, 0, 0]);
    // The stream around the failure body: PROCESSING, DONE, headers, the body.
    let bytes = reply.stream.finish(t0, &body);
    let stream = ResponseStream::decode_exact(&bytes, Limits::DEFAULT).unwrap();
    assert_eq!(stream.meta_tags, [MetaTag::Processing]);
    assert_eq!(&stream.body[..], body);

    let h = headers("PING", &SessionCookies::default());
    let http = HttpRequest { body: None, ..http };
    let http = HttpRequest {
        headers: &h,
        ..http
    };
    let reply = s.receive(t0, SystemTime::UNIX_EPOCH, &http).unwrap_err();
    assert_eq!(reply.head.response_code, ResponseCode::TOO_LARGE);
}

#[test]
fn ping_needs_no_session_and_connect_is_answered_by_open() {
    let t0 = Instant::now();
    let mut s = server(Duration::from_secs(60));
    let h = headers("PING", &SessionCookies::default());
    let http = HttpRequest {
        method: "POST",
        target: "/mapi/nspi/",
        headers: &h,
        body: Some(&[]),
    };
    let call = s.receive(t0, SystemTime::UNIX_EPOCH, &http).unwrap();
    assert!(matches!(call.request, Request::Ping(_)));
    // A PING opens no session.
    let reply = s.open(call, 1);
    assert_eq!(reply.head.response_code, ResponseCode::UNKNOWN_FAILURE);
    assert!(s.sessions().is_empty());
    let call = s.receive(t0, SystemTime::UNIX_EPOCH, &http).unwrap();
    let reply = s.reply(call);
    assert_eq!(reply.head.response_code, ResponseCode::SUCCESS);
    assert!(reply.failure_body.is_none());
}
