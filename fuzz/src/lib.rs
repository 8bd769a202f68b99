//! What the fuzz targets share: the round-trip checks every target makes, and the ways a
//! target reads its choices (a count width, column tags) from the input's first bytes.
//!
//! The checks are macros because a decoded value borrows from the bytes it came from: the
//! re-encoded copy decodes to the same type with a shorter lifetime, which a generic function
//! cannot name.

use mapi_codec::data::PropTags;
use mapi_codec::http::body::RopBuffer;
use mapi_codec::http::headers::{BodyKind, Endpoint};
use mapi_codec::wire::{CountWidth, Encode};

/// Decodes a `$t` from the start of `$bytes` with `$dec` (`()` for a type that needs no
/// context); if that works, the value re-encodes with `$enc` to exactly the bytes it used
/// (`encoded_len_with` agreeing), and those decode back to the same value. Evaluates to the
/// value, if one decoded.
#[macro_export]
macro_rules! prefix_round_trip {
    ($t:ty, $bytes:expr, $dec:expr, $enc:expr) => {{
        let bytes: &[u8] = $bytes;
        match <$t as ::mapi_codec::wire::DecodeWith<_>>::decode_with(bytes, $dec) {
            Ok((rest, v)) => {
                let used = &bytes[..bytes.len() - rest.len()];
                let again = ::mapi_codec::wire::EncodeWith::to_bytes_with(&v, $enc)
                    .expect("a decoded value encodes");
                assert_eq!(again, used);
                assert_eq!(
                    ::mapi_codec::wire::EncodeWith::encoded_len_with(&v, $enc),
                    used.len()
                );
                let (_, back) =
                    <$t as ::mapi_codec::wire::DecodeWith<_>>::decode_with(&again, $dec)
                        .expect("re-encoded bytes decode");
                assert_eq!(back, v);
                Some(v)
            }
            Err(_) => None,
        }
    }};
}

/// Decodes a `$t` that must fill `$bytes` with `$ctx` (`()` for a type that needs no context)
/// and `$limits` (the default limits when left out); if that works, the value re-encodes to
/// exactly `$bytes` and decodes again to the same value. Evaluates to the value, if one
/// decoded.
#[macro_export]
macro_rules! exact_round_trip {
    ($t:ty, $bytes:expr, $ctx:expr) => {
        $crate::exact_round_trip!($t, $bytes, $ctx, ::mapi_codec::wire::Limits::DEFAULT)
    };
    ($t:ty, $bytes:expr, $ctx:expr, $limits:expr) => {{
        let bytes: &[u8] = $bytes;
        match <$t as ::mapi_codec::wire::DecodeWith<_>>::decode_with_exact(bytes, $ctx, $limits) {
            Ok(v) => {
                let again =
                    ::mapi_codec::wire::Encode::to_bytes(&v).expect("a decoded value encodes");
                assert_eq!(again, bytes);
                assert_eq!(::mapi_codec::wire::Encode::encoded_len(&v), bytes.len());
                let back = <$t as ::mapi_codec::wire::DecodeWith<_>>::decode_with_exact(
                    &again, $ctx, $limits,
                )
                .expect("re-encoded bytes decode");
                assert_eq!(back, v);
                Some(v)
            }
            Err(_) => None,
        }
    }};
}

/// The structure-aware check: the value `$v` either fails to encode with `$enc` (the target
/// returns), or its bytes (as long as `encoded_len_with` says) decode as a `$t` with `$dec`,
/// filling them, to the same value, which re-encodes to the same bytes.
#[macro_export]
macro_rules! value_round_trip {
    ($t:ty, $v:expr, $dec:expr, $enc:expr) => {{
        let v = $v;
        let Ok(bytes) = ::mapi_codec::wire::EncodeWith::to_bytes_with(v, $enc) else {
            return;
        };
        assert_eq!(
            ::mapi_codec::wire::EncodeWith::encoded_len_with(v, $enc),
            bytes.len()
        );
        let back = match <$t as ::mapi_codec::wire::DecodeWith<_>>::decode_with_exact(
            &bytes,
            $dec,
            ::mapi_codec::wire::Limits::DEFAULT,
        ) {
            Ok(back) => back,
            Err(e) => panic!("encoded bytes do not decode: {e}\n{v:?}"),
        };
        assert_eq!(&back, v);
        assert_eq!(
            ::mapi_codec::wire::EncodeWith::to_bytes_with(&back, $enc).expect("re-encodes"),
            bytes
        );
    }};
}

/// The count width a choice bit picks: 2-byte counts (ROP buffers) when clear, 4-byte counts
/// (NSPI bodies, extended rules) when set.
pub fn count_width(wide: bool) -> CountWidth {
    if wide {
        CountWidth::U32
    } else {
        CountWidth::U16
    }
}

/// Splits `n` column tags (4 bytes each, little-endian) off the front of `input`; `None` when
/// the input is shorter.
pub fn take_columns(input: &[u8], n: usize) -> Option<(PropTags<'_>, &[u8])> {
    if input.len() < n * 4 {
        return None;
    }
    let (tags, rest) = input.split_at(n * 4);
    Some((PropTags::from_bytes(tags)?, rest))
}

/// The body kind of `endpoint` a choice byte picks: `choice` modulo the number of the
/// endpoint's kinds, in [`BodyKind::all`] order.
pub fn body_kind(endpoint: Endpoint, choice: u8) -> BodyKind {
    let kinds: Vec<BodyKind> = BodyKind::all()
        .filter(|k| k.endpoint() == endpoint)
        .collect();
    kinds[usize::from(choice) % kinds.len()]
}

/// The ROP buffers decoded from an Execute body's RopBuffer are one per extended buffer, each
/// re-encoding to that buffer's payload.
pub fn same_rop_buffers<T: Encode>(decoded: &[T], rop_buffer: &RopBuffer<'_>) {
    let payloads: Vec<&[u8]> = rop_buffer
        .0
        .iter()
        .flat_map(|c| &c.buffers)
        .map(|b| b.payload())
        .collect();
    assert_eq!(decoded.len(), payloads.len());
    for (buf, payload) in decoded.iter().zip(payloads) {
        assert_eq!(buf.to_bytes().expect("a decoded buffer encodes"), payload);
    }
}
