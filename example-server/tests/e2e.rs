//! End-to-end tests over real HTTP on a loopback port: the client library against the server.

mod common;

use mapi_codec::wire::Outcome;
use std::time::Duration;

use mapi_codec::data::PropTag;
use mapi_codec::http::emsmdb::{ExecuteFlags, ExecuteResponse};
use mapi_codec::http::headers::Endpoint;
use mapi_codec::http::stream::{MetaTag, StreamEvent};
use mapi_codec::rpc::ext::ExtFlags;
use mapi_codec::wire::{Decode, Limits};
use mapi_example::client::{self, cell, query_rows, MapiClient, NEW_HANDLE};
use mapi_example::mailbox::{self, Mailbox};
use mapi_example::server::ServerHandle;

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
    let out = c
        .execute(rops, &[logon, NEW_HANDLE, NEW_HANDLE])
        .await
        .unwrap();
    c.decode(&out, |b| (subjects(b), b.handles.iter().collect()))
        .unwrap()
}

fn subjects(b: &mapi_codec::rop::RopResponseBuffer<'_>) -> Vec<String> {
    query_rows(b).iter().map(|r| cell(&r.values[0])).collect()
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
    let cookies = c.emsmdb.clone();

    // Close the TCP connection mid-session; the next call opens a new one with the same
    // cookies and reads on from the same Table object's cursor.
    c.drop_connection();
    assert_eq!(c.emsmdb, cookies);
    let out = c
        .execute(vec![client::query_rows_request(5)], &handles)
        .await
        .unwrap();
    let next = c.decode(&out, subjects).unwrap();
    assert_eq!(next, inbox_subjects(5..10));
    assert_ne!(
        c.emsmdb.sequence, cookies.sequence,
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
    let elapsed: u64 = reply
        .stream
        .additional_headers
        .iter()
        .find(|h| h.is("X-ElapsedTime"))
        .and_then(|h| h.value().parse().ok())
        .unwrap();
    assert!(elapsed >= 90, "held for the configured wait: {elapsed} ms");
    let ping = c.request(Endpoint::Mailbox, "PING", Vec::new());
    let reply = c.send(ping).await.unwrap();
    assert_eq!(reply.response_code(), Some(0));
    assert!(reply.body().is_empty());

    // The sequence still holds after the unsequenced NotificationWait.
    let out = c
        .execute(vec![client::query_rows_request(30)], &handles)
        .await
        .unwrap();
    assert_eq!(c.decode(&out, subjects).unwrap(), inbox_subjects(10..30));
    c.disconnect().await.unwrap();
    srv.shutdown().await;
}

#[tokio::test]
async fn stale_sequence_and_expired_session_get_their_codes() {
    let srv = common::start(Duration::from_millis(300)).await;
    let mut c = MapiClient::new(&common::url(&srv)).unwrap();
    c.connect(client::USER_DN).await.unwrap();
    let stale = c.emsmdb.sequence.clone();
    client::logon(&mut c).await.unwrap();

    // The sequence cookie of an earlier response: 15 Invalid Sequence, HTTP 200.
    let fresh = c.emsmdb.sequence.clone();
    c.emsmdb.sequence = stale;
    let err = c
        .execute(
            vec![client::query_rows_request(1)],
            &[NEW_HANDLE, NEW_HANDLE, NEW_HANDLE],
        )
        .await;
    assert!(err.is_err());
    let req = c.request(Endpoint::Mailbox, "Disconnect", vec![0; 4]);
    let reply = c.send(req).await.unwrap();
    assert_eq!((reply.status, reply.response_code()), (200, Some(15)));
    assert_eq!(&reply.body()[..4], 15u32.to_le_bytes());
    // The right one still works.
    c.emsmdb.sequence = fresh;
    client::logon(&mut c).await.unwrap();

    // Past the expiry: 10 Context Not Found; a fresh Connect works.
    tokio::time::sleep(Duration::from_millis(450)).await;
    let req = c.request(Endpoint::Mailbox, "Disconnect", vec![0; 4]);
    let reply = c.send(req).await.unwrap();
    assert_eq!((reply.status, reply.response_code()), (200, Some(10)));
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
    for (flags, packed) in [(c.execute_flags, true), (plain, false)] {
        c.execute_flags = flags;
        let out = c
            .execute(rops(30), &[logon, NEW_HANDLE, NEW_HANDLE])
            .await
            .unwrap();
        let f = flags_of(out.reply.body());
        assert_eq!(
            (
                f.contains(ExtFlags::COMPRESSED),
                f.contains(ExtFlags::XOR_MAGIC)
            ),
            (packed, packed)
        );
        assert_eq!(c.decode(&out, subjects).unwrap(), inbox_subjects(0..30));
    }
    srv.shutdown().await;
}
