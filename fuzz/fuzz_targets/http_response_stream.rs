//! The MAPI/HTTP response stream ([MS-OXCMAPIHTTP] 2.2.2.2, 2.2.7): the first input byte gives
//! the number of cuts (modulo 8), the next two bytes per cut a position (modulo the stream
//! length + 1), the rest is the stream. The incremental decoder fed the pieces gives the same
//! events and result as one piece and as the one-shot decoder (or fails with the same error
//! kind at the same offset); what decodes re-encodes to the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::http::stream::{ResponseStream, ResponseStreamDecoder};
use mapi_codec::wire::{Decode, DecodeError, Encode, Limits};

fn pieces(
    stream: &[u8],
    cuts: &[usize],
) -> Result<(Vec<mapi_codec::http::stream::StreamEvent>, ResponseStream<'static>), DecodeError> {
    let mut d = ResponseStreamDecoder::new(1 << 20, Limits::DEFAULT);
    let mut events = Vec::new();
    let mut last = 0;
    for &c in cuts.iter().chain(std::iter::once(&stream.len())) {
        let mut piece = &stream[last..c];
        d.feed(&mut piece, &mut events)?;
        last = c;
    }
    d.finish().map(|s| (events, s))
}

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(n % 8);
    if rest.len() < 2 * n {
        return;
    }
    let (cut_bytes, stream) = rest.split_at(2 * n);
    let mut cuts: Vec<usize> = cut_bytes
        .chunks_exact(2)
        .map(|c| usize::from(u16::from_le_bytes([c[0], c[1]])) % (stream.len() + 1))
        .collect();
    cuts.sort_unstable();
    let one_shot = ResponseStream::decode_exact(stream, Limits::DEFAULT).map(ResponseStream::into_owned);
    let whole = pieces(stream, &[]);
    let split = pieces(stream, &cuts);
    match (&one_shot, &whole, &split) {
        (Ok(s), Ok((ew, w)), Ok((es, p))) => {
            assert_eq!(s, w);
            assert_eq!(w, p);
            assert_eq!(ew, es);
            assert_eq!(&s.events(), ew);
            assert_eq!(s.to_bytes().expect("encodes"), stream);
        }
        (Err(a), Err(b), Err(c)) => {
            let k = |e: &DecodeError| (e.kind().name(), e.offset());
            assert_eq!(k(a), k(b));
            assert_eq!(k(b), k(c));
        }
        _ => panic!("results differ: {one_shot:?} / {whole:?} / {split:?}"),
    }
});
