//! Round trips of the MAPI/HTTP mailbox-endpoint bodies ([MS-OXCMAPIHTTP] 2.2.4): built values
//! give `decode(encode(x)) == x`, and bytes that decode re-encode to themselves.

#[macro_use]
mod common;

use common::{ansi, utf16};
use mapi_codec::http::emsmdb::{
    AuxiliaryBuffer, ConnectRequest, ConnectResponse, ConnectSuccess, DisconnectRequest,
    DisconnectResponse, DisconnectSuccess, EmsmdbBody, ErrorCode, EventPending, ExecuteFlags,
    ExecuteRequest, ExecuteResponse, ExecuteSuccess, NotificationWaitRequest,
    NotificationWaitResponse, NotificationWaitSuccess, ResponseBody, RopBuffer,
};
use mapi_codec::http::headers::{BodyKind, Endpoint};
use mapi_codec::rpc::ext::{BuildOptions, ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
use mapi_codec::wire::{Decode, DecodeWith, Encode, IntoOwned, Limits, Outcome};
use proptest::prelude::*;

fn chain() -> impl Strategy<Value = Option<ExtendedBufferChain<'static>>> {
    proptest::option::of(
        (
            proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 1..3),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(payloads, compress, xor_magic)| {
                let refs: Vec<&[u8]> = payloads.iter().map(Vec::as_slice).collect();
                ExtendedBufferChain::pack(
                    &refs,
                    BuildOptions {
                        compress,
                        xor_magic,
                    },
                    MAX_REQUEST_PAYLOAD,
                )
                .unwrap()
            }),
    )
}

fn aux() -> impl Strategy<Value = AuxiliaryBuffer<'static>> {
    chain().prop_map(AuxiliaryBuffer)
}

/// A failure body: a nonzero StatusCode and an auxiliary buffer.
fn failure() -> impl Strategy<Value = (u32, AuxiliaryBuffer<'static>)> {
    (1u32.., aux())
}

fn response<S: std::fmt::Debug>(
    s: impl Strategy<Value = S>,
) -> impl Strategy<Value = ResponseBody<'static, S>> {
    prop_oneof![
        s.prop_map(ResponseBody::success),
        failure().prop_map(|(status_code, aux)| ResponseBody {
            status_code,
            body: Outcome::Failure(aux),
        })
    ]
}

fn body() -> impl Strategy<Value = EmsmdbBody<'static>> {
    let connect_request =
        (ansi(30), any::<[u32; 4]>(), aux()).prop_map(|(user_dn, f, aux)| ConnectRequest {
            user_dn,
            flags: f[0],
            default_code_page: f[1],
            lcid_sort: f[2],
            lcid_string: f[3],
            auxiliary_buffer: aux,
        });
    let connect_success = (any::<[u32; 4]>(), ansi(30), utf16(12), aux()).prop_map(
        |(f, dn_prefix, display_name, aux)| ConnectSuccess {
            error_code: ErrorCode(f[0]),
            polls_max: f[1],
            retry_count: f[2],
            retry_delay: f[3],
            dn_prefix,
            display_name,
            auxiliary_buffer: aux,
        },
    );
    let execute_request =
        (any::<(u32, u32)>(), chain(), aux()).prop_map(|((f, m), rop, aux)| ExecuteRequest {
            flags: ExecuteFlags(f),
            rop_buffer: RopBuffer(rop),
            max_rop_out: m,
            auxiliary_buffer: aux,
        });
    let execute_success =
        (any::<(u32, u32)>(), chain(), aux()).prop_map(|((e, f), rop, aux)| ExecuteSuccess {
            error_code: ErrorCode(e),
            flags: f,
            rop_buffer: RopBuffer(rop),
            auxiliary_buffer: aux,
        });
    let disconnect_success = (any::<u32>(), aux()).prop_map(|(e, aux)| DisconnectSuccess {
        error_code: ErrorCode(e),
        auxiliary_buffer: aux,
    });
    let wait_success =
        (any::<(u32, u32)>(), aux()).prop_map(|((e, p), aux)| NotificationWaitSuccess {
            error_code: ErrorCode(e),
            event_pending: EventPending(p),
            auxiliary_buffer: aux,
        });
    prop_oneof![
        connect_request.prop_map(EmsmdbBody::ConnectRequest),
        response(connect_success).prop_map(EmsmdbBody::ConnectResponse),
        execute_request.prop_map(EmsmdbBody::ExecuteRequest),
        response(execute_success).prop_map(EmsmdbBody::ExecuteResponse),
        aux().prop_map(|a| EmsmdbBody::DisconnectRequest(DisconnectRequest {
            auxiliary_buffer: a
        })),
        response(disconnect_success).prop_map(EmsmdbBody::DisconnectResponse),
        (any::<u32>(), aux()).prop_map(|(flags, a)| EmsmdbBody::NotificationWaitRequest(
            NotificationWaitRequest {
                flags,
                auxiliary_buffer: a
            }
        )),
        response(wait_success).prop_map(EmsmdbBody::NotificationWaitResponse),
    ]
}

/// The kinds of the mailbox endpoint.
fn mailbox_kinds() -> Vec<BodyKind> {
    BodyKind::all()
        .filter(|k| k.endpoint() == Endpoint::Mailbox)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn built_bodies_round_trip(b in body()) {
        let bytes = b.to_bytes().unwrap();
        prop_assert_eq!(bytes.len(), b.encoded_len());
        let back = EmsmdbBody::decode_with_exact(&bytes, b.kind(), Limits::DEFAULT).unwrap();
        prop_assert_eq!(&back, &b);
        // The owned form is the same body, also once its input is gone.
        prop_assert_eq!(&back.clone().into_owned(), &back);
        let owned = common::decoded_owned(&bytes, |input| {
            EmsmdbBody::decode_with_exact(input, b.kind(), Limits::DEFAULT).map(IntoOwned::into_owned)
        })
        .unwrap();
        prop_assert_eq!(&owned, &b);
        prop_assert_eq!(owned.to_bytes().unwrap(), bytes.clone());
        // Every strict prefix fails.
        for n in [0, bytes.len() / 2, bytes.len().saturating_sub(1)] {
            if n < bytes.len() {
                prop_assert!(EmsmdbBody::decode_with_exact(&bytes[..n], b.kind(), Limits::DEFAULT).is_err());
            }
        }
    }

    #[test]
    fn decoded_bytes_re_encode(k in 0usize..10, bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let kind = mailbox_kinds()[k];
        if let Ok(b) = EmsmdbBody::decode_with_exact(&bytes, kind, Limits::DEFAULT) {
            prop_assert_eq!(b.to_bytes().unwrap(), bytes);
        }
    }

    #[test]
    fn typed_aliases_agree((status_code, aux) in failure()) {
        // The failure layouts of every request type are one structure.
        let c = ConnectResponse { status_code, body: Outcome::Failure(aux.clone()) }.to_bytes().unwrap();
        let e = ExecuteResponse { status_code, body: Outcome::Failure(aux.clone()) }.to_bytes().unwrap();
        let d = DisconnectResponse { status_code, body: Outcome::Failure(aux.clone()) }.to_bytes().unwrap();
        let w = NotificationWaitResponse { status_code, body: Outcome::Failure(aux) }.to_bytes().unwrap();
        prop_assert_eq!(&c, &e);
        prop_assert_eq!(&c, &d);
        prop_assert_eq!(&c, &w);
        prop_assert!(ExecuteResponse::decode_exact(&c, Limits::DEFAULT).is_ok());
    }
}

mod framing {
    use mapi_codec::http::headers::HeaderLine;
    use mapi_codec::http::stream::{MetaTag, ResponseStream, ResponseStreamDecoder};
    use mapi_codec::wire::{Decode, Encode, Limits};
    use proptest::prelude::*;

    /// A response stream: PROCESSING or not, some PENDINGs, headers and a body.
    fn stream() -> impl Strategy<Value = ResponseStream<'static>> {
        let meta_tags = (any::<bool>(), 0usize..5).prop_map(|(processing, pending)| {
            let first = processing.then_some(MetaTag::Processing);
            let pendings = std::iter::repeat_n(MetaTag::Pending, pending);
            first.into_iter().chain(pendings).collect()
        });
        let header = ("[A-Za-z-]{1,12}", "[ -~]{0,20}")
            .prop_map(|(name, value)| HeaderLine::new(&name, value.trim()).unwrap());
        fields!(ResponseStream {
            meta_tags,
            additional_headers: proptest::collection::vec(header, 0..4),
            body: crate::common::bin(80),
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn stream_round_trip_and_splits(s in stream(), cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..4)) {
            let bytes = s.to_bytes().unwrap();
            prop_assert_eq!(bytes.len(), s.encoded_len());
            let back = ResponseStream::decode_exact(&bytes, Limits::DEFAULT).unwrap().into_owned();
            prop_assert_eq!(&back.meta_tags, &s.meta_tags);
            prop_assert_eq!(&back.body, &s.body);
            prop_assert_eq!(back.to_bytes().unwrap(), bytes.clone());
            let mut d = ResponseStreamDecoder::new(1 << 20, Limits::DEFAULT);
            let mut events = Vec::new();
            for mut piece in crate::common::pieces(&bytes, &cuts) {
                d.feed(&mut piece, &mut events).unwrap();
            }
            prop_assert_eq!(events, back.events());
            prop_assert_eq!(d.finish().unwrap(), back);
        }
    }
}
