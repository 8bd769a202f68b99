//! The RopId code ([MS-OXCROPS] 2.2.2) and the family each ROP belongs to.

use std::fmt;

use crate::tree::{ToTree, Tree};

/// The one-byte RopId that starts every ROP request and response buffer ([MS-OXCROPS] 2.2.2).
/// An open code: every byte value is representable; [`RopId::name`] knows the spec's names.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct RopId(pub u8);

/// Where a ROP is specified: the section of [MS-OXCROPS] that holds its family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum RopFamily {
    /// 2.2.3 Logon ROPs.
    Logon,
    /// 2.2.4 Folder ROPs.
    Folder,
    /// 2.2.5 Table ROPs.
    Table,
    /// 2.2.6 Message ROPs.
    Message,
    /// 2.2.7 Transport ROPs.
    Transport,
    /// 2.2.8 Property ROPs.
    Property,
    /// 2.2.9 Stream ROPs.
    Stream,
    /// 2.2.10 Permission ROPs.
    Permission,
    /// 2.2.11 Rule ROPs.
    Rule,
    /// 2.2.12 Fast Transfer ROPs.
    FastTransfer,
    /// 2.2.13 Incremental Change Synchronization ROPs.
    Ics,
    /// 2.2.14 Notification ROPs.
    Notification,
    /// 2.2.15 Other ROPs.
    Other,
}

impl RopFamily {
    /// Every family, in section order.
    pub const ALL: [RopFamily; 13] = [
        RopFamily::Logon,
        RopFamily::Folder,
        RopFamily::Table,
        RopFamily::Message,
        RopFamily::Transport,
        RopFamily::Property,
        RopFamily::Stream,
        RopFamily::Permission,
        RopFamily::Rule,
        RopFamily::FastTransfer,
        RopFamily::Ics,
        RopFamily::Notification,
        RopFamily::Other,
    ];

    /// The [MS-OXCROPS] section of the family ("2.2.5").
    pub fn section(self) -> &'static str {
        match self {
            RopFamily::Logon => "2.2.3",
            RopFamily::Folder => "2.2.4",
            RopFamily::Table => "2.2.5",
            RopFamily::Message => "2.2.6",
            RopFamily::Transport => "2.2.7",
            RopFamily::Property => "2.2.8",
            RopFamily::Stream => "2.2.9",
            RopFamily::Permission => "2.2.10",
            RopFamily::Rule => "2.2.11",
            RopFamily::FastTransfer => "2.2.12",
            RopFamily::Ics => "2.2.13",
            RopFamily::Notification => "2.2.14",
            RopFamily::Other => "2.2.15",
        }
    }

    /// The section's title.
    pub fn title(self) -> &'static str {
        match self {
            RopFamily::Logon => "Logon ROPs",
            RopFamily::Folder => "Folder ROPs",
            RopFamily::Table => "Table ROPs",
            RopFamily::Message => "Message ROPs",
            RopFamily::Transport => "Transport ROPs",
            RopFamily::Property => "Property ROPs",
            RopFamily::Stream => "Stream ROPs",
            RopFamily::Permission => "Permission ROPs",
            RopFamily::Rule => "Rule ROPs",
            RopFamily::FastTransfer => "Fast Transfer ROPs",
            RopFamily::Ics => "Incremental Change Synchronization ROPs",
            RopFamily::Notification => "Notification ROPs",
            RopFamily::Other => "Other ROPs",
        }
    }

    /// The ids the spec assigns to this family.
    pub fn ids(self) -> impl Iterator<Item = RopId> {
        ROPS.iter().filter(move |r| r.2 == self).map(|r| RopId(r.0))
    }
}

use RopFamily as F;

/// (id, name, family) for every RopId the spec assigns; every other value is reserved.
static ROPS: &[(u8, &str, RopFamily)] = &[
    (0x01, "RopRelease", F::Other),
    (0x02, "RopOpenFolder", F::Folder),
    (0x03, "RopOpenMessage", F::Message),
    (0x04, "RopGetHierarchyTable", F::Folder),
    (0x05, "RopGetContentsTable", F::Folder),
    (0x06, "RopCreateMessage", F::Message),
    (0x07, "RopGetPropertiesSpecific", F::Property),
    (0x08, "RopGetPropertiesAll", F::Property),
    (0x09, "RopGetPropertiesList", F::Property),
    (0x0A, "RopSetProperties", F::Property),
    (0x0B, "RopDeleteProperties", F::Property),
    (0x0C, "RopSaveChangesMessage", F::Message),
    (0x0D, "RopRemoveAllRecipients", F::Message),
    (0x0E, "RopModifyRecipients", F::Message),
    (0x0F, "RopReadRecipients", F::Message),
    (0x10, "RopReloadCachedInformation", F::Message),
    (0x11, "RopSetMessageReadFlag", F::Message),
    (0x12, "RopSetColumns", F::Table),
    (0x13, "RopSortTable", F::Table),
    (0x14, "RopRestrict", F::Table),
    (0x15, "RopQueryRows", F::Table),
    (0x16, "RopGetStatus", F::Table),
    (0x17, "RopQueryPosition", F::Table),
    (0x18, "RopSeekRow", F::Table),
    (0x19, "RopSeekRowBookmark", F::Table),
    (0x1A, "RopSeekRowFractional", F::Table),
    (0x1B, "RopCreateBookmark", F::Table),
    (0x1C, "RopCreateFolder", F::Folder),
    (0x1D, "RopDeleteFolder", F::Folder),
    (0x1E, "RopDeleteMessages", F::Folder),
    (0x1F, "RopGetMessageStatus", F::Message),
    (0x20, "RopSetMessageStatus", F::Message),
    (0x21, "RopGetAttachmentTable", F::Message),
    (0x22, "RopOpenAttachment", F::Message),
    (0x23, "RopCreateAttachment", F::Message),
    (0x24, "RopDeleteAttachment", F::Message),
    (0x25, "RopSaveChangesAttachment", F::Message),
    (0x26, "RopSetReceiveFolder", F::Logon),
    (0x27, "RopGetReceiveFolder", F::Logon),
    (0x29, "RopRegisterNotification", F::Notification),
    (0x2A, "RopNotify", F::Notification),
    (0x2B, "RopOpenStream", F::Stream),
    (0x2C, "RopReadStream", F::Stream),
    (0x2D, "RopWriteStream", F::Stream),
    (0x2E, "RopSeekStream", F::Stream),
    (0x2F, "RopSetStreamSize", F::Stream),
    (0x30, "RopSetSearchCriteria", F::Folder),
    (0x31, "RopGetSearchCriteria", F::Folder),
    (0x32, "RopSubmitMessage", F::Transport),
    (0x33, "RopMoveCopyMessages", F::Folder),
    (0x34, "RopAbortSubmit", F::Transport),
    (0x35, "RopMoveFolder", F::Folder),
    (0x36, "RopCopyFolder", F::Folder),
    (0x37, "RopQueryColumnsAll", F::Table),
    (0x38, "RopAbort", F::Table),
    (0x39, "RopCopyTo", F::Property),
    (0x3A, "RopCopyToStream", F::Stream),
    (0x3B, "RopCloneStream", F::Stream),
    (0x3E, "RopGetPermissionsTable", F::Permission),
    (0x3F, "RopGetRulesTable", F::Rule),
    (0x40, "RopModifyPermissions", F::Permission),
    (0x41, "RopModifyRules", F::Rule),
    (0x42, "RopGetOwningServers", F::Logon),
    (0x43, "RopLongTermIdFromId", F::Logon),
    (0x44, "RopIdFromLongTermId", F::Logon),
    (0x45, "RopPublicFolderIsGhosted", F::Logon),
    (0x46, "RopOpenEmbeddedMessage", F::Message),
    (0x47, "RopSetSpooler", F::Transport),
    (0x48, "RopSpoolerLockMessage", F::Transport),
    (0x49, "RopGetAddressTypes", F::Transport),
    (0x4A, "RopTransportSend", F::Transport),
    (0x4B, "RopFastTransferSourceCopyMessages", F::FastTransfer),
    (0x4C, "RopFastTransferSourceCopyFolder", F::FastTransfer),
    (0x4D, "RopFastTransferSourceCopyTo", F::FastTransfer),
    (0x4E, "RopFastTransferSourceGetBuffer", F::FastTransfer),
    (0x4F, "RopFindRow", F::Table),
    (0x50, "RopProgress", F::Property),
    (0x51, "RopTransportNewMail", F::Transport),
    (0x52, "RopGetValidAttachments", F::Message),
    (0x53, "RopFastTransferDestinationConfigure", F::FastTransfer),
    (0x54, "RopFastTransferDestinationPutBuffer", F::FastTransfer),
    (0x55, "RopGetNamesFromPropertyIds", F::Property),
    (0x56, "RopGetPropertyIdsFromNames", F::Property),
    (0x57, "RopUpdateDeferredActionMessages", F::Rule),
    (0x58, "RopEmptyFolder", F::Folder),
    (0x59, "RopExpandRow", F::Table),
    (0x5A, "RopCollapseRow", F::Table),
    (0x5B, "RopLockRegionStream", F::Stream),
    (0x5C, "RopUnlockRegionStream", F::Stream),
    (0x5D, "RopCommitStream", F::Stream),
    (0x5E, "RopGetStreamSize", F::Stream),
    (0x5F, "RopQueryNamedProperties", F::Property),
    (0x60, "RopGetPerUserLongTermIds", F::Logon),
    (0x61, "RopGetPerUserGuid", F::Logon),
    (0x63, "RopReadPerUserInformation", F::Logon),
    (0x64, "RopWritePerUserInformation", F::Logon),
    (0x66, "RopSetReadFlags", F::Message),
    (0x67, "RopCopyProperties", F::Property),
    (0x68, "RopGetReceiveFolderTable", F::Logon),
    (0x69, "RopFastTransferSourceCopyProperties", F::FastTransfer),
    (0x6B, "RopGetCollapseState", F::Table),
    (0x6C, "RopSetCollapseState", F::Table),
    (0x6D, "RopGetTransportFolder", F::Transport),
    (0x6E, "RopPending", F::Notification),
    (0x6F, "RopOptionsData", F::Transport),
    (0x70, "RopSynchronizationConfigure", F::Ics),
    (0x72, "RopSynchronizationImportMessageChange", F::Ics),
    (0x73, "RopSynchronizationImportHierarchyChange", F::Ics),
    (0x74, "RopSynchronizationImportDeletes", F::Ics),
    (0x75, "RopSynchronizationUploadStateStreamBegin", F::Ics),
    (0x76, "RopSynchronizationUploadStateStreamContinue", F::Ics),
    (0x77, "RopSynchronizationUploadStateStreamEnd", F::Ics),
    (0x78, "RopSynchronizationImportMessageMove", F::Ics),
    (0x79, "RopSetPropertiesNoReplicate", F::Property),
    (0x7A, "RopDeletePropertiesNoReplicate", F::Property),
    (0x7B, "RopGetStoreState", F::Logon),
    (0x7E, "RopSynchronizationOpenCollector", F::Ics),
    (0x7F, "RopGetLocalReplicaIds", F::Ics),
    (0x80, "RopSynchronizationImportReadStateChanges", F::Ics),
    (0x81, "RopResetTable", F::Table),
    (0x82, "RopSynchronizationGetTransferState", F::Ics),
    (0x86, "RopTellVersion", F::FastTransfer),
    (0x89, "RopFreeBookmark", F::Table),
    (0x90, "RopWriteAndCommitStream", F::Stream),
    (0x91, "RopHardDeleteMessages", F::Folder),
    (0x92, "RopHardDeleteMessagesAndSubfolders", F::Folder),
    (0x93, "RopSetLocalReplicaMidsetDeleted", F::Ics),
    (
        0x9D,
        "RopFastTransferDestinationPutBufferExtended",
        F::FastTransfer,
    ),
    (0xA3, "RopWriteStreamExtended", F::Stream),
    (0xF9, "RopBackoff", F::Other),
    (0xFE, "RopLogon", F::Logon),
    (0xFF, "RopBufferTooSmall", F::Other),
];

/// Index into `ROPS` by id, built at compile time.
static INDEX: [u8; 256] = {
    let mut t = [u8::MAX; 256];
    let mut i = 0;
    while i < ROPS.len() {
        t[ROPS[i].0 as usize] = i as u8;
        i += 1;
    }
    t
};

macro_rules! ids {
    ($($(#[$m:meta])* $c:ident = $v:literal;)*) => {
        impl RopId {
            $($(#[$m])* pub const $c: RopId = RopId($v);)*
        }
    };
}

ids! {
    /// RopRelease ([MS-OXCROPS] 2.2.15.3).
    RELEASE = 0x01;
    /// RopOpenFolder ([MS-OXCROPS] 2.2.4.1).
    OPEN_FOLDER = 0x02;
    /// RopOpenMessage ([MS-OXCROPS] 2.2.6.1).
    OPEN_MESSAGE = 0x03;
    /// RopGetHierarchyTable ([MS-OXCROPS] 2.2.4.13).
    GET_HIERARCHY_TABLE = 0x04;
    /// RopGetContentsTable ([MS-OXCROPS] 2.2.4.14).
    GET_CONTENTS_TABLE = 0x05;
    /// RopCreateMessage ([MS-OXCROPS] 2.2.6.2).
    CREATE_MESSAGE = 0x06;
    /// RopGetPropertiesSpecific ([MS-OXCROPS] 2.2.8.3).
    GET_PROPERTIES_SPECIFIC = 0x07;
    /// RopGetPropertiesAll ([MS-OXCROPS] 2.2.8.4).
    GET_PROPERTIES_ALL = 0x08;
    /// RopGetPropertiesList ([MS-OXCROPS] 2.2.8.5).
    GET_PROPERTIES_LIST = 0x09;
    /// RopSetProperties ([MS-OXCROPS] 2.2.8.6).
    SET_PROPERTIES = 0x0A;
    /// RopDeleteProperties ([MS-OXCROPS] 2.2.8.8).
    DELETE_PROPERTIES = 0x0B;
    /// RopSaveChangesMessage ([MS-OXCROPS] 2.2.6.3).
    SAVE_CHANGES_MESSAGE = 0x0C;
    /// RopRemoveAllRecipients ([MS-OXCROPS] 2.2.6.4).
    REMOVE_ALL_RECIPIENTS = 0x0D;
    /// RopModifyRecipients ([MS-OXCROPS] 2.2.6.5).
    MODIFY_RECIPIENTS = 0x0E;
    /// RopReadRecipients ([MS-OXCROPS] 2.2.6.6).
    READ_RECIPIENTS = 0x0F;
    /// RopReloadCachedInformation ([MS-OXCROPS] 2.2.6.7).
    RELOAD_CACHED_INFORMATION = 0x10;
    /// RopSetMessageReadFlag ([MS-OXCROPS] 2.2.6.11).
    SET_MESSAGE_READ_FLAG = 0x11;
    /// RopSetColumns ([MS-OXCROPS] 2.2.5.1).
    SET_COLUMNS = 0x12;
    /// RopSortTable ([MS-OXCROPS] 2.2.5.2).
    SORT_TABLE = 0x13;
    /// RopRestrict ([MS-OXCROPS] 2.2.5.3).
    RESTRICT = 0x14;
    /// RopQueryRows ([MS-OXCROPS] 2.2.5.4).
    QUERY_ROWS = 0x15;
    /// RopGetStatus ([MS-OXCROPS] 2.2.5.6).
    GET_STATUS = 0x16;
    /// RopQueryPosition ([MS-OXCROPS] 2.2.5.7).
    QUERY_POSITION = 0x17;
    /// RopSeekRow ([MS-OXCROPS] 2.2.5.8).
    SEEK_ROW = 0x18;
    /// RopSeekRowBookmark ([MS-OXCROPS] 2.2.5.9).
    SEEK_ROW_BOOKMARK = 0x19;
    /// RopSeekRowFractional ([MS-OXCROPS] 2.2.5.10).
    SEEK_ROW_FRACTIONAL = 0x1A;
    /// RopCreateBookmark ([MS-OXCROPS] 2.2.5.11).
    CREATE_BOOKMARK = 0x1B;
    /// RopCreateFolder ([MS-OXCROPS] 2.2.4.2).
    CREATE_FOLDER = 0x1C;
    /// RopDeleteFolder ([MS-OXCROPS] 2.2.4.3).
    DELETE_FOLDER = 0x1D;
    /// RopDeleteMessages ([MS-OXCROPS] 2.2.4.11).
    DELETE_MESSAGES = 0x1E;
    /// RopGetMessageStatus ([MS-OXCROPS] 2.2.6.9).
    GET_MESSAGE_STATUS = 0x1F;
    /// RopSetMessageStatus ([MS-OXCROPS] 2.2.6.8).
    SET_MESSAGE_STATUS = 0x20;
    /// RopGetAttachmentTable ([MS-OXCROPS] 2.2.6.17).
    GET_ATTACHMENT_TABLE = 0x21;
    /// RopOpenAttachment ([MS-OXCROPS] 2.2.6.12).
    OPEN_ATTACHMENT = 0x22;
    /// RopCreateAttachment ([MS-OXCROPS] 2.2.6.13).
    CREATE_ATTACHMENT = 0x23;
    /// RopDeleteAttachment ([MS-OXCROPS] 2.2.6.14).
    DELETE_ATTACHMENT = 0x24;
    /// RopSaveChangesAttachment ([MS-OXCROPS] 2.2.6.15).
    SAVE_CHANGES_ATTACHMENT = 0x25;
    /// RopSetReceiveFolder ([MS-OXCROPS] 2.2.3.3).
    SET_RECEIVE_FOLDER = 0x26;
    /// RopGetReceiveFolder ([MS-OXCROPS] 2.2.3.2).
    GET_RECEIVE_FOLDER = 0x27;
    /// RopRegisterNotification ([MS-OXCROPS] 2.2.14.1).
    REGISTER_NOTIFICATION = 0x29;
    /// RopNotify ([MS-OXCROPS] 2.2.14.2).
    NOTIFY = 0x2A;
    /// RopOpenStream ([MS-OXCROPS] 2.2.9.1).
    OPEN_STREAM = 0x2B;
    /// RopReadStream ([MS-OXCROPS] 2.2.9.2).
    READ_STREAM = 0x2C;
    /// RopWriteStream ([MS-OXCROPS] 2.2.9.3).
    WRITE_STREAM = 0x2D;
    /// RopSeekStream ([MS-OXCROPS] 2.2.9.8).
    SEEK_STREAM = 0x2E;
    /// RopSetStreamSize ([MS-OXCROPS] 2.2.9.7).
    SET_STREAM_SIZE = 0x2F;
    /// RopSetSearchCriteria ([MS-OXCROPS] 2.2.4.4).
    SET_SEARCH_CRITERIA = 0x30;
    /// RopGetSearchCriteria ([MS-OXCROPS] 2.2.4.5).
    GET_SEARCH_CRITERIA = 0x31;
    /// RopSubmitMessage ([MS-OXCROPS] 2.2.7.1).
    SUBMIT_MESSAGE = 0x32;
    /// RopMoveCopyMessages ([MS-OXCROPS] 2.2.4.6).
    MOVE_COPY_MESSAGES = 0x33;
    /// RopAbortSubmit ([MS-OXCROPS] 2.2.7.2).
    ABORT_SUBMIT = 0x34;
    /// RopMoveFolder ([MS-OXCROPS] 2.2.4.7).
    MOVE_FOLDER = 0x35;
    /// RopCopyFolder ([MS-OXCROPS] 2.2.4.8).
    COPY_FOLDER = 0x36;
    /// RopQueryColumnsAll ([MS-OXCROPS] 2.2.5.12).
    QUERY_COLUMNS_ALL = 0x37;
    /// RopAbort ([MS-OXCROPS] 2.2.5.5).
    ABORT = 0x38;
    /// RopCopyTo ([MS-OXCROPS] 2.2.8.12).
    COPY_TO = 0x39;
    /// RopCopyToStream ([MS-OXCROPS] 2.2.9.9).
    COPY_TO_STREAM = 0x3A;
    /// RopCloneStream ([MS-OXCROPS] 2.2.9.13).
    CLONE_STREAM = 0x3B;
    /// RopGetPermissionsTable ([MS-OXCROPS] 2.2.10.2).
    GET_PERMISSIONS_TABLE = 0x3E;
    /// RopGetRulesTable ([MS-OXCROPS] 2.2.11.2).
    GET_RULES_TABLE = 0x3F;
    /// RopModifyPermissions ([MS-OXCROPS] 2.2.10.1).
    MODIFY_PERMISSIONS = 0x40;
    /// RopModifyRules ([MS-OXCROPS] 2.2.11.1).
    MODIFY_RULES = 0x41;
    /// RopGetOwningServers ([MS-OXCROPS] 2.2.3.6).
    GET_OWNING_SERVERS = 0x42;
    /// RopLongTermIdFromId ([MS-OXCROPS] 2.2.3.8).
    LONG_TERM_ID_FROM_ID = 0x43;
    /// RopIdFromLongTermId ([MS-OXCROPS] 2.2.3.9).
    ID_FROM_LONG_TERM_ID = 0x44;
    /// RopPublicFolderIsGhosted ([MS-OXCROPS] 2.2.3.7).
    PUBLIC_FOLDER_IS_GHOSTED = 0x45;
    /// RopOpenEmbeddedMessage ([MS-OXCROPS] 2.2.6.16).
    OPEN_EMBEDDED_MESSAGE = 0x46;
    /// RopSetSpooler ([MS-OXCROPS] 2.2.7.4).
    SET_SPOOLER = 0x47;
    /// RopSpoolerLockMessage ([MS-OXCROPS] 2.2.7.5).
    SPOOLER_LOCK_MESSAGE = 0x48;
    /// RopGetAddressTypes ([MS-OXCROPS] 2.2.7.3).
    GET_ADDRESS_TYPES = 0x49;
    /// RopTransportSend ([MS-OXCROPS] 2.2.7.6).
    TRANSPORT_SEND = 0x4A;
    /// RopFastTransferSourceCopyMessages ([MS-OXCROPS] 2.2.12.6).
    FAST_TRANSFER_SOURCE_COPY_MESSAGES = 0x4B;
    /// RopFastTransferSourceCopyFolder ([MS-OXCROPS] 2.2.12.5).
    FAST_TRANSFER_SOURCE_COPY_FOLDER = 0x4C;
    /// RopFastTransferSourceCopyTo ([MS-OXCROPS] 2.2.12.7).
    FAST_TRANSFER_SOURCE_COPY_TO = 0x4D;
    /// RopFastTransferSourceGetBuffer ([MS-OXCROPS] 2.2.12.4).
    FAST_TRANSFER_SOURCE_GET_BUFFER = 0x4E;
    /// RopFindRow ([MS-OXCROPS] 2.2.5.13).
    FIND_ROW = 0x4F;
    /// RopProgress ([MS-OXCROPS] 2.2.8.13).
    PROGRESS = 0x50;
    /// RopTransportNewMail ([MS-OXCROPS] 2.2.7.7).
    TRANSPORT_NEW_MAIL = 0x51;
    /// RopGetValidAttachments ([MS-OXCROPS] 2.2.6.18).
    GET_VALID_ATTACHMENTS = 0x52;
    /// RopFastTransferDestinationConfigure ([MS-OXCROPS] 2.2.12.1).
    FAST_TRANSFER_DESTINATION_CONFIGURE = 0x53;
    /// RopFastTransferDestinationPutBuffer ([MS-OXCROPS] 2.2.12.2).
    FAST_TRANSFER_DESTINATION_PUT_BUFFER = 0x54;
    /// RopGetNamesFromPropertyIds ([MS-OXCROPS] 2.2.8.2).
    GET_NAMES_FROM_PROPERTY_IDS = 0x55;
    /// RopGetPropertyIdsFromNames ([MS-OXCROPS] 2.2.8.1).
    GET_PROPERTY_IDS_FROM_NAMES = 0x56;
    /// RopUpdateDeferredActionMessages ([MS-OXCROPS] 2.2.11.3).
    UPDATE_DEFERRED_ACTION_MESSAGES = 0x57;
    /// RopEmptyFolder ([MS-OXCROPS] 2.2.4.9).
    EMPTY_FOLDER = 0x58;
    /// RopExpandRow ([MS-OXCROPS] 2.2.5.16).
    EXPAND_ROW = 0x59;
    /// RopCollapseRow ([MS-OXCROPS] 2.2.5.17).
    COLLAPSE_ROW = 0x5A;
    /// RopLockRegionStream ([MS-OXCROPS] 2.2.9.10).
    LOCK_REGION_STREAM = 0x5B;
    /// RopUnlockRegionStream ([MS-OXCROPS] 2.2.9.11).
    UNLOCK_REGION_STREAM = 0x5C;
    /// RopCommitStream ([MS-OXCROPS] 2.2.9.5).
    COMMIT_STREAM = 0x5D;
    /// RopGetStreamSize ([MS-OXCROPS] 2.2.9.6).
    GET_STREAM_SIZE = 0x5E;
    /// RopQueryNamedProperties ([MS-OXCROPS] 2.2.8.10).
    QUERY_NAMED_PROPERTIES = 0x5F;
    /// RopGetPerUserLongTermIds ([MS-OXCROPS] 2.2.3.10).
    GET_PER_USER_LONG_TERM_IDS = 0x60;
    /// RopGetPerUserGuid ([MS-OXCROPS] 2.2.3.11).
    GET_PER_USER_GUID = 0x61;
    /// RopReadPerUserInformation ([MS-OXCROPS] 2.2.3.12).
    READ_PER_USER_INFORMATION = 0x63;
    /// RopWritePerUserInformation ([MS-OXCROPS] 2.2.3.13).
    WRITE_PER_USER_INFORMATION = 0x64;
    /// RopSetReadFlags ([MS-OXCROPS] 2.2.6.10).
    SET_READ_FLAGS = 0x66;
    /// RopCopyProperties ([MS-OXCROPS] 2.2.8.11).
    COPY_PROPERTIES = 0x67;
    /// RopGetReceiveFolderTable ([MS-OXCROPS] 2.2.3.4).
    GET_RECEIVE_FOLDER_TABLE = 0x68;
    /// RopFastTransferSourceCopyProperties ([MS-OXCROPS] 2.2.12.8).
    FAST_TRANSFER_SOURCE_COPY_PROPERTIES = 0x69;
    /// RopGetCollapseState ([MS-OXCROPS] 2.2.5.18).
    GET_COLLAPSE_STATE = 0x6B;
    /// RopSetCollapseState ([MS-OXCROPS] 2.2.5.19).
    SET_COLLAPSE_STATE = 0x6C;
    /// RopGetTransportFolder ([MS-OXCROPS] 2.2.7.8).
    GET_TRANSPORT_FOLDER = 0x6D;
    /// RopPending ([MS-OXCROPS] 2.2.14.3).
    PENDING = 0x6E;
    /// RopOptionsData ([MS-OXCROPS] 2.2.7.9).
    OPTIONS_DATA = 0x6F;
    /// RopSynchronizationConfigure ([MS-OXCROPS] 2.2.13.1).
    SYNCHRONIZATION_CONFIGURE = 0x70;
    /// RopSynchronizationImportMessageChange ([MS-OXCROPS] 2.2.13.2).
    SYNCHRONIZATION_IMPORT_MESSAGE_CHANGE = 0x72;
    /// RopSynchronizationImportHierarchyChange ([MS-OXCROPS] 2.2.13.4).
    SYNCHRONIZATION_IMPORT_HIERARCHY_CHANGE = 0x73;
    /// RopSynchronizationImportDeletes ([MS-OXCROPS] 2.2.13.5).
    SYNCHRONIZATION_IMPORT_DELETES = 0x74;
    /// RopSynchronizationUploadStateStreamBegin ([MS-OXCROPS] 2.2.13.9).
    SYNCHRONIZATION_UPLOAD_STATE_STREAM_BEGIN = 0x75;
    /// RopSynchronizationUploadStateStreamContinue ([MS-OXCROPS] 2.2.13.10).
    SYNCHRONIZATION_UPLOAD_STATE_STREAM_CONTINUE = 0x76;
    /// RopSynchronizationUploadStateStreamEnd ([MS-OXCROPS] 2.2.13.11).
    SYNCHRONIZATION_UPLOAD_STATE_STREAM_END = 0x77;
    /// RopSynchronizationImportMessageMove ([MS-OXCROPS] 2.2.13.6).
    SYNCHRONIZATION_IMPORT_MESSAGE_MOVE = 0x78;
    /// RopSetPropertiesNoReplicate ([MS-OXCROPS] 2.2.8.7).
    SET_PROPERTIES_NO_REPLICATE = 0x79;
    /// RopDeletePropertiesNoReplicate ([MS-OXCROPS] 2.2.8.9).
    DELETE_PROPERTIES_NO_REPLICATE = 0x7A;
    /// RopGetStoreState ([MS-OXCROPS] 2.2.3.5).
    GET_STORE_STATE = 0x7B;
    /// RopSynchronizationOpenCollector ([MS-OXCROPS] 2.2.13.7).
    SYNCHRONIZATION_OPEN_COLLECTOR = 0x7E;
    /// RopGetLocalReplicaIds ([MS-OXCROPS] 2.2.13.13).
    GET_LOCAL_REPLICA_IDS = 0x7F;
    /// RopSynchronizationImportReadStateChanges ([MS-OXCROPS] 2.2.13.3).
    SYNCHRONIZATION_IMPORT_READ_STATE_CHANGES = 0x80;
    /// RopResetTable ([MS-OXCROPS] 2.2.5.15).
    RESET_TABLE = 0x81;
    /// RopSynchronizationGetTransferState ([MS-OXCROPS] 2.2.13.8).
    SYNCHRONIZATION_GET_TRANSFER_STATE = 0x82;
    /// RopTellVersion ([MS-OXCROPS] 2.2.12.9).
    TELL_VERSION = 0x86;
    /// RopFreeBookmark ([MS-OXCROPS] 2.2.5.14).
    FREE_BOOKMARK = 0x89;
    /// RopWriteAndCommitStream ([MS-OXCROPS] 2.2.9.12).
    WRITE_AND_COMMIT_STREAM = 0x90;
    /// RopHardDeleteMessages ([MS-OXCROPS] 2.2.4.12).
    HARD_DELETE_MESSAGES = 0x91;
    /// RopHardDeleteMessagesAndSubfolders ([MS-OXCROPS] 2.2.4.10).
    HARD_DELETE_MESSAGES_AND_SUBFOLDERS = 0x92;
    /// RopSetLocalReplicaMidsetDeleted ([MS-OXCROPS] 2.2.13.12).
    SET_LOCAL_REPLICA_MIDSET_DELETED = 0x93;
    /// RopFastTransferDestinationPutBufferExtended ([MS-OXCROPS] 2.2.12.3).
    FAST_TRANSFER_DESTINATION_PUT_BUFFER_EXTENDED = 0x9D;
    /// RopWriteStreamExtended ([MS-OXCROPS] 2.2.9.4).
    WRITE_STREAM_EXTENDED = 0xA3;
    /// RopBackoff ([MS-OXCROPS] 2.2.15.2).
    BACKOFF = 0xF9;
    /// RopLogon ([MS-OXCROPS] 2.2.3.1).
    LOGON = 0xFE;
    /// RopBufferTooSmall ([MS-OXCROPS] 2.2.15.1).
    BUFFER_TOO_SMALL = 0xFF;
}

impl RopId {
    fn entry(self) -> Option<&'static (u8, &'static str, RopFamily)> {
        ROPS.get(usize::from(INDEX[usize::from(self.0)]))
    }

    /// The spec's name (`RopQueryRows`); `None` for a reserved value.
    pub fn name(self) -> Option<&'static str> {
        self.entry().map(|e| e.1)
    }

    /// The family (section of [MS-OXCROPS]) of an assigned id; `None` for a reserved value.
    pub fn family(self) -> Option<RopFamily> {
        self.entry().map(|e| e.2)
    }

    /// True for the values the table of [MS-OXCROPS] 2.2.2 marks "Reserved" (all values it
    /// does not assign).
    pub fn is_reserved(self) -> bool {
        self.entry().is_none()
    }

    /// Every assigned id, in increasing order.
    pub fn all() -> impl Iterator<Item = RopId> {
        ROPS.iter().map(|r| RopId(r.0))
    }
}

impl fmt::Debug for RopId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => write!(f, "{n}"),
            None => write!(f, "RopId(0x{:02X})", self.0),
        }
    }
}

impl ToTree for RopId {
    fn to_tree(&self) -> Tree {
        Tree::named(self.0, self.name())
    }
}
