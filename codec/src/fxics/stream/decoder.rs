//! The incremental decoder of a FastTransfer stream ([MS-OXCFXICS] 2.2.4): the lexical
//! structure of 2.2.4.1 and the value layouts of 2.2.4.3.21, read across buffers.

use std::borrow::Cow;

use super::element::{Element, Fixed, FtName, Marker, MetaProperty, NamedInfo};
use crate::data::{NameKind, PropTag};
use crate::wire::{DecodeError, ErrorKind, Guid, Limits};

/// Longest named-property name accepted, in bytes (the stream gives no length, only a
/// terminator, so the decoder bounds what it carries between buffers).
pub const MAX_NAME_BYTES: usize = 1024;

/// How the value after a tag is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
enum Item {
    Fixed(usize),
    Var,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
enum Kind {
    Single(Item),
    Multi(Item),
}

fn kind_of(tag: PropTag) -> Option<Kind> {
    if tag == MetaProperty::IDSET_GIVEN.tag() {
        return Some(Kind::Single(Item::Var));
    }
    let t = tag.0 & 0xFFFF;
    let item = |t: u32| -> Option<Item> {
        Some(match t {
            0x0002 | 0x000B => Item::Fixed(2),
            0x0003 | 0x0004 | 0x000A => Item::Fixed(4),
            0x0005 | 0x0006 | 0x0007 | 0x0014 | 0x0040 => Item::Fixed(8),
            0x0048 => Item::Fixed(16),
            0x001E | 0x001F | 0x0102 | 0x00FB | 0x000D => Item::Var,
            _ => return None,
        })
    };
    if t & 0x1000 != 0 {
        // Multi-valued: the base types that have a PtypMultipleXxx ([MS-OXCDATA] 2.11.1).
        match t & !0x1000 {
            0x000A | 0x000B | 0x00FB | 0x000D => None,
            b => item(b).map(Kind::Multi),
        }
    } else {
        item(t).map(Kind::Single)
    }
}

/// Where the decoder is in the stream.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
enum State {
    /// Before a marker or tag.
    Tag,
    /// After a named property's tag: GUID and kind (17 bytes) next.
    NamedHead { tag: PropTag },
    /// The dispid of a named property next.
    NamedId { tag: PropTag, guid: Guid },
    /// The null-terminated UTF-16 name of a named property next.
    NamedName { tag: PropTag, guid: Guid },
    /// The value of `tag` next.
    Value { kind: Kind },
    /// A single fixed-size value next.
    Fixed { size: usize },
    /// A variable-size value's length next; `items` is the multi-valued items left after it.
    Length { items: Option<u32> },
    /// `left` bytes of a variable-size value; `items` as in `Length`.
    Data { left: u32, items: Option<u32> },
    /// A multi-valued count next.
    Count { item: Item },
    /// `left` items of a multi-valued property.
    Items { item: Item, left: u32 },
}

/// The streaming decoder of a FastTransfer stream: fed the buffers of a download or an upload
/// as they arrive (RopFastTransferSourceGetBuffer, RopFastTransferDestinationPutBuffer), split
/// at any byte; the state between buffers is this value, which the caller keeps (one per
/// download or upload context). Each [`FtDecoder::feed`] returns the elements that buffer
/// completes, borrowed from it; [`FtDecoder::finish`] says whether the stream ended between
/// two elements. A stream held whole (or whole with known cuts) decodes in one call as an
/// [`FtStream`](super::FtStream), with this decoder underneath.
#[derive(Clone, Debug)]
pub struct FtDecoder {
    state: State,
    /// Bytes of a fixed-size part that straddles two buffers (at most 17).
    carry: Vec<u8>,
    /// The part of a named property's name read so far, when it straddles buffers.
    name: Vec<u8>,
    /// Bytes consumed since the start of the stream (error offsets count from there).
    offset: usize,
    limits: Limits,
    failed: Option<DecodeError>,
}

impl Default for FtDecoder {
    fn default() -> Self {
        FtDecoder::new()
    }
}

impl FtDecoder {
    /// A decoder at the start of a stream, with the default [`Limits`].
    pub fn new() -> FtDecoder {
        FtDecoder::with_limits(Limits::DEFAULT)
    }

    /// A decoder with `limits` (`max_elements` bounds multi-valued counts).
    pub fn with_limits(limits: Limits) -> FtDecoder {
        FtDecoder {
            state: State::Tag,
            carry: Vec::new(),
            name: Vec::new(),
            offset: 0,
            limits,
            failed: None,
        }
    }

    /// Bytes of the stream consumed so far.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Whether the stream read so far ends between two elements (nothing is pending).
    pub fn at_boundary(&self) -> bool {
        self.state == State::Tag && self.carry.is_empty()
    }

    /// Decodes the next buffer of the stream: every element it completes, with variable-size
    /// values as `Data` pieces borrowed from `buf`. An error poisons the decoder: later
    /// calls return it again.
    pub fn feed<'a>(&mut self, buf: &'a [u8]) -> Result<Vec<Element<'a>>, DecodeError> {
        let mut out = Vec::new();
        self.feed_with(buf, |e| out.push(e))?;
        Ok(out)
    }

    /// Like [`FtDecoder::feed`], handing each element to `sink` instead of collecting them.
    pub fn feed_with<'a>(
        &mut self,
        buf: &'a [u8],
        mut sink: impl FnMut(Element<'a>),
    ) -> Result<(), DecodeError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let mut rest = buf;
        while !rest.is_empty() {
            if let Err(e) = self.step(&mut rest, &mut sink) {
                self.failed = Some(e.clone());
                return Err(e);
            }
        }
        // States that need no bytes (an empty value, the end of a multi-valued list) are
        // settled now so that `at_boundary` is exact.
        self.settle();
        Ok(())
    }

    /// Ends the stream: an error when it stops inside an element.
    pub fn finish(&self) -> Result<(), DecodeError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        if self.at_boundary() {
            return Ok(());
        }
        let needed = match &self.state {
            State::Data { left, .. } => *left as usize,
            State::Fixed { size } => size - self.carry.len(),
            State::NamedHead { .. } => 17 - self.carry.len(),
            State::NamedName { .. } => 2,
            _ => 4 - self.carry.len().min(4),
        };
        Err(DecodeError::new(
            ErrorKind::Truncated {
                needed,
                available: 0,
            },
            self.offset,
        ))
    }

    /// `n` bytes, borrowed when the buffer holds them all and nothing is carried, else
    /// gathered in the carry; `None` when the buffer ran out first.
    fn take<'a>(&mut self, rest: &mut &'a [u8], n: usize) -> Option<Cow<'a, [u8]>> {
        if self.carry.is_empty() && rest.len() >= n {
            let (a, b) = rest.split_at(n);
            *rest = b;
            self.offset += n;
            return Some(Cow::Borrowed(a));
        }
        let k = (n - self.carry.len()).min(rest.len());
        self.carry.extend_from_slice(&rest[..k]);
        *rest = &rest[k..];
        self.offset += k;
        if self.carry.len() == n {
            Some(Cow::Owned(std::mem::take(&mut self.carry)))
        } else {
            None
        }
    }

    fn settle(&mut self) {
        loop {
            self.state = match self.state {
                State::Data { left: 0, items } => after_value(items),
                State::Items { left: 0, .. } => State::Tag,
                _ => return,
            };
        }
    }

    fn step<'a>(
        &mut self,
        rest: &mut &'a [u8],
        sink: &mut impl FnMut(Element<'a>),
    ) -> Result<(), DecodeError> {
        self.settle();
        let start = self.offset - self.carry.len();
        match self.state.clone() {
            State::Tag => {
                let Some(b) = self.take(rest, 4) else {
                    return Ok(());
                };
                let tag = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                if Marker::is_marker(tag) {
                    sink(Element::Marker(Marker(tag)));
                    return Ok(());
                }
                let tag = PropTag(tag);
                let Some(kind) = kind_of(tag) else {
                    return Err(DecodeError::new(
                        ErrorKind::UnknownId {
                            what: "property type in a FastTransfer stream",
                            id: (tag.0 & 0xFFFF).into(),
                        },
                        start,
                    ));
                };
                if tag.prop_id() >= 0x8000 {
                    self.state = State::NamedHead { tag };
                } else {
                    sink(Element::Tag { tag, named: None });
                    self.state = State::Value { kind };
                }
            }
            State::NamedHead { tag } => {
                let Some(b) = self.take(rest, 17) else {
                    return Ok(());
                };
                let mut g = [0u8; 16];
                g.copy_from_slice(&b[..16]);
                let guid = Guid(g);
                self.state = match NameKind(b[16]) {
                    NameKind::MNID_ID => State::NamedId { tag, guid },
                    NameKind::MNID_STRING => State::NamedName { tag, guid },
                    NameKind(k) => {
                        return Err(DecodeError::new(
                            ErrorKind::InvalidValue {
                                what: "named property kind (0x00 dispid, 0x01 name)",
                                value: k.into(),
                            },
                            start + 16,
                        ))
                    }
                };
            }
            State::NamedId { tag, guid } => {
                let Some(b) = self.take(rest, 4) else {
                    return Ok(());
                };
                let id = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                self.named(tag, guid, FtName::Id(id), sink);
            }
            State::NamedName { tag, guid } => self.name_bytes(rest, tag, guid, sink)?,
            State::Value { kind } => {
                self.state = match kind {
                    Kind::Single(Item::Fixed(size)) => State::Fixed { size },
                    Kind::Single(Item::Var) => State::Length { items: None },
                    Kind::Multi(item) => State::Count { item },
                };
            }
            State::Fixed { size } => {
                if let Some(b) = self.take(rest, size) {
                    sink(Element::Fixed(Fixed::from_bytes(&b)));
                    self.state = State::Tag;
                }
            }
            State::Length { items } => {
                if let Some(b) = self.take(rest, 4) {
                    let left = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                    sink(Element::Length(left));
                    self.state = State::Data { left, items };
                }
            }
            State::Data { left, items } => {
                let k = rest.len().min(left as usize);
                let (a, b) = rest.split_at(k);
                *rest = b;
                self.offset += k;
                if k > 0 {
                    sink(Element::Data(Cow::Borrowed(a)));
                }
                // k <= left, which is a u32.
                let left = left - u32::try_from(k).unwrap_or(left);
                self.state = State::Data { left, items };
            }
            State::Count { item } => {
                if let Some(b) = self.take(rest, 4) {
                    let n = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                    if n > self.limits.max_elements {
                        return Err(DecodeError::new(
                            ErrorKind::LimitExceeded {
                                limit: "max_elements",
                                value: n.into(),
                                max: self.limits.max_elements.into(),
                            },
                            start,
                        ));
                    }
                    sink(Element::Count(n));
                    self.state = State::Items { item, left: n };
                }
            }
            State::Items { item, left } => match item {
                Item::Fixed(size) => {
                    if let Some(b) = self.take(rest, size) {
                        sink(Element::Fixed(Fixed::from_bytes(&b)));
                        self.state = State::Items {
                            item,
                            left: left - 1,
                        };
                    }
                }
                Item::Var => {
                    self.state = State::Length {
                        items: Some(left - 1),
                    }
                }
            },
        }
        Ok(())
    }

    fn named<'a>(
        &mut self,
        tag: PropTag,
        guid: Guid,
        name: FtName<'a>,
        sink: &mut impl FnMut(Element<'a>),
    ) {
        sink(Element::Tag {
            tag,
            named: Some(NamedInfo { guid, name }),
        });
        // kind_of succeeded when the tag was read.
        self.state = match kind_of(tag) {
            Some(kind) => State::Value { kind },
            None => State::Tag,
        };
    }

    fn name_bytes<'a>(
        &mut self,
        rest: &mut &'a [u8],
        tag: PropTag,
        guid: Guid,
        sink: &mut impl FnMut(Element<'a>),
    ) -> Result<(), DecodeError> {
        // A name is at most MAX_NAME_BYTES before its terminator: whatever the cuts, the error
        // comes once MAX_NAME_BYTES + 2 bytes hold no terminator, at the name's first byte.
        const MAX_WITH_NUL: usize = MAX_NAME_BYTES + 2;
        if self.name.is_empty() {
            let end = rest.len().min(MAX_WITH_NUL);
            if let Some(i) = (0..end / 2)
                .map(|u| 2 * u)
                .find(|&i| rest[i] == 0 && rest[i + 1] == 0)
            {
                let (a, b) = rest.split_at(i + 2);
                *rest = b;
                self.offset += i + 2;
                self.named(tag, guid, FtName::Name(Cow::Borrowed(&a[..i])), sink);
                return Ok(());
            }
            if rest.len() >= MAX_WITH_NUL {
                return Err(self.name_too_long(self.offset));
            }
        }
        while let Some((&byte, r)) = rest.split_first() {
            *rest = r;
            self.offset += 1;
            self.name.push(byte);
            let n = self.name.len();
            if n % 2 == 0 && self.name[n - 2..] == [0, 0] {
                let mut name = std::mem::take(&mut self.name);
                name.truncate(n - 2);
                self.named(tag, guid, FtName::Name(Cow::Owned(name)), sink);
                return Ok(());
            }
            if n >= MAX_WITH_NUL {
                return Err(self.name_too_long(self.offset - n));
            }
        }
        Ok(())
    }

    fn name_too_long(&self, start: usize) -> DecodeError {
        DecodeError::new(
            ErrorKind::LimitExceeded {
                limit: "named property name bytes",
                value: (MAX_NAME_BYTES + 2) as u64,
                max: MAX_NAME_BYTES as u64,
            },
            start,
        )
    }
}

fn after_value(items: Option<u32>) -> State {
    match items {
        None => State::Tag,
        Some(left) => State::Items {
            item: Item::Var,
            left,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{decode, decode_cut, message_stream, utf16z};
    use super::*;

    #[test]
    fn every_single_cut() {
        let subject = utf16z("Hi");
        let bytes = message_stream(&[1, 2, 3, 4, 5], &subject, &[b'N', 0]);
        let whole = decode(&bytes).unwrap();
        for i in 0..=bytes.len() {
            for j in i..=bytes.len() {
                let got = decode_cut(&bytes, &[i, j]).unwrap();
                assert_eq!(got.normalize(), whole, "cuts at {i}, {j}");
            }
        }
        // Every strict prefix stops inside an element.
        for i in 1..bytes.len() {
            let mut d = FtDecoder::new();
            d.feed(&bytes[..i]).unwrap();
            if d.at_boundary() {
                continue;
            }
            assert_eq!(d.finish().unwrap_err().offset(), i);
        }
    }

    #[test]
    fn bad_input_fails_cleanly() {
        // Unknown property type 0x0099 at offset 4.
        let b = [0x03, 0x00, 0x0C, 0x40, 0x99, 0x00, 0x01, 0x00];
        let e = decode(&b).unwrap_err();
        assert_eq!(e.offset(), 4);
        assert!(matches!(e.kind(), ErrorKind::UnknownId { id: 0x99, .. }));
        // A named property with kind 0x02.
        let mut b = vec![0x03, 0x00, 0x00, 0x80];
        b.extend([0u8; 16]);
        b.push(2);
        assert_eq!(decode(&b).unwrap_err().offset(), 20);
        // A multi-valued count above the limit.
        let b = [0x03, 0x10, 0x00, 0x60, 0xFF, 0xFF, 0xFF, 0xFF];
        assert!(matches!(
            decode(&b).unwrap_err().kind(),
            ErrorKind::LimitExceeded { .. }
        ));
        // A name with no terminator, longer than the limit, fed in small buffers.
        let mut d = FtDecoder::new();
        let mut b = vec![0x1F, 0x00, 0x00, 0x80];
        b.extend([0u8; 16]);
        b.push(1);
        b.extend(std::iter::repeat_n(0x41, MAX_NAME_BYTES + 10));
        let r: Result<Vec<_>, _> = b.chunks(7).map(|c| d.feed(c).map(|_| ())).collect();
        assert!(r.is_err());
        // The decoder stays failed.
        assert!(d.feed(&[0]).is_err());
    }

    /// Fuzz crash: a name longer than the limit failed at different offsets whole and split.
    #[test]
    fn long_names_fail_alike_whatever_the_cuts() {
        for (len, ok) in [(MAX_NAME_BYTES, true), (MAX_NAME_BYTES + 2, false)] {
            let mut b = vec![0x1F, 0x00, 0x00, 0x80];
            b.extend([0x22u8; 16]);
            b.push(1);
            b.extend(std::iter::repeat_n(0x41, len));
            b.extend([0, 0, 2, 0, 0, 0, 0x41, 0]);
            let whole = decode(&b);
            assert_eq!(whole.is_ok(), ok, "{len}");
            for cut in [1, 21, 22, 500, 21 + len, 22 + len, b.len() - 1] {
                let split = decode_cut(&b, &[cut]);
                match (&whole, split) {
                    (Ok(w), Ok(s)) => assert_eq!(&s.normalize(), w),
                    (Err(w), Err(s)) => {
                        assert_eq!(w.offset(), 21);
                        assert_eq!((w.offset(), w.kind()), (s.offset(), s.kind()));
                    }
                    (w, s) => panic!("{len} cut {cut}: {:?} vs {:?}", w.is_ok(), s.is_ok()),
                }
            }
        }
    }

    #[test]
    fn idset_given_is_binary() {
        let b = [0x03, 0x00, 0x17, 0x40, 0x02, 0x00, 0x00, 0x00, 0xAA, 0xBB];
        let e = decode(&b).unwrap().elements;
        assert_eq!(e[1], Element::Length(2));
        assert_eq!(e[2], Element::Data(Cow::Borrowed(&[0xAA, 0xBB][..])));
    }
}
