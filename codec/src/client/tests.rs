//! The client layer against hand-written responses: cookies, counters, the expiry of a
//! Session Context, the response stream in pieces, and Execute pairing across calls.

use super::*;
use crate::data::{PropTag, PropertyValue, RowValue};
use crate::http::emsmdb::{ConnectRequest, ConnectSuccess, ExecuteFlags};
use crate::http::headers::GuidCounter;
use crate::http::stream::{MetaTag, StreamEvent};
use crate::nspi::{BindRequest, BindResponse, Has, Stat, UnbindRequest};
use crate::rop::field::{Outcome, PropTags};
use crate::rop::table::{QueryRowsRequest, SetColumnsRequest};
use crate::rop::{HandleTable, RopRequest, RopResponse};
use crate::rpc::ext::{BuildOptions, ExtFlags};
use crate::wire::{AnsiStr, Decode};

const GUID: Guid = Guid([
    0x39, 0x3C, 0xF3, 0x2E, 0xC8, 0x49, 0x1C, 0x42, 0xB8, 0x76, 0xCD, 0xF7, 0xF2, 0xAC, 0x3A, 0xA0,
]);

fn client() -> Client {
    Client::new(ClientConfig::new(GUID))
}

fn connect_body() -> ConnectRequest<'static> {
    ConnectRequest {
        user_dn: AnsiStr::from_vec(b"/o=Contoso/cn=Recipients/cn=u".to_vec()).unwrap(),
        flags: 0,
        default_code_page: 1252,
        lcid_sort: 0x409,
        lcid_string: 0x409,
        auxiliary_buffer: Default::default(),
    }
}

fn bind_body() -> BindRequest<'static> {
    BindRequest {
        flags: 0,
        state: Has::some(Stat::at_start(1252, 0x409)),
        auxiliary_buffer: Default::default(),
    }
}

/// A response stream written out by hand: PROCESSING, DONE, X-ElapsedTime and X-StartTime,
/// then `body`.
fn stream(body: &[u8]) -> Vec<u8> {
    let mut s = b"PROCESSING\r\nPENDING\r\nDONE\r\nX-ElapsedTime: 7\r\n\
X-StartTime: Thu, 18 Jul 2013 19:38:19 GMT\r\n\r\n"
        .to_vec();
    s.extend_from_slice(body);
    s
}

/// Answers `req` with status 200, the header lines `head` and the stream of `body`, fed in
/// pieces of 5 bytes.
fn answer(c: &mut Client, req: &HttpRequest, head: &[(&str, &str)], body: &[u8]) -> Response {
    let mut r = c.response(req.call, 200, head.iter().copied()).unwrap();
    for piece in stream(body).chunks(5) {
        r.feed(piece).unwrap();
    }
    c.finish(r).unwrap()
}

/// A failure response body: StatusCode `code`, AuxiliaryBufferSize 0 (2.2.4.1.3).
fn failure(code: u32) -> Vec<u8> {
    let mut b = code.to_le_bytes().to_vec();
    b.extend_from_slice(&[0; 4]);
    b
}

/// The success body of a Connect: StatusCode 0, ErrorCode 0, PollsMax, RetryCount,
/// RetryDelay, DnPrefix "" and DisplayName "" (one terminator each), no auxiliary buffer.
fn connect_success() -> Vec<u8> {
    let mut b = vec![0; 8];
    for v in [60_000u32, 6, 10_000] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    b.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0]);
    b
}

fn connected(c: &mut Client) {
    let req = c.request(&connect_body()).unwrap();
    let head = [
        ("X-ResponseCode", "0"),
        ("Set-Cookie", "MapiContext=ctx1; path=/mapi/; HttpOnly"),
        ("Set-Cookie", "MapiSequence=seq1; path=/mapi/emsmdb"),
    ];
    answer(c, &req, &head, &connect_success()).ok().unwrap();
}

fn parsed(req: &HttpRequest, name: &str) -> GuidCounter {
    GuidCounter::parse(req.header(name).unwrap()).unwrap()
}

#[test]
fn requests_carry_the_protocol_headers() {
    let mut c = client();
    let req = c.request(&connect_body()).unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/mapi/emsmdb/");
    assert_eq!(req.header("Content-Type"), Some("application/mapi-http"));
    assert_eq!(req.header("X-RequestType"), Some("Connect"));
    assert!(req
        .header("X-ClientApplication")
        .unwrap()
        .starts_with("mapi-codec/"));
    assert_eq!(req.header("Cookie"), None, "no Session Context yet");
    // The body is the Connect request body, byte for byte ([MS-OXCMAPIHTTP] 2.2.4.1.1).
    assert_eq!(
        ConnectRequest::decode_exact(&req.body, Limits::DEFAULT).unwrap(),
        connect_body()
    );
    let req = c.request(&bind_body()).unwrap();
    assert_eq!(
        (req.path.as_str(), req.header("X-RequestType")),
        ("/mapi/nspi/", Some("Bind"))
    );
    let unbind = UnbindRequest {
        reserved: 0,
        auxiliary_buffer: Default::default(),
    };
    assert_eq!(c.request(&unbind).unwrap().body, [0; 8]);
}

/// Every request type of both endpoints has its body, on the endpoint the spec names.
#[test]
fn every_request_type_has_a_body() {
    use crate::http::emsmdb::*;
    use crate::nspi::*;
    fn of<B: RequestBody>() -> (RequestType<'static>, Endpoint) {
        (B::REQUEST_TYPE, B::endpoint())
    }
    let table = [
        of::<ConnectRequest<'_>>(),
        of::<ExecuteRequest<'_>>(),
        of::<DisconnectRequest<'_>>(),
        of::<NotificationWaitRequest<'_>>(),
        of::<BindRequest<'_>>(),
        of::<UnbindRequest<'_>>(),
        of::<CompareMIdsRequest<'_>>(),
        of::<DnToMIdRequest<'_>>(),
        of::<GetMatchesRequest<'_>>(),
        of::<GetPropListRequest<'_>>(),
        of::<GetPropsRequest<'_>>(),
        of::<GetSpecialTableRequest<'_>>(),
        of::<GetTemplateInfoRequest<'_>>(),
        of::<ModLinkAttRequest<'_>>(),
        of::<ModPropsRequest<'_>>(),
        of::<QueryColumnsRequest<'_>>(),
        of::<QueryRowsRequest<'_>>(),
        of::<ResolveNamesRequest<'_>>(),
        of::<ResortRestrictionRequest<'_>>(),
        of::<SeekEntriesRequest<'_>>(),
        of::<UpdateStatRequest<'_>>(),
        of::<GetMailboxUrlRequest<'_>>(),
        of::<GetAddressBookUrlRequest<'_>>(),
    ];
    let types: Vec<&str> = table.iter().map(|(t, _)| t.0).collect();
    let all: Vec<&str> = RequestType::ALL
        .iter()
        .filter(|t| **t != RequestType::PING)
        .map(|t| t.0)
        .collect();
    assert_eq!(types, all);
    let mailbox = ["Connect", "Execute", "Disconnect", "NotificationWait"];
    for (t, e) in table {
        let want = match mailbox.contains(&t.0) {
            true => Endpoint::Mailbox,
            false => Endpoint::AddressBook,
        };
        assert_eq!(e, want, "{}", t.0);
    }
}

#[test]
fn cookies_are_kept_per_endpoint_and_sent_back() {
    let mut c = client();
    connected(&mut c);
    let jar = c.endpoint(Endpoint::Mailbox).cookies();
    assert_eq!(
        (jar.context(), jar.sequence()),
        (Some("ctx1"), Some("seq1"))
    );
    let req = c.ping(Endpoint::Mailbox).unwrap();
    assert_eq!(
        req.header("Cookie"),
        Some("MapiContext=ctx1; MapiSequence=seq1")
    );
    // The address book has a Session Context of its own.
    assert_eq!(
        c.ping(Endpoint::AddressBook).unwrap().header("Cookie"),
        None
    );

    // A new sequence cookie replaces the old; another cookie is kept and sent too; a line
    // that is no cookie is ignored.
    let req = c.ping(Endpoint::Mailbox).unwrap();
    let head = [
        ("X-ResponseCode", "0"),
        ("Set-Cookie", "MapiSequence=seq2; path=/mapi/emsmdb"),
        ("Set-Cookie", "X-BackEndCookie=be=1; secure"),
        ("Set-Cookie", "no pair"),
    ];
    answer(&mut c, &req, &head, b"");
    let req = c.ping(Endpoint::Mailbox).unwrap();
    assert_eq!(
        req.header("Cookie"),
        Some("MapiContext=ctx1; MapiSequence=seq2; X-BackEndCookie=be=1")
    );

    // Max-Age=0 removes a cookie, and so does an Expires before the response's Date.
    let head = [
        ("X-ResponseCode", "0"),
        ("Date", "Fri, 20 Nov 2026 08:00:00 GMT"),
        ("Set-Cookie", "X-BackEndCookie=; Max-Age=0"),
        (
            "Set-Cookie",
            "MapiSequence=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
        ),
    ];
    answer(&mut c, &req, &head, b"");
    let jar = c.endpoint(Endpoint::Mailbox).cookies();
    assert_eq!(jar.iter().collect::<Vec<_>>(), [("MapiContext", "ctx1")]);
}

#[test]
fn a_new_session_context_does_not_mix_cookies_with_the_old() {
    let mut c = client();
    connected(&mut c);
    c.endpoint_mut(Endpoint::Mailbox)
        .cookies_mut()
        .set("Stale", "1");
    // Connect again (re-establishing, with the cookies held): the jar is the new response's.
    let req = c.request(&connect_body()).unwrap();
    assert_eq!(
        req.header("Cookie"),
        Some("MapiContext=ctx1; MapiSequence=seq1; Stale=1")
    );
    let head = [
        ("X-ResponseCode", "0"),
        ("Set-Cookie", "MapiContext=ctx2"),
        ("Set-Cookie", "MapiSequence=seq9"),
    ];
    answer(&mut c, &req, &head, &connect_success());
    let jar = c.endpoint(Endpoint::Mailbox).cookies();
    assert_eq!(
        jar.iter().collect::<Vec<_>>(),
        [("MapiContext", "ctx2"), ("MapiSequence", "seq9")]
    );
}

#[test]
fn request_ids_and_client_info_follow_the_spec() {
    let mut c = client();
    let first = c.request(&connect_body()).unwrap();
    let id1 = parsed(&first, "X-RequestId");
    let info1 = parsed(&first, "X-ClientInfo");
    // X-ClientInfo's GUID is the client instance's ([MS-OXCMAPIHTTP] 2.2.3.3.4).
    assert_eq!(info1.guid, GUID);
    assert_eq!(
        first.header("X-ClientInfo"),
        Some("{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1")
    );
    assert_ne!(id1.guid, GUID);
    answer(
        &mut c,
        &first,
        &[("X-ResponseCode", "0"), ("Set-Cookie", "MapiContext=a")],
        &connect_success(),
    );
    // Within the Session Context: the same GUID, the counter one up for each request, the same
    // X-ClientInfo (2.2.3.3.2).
    let mut last = id1.counter;
    for _ in 0..3 {
        let req = c.ping(Endpoint::Mailbox).unwrap();
        let id = parsed(&req, "X-RequestId");
        assert_eq!((id.guid, id.counter), (id1.guid, last + 1));
        assert_eq!(parsed(&req, "X-ClientInfo"), info1);
        last = id.counter;
    }
    // A Bind begins a Session Context on the other endpoint: its own GUID, a new
    // X-ClientInfo counter.
    let bind = c.request(&bind_body()).unwrap();
    let bind_id = parsed(&bind, "X-RequestId");
    assert!(bind_id.guid != id1.guid && bind_id.guid != GUID);
    assert_eq!(parsed(&bind, "X-ClientInfo").counter, 2);
    // Re-establishing the mailbox's (Connect with its cookies): a new X-RequestId GUID (the
    // server makes a new Session Context, 3.2.5.6), the same X-ClientInfo counter; the request
    // counter goes on increasing.
    let again = c.request(&connect_body()).unwrap();
    let id2 = parsed(&again, "X-RequestId");
    assert!(id2.guid != id1.guid && id2.guid != bind_id.guid);
    assert_eq!(id2.counter, last + 1);
    assert_eq!(parsed(&again, "X-ClientInfo").counter, 1);
    // After the context expires, a Connect is a new Session Context: a new counter.
    answer(&mut c, &again, &[("X-ResponseCode", "10")], &failure(10));
    let fresh = c.request(&connect_body()).unwrap();
    assert_eq!(parsed(&fresh, "X-ClientInfo").counter, 3);
    assert_eq!(
        c.endpoint(Endpoint::Mailbox).request_id(),
        parsed(&fresh, "X-RequestId")
    );
}

#[test]
fn an_expired_context_is_reported_and_reset() {
    for code in [6u32, 10] {
        let mut c = client();
        connected(&mut c);
        c.session_mut().set_columns(7, vec![PropTag::SUBJECT]);
        let req = c.ping(Endpoint::Mailbox).unwrap();
        // A call built before the expiry, answered after it.
        let late = c.ping(Endpoint::Mailbox).unwrap();
        let text = code.to_string();
        let resp = answer(&mut c, &req, &[("X-ResponseCode", &text)], &failure(code));
        let err = resp.clone().ok().unwrap_err();
        assert_eq!(
            err,
            ClientError::SessionExpired {
                endpoint: Endpoint::Mailbox,
                code: ResponseCode(code)
            }
        );
        assert!(err.is_session_expired());
        assert!(!c.endpoint(Endpoint::Mailbox).has_session_context());
        assert_eq!(
            c.session().columns(7),
            None,
            "the mailbox session starts over"
        );
        // The late response's cookies belong to the ended context: not taken.
        answer(
            &mut c,
            &late,
            &[("X-ResponseCode", "0"), ("Set-Cookie", "MapiContext=old")],
            b"",
        );
        assert!(c.endpoint(Endpoint::Mailbox).cookies().is_empty());
        assert_eq!(c.ping(Endpoint::Mailbox).unwrap().header("Cookie"), None);
    }
    // The address book's expiry leaves the mailbox alone.
    let mut c = client();
    connected(&mut c);
    let req = c.request(&bind_body()).unwrap();
    answer(
        &mut c,
        &req,
        &[("X-ResponseCode", "0"), ("Set-Cookie", "MapiContext=ab")],
        b"",
    );
    let req = c.ping(Endpoint::AddressBook).unwrap();
    answer(&mut c, &req, &[("X-ResponseCode", "10")], &failure(10));
    assert!(!c.endpoint(Endpoint::AddressBook).has_session_context());
    assert!(c.endpoint(Endpoint::Mailbox).has_session_context());
}

#[test]
fn other_codes_are_typed_errors_and_keep_the_context() {
    let mut c = client();
    connected(&mut c);
    let req = c.ping(Endpoint::Mailbox).unwrap();
    let resp = answer(&mut c, &req, &[("X-ResponseCode", "15")], &failure(15));
    assert_eq!(
        resp.check().unwrap_err(),
        ClientError::Rejected {
            request_type: RequestType::PING,
            code: ResponseCode::INVALID_SEQUENCE
        }
    );
    assert_eq!(
        resp.check().unwrap_err().to_string(),
        "PING refused: X-ResponseCode 15 (Invalid Sequence)"
    );
    assert!(c.endpoint(Endpoint::Mailbox).has_session_context());
    // A code that only comes after DONE counts, and wins over the head's.
    let req = c.ping(Endpoint::Mailbox).unwrap();
    let mut r = c
        .response(req.call, 200, [("X-ResponseCode", "0")])
        .unwrap();
    r.feed(b"DONE\r\nX-ResponseCode: 10\r\n\r\n").unwrap();
    let resp = c.finish(r).unwrap();
    assert!(resp.check().unwrap_err().is_session_expired());
    assert!(!c.endpoint(Endpoint::Mailbox).has_session_context());
    // No X-ResponseCode at all.
    let req = c.ping(Endpoint::Mailbox).unwrap();
    let resp = answer(&mut c, &req, &[], b"");
    assert_eq!(resp.check(), Err(ClientError::MissingResponseCode));
}

#[test]
fn http_failures_unknown_calls_and_abandoned_ones() {
    let mut c = client();
    connected(&mut c);
    let req = c.ping(Endpoint::Mailbox).unwrap();
    let err = c.response(req.call, 401, [("Www-Authenticate", "Negotiate")]);
    assert_eq!(
        err.unwrap_err(),
        ClientError::HttpStatus {
            status: 401,
            response_code: None
        }
    );
    // The call is over.
    let again = c.response(req.call, 200, [("X-ResponseCode", "0")]);
    assert_eq!(again.unwrap_err(), ClientError::UnknownCall(req.call));
    // A dropped connection: the call goes, the Session Context's cookies stay.
    let req = c.ping(Endpoint::Mailbox).unwrap();
    assert_eq!(c.pending_calls().collect::<Vec<_>>(), [req.call]);
    assert!(c.abandon(req.call));
    assert!(c.pending_calls().next().is_none());
    assert_eq!(
        c.ping(Endpoint::Mailbox).unwrap().header("Cookie"),
        Some("MapiContext=ctx1; MapiSequence=seq1")
    );
    // A malformed X-ResponseCode.
    let req = c.ping(Endpoint::Mailbox).unwrap();
    let err = c.response(req.call, 200, [("X-ResponseCode", "zero")]);
    assert!(matches!(err, Err(ClientError::Header(_))));
    // Header lines that are not visible ASCII are left out; the rest is read.
    let req = c.ping(Endpoint::Mailbox).unwrap();
    let head: [(&str, &[u8]); 2] = [("Server", b"caf\xc3\xa9"), ("X-ResponseCode", b"0")];
    let r = c.response(req.call, 200, head).unwrap();
    assert_eq!(r.headers().len(), 1);
}

#[test]
fn the_stream_is_read_in_pieces() {
    let mut c = client();
    let req = c.request(&bind_body()).unwrap();
    let mut r = c
        .response(
            req.call,
            200,
            [("X-ResponseCode", "0"), ("Set-Cookie", "MapiContext=n")],
        )
        .unwrap();
    // Bind success: StatusCode 0, ErrorCode 0, ServerGuid, AuxiliaryBufferSize 0
    // ([MS-OXCMAPIHTTP] 2.2.5.1.2).
    let mut body = vec![0; 8];
    body.extend_from_slice(&GUID.0);
    body.extend_from_slice(&[0; 4]);
    let bytes = stream(&body);
    let mut events = Vec::new();
    for b in bytes.chunks(1) {
        events.extend_from_slice(r.feed(b).unwrap());
        if events.len() == 1 {
            assert_eq!(r.meta_tags(), [MetaTag::Processing]);
        }
    }
    assert!(r.in_body());
    assert_eq!(
        events[..3],
        [
            StreamEvent::MetaTag(MetaTag::Processing),
            StreamEvent::MetaTag(MetaTag::Pending),
            StreamEvent::MetaTag(MetaTag::Done)
        ]
    );
    assert_eq!(events.last(), Some(&StreamEvent::BodyStarts));
    let resp = c.finish(r).unwrap();
    assert_eq!(resp.events, events);
    assert_eq!(resp.elapsed_time(), Ok(Some(7)));
    let start = resp.start_time().unwrap().unwrap();
    assert_eq!((start.year(), start.hour(), start.second()), (2013, 19, 19));
    let bind: BindResponse<'_> = resp.fields(Limits::DEFAULT).unwrap();
    assert_eq!((bind.error_code.0, bind.server_guid), (0, GUID));
    // Read as another request type's body: refused.
    let other = resp.fields::<ConnectSuccess<'_>>(Limits::DEFAULT);
    assert!(matches!(other, Err(ClientError::WrongRequestType { .. })));
    assert!(c.endpoint(Endpoint::AddressBook).has_session_context());
}

#[test]
fn a_failure_body_under_code_zero_is_a_status_code_error() {
    let mut c = client();
    let req = c.request(&bind_body()).unwrap();
    let resp = answer(
        &mut c,
        &req,
        &[("X-ResponseCode", "0")],
        &failure(0x80040111),
    );
    assert_eq!(
        resp.fields::<BindResponse<'_>>(Limits::DEFAULT),
        Err(ClientError::StatusCode {
            request_type: RequestType::BIND,
            status_code: 0x80040111
        })
    );
}

/// A ROP input buffer of one request on the object in `handles`.
fn rops(rop: RopRequest<'static>, handles: &[u32]) -> RopRequestBuffer<'static> {
    RopRequestBuffer {
        rops: vec![rop],
        raw: None,
        handles: HandleTable::from_handles(handles),
    }
}

/// An Execute success body around one plain ROP output buffer `out` (2.2.4.2.2): StatusCode,
/// ErrorCode, Flags, RopBufferSize, one RPC_HEADER_EXT (Version 0, Flags Last, Size,
/// SizeActual) and the payload, AuxiliaryBufferSize 0.
fn execute_success(out: &[u8]) -> Vec<u8> {
    let mut b = vec![0; 12];
    let n = out.len() as u16;
    b.extend_from_slice(&(8 + u32::from(n)).to_le_bytes());
    b.extend_from_slice(&[0, 0, 0x04, 0]);
    b.extend_from_slice(&n.to_le_bytes());
    b.extend_from_slice(&n.to_le_bytes());
    b.extend_from_slice(out);
    b.extend_from_slice(&[0; 4]);
    b
}

const TABLE: u32 = 0x0000_1234;

/// Execute 1: RopSetColumns on the table (PidTagSubject, PidTagMessageSize); Execute 2:
/// RopQueryRows, whose row decodes with the columns the client learnt from the first.
#[test]
fn pairing_across_two_executes() {
    let mut c = client();
    connected(&mut c);
    let columns = [PropTag::SUBJECT, PropTag::MESSAGE_SIZE];
    let set = rops(
        RopRequest::SetColumns(SetColumnsRequest {
            logon_id: 0,
            input_handle_index: 0,
            set_columns_flags: 0,
            property_tags: PropTags::new(&columns),
        }),
        &[TABLE],
    );
    let req = c.execute(vec![set.clone()]).unwrap();
    // The request: Execute, the one ROP input buffer obfuscated (the default options; too
    // small for LZ77 to make it smaller, so not compressed, [MS-OXCRPC] 3.1.4.1.1.2), the
    // buffer the caller built.
    assert_eq!(req.header("X-RequestType"), Some("Execute"));
    let body = ExecuteRequest::decode_exact(&req.body, Limits::DEFAULT).unwrap();
    let flags = body.rop_buffer.0.as_ref().unwrap().buffers[0].header.flags;
    assert!(flags.contains(ExtFlags::XOR_MAGIC));
    assert_eq!(
        body.rop_request_buffers(None, Limits::DEFAULT).unwrap(),
        [set]
    );
    // [MS-OXCROPS] 2.2.5.1.2 RopSetColumns response: RopId 0x12, InputHandleIndex 0,
    // ReturnValue 0, TableStatus 0; then the handle table.
    let out = [
        0x09, 0x00, 0x12, 0x00, 0, 0, 0, 0, 0x00, 0x34, 0x12, 0x00, 0x00,
    ];
    let mut r = c
        .response(req.call, 200, [("X-ResponseCode", "0")])
        .unwrap();
    r.feed(&stream(&execute_success(&out))).unwrap();
    let reply = c.finish_execute(r).unwrap();
    assert!(matches!(
        reply.responses[0].rops[..],
        [RopResponse::SetColumns(_)]
    ));
    assert_eq!(c.session().columns(TABLE), Some(&PropTags::new(&columns)));

    let query = rops(
        RopRequest::QueryRows(QueryRowsRequest {
            logon_id: 0,
            input_handle_index: 0,
            query_rows_flags: 0,
            forward_read: true.into(),
            row_count: 10,
        }),
        &[TABLE],
    );
    // [MS-OXCROPS] 2.2.5.4.2 RopQueryRows response: RopId 0x15, InputHandleIndex 0,
    // ReturnValue 0, Origin 0x02 (end), RowCount 1, then one StandardPropertyRow (Flag 0x00):
    // "Hi" as a null-terminated UTF-16LE string, 42 as a 4-byte integer.
    let mut list = vec![0x15, 0x00, 0, 0, 0, 0, 0x02, 0x01, 0x00, 0x00];
    list.extend_from_slice(&[b'H', 0, b'i', 0, 0, 0, 42, 0, 0, 0]);
    let mut out = ((list.len() + 2) as u16).to_le_bytes().to_vec();
    out.extend_from_slice(&list);
    out.extend_from_slice(&TABLE.to_le_bytes());
    let body = stream(&execute_success(&out));
    let body_kept = body.clone();
    let req = c.execute(vec![query.clone()]).unwrap();
    let mut r = c
        .response(req.call, 200, [("X-ResponseCode", "0")])
        .unwrap();
    r.feed(&body_kept).unwrap();
    let reply = c.finish_execute(r).unwrap();
    // The reply owns its rows: the response bytes are gone.
    drop(body_kept);
    let row: Vec<String> = match reply.rops().collect::<Vec<_>>()[..] {
        [RopResponse::QueryRows(q)] => match &q.body {
            Outcome::Success(s) => s.rows.rows[0]
                .values()
                .map(|v| match v {
                    RowValue::Value(PropertyValue::String(s)) => s.to_string_lossy(),
                    RowValue::Value(PropertyValue::Integer32(n)) => n.to_string(),
                    other => format!("{other:?}"),
                })
                .collect(),
            Outcome::Failure(_) => Vec::new(),
        },
        ref other => panic!("{other:?}"),
    };
    assert_eq!(row, ["Hi", "42"]);
    assert_eq!(reply.requests, std::slice::from_ref(&query));

    // A client that never saw the RopSetColumns cannot read the row: the columns came from
    // the first call.
    let mut fresh = client();
    connected(&mut fresh);
    let req = fresh.execute(vec![query]).unwrap();
    let mut r = fresh
        .response(req.call, 200, [("X-ResponseCode", "0")])
        .unwrap();
    r.feed(&body).unwrap();
    let reply = fresh.finish_execute(r).unwrap();
    let raw = (
        reply.responses[0].rops.len(),
        reply.responses[0].raw.is_some(),
    );
    assert_eq!(raw, (0, true));
}

#[test]
fn execute_options_and_failures() {
    let mut c = client();
    connected(&mut c);
    let plain = ExecuteOptions {
        packing: BuildOptions::default(),
        flags: ExecuteFlags(ExecuteFlags::NO_COMPRESSION.0 | ExecuteFlags::NO_XOR_MAGIC.0),
        max_rop_out: 0x1000,
    };
    let buf = rops(
        RopRequest::Release(crate::rop::other::ReleaseRequest {
            logon_id: 0,
            input_handle_index: 0,
        }),
        &[TABLE],
    );
    let req = c.execute_with(vec![buf.clone()], plain).unwrap();
    let body = ExecuteRequest::decode_exact(&req.body, Limits::DEFAULT).unwrap();
    assert_eq!((body.flags, body.max_rop_out), (plain.flags, 0x1000));
    let chain = body.rop_buffer.0.unwrap();
    assert!(!chain.buffers[0].header.flags.contains(ExtFlags::COMPRESSED));
    // ErrorCode 0x4B6 (ecRpcFormat): the call failed as a whole.
    let mut failed = vec![0, 0, 0, 0, 0xB6, 0x04, 0, 0];
    failed.extend_from_slice(&[0; 12]);
    let mut r = c
        .response(req.call, 200, [("X-ResponseCode", "0")])
        .unwrap();
    r.feed(&stream(&failed)).unwrap();
    let err = c.finish_execute(r).unwrap_err();
    assert!(matches!(err, ClientError::ErrorCode { error_code, .. } if error_code.0 == 0x4B6));
    // An Execute body sent through `request` has no ROP requests kept to pair with.
    let raw = c.request(&body_of(&req)).unwrap();
    let mut r = c
        .response(raw.call, 200, [("X-ResponseCode", "0")])
        .unwrap();
    r.feed(&stream(&execute_success(&[2, 0, 0x34, 0x12, 0, 0])))
        .unwrap();
    assert_eq!(
        c.finish_execute(r).unwrap_err(),
        ClientError::NotPaired(raw.call)
    );
}

fn body_of(req: &HttpRequest) -> ExecuteRequest<'static> {
    let b = ExecuteRequest::decode_exact(&req.body, Limits::DEFAULT).unwrap();
    ExecuteRequest {
        flags: b.flags,
        rop_buffer: RopBuffer(None),
        max_rop_out: b.max_rop_out,
        auxiliary_buffer: AuxiliaryBuffer(None),
    }
}

#[test]
fn raw_requests_and_disconnect() {
    let mut c = client();
    connected(&mut c);
    let req = c
        .raw_request(Endpoint::Mailbox, "Frobnicate", vec![1])
        .unwrap();
    assert_eq!(req.header("X-RequestType"), Some("Frobnicate"));
    assert_eq!(req.body, [1]);
    assert!(c.abandon(req.call));
    // Disconnect ends the Session Context: its cookies go.
    let req = c
        .request(&crate::http::emsmdb::DisconnectRequest::default())
        .unwrap();
    answer(&mut c, &req, &[("X-ResponseCode", "0")], &[0; 12]);
    assert!(!c.endpoint(Endpoint::Mailbox).has_session_context());
}

#[test]
fn the_jar_is_bounded() {
    let mut c = client();
    connected(&mut c);
    let lines: Vec<(String, String)> = (0..MAX_COOKIES + 10)
        .map(|i| ("Set-Cookie".to_string(), format!("c{i}=v")))
        .chain([("X-ResponseCode".to_string(), "0".to_string())])
        .collect();
    let req = c.ping(Endpoint::Mailbox).unwrap();
    let mut r = c.response(req.call, 200, lines).unwrap();
    r.feed(b"DONE\r\n\r\n").unwrap();
    c.finish(r).unwrap();
    let jar = c.endpoint(Endpoint::Mailbox).cookies();
    assert_eq!(jar.iter().count(), MAX_COOKIES);
    // The Session Context's own cookies were kept; the newest were the ones refused.
    assert_eq!(
        (jar.context(), jar.sequence()),
        (Some("ctx1"), Some("seq1"))
    );
    assert_eq!(jar.get("c47"), Some("v"));
    assert_eq!(jar.get("c48"), None);
    // A cookie held is still replaced.
    assert!(c
        .endpoint_mut(Endpoint::Mailbox)
        .cookies_mut()
        .set("MapiSequence", "seq2"));
}

/// X-ResponseCode only after DONE: the Connect's cookies (in the head) are the new Session
/// Context's, alone; a Disconnect's 0 ends the Session Context.
#[test]
fn codes_after_done() {
    let mut c = client();
    connected(&mut c);
    let req = c.request(&connect_body()).unwrap();
    let mut r = c
        .response(req.call, 200, [("Set-Cookie", "MapiContext=ctx2")])
        .unwrap();
    let mut s = b"DONE\r\nX-ResponseCode: 0\r\n\r\n".to_vec();
    s.extend_from_slice(&connect_success());
    r.feed(&s).unwrap();
    let resp = c.finish(r).unwrap();
    assert_eq!(resp.response_code(), Ok(Some(ResponseCode::SUCCESS)));
    let jar = c.endpoint(Endpoint::Mailbox).cookies();
    assert_eq!(jar.iter().collect::<Vec<_>>(), [("MapiContext", "ctx2")]);
    let req = c
        .request(&crate::http::emsmdb::DisconnectRequest::default())
        .unwrap();
    let mut r = c.response(req.call, 200, [("Server", "x")]).unwrap();
    let mut s = b"DONE\r\nX-ResponseCode: 0\r\n\r\n".to_vec();
    s.extend_from_slice(&[0; 12]);
    r.feed(&s).unwrap();
    c.finish(r).unwrap().ok().unwrap();
    assert!(!c.endpoint(Endpoint::Mailbox).has_session_context());
}
