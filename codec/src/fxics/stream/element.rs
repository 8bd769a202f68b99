//! The lexical elements of a FastTransfer stream ([MS-OXCFXICS] 2.2.4.1): markers
//! (2.2.4.1.4), meta-properties (2.2.4.1.5), and the parts of a property value (2.2.4.3.21:
//! its tag with the named-property information, a fixed-size value, a count, a length and the
//! pieces of a variable-size value).

use std::borrow::Cow;

use bytes::BufMut;

use crate::data::{NameKind, PropTag};
use crate::tree::{ToTree, Tree};
use crate::wire::{ensure_room, named_code, Encode, EncodeError, Guid};

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

named_code! {
    /// A meta-property tag of a FastTransfer stream ([MS-OXCFXICS] 2.2.4.1.5), and the ICS
    /// state property whose value the stream carries in another type than its tag says
    /// (2.2.1.1.1). An open code; [`MetaProperty::tag`] is the property tag.
    pub struct MetaProperty(u32);
    /// 2.2.4.1.5.1 MetaTagFXDelProp (PtypInteger32): the subobject list to delete.
    FX_DEL_PROP = 0x4016_0003 => "MetaTagFXDelProp",
    /// 2.2.4.1.5.2 MetaTagEcWarning (PtypInteger32): a warning while producing the stream.
    EC_WARNING = 0x400F_0003 => "MetaTagEcWarning",
    /// 2.2.4.1.5.3 MetaTagNewFXFolder (PtypBinary): alternative replicas of a public folder.
    NEW_FX_FOLDER = 0x4011_0102 => "MetaTagNewFXFolder",
    /// 2.2.4.1.5.4 MetaTagIncrSyncGroupId (PtypInteger32): the property group mapping in use.
    INCR_SYNC_GROUP_ID = 0x407C_0003 => "MetaTagIncrSyncGroupId",
    /// 2.2.4.1.5.5 MetaTagIncrementalSyncMessagePartial (PtypInteger32): the property group
    /// the following values belong to.
    INCREMENTAL_SYNC_MESSAGE_PARTIAL = 0x407A_0003 => "MetaTagIncrementalSyncMessagePartial",
    /// 2.2.4.1.5.6 MetaTagDnPrefix (PtypString8): the distinguished-name prefix of a folder.
    DN_PREFIX = 0x4008_001E => "MetaTagDnPrefix",
    /// 2.2.1.1.1 MetaTagIdsetGiven: the tag says PtypInteger32, the value is serialized as
    /// PtypBinary (3.2.5.2.1, 3.3.5.13), so the lexer reads a 4-byte length and bytes.
    IDSET_GIVEN = 0x4017_0003 => "MetaTagIdsetGiven",
}

impl MetaProperty {
    /// The meta-property's tag.
    pub const fn tag(self) -> PropTag {
        PropTag(self.0)
    }
}

/// The name part of a named property's information ([MS-OXCFXICS] 2.2.4.3.21 namedPropInfo).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum FtName<'a> {
    /// Kind 0x00: a 4-byte dispid.
    Id(u32),
    /// Kind 0x01: a name, as its UTF-16LE bytes without the null terminator the stream ends
    /// it with.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    Name(Cow<'a, [u8]>),
}

/// Named-property information following a tag whose property id is 0x8000 or more: the
/// property set GUID and the dispid or name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
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

    /// The Kind byte of the name ([MS-OXCDATA] 2.6.1).
    fn kind(&self) -> NameKind {
        match self.name {
            FtName::Id(_) => NameKind::MNID_ID,
            FtName::Name(_) => NameKind::MNID_STRING,
        }
    }
}

/// A fixed-size value ([MS-OXCFXICS] 2.2.4.3.21 fixedSizeValue), by its size: 2 bytes
/// (PtypInteger16, PtypBoolean), 4 (PtypInteger32, PtypFloating32, PtypErrorCode), 8
/// (PtypFloating64, PtypCurrency, PtypFloatingTime, PtypInteger64, PtypTime) or 16 (PtypGuid).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

    pub(super) fn from_bytes(b: &[u8]) -> Fixed {
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all_fields = "PascalCase")
)]
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
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    Data(Cow<'a, [u8]>),
}

/// One element's bytes. Whether a sequence of elements is a stream (each tag followed by its
/// value as its type lays it out) is checked by the encoder of [`FtStream`](super::FtStream).
impl Encode for Element<'_> {
    fn encoded_len(&self) -> usize {
        match self {
            Element::Marker(_) | Element::Count(_) | Element::Length(_) => 4,
            Element::Tag { named, .. } => 4 + named.as_ref().map_or(0, NamedInfo::encoded_len),
            Element::Fixed(f) => f.len(),
            Element::Data(d) => d.len(),
        }
    }

    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        ensure_room(out, self.encoded_len())?;
        match self {
            Element::Marker(m) => out.put_u32_le(m.0),
            Element::Count(n) | Element::Length(n) => out.put_u32_le(*n),
            Element::Tag { tag, named } => {
                out.put_u32_le(tag.0);
                if let Some(n) = named {
                    out.put_slice(&n.guid.0);
                    out.put_u8(n.kind().0);
                    match &n.name {
                        FtName::Id(id) => out.put_u32_le(*id),
                        FtName::Name(name) => {
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
}

impl Element<'_> {
    /// The element with every borrowed part copied.
    pub fn into_owned(self) -> Element<'static> {
        crate::wire::IntoOwned::into_owned(self)
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

/// A meta-property's tag shows with its name, any other tag as a property tag.
fn tag_tree(tag: PropTag) -> Tree {
    let meta = MetaProperty(tag.0);
    match meta.name() {
        Some(_) => meta.to_tree(),
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

crate::wire::owned_as_self!(Fixed);
crate::wire::owned_impl!(
    enum FtName {
        Id(id),
        Name(n),
    }
);
crate::wire::owned_impl!(struct NamedInfo { guid, name });
crate::wire::owned_impl!(enum Element {
    Marker(m),
    Tag { tag, named },
    Fixed(f),
    Count(n),
    Length(n),
    Data(d),
});
