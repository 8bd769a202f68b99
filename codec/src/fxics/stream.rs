//! [MS-OXCFXICS] 2.2.4 FastTransfer stream: a lexical decoder and encoder.
//!
//! A FastTransfer stream is a flat run of property tags: markers (2.2.4.1.4), meta-properties
//! (2.2.4.1.5) and property values (2.2.4.3.21: fixed-size, variable-size with a 4-byte
//! length, multi-valued with a 4-byte count, named properties with their property set and
//! dispid or name). The ROPs deliver it in buffers (RopFastTransferSourceGetBuffer,
//! RopFastTransferDestinationPutBuffer) split at any byte, so the decoder is fed buffer by
//! buffer and keeps its state between them in an [`FtDecoder`] the caller owns.
//!
//! Design (the zero-copy trade-off): the decoder yields a flat sequence of [`Element`]s. A
//! variable-size value is an [`Element::Length`] followed by one or more [`Element::Data`]
//! pieces that borrow from the buffer they arrived in: a 100 KB attachment split over seven
//! buffers is seven borrowed slices, never copied by the decoder. Only the small fixed parts
//! (a tag, a length, a fixed-size value, a named property's GUID, dispid or name) that
//! straddle two buffers are copied into a carry of at most a few bytes. The same stream
//! split differently gives the same elements once adjacent `Data` pieces are joined
//! ([`normalize`]).
//!
//! ```
//! use mapi_codec::fxics::stream::{decode_all, encode_elements, Element, FtDecoder, Marker};
//!
//! // StartMessage, PidTagSubject (PtypString) "Hi", EndMessage.
//! let bytes = [
//!     0x03, 0x00, 0x0C, 0x40, 0x1F, 0x00, 0x37, 0x00, 0x06, 0x00, 0x00, 0x00, b'H', 0, b'i', 0,
//!     0, 0, 0x03, 0x00, 0x0D, 0x40,
//! ];
//! let whole = decode_all(&bytes).unwrap();
//! assert_eq!(whole[0], Element::Marker(Marker::START_MESSAGE));
//!
//! // The same stream in two buffers cut inside the string.
//! let mut d = FtDecoder::new();
//! let mut split = d.feed(&bytes[..14]).unwrap();
//! split.extend(d.feed(&bytes[14..]).unwrap());
//! d.finish().unwrap();
//! assert_eq!(mapi_codec::fxics::stream::normalize(split), whole);
//! assert_eq!(encode_elements(&whole).unwrap(), bytes);
//! ```

use crate::wire::named_code;
use std::borrow::Cow;

use bytes::BufMut;

use crate::data::PropTag;
use crate::tree::{ToTree, Tree};
use crate::wire::{DecodeError, EncodeError, ErrorKind, Guid, Limits};

named_code! {
    /// A marker of a FastTransfer stream ([MS-OXCFXICS] 2.2.4.1.4): a property tag that stands
    /// alone, without a value. An open code with the spec's markers named.
    pub struct Marker(u32);
    /// [MS-OXCFXICS] 2.2.4.1.4 `StartTopFld`.
    START_TOP_FLD = 0x4009_0003 => "StartTopFld",
    /// [MS-OXCFXICS] 2.2.4.1.4 `StartSubFld`.
    START_SUB_FLD = 0x400A_0003 => "StartSubFld",
    /// [MS-OXCFXICS] 2.2.4.1.4 `EndFolder`.
    END_FOLDER = 0x400B_0003 => "EndFolder",
    /// [MS-OXCFXICS] 2.2.4.1.4 `StartMessage`.
    START_MESSAGE = 0x400C_0003 => "StartMessage",
    /// [MS-OXCFXICS] 2.2.4.1.4 `EndMessage`.
    END_MESSAGE = 0x400D_0003 => "EndMessage",
    /// [MS-OXCFXICS] 2.2.4.1.4 `StartFAIMsg`.
    START_FAI_MSG = 0x4010_0003 => "StartFAIMsg",
    /// [MS-OXCFXICS] 2.2.4.1.4 `StartEmbed`.
    START_EMBED = 0x4001_0003 => "StartEmbed",
    /// [MS-OXCFXICS] 2.2.4.1.4 `EndEmbed`.
    END_EMBED = 0x4002_0003 => "EndEmbed",
    /// [MS-OXCFXICS] 2.2.4.1.4 `StartRecip`.
    START_RECIP = 0x4003_0003 => "StartRecip",
    /// [MS-OXCFXICS] 2.2.4.1.4 `EndToRecip`.
    END_TO_RECIP = 0x4004_0003 => "EndToRecip",
    /// [MS-OXCFXICS] 2.2.4.1.4 `NewAttach`.
    NEW_ATTACH = 0x4000_0003 => "NewAttach",
    /// [MS-OXCFXICS] 2.2.4.1.4 `EndAttach`.
    END_ATTACH = 0x400E_0003 => "EndAttach",
    /// [MS-OXCFXICS] 2.2.4.1.4 `IncrSyncChg`.
    INCR_SYNC_CHG = 0x4012_0003 => "IncrSyncChg",
    /// [MS-OXCFXICS] 2.2.4.1.4 `IncrSyncChgPartial`.
    INCR_SYNC_CHG_PARTIAL = 0x407D_0003 => "IncrSyncChgPartial",
    /// [MS-OXCFXICS] 2.2.4.1.4 `IncrSyncDel`.
    INCR_SYNC_DEL = 0x4013_0003 => "IncrSyncDel",
    /// [MS-OXCFXICS] 2.2.4.1.4 `IncrSyncEnd`.
    INCR_SYNC_END = 0x4014_0003 => "IncrSyncEnd",
    /// [MS-OXCFXICS] 2.2.4.1.4 `IncrSyncRead`.
    INCR_SYNC_READ = 0x402F_0003 => "IncrSyncRead",
    /// [MS-OXCFXICS] 2.2.4.1.4 `IncrSyncStateBegin`.
    INCR_SYNC_STATE_BEGIN = 0x403A_0003 => "IncrSyncStateBegin",
    /// [MS-OXCFXICS] 2.2.4.1.4 `IncrSyncStateEnd`.
    INCR_SYNC_STATE_END = 0x403B_0003 => "IncrSyncStateEnd",
    /// [MS-OXCFXICS] 2.2.4.1.4 `IncrSyncProgressMode`.
    INCR_SYNC_PROGRESS_MODE = 0x4074_000B => "IncrSyncProgressMode",
    /// [MS-OXCFXICS] 2.2.4.1.4 `IncrSyncProgressPerMsg`.
    INCR_SYNC_PROGRESS_PER_MSG = 0x4075_000B => "IncrSyncProgressPerMsg",
    /// [MS-OXCFXICS] 2.2.4.1.4 `IncrSyncMessage`.
    INCR_SYNC_MESSAGE = 0x4015_0003 => "IncrSyncMessage",
    /// [MS-OXCFXICS] 2.2.4.1.4 `IncrSyncGroupInfo`.
    INCR_SYNC_GROUP_INFO = 0x407B_0102 => "IncrSyncGroupInfo",
    /// [MS-OXCFXICS] 2.2.4.1.4 `FXErrorInfo`.
    FX_ERROR_INFO = 0x4018_0003 => "FXErrorInfo",
}

impl Marker {
    /// Whether `tag` is one of the markers of [MS-OXCFXICS] 2.2.4.1.4.
    pub fn is_marker(tag: u32) -> bool {
        Marker(tag).name().is_some()
    }
}

/// Meta-properties of [MS-OXCFXICS] 2.2.4.1.5 and the ICS state property whose value the
/// stream carries in another type than its tag says (2.2.1.1.1).
pub mod meta {
    use crate::data::PropTag;

    /// 2.2.4.1.5.1 MetaTagFXDelProp (PtypInteger32): the subobject list to delete.
    pub const FX_DEL_PROP: PropTag = PropTag(0x4016_0003);
    /// 2.2.4.1.5.2 MetaTagEcWarning (PtypInteger32): a warning while producing the stream.
    pub const EC_WARNING: PropTag = PropTag(0x400F_0003);
    /// 2.2.4.1.5.3 MetaTagNewFXFolder (PtypBinary): alternative replicas of a public folder.
    pub const NEW_FX_FOLDER: PropTag = PropTag(0x4011_0102);
    /// 2.2.4.1.5.4 MetaTagIncrSyncGroupId (PtypInteger32): the property group mapping in use.
    pub const INCR_SYNC_GROUP_ID: PropTag = PropTag(0x407C_0003);
    /// 2.2.4.1.5.5 MetaTagIncrementalSyncMessagePartial (PtypInteger32): the property group
    /// the following values belong to.
    pub const INCREMENTAL_SYNC_MESSAGE_PARTIAL: PropTag = PropTag(0x407A_0003);
    /// 2.2.4.1.5.6 MetaTagDnPrefix (PtypString8): the distinguished-name prefix of a folder.
    pub const DN_PREFIX: PropTag = PropTag(0x4008_001E);
    /// 2.2.1.1.1 MetaTagIdsetGiven: the tag says PtypInteger32, the value is serialized as
    /// PtypBinary (3.2.5.2.1, 3.3.5.13), so the lexer reads a 4-byte length and bytes.
    pub const IDSET_GIVEN: PropTag = PropTag(0x4017_0003);

    /// The spec's name of a meta-property tag.
    pub fn name(tag: PropTag) -> Option<&'static str> {
        Some(match tag.0 {
            0x4016_0003 => "MetaTagFXDelProp",
            0x400F_0003 => "MetaTagEcWarning",
            0x4011_0102 => "MetaTagNewFXFolder",
            0x407C_0003 => "MetaTagIncrSyncGroupId",
            0x407A_0003 => "MetaTagIncrementalSyncMessagePartial",
            0x4008_001E => "MetaTagDnPrefix",
            0x4017_0003 => "MetaTagIdsetGiven",
            _ => return None,
        })
    }
}

/// The name part of a named property's information ([MS-OXCFXICS] 2.2.4.3.21 namedPropInfo).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum FtName<'a> {
    /// Kind 0x00: a 4-byte dispid.
    Id(u32),
    /// Kind 0x01: a name, as its UTF-16LE bytes without the null terminator the stream ends
    /// it with.
    Name(Cow<'a, [u8]>),
}

/// Named-property information following a tag whose property id is 0x8000 or more: the
/// property set GUID and the dispid or name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct NamedInfo<'a> {
    /// PropertySet: the property set GUID.
    pub guid: Guid,
    /// The dispid or the name.
    pub name: FtName<'a>,
}

impl NamedInfo<'_> {
    fn encoded_len(&self) -> usize {
        17 + match &self.name {
            FtName::Id(_) => 4,
            FtName::Name(n) => n.len() + 2,
        }
    }

    fn into_owned(self) -> NamedInfo<'static> {
        NamedInfo {
            guid: self.guid,
            name: match self.name {
                FtName::Id(i) => FtName::Id(i),
                FtName::Name(n) => FtName::Name(Cow::Owned(n.into_owned())),
            },
        }
    }
}

/// A fixed-size value ([MS-OXCFXICS] 2.2.4.3.21 fixedSizeValue), by its size: 2 bytes
/// (PtypInteger16, PtypBoolean), 4 (PtypInteger32, PtypFloating32, PtypErrorCode), 8
/// (PtypFloating64, PtypCurrency, PtypFloatingTime, PtypInteger64, PtypTime) or 16 (PtypGuid).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Fixed {
    /// A 2-byte value.
    U16(u16),
    /// A 4-byte value (a float as its bits).
    U32(u32),
    /// An 8-byte value (a float or time as its bits).
    U64(u64),
    /// A GUID.
    Guid(Guid),
}

impl Fixed {
    fn len(&self) -> usize {
        match self {
            Fixed::U16(_) => 2,
            Fixed::U32(_) => 4,
            Fixed::U64(_) => 8,
            Fixed::Guid(_) => 16,
        }
    }

    fn from_bytes(b: &[u8]) -> Fixed {
        match b.len() {
            2 => Fixed::U16(u16::from_le_bytes([b[0], b[1]])),
            4 => Fixed::U32(u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            8 => {
                let mut a = [0u8; 8];
                a.copy_from_slice(b);
                Fixed::U64(u64::from_le_bytes(a))
            }
            _ => {
                let mut a = [0u8; 16];
                a.copy_from_slice(&b[..16]);
                Fixed::Guid(Guid(a))
            }
        }
    }

    fn put<B: BufMut>(&self, out: &mut B) {
        match self {
            Fixed::U16(v) => out.put_u16_le(*v),
            Fixed::U32(v) => out.put_u32_le(*v),
            Fixed::U64(v) => out.put_u64_le(*v),
            Fixed::Guid(g) => out.put_slice(&g.0),
        }
    }
}

/// One lexical element of a FastTransfer stream.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Element<'a> {
    /// A marker (2.2.4.1.4).
    Marker(Marker),
    /// The tag of a property or meta-property value, with its named-property information when
    /// the property id is 0x8000 or more. Its value follows: a [`Element::Fixed`]; a
    /// [`Element::Length`] and `Data`; or a [`Element::Count`] and that many items.
    Tag {
        /// The property tag.
        tag: PropTag,
        /// namedPropInfo, for property ids of 0x8000 and more.
        named: Option<NamedInfo<'a>>,
    },
    /// A fixed-size value (of a property or one item of a multi-valued one).
    Fixed(Fixed),
    /// The 4-byte count of a multi-valued property's items.
    Count(u32),
    /// The 4-byte length of a variable-size value (PtypString with its terminator,
    /// PtypString8 in its code page, PtypBinary, PtypServerId, PtypObject).
    Length(u32),
    /// A piece of a variable-size value, borrowed from the buffer it arrived in; the pieces
    /// after a `Length` add up to it.
    Data(Cow<'a, [u8]>),
}

impl Element<'_> {
    /// Bytes the element takes on the wire.
    pub fn encoded_len(&self) -> usize {
        match self {
            Element::Marker(_) | Element::Count(_) | Element::Length(_) => 4,
            Element::Tag { named, .. } => 4 + named.as_ref().map_or(0, NamedInfo::encoded_len),
            Element::Fixed(f) => f.len(),
            Element::Data(d) => d.len(),
        }
    }

    /// Appends the element's bytes (no check of the sequence: see [`encode_elements`]).
    pub fn put<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        crate::wire::ensure_room(out, self.encoded_len())?;
        match self {
            Element::Marker(m) => out.put_u32_le(m.0),
            Element::Count(n) | Element::Length(n) => out.put_u32_le(*n),
            Element::Tag { tag, named } => {
                out.put_u32_le(tag.0);
                if let Some(n) = named {
                    out.put_slice(&n.guid.0);
                    match &n.name {
                        FtName::Id(id) => {
                            out.put_u8(0);
                            out.put_u32_le(*id);
                        }
                        FtName::Name(name) => {
                            out.put_u8(1);
                            out.put_slice(name);
                            out.put_u16_le(0);
                        }
                    }
                }
            }
            Element::Fixed(f) => f.put(out),
            Element::Data(d) => out.put_slice(d),
        }
        Ok(())
    }

    /// The element with every borrowed part copied.
    pub fn into_owned(self) -> Element<'static> {
        match self {
            Element::Marker(m) => Element::Marker(m),
            Element::Tag { tag, named } => Element::Tag {
                tag,
                named: named.map(NamedInfo::into_owned),
            },
            Element::Fixed(f) => Element::Fixed(f),
            Element::Count(n) => Element::Count(n),
            Element::Length(n) => Element::Length(n),
            Element::Data(d) => Element::Data(Cow::Owned(d.into_owned())),
        }
    }
}

fn fixed_tree(f: &Fixed) -> Tree {
    match f {
        Fixed::U16(v) => Tree::Hex((*v).into()),
        Fixed::U32(v) => Tree::Hex((*v).into()),
        Fixed::U64(v) => Tree::Hex(*v),
        Fixed::Guid(g) => g.to_tree(),
    }
}

fn tag_tree(tag: PropTag) -> Tree {
    match meta::name(tag) {
        Some(n) => Tree::Named {
            value: tag.0.into(),
            name: Some(Cow::Borrowed(n)),
            digits: 8,
        },
        None => tag.to_tree(),
    }
}

impl ToTree for Element<'_> {
    fn to_tree(&self) -> Tree {
        match self {
            Element::Marker(m) => Tree::record().field("Marker", m.to_tree()),
            Element::Tag { tag, named } => {
                let t = Tree::record().field("PropertyTag", tag_tree(*tag));
                match named {
                    None => t,
                    Some(n) => {
                        let t = t.field("PropertySet", n.guid.to_tree());
                        match &n.name {
                            FtName::Id(id) => t.field("Dispid", Tree::Hex((*id).into())),
                            FtName::Name(name) => t.field("Name", utf16_tree(name)),
                        }
                    }
                }
            }
            Element::Fixed(f) => Tree::record().field("FixedSizeValue", fixed_tree(f)),
            Element::Count(n) => Tree::record().field("Count", Tree::UInt((*n).into())),
            Element::Length(n) => Tree::record().field("Length", Tree::UInt((*n).into())),
            Element::Data(d) => Tree::record().field("Data", Tree::Bytes(d.to_vec())),
        }
    }
}

fn utf16_tree(b: &[u8]) -> Tree {
    let units: Vec<u16> = b
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    match String::from_utf16(&units) {
        Ok(s) => Tree::Text(s),
        Err(_) => Tree::Bytes(b.to_vec()),
    }
}

/// Joins adjacent [`Element::Data`] pieces, so that two splits of one stream compare equal.
pub fn normalize(elements: Vec<Element<'_>>) -> Vec<Element<'_>> {
    let mut out: Vec<Element<'_>> = Vec::with_capacity(elements.len());
    for e in elements {
        match (out.last_mut(), e) {
            (Some(Element::Data(prev)), Element::Data(d)) => prev.to_mut().extend_from_slice(&d),
            (_, e) => out.push(e),
        }
    }
    out
}

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
    if tag == meta::IDSET_GIVEN {
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

/// Decodes a FastTransfer stream fed in buffers split at any byte; the state between
/// buffers is this value, which the caller keeps (one per download or upload context).
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
                self.state = match b[16] {
                    0 => State::NamedId { tag, guid },
                    1 => State::NamedName { tag, guid },
                    k => {
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

/// Decodes a whole stream held in one buffer.
pub fn decode_all(bytes: &[u8]) -> Result<Vec<Element<'_>>, DecodeError> {
    let mut d = FtDecoder::new();
    let v = d.feed(bytes)?;
    d.finish()?;
    Ok(v)
}

/// Decodes a stream delivered as `buffers` (in order), as the ROPs deliver it.
pub fn decode_buffers<'a>(buffers: &[&'a [u8]]) -> Result<Vec<Element<'a>>, DecodeError> {
    let mut d = FtDecoder::new();
    let mut v = Vec::new();
    for b in buffers {
        d.feed_with(b, |e| v.push(e))?;
    }
    d.finish()?;
    Ok(v)
}

/// Encodes `elements` as a stream. The sequence must be lexically valid (each tag followed by
/// its value as its type lays it out, `Data` pieces adding up to their `Length`); it is
/// checked by decoding the result, which costs one more pass over the bytes.
pub fn encode_elements(elements: &[Element<'_>]) -> Result<Vec<u8>, EncodeError> {
    let len = elements.iter().map(Element::encoded_len).sum();
    let mut out = Vec::with_capacity(len);
    for e in elements {
        e.put(&mut out)?;
    }
    let back = decode_all(&out).map_err(|_| {
        EncodeError::invalid("the elements are not a lexically valid FastTransfer stream")
    })?;
    if normalize(back) != normalize(elements.to_vec()) {
        return Err(EncodeError::invalid(
            "the elements are not a lexically valid FastTransfer stream",
        ));
    }
    Ok(out)
}

/// Builds the elements of a stream from property values, for encoders.
#[derive(Clone, Debug, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct FtWriter<'a> {
    /// The elements so far.
    pub elements: Vec<Element<'a>>,
}

impl<'a> FtWriter<'a> {
    /// An empty stream.
    pub fn new() -> Self {
        FtWriter::default()
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
        let n = crate::wire::u32_len(items.len(), "Count")?;
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
        let n = crate::wire::u32_len(items.len(), "Count")?;
        self.elements.push(Element::Count(n));
        for d in items {
            self.push_var(d)?;
        }
        Ok(self)
    }

    fn push_var(&mut self, data: &'a [u8]) -> Result<(), EncodeError> {
        let n = crate::wire::u32_len(data.len(), "Length")?;
        self.elements.push(Element::Length(n));
        if !data.is_empty() {
            self.elements.push(Element::Data(Cow::Borrowed(data)));
        }
        Ok(())
    }

    /// The stream's bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>, EncodeError> {
        encode_elements(&self.elements)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16z(s: &str) -> Vec<u8> {
        let mut v: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        v.extend([0, 0]);
        v
    }

    /// A message with a named property, a multi-valued string, a recipient and an attachment
    /// of `attach_len` bytes.
    fn message_stream(attach: &[u8], subject: &[u8], name: &[u8]) -> Vec<u8> {
        let mut w = FtWriter::new();
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
        let whole = decode_all(&bytes).unwrap();
        // The whole stream borrows the attachment in one piece.
        assert!(whole
            .iter()
            .any(|e| matches!(e, Element::Data(Cow::Borrowed(d)) if d.len() == attach.len())));
        for first in [16 * 1024, 16 * 1024 - 3, 5, 1] {
            let mut cuts = vec![first];
            while *cuts.last().unwrap() + 16 * 1024 < bytes.len() {
                cuts.push(cuts.last().unwrap() + 16 * 1024);
            }
            let mut buffers = Vec::new();
            let mut at = 0;
            for c in cuts.iter().copied().chain([bytes.len()]) {
                buffers.push(&bytes[at..c]);
                at = c;
            }
            let split = decode_buffers(&buffers).unwrap();
            // Every Data piece is borrowed from a buffer: no copy of the bulk.
            assert!(split
                .iter()
                .all(|e| !matches!(e, Element::Data(Cow::Owned(_)))));
            assert_eq!(normalize(split), whole);
        }
        assert_eq!(encode_elements(&whole).unwrap(), bytes);
    }

    #[test]
    fn every_single_cut() {
        let subject = utf16z("Hi");
        let bytes = message_stream(&[1, 2, 3, 4, 5], &subject, &[b'N', 0]);
        let whole = decode_all(&bytes).unwrap();
        for i in 0..=bytes.len() {
            for j in i..=bytes.len() {
                let got = decode_buffers(&[&bytes[..i], &bytes[i..j], &bytes[j..]]).unwrap();
                assert_eq!(normalize(got), whole, "cuts at {i}, {j}");
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
        let e = decode_all(&b).unwrap_err();
        assert_eq!(e.offset(), 4);
        assert!(matches!(e.kind(), ErrorKind::UnknownId { id: 0x99, .. }));
        // A named property with kind 0x02.
        let mut b = vec![0x03, 0x00, 0x00, 0x80];
        b.extend([0u8; 16]);
        b.push(2);
        assert_eq!(decode_all(&b).unwrap_err().offset(), 20);
        // A multi-valued count above the limit.
        let b = [0x03, 0x10, 0x00, 0x60, 0xFF, 0xFF, 0xFF, 0xFF];
        assert!(matches!(
            decode_all(&b).unwrap_err().kind(),
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
            let whole = decode_all(&b);
            assert_eq!(whole.is_ok(), ok, "{len}");
            for cut in [1, 21, 22, 500, 21 + len, 22 + len, b.len() - 1] {
                let split = decode_buffers(&[&b[..cut], &b[cut..]]);
                match (&whole, split) {
                    (Ok(w), Ok(s)) => assert_eq!(&normalize(s), w),
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
        let e = decode_all(&b).unwrap();
        assert_eq!(e[1], Element::Length(2));
        assert_eq!(e[2], Element::Data(Cow::Borrowed(&[0xAA, 0xBB][..])));
    }

    #[test]
    fn invalid_sequences_do_not_encode() {
        let e = [Element::Tag {
            tag: PropTag(0x0037_001F),
            named: None,
        }];
        assert!(encode_elements(&e).is_err());
        let e = [
            Element::Tag {
                tag: PropTag(0x0037_001F),
                named: None,
            },
            Element::Length(3),
            Element::Data(Cow::Borrowed(&[1, 2][..])),
        ];
        assert!(encode_elements(&e).is_err());
    }
}
