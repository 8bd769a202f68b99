//! End-to-end tests over real HTTP on a loopback port: the client library against the server.

mod common;

use mapi_codec::wire::Outcome;
use std::time::Duration;

use mapi_codec::client::{ClientError, SEQUENCE_COOKIE};
use mapi_codec::data::PropTag;
use mapi_codec::http::emsmdb::{ExecuteFlags, ExecuteResponse};
use mapi_codec::http::headers::{Endpoint, ResponseCode};
use mapi_codec::http::stream::{MetaTag, StreamEvent};
use mapi_codec::rpc::ext::ExtFlags;
use mapi_codec::wire::{Decode, Limits};
use mapi_example::client::{self, cell, query_rows, MapiClient, NEW_HANDLE};
use mapi_example::mailbox::{self, Mailbox};
use mapi_example::server::{Clock, ServerHandle};

const LONG: Duration = Duration::from_secs(600);

#[tokio::test]
async fn client_lists_folders_messages_and_resolves_a_name() {
    let srv = common::start(LONG).await;
    let report = client::demo(&common::url(&srv), "bo").await.unwrap();
    let folders: Vec<(u32, &str, u32)> = report
        .folders
        .iter()
        .map(|(d, n, c)| (*d, n.as_str(), *c))
        .collect();
    assert_eq!(
        folders,
        [
            (1, "Inbox", 30),
            (2, "Projects", 0),
            (1, "Outbox", 0),
            (1, "Sent Items", 3),
            (1, "Deleted Items", 0),
            (1, "Drafts", 2),
        ]
    );
    let inbox = &Mailbox::sample().folders[4];
    assert_eq!(inbox.name, "Inbox");
    let subjects: Vec<&str> = report.messages.iter().map(|m| m[0].as_str()).collect();
    let expected: Vec<&str> = inbox.messages[..20]
        .iter()
        .map(|m| m.subject.as_str())
        .collect();
    assert_eq!(subjects, expected);
    assert_eq!(report.messages[0][1], "Ann Lee");
    assert_eq!(report.messages[0][2], "2026-11-20 08:00");
    assert_eq!(report.messages[1][3], "2565");
    assert_eq!(
        report.resolved.1,
        [[
            "Bo Chen".to_string(),
            "bochen@contoso.com".to_string(),
            "Software Engineer".to_string()
        ]]
    );
    let text = report.to_string();
    assert!(text.contains("  Projects"), "{text}");
    srv.shutdown().await;
}

/// A server whose sessions last [`LONG`], and a client connected to it and logged on to the
/// mailbox; the Logon object's handle.
async fn logged_on() -> (ServerHandle, MapiClient, u32) {
    let srv = common::start(LONG).await;
    let mut c = MapiClient::new(&common::url(&srv)).unwrap();
    c.connect(client::USER_DN).await.unwrap();
    let (logon, _) = client::logon(&mut c).await.unwrap();
    (srv, c, logon)
}

/// Opens the Inbox's contents table with subject and MID columns and reads `n` rows: gives the
/// subjects and the response's handle table (logon, folder, table).
async fn open_inbox(c: &mut MapiClient, logon: u32, n: u16) -> (Vec<String>, Vec<u32>) {
    let rops = client::table_requests(mailbox::INBOX, false, &[PropTag::SUBJECT, PropTag::MID], n);
    let reply = c
        .execute(rops, &[logon, NEW_HANDLE, NEW_HANDLE])
        .await
        .unwrap();
    let b = &reply.responses[0];
    (subjects(b), b.handles.iter().collect())
}

fn subjects(b: &mapi_codec::rop::RopResponseBuffer<'_>) -> Vec<String> {
    query_rows(b)
        .iter()
        .map(|r| cell(&r.get(0).expect("a row of one cell at least")))
        .collect()
}

fn inbox_subjects(range: std::ops::Range<usize>) -> Vec<String> {
    Mailbox::sample().folders[4].messages[range]
        .iter()
        .map(|m| m.subject.clone())
        .collect()
}

#[tokio::test]
async fn session_outlives_the_tcp_connection() {
    let (srv, mut c, logon) = logged_on().await;
    let (first, handles) = open_inbox(&mut c, logon, 5).await;
    assert_eq!(first, inbox_subjects(0..5));
    let cookies = c.cookies(Endpoint::Mailbox).clone();

    // Close the TCP connection mid-session; the next call opens a new one with the same
    // cookies and reads on from the same Table object's cursor (its columns are the client
    // session's, learnt from the first call).
    c.drop_connection();
    assert_eq!(c.cookies(Endpoint::Mailbox), &cookies);
    let reply = c
        .execute(vec![client::query_rows_request(5)], &handles)
        .await
        .unwrap();
    let next = subjects(&reply.responses[0]);
    assert_eq!(next, inbox_subjects(5..10));
    assert_ne!(
        c.cookies(Endpoint::Mailbox).sequence(),
        cookies.sequence(),
        "a fresh MapiSequence each time"
    );

    // A second drop, then NotificationWait and PING on the new connection.
    c.drop_connection();
    let (reply, pending) = c.notification_wait().await.unwrap();
    assert_eq!(pending, 0);
    assert_eq!(reply.stream.meta_tags.first(), Some(&MetaTag::Processing));
    let pendings = reply
        .events
        .iter()
        .filter(|e| **e == StreamEvent::MetaTag(MetaTag::Pending))
        .count();
    assert!(
        pendings >= 2,
        "held with PENDING keep-alives: {:?}",
        reply.events
    );
    assert_eq!(reply.header("x-pendingperiod"), Some("20"));
    let elapsed = reply.elapsed_time().unwrap().unwrap();
    assert!(elapsed >= 90, "held for the configured wait: {elapsed} ms");
    assert!(reply.start_time().unwrap().is_some());
    let ping = c.protocol.ping(Endpoint::Mailbox).unwrap();
    let reply = c.send(ping).await.unwrap();
    assert_eq!(reply.response_code(), Ok(Some(ResponseCode::SUCCESS)));
    assert!(reply.body().is_empty());

    // The sequence still holds after the unsequenced NotificationWait.
    let reply = c
        .execute(vec![client::query_rows_request(30)], &handles)
        .await
        .unwrap();
    assert_eq!(subjects(&reply.responses[0]), inbox_subjects(10..30));
    c.disconnect().await.unwrap();
    srv.shutdown().await;
}

#[tokio::test]
async fn stale_sequence_and_expired_session_get_their_codes() {
    // The server's clock moves only when the test moves it: however slow the machine, the
    // session expires exactly where the test says.
    let clock = Clock::default();
    let expiry = Duration::from_secs(300);
    let srv = common::start_with_clock(expiry, clock.clone()).await;
    let mut c = MapiClient::new(&common::url(&srv)).unwrap();
    c.connect(client::USER_DN).await.unwrap();
    let stale = c.cookies(Endpoint::Mailbox).sequence().unwrap().to_string();
    client::logon(&mut c).await.unwrap();

    // The sequence cookie of an earlier response: 15 Invalid Sequence, HTTP 200, a typed
    // error that keeps the Session Context.
    let fresh = c.cookies(Endpoint::Mailbox).sequence().unwrap().to_string();
    c.cookies_mut(Endpoint::Mailbox)
        .set(SEQUENCE_COOKIE, &stale);
    let err = c
        .execute(
            vec![client::query_rows_request(1)],
            &[NEW_HANDLE, NEW_HANDLE, NEW_HANDLE],
        )
        .await;
    match err {
        Err(client::MapiClientError::Protocol(ClientError::Rejected { code, .. })) => {
            assert_eq!(code, ResponseCode::INVALID_SEQUENCE)
        }
        other => panic!("{other:?}"),
    }
    let req = c.raw(Endpoint::Mailbox, "Disconnect", vec![0; 4]).unwrap();
    let reply = c.send(req).await.unwrap();
    assert_eq!(
        (reply.status, reply.response_code()),
        (200, Ok(Some(ResponseCode::INVALID_SEQUENCE)))
    );
    assert_eq!(&reply.body()[..4], 15u32.to_le_bytes());
    // The right one still works.
    c.cookies_mut(Endpoint::Mailbox)
        .set(SEQUENCE_COOKIE, &fresh);
    client::logon(&mut c).await.unwrap();

    // Just short of the expiry the session is there; past it: 10 Context Not Found, reported
    // as such; the client drops the Session Context, and a fresh Connect works.
    clock.advance(expiry - Duration::from_secs(1));
    client::logon(&mut c).await.unwrap();
    clock.advance(expiry + Duration::from_secs(1));
    let err = client::logon(&mut c).await.unwrap_err();
    match err {
        client::MapiClientError::Protocol(e) => {
            assert!(e.is_session_expired(), "{e}");
            assert_eq!(e.response_code(), Some(ResponseCode::CONTEXT_NOT_FOUND));
        }
        other => panic!("{other:?}"),
    }
    assert!(!c.protocol.endpoint(Endpoint::Mailbox).has_session_context());
    c.connect(client::USER_DN).await.unwrap();
    client::logon(&mut c).await.unwrap();
    srv.shutdown().await;
}

#[tokio::test]
async fn responses_are_compressed_unless_the_client_says_not_to() {
    let (srv, mut c, logon) = logged_on().await;
    let flags_of = |body: &[u8]| match ExecuteResponse::decode_exact(body, Limits::DEFAULT) {
        Ok(ExecuteResponse {
            body: Outcome::Success(s),
            ..
        }) => s.rop_buffer.0.unwrap().buffers[0].header().flags,
        other => panic!("{other:?}"),
    };
    let rops = |n| {
        client::table_requests(
            mailbox::INBOX,
            false,
            &[PropTag::SUBJECT, mailbox::SENDER_NAME],
            n,
        )
    };
    // Requests compressed and obfuscated (the client's default), responses too; with
    // NoCompression | NoXorMagic, both plain.
    let plain = ExecuteFlags(ExecuteFlags::NO_COMPRESSION.0 | ExecuteFlags::NO_XOR_MAGIC.0);
    let default = c.protocol.config().execute.flags;
    for (flags, packed) in [(default, true), (plain, false)] {
        c.protocol.config_mut().execute.flags = flags;
        let reply = c
            .execute(rops(30), &[logon, NEW_HANDLE, NEW_HANDLE])
            .await
            .unwrap();
        let f = flags_of(reply.response.body());
        assert_eq!(
            (
                f.contains(ExtFlags::COMPRESSED),
                f.contains(ExtFlags::XOR_MAGIC)
            ),
            (packed, packed)
        );
        assert_eq!(subjects(&reply.responses[0]), inbox_subjects(0..30));
    }
    srv.shutdown().await;
}

/// What an Execute answered: ErrorCode, and for each response of its ROP output buffer the
/// RopId and the index of the request it answers; for a RopBufferTooSmall, its SizeNeeded and
/// RequestBuffers.
#[derive(Debug)]
struct Answered {
    error_code: u32,
    rops: Vec<(u8, Option<usize>)>,
    too_small: Option<(u16, Vec<u8>)>,
    handles: Vec<u32>,
    /// The subjects of the RopQueryRows rows.
    subjects: Vec<String>,
}

/// Sends the ROP input buffer `input`, uncompressed, with `max_rop_out`; what came back,
/// decoded in `session` (which learns the columns set).
async fn execute_with_max_rop_out(
    c: &mut MapiClient,
    session: &mut mapi_codec::rop::Session,
    input: &[u8],
    max_rop_out: u32,
) -> Answered {
    use mapi_codec::http::body::{AuxiliaryBuffer, RopBuffer};
    use mapi_codec::http::emsmdb::ExecuteRequest;
    use mapi_codec::rop::{RopRequestBuffer, RopResponse};
    use mapi_codec::rpc::ext::{BuildOptions, ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
    use mapi_codec::wire::Encode;
    let chain = ExtendedBufferChain::pack(&[input], BuildOptions::default(), MAX_REQUEST_PAYLOAD);
    let body = ExecuteRequest {
        flags: ExecuteFlags(ExecuteFlags::NO_COMPRESSION.0 | ExecuteFlags::NO_XOR_MAGIC.0),
        rop_buffer: RopBuffer(Some(chain.unwrap())),
        max_rop_out,
        auxiliary_buffer: AuxiliaryBuffer(None),
    }
    .to_bytes()
    .unwrap();
    let req = c.raw(Endpoint::Mailbox, "Execute", body).unwrap();
    let reply = c.send(req).await.unwrap();
    assert_eq!(reply.response_code().unwrap(), Some(ResponseCode::SUCCESS));
    let body = ExecuteResponse::decode_exact(reply.body(), Limits::DEFAULT).unwrap();
    let s = body.fields().expect("a success body");
    let rq = RopRequestBuffer::decode_exact(input, Limits::DEFAULT).unwrap();
    let out = s
        .rop_response_buffers(std::slice::from_ref(&rq), Some(session), Limits::DEFAULT)
        .unwrap();
    let mut answered = Answered {
        error_code: s.error_code.0,
        rops: Vec::new(),
        too_small: None,
        handles: Vec::new(),
        subjects: Vec::new(),
    };
    if let Some(first) = out.first() {
        session.learn(&rq, first);
        answered.handles = first.handles.iter().collect();
        answered.subjects = subjects(first);
        assert!(first.raw.is_none(), "{:?}", first.raw);
        for (r, i) in first.rops.iter().zip(first.request_indexes(&rq)) {
            answered.rops.push((r.rop_id().0, i));
            if let RopResponse::BufferTooSmall(b) = r {
                answered.too_small = Some((b.size_needed, b.request_buffers.to_vec()));
            }
        }
    }
    answered
}

#[tokio::test]
async fn a_max_rop_out_too_small_for_the_answers_gets_rop_buffer_too_small() {
    use mapi_codec::rop::{HandleTable, RopRequestBuffer};
    use mapi_codec::wire::Encode;
    let (srv, mut c, logon) = logged_on().await;
    let mut session = mapi_codec::rop::Session::new();
    let rops = client::table_requests(mailbox::INBOX, false, &[PropTag::SUBJECT], 5);
    let input = RopRequestBuffer {
        rops,
        raw: None,
        handles: HandleTable::from_handles(&[logon, NEW_HANDLE, NEW_HANDLE]),
    }
    .to_bytes()
    .unwrap();
    // The requests' bytes: after RopSize, before the three handles.
    let requests = &input[2..input.len() - 12];
    let query_rows = &requests[requests.len() - 7..];
    // MaxRopOut that holds RPC_HEADER_EXT, RopSize, the handle table and a RopBufferTooSmall
    // handing every request back ([MS-OXCROPS] 2.2.15.1), and no more: the first three
    // answers (shorter than their requests) fit, a row of the table does not.
    let tight = (8 + 2 + 12 + 3 + requests.len()) as u32;
    let out = execute_with_max_rop_out(&mut c, &mut session, &input, tight).await;
    // RopOpenFolder, RopGetContentsTable, RopSetColumns, then RopBufferTooSmall (0xFF)
    // marking request 3, the RopQueryRows, as the first not processed.
    assert_eq!(
        out.rops,
        [
            (0x02, Some(0)),
            (0x05, Some(1)),
            (0x12, Some(2)),
            (0xFF, Some(3))
        ]
    );
    let (size_needed, handed_back) = out.too_small.unwrap();
    assert_eq!(handed_back, query_rows);
    // Sent again on the same table with MaxRopOut = SizeNeeded: the first row comes back,
    // the first of the Inbox (no row was lost to the refused answer).
    let mut again = u16::try_from(2 + handed_back.len())
        .unwrap()
        .to_le_bytes()
        .to_vec();
    again.extend(&handed_back);
    for h in &out.handles {
        again.extend(h.to_le_bytes());
    }
    let rows = execute_with_max_rop_out(&mut c, &mut session, &again, size_needed.into()).await;
    assert_eq!(rows.rops, [(0x15, Some(0))]);
    assert_eq!(rows.subjects, inbox_subjects(0..1));
    // One byte less than the tight MaxRopOut cannot even hand the requests back: the call
    // fails as a whole with ecBufferTooSmall (0x47D) and no ROP output.
    let none = execute_with_max_rop_out(&mut c, &mut session, &input, tight - 1).await;
    assert_eq!((none.error_code, none.rops.len()), (0x47D, 0));
    srv.shutdown().await;
}
