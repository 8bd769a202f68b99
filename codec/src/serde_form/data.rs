//! Hand-written forms of data types that are not built by the crate's macros: property tags
//! and tag lists, the Server object handle table.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};
use serde::Deserialize;

use super::parse_number;
use crate::data::PropTags;
use crate::data::{PropTag, PropType, PROPERTY_IDS};
use crate::rop::HandleTable;

/// The form of a property tag: `PidTagSubject:PtypString` when the spec names its id (and its
/// type: else `PidTagSubject:0x0099`), else `0x` and the tag in hex (`0x8005001F`: ids from
/// 0x8000 up are named properties, mapped per logon).
fn tag_text(t: PropTag) -> String {
    match t.name() {
        Some(n) if PROPERTY_IDS.iter().find(|p| p.1 == n).map(|p| p.0) == Some(t.prop_id()) => {
            match t.prop_type().name() {
                Some(ty) => format!("{n}:{ty}"),
                None => format!("{n}:0x{:04X}", t.prop_type().0),
            }
        }
        _ => format!("0x{:08X}", t.0),
    }
}

/// The tag of `text` in any form [`tag_text`] writes.
fn parse_tag(text: &str) -> Option<PropTag> {
    let Some((id, ty)) = text.split_once(':') else {
        return parse_number(text, u32::MAX.into()).map(|v| PropTag(v as u32));
    };
    let id = match parse_number(id, u16::MAX.into()) {
        Some(v) => v as u16,
        None => PROPERTY_IDS.iter().find(|p| p.1 == id.trim())?.0,
    };
    let ty = match parse_number(ty, u16::MAX.into()) {
        Some(v) => PropType(v as u16),
        None => PropType::NAMED.iter().find(|p| p.1 == ty.trim())?.0,
    };
    Some(PropTag::new(id, ty))
}

impl Serialize for PropTag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&tag_text(*self))
    }
}

impl<'de> Deserialize<'de> for PropTag {
    /// `PidTagSubject:PtypString` (names or hex on either side of the colon), `0x0037001F`,
    /// or the tag as a number.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PropTag;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property tag: PidTagName:PtypType, 0x and 8 hex digits, or a number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PropTag, E> {
                u32::try_from(v)
                    .map(PropTag)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PropTag, E> {
                u32::try_from(v)
                    .map(PropTag)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PropTag, E> {
                parse_tag(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for PropTags<'_> {
    /// The tags, a list.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for PropTags<'_> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<PropTag>::deserialize(d).map(PropTags::from)
    }
}

/// A 4-byte handle as `0x` and 8 hex digits.
struct Handle(u32);

impl Serialize for Handle {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("0x{:08X}", self.0))
    }
}

impl<'de> Deserialize<'de> for Handle {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::de_code(d, "Server object handle", u32::MAX.into(), false, &|_| None)
            .map(|v| Handle(v as u32))
    }
}

impl Serialize for HandleTable<'_> {
    /// The handles, a list of hex numbers.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Handle))
    }
}

impl<'de> Deserialize<'de> for HandleTable<'_> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Vec::<Handle>::deserialize(d)?;
        Ok(HandleTable::from_handles(
            &v.into_iter().map(|h| h.0).collect::<Vec<_>>(),
        ))
    }
}

impl Serialize for crate::fxics::idset::Globset {
    /// The commands (without the final End): what encoding writes.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Globset", 1)?;
        st.serialize_field("Commands", self.commands())?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for crate::fxics::idset::Globset {
    /// The commands, checked as a decoder checks them.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use crate::fxics::idset::{Globset, GlobsetCommand};
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Form {
            #[serde(rename = "Commands")]
            commands: Vec<GlobsetCommand>,
        }
        let f = Form::deserialize(d)?;
        Globset::from_commands(f.commands).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_back_from_every_form() {
        for t in [
            0x0037_001F,
            0x0037_0099,
            0x8005_0003,
            0x0000_0000,
            0xFFFF_FFFF,
        ] {
            assert_eq!(
                parse_tag(&tag_text(PropTag(t))),
                Some(PropTag(t)),
                "{t:08X}"
            );
        }
        // [MS-OXPROPS] 2.1028: PidTagSubject is 0x0037; PtypString is 0x001F.
        assert_eq!(tag_text(PropTag(0x0037_001F)), "PidTagSubject:PtypString");
        assert_eq!(tag_text(PropTag(0x8501_0003)), "0x85010003");
        assert_eq!(
            parse_tag("0x0037:PtypInteger32"),
            Some(PropTag(0x0037_0003))
        );
        assert_eq!(parse_tag("PidTagNoSuchName:PtypString"), None);
    }
}
