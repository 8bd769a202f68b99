//! A FastTransfer stream followed across the buffers that carry it ([MS-OXCFXICS] 2.2.3.1.1.5:
//! RopFastTransferSourceGetBuffer's TransferBuffer, RopFastTransferDestinationPutBuffer's
//! TransferData), often in several Execute calls: the stream's decoder, and the value that
//! the end of the last buffer cut, held until it completes so that it reads whole.

use crate::data::{PropTag, PropType};
use crate::tree::{ToTree, Tree};
use crate::wire::DecodeError;

use super::stream::{Element, FtDecoder};

/// Where a value held until it completes stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Need {
    /// Between two elements: nothing is held.
    #[default]
    Nothing,
    /// A tag was read: its value next.
    Value,
    /// `k` items of a multi-valued property are still to come.
    Items(u32),
    /// `left` bytes of a variable-size value; `items` as in `Items` for a multi-valued one.
    Data { left: u32, items: Option<u32> },
}

/// What a stream carries, read across its buffers: a marker (or another element that stands
/// alone), or one property value whole — its tag, then its count, lengths and data, the
/// pieces of data that the ends of buffers cut joined into one.
#[derive(Clone, Debug, PartialEq)]
pub enum TransferItem<'a> {
    /// An element that stands alone (a marker).
    Element(Element<'a>),
    /// A property value: the tag first, then what follows it.
    Value(Vec<Element<'a>>),
}

impl TransferItem<'_> {
    /// The same item, owning its bytes.
    pub fn into_owned(self) -> TransferItem<'static> {
        crate::wire::IntoOwned::into_owned(self)
    }

    /// The trees of the item's elements, one a line: the data of a PtypString value (or of an
    /// item of a PtypMultipleString one) as its text.
    pub fn trees(&self) -> Vec<Tree> {
        match self {
            TransferItem::Element(e) => vec![e.to_tree()],
            TransferItem::Value(elements) => {
                let string = matches!(
                    elements.first(),
                    Some(Element::Tag { tag, .. }) if tag.prop_type().item_type() == PropType::STRING
                );
                elements
                    .iter()
                    .map(|e| match (e, string) {
                        (Element::Data(d), true) => match utf16_text(d) {
                            Some(text) => Tree::record().field("Data", Tree::Text(text)),
                            None => e.to_tree(),
                        },
                        _ => e.to_tree(),
                    })
                    .collect()
            }
        }
    }
}

/// UTF-16LE text, without its terminator, when the bytes are that.
fn utf16_text(b: &[u8]) -> Option<String> {
    let b = if b.len() % 2 == 0 {
        b.strip_suffix(&[0, 0]).unwrap_or(b)
    } else {
        b
    };
    crate::wire::utf16_text(b)
}

/// The value a stream holds at the end of a buffer: its tag, and how many bytes of its data
/// are still to come (when the buffer ended inside its data).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeldValue {
    /// The value's property tag.
    pub tag: PropTag,
    /// The bytes still to come, when the cut is inside a variable-size value.
    pub bytes_to_come: Option<u32>,
}

/// One FastTransfer stream read buffer after buffer: [`FtDecoder`] underneath, with every
/// property value kept together until it completes.
///
/// ```
/// use mapi_codec::fxics::transfer::{TransferItem, TransferStream};
///
/// // PidTagSubject (PtypString), length 6, "Hi\0" cut after its first byte.
/// let mut s = TransferStream::new();
/// let first = s.feed(&[0x1F, 0x00, 0x37, 0x00, 0x06, 0x00, 0x00, 0x00, b'H']).unwrap();
/// assert!(first.is_empty());
/// assert!(s.held().is_some());
/// let second = s.feed(&[0x00, b'i', 0x00, 0x00, 0x00]).unwrap();
/// let TransferItem::Value(elements) = &second[0] else { panic!() };
/// assert_eq!(elements.len(), 3); // the tag, the length, the data joined
/// s.finish().unwrap();
/// ```
#[derive(Clone, Debug, Default)]
pub struct TransferStream {
    decoder: FtDecoder,
    held: Vec<Element<'static>>,
    need: Need,
}

impl TransferStream {
    /// A stream at its start.
    pub fn new() -> Self {
        TransferStream::default()
    }

    /// Feeds the next buffer: the items it completes, in order. On an error, the items before
    /// it are lost with the stream (the error's offset counts from the stream's start).
    pub fn feed<'a>(&mut self, buf: &'a [u8]) -> Result<Vec<TransferItem<'a>>, DecodeError> {
        let mut out = Vec::new();
        self.feed_with(buf, &mut out).map(|()| out)
    }

    /// [`TransferStream::feed`], appending the items to `out` (so that the items before an
    /// error are kept).
    pub fn feed_with<'a>(
        &mut self,
        buf: &'a [u8],
        out: &mut Vec<TransferItem<'a>>,
    ) -> Result<(), DecodeError> {
        let mut elements = Vec::new();
        let r = self.decoder.feed_with(buf, |e| elements.push(e));
        for e in elements {
            self.push(e, out);
        }
        r
    }

    /// Fails unless the stream ended between two elements (what TransferStatus Done says).
    pub fn finish(&self) -> Result<(), DecodeError> {
        self.decoder.finish()
    }

    /// The value cut by the end of the last buffer, if one is held.
    pub fn held(&self) -> Option<HeldValue> {
        let Some(Element::Tag { tag, .. }) = self.held.first() else {
            return None;
        };
        let bytes_to_come = match self.need {
            Need::Data { left, .. } => Some(left),
            _ => None,
        };
        Some(HeldValue {
            tag: *tag,
            bytes_to_come,
        })
    }

    fn push<'a>(&mut self, e: Element<'a>, out: &mut Vec<TransferItem<'a>>) {
        self.need = match (self.need, &e) {
            (Need::Nothing, Element::Tag { .. }) => Need::Value,
            (Need::Nothing, _) => {
                out.push(TransferItem::Element(e));
                return;
            }
            (Need::Value, Element::Fixed(_)) => Need::Nothing,
            (Need::Value, Element::Length(n)) => Need::Data {
                left: *n,
                items: None,
            },
            (Need::Value, Element::Count(n)) => Need::Items(*n),
            (Need::Items(k), Element::Fixed(_)) => Need::Items(k.saturating_sub(1)),
            (Need::Items(k), Element::Length(n)) => Need::Data {
                left: *n,
                items: Some(k.saturating_sub(1)),
            },
            (Need::Data { left, items }, Element::Data(d)) => {
                let left = left.saturating_sub(u32::try_from(d.len()).unwrap_or(u32::MAX));
                if let Some(Element::Data(prev)) = self.held.last_mut() {
                    prev.to_mut().extend_from_slice(d);
                    self.need = Need::Data { left, items };
                    self.settle(out);
                    return;
                }
                Need::Data { left, items }
            }
            // The decoder yields only sequences the stream's grammar allows; anything else
            // stands alone.
            _ => {
                self.flush(out);
                out.push(TransferItem::Element(e));
                return;
            }
        };
        self.held.push(e.into_owned());
        self.settle(out);
    }

    fn settle(&mut self, out: &mut Vec<TransferItem<'_>>) {
        loop {
            self.need = match self.need {
                Need::Nothing => return self.flush(out),
                Need::Data { left: 0, items } => items.map_or(Need::Nothing, Need::Items),
                Need::Items(0) => Need::Nothing,
                _ => return,
            };
        }
    }

    /// Gives out the value held, complete.
    fn flush(&mut self, out: &mut Vec<TransferItem<'_>>) {
        if !self.held.is_empty() {
            out.push(TransferItem::Value(std::mem::take(&mut self.held)));
        }
        self.need = Need::Nothing;
    }
}

crate::wire::owned_as_self!(HeldValue);
crate::wire::owned_impl!(
    enum TransferItem {
        Element(e),
        Value(v),
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fxics::stream::Marker;

    /// StartRecip, PidTagDisplayName "Ann" (PtypString), PidTagRecipientType 1, EndToRecip.
    fn stream() -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(&Marker::START_RECIP.0.to_le_bytes());
        b.extend_from_slice(&[0x1F, 0x00, 0x01, 0x30, 0x08, 0x00, 0x00, 0x00]);
        b.extend_from_slice(&[b'A', 0, b'n', 0, b'n', 0, 0, 0]);
        b.extend_from_slice(&[0x03, 0x00, 0x15, 0x0C, 0x01, 0x00, 0x00, 0x00]);
        b.extend_from_slice(&Marker::END_TO_RECIP.0.to_le_bytes());
        b
    }

    /// The trees of every item, as text.
    fn text(items: &[TransferItem<'_>]) -> String {
        items
            .iter()
            .flat_map(TransferItem::trees)
            .map(|t| t.to_text())
            .collect()
    }

    #[test]
    fn every_cut_gives_the_same_items() {
        let b = stream();
        let mut whole = TransferStream::new();
        let all = whole.feed(&b).unwrap();
        whole.finish().unwrap();
        assert_eq!(all.len(), 4);
        let expected = text(&all);
        assert!(expected.contains("Data: \"Ann\""), "{expected}");
        for cut in 1..b.len() {
            let mut s = TransferStream::new();
            let mut items = s.feed(&b[..cut]).unwrap();
            if let Some(h) = s.held() {
                assert!(h.tag == PropTag(0x3001_001F) || h.tag == PropTag(0x0C15_0003));
            }
            items.extend(s.feed(&b[cut..]).unwrap());
            s.finish().unwrap();
            assert_eq!(text(&items), expected, "cut at {cut}");
        }
    }

    /// The trees of `buffers` fed to one stream, every buffer's items together.
    fn fed(buffers: &[&[u8]]) -> Vec<Tree> {
        let mut s = TransferStream::new();
        let mut all = Vec::new();
        for b in buffers {
            all.extend(s.feed(b).unwrap().iter().flat_map(TransferItem::trees));
        }
        s.finish().unwrap();
        assert_eq!(s.held(), None);
        all
    }

    #[test]
    fn values_cut_at_any_two_places_read_whole() {
        use crate::fxics::stream::{Fixed, FtStream};
        use crate::wire::Encode;
        let utf16z = |s: &str| -> Vec<u8> {
            s.encode_utf16()
                .chain([0])
                .flat_map(u16::to_le_bytes)
                .collect()
        };
        let subject = utf16z("Budget");
        let (a, b) = (utf16z("one"), utf16z("two"));
        let mut w = FtStream::new();
        w.marker(Marker::START_MESSAGE);
        w.fixed(PropTag(0x0E07_0003), None, Fixed::U32(9));
        w.var(PropTag(0x0037_001F), None, &subject).unwrap();
        w.var(PropTag(0x0FFF_0102), None, &[1, 2, 3]).unwrap();
        w.multi_var(PropTag(0x6001_101F), None, &[&a, &b]).unwrap();
        w.multi_fixed(PropTag(0x6000_1003), None, &[Fixed::U32(1), Fixed::U32(2)])
            .unwrap();
        w.var(PropTag(0x0FFE_0102), None, &[]).unwrap();
        w.marker(Marker::END_MESSAGE);
        let bytes = w.to_bytes().unwrap();
        let whole = fed(&[&bytes]);
        let text: Vec<String> = whole.iter().map(Tree::to_text).collect();
        // The strings read as text, the items of a multi-valued string too.
        assert!(text.iter().any(|t| t.contains("\"Budget\"")), "{text:?}");
        assert!(text.iter().any(|t| t.contains("\"two\"")), "{text:?}");
        for i in 0..=bytes.len() {
            for j in i..=bytes.len() {
                let split = fed(&[&bytes[..i], &bytes[i..j], &bytes[j..]]);
                assert_eq!(split, whole, "cuts at {i}, {j}");
            }
        }
    }

    #[test]
    fn the_bytes_to_come_are_counted() {
        let b = stream();
        let mut s = TransferStream::new();
        // The cut falls after "A\0n" (3 of the 8 data bytes).
        s.feed(&b[..4 + 8 + 3]).unwrap();
        assert_eq!(
            s.held(),
            Some(HeldValue {
                tag: PropTag(0x3001_001F),
                bytes_to_come: Some(5)
            })
        );
        assert!(s.finish().is_err());
    }
}
