//! Property types and property tags.

use std::fmt;

use crate::tree::{ToTree, Tree};
use crate::wire::named_code;

named_code! {
    /// A property data type ([MS-OXCDATA] 2.11.1), an open code: values the spec does not name
    /// still travel.
    pub struct PropType(u16);
    /// [MS-OXCDATA] 2.11.1 `PtypUnspecified`.
    UNSPECIFIED = 0x0000 => "PtypUnspecified",
    /// [MS-OXCDATA] 2.11.1 `PtypNull`.
    NULL = 0x0001 => "PtypNull",
    /// [MS-OXCDATA] 2.11.1 `PtypInteger16`.
    INTEGER16 = 0x0002 => "PtypInteger16",
    /// [MS-OXCDATA] 2.11.1 `PtypInteger32`.
    INTEGER32 = 0x0003 => "PtypInteger32",
    /// [MS-OXCDATA] 2.11.1 `PtypFloating32`.
    FLOATING32 = 0x0004 => "PtypFloating32",
    /// [MS-OXCDATA] 2.11.1 `PtypFloating64`.
    FLOATING64 = 0x0005 => "PtypFloating64",
    /// [MS-OXCDATA] 2.11.1 `PtypCurrency`.
    CURRENCY = 0x0006 => "PtypCurrency",
    /// [MS-OXCDATA] 2.11.1 `PtypFloatingTime`.
    FLOATING_TIME = 0x0007 => "PtypFloatingTime",
    /// [MS-OXCDATA] 2.11.1 `PtypErrorCode`.
    ERROR_CODE = 0x000A => "PtypErrorCode",
    /// [MS-OXCDATA] 2.11.1 `PtypBoolean`.
    BOOLEAN = 0x000B => "PtypBoolean",
    /// [MS-OXCDATA] 2.11.1 `PtypObject`.
    OBJECT = 0x000D => "PtypObject",
    /// [MS-OXCDATA] 2.11.1 `PtypInteger64`.
    INTEGER64 = 0x0014 => "PtypInteger64",
    /// [MS-OXCDATA] 2.11.1 `PtypString8`.
    STRING8 = 0x001E => "PtypString8",
    /// [MS-OXCDATA] 2.11.1 `PtypString`.
    STRING = 0x001F => "PtypString",
    /// [MS-OXCDATA] 2.11.1 `PtypTime`.
    TIME = 0x0040 => "PtypTime",
    /// [MS-OXCDATA] 2.11.1 `PtypGuid`.
    GUID = 0x0048 => "PtypGuid",
    /// [MS-OXCDATA] 2.11.1 `PtypServerId`.
    SERVER_ID = 0x00FB => "PtypServerId",
    /// [MS-OXCDATA] 2.11.1 `PtypRestriction`.
    RESTRICTION = 0x00FD => "PtypRestriction",
    /// [MS-OXCDATA] 2.11.1 `PtypRuleAction`.
    RULE_ACTION = 0x00FE => "PtypRuleAction",
    /// [MS-OXCDATA] 2.11.1 `PtypBinary`.
    BINARY = 0x0102 => "PtypBinary",
    /// [MS-OXCDATA] 2.11.1 `PtypMultipleInteger16`.
    MULTIPLE_INTEGER16 = 0x1002 => "PtypMultipleInteger16",
    /// [MS-OXCDATA] 2.11.1 `PtypMultipleInteger32`.
    MULTIPLE_INTEGER32 = 0x1003 => "PtypMultipleInteger32",
    /// [MS-OXCDATA] 2.11.1 `PtypMultipleFloating32`.
    MULTIPLE_FLOATING32 = 0x1004 => "PtypMultipleFloating32",
    /// [MS-OXCDATA] 2.11.1 `PtypMultipleFloating64`.
    MULTIPLE_FLOATING64 = 0x1005 => "PtypMultipleFloating64",
    /// [MS-OXCDATA] 2.11.1 `PtypMultipleCurrency`.
    MULTIPLE_CURRENCY = 0x1006 => "PtypMultipleCurrency",
    /// [MS-OXCDATA] 2.11.1 `PtypMultipleFloatingTime`.
    MULTIPLE_FLOATING_TIME = 0x1007 => "PtypMultipleFloatingTime",
    /// [MS-OXCDATA] 2.11.1 `PtypMultipleInteger64`.
    MULTIPLE_INTEGER64 = 0x1014 => "PtypMultipleInteger64",
    /// [MS-OXCDATA] 2.11.1 `PtypMultipleString8`.
    MULTIPLE_STRING8 = 0x101E => "PtypMultipleString8",
    /// [MS-OXCDATA] 2.11.1 `PtypMultipleString`.
    MULTIPLE_STRING = 0x101F => "PtypMultipleString",
    /// [MS-OXCDATA] 2.11.1 `PtypMultipleTime`.
    MULTIPLE_TIME = 0x1040 => "PtypMultipleTime",
    /// [MS-OXCDATA] 2.11.1 `PtypMultipleGuid`.
    MULTIPLE_GUID = 0x1048 => "PtypMultipleGuid",
    /// [MS-OXCDATA] 2.11.1 `PtypMultipleBinary`.
    MULTIPLE_BINARY = 0x1102 => "PtypMultipleBinary",
}

impl PropType {
    /// The multi-valued flag (0x1000).
    pub const MV_FLAG: u16 = 0x1000;

    /// Whether this is a PtypMultipleXxx type.
    pub fn is_multi(self) -> bool {
        self.0 & Self::MV_FLAG != 0
    }

    /// The type of one value: of one item for a PtypMultipleXxx type (PtypMultipleString
    /// items are PtypString), the type itself otherwise.
    pub const fn item_type(self) -> PropType {
        PropType(self.0 & !Self::MV_FLAG)
    }
}

/// A property tag ([MS-OXCDATA] 2.9): the property id in the high 16 bits, the [`PropType`] in
/// the low 16 bits.
///
/// The tagged properties of [MS-OXPROPS] that mailbox and address-book work uses most are
/// constants in Rust case, with their spec data type (`PidTagDisplayName` is
/// [`PropTag::DISPLAY_NAME`], 0x3001001F); [`PropTag::from_name`] finds them by canonical
/// name and [`PropTag::name`] names any tag by its id.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct PropTag(pub u32);

impl PropTag {
    /// A tag from its id and type.
    pub const fn new(id: u16, ty: PropType) -> PropTag {
        PropTag(((id as u32) << 16) | ty.0 as u32)
    }

    /// The property id (high 16 bits).
    pub const fn prop_id(self) -> u16 {
        (self.0 >> 16) as u16
    }

    /// The property type (low 16 bits).
    pub const fn prop_type(self) -> PropType {
        PropType(self.0 as u16)
    }

    /// The canonical [MS-OXPROPS] name of a tagged property (`PidTagDisplayName`), if known.
    /// Ids from 0x8000 up are named properties, mapped per logon: they have no fixed name.
    pub fn name(self) -> Option<&'static str> {
        super::names::property_name(self.prop_id())
    }
}

impl fmt::Debug for PropTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => write!(f, "PropTag(0x{:08X} {n})", self.0),
            None => write!(f, "PropTag(0x{:08X})", self.0),
        }
    }
}

impl ToTree for PropTag {
    fn to_tree(&self) -> Tree {
        Tree::PropTag(self.0)
    }
}

crate::wire::transparent! {
    PropTag => PropTag;
}

crate::wire::owned_as_self!(PropTag);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_parts() {
        let t = PropTag::DISPLAY_NAME;
        assert_eq!(t.prop_id(), 0x3001);
        assert_eq!(t.prop_type(), PropType::STRING);
        assert_eq!(PropTag::new(0x3001, PropType::STRING), t);
        assert!(PropType::MULTIPLE_BINARY.is_multi());
        assert!(!PropType::BINARY.is_multi());
        assert_eq!(PropType(0x0102).name(), Some("PtypBinary"));
        assert_eq!(PropType(0x0099).name(), None);
    }
}
