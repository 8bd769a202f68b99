//! The MAPI/HTTP response stream ([MS-OXCMAPIHTTP] 2.2.2.2, 2.2.7): the first input byte gives
//! the number of cuts (modulo 8), the next two bytes per cut a position (modulo the stream
//! length + 1), the rest is the stream. The incremental decoder fed the pieces gives the same
//! events and result as one piece and as the one-shot decoder (or fails with the same error
//! kind at the same offset); what decodes re-encodes to the input. With bit 7 of the first
//! byte set, the rest is a chunked body instead: the inspector's `ChunkedStreamDecoder` over the
//! pieces succeeds exactly when the whole HTTP message (read with httparse) and its stream
//! decode, with the same result, and a message that decodes re-encodes to its bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::http::stream::{ResponseStream, ResponseStreamDecoder};
use mapi_codec::wire::{Decode, DecodeError, Encode, Limits};
use mapi_inspect::http::{ChunkedStreamDecoder, HttpMessage};

fn pieces(
    stream: &[u8],
    cuts: &[usize],
) -> Result<
    (
        Vec<mapi_codec::http::stream::StreamEvent>,
        ResponseStream<'static>,
    ),
    DecodeError,
> {
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
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(first % 8);
    if rest.len() < 2 * n {
        return;
    }
    let (cut_bytes, stream) = rest.split_at(2 * n);
    let mut cuts: Vec<usize> = cut_bytes
        .chunks_exact(2)
        .map(|c| usize::from(u16::from_le_bytes([c[0], c[1]])) % (stream.len() + 1))
        .collect();
    cuts.sort_unstable();
    if first & 0x80 != 0 {
        chunked(stream, &cuts);
        return;
    }
    let one_shot =
        ResponseStream::decode_exact(stream, Limits::DEFAULT).map(ResponseStream::into_owned);
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

fn chunked(body: &[u8], cuts: &[usize]) {
    let mut msg = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    msg.extend_from_slice(body);
    let whole = HttpMessage::decode_exact(&msg, Limits::DEFAULT).and_then(|m| {
        assert_eq!(m.to_bytes().expect("encodes"), msg);
        ResponseStream::decode_exact(&m.body_bytes(), Limits::DEFAULT)
            .map(ResponseStream::into_owned)
    });
    let mut d = ChunkedStreamDecoder::new(1 << 20, Limits::DEFAULT);
    let mut events = Vec::new();
    let mut last = 0;
    let mut fed = Ok(());
    for &c in cuts.iter().chain(std::iter::once(&body.len())) {
        let mut piece = &body[last..c];
        fed = fed.and_then(|()| d.feed(&mut piece, &mut events));
        // Bytes left after the last chunk: the message would have trailing bytes.
        if fed.is_ok() && !piece.is_empty() {
            fed = Err(DecodeError::new(
                mapi_codec::wire::ErrorKind::TrailingBytes { count: piece.len() },
                c,
            ));
        }
        last = c;
    }
    let split = fed.and_then(|()| d.finish().map(|s| (events, s)));
    match (&whole, &split) {
        (Ok(w), Ok((ev, s))) => {
            assert_eq!(w, s);
            assert_eq!(&w.events(), ev);
        }
        (Err(_), Err(_)) => {}
        _ => panic!("results differ: {whole:?} / {split:?}"),
    }
}
