//! The RopId code ([MS-OXCROPS] 2.2.2) and the family each ROP belongs to.

use crate::wire::named_code;

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
        RopId::all().filter(move |id| id.family() == Some(self))
    }
}

named_code! {
    /// The one-byte RopId that starts every ROP request and response buffer ([MS-OXCROPS] 2.2.2).
    /// An open code: every byte value is representable; [`RopId::name`] knows the spec's names
    /// (`None` for the values the spec reserves).
    pub struct RopId(u8);
    /// RopRelease ([MS-OXCROPS] 2.2.15.3).
    RELEASE = 0x01 => "RopRelease",
    /// RopOpenFolder ([MS-OXCROPS] 2.2.4.1).
    OPEN_FOLDER = 0x02 => "RopOpenFolder",
    /// RopOpenMessage ([MS-OXCROPS] 2.2.6.1).
    OPEN_MESSAGE = 0x03 => "RopOpenMessage",
    /// RopGetHierarchyTable ([MS-OXCROPS] 2.2.4.13).
    GET_HIERARCHY_TABLE = 0x04 => "RopGetHierarchyTable",
    /// RopGetContentsTable ([MS-OXCROPS] 2.2.4.14).
    GET_CONTENTS_TABLE = 0x05 => "RopGetContentsTable",
    /// RopCreateMessage ([MS-OXCROPS] 2.2.6.2).
    CREATE_MESSAGE = 0x06 => "RopCreateMessage",
    /// RopGetPropertiesSpecific ([MS-OXCROPS] 2.2.8.3).
    GET_PROPERTIES_SPECIFIC = 0x07 => "RopGetPropertiesSpecific",
    /// RopGetPropertiesAll ([MS-OXCROPS] 2.2.8.4).
    GET_PROPERTIES_ALL = 0x08 => "RopGetPropertiesAll",
    /// RopGetPropertiesList ([MS-OXCROPS] 2.2.8.5).
    GET_PROPERTIES_LIST = 0x09 => "RopGetPropertiesList",
    /// RopSetProperties ([MS-OXCROPS] 2.2.8.6).
    SET_PROPERTIES = 0x0A => "RopSetProperties",
    /// RopDeleteProperties ([MS-OXCROPS] 2.2.8.8).
    DELETE_PROPERTIES = 0x0B => "RopDeleteProperties",
    /// RopSaveChangesMessage ([MS-OXCROPS] 2.2.6.3).
    SAVE_CHANGES_MESSAGE = 0x0C => "RopSaveChangesMessage",
    /// RopRemoveAllRecipients ([MS-OXCROPS] 2.2.6.4).
    REMOVE_ALL_RECIPIENTS = 0x0D => "RopRemoveAllRecipients",
    /// RopModifyRecipients ([MS-OXCROPS] 2.2.6.5).
    MODIFY_RECIPIENTS = 0x0E => "RopModifyRecipients",
    /// RopReadRecipients ([MS-OXCROPS] 2.2.6.6).
    READ_RECIPIENTS = 0x0F => "RopReadRecipients",
    /// RopReloadCachedInformation ([MS-OXCROPS] 2.2.6.7).
    RELOAD_CACHED_INFORMATION = 0x10 => "RopReloadCachedInformation",
    /// RopSetMessageReadFlag ([MS-OXCROPS] 2.2.6.11).
    SET_MESSAGE_READ_FLAG = 0x11 => "RopSetMessageReadFlag",
    /// RopSetColumns ([MS-OXCROPS] 2.2.5.1).
    SET_COLUMNS = 0x12 => "RopSetColumns",
    /// RopSortTable ([MS-OXCROPS] 2.2.5.2).
    SORT_TABLE = 0x13 => "RopSortTable",
    /// RopRestrict ([MS-OXCROPS] 2.2.5.3).
    RESTRICT = 0x14 => "RopRestrict",
    /// RopQueryRows ([MS-OXCROPS] 2.2.5.4).
    QUERY_ROWS = 0x15 => "RopQueryRows",
    /// RopGetStatus ([MS-OXCROPS] 2.2.5.6).
    GET_STATUS = 0x16 => "RopGetStatus",
    /// RopQueryPosition ([MS-OXCROPS] 2.2.5.7).
    QUERY_POSITION = 0x17 => "RopQueryPosition",
    /// RopSeekRow ([MS-OXCROPS] 2.2.5.8).
    SEEK_ROW = 0x18 => "RopSeekRow",
    /// RopSeekRowBookmark ([MS-OXCROPS] 2.2.5.9).
    SEEK_ROW_BOOKMARK = 0x19 => "RopSeekRowBookmark",
    /// RopSeekRowFractional ([MS-OXCROPS] 2.2.5.10).
    SEEK_ROW_FRACTIONAL = 0x1A => "RopSeekRowFractional",
    /// RopCreateBookmark ([MS-OXCROPS] 2.2.5.11).
    CREATE_BOOKMARK = 0x1B => "RopCreateBookmark",
    /// RopCreateFolder ([MS-OXCROPS] 2.2.4.2).
    CREATE_FOLDER = 0x1C => "RopCreateFolder",
    /// RopDeleteFolder ([MS-OXCROPS] 2.2.4.3).
    DELETE_FOLDER = 0x1D => "RopDeleteFolder",
    /// RopDeleteMessages ([MS-OXCROPS] 2.2.4.11).
    DELETE_MESSAGES = 0x1E => "RopDeleteMessages",
    /// RopGetMessageStatus ([MS-OXCROPS] 2.2.6.9).
    GET_MESSAGE_STATUS = 0x1F => "RopGetMessageStatus",
    /// RopSetMessageStatus ([MS-OXCROPS] 2.2.6.8).
    SET_MESSAGE_STATUS = 0x20 => "RopSetMessageStatus",
    /// RopGetAttachmentTable ([MS-OXCROPS] 2.2.6.17).
    GET_ATTACHMENT_TABLE = 0x21 => "RopGetAttachmentTable",
    /// RopOpenAttachment ([MS-OXCROPS] 2.2.6.12).
    OPEN_ATTACHMENT = 0x22 => "RopOpenAttachment",
    /// RopCreateAttachment ([MS-OXCROPS] 2.2.6.13).
    CREATE_ATTACHMENT = 0x23 => "RopCreateAttachment",
    /// RopDeleteAttachment ([MS-OXCROPS] 2.2.6.14).
    DELETE_ATTACHMENT = 0x24 => "RopDeleteAttachment",
    /// RopSaveChangesAttachment ([MS-OXCROPS] 2.2.6.15).
    SAVE_CHANGES_ATTACHMENT = 0x25 => "RopSaveChangesAttachment",
    /// RopSetReceiveFolder ([MS-OXCROPS] 2.2.3.3).
    SET_RECEIVE_FOLDER = 0x26 => "RopSetReceiveFolder",
    /// RopGetReceiveFolder ([MS-OXCROPS] 2.2.3.2).
    GET_RECEIVE_FOLDER = 0x27 => "RopGetReceiveFolder",
    /// RopRegisterNotification ([MS-OXCROPS] 2.2.14.1).
    REGISTER_NOTIFICATION = 0x29 => "RopRegisterNotification",
    /// RopNotify ([MS-OXCROPS] 2.2.14.2).
    NOTIFY = 0x2A => "RopNotify",
    /// RopOpenStream ([MS-OXCROPS] 2.2.9.1).
    OPEN_STREAM = 0x2B => "RopOpenStream",
    /// RopReadStream ([MS-OXCROPS] 2.2.9.2).
    READ_STREAM = 0x2C => "RopReadStream",
    /// RopWriteStream ([MS-OXCROPS] 2.2.9.3).
    WRITE_STREAM = 0x2D => "RopWriteStream",
    /// RopSeekStream ([MS-OXCROPS] 2.2.9.8).
    SEEK_STREAM = 0x2E => "RopSeekStream",
    /// RopSetStreamSize ([MS-OXCROPS] 2.2.9.7).
    SET_STREAM_SIZE = 0x2F => "RopSetStreamSize",
    /// RopSetSearchCriteria ([MS-OXCROPS] 2.2.4.4).
    SET_SEARCH_CRITERIA = 0x30 => "RopSetSearchCriteria",
    /// RopGetSearchCriteria ([MS-OXCROPS] 2.2.4.5).
    GET_SEARCH_CRITERIA = 0x31 => "RopGetSearchCriteria",
    /// RopSubmitMessage ([MS-OXCROPS] 2.2.7.1).
    SUBMIT_MESSAGE = 0x32 => "RopSubmitMessage",
    /// RopMoveCopyMessages ([MS-OXCROPS] 2.2.4.6).
    MOVE_COPY_MESSAGES = 0x33 => "RopMoveCopyMessages",
    /// RopAbortSubmit ([MS-OXCROPS] 2.2.7.2).
    ABORT_SUBMIT = 0x34 => "RopAbortSubmit",
    /// RopMoveFolder ([MS-OXCROPS] 2.2.4.7).
    MOVE_FOLDER = 0x35 => "RopMoveFolder",
    /// RopCopyFolder ([MS-OXCROPS] 2.2.4.8).
    COPY_FOLDER = 0x36 => "RopCopyFolder",
    /// RopQueryColumnsAll ([MS-OXCROPS] 2.2.5.12).
    QUERY_COLUMNS_ALL = 0x37 => "RopQueryColumnsAll",
    /// RopAbort ([MS-OXCROPS] 2.2.5.5).
    ABORT = 0x38 => "RopAbort",
    /// RopCopyTo ([MS-OXCROPS] 2.2.8.12).
    COPY_TO = 0x39 => "RopCopyTo",
    /// RopCopyToStream ([MS-OXCROPS] 2.2.9.9).
    COPY_TO_STREAM = 0x3A => "RopCopyToStream",
    /// RopCloneStream ([MS-OXCROPS] 2.2.9.13).
    CLONE_STREAM = 0x3B => "RopCloneStream",
    /// RopGetPermissionsTable ([MS-OXCROPS] 2.2.10.2).
    GET_PERMISSIONS_TABLE = 0x3E => "RopGetPermissionsTable",
    /// RopGetRulesTable ([MS-OXCROPS] 2.2.11.2).
    GET_RULES_TABLE = 0x3F => "RopGetRulesTable",
    /// RopModifyPermissions ([MS-OXCROPS] 2.2.10.1).
    MODIFY_PERMISSIONS = 0x40 => "RopModifyPermissions",
    /// RopModifyRules ([MS-OXCROPS] 2.2.11.1).
    MODIFY_RULES = 0x41 => "RopModifyRules",
    /// RopGetOwningServers ([MS-OXCROPS] 2.2.3.6).
    GET_OWNING_SERVERS = 0x42 => "RopGetOwningServers",
    /// RopLongTermIdFromId ([MS-OXCROPS] 2.2.3.8).
    LONG_TERM_ID_FROM_ID = 0x43 => "RopLongTermIdFromId",
    /// RopIdFromLongTermId ([MS-OXCROPS] 2.2.3.9).
    ID_FROM_LONG_TERM_ID = 0x44 => "RopIdFromLongTermId",
    /// RopPublicFolderIsGhosted ([MS-OXCROPS] 2.2.3.7).
    PUBLIC_FOLDER_IS_GHOSTED = 0x45 => "RopPublicFolderIsGhosted",
    /// RopOpenEmbeddedMessage ([MS-OXCROPS] 2.2.6.16).
    OPEN_EMBEDDED_MESSAGE = 0x46 => "RopOpenEmbeddedMessage",
    /// RopSetSpooler ([MS-OXCROPS] 2.2.7.4).
    SET_SPOOLER = 0x47 => "RopSetSpooler",
    /// RopSpoolerLockMessage ([MS-OXCROPS] 2.2.7.5).
    SPOOLER_LOCK_MESSAGE = 0x48 => "RopSpoolerLockMessage",
    /// RopGetAddressTypes ([MS-OXCROPS] 2.2.7.3).
    GET_ADDRESS_TYPES = 0x49 => "RopGetAddressTypes",
    /// RopTransportSend ([MS-OXCROPS] 2.2.7.6).
    TRANSPORT_SEND = 0x4A => "RopTransportSend",
    /// RopFastTransferSourceCopyMessages ([MS-OXCROPS] 2.2.12.6).
    FAST_TRANSFER_SOURCE_COPY_MESSAGES = 0x4B => "RopFastTransferSourceCopyMessages",
    /// RopFastTransferSourceCopyFolder ([MS-OXCROPS] 2.2.12.5).
    FAST_TRANSFER_SOURCE_COPY_FOLDER = 0x4C => "RopFastTransferSourceCopyFolder",
    /// RopFastTransferSourceCopyTo ([MS-OXCROPS] 2.2.12.7).
    FAST_TRANSFER_SOURCE_COPY_TO = 0x4D => "RopFastTransferSourceCopyTo",
    /// RopFastTransferSourceGetBuffer ([MS-OXCROPS] 2.2.12.4).
    FAST_TRANSFER_SOURCE_GET_BUFFER = 0x4E => "RopFastTransferSourceGetBuffer",
    /// RopFindRow ([MS-OXCROPS] 2.2.5.13).
    FIND_ROW = 0x4F => "RopFindRow",
    /// RopProgress ([MS-OXCROPS] 2.2.8.13).
    PROGRESS = 0x50 => "RopProgress",
    /// RopTransportNewMail ([MS-OXCROPS] 2.2.7.7).
    TRANSPORT_NEW_MAIL = 0x51 => "RopTransportNewMail",
    /// RopGetValidAttachments ([MS-OXCROPS] 2.2.6.18).
    GET_VALID_ATTACHMENTS = 0x52 => "RopGetValidAttachments",
    /// RopFastTransferDestinationConfigure ([MS-OXCROPS] 2.2.12.1).
    FAST_TRANSFER_DESTINATION_CONFIGURE = 0x53 => "RopFastTransferDestinationConfigure",
    /// RopFastTransferDestinationPutBuffer ([MS-OXCROPS] 2.2.12.2).
    FAST_TRANSFER_DESTINATION_PUT_BUFFER = 0x54 => "RopFastTransferDestinationPutBuffer",
    /// RopGetNamesFromPropertyIds ([MS-OXCROPS] 2.2.8.2).
    GET_NAMES_FROM_PROPERTY_IDS = 0x55 => "RopGetNamesFromPropertyIds",
    /// RopGetPropertyIdsFromNames ([MS-OXCROPS] 2.2.8.1).
    GET_PROPERTY_IDS_FROM_NAMES = 0x56 => "RopGetPropertyIdsFromNames",
    /// RopUpdateDeferredActionMessages ([MS-OXCROPS] 2.2.11.3).
    UPDATE_DEFERRED_ACTION_MESSAGES = 0x57 => "RopUpdateDeferredActionMessages",
    /// RopEmptyFolder ([MS-OXCROPS] 2.2.4.9).
    EMPTY_FOLDER = 0x58 => "RopEmptyFolder",
    /// RopExpandRow ([MS-OXCROPS] 2.2.5.16).
    EXPAND_ROW = 0x59 => "RopExpandRow",
    /// RopCollapseRow ([MS-OXCROPS] 2.2.5.17).
    COLLAPSE_ROW = 0x5A => "RopCollapseRow",
    /// RopLockRegionStream ([MS-OXCROPS] 2.2.9.10).
    LOCK_REGION_STREAM = 0x5B => "RopLockRegionStream",
    /// RopUnlockRegionStream ([MS-OXCROPS] 2.2.9.11).
    UNLOCK_REGION_STREAM = 0x5C => "RopUnlockRegionStream",
    /// RopCommitStream ([MS-OXCROPS] 2.2.9.5).
    COMMIT_STREAM = 0x5D => "RopCommitStream",
    /// RopGetStreamSize ([MS-OXCROPS] 2.2.9.6).
    GET_STREAM_SIZE = 0x5E => "RopGetStreamSize",
    /// RopQueryNamedProperties ([MS-OXCROPS] 2.2.8.10).
    QUERY_NAMED_PROPERTIES = 0x5F => "RopQueryNamedProperties",
    /// RopGetPerUserLongTermIds ([MS-OXCROPS] 2.2.3.10).
    GET_PER_USER_LONG_TERM_IDS = 0x60 => "RopGetPerUserLongTermIds",
    /// RopGetPerUserGuid ([MS-OXCROPS] 2.2.3.11).
    GET_PER_USER_GUID = 0x61 => "RopGetPerUserGuid",
    /// RopReadPerUserInformation ([MS-OXCROPS] 2.2.3.12).
    READ_PER_USER_INFORMATION = 0x63 => "RopReadPerUserInformation",
    /// RopWritePerUserInformation ([MS-OXCROPS] 2.2.3.13).
    WRITE_PER_USER_INFORMATION = 0x64 => "RopWritePerUserInformation",
    /// RopSetReadFlags ([MS-OXCROPS] 2.2.6.10).
    SET_READ_FLAGS = 0x66 => "RopSetReadFlags",
    /// RopCopyProperties ([MS-OXCROPS] 2.2.8.11).
    COPY_PROPERTIES = 0x67 => "RopCopyProperties",
    /// RopGetReceiveFolderTable ([MS-OXCROPS] 2.2.3.4).
    GET_RECEIVE_FOLDER_TABLE = 0x68 => "RopGetReceiveFolderTable",
    /// RopFastTransferSourceCopyProperties ([MS-OXCROPS] 2.2.12.8).
    FAST_TRANSFER_SOURCE_COPY_PROPERTIES = 0x69 => "RopFastTransferSourceCopyProperties",
    /// RopGetCollapseState ([MS-OXCROPS] 2.2.5.18).
    GET_COLLAPSE_STATE = 0x6B => "RopGetCollapseState",
    /// RopSetCollapseState ([MS-OXCROPS] 2.2.5.19).
    SET_COLLAPSE_STATE = 0x6C => "RopSetCollapseState",
    /// RopGetTransportFolder ([MS-OXCROPS] 2.2.7.8).
    GET_TRANSPORT_FOLDER = 0x6D => "RopGetTransportFolder",
    /// RopPending ([MS-OXCROPS] 2.2.14.3).
    PENDING = 0x6E => "RopPending",
    /// RopOptionsData ([MS-OXCROPS] 2.2.7.9).
    OPTIONS_DATA = 0x6F => "RopOptionsData",
    /// RopSynchronizationConfigure ([MS-OXCROPS] 2.2.13.1).
    SYNCHRONIZATION_CONFIGURE = 0x70 => "RopSynchronizationConfigure",
    /// RopSynchronizationImportMessageChange ([MS-OXCROPS] 2.2.13.2).
    SYNCHRONIZATION_IMPORT_MESSAGE_CHANGE = 0x72 => "RopSynchronizationImportMessageChange",
    /// RopSynchronizationImportHierarchyChange ([MS-OXCROPS] 2.2.13.4).
    SYNCHRONIZATION_IMPORT_HIERARCHY_CHANGE = 0x73 => "RopSynchronizationImportHierarchyChange",
    /// RopSynchronizationImportDeletes ([MS-OXCROPS] 2.2.13.5).
    SYNCHRONIZATION_IMPORT_DELETES = 0x74 => "RopSynchronizationImportDeletes",
    /// RopSynchronizationUploadStateStreamBegin ([MS-OXCROPS] 2.2.13.9).
    SYNCHRONIZATION_UPLOAD_STATE_STREAM_BEGIN = 0x75 => "RopSynchronizationUploadStateStreamBegin",
    /// RopSynchronizationUploadStateStreamContinue ([MS-OXCROPS] 2.2.13.10).
    SYNCHRONIZATION_UPLOAD_STATE_STREAM_CONTINUE = 0x76 => "RopSynchronizationUploadStateStreamContinue",
    /// RopSynchronizationUploadStateStreamEnd ([MS-OXCROPS] 2.2.13.11).
    SYNCHRONIZATION_UPLOAD_STATE_STREAM_END = 0x77 => "RopSynchronizationUploadStateStreamEnd",
    /// RopSynchronizationImportMessageMove ([MS-OXCROPS] 2.2.13.6).
    SYNCHRONIZATION_IMPORT_MESSAGE_MOVE = 0x78 => "RopSynchronizationImportMessageMove",
    /// RopSetPropertiesNoReplicate ([MS-OXCROPS] 2.2.8.7).
    SET_PROPERTIES_NO_REPLICATE = 0x79 => "RopSetPropertiesNoReplicate",
    /// RopDeletePropertiesNoReplicate ([MS-OXCROPS] 2.2.8.9).
    DELETE_PROPERTIES_NO_REPLICATE = 0x7A => "RopDeletePropertiesNoReplicate",
    /// RopGetStoreState ([MS-OXCROPS] 2.2.3.5).
    GET_STORE_STATE = 0x7B => "RopGetStoreState",
    /// RopSynchronizationOpenCollector ([MS-OXCROPS] 2.2.13.7).
    SYNCHRONIZATION_OPEN_COLLECTOR = 0x7E => "RopSynchronizationOpenCollector",
    /// RopGetLocalReplicaIds ([MS-OXCROPS] 2.2.13.13).
    GET_LOCAL_REPLICA_IDS = 0x7F => "RopGetLocalReplicaIds",
    /// RopSynchronizationImportReadStateChanges ([MS-OXCROPS] 2.2.13.3).
    SYNCHRONIZATION_IMPORT_READ_STATE_CHANGES = 0x80 => "RopSynchronizationImportReadStateChanges",
    /// RopResetTable ([MS-OXCROPS] 2.2.5.15).
    RESET_TABLE = 0x81 => "RopResetTable",
    /// RopSynchronizationGetTransferState ([MS-OXCROPS] 2.2.13.8).
    SYNCHRONIZATION_GET_TRANSFER_STATE = 0x82 => "RopSynchronizationGetTransferState",
    /// RopTellVersion ([MS-OXCROPS] 2.2.12.9).
    TELL_VERSION = 0x86 => "RopTellVersion",
    /// RopFreeBookmark ([MS-OXCROPS] 2.2.5.14).
    FREE_BOOKMARK = 0x89 => "RopFreeBookmark",
    /// RopWriteAndCommitStream ([MS-OXCROPS] 2.2.9.12).
    WRITE_AND_COMMIT_STREAM = 0x90 => "RopWriteAndCommitStream",
    /// RopHardDeleteMessages ([MS-OXCROPS] 2.2.4.12).
    HARD_DELETE_MESSAGES = 0x91 => "RopHardDeleteMessages",
    /// RopHardDeleteMessagesAndSubfolders ([MS-OXCROPS] 2.2.4.10).
    HARD_DELETE_MESSAGES_AND_SUBFOLDERS = 0x92 => "RopHardDeleteMessagesAndSubfolders",
    /// RopSetLocalReplicaMidsetDeleted ([MS-OXCROPS] 2.2.13.12).
    SET_LOCAL_REPLICA_MIDSET_DELETED = 0x93 => "RopSetLocalReplicaMidsetDeleted",
    /// RopFastTransferDestinationPutBufferExtended ([MS-OXCROPS] 2.2.12.3).
    FAST_TRANSFER_DESTINATION_PUT_BUFFER_EXTENDED = 0x9D => "RopFastTransferDestinationPutBufferExtended",
    /// RopWriteStreamExtended ([MS-OXCROPS] 2.2.9.4).
    WRITE_STREAM_EXTENDED = 0xA3 => "RopWriteStreamExtended",
    /// RopBackoff ([MS-OXCROPS] 2.2.15.2).
    BACKOFF = 0xF9 => "RopBackoff",
    /// RopLogon ([MS-OXCROPS] 2.2.3.1).
    LOGON = 0xFE => "RopLogon",
    /// RopBufferTooSmall ([MS-OXCROPS] 2.2.15.1).
    BUFFER_TOO_SMALL = 0xFF => "RopBufferTooSmall",
}

impl RopId {
    /// The family (section of [MS-OXCROPS]) of an assigned id; `None` for a reserved value.
    pub fn family(self) -> Option<RopFamily> {
        use RopFamily as F;
        Some(match self {
            RopId::SET_RECEIVE_FOLDER
            | RopId::GET_RECEIVE_FOLDER
            | RopId::GET_OWNING_SERVERS
            | RopId::LONG_TERM_ID_FROM_ID
            | RopId::ID_FROM_LONG_TERM_ID
            | RopId::PUBLIC_FOLDER_IS_GHOSTED
            | RopId::GET_PER_USER_LONG_TERM_IDS
            | RopId::GET_PER_USER_GUID
            | RopId::READ_PER_USER_INFORMATION
            | RopId::WRITE_PER_USER_INFORMATION
            | RopId::GET_RECEIVE_FOLDER_TABLE
            | RopId::GET_STORE_STATE
            | RopId::LOGON => F::Logon,
            RopId::OPEN_FOLDER
            | RopId::GET_HIERARCHY_TABLE
            | RopId::GET_CONTENTS_TABLE
            | RopId::CREATE_FOLDER
            | RopId::DELETE_FOLDER
            | RopId::DELETE_MESSAGES
            | RopId::SET_SEARCH_CRITERIA
            | RopId::GET_SEARCH_CRITERIA
            | RopId::MOVE_COPY_MESSAGES
            | RopId::MOVE_FOLDER
            | RopId::COPY_FOLDER
            | RopId::EMPTY_FOLDER
            | RopId::HARD_DELETE_MESSAGES
            | RopId::HARD_DELETE_MESSAGES_AND_SUBFOLDERS => F::Folder,
            RopId::SET_COLUMNS
            | RopId::SORT_TABLE
            | RopId::RESTRICT
            | RopId::QUERY_ROWS
            | RopId::GET_STATUS
            | RopId::QUERY_POSITION
            | RopId::SEEK_ROW
            | RopId::SEEK_ROW_BOOKMARK
            | RopId::SEEK_ROW_FRACTIONAL
            | RopId::CREATE_BOOKMARK
            | RopId::QUERY_COLUMNS_ALL
            | RopId::ABORT
            | RopId::FIND_ROW
            | RopId::EXPAND_ROW
            | RopId::COLLAPSE_ROW
            | RopId::GET_COLLAPSE_STATE
            | RopId::SET_COLLAPSE_STATE
            | RopId::RESET_TABLE
            | RopId::FREE_BOOKMARK => F::Table,
            RopId::OPEN_MESSAGE
            | RopId::CREATE_MESSAGE
            | RopId::SAVE_CHANGES_MESSAGE
            | RopId::REMOVE_ALL_RECIPIENTS
            | RopId::MODIFY_RECIPIENTS
            | RopId::READ_RECIPIENTS
            | RopId::RELOAD_CACHED_INFORMATION
            | RopId::SET_MESSAGE_READ_FLAG
            | RopId::GET_MESSAGE_STATUS
            | RopId::SET_MESSAGE_STATUS
            | RopId::GET_ATTACHMENT_TABLE
            | RopId::OPEN_ATTACHMENT
            | RopId::CREATE_ATTACHMENT
            | RopId::DELETE_ATTACHMENT
            | RopId::SAVE_CHANGES_ATTACHMENT
            | RopId::OPEN_EMBEDDED_MESSAGE
            | RopId::GET_VALID_ATTACHMENTS
            | RopId::SET_READ_FLAGS => F::Message,
            RopId::SUBMIT_MESSAGE
            | RopId::ABORT_SUBMIT
            | RopId::SET_SPOOLER
            | RopId::SPOOLER_LOCK_MESSAGE
            | RopId::GET_ADDRESS_TYPES
            | RopId::TRANSPORT_SEND
            | RopId::TRANSPORT_NEW_MAIL
            | RopId::GET_TRANSPORT_FOLDER
            | RopId::OPTIONS_DATA => F::Transport,
            RopId::GET_PROPERTIES_SPECIFIC
            | RopId::GET_PROPERTIES_ALL
            | RopId::GET_PROPERTIES_LIST
            | RopId::SET_PROPERTIES
            | RopId::DELETE_PROPERTIES
            | RopId::COPY_TO
            | RopId::PROGRESS
            | RopId::GET_NAMES_FROM_PROPERTY_IDS
            | RopId::GET_PROPERTY_IDS_FROM_NAMES
            | RopId::QUERY_NAMED_PROPERTIES
            | RopId::COPY_PROPERTIES
            | RopId::SET_PROPERTIES_NO_REPLICATE
            | RopId::DELETE_PROPERTIES_NO_REPLICATE => F::Property,
            RopId::OPEN_STREAM
            | RopId::READ_STREAM
            | RopId::WRITE_STREAM
            | RopId::SEEK_STREAM
            | RopId::SET_STREAM_SIZE
            | RopId::COPY_TO_STREAM
            | RopId::CLONE_STREAM
            | RopId::LOCK_REGION_STREAM
            | RopId::UNLOCK_REGION_STREAM
            | RopId::COMMIT_STREAM
            | RopId::GET_STREAM_SIZE
            | RopId::WRITE_AND_COMMIT_STREAM
            | RopId::WRITE_STREAM_EXTENDED => F::Stream,
            RopId::GET_PERMISSIONS_TABLE | RopId::MODIFY_PERMISSIONS => F::Permission,
            RopId::GET_RULES_TABLE
            | RopId::MODIFY_RULES
            | RopId::UPDATE_DEFERRED_ACTION_MESSAGES => F::Rule,
            RopId::FAST_TRANSFER_SOURCE_COPY_MESSAGES
            | RopId::FAST_TRANSFER_SOURCE_COPY_FOLDER
            | RopId::FAST_TRANSFER_SOURCE_COPY_TO
            | RopId::FAST_TRANSFER_SOURCE_GET_BUFFER
            | RopId::FAST_TRANSFER_DESTINATION_CONFIGURE
            | RopId::FAST_TRANSFER_DESTINATION_PUT_BUFFER
            | RopId::FAST_TRANSFER_SOURCE_COPY_PROPERTIES
            | RopId::TELL_VERSION
            | RopId::FAST_TRANSFER_DESTINATION_PUT_BUFFER_EXTENDED => F::FastTransfer,
            RopId::SYNCHRONIZATION_CONFIGURE
            | RopId::SYNCHRONIZATION_IMPORT_MESSAGE_CHANGE
            | RopId::SYNCHRONIZATION_IMPORT_HIERARCHY_CHANGE
            | RopId::SYNCHRONIZATION_IMPORT_DELETES
            | RopId::SYNCHRONIZATION_UPLOAD_STATE_STREAM_BEGIN
            | RopId::SYNCHRONIZATION_UPLOAD_STATE_STREAM_CONTINUE
            | RopId::SYNCHRONIZATION_UPLOAD_STATE_STREAM_END
            | RopId::SYNCHRONIZATION_IMPORT_MESSAGE_MOVE
            | RopId::SYNCHRONIZATION_OPEN_COLLECTOR
            | RopId::GET_LOCAL_REPLICA_IDS
            | RopId::SYNCHRONIZATION_IMPORT_READ_STATE_CHANGES
            | RopId::SYNCHRONIZATION_GET_TRANSFER_STATE
            | RopId::SET_LOCAL_REPLICA_MIDSET_DELETED => F::Ics,
            RopId::REGISTER_NOTIFICATION | RopId::NOTIFY | RopId::PENDING => F::Notification,
            RopId::RELEASE | RopId::BACKOFF | RopId::BUFFER_TOO_SMALL => F::Other,
            _ => return None,
        })
    }

    /// True for the values the table of [MS-OXCROPS] 2.2.2 marks "Reserved" (all values it
    /// does not assign).
    pub fn is_reserved(self) -> bool {
        self.name().is_none()
    }

    /// Every assigned id, in increasing order.
    pub fn all() -> impl Iterator<Item = RopId> {
        Self::NAMED.iter().map(|r| r.0)
    }
}
