//! [MS-OXCROPS] 2.2.3 Logon ROPs ([MS-OXCSTOR] adds the semantics), one file per group of
//! sections: RopLogon (`logon.rs`: 2.2.3.1), the Receive folders (`receive_folder.rs`: 2.2.3.2
//! to 2.2.3.4), the replicas of public folders (`public_folder.rs`: 2.2.3.6, 2.2.3.7) and the
//! per-user information (`per_user.rs`: 2.2.3.10 to 2.2.3.13). This module holds what they
//! share and the store-wide ROPs: 2.2.3.5 RopGetStoreState, 2.2.3.8 RopLongTermIdFromId and
//! 2.2.3.9 RopIdFromLongTermId.

use crate::data::LongTermId;
use crate::rop::field::{hex32, rop_request, rop_response, InputOnlyRequest};
use crate::tree::Tree;
use crate::wire::wire_struct;
use crate::wire::{AnsiStr, Decode, DecodeError, Encode, ErrorKind, Reader, ResultExt};

mod logon;
mod per_user;
mod public_folder;
mod receive_folder;

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.3.5.2 RopGetStoreState response (failure: 2.2.3.5.3).
    GetStoreStateResponse = GET_STORE_STATE { handle: Input, success: GetStoreStateSuccess }

    /// [MS-OXCROPS] 2.2.3.8.2 RopLongTermIdFromId response (failure: 2.2.3.8.3).
    LongTermIdFromIdResponse = LONG_TERM_ID_FROM_ID { handle: Input, success: LongTermIdFromIdSuccess }

    /// [MS-OXCROPS] 2.2.3.9.2 RopIdFromLongTermId response (failure: 2.2.3.9.3).
    IdFromLongTermIdResponse = ID_FROM_LONG_TERM_ID { handle: Input, success: IdFromLongTermIdSuccess }
}

#[cfg(test)]
mod tests;

pub use logon::*;
pub use per_user::*;
pub use public_folder::*;
pub use receive_folder::*;

/// The tree of an 8-byte field shown in hex.
pub(crate) fn hex64(v: &u64) -> Tree {
    Tree::Named {
        value: *v,
        name: None,
        digits: 16,
    }
}

/// Reads `n` null-terminated 8-bit strings (each at least its terminator), the count having
/// been read at `count_at`; errors name the count `count` and the list `list` (an empty name
/// adds nothing).
pub(crate) fn read_ansi_list<'a>(
    r: &mut Reader<'a>,
    count_at: usize,
    n: u16,
    [count, list]: [&'static str; 2],
) -> Result<Vec<AnsiStr<'a>>, DecodeError> {
    r.check_count(count_at, n.into(), 1).field(count)?;
    let mut v = Vec::with_capacity(n.into());
    for i in 0..usize::from(n) {
        v.push(AnsiStr::decode_from(r).index(i).field(list)?);
    }
    Ok(v)
}

/// Encoded length of a list of null-terminated 8-bit strings.
pub(crate) fn ansi_list_len(v: &[AnsiStr<'_>]) -> usize {
    v.iter().map(Encode::encoded_len).sum()
}

/// The error of a layout that needs what the decoding context does not know (`what`), at the
/// reader's offset.
fn missing(r: &Reader<'_>, what: &'static str) -> DecodeError {
    DecodeError::new(ErrorKind::MissingContext { what }, r.offset())
}

// ---- 2.2.3.5 RopGetStoreState ----

/// [MS-OXCROPS] 2.2.3.5.1 RopGetStoreState request. The fields of [`InputOnlyRequest`]
/// (InputHandleIndex: the Logon object).
pub type GetStoreStateRequest = InputOnlyRequest;

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.5.2 RopGetStoreState success fields.
    pub struct GetStoreStateSuccess {
        /// StoreState: the mailbox's state flags ([MS-OXCSTOR] 2.2.1.5.2).
        store_state: u32 => "StoreState" as hex32,
    }
}

// ---- 2.2.3.8 RopLongTermIdFromId ----

rop_request! {
    /// [MS-OXCROPS] 2.2.3.8.1 RopLongTermIdFromId request: the long-term ID of a short ID.
    pub struct LongTermIdFromIdRequest {
        /// InputHandleIndex: the Logon object.
        input_handle_index: Input,
        /// ObjectId: a folder or message ID (its PtypInteger64 form).
        object_id: u64 => "ObjectId" as hex64,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.8.2 RopLongTermIdFromId success fields.
    pub struct LongTermIdFromIdSuccess {
        /// LongTermId: the long-term form of ObjectId.
        long_term_id: LongTermId => "LongTermId",
    }
}

// ---- 2.2.3.9 RopIdFromLongTermId ----

rop_request! {
    /// [MS-OXCROPS] 2.2.3.9.1 RopIdFromLongTermId request: the short ID of a long-term ID (the
    /// fields of RopGetPerUserGuid as well).
    pub struct IdFromLongTermIdRequest {
        /// InputHandleIndex: the Logon object.
        input_handle_index: Input,
        /// LongTermId: the long-term ID to convert.
        long_term_id: LongTermId => "LongTermId",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.9.2 RopIdFromLongTermId success fields.
    pub struct IdFromLongTermIdSuccess {
        /// ObjectId: the folder or message ID (its PtypInteger64 form).
        object_id: u64 => "ObjectId" as hex64,
    }
}
