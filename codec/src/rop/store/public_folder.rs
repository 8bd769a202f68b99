//! [MS-OXCROPS] 2.2.3.6 RopGetOwningServers and 2.2.3.7 RopPublicFolderIsGhosted: the
//! servers that hold replicas of a public folder.

use bytes::BufMut;

use crate::data::FolderId;
use crate::rop::field::{hex8, rop_request, rop_response};
use crate::tree::{ToTree, Tree};
use crate::wire::wire_struct;
use crate::wire::{AnsiStr, Decode, DecodeError, Encode, EncodeError, Reader, ResultExt};

// ---- 2.2.3.6 RopGetOwningServers ----

rop_request! {
    /// [MS-OXCROPS] 2.2.3.6.1 RopGetOwningServers request: the servers holding replicas of a
    /// public folder (the fields of RopPublicFolderIsGhosted as well).
    pub struct GetOwningServersRequest {
        /// InputHandleIndex: the Logon object.
        input_handle_index: Input,
        /// FolderId: the public folder (the folder to check, for RopPublicFolderIsGhosted).
        folder_id: FolderId => "FolderId",
    }
}

/// [MS-OXCROPS] 2.2.3.6.2 / 2.2.3.7.2 a list of servers with a replica of a public folder:
/// the count of servers (OwningServersCount, ServersCount), CheapServersCount, then the
/// servers, null-terminated ASCII strings.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct ServerList<'a> {
    /// CheapServersCount: how many of the servers (the first ones) are lowest cost.
    pub cheap_servers_count: u16,
    /// The servers (the count before CheapServersCount is their number).
    pub servers: Vec<AnsiStr<'a>>,
}

/// [MS-OXCROPS] 2.2.3.7.2 the servers of a ghosted folder: ServersCount, CheapServersCount,
/// Servers.
pub type GhostedServers<'a> = ServerList<'a>;

/// The spec's names of the three fields of a list of servers (the count of servers, the
/// count of the cheap ones, the servers), as errors and the tree show them; an empty name adds
/// nothing to an error's path.
pub(crate) type ServerFieldNames = [&'static str; 3];

/// `Decode` and `Encode` of a list of servers ([`ServerList`],
/// [`GhostServers`](crate::rop::folder::GhostServers)), the type `$ty` holding the cheap count
/// at `$cheap`: the count of servers, the count of the cheap ones, then the servers, the count
/// checked against the bytes left at its own offset. Decode errors name the fields `$names`;
/// encode errors name the count `$count`.
macro_rules! server_list_codec {
    ($ty:ident, $cheap:ident, $names:expr, $count:literal) => {
        impl<'a> $crate::wire::Decode<'a> for $ty<'a> {
            fn decode_from(
                r: &mut $crate::wire::Reader<'a>,
            ) -> Result<Self, $crate::wire::DecodeError> {
                use $crate::wire::ResultExt;
                let [count, cheap, list]: $crate::rop::store::ServerFieldNames = $names;
                let at = r.offset();
                let n = r.u16().field(count)?;
                let $cheap = r.u16().field(cheap)?;
                let servers = $crate::rop::store::read_ansi_list(r, at, n, [count, list])?;
                Ok($ty { $cheap, servers })
            }
        }

        impl $crate::wire::Encode for $ty<'_> {
            fn encoded_len(&self) -> usize {
                4 + $crate::rop::store::ansi_list_len(&self.servers)
            }
            fn encode<B: bytes::BufMut>(
                &self,
                out: &mut B,
            ) -> Result<(), $crate::wire::EncodeError> {
                use $crate::wire::Encode;
                let count = $crate::wire::u16_len(self.servers.len(), $count)?;
                Encode::encode(&count, out)?;
                Encode::encode(&self.$cheap, out)?;
                self.servers.iter().try_for_each(|s| Encode::encode(s, out))
            }
        }
    };
}
pub(crate) use server_list_codec;

/// The tree of a list of servers, its fields named by `names`.
pub(crate) fn servers_tree(
    [count, cheap, list]: ServerFieldNames,
    cheap_count: u16,
    servers: &[AnsiStr<'_>],
) -> Tree {
    Tree::record()
        .field(count, Tree::UInt(servers.len() as u64))
        .field(cheap, Tree::UInt(cheap_count.into()))
        .field(
            list,
            Tree::List(servers.iter().map(ToTree::to_tree).collect()),
        )
}

// The enclosing field names the list and its parts.
server_list_codec!(ServerList, cheap_servers_count, ["", "", ""], "count");

impl ServerList<'_> {
    /// The tree, with the spec's names of the count and of the list.
    fn tree(&self, count: &'static str, list: &'static str) -> Tree {
        servers_tree(
            [count, "CheapServersCount", list],
            self.cheap_servers_count,
            &self.servers,
        )
    }
}

/// OwningServersCount, CheapServersCount, OwningServers.
fn owning_servers_tree(v: &ServerList<'_>) -> Tree {
    v.tree("OwningServersCount", "OwningServers")
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.6.2 RopGetOwningServers success fields.
    pub struct GetOwningServersSuccess<'a> {
        /// OwningServersCount, CheapServersCount and OwningServers: the servers with a
        /// replica, the lowest-cost ones first.
        owning_servers: ServerList<'a> => "OwningServers" as owning_servers_tree { flatten },
    }
}

// ---- 2.2.3.7 RopPublicFolderIsGhosted ----

/// [MS-OXCROPS] 2.2.3.7.1 RopPublicFolderIsGhosted request: the fields of
/// RopGetOwningServers, with the folder to check at FolderId.
pub type PublicFolderIsGhostedRequest = GetOwningServersRequest;

/// [MS-OXCROPS] 2.2.3.7.2 RopPublicFolderIsGhosted success fields: IsGhosted, then (only when
/// IsGhosted is nonzero, [MS-OXCSTOR] 2.2.1.7.2) ServersCount, CheapServersCount and Servers.
///
/// Written by hand: the servers are present when IsGhosted is nonzero and the tree shows
/// their fields in place.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct PublicFolderIsGhostedSuccess<'a> {
    /// IsGhosted: a Boolean; any nonzero value is TRUE (the byte is kept as sent).
    pub is_ghosted: u8,
    /// The servers, present exactly when IsGhosted is nonzero.
    pub ghosted: Option<GhostedServers<'a>>,
}

impl<'a> Decode<'a> for PublicFolderIsGhostedSuccess<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let is_ghosted = r.u8().field("IsGhosted")?;
        let ghosted = if is_ghosted != 0 {
            Some(ServerList::decode_from(r).field("Servers")?)
        } else {
            None
        };
        Ok(PublicFolderIsGhostedSuccess {
            is_ghosted,
            ghosted,
        })
    }
}

impl Encode for PublicFolderIsGhostedSuccess<'_> {
    fn encoded_len(&self) -> usize {
        1 + self.ghosted.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if (self.is_ghosted != 0) != self.ghosted.is_some() {
            return Err(EncodeError::invalid(
                "RopPublicFolderIsGhosted servers are present exactly when IsGhosted is nonzero",
            ));
        }
        self.is_ghosted.encode(out)?;
        self.ghosted.encode(out)
    }
}

impl ToTree for PublicFolderIsGhostedSuccess<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field("IsGhosted", hex8(&self.is_ghosted));
        match &self.ghosted {
            Some(g) => t.splice(g.tree("ServersCount", "Servers")),
            None => t,
        }
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.3.6.2 RopGetOwningServers response (failure: 2.2.3.6.3).
    GetOwningServersResponse<'a> = GET_OWNING_SERVERS { handle: Input, success: GetOwningServersSuccess<'a> }

    /// [MS-OXCROPS] 2.2.3.7.2 RopPublicFolderIsGhosted response (failure: 2.2.3.7.3).
    PublicFolderIsGhostedResponse<'a> = PUBLIC_FOLDER_IS_GHOSTED { handle: Input, success: PublicFolderIsGhostedSuccess<'a> }
}

crate::wire::owned_impl!(struct ServerList { cheap_servers_count, servers });
crate::wire::owned_impl!(struct PublicFolderIsGhostedSuccess { is_ghosted, ghosted });
