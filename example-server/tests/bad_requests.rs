//! Bad requests get the HTTP status and X-ResponseCode of [MS-OXCMAPIHTTP] 2.2.2.2 and
//! 2.2.3.3.3, and the server keeps serving the sessions that behave.

mod common;

use mapi_codec::http::body::AuxiliaryBuffer;
use mapi_codec::http::body::RopBuffer;
use mapi_codec::wire::Outcome;
use std::time::Duration;

use mapi_codec::client::{HttpRequest, Response, CONTEXT_COOKIE};
use mapi_codec::http::emsmdb::{ExecuteRequest, ExecuteResponse};
use mapi_codec::http::headers::{Endpoint, HeaderLine};
use mapi_codec::wire::{Decode, Encode, Limits};
use mapi_example::client::{self, MapiClient};
use mapi_example::server::code;

async fn expect(c: &mut MapiClient, req: HttpRequest, want: u32) -> Response {
    let rt = req.header("X-RequestType").map(str::to_string);
    let id = req.header("X-RequestId").map(str::to_string);
    let reply = c.send(req).await.unwrap();
    assert_eq!(reply.status, 200, "non-exceptional failures keep 200");
    assert_eq!(reply.response_code().unwrap().map(|c| c.0), Some(want));
    assert_eq!(reply.header("content-type"), Some("application/mapi-http"));
    assert_eq!(reply.header("x-requesttype").map(str::to_string), rt);
    assert_eq!(reply.header("x-requestid").map(str::to_string), id);
    if want != 0 {
        // The failure response body: StatusCode (the same code), AuxiliaryBufferSize 0.
        let body = ExecuteResponse::decode_exact(reply.body(), Limits::DEFAULT).unwrap();
        assert_eq!(body, ExecuteResponse::failure(want));
    }
    reply
}

/// An Execute body whose one extended buffer says it carries `size` bytes (past the 32 KB of
/// [MS-OXCRPC] 3.1.4.2.1.1 when `size` > 0x8000).
fn oversized_execute(size: u16) -> Vec<u8> {
    let mut chain = Vec::new();
    chain.extend_from_slice(&0u16.to_le_bytes()); // Version
    chain.extend_from_slice(&0x0004u16.to_le_bytes()); // Flags: Last
    chain.extend_from_slice(&size.to_le_bytes()); // Size
    chain.extend_from_slice(&size.to_le_bytes()); // SizeActual
    chain.resize(8 + usize::from(size), 0);
    let mut body = 0u32.to_le_bytes().to_vec(); // Flags
    body.extend_from_slice(&(chain.len() as u32).to_le_bytes());
    body.extend_from_slice(&chain);
    body.extend_from_slice(&0x8000u32.to_le_bytes()); // MaxRopOut
    body.extend_from_slice(&0u32.to_le_bytes()); // AuxiliaryBufferSize
    body
}

#[tokio::test]
async fn bad_requests_get_the_spec_codes_and_others_carry_on() {
    let srv = common::start(Duration::from_secs(600)).await;
    let url = common::url(&srv);
    // A well-behaved session, used between the bad requests.
    let mut good = MapiClient::new(&url).unwrap();
    good.connect(client::USER_DN).await.unwrap();
    let mut bad = MapiClient::new(&url).unwrap();
    bad.connect(client::USER_DN).await.unwrap();
    client::logon(&mut bad).await.unwrap();

    // Garbage body: 12 Invalid Request Body.
    let req = bad
        .raw(
            Endpoint::Mailbox,
            "Execute",
            b"not an execute body".to_vec(),
        )
        .unwrap();
    expect(&mut bad, req, code::INVALID_REQUEST_BODY).await;
    client::logon(&mut good).await.unwrap();

    // The same session still works: failures do not move its sequence.
    client::logon(&mut bad).await.unwrap();

    // Wrong X-RequestType: unknown, and one of the other endpoint: 5.
    let req = bad
        .raw(Endpoint::Mailbox, "Frobnicate", Vec::new())
        .unwrap();
    expect(&mut bad, req, code::INVALID_REQUEST_TYPE).await;
    let req = bad.raw(Endpoint::Mailbox, "Bind", Vec::new()).unwrap();
    expect(&mut bad, req, code::INVALID_REQUEST_TYPE).await;

    // Unknown session cookie: 10 Context Not Found (the client drops its cookies); no
    // cookie at all: 13 Missing Cookie.
    let saved = bad.cookies(Endpoint::Mailbox).clone();
    bad.cookies_mut(Endpoint::Mailbox)
        .set(CONTEXT_COOKIE, "0123456789ABCDEF0123456789ABCDEF");
    let req = bad.raw(Endpoint::Mailbox, "Execute", Vec::new()).unwrap();
    expect(&mut bad, req, code::CONTEXT_NOT_FOUND).await;
    assert!(bad.cookies(Endpoint::Mailbox).is_empty());
    let req = bad.raw(Endpoint::Mailbox, "Execute", Vec::new()).unwrap();
    expect(&mut bad, req, code::MISSING_COOKIE).await;
    *bad.cookies_mut(Endpoint::Mailbox) = saved;

    // A RopBuffer whose extended buffer is over 32 KB: 9 Too Large; so is a body over the
    // server's limit.
    let req = bad
        .raw(Endpoint::Mailbox, "Execute", oversized_execute(0x9000))
        .unwrap();
    expect(&mut bad, req, code::TOO_LARGE).await;
    let req = bad
        .raw(Endpoint::Mailbox, "Execute", vec![0; 300 * 1024])
        .unwrap();
    expect(&mut bad, req, code::TOO_LARGE).await;
    client::logon(&mut good).await.unwrap();

    // Missing X-RequestId: 7 Missing Header; a malformed one: 4 Invalid Header.
    let mut req = bad.raw(Endpoint::Mailbox, "Execute", Vec::new()).unwrap();
    req.headers.retain(|h| !h.is("X-RequestId"));
    expect(&mut bad, req, code::MISSING_HEADER).await;
    let mut req = bad.raw(Endpoint::Mailbox, "Execute", Vec::new()).unwrap();
    for h in &mut req.headers {
        if h.is("X-RequestId") {
            *h = HeaderLine::new("X-RequestId", "not-a-guid:1").unwrap();
        }
    }
    expect(&mut bad, req, code::INVALID_HEADER).await;
    let mut req = bad.raw(Endpoint::Mailbox, "Execute", Vec::new()).unwrap();
    req.headers.retain(|h| !h.is("X-RequestType"));
    expect(&mut bad, req, code::MISSING_HEADER).await;

    // Not POST: 2 Invalid Verb; another path: 3 Invalid Path.
    let mut req = bad.raw(Endpoint::Mailbox, "PING", Vec::new()).unwrap();
    req.method = "PUT";
    expect(&mut bad, req, code::INVALID_VERB).await;
    let mut req = bad.raw(Endpoint::Mailbox, "PING", Vec::new()).unwrap();
    req.path = "/owa/".to_string();
    expect(&mut bad, req, code::INVALID_PATH).await;

    // A reserved RopId inside a well-formed Execute: the call fails with ecRpcFormat in
    // ErrorCode ([MS-OXCROPS] 2.2.2), X-ResponseCode 0.
    let chain = mapi_codec::rpc::ext::ExtendedBufferChain::pack(
        &[&[0x04, 0x00, 0x00, 0x00]],
        Default::default(),
        0x8000,
    )
    .unwrap();
    let body = ExecuteRequest {
        flags: Default::default(),
        rop_buffer: RopBuffer(Some(chain)),
        max_rop_out: 0x8000,
        auxiliary_buffer: AuxiliaryBuffer(None),
    }
    .to_bytes()
    .unwrap();
    let req = bad.raw(Endpoint::Mailbox, "Execute", body).unwrap();
    let reply = expect(&mut bad, req, code::SUCCESS).await;
    match ExecuteResponse::decode_exact(reply.body(), Limits::DEFAULT).unwrap() {
        ExecuteResponse {
            body: Outcome::Success(s),
            ..
        } => assert_eq!(s.error_code.0, 0x4B6),
        other => panic!("{other:?}"),
    }

    // Both sessions carry on.
    client::logon(&mut bad).await.unwrap();
    client::logon(&mut good).await.unwrap();
    good.disconnect().await.unwrap();
    bad.disconnect().await.unwrap();
    // A disconnected session is gone: 10.
    bad.cookies_mut(Endpoint::Mailbox)
        .set(CONTEXT_COOKIE, "gone");
    let req = bad.raw(Endpoint::Mailbox, "Execute", Vec::new()).unwrap();
    expect(&mut bad, req, code::CONTEXT_NOT_FOUND).await;
    srv.shutdown().await;
}
