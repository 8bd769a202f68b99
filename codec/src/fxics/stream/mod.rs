//! [MS-OXCFXICS] 2.2.4 FastTransfer stream: a lexical decoder and encoder.
//!
//! A FastTransfer stream is a flat run of property tags: markers (2.2.4.1.4), meta-properties
//! (2.2.4.1.5) and property values (2.2.4.3.21: fixed-size, variable-size with a 4-byte
//! length, multi-valued with a 4-byte count, named properties with their property set and
//! dispid or name). The ROPs deliver it in buffers (RopFastTransferSourceGetBuffer,
//! RopFastTransferDestinationPutBuffer) split at any byte.
//!
//! Two ways in, one lexer:
//!
//! - [`FtDecoder`], the streaming API: fed buffer by buffer as they arrive, it keeps its state
//!   between them in a value the caller owns (one per download or upload context).
//! - [`FtStream`], a stream held whole, in the crate's [`Decode`]/[`Encode`] vocabulary:
//!   [`Decode`] reads every byte left as one buffer, [`DecodeWith<Cuts>`](DecodeWith) reads
//!   them as the buffers they arrived in, cut at the given offsets. Encoding checks that the
//!   elements are a stream, and [`FtStream::new`] and its siblings build one for encoders.
//!
//! Design (the zero-copy trade-off): the decoder yields a flat sequence of [`Element`]s. A
//! variable-size value is an [`Element::Length`] followed by one or more [`Element::Data`]
//! pieces that borrow from the buffer they arrived in: a 100 KB attachment split over seven
//! buffers is seven borrowed slices, never copied by the decoder. Only the small fixed parts
//! (a tag, a length, a fixed-size value, a named property's GUID, dispid or name) that
//! straddle two buffers are copied into a carry of at most a few bytes. The same stream
//! split differently gives the same elements once adjacent `Data` pieces are joined
//! ([`FtStream::normalize`]).
//!
//! The files follow the spec: `element.rs` holds the lexical elements (2.2.4.1, the parts of
//! 2.2.4.3.21), `decoder.rs` the incremental decoder.
//!
//! ```
//! use mapi_codec::fxics::stream::{Cuts, Element, FtDecoder, FtStream, Marker};
//! use mapi_codec::wire::{Decode, DecodeWith, Encode, Limits};
//!
//! // StartMessage, PidTagSubject (PtypString) "Hi", EndMessage.
//! let bytes = [
//!     0x03, 0x00, 0x0C, 0x40, 0x1F, 0x00, 0x37, 0x00, 0x06, 0x00, 0x00, 0x00, b'H', 0, b'i', 0,
//!     0, 0, 0x03, 0x00, 0x0D, 0x40,
//! ];
//! let whole = FtStream::decode_exact(&bytes, Limits::DEFAULT).unwrap();
//! assert_eq!(whole.elements[0], Element::Marker(Marker::START_MESSAGE));
//! assert_eq!(whole.to_bytes().unwrap(), bytes);
//!
//! // The same stream in two buffers cut inside the string, as a streaming decoder sees them.
//! let mut d = FtDecoder::new();
//! let mut split = d.feed(&bytes[..14]).unwrap();
//! split.extend(d.feed(&bytes[14..]).unwrap());
//! d.finish().unwrap();
//! assert_eq!(FtStream::from(split).normalize(), whole);
//!
//! // Or held whole with the cut.
//! let cut = FtStream::decode_with_exact(&bytes, Cuts(&[14]), Limits::DEFAULT).unwrap();
//! assert_eq!(cut.normalize(), whole);
//! ```

mod decoder;
mod element;

pub use decoder::{FtDecoder, MAX_NAME_BYTES};
pub use element::{Element, Fixed, FtName, Marker, MetaProperty, NamedInfo};

use std::borrow::Cow;

use bytes::BufMut;

use crate::data::PropTag;
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, u32_len, Decode, DecodeError, DecodeWith, Encode, EncodeError, Limits, Reader,
    ResultExt,
};

/// Where a stream held whole was cut into the buffers it arrived in: byte offsets from the
/// start of the stream, in order. The context an [`FtStream`] decodes with to read its bytes
/// as the ROPs deliver them; an offset below the one before it, or past the end of the
/// stream, is taken as the nearest valid one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cuts<'c>(pub &'c [usize]);

/// A FastTransfer stream held whole ([MS-OXCFXICS] 2.2.4): its lexical elements, in order.
///
/// Decoding reads every byte left (an FtStream fills its buffer); encoding refuses elements
/// that are not lexically a stream (a tag without its value, `Data` pieces that do not add up
/// to their `Length`), checked by decoding what was written, which costs one more pass.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct FtStream<'a> {
    /// The elements.
    pub elements: Vec<Element<'a>>,
}

impl<'a> From<Vec<Element<'a>>> for FtStream<'a> {
    fn from(elements: Vec<Element<'a>>) -> Self {
        FtStream { elements }
    }
}

impl FtStream<'_> {
    /// The same stream with adjacent [`Element::Data`] pieces joined, so that two splits of
    /// one stream compare equal.
    pub fn normalize(self) -> Self {
        let mut out: Vec<Element<'_>> = Vec::with_capacity(self.elements.len());
        for e in self.elements {
            match (out.last_mut(), e) {
                (Some(Element::Data(prev)), Element::Data(d)) => {
                    prev.to_mut().extend_from_slice(&d)
                }
                (_, e) => out.push(e),
            }
        }
        FtStream { elements: out }
    }

    /// The stream with every borrowed part copied.
    pub fn into_owned(self) -> FtStream<'static> {
        crate::wire::IntoOwned::into_owned(self)
    }
}

impl<'a> Decode<'a> for FtStream<'a> {
    /// Reads a whole stream from every byte left, as one buffer.
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        FtStream::decode_with_from(r, Cuts(&[]))
    }
}

impl<'a> DecodeWith<'a, Cuts<'_>> for FtStream<'a> {
    /// Reads a whole stream from every byte left, fed to an [`FtDecoder`] in the buffers that
    /// `cuts` make of them.
    fn decode_with_from(r: &mut Reader<'a>, Cuts(cuts): Cuts<'_>) -> Result<Self, DecodeError> {
        let base = r.offset();
        let mut d = FtDecoder::with_limits(*r.limits());
        let bytes = r.take_rest();
        let mut elements = Vec::new();
        let mut at = 0;
        for &cut in cuts.iter().chain([&bytes.len()]) {
            let cut = cut.clamp(at, bytes.len());
            d.feed_with(&bytes[at..cut], |e| elements.push(e))
                .map_err(|e| e.shifted(base))?;
            at = cut;
        }
        d.finish().map_err(|e| e.shifted(base))?;
        Ok(FtStream { elements })
    }
}

impl Encode for FtStream<'_> {
    fn encoded_len(&self) -> usize {
        self.elements.iter().map(Encode::encoded_len).sum()
    }

    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        let bytes = self.to_bytes()?;
        ensure_room(out, bytes.len())?;
        out.put_slice(&bytes);
        Ok(())
    }

    /// The stream's bytes, once the decoder has read them back as these elements.
    fn to_bytes(&self) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::with_capacity(self.encoded_len());
        for (i, e) in self.elements.iter().enumerate() {
            e.encode(&mut out).index(i)?;
        }
        let not_a_stream =
            || EncodeError::invalid("the elements are not a lexically valid FastTransfer stream");
        let back = FtStream::decode_exact(&out, Limits::DEFAULT).map_err(|_| not_a_stream())?;
        if back.normalize() != self.clone().normalize() {
            return Err(not_a_stream());
        }
        Ok(out)
    }
}

impl ToTree for FtStream<'_> {
    fn to_tree(&self) -> Tree {
        self.elements.to_tree()
    }
}

/// Building a stream from property values, for encoders: each call appends a marker or a
/// property's elements.
impl<'a> FtStream<'a> {
    /// An empty stream.
    pub fn new() -> Self {
        FtStream::default()
    }

    /// Appends a marker.
    pub fn marker(&mut self, m: Marker) -> &mut Self {
        self.elements.push(Element::Marker(m));
        self
    }

    /// Appends a property with a fixed-size value (the tag's type must match its size).
    pub fn fixed(&mut self, tag: PropTag, named: Option<NamedInfo<'a>>, v: Fixed) -> &mut Self {
        self.elements.push(Element::Tag { tag, named });
        self.elements.push(Element::Fixed(v));
        self
    }

    /// Appends a property with a variable-size value (a string with its terminator, bytes).
    pub fn var(
        &mut self,
        tag: PropTag,
        named: Option<NamedInfo<'a>>,
        data: &'a [u8],
    ) -> Result<&mut Self, EncodeError> {
        self.elements.push(Element::Tag { tag, named });
        self.push_var(data)?;
        Ok(self)
    }

    /// Appends a multi-valued property of fixed-size items.
    pub fn multi_fixed(
        &mut self,
        tag: PropTag,
        named: Option<NamedInfo<'a>>,
        items: &[Fixed],
    ) -> Result<&mut Self, EncodeError> {
        self.elements.push(Element::Tag { tag, named });
        let n = u32_len(items.len(), "Count")?;
        self.elements.push(Element::Count(n));
        self.elements
            .extend(items.iter().copied().map(Element::Fixed));
        Ok(self)
    }

    /// Appends a multi-valued property of variable-size items.
    pub fn multi_var(
        &mut self,
        tag: PropTag,
        named: Option<NamedInfo<'a>>,
        items: &[&'a [u8]],
    ) -> Result<&mut Self, EncodeError> {
        self.elements.push(Element::Tag { tag, named });
        let n = u32_len(items.len(), "Count")?;
        self.elements.push(Element::Count(n));
        for d in items {
            self.push_var(d)?;
        }
        Ok(self)
    }

    fn push_var(&mut self, data: &'a [u8]) -> Result<(), EncodeError> {
        let n = u32_len(data.len(), "Length")?;
        self.elements.push(Element::Length(n));
        if !data.is_empty() {
            self.elements.push(Element::Data(Cow::Borrowed(data)));
        }
        Ok(())
    }
}

crate::wire::owned_impl!(struct FtStream { elements });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Guid;

    /// A stream held whole.
    pub(super) fn decode(b: &[u8]) -> Result<FtStream<'_>, DecodeError> {
        FtStream::decode_exact(b, Limits::DEFAULT)
    }

    /// A stream cut into buffers at `cuts`.
    pub(super) fn decode_cut<'a>(b: &'a [u8], cuts: &[usize]) -> Result<FtStream<'a>, DecodeError> {
        FtStream::decode_with_exact(b, Cuts(cuts), Limits::DEFAULT)
    }

    pub(super) fn utf16z(s: &str) -> Vec<u8> {
        let mut v: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        v.extend([0, 0]);
        v
    }

    /// A message with a named property, a multi-valued string, a recipient and an attachment
    /// of `attach_len` bytes.
    pub(super) fn message_stream(attach: &[u8], subject: &[u8], name: &[u8]) -> Vec<u8> {
        let mut w = FtStream::new();
        let ps = Guid([0x11; 16]);
        w.marker(Marker::START_MESSAGE);
        w.var(PropTag(0x0037_001F), None, subject).unwrap();
        w.fixed(PropTag(0x0E07_0003), None, Fixed::U32(0x0000_0001));
        w.fixed(PropTag(0x0E1B_000B), None, Fixed::U16(1));
        w.fixed(
            PropTag(0x3007_0040),
            None,
            Fixed::U64(0x01D0_0000_0000_0000),
        );
        w.var(
            PropTag(0x8001_001F),
            Some(NamedInfo {
                guid: ps,
                name: FtName::Name(Cow::Borrowed(name)),
            }),
            subject,
        )
        .unwrap();
        w.fixed(
            PropTag(0x8002_0048),
            Some(NamedInfo {
                guid: ps,
                name: FtName::Id(0x8501),
            }),
            Fixed::Guid(Guid([7; 16])),
        );
        w.multi_var(PropTag(0x6001_101F), None, &[subject, b"\0\0"])
            .unwrap();
        w.multi_fixed(PropTag(0x6000_1003), None, &[Fixed::U32(1), Fixed::U32(2)])
            .unwrap();
        w.marker(Marker::START_RECIP);
        w.var(PropTag(0x3001_001E), None, b"Bob\0").unwrap();
        w.marker(Marker::END_TO_RECIP);
        w.marker(Marker::NEW_ATTACH);
        w.fixed(PropTag(0x0E21_0003), None, Fixed::U32(0));
        w.var(PropTag(0x3701_0102), None, attach).unwrap();
        w.marker(Marker::END_ATTACH);
        w.marker(Marker::END_MESSAGE);
        w.to_bytes().unwrap()
    }

    #[test]
    fn big_attachment_in_16k_buffers() {
        let attach: Vec<u8> = (0..100 * 1024).map(|i| (i * 7 % 251) as u8).collect();
        let subject = utf16z("Quarterly report");
        let name = "Keywords"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect::<Vec<u8>>();
        let bytes = message_stream(&attach, &subject, &name);
        let whole = decode(&bytes).unwrap();
        // The whole stream borrows the attachment in one piece.
        assert!(whole
            .elements
            .iter()
            .any(|e| matches!(e, Element::Data(Cow::Borrowed(d)) if d.len() == attach.len())));
        for first in [16 * 1024, 16 * 1024 - 3, 5, 1] {
            let mut cuts = vec![first];
            while *cuts.last().unwrap() + 16 * 1024 < bytes.len() {
                cuts.push(cuts.last().unwrap() + 16 * 1024);
            }
            let split = decode_cut(&bytes, &cuts).unwrap();
            // Every Data piece is borrowed from a buffer: no copy of the bulk.
            assert!(split
                .elements
                .iter()
                .all(|e| !matches!(e, Element::Data(Cow::Owned(_)))));
            assert_eq!(split.normalize(), whole);
        }
        assert_eq!(whole.to_bytes().unwrap(), bytes);
    }

    #[test]
    fn cuts_out_of_order_or_past_the_end_are_clamped() {
        let subject = utf16z("Hi");
        let bytes = message_stream(&[1, 2, 3], &subject, &[b'N', 0]);
        let whole = decode(&bytes).unwrap();
        for cuts in [&[30, 10, 20][..], &[5, 5, 5000], &[bytes.len() + 1, 0]] {
            assert_eq!(
                decode_cut(&bytes, cuts).unwrap().normalize(),
                whole,
                "{cuts:?}"
            );
        }
    }

    #[test]
    fn errors_count_from_the_outer_buffer() {
        // StartMessage, then an unknown property type 0x0099 at offset 4 of the stream, which
        // sits at offset 10 of the outer buffer.
        let b = [0x03, 0x00, 0x0C, 0x40, 0x99, 0x00, 0x01, 0x00];
        let mut r = Reader::at_offset(&b, 10, Limits::DEFAULT);
        let e = FtStream::decode_with_from(&mut r, Cuts(&[5])).unwrap_err();
        assert_eq!(e.offset(), 14);
        let mut r = Reader::at_offset(&b[..6], 10, Limits::DEFAULT);
        let e = FtStream::decode_from(&mut r).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("truncated", 16));
    }

    #[test]
    fn invalid_sequences_do_not_encode() {
        let e = FtStream::from(vec![Element::Tag {
            tag: PropTag(0x0037_001F),
            named: None,
        }]);
        assert!(e.to_bytes().is_err());
        let e = FtStream::from(vec![
            Element::Tag {
                tag: PropTag(0x0037_001F),
                named: None,
            },
            Element::Length(3),
            Element::Data(Cow::Borrowed(&[1, 2][..])),
        ]);
        assert!(e.to_bytes().is_err());
        let mut out = [0u8; 64];
        assert!(e.encode(&mut &mut out[..]).is_err());
    }
}
