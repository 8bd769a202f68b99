//! Whole chunked HTTP/1.1 responses built from random response streams ([MS-OXCMAPIHTTP]
//! 2.2.2.2, 3.2.5.2): `HttpMessage` gives the stream back and re-encodes the message byte for
//! byte, `ChunkedStreamDecoder` fed the body in random pieces agrees with it, and a message
//! cut short does not decode.

use std::borrow::Cow;

use mapi_codec::http::headers::HeaderLine;
use mapi_codec::http::stream::{MetaTag, ResponseStream};
use mapi_codec::wire::{Decode, Encode, Limits};
use mapi_inspect::http::{put_chunk, put_last_chunk, ChunkedStreamDecoder, HttpMessage};
use proptest::prelude::*;

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

const HEAD: &[u8] =
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-RequestType: Execute\r\n\r\n";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn chunked_message_round_trip(
        s in stream(),
        sizes in proptest::collection::vec(1usize..40, 1..6),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let inner = s.to_bytes().unwrap();
        let mut msg = HEAD.to_vec();
        let mut at = 0;
        let mut i = 0;
        while at < inner.len() {
            let n = sizes[i % sizes.len()].min(inner.len() - at);
            put_chunk(&mut msg, &inner[at..at + n]).unwrap();
            at += n;
            i += 1;
        }
        put_last_chunk(&mut msg).unwrap();
        let m = HttpMessage::decode_exact(&msg, Limits::DEFAULT).unwrap();
        prop_assert_eq!(m.body_at, HEAD.len());
        prop_assert_eq!(&*m.body_bytes(), &inner[..]);
        prop_assert_eq!(m.to_bytes().unwrap(), msg.clone());
        prop_assert!(HttpMessage::decode_exact(&msg[..msg.len() - 1], Limits::DEFAULT).is_err());

        let want = ResponseStream::decode_exact(&inner, Limits::DEFAULT).unwrap().into_owned();
        let body = &msg[HEAD.len()..];
        let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(body.len() + 1)).collect();
        cuts.sort_unstable();
        let mut d = ChunkedStreamDecoder::new(1 << 20, Limits::DEFAULT);
        let mut events = Vec::new();
        let mut last = 0;
        for c in cuts.into_iter().chain([body.len()]) {
            d.feed(&mut &body[last..c], &mut events).unwrap();
            last = c;
        }
        prop_assert_eq!(events, want.events());
        prop_assert_eq!(d.finish().unwrap(), want);
    }
}
