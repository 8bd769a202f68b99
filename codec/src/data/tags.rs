//! Typed property tags: [MS-OXPROPS] section 2 gives each tagged property a canonical name, a
//! property ID and a data type; this table holds those of the properties mailbox and
//! address-book work uses most (identity, message, folder, recipient, attachment, address
//! book, store, rules and permissions), as `PropTag` constants named in Rust case
//! (`PidTagDisplayName` is [`PropTag::DISPLAY_NAME`]) and as [`PROPERTY_TAGS`], sorted by name
//! for [`PropTag::from_name`]. Four entries are not in [MS-OXPROPS] section 2 and take their
//! canonical name, identifier and type from Microsoft's MAPI canonical property reference
//! instead: `PidTagAssociatedContentCount`, `PidTagInternetArticleNumber`,
//! `PidTagIpmSubtreeEntryId` and `PidTagStoreRecordKey`.
//!
//! Where [MS-OXPROPS] lists two data types for one property (PidTagAddressBookHomeMessageDatabase
//! and PidTagAddressBookIsMemberOfDistributionList: PtypString8, or PtypEmbeddedTable when an
//! NSPI server returns them), the constant has the first. PtypEmbeddedTable is 0x000D, the value
//! of [`PropType::OBJECT`].
//!
//! # Verification
//!
//! Every entry (name, ID and type; 255 of them) was checked on 2026-12-07, and none needed a
//! change:
//!
//! - all against three independent tables: Wine's `mapitags.h` (ID and type, for the 136
//!   entries whose ID it lists; PT_STRING8 and PT_UNICODE count as PtypString), a name and ID
//!   list taken from [MS-OXPROPS] (251 entries, all but the four above) and a name and
//!   full-tag list taken from [MS-OXPROPS] (250 entries; it lacks the four above and
//!   `PidTagAttachContentId`). No table disagreed with an entry;
//! - 70 entries against their own [MS-OXPROPS] section 2 page ("Canonical name", "Property
//!   ID", "Data type") and 73 more against their page in Microsoft's MAPI canonical property
//!   reference ("Identifier", "Data type"); the tests below repeat those values;
//! - for 13 entries no such page was found; another Microsoft page gives the type (a protocol
//!   document that uses the property, or for PidTagMailboxOwnerName a MAPI reference page
//!   whose "Identifier" line holds the type by mistake) and the ID rests on the tables above:
//!   PidTagAddressBookDisplayTypeExtended, PidTagAddressBookEntryId,
//!   PidTagAddressBookPhoneticDisplayName, PidTagAddressBookX509Certificate,
//!   PidTagBodyContentId, PidTagChangeNumber, PidTagCodePageId, PidTagDisplayTypeEx,
//!   PidTagLastModifierEntryId, PidTagMailboxOwnerName, PidTagRights, PidTagSourceKey,
//!   PidTagThumbnailPhoto;
//! - for 20 entries no Microsoft page was found, and ID and type rest on the tables above
//!   only: PidTagAddressBookDistributionListMemberCount, PidTagAddressBookExtensionAttribute1,
//!   PidTagAddressBookIsMemberOfDistributionList, PidTagAddressBookNetworkAddress,
//!   PidTagAddressBookPublicDelegates, PidTagAddressBookRoomCapacity, PidTagAssociated,
//!   PidTagAttachFlags, PidTagAttributeReadOnly, PidTagConversationId, PidTagDeletedCountTotal,
//!   PidTagHierarchyChangeNumber, PidTagIpmContactEntryId, PidTagMailboxOwnerEntryId,
//!   PidTagMaximumSubmitMessageSize, PidTagOutOfOfficeState, PidTagParentSourceKey,
//!   PidTagProhibitSendQuota, PidTagRecipientOrder, PidTagUserEntryId;
//! - the remaining 79 entries, all with IDs below 0x4000, agree with all three tables but were
//!   not looked up on a Microsoft page.
//!
//! The tests also check that the table is sorted and that every entry's ID has the same
//! canonical name in [`PROPERTY_IDS`](super::PROPERTY_IDS) (the table of every tagged
//! property's name).

use super::{PropTag, PropType};

/// Declares the typed tags: a `PropTag` constant each, and [`PROPERTY_TAGS`].
macro_rules! prop_tags {
    ($($(#[$m:meta])* $c:ident = $id:literal, $ty:ident => $name:literal;)*) => {
        impl PropTag {
            $($(#[$m])* pub const $c: PropTag = PropTag::new($id, PropType::$ty);)*
        }

        /// The typed tags of [MS-OXPROPS] this crate names, by canonical name
        /// (`("PidTagDisplayName", PropTag::DISPLAY_NAME)`), sorted by name.
        pub static PROPERTY_TAGS: &[(&str, PropTag)] = &[$(($name, PropTag::$c),)*];
    };
}

prop_tags! {
    /// `PidTagAccess`, PtypInteger32: 0x0FF40003.
    ACCESS = 0x0FF4, INTEGER32 => "PidTagAccess";
    /// `PidTagAccessLevel`, PtypInteger32: 0x0FF70003.
    ACCESS_LEVEL = 0x0FF7, INTEGER32 => "PidTagAccessLevel";
    /// `PidTagAccount`, PtypString: 0x3A00001F.
    ACCOUNT = 0x3A00, STRING => "PidTagAccount";
    /// `PidTagAdditionalRenEntryIds`, PtypMultipleBinary: 0x36D81102.
    ADDITIONAL_REN_ENTRY_IDS = 0x36D8, MULTIPLE_BINARY => "PidTagAdditionalRenEntryIds";
    /// `PidTagAdditionalRenEntryIdsEx`, PtypBinary: 0x36D90102.
    ADDITIONAL_REN_ENTRY_IDS_EX = 0x36D9, BINARY => "PidTagAdditionalRenEntryIdsEx";
    /// `PidTagAddressBookContainerId`, PtypInteger32: 0xFFFD0003.
    ADDRESS_BOOK_CONTAINER_ID = 0xFFFD, INTEGER32 => "PidTagAddressBookContainerId";
    /// `PidTagAddressBookDisplayNamePrintable`, PtypString: 0x39FF001F.
    ADDRESS_BOOK_DISPLAY_NAME_PRINTABLE = 0x39FF, STRING => "PidTagAddressBookDisplayNamePrintable";
    /// `PidTagAddressBookDisplayTypeExtended`, PtypInteger32: 0x8C930003.
    ADDRESS_BOOK_DISPLAY_TYPE_EXTENDED = 0x8C93, INTEGER32 => "PidTagAddressBookDisplayTypeExtended";
    /// `PidTagAddressBookDistributionListMemberCount`, PtypInteger32: 0x8CE20003.
    ADDRESS_BOOK_DISTRIBUTION_LIST_MEMBER_COUNT = 0x8CE2, INTEGER32 => "PidTagAddressBookDistributionListMemberCount";
    /// `PidTagAddressBookEntryId`, PtypBinary: 0x663B0102.
    ADDRESS_BOOK_ENTRY_ID = 0x663B, BINARY => "PidTagAddressBookEntryId";
    /// `PidTagAddressBookExtensionAttribute1`, PtypString: 0x802D001F.
    ADDRESS_BOOK_EXTENSION_ATTRIBUTE1 = 0x802D, STRING => "PidTagAddressBookExtensionAttribute1";
    /// `PidTagAddressBookHomeMessageDatabase`, PtypString8: 0x8006001E.
    ADDRESS_BOOK_HOME_MESSAGE_DATABASE = 0x8006, STRING8 => "PidTagAddressBookHomeMessageDatabase";
    /// `PidTagAddressBookIsMaster`, PtypBoolean: 0xFFFB000B.
    ADDRESS_BOOK_IS_MASTER = 0xFFFB, BOOLEAN => "PidTagAddressBookIsMaster";
    /// `PidTagAddressBookIsMemberOfDistributionList`, PtypString8: 0x8008001E.
    ADDRESS_BOOK_IS_MEMBER_OF_DISTRIBUTION_LIST = 0x8008, STRING8 => "PidTagAddressBookIsMemberOfDistributionList";
    /// `PidTagAddressBookMember`, PtypObject: 0x8009000D.
    ADDRESS_BOOK_MEMBER = 0x8009, OBJECT => "PidTagAddressBookMember";
    /// `PidTagAddressBookNetworkAddress`, PtypMultipleString: 0x8170101F.
    ADDRESS_BOOK_NETWORK_ADDRESS = 0x8170, MULTIPLE_STRING => "PidTagAddressBookNetworkAddress";
    /// `PidTagAddressBookObjectDistinguishedName`, PtypString: 0x803C001F.
    ADDRESS_BOOK_OBJECT_DISTINGUISHED_NAME = 0x803C, STRING => "PidTagAddressBookObjectDistinguishedName";
    /// `PidTagAddressBookObjectGuid`, PtypBinary: 0x8C6D0102.
    ADDRESS_BOOK_OBJECT_GUID = 0x8C6D, BINARY => "PidTagAddressBookObjectGuid";
    /// `PidTagAddressBookParentEntryId`, PtypBinary: 0xFFFC0102.
    ADDRESS_BOOK_PARENT_ENTRY_ID = 0xFFFC, BINARY => "PidTagAddressBookParentEntryId";
    /// `PidTagAddressBookPhoneticDisplayName`, PtypString: 0x8C92001F.
    ADDRESS_BOOK_PHONETIC_DISPLAY_NAME = 0x8C92, STRING => "PidTagAddressBookPhoneticDisplayName";
    /// `PidTagAddressBookProxyAddresses`, PtypMultipleString: 0x800F101F.
    ADDRESS_BOOK_PROXY_ADDRESSES = 0x800F, MULTIPLE_STRING => "PidTagAddressBookProxyAddresses";
    /// `PidTagAddressBookPublicDelegates`, PtypObject: 0x8015000D.
    ADDRESS_BOOK_PUBLIC_DELEGATES = 0x8015, OBJECT => "PidTagAddressBookPublicDelegates";
    /// `PidTagAddressBookRoomCapacity`, PtypInteger32: 0x08070003.
    ADDRESS_BOOK_ROOM_CAPACITY = 0x0807, INTEGER32 => "PidTagAddressBookRoomCapacity";
    /// `PidTagAddressBookRoomDescription`, PtypString: 0x0809001F.
    ADDRESS_BOOK_ROOM_DESCRIPTION = 0x0809, STRING => "PidTagAddressBookRoomDescription";
    /// `PidTagAddressBookSeniorityIndex`, PtypInteger32: 0x8CA00003.
    ADDRESS_BOOK_SENIORITY_INDEX = 0x8CA0, INTEGER32 => "PidTagAddressBookSeniorityIndex";
    /// `PidTagAddressBookTargetAddress`, PtypString: 0x8011001F.
    ADDRESS_BOOK_TARGET_ADDRESS = 0x8011, STRING => "PidTagAddressBookTargetAddress";
    /// `PidTagAddressBookX509Certificate`, PtypMultipleBinary: 0x8C6A1102.
    ADDRESS_BOOK_X509_CERTIFICATE = 0x8C6A, MULTIPLE_BINARY => "PidTagAddressBookX509Certificate";
    /// `PidTagAddressType`, PtypString: 0x3002001F.
    ADDRESS_TYPE = 0x3002, STRING => "PidTagAddressType";
    /// `PidTagAssistant`, PtypString: 0x3A30001F.
    ASSISTANT = 0x3A30, STRING => "PidTagAssistant";
    /// `PidTagAssociated`, PtypBoolean: 0x67AA000B.
    ASSOCIATED = 0x67AA, BOOLEAN => "PidTagAssociated";
    /// `PidTagAssociatedContentCount`, PtypInteger32: 0x36170003.
    ASSOCIATED_CONTENT_COUNT = 0x3617, INTEGER32 => "PidTagAssociatedContentCount";
    /// `PidTagAttachAdditionalInformation`, PtypBinary: 0x370F0102.
    ATTACH_ADDITIONAL_INFORMATION = 0x370F, BINARY => "PidTagAttachAdditionalInformation";
    /// `PidTagAttachContentBase`, PtypString: 0x3711001F.
    ATTACH_CONTENT_BASE = 0x3711, STRING => "PidTagAttachContentBase";
    /// `PidTagAttachContentId`, PtypString: 0x3712001F.
    ATTACH_CONTENT_ID = 0x3712, STRING => "PidTagAttachContentId";
    /// `PidTagAttachContentLocation`, PtypString: 0x3713001F.
    ATTACH_CONTENT_LOCATION = 0x3713, STRING => "PidTagAttachContentLocation";
    /// `PidTagAttachDataBinary`, PtypBinary: 0x37010102.
    ATTACH_DATA_BINARY = 0x3701, BINARY => "PidTagAttachDataBinary";
    /// `PidTagAttachEncoding`, PtypBinary: 0x37020102.
    ATTACH_ENCODING = 0x3702, BINARY => "PidTagAttachEncoding";
    /// `PidTagAttachExtension`, PtypString: 0x3703001F.
    ATTACH_EXTENSION = 0x3703, STRING => "PidTagAttachExtension";
    /// `PidTagAttachFilename`, PtypString: 0x3704001F.
    ATTACH_FILENAME = 0x3704, STRING => "PidTagAttachFilename";
    /// `PidTagAttachFlags`, PtypInteger32: 0x37140003.
    ATTACH_FLAGS = 0x3714, INTEGER32 => "PidTagAttachFlags";
    /// `PidTagAttachLongFilename`, PtypString: 0x3707001F.
    ATTACH_LONG_FILENAME = 0x3707, STRING => "PidTagAttachLongFilename";
    /// `PidTagAttachLongPathname`, PtypString: 0x370D001F.
    ATTACH_LONG_PATHNAME = 0x370D, STRING => "PidTagAttachLongPathname";
    /// `PidTagAttachMethod`, PtypInteger32: 0x37050003.
    ATTACH_METHOD = 0x3705, INTEGER32 => "PidTagAttachMethod";
    /// `PidTagAttachMimeTag`, PtypString: 0x370E001F.
    ATTACH_MIME_TAG = 0x370E, STRING => "PidTagAttachMimeTag";
    /// `PidTagAttachNumber`, PtypInteger32: 0x0E210003.
    ATTACH_NUMBER = 0x0E21, INTEGER32 => "PidTagAttachNumber";
    /// `PidTagAttachPathname`, PtypString: 0x3708001F.
    ATTACH_PATHNAME = 0x3708, STRING => "PidTagAttachPathname";
    /// `PidTagAttachRendering`, PtypBinary: 0x37090102.
    ATTACH_RENDERING = 0x3709, BINARY => "PidTagAttachRendering";
    /// `PidTagAttachSize`, PtypInteger32: 0x0E200003.
    ATTACH_SIZE = 0x0E20, INTEGER32 => "PidTagAttachSize";
    /// `PidTagAttachTag`, PtypBinary: 0x370A0102.
    ATTACH_TAG = 0x370A, BINARY => "PidTagAttachTag";
    /// `PidTagAttachmentContactPhoto`, PtypBoolean: 0x7FFF000B.
    ATTACHMENT_CONTACT_PHOTO = 0x7FFF, BOOLEAN => "PidTagAttachmentContactPhoto";
    /// `PidTagAttachmentFlags`, PtypInteger32: 0x7FFD0003.
    ATTACHMENT_FLAGS = 0x7FFD, INTEGER32 => "PidTagAttachmentFlags";
    /// `PidTagAttachmentHidden`, PtypBoolean: 0x7FFE000B.
    ATTACHMENT_HIDDEN = 0x7FFE, BOOLEAN => "PidTagAttachmentHidden";
    /// `PidTagAttachmentLinkId`, PtypInteger32: 0x7FFA0003.
    ATTACHMENT_LINK_ID = 0x7FFA, INTEGER32 => "PidTagAttachmentLinkId";
    /// `PidTagAttributeHidden`, PtypBoolean: 0x10F4000B.
    ATTRIBUTE_HIDDEN = 0x10F4, BOOLEAN => "PidTagAttributeHidden";
    /// `PidTagAttributeReadOnly`, PtypBoolean: 0x10F6000B.
    ATTRIBUTE_READ_ONLY = 0x10F6, BOOLEAN => "PidTagAttributeReadOnly";
    /// `PidTagAutoForwarded`, PtypBoolean: 0x0005000B.
    AUTO_FORWARDED = 0x0005, BOOLEAN => "PidTagAutoForwarded";
    /// `PidTagBody`, PtypString: 0x1000001F.
    BODY = 0x1000, STRING => "PidTagBody";
    /// `PidTagBodyContentId`, PtypString: 0x1015001F.
    BODY_CONTENT_ID = 0x1015, STRING => "PidTagBodyContentId";
    /// `PidTagBusiness2TelephoneNumber`, PtypString: 0x3A1B001F.
    BUSINESS2_TELEPHONE_NUMBER = 0x3A1B, STRING => "PidTagBusiness2TelephoneNumber";
    /// `PidTagBusinessTelephoneNumber`, PtypString: 0x3A08001F.
    BUSINESS_TELEPHONE_NUMBER = 0x3A08, STRING => "PidTagBusinessTelephoneNumber";
    /// `PidTagChangeKey`, PtypBinary: 0x65E20102.
    CHANGE_KEY = 0x65E2, BINARY => "PidTagChangeKey";
    /// `PidTagChangeNumber`, PtypInteger64: 0x67A40014.
    CHANGE_NUMBER = 0x67A4, INTEGER64 => "PidTagChangeNumber";
    /// `PidTagClientSubmitTime`, PtypTime: 0x00390040.
    CLIENT_SUBMIT_TIME = 0x0039, TIME => "PidTagClientSubmitTime";
    /// `PidTagCodePageId`, PtypInteger32: 0x66C30003.
    CODE_PAGE_ID = 0x66C3, INTEGER32 => "PidTagCodePageId";
    /// `PidTagComment`, PtypString: 0x3004001F.
    COMMENT = 0x3004, STRING => "PidTagComment";
    /// `PidTagCompanyName`, PtypString: 0x3A16001F.
    COMPANY_NAME = 0x3A16, STRING => "PidTagCompanyName";
    /// `PidTagContainerClass`, PtypString: 0x3613001F.
    CONTAINER_CLASS = 0x3613, STRING => "PidTagContainerClass";
    /// `PidTagContainerContents`, PtypObject: 0x360F000D.
    CONTAINER_CONTENTS = 0x360F, OBJECT => "PidTagContainerContents";
    /// `PidTagContainerFlags`, PtypInteger32: 0x36000003.
    CONTAINER_FLAGS = 0x3600, INTEGER32 => "PidTagContainerFlags";
    /// `PidTagContainerHierarchy`, PtypObject: 0x360E000D.
    CONTAINER_HIERARCHY = 0x360E, OBJECT => "PidTagContainerHierarchy";
    /// `PidTagContentCount`, PtypInteger32: 0x36020003.
    CONTENT_COUNT = 0x3602, INTEGER32 => "PidTagContentCount";
    /// `PidTagContentUnreadCount`, PtypInteger32: 0x36030003.
    CONTENT_UNREAD_COUNT = 0x3603, INTEGER32 => "PidTagContentUnreadCount";
    /// `PidTagConversationId`, PtypBinary: 0x30130102.
    CONVERSATION_ID = 0x3013, BINARY => "PidTagConversationId";
    /// `PidTagConversationIndex`, PtypBinary: 0x00710102.
    CONVERSATION_INDEX = 0x0071, BINARY => "PidTagConversationIndex";
    /// `PidTagConversationTopic`, PtypString: 0x0070001F.
    CONVERSATION_TOPIC = 0x0070, STRING => "PidTagConversationTopic";
    /// `PidTagCountry`, PtypString: 0x3A26001F.
    COUNTRY = 0x3A26, STRING => "PidTagCountry";
    /// `PidTagCreationTime`, PtypTime: 0x30070040.
    CREATION_TIME = 0x3007, TIME => "PidTagCreationTime";
    /// `PidTagCreatorEntryId`, PtypBinary: 0x3FF90102.
    CREATOR_ENTRY_ID = 0x3FF9, BINARY => "PidTagCreatorEntryId";
    /// `PidTagCreatorName`, PtypString: 0x3FF8001F.
    CREATOR_NAME = 0x3FF8, STRING => "PidTagCreatorName";
    /// `PidTagDefaultPostMessageClass`, PtypString: 0x36E5001F.
    DEFAULT_POST_MESSAGE_CLASS = 0x36E5, STRING => "PidTagDefaultPostMessageClass";
    /// `PidTagDeferredDeliveryTime`, PtypTime: 0x000F0040.
    DEFERRED_DELIVERY_TIME = 0x000F, TIME => "PidTagDeferredDeliveryTime";
    /// `PidTagDeletedCountTotal`, PtypInteger32: 0x670B0003.
    DELETED_COUNT_TOTAL = 0x670B, INTEGER32 => "PidTagDeletedCountTotal";
    /// `PidTagDepartmentName`, PtypString: 0x3A18001F.
    DEPARTMENT_NAME = 0x3A18, STRING => "PidTagDepartmentName";
    /// `PidTagDepth`, PtypInteger32: 0x30050003.
    DEPTH = 0x3005, INTEGER32 => "PidTagDepth";
    /// `PidTagDisplayBcc`, PtypString: 0x0E02001F.
    DISPLAY_BCC = 0x0E02, STRING => "PidTagDisplayBcc";
    /// `PidTagDisplayCc`, PtypString: 0x0E03001F.
    DISPLAY_CC = 0x0E03, STRING => "PidTagDisplayCc";
    /// `PidTagDisplayName`, PtypString: 0x3001001F.
    DISPLAY_NAME = 0x3001, STRING => "PidTagDisplayName";
    /// `PidTagDisplayNamePrefix`, PtypString: 0x3A45001F.
    DISPLAY_NAME_PREFIX = 0x3A45, STRING => "PidTagDisplayNamePrefix";
    /// `PidTagDisplayTo`, PtypString: 0x0E04001F.
    DISPLAY_TO = 0x0E04, STRING => "PidTagDisplayTo";
    /// `PidTagDisplayType`, PtypInteger32: 0x39000003.
    DISPLAY_TYPE = 0x3900, INTEGER32 => "PidTagDisplayType";
    /// `PidTagDisplayTypeEx`, PtypInteger32: 0x39050003.
    DISPLAY_TYPE_EX = 0x3905, INTEGER32 => "PidTagDisplayTypeEx";
    /// `PidTagEmailAddress`, PtypString: 0x3003001F.
    EMAIL_ADDRESS = 0x3003, STRING => "PidTagEmailAddress";
    /// `PidTagEndDate`, PtypTime: 0x00610040.
    END_DATE = 0x0061, TIME => "PidTagEndDate";
    /// `PidTagEntryId`, PtypBinary: 0x0FFF0102.
    ENTRY_ID = 0x0FFF, BINARY => "PidTagEntryId";
    /// `PidTagExceptionEndTime`, PtypTime: 0x7FFC0040.
    EXCEPTION_END_TIME = 0x7FFC, TIME => "PidTagExceptionEndTime";
    /// `PidTagExceptionStartTime`, PtypTime: 0x7FFB0040.
    EXCEPTION_START_TIME = 0x7FFB, TIME => "PidTagExceptionStartTime";
    /// `PidTagExpiryTime`, PtypTime: 0x00150040.
    EXPIRY_TIME = 0x0015, TIME => "PidTagExpiryTime";
    /// `PidTagExtendedFolderFlags`, PtypBinary: 0x36DA0102.
    EXTENDED_FOLDER_FLAGS = 0x36DA, BINARY => "PidTagExtendedFolderFlags";
    /// `PidTagExtendedRuleMessageActions`, PtypBinary: 0x0E990102.
    EXTENDED_RULE_MESSAGE_ACTIONS = 0x0E99, BINARY => "PidTagExtendedRuleMessageActions";
    /// `PidTagExtendedRuleMessageCondition`, PtypBinary: 0x0E9A0102.
    EXTENDED_RULE_MESSAGE_CONDITION = 0x0E9A, BINARY => "PidTagExtendedRuleMessageCondition";
    /// `PidTagFlagStatus`, PtypInteger32: 0x10900003.
    FLAG_STATUS = 0x1090, INTEGER32 => "PidTagFlagStatus";
    /// `PidTagFolderAssociatedContents`, PtypObject: 0x3610000D.
    FOLDER_ASSOCIATED_CONTENTS = 0x3610, OBJECT => "PidTagFolderAssociatedContents";
    /// `PidTagFolderId`, PtypInteger64: 0x67480014.
    FOLDER_ID = 0x6748, INTEGER64 => "PidTagFolderId";
    /// `PidTagFolderType`, PtypInteger32: 0x36010003.
    FOLDER_TYPE = 0x3601, INTEGER32 => "PidTagFolderType";
    /// `PidTagFollowupIcon`, PtypInteger32: 0x10950003.
    FOLLOWUP_ICON = 0x1095, INTEGER32 => "PidTagFollowupIcon";
    /// `PidTagFreeBusyEntryIds`, PtypMultipleBinary: 0x36E41102.
    FREE_BUSY_ENTRY_IDS = 0x36E4, MULTIPLE_BINARY => "PidTagFreeBusyEntryIds";
    /// `PidTagGeneration`, PtypString: 0x3A05001F.
    GENERATION = 0x3A05, STRING => "PidTagGeneration";
    /// `PidTagGivenName`, PtypString: 0x3A06001F.
    GIVEN_NAME = 0x3A06, STRING => "PidTagGivenName";
    /// `PidTagHasAttachments`, PtypBoolean: 0x0E1B000B.
    HAS_ATTACHMENTS = 0x0E1B, BOOLEAN => "PidTagHasAttachments";
    /// `PidTagHasNamedProperties`, PtypBoolean: 0x664A000B.
    HAS_NAMED_PROPERTIES = 0x664A, BOOLEAN => "PidTagHasNamedProperties";
    /// `PidTagHierarchyChangeNumber`, PtypInteger32: 0x663E0003.
    HIERARCHY_CHANGE_NUMBER = 0x663E, INTEGER32 => "PidTagHierarchyChangeNumber";
    /// `PidTagHome2TelephoneNumber`, PtypString: 0x3A2F001F.
    HOME2_TELEPHONE_NUMBER = 0x3A2F, STRING => "PidTagHome2TelephoneNumber";
    /// `PidTagHomeTelephoneNumber`, PtypString: 0x3A09001F.
    HOME_TELEPHONE_NUMBER = 0x3A09, STRING => "PidTagHomeTelephoneNumber";
    /// `PidTagHtml`, PtypBinary: 0x10130102.
    HTML = 0x1013, BINARY => "PidTagHtml";
    /// `PidTagIconIndex`, PtypInteger32: 0x10800003.
    ICON_INDEX = 0x1080, INTEGER32 => "PidTagIconIndex";
    /// `PidTagImportance`, PtypInteger32: 0x00170003.
    IMPORTANCE = 0x0017, INTEGER32 => "PidTagImportance";
    /// `PidTagInReplyToId`, PtypString: 0x1042001F.
    IN_REPLY_TO_ID = 0x1042, STRING => "PidTagInReplyToId";
    /// `PidTagInitials`, PtypString: 0x3A0A001F.
    INITIALS = 0x3A0A, STRING => "PidTagInitials";
    /// `PidTagInstID`, PtypInteger64: 0x674D0014.
    INST_ID = 0x674D, INTEGER64 => "PidTagInstID";
    /// `PidTagInstanceKey`, PtypBinary: 0x0FF60102.
    INSTANCE_KEY = 0x0FF6, BINARY => "PidTagInstanceKey";
    /// `PidTagInstanceNum`, PtypInteger32: 0x674E0003.
    INSTANCE_NUM = 0x674E, INTEGER32 => "PidTagInstanceNum";
    /// `PidTagInternetArticleNumber`, PtypInteger32: 0x0E230003.
    INTERNET_ARTICLE_NUMBER = 0x0E23, INTEGER32 => "PidTagInternetArticleNumber";
    /// `PidTagInternetCodepage`, PtypInteger32: 0x3FDE0003.
    INTERNET_CODEPAGE = 0x3FDE, INTEGER32 => "PidTagInternetCodepage";
    /// `PidTagInternetMessageId`, PtypString: 0x1035001F.
    INTERNET_MESSAGE_ID = 0x1035, STRING => "PidTagInternetMessageId";
    /// `PidTagInternetReferences`, PtypString: 0x1039001F.
    INTERNET_REFERENCES = 0x1039, STRING => "PidTagInternetReferences";
    /// `PidTagIpmAppointmentEntryId`, PtypBinary: 0x36D00102.
    IPM_APPOINTMENT_ENTRY_ID = 0x36D0, BINARY => "PidTagIpmAppointmentEntryId";
    /// `PidTagIpmContactEntryId`, PtypBinary: 0x36D10102.
    IPM_CONTACT_ENTRY_ID = 0x36D1, BINARY => "PidTagIpmContactEntryId";
    /// `PidTagIpmDraftsEntryId`, PtypBinary: 0x36D70102.
    IPM_DRAFTS_ENTRY_ID = 0x36D7, BINARY => "PidTagIpmDraftsEntryId";
    /// `PidTagIpmJournalEntryId`, PtypBinary: 0x36D20102.
    IPM_JOURNAL_ENTRY_ID = 0x36D2, BINARY => "PidTagIpmJournalEntryId";
    /// `PidTagIpmNoteEntryId`, PtypBinary: 0x36D30102.
    IPM_NOTE_ENTRY_ID = 0x36D3, BINARY => "PidTagIpmNoteEntryId";
    /// `PidTagIpmSubtreeEntryId`, PtypBinary: 0x35E00102.
    IPM_SUBTREE_ENTRY_ID = 0x35E0, BINARY => "PidTagIpmSubtreeEntryId";
    /// `PidTagIpmTaskEntryId`, PtypBinary: 0x36D40102.
    IPM_TASK_ENTRY_ID = 0x36D4, BINARY => "PidTagIpmTaskEntryId";
    /// `PidTagLastModificationTime`, PtypTime: 0x30080040.
    LAST_MODIFICATION_TIME = 0x3008, TIME => "PidTagLastModificationTime";
    /// `PidTagLastModifierEntryId`, PtypBinary: 0x3FFB0102.
    LAST_MODIFIER_ENTRY_ID = 0x3FFB, BINARY => "PidTagLastModifierEntryId";
    /// `PidTagLastModifierName`, PtypString: 0x3FFA001F.
    LAST_MODIFIER_NAME = 0x3FFA, STRING => "PidTagLastModifierName";
    /// `PidTagLastVerbExecuted`, PtypInteger32: 0x10810003.
    LAST_VERB_EXECUTED = 0x1081, INTEGER32 => "PidTagLastVerbExecuted";
    /// `PidTagLastVerbExecutionTime`, PtypTime: 0x10820040.
    LAST_VERB_EXECUTION_TIME = 0x1082, TIME => "PidTagLastVerbExecutionTime";
    /// `PidTagLocalCommitTimeMax`, PtypTime: 0x670A0040.
    LOCAL_COMMIT_TIME_MAX = 0x670A, TIME => "PidTagLocalCommitTimeMax";
    /// `PidTagLocaleId`, PtypInteger32: 0x66A10003.
    LOCALE_ID = 0x66A1, INTEGER32 => "PidTagLocaleId";
    /// `PidTagLocality`, PtypString: 0x3A27001F.
    LOCALITY = 0x3A27, STRING => "PidTagLocality";
    /// `PidTagMailboxOwnerEntryId`, PtypBinary: 0x661B0102.
    MAILBOX_OWNER_ENTRY_ID = 0x661B, BINARY => "PidTagMailboxOwnerEntryId";
    /// `PidTagMailboxOwnerName`, PtypString: 0x661C001F.
    MAILBOX_OWNER_NAME = 0x661C, STRING => "PidTagMailboxOwnerName";
    /// `PidTagMappingSignature`, PtypBinary: 0x0FF80102.
    MAPPING_SIGNATURE = 0x0FF8, BINARY => "PidTagMappingSignature";
    /// `PidTagMaximumSubmitMessageSize`, PtypInteger32: 0x666D0003.
    MAXIMUM_SUBMIT_MESSAGE_SIZE = 0x666D, INTEGER32 => "PidTagMaximumSubmitMessageSize";
    /// `PidTagMemberId`, PtypInteger64: 0x66710014.
    MEMBER_ID = 0x6671, INTEGER64 => "PidTagMemberId";
    /// `PidTagMemberName`, PtypString: 0x6672001F.
    MEMBER_NAME = 0x6672, STRING => "PidTagMemberName";
    /// `PidTagMemberRights`, PtypInteger32: 0x66730003.
    MEMBER_RIGHTS = 0x6673, INTEGER32 => "PidTagMemberRights";
    /// `PidTagMessageAttachments`, PtypObject: 0x0E13000D.
    MESSAGE_ATTACHMENTS = 0x0E13, OBJECT => "PidTagMessageAttachments";
    /// `PidTagMessageClass`, PtypString: 0x001A001F.
    MESSAGE_CLASS = 0x001A, STRING => "PidTagMessageClass";
    /// `PidTagMessageCodepage`, PtypInteger32: 0x3FFD0003.
    MESSAGE_CODEPAGE = 0x3FFD, INTEGER32 => "PidTagMessageCodepage";
    /// `PidTagMessageDeliveryTime`, PtypTime: 0x0E060040.
    MESSAGE_DELIVERY_TIME = 0x0E06, TIME => "PidTagMessageDeliveryTime";
    /// `PidTagMessageFlags`, PtypInteger32: 0x0E070003.
    MESSAGE_FLAGS = 0x0E07, INTEGER32 => "PidTagMessageFlags";
    /// `PidTagMessageLocaleId`, PtypInteger32: 0x3FF10003.
    MESSAGE_LOCALE_ID = 0x3FF1, INTEGER32 => "PidTagMessageLocaleId";
    /// `PidTagMessageRecipients`, PtypObject: 0x0E12000D.
    MESSAGE_RECIPIENTS = 0x0E12, OBJECT => "PidTagMessageRecipients";
    /// `PidTagMessageSize`, PtypInteger32: 0x0E080003.
    MESSAGE_SIZE = 0x0E08, INTEGER32 => "PidTagMessageSize";
    /// `PidTagMessageStatus`, PtypInteger32: 0x0E170003.
    MESSAGE_STATUS = 0x0E17, INTEGER32 => "PidTagMessageStatus";
    /// `PidTagMid`, PtypInteger64: 0x674A0014.
    MID = 0x674A, INTEGER64 => "PidTagMid";
    /// `PidTagMiddleName`, PtypString: 0x3A44001F.
    MIDDLE_NAME = 0x3A44, STRING => "PidTagMiddleName";
    /// `PidTagMobileTelephoneNumber`, PtypString: 0x3A1C001F.
    MOBILE_TELEPHONE_NUMBER = 0x3A1C, STRING => "PidTagMobileTelephoneNumber";
    /// `PidTagNativeBody`, PtypInteger32: 0x10160003.
    NATIVE_BODY = 0x1016, INTEGER32 => "PidTagNativeBody";
    /// `PidTagNickname`, PtypString: 0x3A4F001F.
    NICKNAME = 0x3A4F, STRING => "PidTagNickname";
    /// `PidTagNormalizedSubject`, PtypString: 0x0E1D001F.
    NORMALIZED_SUBJECT = 0x0E1D, STRING => "PidTagNormalizedSubject";
    /// `PidTagObjectType`, PtypInteger32: 0x0FFE0003.
    OBJECT_TYPE = 0x0FFE, INTEGER32 => "PidTagObjectType";
    /// `PidTagOfficeLocation`, PtypString: 0x3A19001F.
    OFFICE_LOCATION = 0x3A19, STRING => "PidTagOfficeLocation";
    /// `PidTagOriginalEntryId`, PtypBinary: 0x3A120102.
    ORIGINAL_ENTRY_ID = 0x3A12, BINARY => "PidTagOriginalEntryId";
    /// `PidTagOriginalSubject`, PtypString: 0x0049001F.
    ORIGINAL_SUBJECT = 0x0049, STRING => "PidTagOriginalSubject";
    /// `PidTagOriginatorDeliveryReportRequested`, PtypBoolean: 0x0023000B.
    ORIGINATOR_DELIVERY_REPORT_REQUESTED = 0x0023, BOOLEAN => "PidTagOriginatorDeliveryReportRequested";
    /// `PidTagOutOfOfficeState`, PtypBoolean: 0x661D000B.
    OUT_OF_OFFICE_STATE = 0x661D, BOOLEAN => "PidTagOutOfOfficeState";
    /// `PidTagPagerTelephoneNumber`, PtypString: 0x3A21001F.
    PAGER_TELEPHONE_NUMBER = 0x3A21, STRING => "PidTagPagerTelephoneNumber";
    /// `PidTagParentEntryId`, PtypBinary: 0x0E090102.
    PARENT_ENTRY_ID = 0x0E09, BINARY => "PidTagParentEntryId";
    /// `PidTagParentFolderId`, PtypInteger64: 0x67490014.
    PARENT_FOLDER_ID = 0x6749, INTEGER64 => "PidTagParentFolderId";
    /// `PidTagParentSourceKey`, PtypBinary: 0x65E10102.
    PARENT_SOURCE_KEY = 0x65E1, BINARY => "PidTagParentSourceKey";
    /// `PidTagPostalAddress`, PtypString: 0x3A15001F.
    POSTAL_ADDRESS = 0x3A15, STRING => "PidTagPostalAddress";
    /// `PidTagPostalCode`, PtypString: 0x3A2A001F.
    POSTAL_CODE = 0x3A2A, STRING => "PidTagPostalCode";
    /// `PidTagPredecessorChangeList`, PtypBinary: 0x65E30102.
    PREDECESSOR_CHANGE_LIST = 0x65E3, BINARY => "PidTagPredecessorChangeList";
    /// `PidTagPrimaryFaxNumber`, PtypString: 0x3A23001F.
    PRIMARY_FAX_NUMBER = 0x3A23, STRING => "PidTagPrimaryFaxNumber";
    /// `PidTagPriority`, PtypInteger32: 0x00260003.
    PRIORITY = 0x0026, INTEGER32 => "PidTagPriority";
    /// `PidTagProhibitReceiveQuota`, PtypInteger32: 0x666A0003.
    PROHIBIT_RECEIVE_QUOTA = 0x666A, INTEGER32 => "PidTagProhibitReceiveQuota";
    /// `PidTagProhibitSendQuota`, PtypInteger32: 0x666E0003.
    PROHIBIT_SEND_QUOTA = 0x666E, INTEGER32 => "PidTagProhibitSendQuota";
    /// `PidTagRead`, PtypBoolean: 0x0E69000B.
    READ = 0x0E69, BOOLEAN => "PidTagRead";
    /// `PidTagReadReceiptRequested`, PtypBoolean: 0x0029000B.
    READ_RECEIPT_REQUESTED = 0x0029, BOOLEAN => "PidTagReadReceiptRequested";
    /// `PidTagReceivedByAddressType`, PtypString: 0x0075001F.
    RECEIVED_BY_ADDRESS_TYPE = 0x0075, STRING => "PidTagReceivedByAddressType";
    /// `PidTagReceivedByEmailAddress`, PtypString: 0x0076001F.
    RECEIVED_BY_EMAIL_ADDRESS = 0x0076, STRING => "PidTagReceivedByEmailAddress";
    /// `PidTagReceivedByEntryId`, PtypBinary: 0x003F0102.
    RECEIVED_BY_ENTRY_ID = 0x003F, BINARY => "PidTagReceivedByEntryId";
    /// `PidTagReceivedByName`, PtypString: 0x0040001F.
    RECEIVED_BY_NAME = 0x0040, STRING => "PidTagReceivedByName";
    /// `PidTagReceivedRepresentingEntryId`, PtypBinary: 0x00430102.
    RECEIVED_REPRESENTING_ENTRY_ID = 0x0043, BINARY => "PidTagReceivedRepresentingEntryId";
    /// `PidTagReceivedRepresentingName`, PtypString: 0x0044001F.
    RECEIVED_REPRESENTING_NAME = 0x0044, STRING => "PidTagReceivedRepresentingName";
    /// `PidTagRecipientDisplayName`, PtypString: 0x5FF6001F.
    RECIPIENT_DISPLAY_NAME = 0x5FF6, STRING => "PidTagRecipientDisplayName";
    /// `PidTagRecipientEntryId`, PtypBinary: 0x5FF70102.
    RECIPIENT_ENTRY_ID = 0x5FF7, BINARY => "PidTagRecipientEntryId";
    /// `PidTagRecipientFlags`, PtypInteger32: 0x5FFD0003.
    RECIPIENT_FLAGS = 0x5FFD, INTEGER32 => "PidTagRecipientFlags";
    /// `PidTagRecipientOrder`, PtypInteger32: 0x5FDF0003.
    RECIPIENT_ORDER = 0x5FDF, INTEGER32 => "PidTagRecipientOrder";
    /// `PidTagRecipientTrackStatus`, PtypInteger32: 0x5FFF0003.
    RECIPIENT_TRACK_STATUS = 0x5FFF, INTEGER32 => "PidTagRecipientTrackStatus";
    /// `PidTagRecipientType`, PtypInteger32: 0x0C150003.
    RECIPIENT_TYPE = 0x0C15, INTEGER32 => "PidTagRecipientType";
    /// `PidTagRecordKey`, PtypBinary: 0x0FF90102.
    RECORD_KEY = 0x0FF9, BINARY => "PidTagRecordKey";
    /// `PidTagRemindersOnlineEntryId`, PtypBinary: 0x36D50102.
    REMINDERS_ONLINE_ENTRY_ID = 0x36D5, BINARY => "PidTagRemindersOnlineEntryId";
    /// `PidTagRenderingPosition`, PtypInteger32: 0x370B0003.
    RENDERING_POSITION = 0x370B, INTEGER32 => "PidTagRenderingPosition";
    /// `PidTagReplyRecipientEntries`, PtypBinary: 0x004F0102.
    REPLY_RECIPIENT_ENTRIES = 0x004F, BINARY => "PidTagReplyRecipientEntries";
    /// `PidTagReplyRecipientNames`, PtypString: 0x0050001F.
    REPLY_RECIPIENT_NAMES = 0x0050, STRING => "PidTagReplyRecipientNames";
    /// `PidTagReplyRequested`, PtypBoolean: 0x0C17000B.
    REPLY_REQUESTED = 0x0C17, BOOLEAN => "PidTagReplyRequested";
    /// `PidTagResponseRequested`, PtypBoolean: 0x0063000B.
    RESPONSE_REQUESTED = 0x0063, BOOLEAN => "PidTagResponseRequested";
    /// `PidTagResponsibility`, PtypBoolean: 0x0E0F000B.
    RESPONSIBILITY = 0x0E0F, BOOLEAN => "PidTagResponsibility";
    /// `PidTagRights`, PtypInteger32: 0x66390003.
    RIGHTS = 0x6639, INTEGER32 => "PidTagRights";
    /// `PidTagRowType`, PtypInteger32: 0x0FF50003.
    ROW_TYPE = 0x0FF5, INTEGER32 => "PidTagRowType";
    /// `PidTagRowid`, PtypInteger32: 0x30000003.
    ROWID = 0x3000, INTEGER32 => "PidTagRowid";
    /// `PidTagRtfCompressed`, PtypBinary: 0x10090102.
    RTF_COMPRESSED = 0x1009, BINARY => "PidTagRtfCompressed";
    /// `PidTagRtfInSync`, PtypBoolean: 0x0E1F000B.
    RTF_IN_SYNC = 0x0E1F, BOOLEAN => "PidTagRtfInSync";
    /// `PidTagRuleActions`, PtypRuleAction: 0x668000FE.
    RULE_ACTIONS = 0x6680, RULE_ACTION => "PidTagRuleActions";
    /// `PidTagRuleCondition`, PtypRestriction: 0x667900FD.
    RULE_CONDITION = 0x6679, RESTRICTION => "PidTagRuleCondition";
    /// `PidTagRuleId`, PtypInteger64: 0x66740014.
    RULE_ID = 0x6674, INTEGER64 => "PidTagRuleId";
    /// `PidTagRuleLevel`, PtypInteger32: 0x66830003.
    RULE_LEVEL = 0x6683, INTEGER32 => "PidTagRuleLevel";
    /// `PidTagRuleName`, PtypString: 0x6682001F.
    RULE_NAME = 0x6682, STRING => "PidTagRuleName";
    /// `PidTagRuleProvider`, PtypString: 0x6681001F.
    RULE_PROVIDER = 0x6681, STRING => "PidTagRuleProvider";
    /// `PidTagRuleProviderData`, PtypBinary: 0x66840102.
    RULE_PROVIDER_DATA = 0x6684, BINARY => "PidTagRuleProviderData";
    /// `PidTagRuleSequence`, PtypInteger32: 0x66760003.
    RULE_SEQUENCE = 0x6676, INTEGER32 => "PidTagRuleSequence";
    /// `PidTagRuleState`, PtypInteger32: 0x66770003.
    RULE_STATE = 0x6677, INTEGER32 => "PidTagRuleState";
    /// `PidTagRuleUserFlags`, PtypInteger32: 0x66780003.
    RULE_USER_FLAGS = 0x6678, INTEGER32 => "PidTagRuleUserFlags";
    /// `PidTagSearchKey`, PtypBinary: 0x300B0102.
    SEARCH_KEY = 0x300B, BINARY => "PidTagSearchKey";
    /// `PidTagSendInternetEncoding`, PtypInteger32: 0x3A710003.
    SEND_INTERNET_ENCODING = 0x3A71, INTEGER32 => "PidTagSendInternetEncoding";
    /// `PidTagSendRichInfo`, PtypBoolean: 0x3A40000B.
    SEND_RICH_INFO = 0x3A40, BOOLEAN => "PidTagSendRichInfo";
    /// `PidTagSenderAddressType`, PtypString: 0x0C1E001F.
    SENDER_ADDRESS_TYPE = 0x0C1E, STRING => "PidTagSenderAddressType";
    /// `PidTagSenderEmailAddress`, PtypString: 0x0C1F001F.
    SENDER_EMAIL_ADDRESS = 0x0C1F, STRING => "PidTagSenderEmailAddress";
    /// `PidTagSenderEntryId`, PtypBinary: 0x0C190102.
    SENDER_ENTRY_ID = 0x0C19, BINARY => "PidTagSenderEntryId";
    /// `PidTagSenderName`, PtypString: 0x0C1A001F.
    SENDER_NAME = 0x0C1A, STRING => "PidTagSenderName";
    /// `PidTagSenderSearchKey`, PtypBinary: 0x0C1D0102.
    SENDER_SEARCH_KEY = 0x0C1D, BINARY => "PidTagSenderSearchKey";
    /// `PidTagSenderSmtpAddress`, PtypString: 0x5D01001F.
    SENDER_SMTP_ADDRESS = 0x5D01, STRING => "PidTagSenderSmtpAddress";
    /// `PidTagSensitivity`, PtypInteger32: 0x00360003.
    SENSITIVITY = 0x0036, INTEGER32 => "PidTagSensitivity";
    /// `PidTagSentRepresentingAddressType`, PtypString: 0x0064001F.
    SENT_REPRESENTING_ADDRESS_TYPE = 0x0064, STRING => "PidTagSentRepresentingAddressType";
    /// `PidTagSentRepresentingEmailAddress`, PtypString: 0x0065001F.
    SENT_REPRESENTING_EMAIL_ADDRESS = 0x0065, STRING => "PidTagSentRepresentingEmailAddress";
    /// `PidTagSentRepresentingEntryId`, PtypBinary: 0x00410102.
    SENT_REPRESENTING_ENTRY_ID = 0x0041, BINARY => "PidTagSentRepresentingEntryId";
    /// `PidTagSentRepresentingName`, PtypString: 0x0042001F.
    SENT_REPRESENTING_NAME = 0x0042, STRING => "PidTagSentRepresentingName";
    /// `PidTagSentRepresentingSearchKey`, PtypBinary: 0x003B0102.
    SENT_REPRESENTING_SEARCH_KEY = 0x003B, BINARY => "PidTagSentRepresentingSearchKey";
    /// `PidTagSentRepresentingSmtpAddress`, PtypString: 0x5D02001F.
    SENT_REPRESENTING_SMTP_ADDRESS = 0x5D02, STRING => "PidTagSentRepresentingSmtpAddress";
    /// `PidTagSmtpAddress`, PtypString: 0x39FE001F.
    SMTP_ADDRESS = 0x39FE, STRING => "PidTagSmtpAddress";
    /// `PidTagSortLocaleId`, PtypInteger32: 0x67050003.
    SORT_LOCALE_ID = 0x6705, INTEGER32 => "PidTagSortLocaleId";
    /// `PidTagSourceKey`, PtypBinary: 0x65E00102.
    SOURCE_KEY = 0x65E0, BINARY => "PidTagSourceKey";
    /// `PidTagStartDate`, PtypTime: 0x00600040.
    START_DATE = 0x0060, TIME => "PidTagStartDate";
    /// `PidTagStateOrProvince`, PtypString: 0x3A28001F.
    STATE_OR_PROVINCE = 0x3A28, STRING => "PidTagStateOrProvince";
    /// `PidTagStoreEntryId`, PtypBinary: 0x0FFB0102.
    STORE_ENTRY_ID = 0x0FFB, BINARY => "PidTagStoreEntryId";
    /// `PidTagStoreRecordKey`, PtypBinary: 0x0FFA0102.
    STORE_RECORD_KEY = 0x0FFA, BINARY => "PidTagStoreRecordKey";
    /// `PidTagStoreState`, PtypInteger32: 0x340E0003.
    STORE_STATE = 0x340E, INTEGER32 => "PidTagStoreState";
    /// `PidTagStoreSupportMask`, PtypInteger32: 0x340D0003.
    STORE_SUPPORT_MASK = 0x340D, INTEGER32 => "PidTagStoreSupportMask";
    /// `PidTagStreetAddress`, PtypString: 0x3A29001F.
    STREET_ADDRESS = 0x3A29, STRING => "PidTagStreetAddress";
    /// `PidTagSubfolders`, PtypBoolean: 0x360A000B.
    SUBFOLDERS = 0x360A, BOOLEAN => "PidTagSubfolders";
    /// `PidTagSubject`, PtypString: 0x0037001F.
    SUBJECT = 0x0037, STRING => "PidTagSubject";
    /// `PidTagSubjectPrefix`, PtypString: 0x003D001F.
    SUBJECT_PREFIX = 0x003D, STRING => "PidTagSubjectPrefix";
    /// `PidTagSurname`, PtypString: 0x3A11001F.
    SURNAME = 0x3A11, STRING => "PidTagSurname";
    /// `PidTagTemplateid`, PtypBinary: 0x39020102.
    TEMPLATEID = 0x3902, BINARY => "PidTagTemplateid";
    /// `PidTagThumbnailPhoto`, PtypBinary: 0x8C9E0102.
    THUMBNAIL_PHOTO = 0x8C9E, BINARY => "PidTagThumbnailPhoto";
    /// `PidTagTitle`, PtypString: 0x3A17001F.
    TITLE = 0x3A17, STRING => "PidTagTitle";
    /// `PidTagToDoItemFlags`, PtypInteger32: 0x0E2B0003.
    TO_DO_ITEM_FLAGS = 0x0E2B, INTEGER32 => "PidTagToDoItemFlags";
    /// `PidTagTransmittableDisplayName`, PtypString: 0x3A20001F.
    TRANSMITTABLE_DISPLAY_NAME = 0x3A20, STRING => "PidTagTransmittableDisplayName";
    /// `PidTagTransportMessageHeaders`, PtypString: 0x007D001F.
    TRANSPORT_MESSAGE_HEADERS = 0x007D, STRING => "PidTagTransportMessageHeaders";
    /// `PidTagUserCertificate`, PtypBinary: 0x3A220102.
    USER_CERTIFICATE = 0x3A22, BINARY => "PidTagUserCertificate";
    /// `PidTagUserEntryId`, PtypBinary: 0x66190102.
    USER_ENTRY_ID = 0x6619, BINARY => "PidTagUserEntryId";
    /// `PidTagUserX509Certificate`, PtypMultipleBinary: 0x3A701102.
    USER_X509_CERTIFICATE = 0x3A70, MULTIPLE_BINARY => "PidTagUserX509Certificate";
}

impl PropTag {
    /// The typed tag of the property whose [MS-OXPROPS] canonical name is `name`
    /// (`"PidTagDisplayName"`), for the properties of [`PROPERTY_TAGS`]. The reverse is
    /// [`PropTag::name`], which names any tag by its property ID.
    ///
    /// ```
    /// use mapi_codec::data::PropTag;
    ///
    /// assert_eq!(PropTag::from_name("PidTagDisplayName"), Some(PropTag::DISPLAY_NAME));
    /// assert_eq!(PropTag::DISPLAY_NAME.0, 0x3001_001F);
    /// assert_eq!(PropTag::SMTP_ADDRESS.name(), Some("PidTagSmtpAddress"));
    /// assert_eq!(PropTag::from_name("DisplayName"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<PropTag> {
        PROPERTY_TAGS
            .binary_search_by(|&(n, _)| n.cmp(name))
            .ok()
            .map(|i| PROPERTY_TAGS[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_by_name_without_duplicates() {
        for w in PROPERTY_TAGS.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[0].0, w[1].0);
        }
        assert!(PROPERTY_TAGS.len() >= 150);
    }

    #[test]
    fn every_entry_agrees_with_the_names_by_id() {
        for &(name, tag) in PROPERTY_TAGS {
            assert_eq!(tag.name(), Some(name), "0x{:08X}", tag.0);
            assert!(
                PropType::NAMED.iter().any(|(t, _)| *t == tag.prop_type()),
                "{name}"
            );
        }
    }

    #[test]
    fn names_round_trip() {
        for &(name, tag) in PROPERTY_TAGS {
            assert_eq!(PropTag::from_name(name), Some(tag));
            assert_eq!(tag.name().and_then(PropTag::from_name), Some(tag));
        }
        assert_eq!(PropTag::from_name(""), None);
        assert_eq!(PropTag::from_name("PidTagDisplayNam"), None);
        assert_eq!(PropTag::from_name("pidtagdisplayname"), None);
    }

    /// Tags checked one by one against their [MS-OXPROPS] pages (section, ID, type).
    #[test]
    fn spot_values_from_the_spec() {
        let cases = [
            // 2.677 PidTagDisplayName: 0x3001, PtypString.
            (PropTag::DISPLAY_NAME, 0x3001_001F),
            // 2.544 PidTagAddressBookHomeMessageDatabase: 0x8006, PtypString8 first.
            (PropTag::ADDRESS_BOOK_HOME_MESSAGE_DATABASE, 0x8006_001E),
            // 2.550 PidTagAddressBookMember: 0x8009, PtypEmbeddedTable (0x000D).
            (PropTag::ADDRESS_BOOK_MEMBER, 0x8009_000D),
            // PidTagAddressBookObjectDistinguishedName: 0x803C, PtypString.
            (PropTag::ADDRESS_BOOK_OBJECT_DISTINGUISHED_NAME, 0x803C_001F),
            // 2.1055 PidTagUserX509Certificate: 0x3A70, PtypMultipleBinary.
            (PropTag::USER_X509_CERTIFICATE, 0x3A70_1102),
            // [MS-OXOSFLD] 2.2.4 PidTagAdditionalRenEntryIds: PtypMultipleBinary.
            (PropTag::ADDITIONAL_REN_ENTRY_IDS, 0x36D8_1102),
            // [MS-OXCTABL] 4.2.1: the columns of its RopSetColumns example.
            (PropTag::FOLDER_ID, 0x6748_0014),
            (PropTag::MID, 0x674A_0014),
            (PropTag::INST_ID, 0x674D_0014),
            (PropTag::INSTANCE_NUM, 0x674E_0003),
            (PropTag::SUBJECT, 0x0037_001F),
            (PropTag::MESSAGE_DELIVERY_TIME, 0x0E06_0040),
            // [MS-OXCPRPT] 4.3.1: PidTagChangeKey, PtypBinary.
            (PropTag::CHANGE_KEY, 0x65E2_0102),
        ];
        for (tag, value) in cases {
            assert_eq!(tag.0, value, "{:?}", tag.name());
        }
    }

    /// The entries read on their own [MS-OXPROPS] section 2 page on 2026-12-07: canonical
    /// name, "Property ID" and "Data type". The comment gives the section number as it was on
    /// the page read; the numbering shifts between versions of the document.
    #[test]
    fn checked_against_oxprops_pages() {
        let cases = [
            (PropTag::ACCESS_LEVEL, 0x0FF7_0003),              // 2.507
            (PropTag::ADDITIONAL_REN_ENTRY_IDS, 0x36D8_1102),  // 2.509
            (PropTag::ADDRESS_BOOK_CONTAINER_ID, 0xFFFD_0003), // 2.512
            (PropTag::ADDRESS_BOOK_DISPLAY_NAME_PRINTABLE, 0x39FF_001F),
            (PropTag::ADDRESS_BOOK_HOME_MESSAGE_DATABASE, 0x8006_001E), // 2.544
            (PropTag::ADDRESS_BOOK_IS_MASTER, 0xFFFB_000B),             // 2.545
            (PropTag::ADDRESS_BOOK_MEMBER, 0x8009_000D),                // 2.550
            (PropTag::ADDRESS_BOOK_OBJECT_DISTINGUISHED_NAME, 0x803C_001F),
            (PropTag::ADDRESS_BOOK_OBJECT_GUID, 0x8C6D_0102), // 2.555
            (PropTag::ADDRESS_BOOK_PARENT_ENTRY_ID, 0xFFFC_0102), // 2.559
            (PropTag::ADDRESS_BOOK_PROXY_ADDRESSES, 0x800F_101F), // 2.565
            (PropTag::ADDRESS_BOOK_ROOM_DESCRIPTION, 0x0809_001F), // 2.570
            (PropTag::ADDRESS_BOOK_SENIORITY_INDEX, 0x8CA0_0003), // 2.572
            (PropTag::ADDRESS_BOOK_TARGET_ADDRESS, 0x8011_001F), // 2.573
            (PropTag::ADDRESS_TYPE, 0x3002_001F),             // 2.576
            (PropTag::ATTACH_CONTENT_BASE, 0x3711_001F),      // 2.586
            (PropTag::ATTACH_CONTENT_ID, 0x3712_001F),        // 2.587
            (PropTag::ATTACH_EXTENSION, 0x3703_001F),         // 2.592
            (PropTag::ATTRIBUTE_HIDDEN, 0x10F4_000B),         // 2.611
            (PropTag::BODY, 0x1000_001F),                     // 2.618
            (PropTag::CHANGE_KEY, 0x65E2_0102),
            (PropTag::CONTAINER_CLASS, 0x3613_001F), // 2.643
            (PropTag::CONVERSATION_INDEX, 0x0071_0102), // 2.651
            (PropTag::CREATION_TIME, 0x3007_0040),   // 2.655
            (PropTag::CREATOR_ENTRY_ID, 0x3FF9_0102), // 2.656
            (PropTag::CREATOR_NAME, 0x3FF8_001F),    // 2.657
            (PropTag::DEPARTMENT_NAME, 0x3A18_001F), // 2.673
            (PropTag::DEPTH, 0x3005_0003),           // 2.674
            (PropTag::DISPLAY_NAME, 0x3001_001F),    // 2.677
            (PropTag::ENTRY_ID, 0x0FFF_0102),        // 2.684
            (PropTag::EXTENDED_RULE_MESSAGE_ACTIONS, 0x0E99_0102), // 2.693
            (PropTag::FOLDER_ID, 0x6748_0014),       // 2.702
            (PropTag::FOLLOWUP_ICON, 0x1095_0003),   // 2.704
            (PropTag::HAS_NAMED_PROPERTIES, 0x664A_000B), // 2.719
            (PropTag::ICON_INDEX, 0x1080_0003),      // 2.738
            (PropTag::INST_ID, 0x674D_0014),         // 2.746
            (PropTag::INSTANCE_NUM, 0x674E_0003),    // 2.745
            (PropTag::INTERNET_CODEPAGE, 0x3FDE_0003), // 2.747
            (PropTag::INTERNET_MESSAGE_ID, 0x1035_001F), // 2.749
            (PropTag::IPM_APPOINTMENT_ENTRY_ID, 0x36D0_0102), // 2.751
            (PropTag::IPM_JOURNAL_ENTRY_ID, 0x36D2_0102), // 2.754
            (PropTag::LAST_MODIFICATION_TIME, 0x3008_0040), // 2.765
            (PropTag::LAST_MODIFIER_NAME, 0x3FFA_001F), // 2.767
            (PropTag::LOCAL_COMMIT_TIME_MAX, 0x670A_0040), // 2.774
            (PropTag::LOCALE_ID, 0x66A1_0003),       // 2.775
            (PropTag::MEMBER_RIGHTS, 0x6673_0003),   // 2.785
            (PropTag::MESSAGE_LOCALE_ID, 0x3FF1_0003), // 2.794
            (PropTag::MID, 0x674A_0014),             // 2.803
            (PropTag::NATIVE_BODY, 0x1016_0003),     // 2.807
            (PropTag::NORMALIZED_SUBJECT, 0x0E1D_001F), // 2.813
            (PropTag::OBJECT_TYPE, 0x0FFE_0003),     // 2.814
            (PropTag::OFFICE_LOCATION, 0x3A19_001F), // 2.815
            (PropTag::PARENT_FOLDER_ID, 0x6749_0014), // 2.861
            (PropTag::PREDECESSOR_CHANGE_LIST, 0x65E3_0102), // 2.869
            (PropTag::PROHIBIT_RECEIVE_QUOTA, 0x666A_0003), // 2.875
            (PropTag::RECIPIENT_FLAGS, 0x5FFD_0003), // 2.902
            (PropTag::RECIPIENT_TRACK_STATUS, 0x5FFF_0003), // 2.908
            (PropTag::RULE_ACTIONS, 0x6680_00FE),    // 2.945
            (PropTag::RULE_SEQUENCE, 0x6676_0003),   // 2.963
            (PropTag::SEND_INTERNET_ENCODING, 0x3A71_0003),
            (PropTag::SEND_RICH_INFO, 0x3A40_000B),  // 2.1010
            (PropTag::SENDER_ENTRY_ID, 0x0C19_0102), // 2.1003
            (PropTag::SENDER_NAME, 0x0C1A_001F),     // 2.1005
            (PropTag::SENT_REPRESENTING_ADDRESS_TYPE, 0x0064_001F), // 2.1013
            (PropTag::SENT_REPRESENTING_EMAIL_ADDRESS, 0x0065_001F), // 2.1014
            (PropTag::SENT_REPRESENTING_SEARCH_KEY, 0x003B_0102), // 2.1018
            (PropTag::SMTP_ADDRESS, 0x39FE_001F),    // 2.1021
            (PropTag::SORT_LOCALE_ID, 0x6705_0003),  // 2.1022
            (PropTag::SUBJECT_PREFIX, 0x003D_001F),  // 2.1035
            (PropTag::USER_X509_CERTIFICATE, 0x3A70_1102), // 2.1055
        ];
        assert_eq!(cases.len(), 70);
        for (tag, value) in cases {
            assert_eq!(tag.0, value, "{:?}", tag.name());
        }
    }

    /// The entries read on their page of Microsoft's MAPI canonical property reference on
    /// 2026-12-07 ("Identifier" and "Data type"; PT_UNICODE and PT_STRING8 both stand for
    /// PtypString), for properties whose [MS-OXPROPS] page was not found (or, for the four
    /// named in the module documentation, does not exist).
    #[test]
    fn checked_against_the_mapi_reference() {
        let cases = [
            (PropTag::ADDITIONAL_REN_ENTRY_IDS_EX, 0x36D9_0102),
            (PropTag::ASSOCIATED_CONTENT_COUNT, 0x3617_0003),
            (PropTag::ATTACH_CONTENT_LOCATION, 0x3713_001F),
            (PropTag::ATTACH_NUMBER, 0x0E21_0003),
            (PropTag::ATTACH_RENDERING, 0x3709_0102),
            (PropTag::ATTACHMENT_CONTACT_PHOTO, 0x7FFF_000B),
            (PropTag::ATTACHMENT_FLAGS, 0x7FFD_0003),
            (PropTag::ATTACHMENT_HIDDEN, 0x7FFE_000B),
            (PropTag::ATTACHMENT_LINK_ID, 0x7FFA_0003),
            (PropTag::AUTO_FORWARDED, 0x0005_000B),
            (PropTag::CLIENT_SUBMIT_TIME, 0x0039_0040),
            (PropTag::COMMENT, 0x3004_001F),
            (PropTag::CONTAINER_CONTENTS, 0x360F_000D),
            (PropTag::CONTAINER_FLAGS, 0x3600_0003),
            (PropTag::CONTENT_COUNT, 0x3602_0003),
            (PropTag::CONTENT_UNREAD_COUNT, 0x3603_0003),
            (PropTag::COUNTRY, 0x3A26_001F),
            (PropTag::DEFAULT_POST_MESSAGE_CLASS, 0x36E5_001F),
            (PropTag::DISPLAY_TYPE, 0x3900_0003),
            (PropTag::EMAIL_ADDRESS, 0x3003_001F),
            (PropTag::END_DATE, 0x0061_0040),
            (PropTag::EXCEPTION_END_TIME, 0x7FFC_0040),
            (PropTag::EXCEPTION_START_TIME, 0x7FFB_0040),
            (PropTag::EXTENDED_FOLDER_FLAGS, 0x36DA_0102),
            (PropTag::EXTENDED_RULE_MESSAGE_CONDITION, 0x0E9A_0102),
            (PropTag::FLAG_STATUS, 0x1090_0003),
            (PropTag::FOLDER_ASSOCIATED_CONTENTS, 0x3610_000D),
            (PropTag::FREE_BUSY_ENTRY_IDS, 0x36E4_1102),
            (PropTag::HAS_ATTACHMENTS, 0x0E1B_000B),
            (PropTag::HTML, 0x1013_0102),
            (PropTag::IN_REPLY_TO_ID, 0x1042_001F),
            (PropTag::INSTANCE_KEY, 0x0FF6_0102),
            (PropTag::INTERNET_ARTICLE_NUMBER, 0x0E23_0003),
            (PropTag::INTERNET_REFERENCES, 0x1039_001F),
            (PropTag::IPM_NOTE_ENTRY_ID, 0x36D3_0102),
            (PropTag::IPM_SUBTREE_ENTRY_ID, 0x35E0_0102),
            (PropTag::IPM_TASK_ENTRY_ID, 0x36D4_0102),
            (PropTag::LAST_VERB_EXECUTED, 0x1081_0003),
            (PropTag::LAST_VERB_EXECUTION_TIME, 0x1082_0040),
            (PropTag::MEMBER_ID, 0x6671_0014),
            (PropTag::MEMBER_NAME, 0x6672_001F),
            (PropTag::MESSAGE_CODEPAGE, 0x3FFD_0003),
            (PropTag::MESSAGE_DELIVERY_TIME, 0x0E06_0040),
            (PropTag::MESSAGE_SIZE, 0x0E08_0003),
            (PropTag::NICKNAME, 0x3A4F_001F),
            (PropTag::ORIGINAL_ENTRY_ID, 0x3A12_0102),
            (PropTag::ORIGINATOR_DELIVERY_REPORT_REQUESTED, 0x0023_000B),
            (PropTag::PAGER_TELEPHONE_NUMBER, 0x3A21_001F),
            (PropTag::PARENT_ENTRY_ID, 0x0E09_0102),
            (PropTag::POSTAL_ADDRESS, 0x3A15_001F),
            (PropTag::POSTAL_CODE, 0x3A2A_001F),
            (PropTag::READ, 0x0E69_000B),
            (PropTag::READ_RECEIPT_REQUESTED, 0x0029_000B),
            (PropTag::RECIPIENT_DISPLAY_NAME, 0x5FF6_001F),
            (PropTag::RECIPIENT_ENTRY_ID, 0x5FF7_0102),
            (PropTag::REMINDERS_ONLINE_ENTRY_ID, 0x36D5_0102),
            (PropTag::ROW_TYPE, 0x0FF5_0003),
            (PropTag::RULE_CONDITION, 0x6679_00FD),
            (PropTag::RULE_ID, 0x6674_0014),
            (PropTag::RULE_LEVEL, 0x6683_0003),
            (PropTag::RULE_NAME, 0x6682_001F),
            (PropTag::RULE_PROVIDER, 0x6681_001F),
            (PropTag::RULE_PROVIDER_DATA, 0x6684_0102),
            (PropTag::RULE_STATE, 0x6677_0003),
            (PropTag::RULE_USER_FLAGS, 0x6678_0003),
            (PropTag::SENDER_ADDRESS_TYPE, 0x0C1E_001F),
            (PropTag::SENDER_SMTP_ADDRESS, 0x5D01_001F),
            (PropTag::SENT_REPRESENTING_SMTP_ADDRESS, 0x5D02_001F),
            (PropTag::STATE_OR_PROVINCE, 0x3A28_001F),
            (PropTag::STORE_RECORD_KEY, 0x0FFA_0102),
            (PropTag::SUBJECT, 0x0037_001F),
            (PropTag::TO_DO_ITEM_FLAGS, 0x0E2B_0003),
            (PropTag::TRANSPORT_MESSAGE_HEADERS, 0x007D_001F),
        ];
        assert_eq!(cases.len(), 73);
        for (tag, value) in cases {
            assert_eq!(tag.0, value, "{:?}", tag.name());
        }
    }
}
