//! Named-property names ([MS-OXCDATA] 2.6.1 PropertyName).

use bytes::BufMut;

use crate::tree::{ToTree, Tree};
use crate::wire::{
    named_code, u8_len, Decode, DecodeError, Encode, EncodeError, Guid, Reader, ResultExt, Utf16Str,
};

named_code! {
    /// The Kind of a [`PropertyName`] ([MS-OXCDATA] 2.6.1), which the named-property
    /// information of a FastTransfer stream uses too ([MS-OXCFXICS] 2.2.4.3.21).
    pub struct NameKind(u8);
    /// MNID_ID: a LID follows.
    MNID_ID = 0x00 => "MNID_ID",
    /// MNID_STRING: a name follows.
    MNID_STRING = 0x01 => "MNID_STRING",
    /// No name: nothing follows (responses).
    NO_NAME = 0xFF => "NoName",
}

/// What follows the GUID of a [`PropertyName`], chosen by its Kind byte.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PropertyNameKind<'a> {
    /// Kind 0x00 (MNID_ID): the property is identified by LID, a 4-byte number.
    Lid(u32),
    /// Kind 0x01 (MNID_STRING): the property is identified by Name, a null-terminated UTF-16LE
    /// string preceded by NameSize (its byte count, terminator included, in one byte).
    Name(Utf16Str<'a>),
    /// Kind 0xFF: the property has no name (used in responses); nothing follows the GUID.
    NoName,
}

impl PropertyNameKind<'_> {
    /// The Kind.
    pub fn kind(&self) -> NameKind {
        match self {
            PropertyNameKind::Lid(_) => NameKind::MNID_ID,
            PropertyNameKind::Name(_) => NameKind::MNID_STRING,
            PropertyNameKind::NoName => NameKind::NO_NAME,
        }
    }
}

/// [MS-OXCDATA] 2.6.1 PropertyName: Kind (1 byte), GUID (16 bytes, the property set), then
/// LID (Kind 0x00), NameSize and Name (Kind 0x01), or nothing (Kind 0xFF).
///
/// Decoding requires NameSize to equal the bytes of the Name actually read (terminator
/// included), so that re-encoding gives the same bytes; encoding fails when a Name does not
/// fit the one-byte NameSize.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct PropertyName<'a> {
    /// GUID: the property set.
    pub guid: Guid,
    /// Kind and what follows the GUID.
    pub kind: PropertyNameKind<'a>,
}

impl std::fmt::Display for PropertyName<'_> {
    /// `{GUID}:0x8501` for a LID, `{GUID}:"Keywords"` for a name, `{GUID}` for none.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            PropertyNameKind::Lid(lid) => write!(f, "{}:0x{lid:04X}", self.guid),
            PropertyNameKind::Name(s) => write!(f, "{}:{:?}", self.guid, s.to_string_lossy()),
            PropertyNameKind::NoName => write!(f, "{}", self.guid),
        }
    }
}

impl PropertyName<'_> {
    /// The same name, owning its string.
    pub fn into_owned(self) -> PropertyName<'static> {
        crate::wire::IntoOwned::into_owned(self)
    }
}

impl<'a> Decode<'a> for PropertyName<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let kind = NameKind::decode_from(r).field("Kind")?;
        let guid = Guid::decode_from(r).field("GUID")?;
        let kind = match kind {
            NameKind::MNID_ID => PropertyNameKind::Lid(r.u32().field("LID")?),
            NameKind::MNID_STRING => PropertyNameKind::Name(decode_name(r)?),
            NameKind::NO_NAME => PropertyNameKind::NoName,
            k => {
                return Err(r.invalid_at(
                    at,
                    "PropertyName Kind must be 0x00, 0x01 or 0xFF",
                    k.0.into(),
                ))
                .field("Kind")
            }
        };
        Ok(PropertyName { guid, kind })
    }
}

/// NameSize, then the Name it counts.
fn decode_name<'a>(r: &mut Reader<'a>) -> Result<Utf16Str<'a>, DecodeError> {
    let at = r.offset();
    let size = r.u8().field("NameSize")?;
    let name = Utf16Str::decode_from(r).field("Name")?;
    if name.encoded_len() != usize::from(size) {
        return Err(r.invalid_at(
            at,
            "NameSize is not the byte count of Name and its terminator",
            size.into(),
        ))
        .field("NameSize");
    }
    Ok(name)
}

impl Encode for PropertyName<'_> {
    fn encoded_len(&self) -> usize {
        17 + match &self.kind {
            PropertyNameKind::Lid(_) => 4,
            PropertyNameKind::Name(n) => 1 + n.encoded_len(),
            PropertyNameKind::NoName => 0,
        }
    }

    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        // Check NameSize before writing anything.
        let size = match &self.kind {
            PropertyNameKind::Name(n) => Some(u8_len(n.encoded_len(), "NameSize")?),
            _ => None,
        };
        self.kind.kind().encode(out)?;
        self.guid.encode(out)?;
        match (&self.kind, size) {
            (PropertyNameKind::Lid(lid), _) => lid.encode(out),
            (PropertyNameKind::Name(n), Some(size)) => {
                size.encode(out)?;
                n.encode(out)
            }
            _ => Ok(()),
        }
    }
}

impl ToTree for PropertyName<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record()
            .field("Kind", self.kind.kind().to_tree())
            .field("GUID", Tree::Text(self.guid.to_string()));
        match &self.kind {
            PropertyNameKind::Lid(lid) => t.field("LID", Tree::Hex((*lid).into())),
            PropertyNameKind::Name(n) => t
                .field("NameSize", Tree::UInt(n.encoded_len() as u64))
                .field("Name", Tree::Text(n.to_string_lossy())),
            PropertyNameKind::NoName => t,
        }
    }
}

crate::wire::owned_impl!(
    enum PropertyNameKind {
        Lid(lid),
        Name(s),
        NoName,
    }
);
crate::wire::owned_impl!(struct PropertyName { guid, kind });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Limits;

    /// PS_PUBLIC_STRINGS, {00020329-0000-0000-C000-000000000046}, in wire order.
    const PS_PUBLIC_STRINGS: [u8; 16] = [
        0x29, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x46,
    ];

    fn named_bytes(size: u8) -> Vec<u8> {
        let mut b = vec![0x01];
        b.extend_from_slice(&PS_PUBLIC_STRINGS);
        b.push(size);
        b.extend_from_slice(&[b'K', 0, b'e', 0, b'y', 0, 0, 0]); // "Key" + terminator
        b
    }

    fn prefixes_fail(bytes: &[u8]) {
        for n in 0..bytes.len() {
            assert!(PropertyName::decode(&bytes[..n]).is_err(), "prefix {n}");
        }
    }

    #[test]
    fn lid_by_hand() {
        let mut b = vec![0x00];
        b.extend_from_slice(&PS_PUBLIC_STRINGS);
        b.extend_from_slice(&[0x1C, 0x85, 0x00, 0x00]); // LID 0x851C
        let n = PropertyName::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert_eq!(n.guid.to_string(), "{00020329-0000-0000-C000-000000000046}");
        assert_eq!(n.kind, PropertyNameKind::Lid(0x851C));
        assert_eq!(n.encoded_len(), b.len());
        assert_eq!(n.to_bytes().unwrap(), b);
        prefixes_fail(&b);
    }

    #[test]
    fn name_by_hand() {
        let b = named_bytes(8);
        let n = PropertyName::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert_eq!(n.guid, Guid(PS_PUBLIC_STRINGS));
        match &n.kind {
            PropertyNameKind::Name(s) => assert_eq!(s.to_text().as_deref(), Some("Key")),
            other => panic!("{other:?}"),
        }
        assert_eq!(n.to_bytes().unwrap(), b);
        prefixes_fail(&b);
        let t = n.to_tree().to_text();
        assert!(t.contains("MNID_STRING"), "{t}");
        assert!(t.contains("\"Key\""), "{t}");
    }

    #[test]
    fn no_name_by_hand() {
        let mut b = vec![0xFF];
        b.extend_from_slice(&PS_PUBLIC_STRINGS);
        let n = PropertyName::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert_eq!(n.kind, PropertyNameKind::NoName);
        assert_eq!(n.to_bytes().unwrap(), b);
        prefixes_fail(&b);
    }

    #[test]
    fn name_size_must_match() {
        for size in [0u8, 2, 6, 7, 9, 10, 0xFF] {
            let b = named_bytes(size);
            let e = PropertyName::decode(&b).unwrap_err();
            assert_eq!(e.offset(), 17, "size {size}");
            assert_eq!(e.path_string(), "NameSize");
            assert_eq!(e.kind().name(), "invalid-value");
        }
    }

    #[test]
    fn bad_kind() {
        let mut b = vec![0x02];
        b.extend_from_slice(&PS_PUBLIC_STRINGS);
        let e = PropertyName::decode(&b).unwrap_err();
        assert_eq!(e.offset(), 0);
        assert_eq!(e.path_string(), "Kind");
    }

    #[test]
    fn name_too_long_to_encode() {
        let long = "x".repeat(127); // 254 + 2 bytes > 255
        let n = PropertyName {
            guid: Guid::default(),
            kind: PropertyNameKind::Name(Utf16Str::from_text(&long).unwrap()),
        };
        assert!(matches!(
            n.to_bytes().map_err(|e| e.kind().clone()),
            Err(crate::wire::EncodeErrorKind::TooLong {
                field: "NameSize",
                ..
            })
        ));
        let ok = PropertyName {
            guid: Guid::default(),
            kind: PropertyNameKind::Name(Utf16Str::from_text(&long[1..]).unwrap()),
        };
        let b = ok.to_bytes().unwrap();
        assert_eq!(b[17], 254);
        assert_eq!(PropertyName::decode_exact(&b, Limits::DEFAULT).unwrap(), ok);
    }
}
