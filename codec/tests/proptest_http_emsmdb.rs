//! Round trips of the MAPI/HTTP mailbox-endpoint bodies ([MS-OXCMAPIHTTP] 2.2.4): built values
//! give `decode(encode(x)) == x`, and bytes that decode re-encode to themselves.

use mapi_codec::http::emsmdb::{
    ConnectRequest, ConnectResponse, ConnectSuccess, DisconnectRequest, DisconnectResponse,
    DisconnectSuccess, EmsmdbBody, EmsmdbBodyKind, ExecuteFlags, ExecuteRequest, ExecuteResponse,
    ExecuteSuccess, FailureResponse, NotificationWaitRequest, NotificationWaitResponse,
    NotificationWaitSuccess, ResponseBody,
};
use mapi_codec::rpc::ext::{BuildOptions, ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
use mapi_codec::wire::{AnsiStr, Decode, Encode, Limits, Utf16Str};
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

fn ansi() -> impl Strategy<Value = AnsiStr<'static>> {
    proptest::collection::vec(1u8..=255, 0..30).prop_map(|b| AnsiStr::from_vec(b).unwrap())
}

fn unicode() -> impl Strategy<Value = Utf16Str<'static>> {
    "[^\u{0}]{0,12}".prop_map(|s| Utf16Str::from_text(&s).unwrap().into_owned())
}

fn failure() -> impl Strategy<Value = FailureResponse<'static>> {
    (1u32.., chain()).prop_map(|(status_code, auxiliary_buffer)| FailureResponse {
        status_code,
        auxiliary_buffer,
    })
}

fn response<S: std::fmt::Debug>(
    s: impl Strategy<Value = S>,
) -> impl Strategy<Value = ResponseBody<'static, S>> {
    prop_oneof![
        s.prop_map(ResponseBody::Success),
        failure().prop_map(ResponseBody::Failure)
    ]
}

fn body() -> impl Strategy<Value = EmsmdbBody<'static>> {
    let connect_request =
        (ansi(), any::<[u32; 4]>(), chain()).prop_map(|(user_dn, f, aux)| ConnectRequest {
            user_dn,
            flags: f[0],
            default_code_page: f[1],
            lcid_sort: f[2],
            lcid_string: f[3],
            auxiliary_buffer: aux,
        });
    let connect_success = (any::<[u32; 4]>(), ansi(), unicode(), chain()).prop_map(
        |(f, dn_prefix, display_name, aux)| ConnectSuccess {
            error_code: f[0],
            polls_max: f[1],
            retry_count: f[2],
            retry_delay: f[3],
            dn_prefix,
            display_name,
            auxiliary_buffer: aux,
        },
    );
    let execute_request =
        (any::<(u32, u32)>(), chain(), chain()).prop_map(|((f, m), rop, aux)| ExecuteRequest {
            flags: ExecuteFlags(f),
            rop_buffer: rop,
            max_rop_out: m,
            auxiliary_buffer: aux,
        });
    let execute_success =
        (any::<(u32, u32)>(), chain(), chain()).prop_map(|((e, f), rop, aux)| ExecuteSuccess {
            error_code: e,
            flags: f,
            rop_buffer: rop,
            auxiliary_buffer: aux,
        });
    let disconnect_success = (any::<u32>(), chain()).prop_map(|(e, aux)| DisconnectSuccess {
        error_code: e,
        auxiliary_buffer: aux,
    });
    let wait_success =
        (any::<(u32, u32)>(), chain()).prop_map(|((e, p), aux)| NotificationWaitSuccess {
            error_code: e,
            event_pending: p,
            auxiliary_buffer: aux,
        });
    prop_oneof![
        connect_request.prop_map(EmsmdbBody::ConnectRequest),
        response(connect_success).prop_map(EmsmdbBody::ConnectResponse),
        execute_request.prop_map(EmsmdbBody::ExecuteRequest),
        response(execute_success).prop_map(EmsmdbBody::ExecuteResponse),
        chain().prop_map(|a| EmsmdbBody::DisconnectRequest(DisconnectRequest {
            auxiliary_buffer: a
        })),
        response(disconnect_success).prop_map(EmsmdbBody::DisconnectResponse),
        (any::<u32>(), chain()).prop_map(|(flags, a)| EmsmdbBody::NotificationWaitRequest(
            NotificationWaitRequest {
                flags,
                auxiliary_buffer: a
            }
        )),
        response(wait_success).prop_map(EmsmdbBody::NotificationWaitResponse),
    ]
}

fn kind_of(b: &EmsmdbBody<'_>) -> EmsmdbBodyKind {
    match b {
        EmsmdbBody::ConnectRequest(_) => EmsmdbBodyKind::ConnectRequest,
        EmsmdbBody::ConnectResponse(_) => EmsmdbBodyKind::ConnectResponse,
        EmsmdbBody::ExecuteRequest(_) => EmsmdbBodyKind::ExecuteRequest,
        EmsmdbBody::ExecuteResponse(_) => EmsmdbBodyKind::ExecuteResponse,
        EmsmdbBody::DisconnectRequest(_) => EmsmdbBodyKind::DisconnectRequest,
        EmsmdbBody::DisconnectResponse(_) => EmsmdbBodyKind::DisconnectResponse,
        EmsmdbBody::NotificationWaitRequest(_) => EmsmdbBodyKind::NotificationWaitRequest,
        EmsmdbBody::NotificationWaitResponse(_) => EmsmdbBodyKind::NotificationWaitResponse,
        EmsmdbBody::PingRequest(_) => EmsmdbBodyKind::PingRequest,
        EmsmdbBody::PingResponse(_) => EmsmdbBodyKind::PingResponse,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn built_bodies_round_trip(b in body()) {
        let bytes = b.to_bytes().unwrap();
        prop_assert_eq!(bytes.len(), b.encoded_len());
        let back = EmsmdbBody::decode_exact(kind_of(&b), &bytes, Limits::DEFAULT).unwrap();
        prop_assert_eq!(&back, &b);
        // Every strict prefix fails.
        for n in [0, bytes.len() / 2, bytes.len().saturating_sub(1)] {
            if n < bytes.len() {
                prop_assert!(EmsmdbBody::decode_exact(kind_of(&b), &bytes[..n], Limits::DEFAULT).is_err());
            }
        }
    }

    #[test]
    fn decoded_bytes_re_encode(k in 0usize..10, bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let kind = EmsmdbBodyKind::ALL[k];
        if let Ok(b) = EmsmdbBody::decode_exact(kind, &bytes, Limits::DEFAULT) {
            prop_assert_eq!(b.to_bytes().unwrap(), bytes);
        }
    }

    #[test]
    fn typed_aliases_agree(s in failure()) {
        // The three failure layouts are one structure.
        let c = ConnectResponse::Failure(s.clone()).to_bytes().unwrap();
        let e = ExecuteResponse::Failure(s.clone()).to_bytes().unwrap();
        let d = DisconnectResponse::Failure(s.clone()).to_bytes().unwrap();
        let w = NotificationWaitResponse::Failure(s).to_bytes().unwrap();
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
    use std::borrow::Cow;

    fn stream() -> impl Strategy<Value = ResponseStream<'static>> {
        (
            any::<bool>(),
            0usize..5,
            proptest::collection::vec(("[A-Za-z-]{1,12}", "[ -~]{0,20}"), 0..4),
            proptest::collection::vec(any::<u8>(), 0..80),
        )
            .prop_map(|(processing, pending, headers, body)| {
                let mut meta_tags = Vec::new();
                if processing {
                    meta_tags.push(MetaTag::Processing);
                }
                meta_tags.extend(std::iter::repeat_n(MetaTag::Pending, pending));
                ResponseStream {
                    meta_tags,
                    additional_headers: headers
                        .iter()
                        .map(|(n, v)| HeaderLine::new(n, v.trim()).unwrap())
                        .collect(),
                    body: Cow::Owned(body),
                }
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
            let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
            cuts.sort_unstable();
            let mut d = ResponseStreamDecoder::new(1 << 20, Limits::DEFAULT);
            let mut events = Vec::new();
            let mut last = 0;
            for c in cuts.into_iter().chain([bytes.len()]) {
                d.feed(&mut &bytes[last..c], &mut events).unwrap();
                last = c;
            }
            prop_assert_eq!(events, back.events());
            prop_assert_eq!(d.finish().unwrap(), back);
        }
    }
}
