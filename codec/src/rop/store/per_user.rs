//! [MS-OXCROPS] 2.2.3.10 RopGetPerUserLongTermIds, 2.2.3.11 RopGetPerUserGuid, 2.2.3.12
//! RopReadPerUserInformation and 2.2.3.13 RopWritePerUserInformation: the per-user
//! read/unread information of public folders.

use crate::wire::Bool8;
use bytes::BufMut;

use super::{missing, IdFromLongTermIdRequest};
use crate::data::LongTermId;
use crate::rop::context::{RequestCtx, LOGON_FLAG_PRIVATE};
use crate::rop::field::{
    hex8, rop_request, rop_response, Bytes16, HandleIndexes, HandleRole, List16, RequestFields,
};
use crate::tree::{ToTree, Tree};
use crate::wire::wire_struct;
use crate::wire::{Decode, DecodeError, DecodeWith, Encode, EncodeError, Guid, Reader, ResultExt};

// ---- 2.2.3.10 RopGetPerUserLongTermIds ----

rop_request! {
    /// [MS-OXCROPS] 2.2.3.10.1 RopGetPerUserLongTermIds request: the public folders with
    /// per-user information from one database.
    pub struct GetPerUserLongTermIdsRequest {
        /// InputHandleIndex: the Logon object.
        input_handle_index: Input,
        /// DatabaseGuid: the public folder database.
        database_guid: Guid => "DatabaseGuid",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.10.2 RopGetPerUserLongTermIds success fields.
    pub struct GetPerUserLongTermIdsSuccess {
        /// LongTermIds (LongTermIdCount is their number).
        long_term_ids: List16<LongTermId> => "LongTermIds",
    }
}

// ---- 2.2.3.11 RopGetPerUserGuid ----

/// [MS-OXCROPS] 2.2.3.11.1 RopGetPerUserGuid request: the database that provided a public
/// folder's cached per-user information; the fields of RopIdFromLongTermId, with the public
/// folder's ID at LongTermId.
pub type GetPerUserGuidRequest = IdFromLongTermIdRequest;

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.11.2 RopGetPerUserGuid success fields.
    pub struct GetPerUserGuidSuccess {
        /// DatabaseGuid: the database.
        database_guid: Guid => "DatabaseGuid",
    }
}

// ---- 2.2.3.12 RopReadPerUserInformation ----

rop_request! {
    /// [MS-OXCROPS] 2.2.3.12.1 RopReadPerUserInformation request: reads a folder's per-user
    /// read/unread information.
    pub struct ReadPerUserInformationRequest {
        /// InputHandleIndex: the Logon object.
        input_handle_index: Input,
        /// FolderId: the folder (a LongTermID).
        folder_id: LongTermId => "FolderId",
        /// Reserved.
        reserved: u8 => "Reserved" as hex8,
        /// DataOffset: where in the per-user information to start reading.
        data_offset: u32 => "DataOffset",
        /// MaxDataSize: the most bytes to return.
        max_data_size: u16 => "MaxDataSize",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.12.2 RopReadPerUserInformation success fields.
    pub struct ReadPerUserInformationSuccess<'a> {
        /// HasFinished: whether this is the end of the per-user information.
        has_finished: Bool8 => "HasFinished",
        /// Data (DataSize is its size).
        data: Bytes16<'a> => "Data",
    }
}

// ---- 2.2.3.13 RopWritePerUserInformation ----

/// [MS-OXCROPS] 2.2.3.13.1 RopWritePerUserInformation request: writes a folder's per-user
/// information. ReplGuid is present only when DataOffset is 0 and the logon was made with
/// the Private flag (a private mailbox logon), so decoding a request with DataOffset 0 needs
/// the logon's flags ([`RequestCtx::logon_flags`]).
///
/// Written by hand: whether ReplGuid is there follows a field (DataOffset, which the encoder
/// checks) and the decoding context together.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct WritePerUserInformationRequest<'a> {
    /// LogonId.
    pub logon_id: u8,
    /// InputHandleIndex: the Logon object.
    pub input_handle_index: u8,
    /// FolderId: the folder (a LongTermID).
    pub folder_id: LongTermId,
    /// HasFinished: whether this write ends the per-user information.
    pub has_finished: Bool8,
    /// DataOffset: where in the per-user information to start writing.
    pub data_offset: u32,
    /// Data (DataSize is its size).
    pub data: Bytes16<'a>,
    /// ReplGuid: present when DataOffset is 0 on a private mailbox logon.
    pub repl_guid: Option<Guid>,
}

impl<'a> DecodeWith<'a, RequestCtx> for WritePerUserInformationRequest<'a> {
    fn decode_with_from(r: &mut Reader<'a>, ctx: RequestCtx) -> Result<Self, DecodeError> {
        let logon_id = r.u8().field("LogonId")?;
        let input_handle_index = r.u8().field("InputHandleIndex")?;
        let folder_id = LongTermId::decode_from(r).field("FolderId")?;
        let has_finished = Bool8::decode_from(r).field("HasFinished")?;
        let data_offset = r.u32().field("DataOffset")?;
        let data = Bytes16::decode_from(r).field("Data")?;
        let repl_guid = if data_offset != 0 {
            None
        } else {
            match ctx.logon_flags() {
                None => {
                    return Err(missing(
                        r,
                        "the LogonFlags of the logon (RopWritePerUserInformation ReplGuid)",
                    ))
                }
                Some(f) if f & LOGON_FLAG_PRIVATE != 0 => {
                    Some(Guid::decode_from(r).field("ReplGuid")?)
                }
                Some(_) => None,
            }
        };
        Ok(WritePerUserInformationRequest {
            logon_id,
            input_handle_index,
            folder_id,
            has_finished,
            data_offset,
            data,
            repl_guid,
        })
    }
}

impl Encode for WritePerUserInformationRequest<'_> {
    fn encoded_len(&self) -> usize {
        2 + 24 + 1 + 4 + self.data.encoded_len() + self.repl_guid.map_or(0, |_| 16)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if self.repl_guid.is_some() && self.data_offset != 0 {
            return Err(EncodeError::invalid(
                "RopWritePerUserInformation ReplGuid is present only when DataOffset is 0",
            ));
        }
        self.logon_id.encode(out)?;
        self.input_handle_index.encode(out)?;
        self.folder_id.encode(out)?;
        self.has_finished.encode(out)?;
        self.data_offset.encode(out)?;
        self.data.encode(out)?;
        if let Some(g) = &self.repl_guid {
            g.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for WritePerUserInformationRequest<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record()
            .field("LogonId", Tree::UInt(self.logon_id.into()))
            .field(
                "InputHandleIndex",
                Tree::UInt(self.input_handle_index.into()),
            )
            .field("FolderId", self.folder_id.to_tree())
            .field("HasFinished", self.has_finished.to_tree())
            .field("DataOffset", Tree::UInt(self.data_offset.into()))
            .field("DataSize", Tree::UInt(self.data.0.len() as u64))
            .field("Data", self.data.to_tree());
        match &self.repl_guid {
            Some(g) => t.field("ReplGuid", g.to_tree()),
            None => t,
        }
    }
}

impl RequestFields for WritePerUserInformationRequest<'_> {
    fn logon_id(&self) -> u8 {
        self.logon_id
    }
    fn handle_indexes(&self) -> HandleIndexes {
        HandleIndexes::new(&[(HandleRole::Input, self.input_handle_index)])
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.3.10.2 RopGetPerUserLongTermIds response (failure: 2.2.3.10.3).
    GetPerUserLongTermIdsResponse = GET_PER_USER_LONG_TERM_IDS { handle: Input, success: GetPerUserLongTermIdsSuccess }

    /// [MS-OXCROPS] 2.2.3.11.2 RopGetPerUserGuid response (failure: 2.2.3.11.3).
    GetPerUserGuidResponse = GET_PER_USER_GUID { handle: Input, success: GetPerUserGuidSuccess }

    /// [MS-OXCROPS] 2.2.3.12.2 RopReadPerUserInformation response (failure: 2.2.3.12.3).
    ReadPerUserInformationResponse<'a> = READ_PER_USER_INFORMATION { handle: Input, success: ReadPerUserInformationSuccess<'a> }

    /// [MS-OXCROPS] 2.2.3.13.2 RopWritePerUserInformation response (no fields after
    /// ReturnValue).
    WritePerUserInformationResponse = WRITE_PER_USER_INFORMATION { handle: Input }
}

crate::wire::owned_impl!(struct WritePerUserInformationRequest {
    logon_id,
    input_handle_index,
    folder_id,
    has_finished,
    data_offset,
    data,
    repl_guid,
});
