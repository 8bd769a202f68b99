//! [MS-OXCROPS] 2.2.4 Folder ROPs ([MS-OXCFOLD] adds the semantics).
//!
//! Most bodies are `wire_struct!` field lists: the folder names of
//! RopCreateFolder, RopMoveFolder and RopCopyFolder are UTF-16 or 8-bit as a flag of the
//! request says ([`FolderString`], read with that flag); RestrictionData is present only when
//! RestrictionDataSize is not 0 ([`RestrictionData`]); the failure response of
//! RopMoveCopyMessages, RopMoveFolder and RopCopyFolder carries a DestHandleIndex only when
//! ReturnValue is 0x00000503 ([`MoveCopyFailure`]).
//!
//! Three are written by hand: the server list of RopOpenFolder and RopCreateFolder
//! ([`GhostServers`]: ServerCount is separated from its list by CheapServerCount), and the
//! fields that follow IsGhosted and IsExistingFolder ([`FolderInfo`], [`CreateFolderSuccess`]):
//! the tree and the error paths show them in place, as fields of the response.

use bytes::BufMut;

use super::context::ResponseCtx;
use super::field::{hex32, hex8, rop_response, List16, NoFields};
use super::table::{restriction_fields_if_any, RestrictionData};
use crate::data::{FolderId, MessageId};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    u16_len, wire_struct, AnsiStr, Decode, DecodeError, DecodeWith, Encode, EncodeError,
    EncodeWith, Reader, ResultExt, Utf16Str,
};

pub use super::field::NULL_DESTINATION_OBJECT;

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

/// A null-terminated string whose encoding a flag before it selects: UTF-16LE when the flag
/// is set, 8-bit (multibyte, in the logon's code page) otherwise. The folder names and
/// comments of RopCreateFolder (UseUnicodeStrings), RopMoveFolder and RopCopyFolder
/// (UseUnicode), and the MessageClass of a NewMail notification (UnicodeFlag,
/// [MS-OXCNOTIF] 2.2.1.4.1.2).
///
/// It decodes with the flag ([`DecodeWith<bool>`]) and encodes with it
/// ([`EncodeWith<bool>`]), refusing a string whose form the flag does not announce.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum FolderString<'a> {
    /// UTF-16LE with a 2-byte terminator (the flag is nonzero).
    Unicode(Utf16Str<'a>),
    /// 8-bit characters with a 1-byte terminator (the flag is zero).
    Multibyte(AnsiStr<'a>),
}

impl FolderString<'_> {
    /// Whether this is the UTF-16 form.
    pub fn is_unicode(&self) -> bool {
        matches!(self, FolderString::Unicode(_))
    }
}

impl<'a> DecodeWith<'a, bool> for FolderString<'a> {
    /// Reads the form `unicode` selects.
    #[inline]
    fn decode_with_from(r: &mut Reader<'a>, unicode: bool) -> Result<Self, DecodeError> {
        Ok(if unicode {
            FolderString::Unicode(Utf16Str::decode_from(r)?)
        } else {
            FolderString::Multibyte(AnsiStr::decode_from(r)?)
        })
    }
}

impl Encode for FolderString<'_> {
    fn encoded_len(&self) -> usize {
        match self {
            FolderString::Unicode(s) => s.encoded_len(),
            FolderString::Multibyte(s) => s.encoded_len(),
        }
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        match self {
            FolderString::Unicode(s) => s.encode(out),
            FolderString::Multibyte(s) => s.encode(out),
        }
    }
}

impl EncodeWith<bool> for FolderString<'_> {
    fn encoded_len_with(&self, _unicode: bool) -> usize {
        self.encoded_len()
    }
    /// Writes the string; its form must be the one `unicode` announces, or the bytes would
    /// not decode back.
    fn encode_with<B: BufMut>(&self, unicode: bool, out: &mut B) -> Result<(), EncodeError> {
        if self.is_unicode() != unicode {
            return Err(EncodeError::invalid(
                "a string's form (UTF-16 or 8-bit) differs from the flag that announces it",
            ));
        }
        self.encode(out)
    }
}

impl ToTree for FolderString<'_> {
    fn to_tree(&self) -> Tree {
        match self {
            FolderString::Unicode(s) => s.to_tree(),
            FolderString::Multibyte(s) => s.to_tree(),
        }
    }
}

/// Reads a Boolean flag named `flag`, then `T` exactly when the flag is set.
fn read_flagged<'a, T: Decode<'a>>(
    r: &mut Reader<'a>,
    flag: &'static str,
) -> Result<Option<T>, DecodeError> {
    if bool::decode_from(r).field(flag)? {
        T::decode_from(r).map(Some)
    } else {
        Ok(None)
    }
}

/// Writes the flag (whether `v` is present), then `v`.
fn put_flagged<T: Encode, B: BufMut>(v: &Option<T>, out: &mut B) -> Result<(), EncodeError> {
    v.is_some().encode(out)?;
    v.encode(out)
}

/// Adds the flag named `flag` to the tree `t`, then the fields of `v` when it is present.
fn flagged_tree<T: ToTree>(t: Tree, flag: &'static str, v: &Option<T>) -> Tree {
    let t = t.field(flag, Tree::Bool(v.is_some()));
    match v {
        Some(v) => t.splice(v.to_tree()),
        None => t,
    }
}

/// ServerCount, CheapServerCount and Servers of RopOpenFolder and RopCreateFolder
/// ([MS-OXCROPS] 2.2.4.1.2, 2.2.4.2.2), present only when IsGhosted is set: the servers that
/// host a replica of a ghosted public folder.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct GhostServers<'a> {
    /// CheapServerCount: how many servers at the front of the list have the same lowest
    /// cost ([MS-OXCFOLD] 2.2.1.1.2: at most ServerCount; kept as sent).
    pub cheap_server_count: u16,
    /// Servers: null-terminated ASCII strings (ServerCount is their number).
    pub servers: Vec<AnsiStr<'a>>,
}

impl<'a> Decode<'a> for GhostServers<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let n = r.u16().field("ServerCount")?;
        let cheap_server_count = r.u16().field("CheapServerCount")?;
        // Each string is at least its terminator.
        r.check_count(at, n.into(), 1).field("ServerCount")?;
        let mut servers = Vec::with_capacity(n.into());
        for i in 0..usize::from(n) {
            servers.push(AnsiStr::decode_from(r).index(i).field("Servers")?);
        }
        Ok(GhostServers {
            cheap_server_count,
            servers,
        })
    }
}

impl Encode for GhostServers<'_> {
    fn encoded_len(&self) -> usize {
        4 + self.servers.iter().map(Encode::encoded_len).sum::<usize>()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u16_len(self.servers.len(), "ServerCount")?.encode(out)?;
        self.cheap_server_count.encode(out)?;
        for s in &self.servers {
            s.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for GhostServers<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("ServerCount", Tree::UInt(self.servers.len() as u64))
            .field(
                "CheapServerCount",
                Tree::UInt(self.cheap_server_count.into()),
            )
            .field("Servers", self.servers.to_tree())
    }
}

/// HasRules, IsGhosted and, when IsGhosted is set, the replica servers: the success fields of
/// RopOpenFolder ([MS-OXCROPS] 2.2.4.1.2), and the fields RopCreateFolder adds when it opened
/// an existing folder ([MS-OXCROPS] 2.2.4.2.2).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct FolderInfo<'a> {
    /// HasRules: the folder has rules ([MS-OXORULE]).
    pub has_rules: bool,
    /// ServerCount, CheapServerCount and Servers; `Some` exactly when IsGhosted is set (the
    /// server does not host an active replica of this public folder).
    pub ghost: Option<GhostServers<'a>>,
}

impl<'a> Decode<'a> for FolderInfo<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let has_rules = bool::decode_from(r).field("HasRules")?;
        let ghost = read_flagged(r, "IsGhosted")?;
        Ok(FolderInfo { has_rules, ghost })
    }
}

impl Encode for FolderInfo<'_> {
    fn encoded_len(&self) -> usize {
        2 + self.ghost.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.has_rules.encode(out)?;
        put_flagged(&self.ghost, out)
    }
}

impl ToTree for FolderInfo<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field("HasRules", Tree::Bool(self.has_rules));
        flagged_tree(t, "IsGhosted", &self.ghost)
    }
}

wire_struct! {
    /// PartialCompletion, the only field after ReturnValue of the responses of RopDeleteFolder,
    /// RopEmptyFolder, RopHardDeleteMessagesAndSubfolders, RopDeleteMessages and
    /// RopHardDeleteMessages (for every ReturnValue), and of the success responses of
    /// RopMoveCopyMessages, RopMoveFolder and RopCopyFolder.
    pub struct PartialCompletion {
        /// PartialCompletion: the operation failed for some of its targets.
        partial_completion: bool => "PartialCompletion",
    }
}

wire_struct! {
    /// The response of RopMoveCopyMessages, RopMoveFolder or RopCopyFolder when ReturnValue is
    /// not 0: PartialCompletion, preceded by DestHandleIndex when ReturnValue is 0x00000503
    /// (the "Null Destination Failure Response Buffer", [MS-OXCROPS] 2.2.4.6.3, 2.2.4.7.3,
    /// 2.2.4.8.3). Keep `dest_handle_index` `Some` exactly when ReturnValue is 0x00000503: the
    /// response encoder checks it.
    #[derive(Copy, Eq, Hash, Default)]
    pub struct MoveCopyFailure in ctx: ResponseCtx<'c> {
        /// DestHandleIndex (4 bytes): the DestHandleIndex of the request, sent back when the
        /// destination object does not exist.
        dest_handle_index: Option<u32> => "DestHandleIndex" {
            if(ctx) ctx.return_value() == NULL_DESTINATION_OBJECT
        },
        /// PartialCompletion: the operation failed for some of its targets.
        partial_completion: bool => "PartialCompletion",
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.1 RopOpenFolder
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.1.1 RopOpenFolder request: opens an existing folder.
    pub struct OpenFolderRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: a Logon object or a Folder object.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the opened Folder object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// FolderId: the folder to open.
        folder_id: FolderId => "FolderId",
        /// OpenModeFlags ([MS-OXCFOLD] 2.2.1.1.1): 0x04 OpenSoftDeleted.
        open_mode_flags: u8 => "OpenModeFlags" as hex8,
    }
    handles {
        Input: input_handle_index,
        Output: output_handle_index,
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.1.2 RopOpenFolder response (failure: 2.2.4.1.3).
    pub struct OpenFolderResponse<'a> {
        id: OPEN_FOLDER,
        handle: Output,
        success: FolderInfo<'a>,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.2 RopCreateFolder
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.2.1 RopCreateFolder request: creates a folder (or opens it when it
    /// exists and OpenExisting is set).
    #[derive(Eq, Hash)]
    pub struct CreateFolderRequest<'a> {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the parent Folder object.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the new Folder object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// FolderType ([MS-OXCFOLD] 2.2.1.2.1): 0x01 generic folder, 0x02 search folder.
        folder_type: u8 => "FolderType" as hex8,
        /// UseUnicodeStrings: DisplayName and Comment are UTF-16 (true) or 8-bit (false).
        use_unicode_strings: bool => "UseUnicodeStrings",
        /// OpenExisting: open the folder if one of that name exists instead of failing.
        open_existing: bool => "OpenExisting",
        /// Reserved: MUST be 0x00 (kept as sent).
        reserved: u8 => "Reserved" as hex8,
        /// DisplayName: the new folder's name, in the form UseUnicodeStrings selects.
        display_name: FolderString<'a> => "DisplayName" {
            with(use_unicode_strings) use_unicode_strings
        },
        /// Comment: the new folder's comment, in the same form.
        comment: FolderString<'a> => "Comment" { with(use_unicode_strings) use_unicode_strings },
    }
    handles {
        Input: input_handle_index,
        Output: output_handle_index,
    }
}

/// [MS-OXCROPS] 2.2.4.2.2 RopCreateFolder success fields: FolderId, IsExistingFolder, and,
/// when IsExistingFolder is set, HasRules, IsGhosted and the replica servers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct CreateFolderSuccess<'a> {
    /// FolderId: the folder created or opened.
    pub folder_id: FolderId,
    /// HasRules, IsGhosted and the servers; `Some` exactly when IsExistingFolder is set (a
    /// public folder of that name already existed and was opened).
    pub existing: Option<FolderInfo<'a>>,
}

impl<'a> Decode<'a> for CreateFolderSuccess<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let folder_id = FolderId::decode_from(r).field("FolderId")?;
        let existing = read_flagged(r, "IsExistingFolder")?;
        Ok(CreateFolderSuccess {
            folder_id,
            existing,
        })
    }
}

impl Encode for CreateFolderSuccess<'_> {
    fn encoded_len(&self) -> usize {
        9 + self.existing.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.folder_id.encode(out)?;
        put_flagged(&self.existing, out)
    }
}

impl ToTree for CreateFolderSuccess<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field("FolderId", self.folder_id.to_tree());
        flagged_tree(t, "IsExistingFolder", &self.existing)
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.2.2 RopCreateFolder response (failure: 2.2.4.2.3).
    pub struct CreateFolderResponse<'a> {
        id: CREATE_FOLDER,
        handle: Output,
        success: CreateFolderSuccess<'a>,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.3 RopDeleteFolder
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.3.1 RopDeleteFolder request: deletes a subfolder.
    pub struct DeleteFolderRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the parent Folder object.
        input_handle_index: u8 => "InputHandleIndex",
        /// DeleteFolderFlags ([MS-OXCFOLD] 2.2.1.3.1): 0x01 DEL_MESSAGES, 0x04 DEL_FOLDERS,
        /// 0x10 DELETE_HARD_DELETE.
        delete_folder_flags: u8 => "DeleteFolderFlags" as hex8,
        /// FolderId: the folder to delete.
        folder_id: FolderId => "FolderId",
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.3.2 RopDeleteFolder response: one layout, PartialCompletion after
    /// every ReturnValue.
    pub struct DeleteFolderResponse {
        id: DELETE_FOLDER,
        handle: Input,
        success: PartialCompletion,
        failure: PartialCompletion,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.4 RopSetSearchCriteria
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.4.1 RopSetSearchCriteria request: sets the restriction and the
    /// folders of a search folder.
    pub struct SetSearchCriteriaRequest<'a> {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the search Folder object.
        input_handle_index: u8 => "InputHandleIndex",
        /// RestrictionDataSize and RestrictionData: `None` when the size is 0, which reuses
        /// the last criteria ([MS-OXCFOLD] 2.2.1.4.1).
        restriction: RestrictionData<'a> => "RestrictionData" as restriction_fields_if_any {
            flatten
        },
        /// FolderIds (FolderIdCount is their number; 0 reuses the last folders).
        folder_ids: List16<FolderId> => "FolderIds",
        /// SearchFlags ([MS-OXCFOLD] 2.2.1.4.1): 0x01 STOP_SEARCH, 0x02 RESTART_SEARCH,
        /// 0x04 RECURSIVE_SEARCH, 0x08 SHALLOW_SEARCH, 0x10000 CONTENT_INDEXED_SEARCH,
        /// 0x20000 NON_CONTENT_INDEXED_SEARCH, 0x40000 STATIC_SEARCH.
        search_flags: u32 => "SearchFlags" as hex32,
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.4.2 RopSetSearchCriteria response: nothing after ReturnValue.
    pub struct SetSearchCriteriaResponse {
        id: SET_SEARCH_CRITERIA,
        handle: Input,
        success: NoFields,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.5 RopGetSearchCriteria
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.5.1 RopGetSearchCriteria request.
    pub struct GetSearchCriteriaRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the search Folder object.
        input_handle_index: u8 => "InputHandleIndex",
        /// UseUnicode: string values in the returned restriction are to be Unicode.
        use_unicode: bool => "UseUnicode",
        /// IncludeRestriction: return the restriction (else RestrictionDataSize is 0).
        include_restriction: bool => "IncludeRestriction",
        /// IncludeFolders: return the searched folders (else FolderIdCount is 0).
        include_folders: bool => "IncludeFolders",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.5.2 RopGetSearchCriteria success fields.
    pub struct GetSearchCriteriaSuccess<'a> {
        /// RestrictionDataSize and RestrictionData: `None` when the size is 0.
        restriction: RestrictionData<'a> => "RestrictionData" as restriction_fields_if_any {
            flatten
        },
        /// LogonId: the LogonId of the request.
        logon_id: u8 => "LogonId",
        /// FolderIds (FolderIdCount is their number).
        folder_ids: List16<FolderId> => "FolderIds",
        /// SearchFlags: the state of the search ([MS-OXCFOLD] 2.2.1.5.2 lists the bits, from
        /// 0x00000001 SEARCH_RUNNING and 0x00000002 SEARCH_REBUILD on).
        search_flags: u32 => "SearchFlags" as hex32,
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.5.2 RopGetSearchCriteria response (failure: 2.2.4.5.3).
    pub struct GetSearchCriteriaResponse<'a> {
        id: GET_SEARCH_CRITERIA,
        handle: Input,
        success: GetSearchCriteriaSuccess<'a>,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.6 RopMoveCopyMessages
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.6.1 RopMoveCopyMessages request: moves or copies messages to
    /// another folder.
    pub struct MoveCopyMessagesRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// SourceHandleIndex: the source Folder object.
        source_handle_index: u8 => "SourceHandleIndex",
        /// DestHandleIndex: the destination Folder object.
        dest_handle_index: u8 => "DestHandleIndex",
        /// MessageIds (MessageIdCount is their number).
        message_ids: List16<MessageId> => "MessageIds",
        /// WantAsynchronous: report progress with RopProgress.
        want_asynchronous: bool => "WantAsynchronous",
        /// WantCopy: copy (true) or move (false).
        want_copy: bool => "WantCopy",
    }
    handles {
        Source: source_handle_index,
        Dest: dest_handle_index,
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.6.2 RopMoveCopyMessages response (PartialCompletion for every
    /// ReturnValue but 0x00000503; that one is the null destination failure, 2.2.4.6.3).
    pub struct MoveCopyMessagesResponse {
        id: MOVE_COPY_MESSAGES,
        handle: Source,
        success: PartialCompletion,
        failure: MoveCopyFailure,
        failure_field: dest_handle_index when NULL_DESTINATION_OBJECT
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.7 RopMoveFolder and 2.2.4.8 RopCopyFolder
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.7.1 RopMoveFolder request: moves a folder to another parent.
    #[derive(Eq, Hash)]
    pub struct MoveFolderRequest<'a> {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// SourceHandleIndex: the current parent Folder object.
        source_handle_index: u8 => "SourceHandleIndex",
        /// DestHandleIndex: the new parent Folder object.
        dest_handle_index: u8 => "DestHandleIndex",
        /// WantAsynchronous: report progress with RopProgress.
        want_asynchronous: bool => "WantAsynchronous",
        /// UseUnicode: NewFolderName is UTF-16 (true) or 8-bit (false).
        use_unicode: bool => "UseUnicode",
        /// FolderId: the folder to move.
        folder_id: FolderId => "FolderId",
        /// NewFolderName: the folder's name in its new place, in the form UseUnicode selects.
        new_folder_name: FolderString<'a> => "NewFolderName" { with(use_unicode) use_unicode },
    }
    handles {
        Source: source_handle_index,
        Dest: dest_handle_index,
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.7.2 RopMoveFolder response (null destination failure: 2.2.4.7.3).
    pub struct MoveFolderResponse {
        id: MOVE_FOLDER,
        handle: Source,
        success: PartialCompletion,
        failure: MoveCopyFailure,
        failure_field: dest_handle_index when NULL_DESTINATION_OBJECT
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.8.1 RopCopyFolder request: copies a folder under another parent.
    #[derive(Eq, Hash)]
    pub struct CopyFolderRequest<'a> {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// SourceHandleIndex: the parent Folder object of the folder to copy.
        source_handle_index: u8 => "SourceHandleIndex",
        /// DestHandleIndex: the destination parent Folder object.
        dest_handle_index: u8 => "DestHandleIndex",
        /// WantAsynchronous: report progress with RopProgress.
        want_asynchronous: bool => "WantAsynchronous",
        /// WantRecursive: copy the subfolders too.
        want_recursive: bool => "WantRecursive",
        /// UseUnicode: NewFolderName is UTF-16 (true) or 8-bit (false).
        use_unicode: bool => "UseUnicode",
        /// FolderId: the folder to copy.
        folder_id: FolderId => "FolderId",
        /// NewFolderName: the copy's name, in the form UseUnicode selects.
        new_folder_name: FolderString<'a> => "NewFolderName" { with(use_unicode) use_unicode },
    }
    handles {
        Source: source_handle_index,
        Dest: dest_handle_index,
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.8.2 RopCopyFolder response (null destination failure: 2.2.4.8.3).
    pub struct CopyFolderResponse {
        id: COPY_FOLDER,
        handle: Source,
        success: PartialCompletion,
        failure: MoveCopyFailure,
        failure_field: dest_handle_index when NULL_DESTINATION_OBJECT
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.9 RopEmptyFolder and 2.2.4.10 RopHardDeleteMessagesAndSubfolders
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.9.1 RopEmptyFolder request: soft-deletes the messages and
    /// subfolders of a folder.
    pub struct EmptyFolderRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Folder object to empty.
        input_handle_index: u8 => "InputHandleIndex",
        /// WantAsynchronous: report progress with RopProgress.
        want_asynchronous: bool => "WantAsynchronous",
        /// WantDeleteAssociated: delete the folder associated information (FAI) messages too.
        want_delete_associated: bool => "WantDeleteAssociated",
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.9.2 RopEmptyFolder response: PartialCompletion after every
    /// ReturnValue.
    pub struct EmptyFolderResponse {
        id: EMPTY_FOLDER,
        handle: Input,
        success: PartialCompletion,
        failure: PartialCompletion,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.10.1 RopHardDeleteMessagesAndSubfolders request: hard-deletes the
    /// messages and subfolders of a folder.
    pub struct HardDeleteMessagesAndSubfoldersRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Folder object to empty.
        input_handle_index: u8 => "InputHandleIndex",
        /// WantAsynchronous: report progress with RopProgress.
        want_asynchronous: bool => "WantAsynchronous",
        /// WantDeleteAssociated: delete the FAI messages too.
        want_delete_associated: bool => "WantDeleteAssociated",
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.10.2 RopHardDeleteMessagesAndSubfolders response: PartialCompletion
    /// after every ReturnValue.
    pub struct HardDeleteMessagesAndSubfoldersResponse {
        id: HARD_DELETE_MESSAGES_AND_SUBFOLDERS,
        handle: Input,
        success: PartialCompletion,
        failure: PartialCompletion,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.11 RopDeleteMessages and 2.2.4.12 RopHardDeleteMessages
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.11.1 RopDeleteMessages request: soft-deletes messages of a folder.
    pub struct DeleteMessagesRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Folder object holding the messages.
        input_handle_index: u8 => "InputHandleIndex",
        /// WantAsynchronous: report progress with RopProgress.
        want_asynchronous: bool => "WantAsynchronous",
        /// NotifyNonRead: send non-read receipts for unread messages that asked for them.
        notify_non_read: bool => "NotifyNonRead",
        /// MessageIds (MessageIdCount is their number).
        message_ids: List16<MessageId> => "MessageIds",
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.11.2 RopDeleteMessages response: PartialCompletion after every
    /// ReturnValue.
    pub struct DeleteMessagesResponse {
        id: DELETE_MESSAGES,
        handle: Input,
        success: PartialCompletion,
        failure: PartialCompletion,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.12.1 RopHardDeleteMessages request: hard-deletes messages of a
    /// folder.
    pub struct HardDeleteMessagesRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Folder object holding the messages.
        input_handle_index: u8 => "InputHandleIndex",
        /// WantAsynchronous: report progress with RopProgress.
        want_asynchronous: bool => "WantAsynchronous",
        /// NotifyNonRead: send non-read receipts for unread messages that asked for them.
        notify_non_read: bool => "NotifyNonRead",
        /// MessageIds (MessageIdCount is their number).
        message_ids: List16<MessageId> => "MessageIds",
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.12.2 RopHardDeleteMessages response: PartialCompletion after every
    /// ReturnValue.
    pub struct HardDeleteMessagesResponse {
        id: HARD_DELETE_MESSAGES,
        handle: Input,
        success: PartialCompletion,
        failure: PartialCompletion,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.13 RopGetHierarchyTable and 2.2.4.14 RopGetContentsTable
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.13.1 RopGetHierarchyTable request: opens the table of a folder's
    /// subfolders.
    pub struct GetHierarchyTableRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Folder object.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the Table object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// TableFlags ([MS-OXCFOLD] 2.2.1.13.1): 0x04 Depth, 0x08 DeferredErrors,
        /// 0x10 NoNotifications, 0x20 SoftDeletes, 0x40 UseUnicode, 0x80 SuppressNotifications.
        table_flags: u8 => "TableFlags" as hex8,
    }
    handles {
        Input: input_handle_index,
        Output: output_handle_index,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.13.2 / 2.2.4.14.2 success fields of RopGetHierarchyTable and
    /// RopGetContentsTable.
    pub struct TableRowCount {
        /// RowCount: the number of rows in the table.
        row_count: u32 => "RowCount",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.13.2 RopGetHierarchyTable response (failure: 2.2.4.13.3).
    pub struct GetHierarchyTableResponse {
        id: GET_HIERARCHY_TABLE,
        handle: Output,
        success: TableRowCount,
        failure: NoFields,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.14.1 RopGetContentsTable request: opens the table of a folder's
    /// messages.
    pub struct GetContentsTableRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Folder object.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the Table object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// TableFlags ([MS-OXCFOLD] 2.2.1.14.1): 0x02 Associated, 0x08 DeferredErrors,
        /// 0x10 NoNotifications, 0x20 SoftDeletes, 0x40 UseUnicode, 0x80 ConversationMembers.
        table_flags: u8 => "TableFlags" as hex8,
    }
    handles {
        Input: input_handle_index,
        Output: output_handle_index,
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.4.14.2 RopGetContentsTable response (failure: 2.2.4.14.3).
    pub struct GetContentsTableResponse {
        id: GET_CONTENTS_TABLE,
        handle: Output,
        success: TableRowCount,
        failure: NoFields,
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::PropTag;
    use crate::rop::field::Outcome;
    #[allow(unused_imports)]
    use crate::rop::RequestCtx;
    use crate::rop::{RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
    #[allow(unused_imports)]
    use crate::wire::DecodeWith;
    use crate::wire::Limits;

    /// A ROP buffer: RopSize, the ROPs, the handle table.
    fn buffer(rops: &[u8], handles: &[u32]) -> Vec<u8> {
        let mut v = u16::try_from(rops.len() + 2)
            .unwrap()
            .to_le_bytes()
            .to_vec();
        v.extend_from_slice(rops);
        for h in handles {
            v.extend_from_slice(&h.to_le_bytes());
        }
        v
    }

    /// Decodes a request and its response, checks both re-encode to their bytes.
    fn exchange<'a>(
        req: &'a [u8],
        resp: &'a [u8],
    ) -> (RopRequestBuffer<'a>, RopResponseBuffer<'a>) {
        let q = RopRequestBuffer::decode_exact(req, Limits::DEFAULT).unwrap();
        assert_eq!(q.to_bytes().unwrap(), req);
        let s = RopResponseBuffer::decode_with_exact(resp, &q, Limits::DEFAULT).unwrap();
        assert!(s.raw.is_none(), "{:?}", s.raw);
        assert_eq!(s.to_bytes().unwrap(), resp);
        (q, s)
    }

    fn fid(counter: u64) -> FolderId {
        FolderId::new(1, counter).unwrap()
    }

    const OPEN_FOLDER_REQ: [u8; 13] = [
        0x02, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00,
    ];

    #[test]
    fn open_folder_not_ghosted() {
        let req = buffer(&OPEN_FOLDER_REQ, &[0x10, 0xFFFF_FFFF]);
        let resp = buffer(&[0x02, 0x01, 0, 0, 0, 0, 0x01, 0x00], &[0x10, 0x20]);
        let (q, s) = exchange(&req, &resp);
        match &q.rops[0] {
            RopRequest::OpenFolder(o) => {
                assert_eq!(o.folder_id, fid(8));
                assert_eq!(q.rops[0].output_handle_index(), Some(1));
            }
            other => panic!("{other:?}"),
        }
        match &s.rops[0] {
            RopResponse::OpenFolder(r) => {
                assert_eq!(
                    r.body,
                    Outcome::Success(FolderInfo {
                        has_rules: true,
                        ghost: None
                    })
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn open_folder_ghosted_lists_servers_and_failure_has_nothing() {
        let req = buffer(&OPEN_FOLDER_REQ, &[0x10, 0xFFFF_FFFF]);
        let mut body = vec![0x02, 0x01, 0, 0, 0, 0, 0x00, 0x01, 0x02, 0x00, 0x01, 0x00];
        body.extend_from_slice(b"/o=a\0/o=b\0");
        let resp = buffer(&body, &[0x10, 0x20]);
        let (_, s) = exchange(&req, &resp);
        let RopResponse::OpenFolder(r) = &s.rops[0] else {
            panic!()
        };
        let Outcome::Success(info) = &r.body else {
            panic!()
        };
        let g = info.ghost.as_ref().unwrap();
        assert_eq!(g.cheap_server_count, 1);
        assert_eq!(g.servers[1].as_bytes(), b"/o=b");
        let q = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        // Every strict prefix of the ROP (RopSize adjusted) fails.
        for n in 1..body.len() {
            let cut = buffer(&body[..n], &[0x10, 0x20]);
            assert!(RopResponseBuffer::decode_with_exact(&cut, &q, Limits::DEFAULT).is_err());
        }
        // A ServerCount the bytes cannot hold fails at the count, before allocating.
        let mut bad = body.clone();
        bad[8] = 0xFF;
        let e =
            RopResponseBuffer::decode_with_exact(&buffer(&bad, &[0x10, 0x20]), &q, Limits::DEFAULT)
                .unwrap_err();
        assert_eq!(e.kind().name(), "count-too-large");
        assert_eq!(e.offset(), 2 + 8);
        // Failure: nothing after ReturnValue.
        let resp = buffer(&[0x02, 0x01, 0x0F, 0x01, 0x04, 0x80], &[0x10, 0x20]);
        let (_, s) = exchange(&req, &resp);
        assert_eq!(s.rops[0].succeeded(), Some(false));
    }

    #[test]
    fn create_folder_strings_follow_the_flag() {
        // 8-bit: "In" + 0, "" + 0.
        let rop = [
            0x1C, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, b'I', b'n', 0x00, 0x00,
        ];
        let (_, r) = RopRequest::decode_with(&rop, RequestCtx::default()).unwrap();
        let RopRequest::CreateFolder(c) = &r else {
            panic!()
        };
        assert_eq!(
            c.display_name,
            FolderString::Multibyte(AnsiStr::from_wire(b"In").unwrap())
        );
        assert_eq!(r.to_bytes().unwrap(), rop);
        // The same bytes read as UTF-16 run out before a terminator.
        let mut uni = rop;
        uni[5] = 0x01;
        assert_eq!(
            RopRequest::decode_with(&uni, RequestCtx::default())
                .unwrap_err()
                .kind()
                .name(),
            "truncated"
        );
        // A value whose strings disagree with the flag does not encode.
        let mut c2 = c.clone();
        c2.use_unicode_strings = true;
        assert!(c2.to_bytes().is_err());
        // UseUnicodeStrings must be a Boolean.
        let mut two = rop;
        two[5] = 0x02;
        let e = RopRequest::decode_with(&two, RequestCtx::default()).unwrap_err();
        assert_eq!(e.offset(), 5);
    }

    #[test]
    fn create_folder_existing_ghosted_response() {
        let mut rop = vec![0x1C, 0x00, 0x00, 0x01, 0x01, 0x01, 0x01, 0x00];
        rop.extend_from_slice(&[b'P', 0, 0, 0, 0, 0]);
        let req = buffer(&rop, &[7, 0xFFFF_FFFF]);
        let mut body = vec![0x1C, 0x01, 0, 0, 0, 0];
        body.extend_from_slice(&fid(0x0E91_5212).to_bytes().unwrap());
        body.extend_from_slice(&[0x01, 0x00, 0x01, 0x01, 0x00, 0x01, 0x00]);
        body.extend_from_slice(b"/o=x\0");
        let resp = buffer(&body, &[7, 9]);
        let (_, s) = exchange(&req, &resp);
        let RopResponse::CreateFolder(r) = &s.rops[0] else {
            panic!()
        };
        let Outcome::Success(c) = &r.body else {
            panic!()
        };
        let e = c.existing.as_ref().unwrap();
        assert!(!e.has_rules);
        assert_eq!(e.ghost.as_ref().unwrap().servers.len(), 1);
        // Not existing: the response ends after IsExistingFolder.
        let mut body = vec![0x1C, 0x01, 0, 0, 0, 0];
        body.extend_from_slice(&fid(5).to_bytes().unwrap());
        body.push(0x00);
        exchange(&req, &buffer(&body, &[7, 9]));
    }

    #[test]
    fn move_copy_failures() {
        let rop = [
            0x33, 0x00, 0x00, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0E, 0x8E, 0xEC, 0x5D,
            0x00, 0x01,
        ];
        let req = buffer(&rop, &[0x10, 0x11]);
        // Null destination: DestHandleIndex (4 bytes) then PartialCompletion.
        let resp = buffer(
            &[
                0x33, 0x00, 0x03, 0x05, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
            ],
            &[0x10, 0x11],
        );
        let (_, s) = exchange(&req, &resp);
        let RopResponse::MoveCopyMessages(r) = &s.rops[0] else {
            panic!()
        };
        assert_eq!(
            r.body,
            Outcome::Failure(MoveCopyFailure {
                dest_handle_index: Some(1),
                partial_completion: false
            })
        );
        // Another failure: PartialCompletion only.
        let resp = buffer(&[0x33, 0x00, 0x05, 0x00, 0x07, 0x80, 0x01], &[0x10, 0x11]);
        let (_, s) = exchange(&req, &resp);
        let RopResponse::MoveCopyMessages(r) = &s.rops[0] else {
            panic!()
        };
        assert_eq!(
            r.body,
            Outcome::Failure(MoveCopyFailure {
                dest_handle_index: None,
                partial_completion: true
            })
        );
        // The null destination layout cut after DestHandleIndex fails at PartialCompletion.
        let cut = buffer(
            &[0x33, 0x00, 0x03, 0x05, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00],
            &[],
        );
        let q = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        let e = RopResponseBuffer::decode_with_exact(&cut, &q, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        assert_eq!(e.offset(), 12);
        assert!(
            e.path_string().contains("PartialCompletion"),
            "{}",
            e.path_string()
        );
    }

    #[test]
    fn set_search_criteria_restriction_sizes() {
        // RestrictionDataSize 0: no restriction; no folders; flags 0.
        let rop = [
            0x30, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        ];
        let (_, r) = RopRequest::decode_with(&rop, RequestCtx::default()).unwrap();
        let RopRequest::SetSearchCriteria(s) = &r else {
            panic!()
        };
        assert!(s.restriction.0.is_none());
        assert_eq!(r.to_bytes().unwrap(), rop);
        // An ExistRestriction (5 bytes) on PidTagSubject, one folder, RECURSIVE_SEARCH.
        let mut rop = vec![0x30, 0x00, 0x00, 0x05, 0x00, 0x08, 0x1F, 0x00, 0x37, 0x00];
        rop.extend_from_slice(&[0x01, 0x00]);
        rop.extend_from_slice(&fid(0x1234).to_bytes().unwrap());
        rop.extend_from_slice(&4u32.to_le_bytes());
        let (_, r) = RopRequest::decode_with(&rop, RequestCtx::default()).unwrap();
        let RopRequest::SetSearchCriteria(s) = &r else {
            panic!()
        };
        assert_eq!(
            s.restriction.0,
            Some(crate::data::Restriction::Exist {
                prop_tag: PropTag(0x0037_001F)
            })
        );
        assert_eq!(s.folder_ids.0, vec![fid(0x1234)]);
        assert_eq!(r.to_bytes().unwrap(), rop);
        // A size larger than the restriction: the restriction must fill it.
        let mut big = rop.clone();
        big[3] = 0x06;
        big.insert(10, 0x00);
        let e = RopRequest::decode_with(&big, RequestCtx::default()).unwrap_err();
        assert_eq!(e.kind().name(), "trailing-bytes");
        assert_eq!(e.offset(), 10);
        // A size smaller than the restriction: it runs out inside RestrictionData.
        let mut small = rop.clone();
        small[3] = 0x04;
        let e = RopRequest::decode_with(&small, RequestCtx::default()).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        // A size past the end of the buffer.
        let mut past = rop.clone();
        past[3] = 0xFF;
        let e = RopRequest::decode_with(&past, RequestCtx::default()).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        assert_eq!(e.offset(), 5);
    }

    #[test]
    fn get_search_criteria_success_and_failure() {
        let req = buffer(&[0x31, 0x02, 0x00, 0x01, 0x01, 0x01], &[0x44]);
        let mut body = vec![
            0x31, 0x00, 0, 0, 0, 0, 0x05, 0x00, 0x08, 0x1F, 0x00, 0x37, 0x00,
        ];
        body.push(0x02);
        body.extend_from_slice(&[0x02, 0x00]);
        body.extend_from_slice(&fid(1).to_bytes().unwrap());
        body.extend_from_slice(&fid(2).to_bytes().unwrap());
        body.extend_from_slice(&0x0001_0000u32.to_le_bytes());
        let resp = buffer(&body, &[0x44]);
        let (_, s) = exchange(&req, &resp);
        let RopResponse::GetSearchCriteria(r) = &s.rops[0] else {
            panic!()
        };
        let Outcome::Success(g) = &r.body else {
            panic!()
        };
        assert_eq!(g.logon_id, 2);
        assert_eq!(g.folder_ids.0.len(), 2);
        // Failure: nothing after ReturnValue.
        exchange(
            &req,
            &buffer(&[0x31, 0x00, 0x05, 0x04, 0x00, 0x80], &[0x44]),
        );
    }

    #[test]
    fn partial_completion_follows_every_return_value() {
        let req = buffer(&[0x58, 0x00, 0x00, 0x00, 0x01], &[0x44]);
        let ok = buffer(&[0x58, 0x00, 0, 0, 0, 0, 0x00], &[0x44]);
        let (_, s) = exchange(&req, &ok);
        assert_eq!(s.rops[0].succeeded(), Some(true));
        let failed = buffer(&[0x58, 0x00, 0x05, 0x00, 0x07, 0x80, 0x01], &[0x44]);
        let (_, s) = exchange(&req, &failed);
        let RopResponse::EmptyFolder(r) = &s.rops[0] else {
            panic!()
        };
        assert_eq!(
            r.body,
            Outcome::Failure(PartialCompletion {
                partial_completion: true
            })
        );
        // Without PartialCompletion the failure response is short.
        let q = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        let cut = buffer(&[0x58, 0x00, 0x05, 0x00, 0x07, 0x80], &[0x44]);
        let e = RopResponseBuffer::decode_with_exact(&cut, &q, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        assert_eq!(e.offset(), 8);
    }

    #[test]
    fn tables_open_into_the_output_slot() {
        let req = buffer(&[0x05, 0x00, 0x00, 0x01, 0x40], &[0x44, 0xFFFF_FFFF]);
        let resp = buffer(&[0x05, 0x01, 0, 0, 0, 0, 0x03, 0, 0, 0], &[0x44, 0x45]);
        let (q, s) = exchange(&req, &resp);
        assert_eq!(q.rops[0].output_handle_index(), Some(1));
        let RopResponse::GetContentsTable(r) = &s.rops[0] else {
            panic!()
        };
        assert_eq!(r.body, Outcome::Success(TableRowCount { row_count: 3 }));
        // A response whose handle index is past the table fails.
        let bad = buffer(&[0x05, 0x01, 0, 0, 0, 0, 0x03, 0, 0, 0], &[0x44]);
        assert!(RopResponseBuffer::decode_with_exact(&bad, &q, Limits::DEFAULT).is_err());
    }
}
