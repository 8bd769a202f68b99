//! The session layer over captures the sample builder writes.

use std::borrow::Cow;

use mapi_codec::fxics::transfer::TransferItem;
use mapi_codec::rop::fast_transfer::{
    FastTransferDestinationConfigureRequest, FastTransferDestinationConfigureResponse,
    FastTransferDestinationPutBufferExtendedResponse, FastTransferDestinationPutBufferRequest,
    FastTransferDestinationPutBufferResponse, PutBufferExtendedStatus, PutBufferStatus,
};
use mapi_codec::rop::field::{Bytes16, NoFields};
use mapi_codec::rop::other::ReleaseRequest;
use mapi_codec::rop::{RopRequest, RopResponse};
use mapi_codec::tree::Tree;

use super::{decode_session, read_capture_stream, SessionDecoder, SessionOptions, SessionReport};
use crate::sample::{message_stream, FIRST_BUFFER};

fn put_buffer(data: &[u8]) -> FastTransferDestinationPutBufferRequest<'static> {
    FastTransferDestinationPutBufferRequest {
        logon_id: 0,
        input_handle_index: 1,
        transfer_data: Bytes16(Cow::Owned(data.to_vec())),
    }
}

fn put_status() -> PutBufferStatus {
    PutBufferStatus {
        transfer_status: 0,
        in_progress_count: 0,
        total_step_count: 1,
        reserved: 0,
        buffer_used_size: 0,
    }
}

fn put_rops(report: &SessionReport, call: usize) -> &[Tree] {
    let mut t = &report.calls[call].tree;
    for k in ["Response", "Body", "RopBuffer", "Buffers"] {
        t = field(t, k);
    }
    let Tree::List(b) = t else { panic!() };
    let Tree::List(rops) = field(field(&b[0], "RopResponseBuffer"), "RopsList") else {
        panic!()
    };
    rops
}

fn field<'t>(t: &'t Tree, k: &str) -> &'t Tree {
    let Tree::Struct(f) = t else { panic!("{k}") };
    &f.iter().find(|(n, _)| n == k).unwrap().1
}

#[test]
fn uploads_decode_across_calls_until_released() {
    const H: u32 = 0x0E31;
    const U: u32 = 0x0E40;
    // The sample's message stream, cut inside its subject as the sample's download cuts it.
    let bytes = message_stream().unwrap();
    let cut = FIRST_BUFFER;
    let capture = crate::sample::execute_capture(vec![
        (
            vec![
                RopRequest::FastTransferDestinationConfigure(
                    FastTransferDestinationConfigureRequest {
                        logon_id: 0,
                        input_handle_index: 0,
                        output_handle_index: 1,
                        source_operation: 0x01,
                        copy_flags: 0,
                    },
                ),
                RopRequest::FastTransferDestinationPutBuffer(put_buffer(&bytes[..cut])),
            ],
            vec![H, 0xFFFF_FFFF],
            vec![
                RopResponse::FastTransferDestinationConfigure(
                    FastTransferDestinationConfigureResponse::success(1, NoFields),
                ),
                RopResponse::FastTransferDestinationPutBuffer(
                    FastTransferDestinationPutBufferResponse::success(1, put_status()),
                ),
            ],
            vec![H, U],
        ),
        (
            vec![RopRequest::FastTransferDestinationPutBufferExtended(
                put_buffer(&bytes[cut..]),
            )],
            vec![H, U],
            vec![RopResponse::FastTransferDestinationPutBufferExtended(
                FastTransferDestinationPutBufferExtendedResponse::success(
                    1,
                    PutBufferExtendedStatus {
                        transfer_status: 0,
                        in_progress_count: 1,
                        total_step_count: 1,
                        reserved: 0,
                        buffer_used_size: 0,
                    },
                ),
            )],
            vec![H, U],
        ),
        (
            vec![
                RopRequest::Release(ReleaseRequest {
                    logon_id: 0,
                    input_handle_index: 1,
                }),
                RopRequest::FastTransferDestinationPutBuffer(put_buffer(&bytes)),
            ],
            vec![H, U],
            vec![RopResponse::FastTransferDestinationPutBuffer(
                FastTransferDestinationPutBufferResponse::success(1, put_status()),
            )],
            vec![H, U],
        ),
    ])
    .unwrap();
    let report = decode_session(&capture, &SessionOptions::default()).unwrap();
    assert!(report.summary.failures.is_empty(), "{:?}", report.summary);
    // The whole stream read at once by the codec, as the two calls must show it together.
    let mut once = mapi_codec::fxics::transfer::TransferStream::new();
    let whole: Vec<Tree> = once
        .feed(&bytes)
        .unwrap()
        .iter()
        .flat_map(TransferItem::trees)
        .collect();
    let Tree::List(first) = field(&put_rops(&report, 0)[1], "FastTransferStream") else {
        panic!()
    };
    let Tree::List(rest) = field(&put_rops(&report, 1)[0], "FastTransferStream") else {
        panic!()
    };
    assert_eq!([&first[..], &rest[..]].concat(), whole);
    assert!(matches!(
        field(&put_rops(&report, 0)[1], "FastTransferStreamContinues"),
        Tree::Text(_)
    ));
    // After RopRelease the handle has no context any more.
    assert!(matches!(
        field(&put_rops(&report, 2)[0], "FastTransferStream"),
        Tree::Text(t) if t.starts_with("not decoded")
    ));
}

#[test]
fn bad_captures_are_reported_per_call() {
    // A response without a request, then a request whose Content-Length runs past the end.
    let raw = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n\
                POST /mapi/emsmdb/ HTTP/1.1\r\nX-RequestType: Bogus\r\nContent-Length: 4\r\n\r\n\
                HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n\
                POST /mapi/emsmdb/ HTTP/1.1\r\nContent-Length: 90\r\n\r\nab";
    let report = decode_session(raw, &SessionOptions::default()).unwrap();
    assert_eq!(report.calls.len(), 3, "{}", report.to_text());
    assert!(report.calls[0].errors[0].contains("follows no request"));
    assert!(report.calls.iter().all(|c| !c.errors.is_empty()));
    assert!(decode_session(b"{ not json", &SessionOptions::default()).is_err());
    assert!(decode_session(b"{}", &SessionOptions::default()).is_err());
}

/// The bundled sample holds a mailbox session, which ends with Disconnect, and an
/// address-book session, which never sends Unbind and leaves nothing to remember: after
/// the capture the decoder holds no session, so that a capture of many such sessions stays in
/// bounded memory.
#[test]
fn sessions_that_end_or_remember_nothing_are_forgotten() {
    let capture = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/sample.http"))
        .expect("the bundled sample");
    let mut decoder = SessionDecoder::new(SessionOptions::default());
    let mut types = Vec::new();
    let mut held = Vec::new();
    read_capture_stream(&capture[..], Default::default(), |ex| {
        if let Some(call) = decoder.decode(&ex) {
            types.push(call.request_type.clone());
            held.push(decoder.sessions.len());
        }
    })
    .expect("reads");
    // The address-book calls come without an Unbind, the mailbox ones end with Disconnect.
    assert!(types.iter().any(|t| t == "Bind"));
    assert!(!types.iter().any(|t| t == "Unbind"));
    assert!(types.iter().any(|t| t == "Disconnect"));
    // At most the mailbox session is held between calls, and nothing at the end.
    assert!(held.iter().all(|&n| n <= 1), "{held:?}");
    assert!(decoder.sessions.is_empty());
}
