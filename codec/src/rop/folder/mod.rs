//! [MS-OXCROPS] 2.2.4 Folder ROPs ([MS-OXCFOLD] adds the semantics).
//!
//! Most bodies are `wire_struct!` field lists: the folder names of RopCreateFolder,
//! RopMoveFolder and RopCopyFolder are UTF-16 or 8-bit as a flag of the request says
//! ([`FolderString`], read with that flag); RestrictionData is present only when
//! RestrictionDataSize is not 0 ([`RestrictionData`]); the failure response of
//! RopMoveCopyMessages, RopMoveFolder and RopCopyFolder carries a DestHandleIndex only when
//! ReturnValue is 0x00000503 ([`MoveCopyFailure`]); the fields that follow IsGhosted and
//! IsExistingFolder are a [`FlaggedGroup`] (a Boolean flag, then a group of fields exactly
//! when it is set, shown in place).
//!
//! One piece is written by hand: the server list of RopOpenFolder and RopCreateFolder
//! ([`GhostServers`]): ServerCount is separated from its list by CheapServerCount, and is
//! checked against the bytes left at its own offset. It is the layout of the server lists of
//! RopGetOwningServers and RopPublicFolderIsGhosted
//! ([`ServerList`](crate::rop::store::ServerList)) under other names, and is read, written and
//! shown by the same code.
//!
//! Layouts that several ROPs share are written once: the requests of RopEmptyFolder and
//! RopHardDeleteMessagesAndSubfolders, of RopDeleteMessages and RopHardDeleteMessages, and of
//! RopGetHierarchyTable and RopGetContentsTable are one type each (the second name is an
//! alias); RopMoveFolder and RopCopyFolder end with the same group ([`MovedFolder`]); the
//! responses of one layout share one entry of the module's response table.

use crate::wire::Bool8;
use bytes::BufMut;

use super::context::ResponseCtx;
use super::field::{encode_as_variant, hex32, hex8, rop_request, rop_response, List16};
use super::store::{server_list_codec, servers_tree, ServerFieldNames};
use super::table::{restriction_fields_if_any, RestrictionData};
use crate::data::{FolderId, MessageId};
use crate::tree::{FieldTree, ToTree, Tree};
use crate::wire::{
    named_code, wire_struct, AnsiStr, Decode, DecodeError, DecodeWith, Encode, EncodeError,
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

encode_as_variant!(FolderString<'_> { Unicode, Multibyte });

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

/// The name of the Boolean flag that announces a group of fields: the group is present exactly
/// when the flag is set ([`FlaggedGroup`]).
pub trait FlagName {
    /// The spec's name of the flag (`IsGhosted`, `IsExistingFolder`).
    const FLAG: &'static str;
}

/// A Boolean flag, then the fields of `T` exactly when it is set: IsGhosted and the replica
/// servers ([MS-OXCROPS] 2.2.4.1.2), IsExistingFolder and the folder's information
/// (2.2.4.2.2). `T` names the flag ([`FlagName`]) and its own fields: a structure holds it as
/// a field named `""`, and the tree and the error paths show the flag and the fields in place.
///
/// The flag is a Boolean that [MS-OXCFOLD] reads as nonzero (TRUE): any nonzero byte announces
/// the fields and is kept as sent ([`Bool8`], with a note on its tree when it is not 0x01).
/// It encodes only when it agrees with the fields (nonzero exactly when they are there).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct FlaggedGroup<T> {
    /// The flag byte as sent.
    pub flag: Bool8,
    /// The fields, present exactly when the flag is nonzero.
    pub fields: Option<T>,
}

impl<T> FlaggedGroup<T> {
    /// The group with its canonical flag: 0x01 with fields, 0x00 without.
    pub fn new(fields: Option<T>) -> Self {
        FlaggedGroup {
            flag: Bool8::from(fields.is_some()),
            fields,
        }
    }
}

impl<T> From<Option<T>> for FlaggedGroup<T> {
    fn from(fields: Option<T>) -> Self {
        FlaggedGroup::new(fields)
    }
}

impl<'a, T: Decode<'a> + FlagName> Decode<'a> for FlaggedGroup<T> {
    #[inline]
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let flag = Bool8::decode_from(r).field(T::FLAG)?;
        let fields = if flag.get() {
            Some(T::decode_from(r)?)
        } else {
            None
        };
        Ok(FlaggedGroup { flag, fields })
    }
}

impl<T: Encode + FlagName> Encode for FlaggedGroup<T> {
    fn encoded_len(&self) -> usize {
        1 + self.fields.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if self.flag.get() != self.fields.is_some() {
            return Err(EncodeError::invalid(
                "the flag must be nonzero exactly when the fields it announces are present",
            ))
            .field(T::FLAG);
        }
        self.flag.encode(out)?;
        self.fields.encode(out)
    }
}

impl<T: ToTree + FlagName> FieldTree for FlaggedGroup<T> {
    /// The flag, then the fields of `T` when it is set (the group has no name of its own).
    fn field_tree(&self, _name: &'static str, t: Tree) -> Tree {
        let t = t.field(T::FLAG, self.flag.to_tree());
        match &self.fields {
            Some(v) => t.splice(v.to_tree()),
            None => t,
        }
    }
    fn flat_tree(&self, name: &'static str, t: Tree) -> Tree {
        self.field_tree(name, t)
    }
}

/// The flag's byte, then the parts of the fields when they are there.
impl<T: FlagName> crate::tree::FieldSpans for FlaggedGroup<T> {
    fn field_spans(&self, at: usize, prefix: &str, out: &mut Vec<crate::tree::FieldSpan>) {
        #[allow(unused_imports)]
        use crate::tree::{NoSpans as _, SpansOf as _};
        out.push(crate::tree::FieldSpan {
            path: crate::tree::span_path(prefix, T::FLAG),
            start: at,
            len: 1,
        });
        if let Some(v) = &self.fields {
            (&crate::tree::SpanProbe(v)).spans_of(at + 1, prefix, out);
        }
    }
}

/// ServerCount, CheapServerCount and Servers of RopOpenFolder and RopCreateFolder
/// ([MS-OXCROPS] 2.2.4.1.2, 2.2.4.2.2), present only when IsGhosted is set: the servers that
/// host a replica of a ghosted public folder.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct GhostServers<'a> {
    /// CheapServerCount: how many servers at the front of the list have the same lowest
    /// cost ([MS-OXCFOLD] 2.2.1.1.2: at most ServerCount; kept as sent).
    pub cheap_server_count: u16,
    /// Servers: null-terminated ASCII strings (ServerCount is their number).
    pub servers: Vec<AnsiStr<'a>>,
}

/// The names of the fields of [`GhostServers`].
const GHOST_SERVER_FIELDS: ServerFieldNames = ["ServerCount", "CheapServerCount", "Servers"];

server_list_codec!(
    GhostServers,
    cheap_server_count,
    GHOST_SERVER_FIELDS,
    "ServerCount"
);

impl ToTree for GhostServers<'_> {
    fn to_tree(&self) -> Tree {
        servers_tree(GHOST_SERVER_FIELDS, self.cheap_server_count, &self.servers)
    }
}

impl FlagName for GhostServers<'_> {
    const FLAG: &'static str = "IsGhosted";
}

wire_struct! {
    /// HasRules, IsGhosted and, when IsGhosted is set, the replica servers: the success fields
    /// of RopOpenFolder ([MS-OXCROPS] 2.2.4.1.2), and the fields RopCreateFolder adds when it
    /// opened an existing folder ([MS-OXCROPS] 2.2.4.2.2).
    #[derive(Eq, Hash, Default)]
    pub struct FolderInfo<'a> {
        /// HasRules: the folder has rules ([MS-OXORULE]).
        has_rules: Bool8 => "HasRules",
        /// IsGhosted, then ServerCount, CheapServerCount and Servers when it is set (the server
        /// does not host an active replica of this public folder).
        ghost: FlaggedGroup<GhostServers<'a>> => "",
    }
}

impl FlagName for FolderInfo<'_> {
    const FLAG: &'static str = "IsExistingFolder";
}

wire_struct! {
    /// PartialCompletion, the only field after ReturnValue of the responses of RopDeleteFolder,
    /// RopEmptyFolder, RopHardDeleteMessagesAndSubfolders, RopDeleteMessages and
    /// RopHardDeleteMessages and RopSetReadFlags (for every ReturnValue), and of the success
    /// responses of RopMoveCopyMessages, RopMoveFolder and RopCopyFolder.
    pub struct PartialCompletion {
        /// PartialCompletion: the operation failed for some of its targets.
        partial_completion: Bool8 => "PartialCompletion",
    }
}

wire_struct! {
    /// The response of RopMoveCopyMessages, RopMoveFolder or RopCopyFolder when ReturnValue is
    /// not 0: PartialCompletion, preceded by DestHandleIndex when ReturnValue is 0x00000503
    /// (the "Null Destination Failure Response Buffer", [MS-OXCROPS] 2.2.4.6.3, 2.2.4.7.3,
    /// 2.2.4.8.3). Keep `dest_handle_index` `Some` exactly when ReturnValue is 0x00000503: the
    /// response encoder checks it.
    #[derive(Copy, Eq, Hash, Default)]
    pub struct MoveCopyFailure in ctx: ResponseCtx<'c, 'a> {
        /// DestHandleIndex (4 bytes): the DestHandleIndex of the request, sent back when the
        /// destination object does not exist.
        dest_handle_index: Option<u32> => "DestHandleIndex" {
            if(ctx) ctx.return_value() == NULL_DESTINATION_OBJECT
        },
        /// PartialCompletion: the operation failed for some of its targets.
        partial_completion: Bool8 => "PartialCompletion",
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.1 RopOpenFolder
// ---------------------------------------------------------------------------------------------

rop_request! {
    /// [MS-OXCROPS] 2.2.4.1.1 RopOpenFolder request: opens an existing folder.
    pub struct OpenFolderRequest {
        /// InputHandleIndex: a Logon object or a Folder object.
        input_handle_index: Input,
        /// OutputHandleIndex: where the opened Folder object's handle goes.
        output_handle_index: Output,
        /// FolderId: the folder to open.
        folder_id: FolderId => "FolderId",
        /// OpenModeFlags ([MS-OXCFOLD] 2.2.1.1.1): 0x04 OpenSoftDeleted.
        open_mode_flags: u8 => "OpenModeFlags" as hex8,
    }
}

named_code! {
    flags
    /// [MS-OXCFOLD] 2.2.1.1.1 OpenModeFlags of a RopOpenFolder request (the byte of
    /// [`OpenFolderRequest::open_mode_flags`], which converts with `u8::from`).
    pub struct FolderOpenModeFlags(u8);
    /// OpenSoftDeleted (0x04): open the folder even if it is soft-deleted.
    OPEN_SOFT_DELETED = 0x04 => "OpenSoftDeleted",
}

impl OpenFolderRequest {
    /// A RopOpenFolder of `folder_id` from the Logon or Folder object at `input_handle_index`
    /// into `output_handle_index`, with LogonId 0 and no OpenModeFlags.
    ///
    /// ```
    /// use mapi_codec::data::FolderId;
    /// use mapi_codec::rop::folder::OpenFolderRequest;
    /// use mapi_codec::rop::RopRequest;
    /// use mapi_codec::wire::Encode;
    ///
    /// let inbox = FolderId::from_u64(0x0001_0000_0000_0000);
    /// let rop = RopRequest::from(OpenFolderRequest::new(0, 1, inbox));
    /// assert_eq!(rop.to_bytes().unwrap(), [0x02, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    /// ```
    pub fn new(input_handle_index: u8, output_handle_index: u8, folder_id: FolderId) -> Self {
        OpenFolderRequest {
            logon_id: 0,
            input_handle_index,
            output_handle_index,
            folder_id,
            open_mode_flags: 0,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.2 RopCreateFolder
// ---------------------------------------------------------------------------------------------

rop_request! {
    /// [MS-OXCROPS] 2.2.4.2.1 RopCreateFolder request: creates a folder (or opens it when it
    /// exists and OpenExisting is set).
    #[derive(Eq, Hash)]
    pub struct CreateFolderRequest<'a> {
        /// InputHandleIndex: the parent Folder object.
        input_handle_index: Input,
        /// OutputHandleIndex: where the new Folder object's handle goes.
        output_handle_index: Output,
        /// FolderType ([MS-OXCFOLD] 2.2.1.2.1): 0x01 generic folder, 0x02 search folder.
        folder_type: u8 => "FolderType" as hex8,
        /// UseUnicodeStrings: DisplayName and Comment are UTF-16 (true) or 8-bit (false).
        use_unicode_strings: Bool8 => "UseUnicodeStrings",
        /// OpenExisting: open the folder if one of that name exists instead of failing.
        open_existing: Bool8 => "OpenExisting",
        /// Reserved: MUST be 0x00 (kept as sent).
        reserved: u8 => "Reserved" as hex8,
        /// DisplayName: the new folder's name, in the form UseUnicodeStrings selects.
        display_name: FolderString<'a> => "DisplayName" {
            with(use_unicode_strings) use_unicode_strings.get()
        },
        /// Comment: the new folder's comment, in the same form.
        comment: FolderString<'a> => "Comment" { with(use_unicode_strings) use_unicode_strings.get() },
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.2.2 RopCreateFolder success fields: FolderId, IsExistingFolder, and,
    /// when IsExistingFolder is set, HasRules, IsGhosted and the replica servers.
    #[derive(Eq, Hash, Default)]
    pub struct CreateFolderSuccess<'a> {
        /// FolderId: the folder created or opened.
        folder_id: FolderId => "FolderId",
        /// IsExistingFolder, then HasRules, IsGhosted and the servers when it is set (a public
        /// folder of that name already existed and was opened).
        existing: FlaggedGroup<FolderInfo<'a>> => "",
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.3 RopDeleteFolder
// ---------------------------------------------------------------------------------------------

rop_request! {
    /// [MS-OXCROPS] 2.2.4.3.1 RopDeleteFolder request: deletes a subfolder.
    pub struct DeleteFolderRequest {
        /// InputHandleIndex: the parent Folder object.
        input_handle_index: Input,
        /// DeleteFolderFlags ([MS-OXCFOLD] 2.2.1.3.1): 0x01 DEL_MESSAGES, 0x04 DEL_FOLDERS,
        /// 0x10 DELETE_HARD_DELETE.
        delete_folder_flags: u8 => "DeleteFolderFlags" as hex8,
        /// FolderId: the folder to delete.
        folder_id: FolderId => "FolderId",
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.4 RopSetSearchCriteria
// ---------------------------------------------------------------------------------------------

rop_request! {
    /// [MS-OXCROPS] 2.2.4.4.1 RopSetSearchCriteria request: sets the restriction and the
    /// folders of a search folder.
    pub struct SetSearchCriteriaRequest<'a> {
        /// InputHandleIndex: the search Folder object.
        input_handle_index: Input,
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
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.5 RopGetSearchCriteria
// ---------------------------------------------------------------------------------------------

rop_request! {
    /// [MS-OXCROPS] 2.2.4.5.1 RopGetSearchCriteria request.
    pub struct GetSearchCriteriaRequest {
        /// InputHandleIndex: the search Folder object.
        input_handle_index: Input,
        /// UseUnicode: string values in the returned restriction are to be Unicode.
        use_unicode: Bool8 => "UseUnicode",
        /// IncludeRestriction: return the restriction (else RestrictionDataSize is 0).
        include_restriction: Bool8 => "IncludeRestriction",
        /// IncludeFolders: return the searched folders (else FolderIdCount is 0).
        include_folders: Bool8 => "IncludeFolders",
    }
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

// ---------------------------------------------------------------------------------------------
// 2.2.4.6 RopMoveCopyMessages, 2.2.4.7 RopMoveFolder and 2.2.4.8 RopCopyFolder
// ---------------------------------------------------------------------------------------------

rop_request! {
    /// [MS-OXCROPS] 2.2.4.6.1 RopMoveCopyMessages request: moves or copies messages to
    /// another folder.
    pub struct MoveCopyMessagesRequest {
        /// SourceHandleIndex: the source Folder object.
        source_handle_index: Source,
        /// DestHandleIndex: the destination Folder object.
        dest_handle_index: Dest,
        /// MessageIds (MessageIdCount is their number).
        message_ids: List16<MessageId> => "MessageIds",
        /// WantAsynchronous: report progress with RopProgress.
        want_asynchronous: Bool8 => "WantAsynchronous",
        /// WantCopy: copy (true) or move (false).
        want_copy: Bool8 => "WantCopy",
    }
}

wire_struct! {
    /// UseUnicode, FolderId and NewFolderName: the last fields of the RopMoveFolder and
    /// RopCopyFolder requests ([MS-OXCROPS] 2.2.4.7.1, 2.2.4.8.1), the folder moved or copied
    /// and its name in its new place. The requests show them in place.
    #[derive(Eq, Hash)]
    pub struct MovedFolder<'a> {
        /// UseUnicode: NewFolderName is UTF-16 (true) or 8-bit (false).
        use_unicode: Bool8 => "UseUnicode",
        /// FolderId: the folder to move or copy.
        folder_id: FolderId => "FolderId",
        /// NewFolderName: the folder's name in its new place, in the form UseUnicode selects.
        new_folder_name: FolderString<'a> => "NewFolderName" { with(use_unicode) use_unicode.get() },
    }
}

rop_request! {
    /// [MS-OXCROPS] 2.2.4.7.1 RopMoveFolder request: moves a folder to another parent.
    #[derive(Eq, Hash)]
    pub struct MoveFolderRequest<'a> {
        /// SourceHandleIndex: the current parent Folder object.
        source_handle_index: Source,
        /// DestHandleIndex: the new parent Folder object.
        dest_handle_index: Dest,
        /// WantAsynchronous: report progress with RopProgress.
        want_asynchronous: Bool8 => "WantAsynchronous",
        /// UseUnicode, FolderId (the folder to move) and NewFolderName.
        folder: MovedFolder<'a> => "" { flatten },
    }
}

rop_request! {
    /// [MS-OXCROPS] 2.2.4.8.1 RopCopyFolder request: copies a folder under another parent.
    #[derive(Eq, Hash)]
    pub struct CopyFolderRequest<'a> {
        /// SourceHandleIndex: the parent Folder object of the folder to copy.
        source_handle_index: Source,
        /// DestHandleIndex: the destination parent Folder object.
        dest_handle_index: Dest,
        /// WantAsynchronous: report progress with RopProgress.
        want_asynchronous: Bool8 => "WantAsynchronous",
        /// WantRecursive: copy the subfolders too.
        want_recursive: Bool8 => "WantRecursive",
        /// UseUnicode, FolderId (the folder to copy) and NewFolderName (the copy's name).
        folder: MovedFolder<'a> => "" { flatten },
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.4.9 RopEmptyFolder, 2.2.4.10 RopHardDeleteMessagesAndSubfolders, 2.2.4.11
// RopDeleteMessages and 2.2.4.12 RopHardDeleteMessages
// ---------------------------------------------------------------------------------------------

rop_request! {
    /// [MS-OXCROPS] 2.2.4.9.1 RopEmptyFolder request: soft-deletes the messages and
    /// subfolders of a folder (the fields of RopHardDeleteMessagesAndSubfolders as well).
    pub struct EmptyFolderRequest {
        /// InputHandleIndex: the Folder object to empty.
        input_handle_index: Input,
        /// WantAsynchronous: report progress with RopProgress.
        want_asynchronous: Bool8 => "WantAsynchronous",
        /// WantDeleteAssociated: delete the folder associated information (FAI) messages too.
        want_delete_associated: Bool8 => "WantDeleteAssociated",
    }
}

/// [MS-OXCROPS] 2.2.4.10.1 RopHardDeleteMessagesAndSubfolders request: hard-deletes the
/// messages and subfolders of a folder; the fields of RopEmptyFolder.
pub type HardDeleteMessagesAndSubfoldersRequest = EmptyFolderRequest;

rop_request! {
    /// [MS-OXCROPS] 2.2.4.11.1 RopDeleteMessages request: soft-deletes messages of a folder
    /// (the fields of RopHardDeleteMessages as well).
    pub struct DeleteMessagesRequest {
        /// InputHandleIndex: the Folder object holding the messages.
        input_handle_index: Input,
        /// WantAsynchronous: report progress with RopProgress.
        want_asynchronous: Bool8 => "WantAsynchronous",
        /// NotifyNonRead: send non-read receipts for unread messages that asked for them.
        notify_non_read: Bool8 => "NotifyNonRead",
        /// MessageIds (MessageIdCount is their number).
        message_ids: List16<MessageId> => "MessageIds",
    }
}

/// [MS-OXCROPS] 2.2.4.12.1 RopHardDeleteMessages request: hard-deletes messages of a folder;
/// the fields of RopDeleteMessages.
pub type HardDeleteMessagesRequest = DeleteMessagesRequest;

// ---------------------------------------------------------------------------------------------
// 2.2.4.13 RopGetHierarchyTable and 2.2.4.14 RopGetContentsTable
// ---------------------------------------------------------------------------------------------

rop_request! {
    /// [MS-OXCROPS] 2.2.4.13.1 RopGetHierarchyTable request: opens the table of a folder's
    /// subfolders (the fields of RopGetContentsTable, RopGetAttachmentTable,
    /// RopGetPermissionsTable and RopGetRulesTable as well). TableFlags ([MS-OXCFOLD]
    /// 2.2.1.13.1): 0x04 Depth, 0x08 DeferredErrors, 0x10 NoNotifications, 0x20 SoftDeletes,
    /// 0x40 UseUnicode, 0x80 SuppressNotifications.
    pub struct GetHierarchyTableRequest {
        /// InputHandleIndex: the Folder object (the Message object for RopGetAttachmentTable).
        input_handle_index: Input,
        /// OutputHandleIndex: where the Table object's handle goes.
        output_handle_index: Output,
        /// TableFlags: the options of the table (the bits each ROP defines are listed on its
        /// request type).
        table_flags: u8 => "TableFlags" as hex8,
    }
}

named_code! {
    flags
    /// [MS-OXCFOLD] 2.2.1.13.1 TableFlags of a RopGetHierarchyTable request (the byte of
    /// [`GetHierarchyTableRequest::table_flags`], which converts with `u8::from`).
    pub struct HierarchyTableFlags(u8);
    /// Depth (0x04): the folders of every level below the folder, not only its children.
    DEPTH = 0x04 => "Depth",
    /// DeferredErrors (0x08): the response may come before the ROP completes.
    DEFERRED_ERRORS = 0x08 => "DeferredErrors",
    /// NoNotifications (0x10): the table sends no notifications.
    NO_NOTIFICATIONS = 0x10 => "NoNotifications",
    /// SoftDeletes (0x20): only the soft-deleted folders.
    SOFT_DELETES = 0x20 => "SoftDeletes",
    /// UseUnicode (0x40): string columns in Unicode.
    USE_UNICODE = 0x40 => "UseUnicode",
    /// SuppressesNotifications (0x80): the client's own changes raise no notifications.
    SUPPRESSES_NOTIFICATIONS = 0x80 => "SuppressesNotifications",
}

named_code! {
    flags
    /// [MS-OXCFOLD] 2.2.1.14.1 TableFlags of a RopGetContentsTable request (the byte of
    /// [`GetContentsTableRequest::table_flags`], which converts with `u8::from`).
    pub struct ContentsTableFlags(u8);
    /// Associated (0x02): the folder's associated (FAI) messages instead of its normal ones.
    ASSOCIATED = 0x02 => "Associated",
    /// DeferredErrors (0x08): the response may come before the ROP completes.
    DEFERRED_ERRORS = 0x08 => "DeferredErrors",
    /// NoNotifications (0x10): the table sends no notifications.
    NO_NOTIFICATIONS = 0x10 => "NoNotifications",
    /// SoftDeletes (0x20): only the soft-deleted messages.
    SOFT_DELETES = 0x20 => "SoftDeletes",
    /// UseUnicode (0x40): string columns in Unicode.
    USE_UNICODE = 0x40 => "UseUnicode",
    /// ConversationMembers (0x80): the messages of a conversation.
    CONVERSATION_MEMBERS = 0x80 => "ConversationMembers",
}

/// [MS-OXCROPS] 2.2.4.14.1 RopGetContentsTable request: opens the table of a folder's
/// messages; the fields of RopGetHierarchyTable. TableFlags ([MS-OXCFOLD] 2.2.1.14.1): 0x02
/// Associated, 0x08 DeferredErrors, 0x10 NoNotifications, 0x20 SoftDeletes, 0x40 UseUnicode,
/// 0x80 ConversationMembers.
pub type GetContentsTableRequest = GetHierarchyTableRequest;

wire_struct! {
    /// [MS-OXCROPS] 2.2.4.13.2 / 2.2.4.14.2 success fields of RopGetHierarchyTable and
    /// RopGetContentsTable.
    pub struct TableRowCount {
        /// RowCount: the number of rows in the table.
        row_count: u32 => "RowCount",
    }
}

impl TableRowCount {
    /// RowCount `row_count`.
    pub fn new(row_count: u32) -> Self {
        TableRowCount { row_count }
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.4.1.2 RopOpenFolder response (failure: 2.2.4.1.3).
    OpenFolderResponse<'a> = OPEN_FOLDER { handle: Output, success: FolderInfo<'a> }

    /// [MS-OXCROPS] 2.2.4.2.2 RopCreateFolder response (failure: 2.2.4.2.3).
    CreateFolderResponse<'a> = CREATE_FOLDER { handle: Output, success: CreateFolderSuccess<'a> }

    /// [MS-OXCROPS] 2.2.4.3.2 RopDeleteFolder response: one layout, PartialCompletion after
    /// every ReturnValue.
    DeleteFolderResponse = DELETE_FOLDER,
    /// [MS-OXCROPS] 2.2.4.9.2 RopEmptyFolder response: PartialCompletion after every
    /// ReturnValue.
    EmptyFolderResponse = EMPTY_FOLDER,
    /// [MS-OXCROPS] 2.2.4.10.2 RopHardDeleteMessagesAndSubfolders response: PartialCompletion
    /// after every ReturnValue.
    HardDeleteMessagesAndSubfoldersResponse = HARD_DELETE_MESSAGES_AND_SUBFOLDERS,
    /// [MS-OXCROPS] 2.2.4.11.2 RopDeleteMessages response: PartialCompletion after every
    /// ReturnValue.
    DeleteMessagesResponse = DELETE_MESSAGES,
    /// [MS-OXCROPS] 2.2.4.12.2 RopHardDeleteMessages response: PartialCompletion after every
    /// ReturnValue.
    HardDeleteMessagesResponse = HARD_DELETE_MESSAGES { handle: Input, fields: PartialCompletion }

    /// [MS-OXCROPS] 2.2.4.4.2 RopSetSearchCriteria response: nothing after ReturnValue.
    SetSearchCriteriaResponse = SET_SEARCH_CRITERIA { handle: Input }

    /// [MS-OXCROPS] 2.2.4.5.2 RopGetSearchCriteria response (failure: 2.2.4.5.3).
    GetSearchCriteriaResponse<'a> = GET_SEARCH_CRITERIA { handle: Input, success: GetSearchCriteriaSuccess<'a> }

    /// [MS-OXCROPS] 2.2.4.6.2 RopMoveCopyMessages response (PartialCompletion for every
    /// ReturnValue but 0x00000503; that one is the null destination failure, 2.2.4.6.3).
    MoveCopyMessagesResponse = MOVE_COPY_MESSAGES,
    /// [MS-OXCROPS] 2.2.4.7.2 RopMoveFolder response (null destination failure: 2.2.4.7.3).
    MoveFolderResponse = MOVE_FOLDER,
    /// [MS-OXCROPS] 2.2.4.8.2 RopCopyFolder response (null destination failure: 2.2.4.8.3).
    CopyFolderResponse = COPY_FOLDER { handle: Source, success: PartialCompletion, failure: MoveCopyFailure, failure_field: dest_handle_index when NULL_DESTINATION_OBJECT }

    /// [MS-OXCROPS] 2.2.4.13.2 RopGetHierarchyTable response (failure: 2.2.4.13.3).
    GetHierarchyTableResponse = GET_HIERARCHY_TABLE,
    /// [MS-OXCROPS] 2.2.4.14.2 RopGetContentsTable response (failure: 2.2.4.14.3).
    GetContentsTableResponse = GET_CONTENTS_TABLE { handle: Output, success: TableRowCount }
}

crate::wire::owned_impl!(
    enum FolderString {
        Unicode(s),
        Multibyte(s),
    }
);
crate::wire::owned_impl!(struct GhostServers { cheap_server_count, servers });

impl<T: crate::wire::IntoOwned> crate::wire::IntoOwned for FlaggedGroup<T> {
    type Owned = FlaggedGroup<T::Owned>;
    fn into_owned(self) -> FlaggedGroup<T::Owned> {
        FlaggedGroup {
            flag: self.flag,
            fields: crate::wire::IntoOwned::into_owned(self.fields),
        }
    }
}

#[cfg(test)]
mod tests;
