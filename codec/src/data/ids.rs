//! Object identifiers ([MS-OXCDATA] 2.2.1): Folder ID, Message ID, LongTermID, and the
//! ServerId of a PtypServerId value ([MS-OXCDATA] 2.11.1.4).

use std::borrow::Cow;
use std::fmt;

use bytes::BufMut;

use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, named_code, Decode, DecodeError, Encode, EncodeError, Guid, Reader, ResultExt,
};

/// A 6-byte global counter (GLOBCNT, [MS-OXCFXICS] 2.2.2.5), kept as its wire bytes.
///
/// Unlike every other integer of [MS-OXCDATA], a GLOBCNT is a big-endian number (so that byte
/// order and numeric order agree when servers compare ranges): the counter `0x1F` is
/// `00 00 00 00 00 1F` on the wire. [`GlobalCounter::value`] reads it that way.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct GlobalCounter(
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex_array"))] pub [u8; 6],
);

impl GlobalCounter {
    /// Largest counter 6 bytes can hold.
    pub const MAX: u64 = (1 << 48) - 1;

    /// The counter as a number (big-endian).
    pub fn value(self) -> u64 {
        let mut b = [0u8; 8];
        b[2..].copy_from_slice(&self.0);
        u64::from_be_bytes(b)
    }

    /// The counter `v`, or `None` above [`GlobalCounter::MAX`].
    pub fn from_value(v: u64) -> Option<GlobalCounter> {
        if v > Self::MAX {
            return None;
        }
        let b = v.to_be_bytes();
        Some(GlobalCounter([b[2], b[3], b[4], b[5], b[6], b[7]]))
    }
}

impl fmt::Debug for GlobalCounter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GlobalCounter(0x{:X})", self.value())
    }
}

impl ToTree for GlobalCounter {
    fn to_tree(&self) -> Tree {
        Tree::Hex(self.value())
    }
}

crate::wire::transparent! {
    GlobalCounter => GlobalCounter;
}

/// Folder ID and Message ID share one layout: ReplicaId (2 bytes, little-endian), then a
/// big-endian [`GlobalCounter`].
macro_rules! short_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(rename_all = "PascalCase"))]
        pub struct $name {
            /// ReplicaId: identifies the store (a REPLID, mapped per logon to a REPLGUID).
            pub replica_id: u16,
            #[doc = concat!("GlobalCounter: identifies the ", $what, " within its store.")]
            pub global_counter: GlobalCounter,
        }

        impl $name {
            /// The id from its two parts, or `None` if `counter` does not fit 48 bits.
            pub fn new(replica_id: u16, counter: u64) -> Option<$name> {
                GlobalCounter::from_value(counter).map(|global_counter| $name {
                    replica_id,
                    global_counter,
                })
            }

            /// The id from its PtypInteger64 form (the 8 wire bytes read as one little-endian
            /// integer, as properties such as PidTagFolderId and PidTagMid carry it).
            pub fn from_u64(v: u64) -> $name {
                let b = v.to_le_bytes();
                $name {
                    replica_id: u16::from_le_bytes([b[0], b[1]]),
                    global_counter: GlobalCounter([b[2], b[3], b[4], b[5], b[6], b[7]]),
                }
            }

            /// The PtypInteger64 form (see [`Self::from_u64`]).
            pub fn to_u64(self) -> u64 {
                let r = self.replica_id.to_le_bytes();
                let g = self.global_counter.0;
                u64::from_le_bytes([r[0], r[1], g[0], g[1], g[2], g[3], g[4], g[5]])
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f,
                    concat!(stringify!($name), "({}-0x{:X})"),
                    self.replica_id,
                    self.global_counter.value()
                )
            }
        }

        impl ToTree for $name {
            fn to_tree(&self) -> Tree {
                Tree::record()
                    .field("ReplicaId", Tree::UInt(self.replica_id.into()))
                    .field("GlobalCounter", self.global_counter.to_tree())
            }
        }

        impl<'a> Decode<'a> for $name {
            #[inline(always)]
            fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
                Ok($name {
                    replica_id: r.u16().field("ReplicaId")?,
                    global_counter: GlobalCounter::decode_from(r).field("GlobalCounter")?,
                })
            }
        }

        impl Encode for $name {
            #[inline]
            fn encoded_len(&self) -> usize {
                8
            }
            #[inline]
            fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                self.replica_id.encode(out)?;
                self.global_counter.encode(out)
            }
        }
    };
}

short_id! {
    /// [MS-OXCDATA] 2.2.1.1 Folder ID: identifies a folder within a logon (8 bytes).
    FolderId, "folder"
}

short_id! {
    /// [MS-OXCDATA] 2.2.1.2 Message ID: identifies a message within a logon (8 bytes).
    MessageId, "message"
}

/// [MS-OXCDATA] 2.2.1.3.1 LongTermID: DatabaseGuid (16 bytes), GlobalCounter (6 bytes), Pad
/// (2 bytes, which MUST be zero: decoding rejects anything else, encoding writes zero).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Debug)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct LongTermId {
    /// DatabaseGuid: the store's REPLGUID.
    pub database_guid: Guid,
    /// GlobalCounter: the object within the store.
    pub global_counter: GlobalCounter,
}

impl ToTree for LongTermId {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("DatabaseGuid", Tree::Text(self.database_guid.to_string()))
            .field("GlobalCounter", self.global_counter.to_tree())
            .field("Pad", Tree::Hex(0))
    }
}

impl<'a> Decode<'a> for LongTermId {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let database_guid = Guid::decode_from(r).field("DatabaseGuid")?;
        let global_counter = GlobalCounter::decode_from(r).field("GlobalCounter")?;
        let at = r.offset();
        let pad = r.u16().field("Pad")?;
        if pad != 0 {
            return Err(r.invalid_at(at, "LongTermID Pad must be 0", pad.into())).field("Pad");
        }
        Ok(LongTermId {
            database_guid,
            global_counter,
        })
    }
}

impl Encode for LongTermId {
    fn encoded_len(&self) -> usize {
        24
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.database_guid.encode(out)?;
        self.global_counter.encode(out)?;
        0u16.encode(out)
    }
}

named_code! {
    /// The Ours byte of a [`ServerId`] ([MS-OXCDATA] 2.11.1.4): whose layout follows.
    pub struct ServerIdOurs(u8);
    /// 0x00: a client-defined value.
    CLIENT_DEFINED = 0x00 => "ClientDefined",
    /// 0x01: the server's own layout.
    SERVER_DEFINED = 0x01 => "ServerDefined",
}

/// The bytes of a PtypServerId value ([MS-OXCDATA] 2.11.1.4), after its 2-byte count: an Ours
/// byte, then either the server's own layout or bytes only the client understands.
///
/// A client-defined ServerId has no length of its own (the enclosing count gives it), so it
/// takes every byte left: decode it from the counted bytes of a PtypServerId value (e.g. with
/// [`Decode::decode_exact`]), never from the middle of a larger buffer.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all_fields = "PascalCase")
)]
pub enum ServerId<'a> {
    /// Ours = 0x01: the remaining bytes follow this structure (21 bytes in all).
    Ours {
        /// folder ID: the folder, or the folder holding the message.
        folder_id: FolderId,
        /// message ID: the message in that folder; all zeros when the object is a folder.
        message_id: MessageId,
        /// Instance: the instance within a multivalued property searched; zero elsewhere.
        instance: u32,
    },
    /// Ours = 0x00: a client-defined value of whatever size and layout the client chose, kept
    /// as its bytes (without the Ours byte).
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    ClientDefined(Cow<'a, [u8]>),
}

impl ServerId<'_> {
    /// The Ours byte.
    pub fn ours(&self) -> ServerIdOurs {
        match self {
            ServerId::Ours { .. } => ServerIdOurs::SERVER_DEFINED,
            ServerId::ClientDefined(_) => ServerIdOurs::CLIENT_DEFINED,
        }
    }
}

impl ToTree for ServerId<'_> {
    fn to_tree(&self) -> Tree {
        match self {
            ServerId::Ours {
                folder_id,
                message_id,
                instance,
            } => Tree::record()
                .field("Ours", ServerIdOurs::SERVER_DEFINED.to_tree())
                .field("FolderId", folder_id.to_tree())
                .field("MessageId", message_id.to_tree())
                .field("Instance", Tree::UInt((*instance).into())),
            ServerId::ClientDefined(b) => Tree::record()
                .field("Ours", ServerIdOurs::CLIENT_DEFINED.to_tree())
                .field("ClientData", Tree::Bytes(b.to_vec())),
        }
    }
}

impl<'a> Decode<'a> for ServerId<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        match ServerIdOurs::decode_from(r).field("Ours")? {
            ServerIdOurs::SERVER_DEFINED => Ok(ServerId::Ours {
                folder_id: FolderId::decode_from(r).field("FolderId")?,
                message_id: MessageId::decode_from(r).field("MessageId")?,
                instance: r.u32().field("Instance")?,
            }),
            ServerIdOurs::CLIENT_DEFINED => {
                Ok(ServerId::ClientDefined(Cow::Borrowed(r.take_rest())))
            }
            v => Err(r.invalid_at(at, "ServerId Ours must be 0x00 or 0x01", v.0.into()))
                .field("Ours"),
        }
    }
}

impl Encode for ServerId<'_> {
    fn encoded_len(&self) -> usize {
        1 + match self {
            ServerId::Ours { .. } => 20,
            ServerId::ClientDefined(b) => b.len(),
        }
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.ours().encode(out)?;
        match self {
            ServerId::Ours {
                folder_id,
                message_id,
                instance,
            } => {
                folder_id.encode(out)?;
                message_id.encode(out)?;
                instance.encode(out)
            }
            ServerId::ClientDefined(b) => {
                ensure_room(out, b.len())?;
                out.put_slice(b);
                Ok(())
            }
        }
    }
}

crate::wire::owned_as_self!(GlobalCounter, FolderId, MessageId, LongTermId);
crate::wire::owned_impl!(enum ServerId {
    Ours { folder_id, message_id, instance },
    ClientDefined(b),
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Limits;

    fn prefixes_fail<'a, T: Decode<'a> + fmt::Debug>(bytes: &'a [u8]) {
        for n in 0..bytes.len() {
            assert!(T::decode(&bytes[..n]).is_err(), "prefix {n} decoded");
        }
    }

    #[test]
    fn folder_id_by_hand() {
        // ReplicaId 0x0001 (LE), GlobalCounter 0x00000000001F (BE).
        let b = [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1F];
        let id = FolderId::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert_eq!(id.replica_id, 1);
        assert_eq!(id.global_counter.value(), 0x1F);
        assert_eq!(id.global_counter.0, [0, 0, 0, 0, 0, 0x1F]);
        assert_eq!(id.to_u64(), 0x1F00_0000_0000_0001);
        assert_eq!(FolderId::from_u64(0x1F00_0000_0000_0001), id);
        assert_eq!(FolderId::new(1, 0x1F), Some(id));
        assert_eq!(id.to_bytes().unwrap(), b);
        assert_eq!(format!("{id:?}"), "FolderId(1-0x1F)");
        prefixes_fail::<FolderId>(&b);
    }

    #[test]
    fn message_id_by_hand() {
        let b = [0x05, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06];
        let id = MessageId::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert_eq!(id.replica_id, 5);
        assert_eq!(id.global_counter.value(), 0x0102_0304_0506);
        assert_eq!(id.to_bytes().unwrap(), b);
        prefixes_fail::<MessageId>(&b);
        assert_eq!(MessageId::new(1, GlobalCounter::MAX + 1), None);
        assert!(MessageId::new(1, GlobalCounter::MAX).is_some());
    }

    #[test]
    fn long_term_id_by_hand() {
        let mut b = Vec::new();
        b.extend_from_slice(&[0x11; 16]); // DatabaseGuid
        b.extend_from_slice(&[0, 0, 0, 0, 0x01, 0x00]); // GlobalCounter 0x100
        b.extend_from_slice(&[0, 0]); // Pad
        let id = LongTermId::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert_eq!(id.database_guid, Guid([0x11; 16]));
        assert_eq!(id.global_counter.value(), 0x100);
        assert_eq!(id.to_bytes().unwrap(), b);
        prefixes_fail::<LongTermId>(&b);

        b[23] = 1;
        let e = LongTermId::decode(&b).unwrap_err();
        assert_eq!(e.offset(), 22);
        assert_eq!(e.path_string(), "Pad");
        assert_eq!(e.kind().name(), "invalid-value");
    }

    #[test]
    fn server_id_ours() {
        let b = [
            0x01, // Ours
            0x01, 0x00, 0, 0, 0, 0, 0, 0x02, // folder ID 1-0x2
            0x01, 0x00, 0, 0, 0, 0, 0x01, 0x00, // message ID 1-0x100
            0x07, 0x00, 0x00, 0x00, // Instance
        ];
        let s = ServerId::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert_eq!(
            s,
            ServerId::Ours {
                folder_id: FolderId::new(1, 2).unwrap(),
                message_id: MessageId::new(1, 0x100).unwrap(),
                instance: 7,
            }
        );
        assert_eq!(s.encoded_len(), 21);
        assert_eq!(s.to_bytes().unwrap(), b);
        prefixes_fail::<ServerId<'_>>(&b);
        // More bytes than the layout: the counted form must be used up.
        let mut long = b.to_vec();
        long.push(0);
        let e = ServerId::decode_exact(&long, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "trailing-bytes");
    }

    #[test]
    fn server_id_client_defined_and_bad_ours() {
        let b = [0x00, 0xAA, 0xBB];
        let s = ServerId::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert_eq!(s, ServerId::ClientDefined(Cow::Borrowed(&[0xAA, 0xBB][..])));
        assert_eq!(s.to_bytes().unwrap(), b);
        assert!(ServerId::decode(&[]).is_err());

        let e = ServerId::decode(&[0x02, 0, 0]).unwrap_err();
        assert_eq!(e.offset(), 0);
        assert_eq!(e.path_string(), "Ours");
        assert_eq!(e.kind().name(), "invalid-value");
    }

    #[test]
    fn trees() {
        let t = FolderId::new(1, 0x1F).unwrap().to_tree().to_text();
        assert!(t.contains("ReplicaId: 1"), "{t}");
        assert!(t.contains("GlobalCounter: 0x1F"), "{t}");
    }

    #[test]
    fn full_output_buffer_is_an_error() {
        let mut buf = [0u8; 4];
        let mut sink = &mut buf[..];
        assert_eq!(
            FolderId::default().encode(&mut sink),
            Err(EncodeError::out_of_space())
        );
    }
}
