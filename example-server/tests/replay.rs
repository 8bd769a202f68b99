//! Replays the requests of the bundled sample session (`inspect/samples/sample.http`)
//! against the server and decodes every response with the codec: the right body kind for the
//! request type, the request's X-RequestType and X-RequestId echoed, and each ROP output
//! buffer decoded against the ROP input buffer it answers.

mod common;

use mapi_codec::http::body::AuxiliaryBuffer;
use mapi_codec::http::body::RopBuffer;
use mapi_codec::wire::DecodeWith;
use std::time::Duration;

use mapi_codec::http::emsmdb::{EmsmdbBody, ExecuteRequest};
use mapi_codec::http::headers::BodyKind;
use mapi_codec::http::headers::{Endpoint, ResponseCode};
use mapi_codec::http::stream::MetaTag;
use mapi_codec::nspi::{Direction, NspiBody};
use mapi_codec::rop::{HandleTable, RopRequest, RopRequestBuffer, Session};
use mapi_codec::rpc::ext::{BuildOptions, ExtFlags, ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
use mapi_codec::wire::{Decode, Encode, Limits};
use mapi_example::client::{MapiClient, NEW_HANDLE};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../inspect/samples/sample.http"
);

/// The captured Execute body with its handle table pointing at this server's objects: a slot
/// the capture filled from an earlier response takes the handle this server returned there;
/// new-object slots stay 0xFFFFFFFF. Sent with the same compression and obfuscation.
fn rewrite_execute(body: &[u8], last: &[u32]) -> (Vec<u8>, Vec<u8>) {
    let req = ExecuteRequest::decode_exact(body, Limits::DEFAULT).unwrap();
    let bufs = req.rop_request_buffers(None, Limits::DEFAULT).unwrap();
    assert_eq!(bufs.len(), 1);
    let handles: Vec<u32> = bufs[0]
        .handles
        .iter()
        .enumerate()
        .map(|(i, h)| match last.get(i) {
            Some(&mine) if h != NEW_HANDLE => mine,
            _ => h,
        })
        .collect();
    let buf = RopRequestBuffer {
        rops: bufs[0].rops.clone(),
        raw: None,
        handles: HandleTable::from_handles(&handles),
    }
    .to_bytes()
    .unwrap();
    let flags = req.rop_buffer.0.as_ref().unwrap().buffers[0].header().flags;
    let options = BuildOptions {
        compress: flags.contains(ExtFlags::COMPRESSED),
        xor_magic: flags.contains(ExtFlags::XOR_MAGIC),
    };
    let body = ExecuteRequest {
        flags: req.flags,
        rop_buffer: RopBuffer(Some(
            ExtendedBufferChain::pack(&[&buf], options, MAX_REQUEST_PAYLOAD).unwrap(),
        )),
        max_rop_out: req.max_rop_out,
        auxiliary_buffer: AuxiliaryBuffer(None),
    }
    .to_bytes()
    .unwrap();
    (body, buf)
}

#[tokio::test]
async fn sample_session_replays_and_every_response_decodes() {
    let srv = common::start(Duration::from_secs(600)).await;
    let capture = std::fs::read(SAMPLE).unwrap();
    let exchanges = mapi_inspect::session::read_capture(&capture, Limits::DEFAULT).unwrap();
    assert_eq!(exchanges.len(), 13);
    let mut c = MapiClient::new(&common::url(&srv)).unwrap();
    let mut session = Session::new();
    let mut last_handles: Vec<u32> = Vec::new();
    let mut kinds = Vec::new();
    let mut rop_responses = 0;
    for ex in &exchanges {
        let req = ex.request.as_ref().unwrap();
        let header = |n: &str| {
            req.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(n))
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        let rt = header("X-RequestType");
        let target = req.start_line.split(' ').nth(1).unwrap();
        let endpoint = Endpoint::from_target(target).unwrap();
        let (body, rop_in) = if rt == "Execute" {
            let (b, r) = rewrite_execute(&req.body, &last_handles);
            (b, Some(r))
        } else {
            (req.body.clone(), None)
        };
        let http = c.raw(endpoint, &rt, body).unwrap();
        let sent_id = http.header("X-RequestId").unwrap().to_string();
        let reply = c.send(http).await.unwrap();
        assert_eq!(reply.status, 200, "{rt}");
        assert_eq!(
            reply.response_code(),
            Ok(Some(ResponseCode::SUCCESS)),
            "{rt}"
        );
        assert_eq!(reply.header("x-requesttype"), Some(rt.as_str()));
        assert_eq!(reply.header("x-requestid"), Some(sent_id.as_str()));
        assert_eq!(reply.stream.meta_tags.first(), Some(&MetaTag::Processing));
        let body = reply.body();
        match endpoint {
            Endpoint::Mailbox => {
                let kind = BodyKind::new(&rt, Direction::Response).unwrap();
                let decoded = EmsmdbBody::decode_with_exact(body, kind, Limits::DEFAULT).unwrap();
                kinds.push(format!("{}Response", kind.request_type.name().unwrap()));
                let success = match &decoded {
                    EmsmdbBody::ExecuteResponse(r) => r.fields(),
                    _ => None,
                };
                if let (Some(s), Some(rop_in)) = (success, &rop_in) {
                    assert_eq!(s.error_code.0, 0);
                    let req =
                        RopRequestBuffer::decode_with_exact(rop_in, &session, Limits::DEFAULT)
                            .unwrap();
                    let out = s
                        .rop_response_buffers(
                            std::slice::from_ref(&req),
                            Some(&session),
                            Limits::DEFAULT,
                        )
                        .unwrap();
                    assert_eq!(out.len(), 1);
                    let resp = &out[0];
                    assert!(resp.raw.is_none(), "{rt}: {:?}", resp.raw);
                    let answered: Vec<&RopRequest<'_>> = req
                        .rops
                        .iter()
                        .filter(|r| !matches!(r, RopRequest::Release(_)))
                        .collect();
                    assert_eq!(resp.rops.len(), answered.len());
                    for (q, a) in answered.iter().zip(&resp.rops) {
                        assert_eq!(q.rop_id(), a.rop_id());
                        // What the server implements succeeds on the sample's objects (its
                        // Inbox and message ids are the sample's); the rest is NotSupported.
                        let served = matches!(
                            q,
                            RopRequest::Logon(_)
                                | RopRequest::OpenFolder(_)
                                | RopRequest::GetContentsTable(_)
                                | RopRequest::SetColumns(_)
                                | RopRequest::QueryRows(_)
                                | RopRequest::OpenMessage(_)
                                | RopRequest::GetPropertiesSpecific(_)
                        );
                        let want = if served { 0 } else { 0x8004_0102 };
                        assert_eq!(a.return_value(), Some(want), "{:?}", q.rop_id());
                    }
                    rop_responses += resp.rops.len();
                    session.learn(&req, resp);
                    last_handles = resp.handles.iter().collect();
                } else {
                    assert!(
                        !matches!(decoded, EmsmdbBody::ExecuteResponse(_)),
                        "Execute failed: {decoded:?}"
                    );
                }
            }
            Endpoint::AddressBook => {
                let kind = BodyKind::new(&rt, Direction::Response).unwrap();
                let decoded = NspiBody::decode_with_exact(body, kind, Limits::DEFAULT).unwrap();
                kinds.push(format!("{rt}Response"));
                let ok = match &decoded {
                    NspiBody::BindResponse(r) => r.fields().is_some(),
                    NspiBody::GetSpecialTableResponse(r) => r.fields().is_some(),
                    NspiBody::QueryRowsResponse(r) => r.fields().is_some(),
                    NspiBody::ResolveNamesResponse(r) => r.fields().is_some(),
                    _ => false,
                };
                assert!(ok, "{rt}: {decoded:?}");
            }
        }
    }
    assert_eq!(
        kinds,
        [
            "ConnectResponse",
            "ExecuteResponse",
            "ExecuteResponse",
            "ExecuteResponse",
            "ExecuteResponse",
            "ExecuteResponse",
            "ExecuteResponse",
            "NotificationWaitResponse",
            "DisconnectResponse",
            "BindResponse",
            "GetSpecialTableResponse",
            "QueryRowsResponse",
            "ResolveNamesResponse",
        ]
    );
    // Logon, GetPropertyIdsFromNames, OpenFolder, GetContentsTable, SetColumns, QueryRows;
    // OpenMessage, GetPropertiesSpecific, OpenStream, ReadStream; the same two again;
    // CopyTo, GetBuffer; GetBuffer; five releases answered by nothing.
    assert_eq!(rop_responses, 6 + 4 + 2 + 2 + 1);
    srv.shutdown().await;
}
