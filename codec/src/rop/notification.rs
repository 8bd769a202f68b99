//! [MS-OXCROPS] 2.2.14 Notification ROPs ([MS-OXCNOTIF] adds the semantics): RopRegisterNotification
//! and RopNotify with its [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationData. RopPending (2.2.14.3) is in
//! `other.rs`.
//!
//! RopNotify is sent without a request and carries no length: which fields follow
//! NotificationFlags is fixed by the flags (and by TableEventType), as [MS-OXCNOTIF]
//! 2.2.1.4.1.2 lists them. A table notification's TableRowData is a PropertyRow of the table's
//! columns; the table is the object of NotificationHandle, so the columns come from a
//! RopSetColumns earlier in the buffer or from the [`Session`](super::Session). When they are
//! unknown the row stays as its bytes (TableRowDataSize bounds them) with the reason, so the
//! responses after the RopNotify still decode.

use std::borrow::Cow;

use bytes::BufMut;

use super::context::ResponseCtx;
use super::field::{hex16, hex8, rop_response, HandleIndexes, HandleRole, NoFields, RequestFields};
use crate::data::{FolderId, MessageId, PropTag, PropertyRow};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, u16_len, AnsiStr, CountWidth, Decode, DecodeError, DecodeWith, Encode,
    EncodeError, EncodeWith, Reader, ResultExt, Utf16Str,
};

// ---------------------------------------------------------------------------------------------
// RopRegisterNotification

/// [MS-OXCROPS] 2.2.14.1.1 FolderId and MessageId of a RopRegisterNotification request: the
/// folder or message the subscription watches (present when WantWholeStore is zero).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct NotificationTarget {
    /// FolderId: the folder to watch.
    pub folder_id: FolderId,
    /// MessageId: the message to watch (zero to watch the whole folder).
    pub message_id: MessageId,
}

/// [MS-OXCROPS] 2.2.14.1.1 RopRegisterNotification request: subscribes to notifications
/// ([MS-OXCNOTIF] 2.2.1.2.1); the subscription object goes to OutputHandleIndex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct RegisterNotificationRequest {
    /// LogonId.
    pub logon_id: u8,
    /// InputHandleIndex: the Logon object.
    pub input_handle_index: u8,
    /// OutputHandleIndex: where the notification subscription object goes.
    pub output_handle_index: u8,
    /// NotificationTypes: the events to report ([MS-OXCNOTIF] 2.2.1.2.1.1: 0x02 NewMail, 0x04
    /// ObjectCreated, 0x08 ObjectDeleted, 0x10 ObjectModified, 0x20 ObjectMoved, 0x40
    /// ObjectCopied, 0x80 SearchCompleted).
    pub notification_types: u8,
    /// Reserved (the client sets 0x00).
    pub reserved: u8,
    /// FolderId and MessageId: `None` when WantWholeStore is TRUE (the whole mailbox is
    /// watched and the two fields are absent), `Some` when it is FALSE.
    pub target: Option<NotificationTarget>,
}

impl RegisterNotificationRequest {
    /// WantWholeStore: whether the subscription covers the whole mailbox.
    pub fn want_whole_store(&self) -> bool {
        self.target.is_none()
    }
}

impl<'a> Decode<'a> for RegisterNotificationRequest {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let logon_id = r.u8().field("LogonId")?;
        let input_handle_index = r.u8().field("InputHandleIndex")?;
        let output_handle_index = r.u8().field("OutputHandleIndex")?;
        let notification_types = r.u8().field("NotificationTypes")?;
        let reserved = r.u8().field("Reserved")?;
        let whole = bool::decode_from(r).field("WantWholeStore")?;
        let target = if whole {
            None
        } else {
            Some(NotificationTarget {
                folder_id: FolderId::decode_from(r).field("FolderId")?,
                message_id: MessageId::decode_from(r).field("MessageId")?,
            })
        };
        Ok(RegisterNotificationRequest {
            logon_id,
            input_handle_index,
            output_handle_index,
            notification_types,
            reserved,
            target,
        })
    }
}

impl Encode for RegisterNotificationRequest {
    fn encoded_len(&self) -> usize {
        6 + if self.target.is_some() { 16 } else { 0 }
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.logon_id.encode(out)?;
        self.input_handle_index.encode(out)?;
        self.output_handle_index.encode(out)?;
        self.notification_types.encode(out)?;
        self.reserved.encode(out)?;
        self.want_whole_store().encode(out)?;
        if let Some(t) = &self.target {
            t.folder_id.encode(out)?;
            t.message_id.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for RegisterNotificationRequest {
    fn to_tree(&self) -> Tree {
        let mut t = Tree::record()
            .field("LogonId", Tree::UInt(self.logon_id.into()))
            .field(
                "InputHandleIndex",
                Tree::UInt(self.input_handle_index.into()),
            )
            .field(
                "OutputHandleIndex",
                Tree::UInt(self.output_handle_index.into()),
            )
            .field("NotificationTypes", hex8(&self.notification_types))
            .field("Reserved", hex8(&self.reserved))
            .field("WantWholeStore", Tree::Bool(self.want_whole_store()));
        if let Some(x) = &self.target {
            t = t
                .field("FolderId", x.folder_id.to_tree())
                .field("MessageId", x.message_id.to_tree());
        }
        t
    }
}

impl RequestFields for RegisterNotificationRequest {
    fn logon_id(&self) -> u8 {
        self.logon_id
    }
    fn handle_indexes(&self) -> HandleIndexes {
        HandleIndexes::new(&[
            (HandleRole::Input, self.input_handle_index),
            (HandleRole::Output, self.output_handle_index),
        ])
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.14.1.2 RopRegisterNotification response: nothing after ReturnValue,
    /// on success or failure.
    pub struct RegisterNotificationResponse {
        id: REGISTER_NOTIFICATION,
        handle: Output,
        success: NoFields,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// NotificationData

/// NotificationType values of [MS-OXCNOTIF] 2.2.1.4.1.2 (the low 12 bits of NotificationFlags;
/// an enumeration, not bits).
pub mod notification_type {
    /// 0x0002: NewMail.
    pub const NEW_MAIL: u16 = 0x0002;
    /// 0x0004: ObjectCreated.
    pub const OBJECT_CREATED: u16 = 0x0004;
    /// 0x0008: ObjectDeleted.
    pub const OBJECT_DELETED: u16 = 0x0008;
    /// 0x0010: ObjectModified.
    pub const OBJECT_MODIFIED: u16 = 0x0010;
    /// 0x0020: ObjectMoved.
    pub const OBJECT_MOVED: u16 = 0x0020;
    /// 0x0040: ObjectCopied.
    pub const OBJECT_COPIED: u16 = 0x0040;
    /// 0x0080: SearchCompleted.
    pub const SEARCH_COMPLETED: u16 = 0x0080;
    /// 0x0100: TableModified.
    pub const TABLE_MODIFIED: u16 = 0x0100;
    /// 0x0400: reserved (not used by servers; clients ignore it).
    pub const RESERVED: u16 = 0x0400;
}

/// The flag bits of NotificationFlags ([MS-OXCNOTIF] 2.2.1.4.1.2, the high four bits).
pub mod notification_flag {
    /// 0x1000 T: TotalMessageCount is present.
    pub const T: u16 = 0x1000;
    /// 0x2000 U: UnreadMessageCount is present.
    pub const U: u16 = 0x2000;
    /// 0x4000 S: the notification is about a search folder (with M: a message in one).
    pub const S: u16 = 0x4000;
    /// 0x8000 M: the notification is about a message (else about a folder).
    pub const M: u16 = 0x8000;
}

/// TableEventType values of [MS-OXCNOTIF] 2.2.1.4.1.2.
pub mod table_event_type {
    /// 0x0001: TableChanged.
    pub const TABLE_CHANGED: u16 = 0x0001;
    /// 0x0003: TableRowAdded.
    pub const TABLE_ROW_ADDED: u16 = 0x0003;
    /// 0x0004: TableRowDeleted.
    pub const TABLE_ROW_DELETED: u16 = 0x0004;
    /// 0x0005: TableRowModified.
    pub const TABLE_ROW_MODIFIED: u16 = 0x0005;
    /// 0x0007: TableRestrictionChanged.
    pub const TABLE_RESTRICTION_CHANGED: u16 = 0x0007;
}

fn notification_type_name(t: u16) -> Option<&'static str> {
    use notification_type::*;
    Some(match t {
        NEW_MAIL => "NewMail",
        OBJECT_CREATED => "ObjectCreated",
        OBJECT_DELETED => "ObjectDeleted",
        OBJECT_MODIFIED => "ObjectModified",
        OBJECT_MOVED => "ObjectMoved",
        OBJECT_COPIED => "ObjectCopied",
        SEARCH_COMPLETED => "SearchCompleted",
        TABLE_MODIFIED => "TableModified",
        RESERVED => "Reserved",
        _ => return None,
    })
}

fn table_event_name(t: u16) -> Option<&'static str> {
    use table_event_type::*;
    Some(match t {
        TABLE_CHANGED => "TableChanged",
        TABLE_ROW_ADDED => "TableRowAdded",
        TABLE_ROW_DELETED => "TableRowDeleted",
        TABLE_ROW_MODIFIED => "TableRowModified",
        TABLE_RESTRICTION_CHANGED => "TableRestrictionChanged",
        _ => return None,
    })
}

/// Which optional fields of a NotificationData the flags (and TableEventType) call for:
/// the presence rules of [MS-OXCNOTIF] 2.2.1.4.1.2, in one place for decoding and encoding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
struct Presence {
    table_event_type: bool,
    table_row_folder_id: bool,
    table_row_message: bool,
    insert_after_folder_id: bool,
    insert_after_message: bool,
    table_row_data: bool,
    folder_id: bool,
    message_id: bool,
    parent_folder_id: bool,
    old_folder_id: bool,
    old_message_id: bool,
    old_parent_folder_id: bool,
    tag_count: bool,
    total_message_count: bool,
    unread_message_count: bool,
    new_mail: bool,
}

impl Presence {
    /// `table_event` is the TableEventType when present.
    fn of(flags: u16, table_event: Option<u16>) -> Presence {
        use notification_flag::{M, S, T, U};
        use notification_type::*;
        use table_event_type::*;
        let ty = flags & 0x0FFF;
        let m = flags & M != 0;
        let s = flags & S != 0;
        let table = ty == TABLE_MODIFIED;
        let ev = if table { table_event } else { None };
        let adm = matches!(
            ev,
            Some(TABLE_ROW_ADDED | TABLE_ROW_DELETED | TABLE_ROW_MODIFIED)
        );
        let am = matches!(ev, Some(TABLE_ROW_ADDED | TABLE_ROW_MODIFIED));
        let object = ty != TABLE_MODIFIED && ty != RESERVED;
        let moved = matches!(ty, OBJECT_MOVED | OBJECT_COPIED);
        Presence {
            table_event_type: table,
            table_row_folder_id: adm,
            table_row_message: adm && m,
            insert_after_folder_id: am,
            insert_after_message: am && m,
            table_row_data: am,
            folder_id: object,
            message_id: object && m,
            // A folder (neither S nor M) or a message in a search folder (both S and M).
            parent_folder_id: matches!(
                ty,
                OBJECT_CREATED | OBJECT_DELETED | OBJECT_MOVED | OBJECT_COPIED
            ) && s == m,
            old_folder_id: moved,
            old_message_id: moved && m,
            old_parent_folder_id: moved && !m,
            tag_count: matches!(ty, OBJECT_CREATED | OBJECT_MODIFIED),
            total_message_count: flags & T != 0,
            unread_message_count: flags & U != 0,
            new_mail: ty == NEW_MAIL,
        }
    }
}

/// Fails unless the NotificationType of `flags` is one that [MS-OXCNOTIF] 2.2.1.4.1.2 lists:
/// for another value the fields that follow are not known.
fn check_type(flags: u16) -> Result<(), &'static str> {
    match notification_type_name(flags & 0x0FFF) {
        Some(_) => Ok(()),
        None => Err("NotificationType not listed by [MS-OXCNOTIF] 2.2.1.4.1.2"),
    }
}

/// TableRowMessageID and TableRowInstance (or InsertAfterTableRowID and
/// InsertAfterTableRowInstance): the message row of a table notification on a contents table
/// (bit M set).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct TableRowMessage {
    /// TableRowMessageID / InsertAfterTableRowID: the message of the row.
    pub message_id: MessageId,
    /// TableRowInstance / InsertAfterTableRowInstance: the instance of the row.
    pub instance: u32,
}

/// [MS-OXCNOTIF] 2.2.1.4.1.2 TableRowData (TableRowDataSize is its size): a PropertyRow of the
/// table's columns, decoded when the columns are known, else kept as bytes with the reason.
#[derive(Clone, Debug, PartialEq)]
pub enum TableRowData<'a> {
    /// The row, with the columns it was decoded with (they label the tree; encoding ignores
    /// them).
    Row {
        /// The table's columns.
        columns: Vec<PropTag>,
        /// The PropertyRow.
        row: PropertyRow<'a>,
    },
    /// The bytes of the row, not decoded.
    Raw {
        /// Why the row was not decoded (the columns of the table are unknown, or the bytes do
        /// not hold a row of them).
        reason: Cow<'static, str>,
        /// The TableRowData bytes.
        bytes: Cow<'a, [u8]>,
    },
}

/// The reason a [`TableRowData::Raw`] carries when the table's columns are unknown.
pub const COLUMNS_UNKNOWN: &str =
    "the columns of the table (NotificationHandle) are unknown: no RopSetColumns seen for it";

/// The form a decoder without the table's columns gives: the bytes, with [`COLUMNS_UNKNOWN`].
#[cfg(feature = "arbitrary")]
impl<'u> arbitrary::Arbitrary<'u> for TableRowData<'_> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'u>) -> arbitrary::Result<Self> {
        Ok(TableRowData::Raw {
            reason: Cow::Borrowed(COLUMNS_UNKNOWN),
            bytes: Cow::Owned(u.arbitrary()?),
        })
    }
}

impl<'a> TableRowData<'a> {
    /// Decodes TableRowDataSize bytes as a row of `columns` when they are given.
    fn decode_from(r: &mut Reader<'a>, columns: Option<&[PropTag]>) -> Result<Self, DecodeError> {
        let size = r.u16().field("TableRowDataSize")?;
        let at = r.offset();
        let mut sub = r.sub(usize::from(size)).field("TableRowData")?;
        let bytes = sub.rest();
        let Some(columns) = columns else {
            return Ok(TableRowData::Raw {
                reason: Cow::Borrowed(COLUMNS_UNKNOWN),
                bytes: Cow::Borrowed(bytes),
            });
        };
        let row = PropertyRow::decode_with_from(&mut sub, (columns, CountWidth::U16))
            .and_then(|row| sub.finish().map(|()| row));
        Ok(match row {
            Ok(row) => TableRowData::Row {
                columns: columns.to_vec(),
                row,
            },
            // The bytes are bounded by TableRowDataSize: what follows still decodes.
            Err(e) => TableRowData::Raw {
                reason: Cow::Owned(format!(
                    "TableRowData (at offset {at}) is not a row of the table's columns: {e}"
                )),
                bytes: Cow::Borrowed(bytes),
            },
        })
    }

    fn data_len(&self) -> usize {
        match self {
            TableRowData::Row { row, .. } => row.encoded_len_with(CountWidth::U16),
            TableRowData::Raw { bytes, .. } => bytes.len(),
        }
    }

    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u16_len(self.data_len(), "TableRowDataSize")?.encode(out)?;
        match self {
            TableRowData::Row { row, .. } => row.encode_with(CountWidth::U16, out),
            TableRowData::Raw { bytes, .. } => {
                ensure_room(out, bytes.len())?;
                out.put_slice(bytes);
                Ok(())
            }
        }
    }

    fn tree(&self) -> Tree {
        match self {
            TableRowData::Row { columns, row } => row.to_tree_with_columns(columns),
            TableRowData::Raw { reason, bytes } => Tree::record()
                .field("Undecoded", Tree::Text(reason.to_string()))
                .field("Bytes", Tree::Bytes(bytes.to_vec())),
        }
    }
}

/// TagCount and Tags of [MS-OXCNOTIF] 2.2.1.4.1.2: the properties that changed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum ChangedTags {
    /// TagCount 0xFFFF: no Tags array follows.
    NotGiven,
    /// Tags (TagCount is their number, below 0xFFFF).
    Tags(Vec<PropTag>),
}

/// TagCount 0xFFFF: no Tags field.
const NO_TAGS: u16 = 0xFFFF;

impl ChangedTags {
    fn decode_from(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let n = r.u16().field("TagCount")?;
        if n == NO_TAGS {
            return Ok(ChangedTags::NotGiven);
        }
        let n = r.check_count(at, n.into(), 4).field("TagCount")?;
        let mut tags = Vec::with_capacity(n);
        for i in 0..n {
            tags.push(PropTag::decode_from(r).index(i).field("Tags")?);
        }
        Ok(ChangedTags::Tags(tags))
    }

    fn encoded_len(&self) -> usize {
        2 + match self {
            ChangedTags::NotGiven => 0,
            ChangedTags::Tags(t) => 4 * t.len(),
        }
    }

    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        match self {
            ChangedTags::NotGiven => NO_TAGS.encode(out),
            ChangedTags::Tags(t) => {
                let n = u16_len(t.len(), "TagCount")?;
                if n == NO_TAGS {
                    return Err(EncodeError::invalid(
                        "TagCount 0xFFFF means no Tags: at most 0xFFFE tags",
                    ));
                }
                n.encode(out)?;
                for tag in t {
                    tag.encode(out)?;
                }
                Ok(())
            }
        }
    }

    fn count(&self) -> u16 {
        match self {
            ChangedTags::NotGiven => NO_TAGS,
            ChangedTags::Tags(t) => u16::try_from(t.len()).unwrap_or(NO_TAGS),
        }
    }
}

/// UnicodeFlag and MessageClass of a NewMail notification.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum MessageClass<'a> {
    /// UnicodeFlag FALSE (0x00): an 8-bit string.
    Ansi(AnsiStr<'a>),
    /// UnicodeFlag TRUE (0x01): a UTF-16LE string.
    Unicode(Utf16Str<'a>),
}

impl MessageClass<'_> {
    /// UnicodeFlag.
    pub fn unicode_flag(&self) -> bool {
        matches!(self, MessageClass::Unicode(_))
    }

    fn encoded_len(&self) -> usize {
        1 + match self {
            MessageClass::Ansi(s) => s.encoded_len(),
            MessageClass::Unicode(s) => s.encoded_len(),
        }
    }

    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.unicode_flag().encode(out)?;
        match self {
            MessageClass::Ansi(s) => s.encode(out),
            MessageClass::Unicode(s) => s.encode(out),
        }
    }

    fn tree(&self) -> Tree {
        match self {
            MessageClass::Ansi(s) => s.to_tree(),
            MessageClass::Unicode(s) => s.to_tree(),
        }
    }
}

/// MessageFlags, UnicodeFlag and MessageClass: the fields of a NewMail notification.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct NewMail<'a> {
    /// MessageFlags: the new message's PidTagMessageFlags.
    pub message_flags: u32,
    /// UnicodeFlag and MessageClass: the new message's class.
    pub message_class: MessageClass<'a>,
}

/// [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationData: NotificationFlags, then the fields its
/// NotificationType and T/U/S/M bits (and, for TableModified, TableEventType) call for. Each
/// optional field is `Some` exactly when the spec's presence rule holds; encoding checks that.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct NotificationData<'a> {
    /// NotificationFlags: NotificationType in the low 12 bits, the T/U/S/M flags in the high
    /// four (see [`notification_type`] and [`notification_flag`]).
    pub notification_flags: u16,
    /// TableEventType: present for TableModified (see [`table_event_type`]).
    pub table_event_type: Option<u16>,
    /// TableRowFolderID: present when TableEventType is 0x0003, 0x0004 or 0x0005.
    pub table_row_folder_id: Option<FolderId>,
    /// TableRowMessageID and TableRowInstance: present when TableEventType is 0x0003, 0x0004
    /// or 0x0005 and bit M is set.
    pub table_row_message: Option<TableRowMessage>,
    /// InsertAfterTableRowFolderID: present when TableEventType is 0x0003 or 0x0005.
    pub insert_after_table_row_folder_id: Option<FolderId>,
    /// InsertAfterTableRowID and InsertAfterTableRowInstance: present when TableEventType is
    /// 0x0003 or 0x0005 and bit M is set.
    pub insert_after_table_row: Option<TableRowMessage>,
    /// TableRowDataSize and TableRowData: present when TableEventType is 0x0003 or 0x0005.
    pub table_row_data: Option<TableRowData<'a>>,
    /// FolderId: present unless NotificationType is 0x0100 or 0x0400.
    pub folder_id: Option<FolderId>,
    /// MessageId: present with FolderId when bit M is set.
    pub message_id: Option<MessageId>,
    /// ParentFolderId: present when NotificationType is 0x0004, 0x0008, 0x0020 or 0x0040 for
    /// a folder (bits S and M clear) or a message in a search folder (S and M set).
    pub parent_folder_id: Option<FolderId>,
    /// OldFolderId: present when NotificationType is 0x0020 or 0x0040.
    pub old_folder_id: Option<FolderId>,
    /// OldMessageId: present when NotificationType is 0x0020 or 0x0040 and bit M is set.
    pub old_message_id: Option<MessageId>,
    /// OldParentFolderId: present when NotificationType is 0x0020 or 0x0040 and bit M is
    /// clear.
    pub old_parent_folder_id: Option<FolderId>,
    /// TagCount and Tags: present when NotificationType is 0x0004 or 0x0010.
    pub tags: Option<ChangedTags>,
    /// TotalMessageCount: present when bit T is set.
    pub total_message_count: Option<u32>,
    /// UnreadMessageCount: present when bit U is set.
    pub unread_message_count: Option<u32>,
    /// MessageFlags, UnicodeFlag and MessageClass: present when NotificationType is 0x0002.
    pub new_mail: Option<NewMail<'a>>,
}

impl NotificationData<'_> {
    /// NotificationType: the low 12 bits of NotificationFlags.
    pub fn notification_type(&self) -> u16 {
        self.notification_flags & 0x0FFF
    }

    /// Which fields are present, as this value has them.
    fn present(&self) -> Presence {
        Presence {
            table_event_type: self.table_event_type.is_some(),
            table_row_folder_id: self.table_row_folder_id.is_some(),
            table_row_message: self.table_row_message.is_some(),
            insert_after_folder_id: self.insert_after_table_row_folder_id.is_some(),
            insert_after_message: self.insert_after_table_row.is_some(),
            table_row_data: self.table_row_data.is_some(),
            folder_id: self.folder_id.is_some(),
            message_id: self.message_id.is_some(),
            parent_folder_id: self.parent_folder_id.is_some(),
            old_folder_id: self.old_folder_id.is_some(),
            old_message_id: self.old_message_id.is_some(),
            old_parent_folder_id: self.old_parent_folder_id.is_some(),
            tag_count: self.tags.is_some(),
            total_message_count: self.total_message_count.is_some(),
            unread_message_count: self.unread_message_count.is_some(),
            new_mail: self.new_mail.is_some(),
        }
    }
}

fn opt<'a, T>(
    r: &mut Reader<'a>,
    present: bool,
    name: &'static str,
    f: impl FnOnce(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Option<T>, DecodeError> {
    if present {
        f(r).field(name).map(Some)
    } else {
        Ok(None)
    }
}

fn row_message(
    r: &mut Reader<'_>,
    id: &'static str,
    instance: &'static str,
) -> Result<TableRowMessage, DecodeError> {
    Ok(TableRowMessage {
        message_id: MessageId::decode_from(r).field(id)?,
        instance: r.u32().field(instance)?,
    })
}

impl<'a, 'c> DecodeWith<'a, Option<&'c [PropTag]>> for NotificationData<'a> {
    /// Reads a NotificationData; `columns` are the columns of the notification's table (for
    /// TableRowData), when known.
    fn decode_with_from(
        r: &mut Reader<'a>,
        columns: Option<&'c [PropTag]>,
    ) -> Result<Self, DecodeError> {
        let at = r.offset();
        let flags = r.u16().field("NotificationFlags")?;
        if let Err(what) = check_type(flags) {
            return Err(r.invalid_at(at, what, flags.into())).field("NotificationFlags");
        }
        let table = flags & 0x0FFF == notification_type::TABLE_MODIFIED;
        let table_event_type = opt(r, table, "TableEventType", |r| r.u16())?;
        let p = Presence::of(flags, table_event_type);
        let u64s = |r: &mut Reader<'a>, on: bool, name| opt(r, on, name, FolderId::decode_from);
        let table_row_folder_id = u64s(r, p.table_row_folder_id, "TableRowFolderID")?;
        let table_row_message = if p.table_row_message {
            Some(row_message(r, "TableRowMessageID", "TableRowInstance")?)
        } else {
            None
        };
        let insert_after_table_row_folder_id =
            u64s(r, p.insert_after_folder_id, "InsertAfterTableRowFolderID")?;
        let insert_after_table_row = if p.insert_after_message {
            Some(row_message(
                r,
                "InsertAfterTableRowID",
                "InsertAfterTableRowInstance",
            )?)
        } else {
            None
        };
        let table_row_data = if p.table_row_data {
            Some(TableRowData::decode_from(r, columns)?)
        } else {
            None
        };
        let folder_id = u64s(r, p.folder_id, "FolderId")?;
        let message_id = opt(r, p.message_id, "MessageId", MessageId::decode_from)?;
        let parent_folder_id = u64s(r, p.parent_folder_id, "ParentFolderId")?;
        let old_folder_id = u64s(r, p.old_folder_id, "OldFolderId")?;
        let old_message_id = opt(r, p.old_message_id, "OldMessageId", MessageId::decode_from)?;
        let old_parent_folder_id = u64s(r, p.old_parent_folder_id, "OldParentFolderId")?;
        let tags = if p.tag_count {
            Some(ChangedTags::decode_from(r)?)
        } else {
            None
        };
        let total_message_count = opt(r, p.total_message_count, "TotalMessageCount", |r| r.u32())?;
        let unread_message_count =
            opt(r, p.unread_message_count, "UnreadMessageCount", |r| r.u32())?;
        let new_mail = if p.new_mail {
            let message_flags = r.u32().field("MessageFlags")?;
            let unicode = r
                .bool8("UnicodeFlag must be 0x00 or 0x01")
                .field("UnicodeFlag")?;
            let message_class = if unicode {
                MessageClass::Unicode(Utf16Str::decode_from(r).field("MessageClass")?)
            } else {
                MessageClass::Ansi(AnsiStr::decode_from(r).field("MessageClass")?)
            };
            Some(NewMail {
                message_flags,
                message_class,
            })
        } else {
            None
        };
        Ok(NotificationData {
            notification_flags: flags,
            table_event_type,
            table_row_folder_id,
            table_row_message,
            insert_after_table_row_folder_id,
            insert_after_table_row,
            table_row_data,
            folder_id,
            message_id,
            parent_folder_id,
            old_folder_id,
            old_message_id,
            old_parent_folder_id,
            tags,
            total_message_count,
            unread_message_count,
            new_mail,
        })
    }
}

fn put<T: Encode, B: BufMut>(v: &Option<T>, out: &mut B) -> Result<(), EncodeError> {
    match v {
        Some(v) => v.encode(out),
        None => Ok(()),
    }
}

fn put_row<B: BufMut>(v: &Option<TableRowMessage>, out: &mut B) -> Result<(), EncodeError> {
    if let Some(m) = v {
        m.message_id.encode(out)?;
        m.instance.encode(out)?;
    }
    Ok(())
}

impl Encode for NotificationData<'_> {
    fn encoded_len(&self) -> usize {
        let ids = [
            self.table_row_folder_id.is_some(),
            self.insert_after_table_row_folder_id.is_some(),
            self.folder_id.is_some(),
            self.message_id.is_some(),
            self.parent_folder_id.is_some(),
            self.old_folder_id.is_some(),
            self.old_message_id.is_some(),
            self.old_parent_folder_id.is_some(),
        ]
        .iter()
        .filter(|p| **p)
        .count();
        2 + self.table_event_type.map_or(0, |_| 2)
            + 8 * ids
            + 12 * usize::from(self.table_row_message.is_some())
            + 12 * usize::from(self.insert_after_table_row.is_some())
            + self.table_row_data.as_ref().map_or(0, |d| 2 + d.data_len())
            + self.tags.as_ref().map_or(0, ChangedTags::encoded_len)
            + 4 * usize::from(self.total_message_count.is_some())
            + 4 * usize::from(self.unread_message_count.is_some())
            + self
                .new_mail
                .as_ref()
                .map_or(0, |n| 4 + n.message_class.encoded_len())
    }

    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if check_type(self.notification_flags).is_err() {
            return Err(EncodeError::invalid(
                "NotificationType not listed by [MS-OXCNOTIF] 2.2.1.4.1.2",
            ));
        }
        if self.present() != Presence::of(self.notification_flags, self.table_event_type) {
            return Err(EncodeError::invalid(
                "NotificationData fields do not match what NotificationFlags and \
                       TableEventType call for",
            ));
        }
        self.notification_flags.encode(out)?;
        put(&self.table_event_type, out)?;
        put(&self.table_row_folder_id, out)?;
        put_row(&self.table_row_message, out)?;
        put(&self.insert_after_table_row_folder_id, out)?;
        put_row(&self.insert_after_table_row, out)?;
        if let Some(d) = &self.table_row_data {
            d.encode(out)?;
        }
        put(&self.folder_id, out)?;
        put(&self.message_id, out)?;
        put(&self.parent_folder_id, out)?;
        put(&self.old_folder_id, out)?;
        put(&self.old_message_id, out)?;
        put(&self.old_parent_folder_id, out)?;
        if let Some(t) = &self.tags {
            t.encode(out)?;
        }
        put(&self.total_message_count, out)?;
        put(&self.unread_message_count, out)?;
        if let Some(n) = &self.new_mail {
            n.message_flags.encode(out)?;
            n.message_class.encode(out)?;
        }
        Ok(())
    }
}

fn flags_tree(flags: u16) -> Tree {
    use notification_flag::{M, S, T, U};
    let bits: Vec<Tree> = [(T, "T"), (U, "U"), (S, "S"), (M, "M")]
        .iter()
        .filter(|(b, _)| flags & b != 0)
        .map(|(_, n)| Tree::Text((*n).to_string()))
        .collect();
    Tree::record()
        .field("Value", hex16(&flags))
        .field(
            "NotificationType",
            Tree::named(flags & 0x0FFF, notification_type_name(flags & 0x0FFF)),
        )
        .field("Flags", Tree::List(bits))
}

impl ToTree for NotificationData<'_> {
    fn to_tree(&self) -> Tree {
        let mut t = Tree::record().field("NotificationFlags", flags_tree(self.notification_flags));
        if let Some(e) = self.table_event_type {
            t = t.field("TableEventType", Tree::named(e, table_event_name(e)));
        }
        if let Some(v) = &self.table_row_folder_id {
            t = t.field("TableRowFolderID", v.to_tree());
        }
        if let Some(m) = &self.table_row_message {
            t = t
                .field("TableRowMessageID", m.message_id.to_tree())
                .field("TableRowInstance", Tree::UInt(m.instance.into()));
        }
        if let Some(v) = &self.insert_after_table_row_folder_id {
            t = t.field("InsertAfterTableRowFolderID", v.to_tree());
        }
        if let Some(m) = &self.insert_after_table_row {
            t = t
                .field("InsertAfterTableRowID", m.message_id.to_tree())
                .field("InsertAfterTableRowInstance", Tree::UInt(m.instance.into()));
        }
        if let Some(d) = &self.table_row_data {
            t = t
                .field("TableRowDataSize", Tree::UInt(d.data_len() as u64))
                .field("TableRowData", d.tree());
        }
        for (name, v) in [
            ("FolderId", self.folder_id.as_ref().map(ToTree::to_tree)),
            ("MessageId", self.message_id.as_ref().map(ToTree::to_tree)),
            (
                "ParentFolderId",
                self.parent_folder_id.as_ref().map(ToTree::to_tree),
            ),
            (
                "OldFolderId",
                self.old_folder_id.as_ref().map(ToTree::to_tree),
            ),
            (
                "OldMessageId",
                self.old_message_id.as_ref().map(ToTree::to_tree),
            ),
            (
                "OldParentFolderId",
                self.old_parent_folder_id.as_ref().map(ToTree::to_tree),
            ),
        ] {
            if let Some(v) = v {
                t = t.field(name, v);
            }
        }
        if let Some(tags) = &self.tags {
            t = t.field("TagCount", hex16(&tags.count()));
            if let ChangedTags::Tags(v) = tags {
                t = t.field("Tags", v.to_tree());
            }
        }
        if let Some(v) = self.total_message_count {
            t = t.field("TotalMessageCount", Tree::UInt(v.into()));
        }
        if let Some(v) = self.unread_message_count {
            t = t.field("UnreadMessageCount", Tree::UInt(v.into()));
        }
        if let Some(n) = &self.new_mail {
            t = t
                .field("MessageFlags", super::field::hex32(&n.message_flags))
                .field("UnicodeFlag", Tree::Bool(n.message_class.unicode_flag()))
                .field("MessageClass", n.message_class.tree());
        }
        t
    }
}

// ---------------------------------------------------------------------------------------------
// RopNotify

/// [MS-OXCROPS] 2.2.14.2.1 RopNotify response ([MS-OXCNOTIF] 2.2.1.4.1): the details of one
/// event, sent without a request.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct NotifyResponse<'a> {
    /// NotificationHandle: the Server object handle of the subscription, or of the table for
    /// table notifications.
    pub notification_handle: u32,
    /// LogonId: the logon the subscription was made on.
    pub logon_id: u8,
    /// NotificationData.
    pub notification_data: NotificationData<'a>,
}

impl<'a> NotifyResponse<'a> {
    /// Reads the fields after the RopId; `columns` are the columns of the table
    /// NotificationHandle names, when known.
    pub fn decode_with_columns(
        r: &mut Reader<'a>,
        columns: Option<&[PropTag]>,
    ) -> Result<Self, DecodeError> {
        let notification_handle = r.u32().field("NotificationHandle")?;
        let logon_id = r.u8().field("LogonId")?;
        let notification_data =
            NotificationData::decode_with_from(r, columns).field("NotificationData")?;
        Ok(NotifyResponse {
            notification_handle,
            logon_id,
            notification_data,
        })
    }
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c>> for NotifyResponse<'a> {
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c>) -> Result<Self, DecodeError> {
        // NotificationHandle is the first field: peek it to find the table's columns.
        let handle = r.clone().u32().field("NotificationHandle")?;
        NotifyResponse::decode_with_columns(r, ctx.columns_of_handle(handle))
    }
}

impl Encode for NotifyResponse<'_> {
    fn encoded_len(&self) -> usize {
        5 + self.notification_data.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.notification_handle.encode(out)?;
        self.logon_id.encode(out)?;
        self.notification_data.encode(out)
    }
}

impl ToTree for NotifyResponse<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field(
                "NotificationHandle",
                super::field::hex32(&self.notification_handle),
            )
            .field("LogonId", Tree::UInt(self.logon_id.into()))
            .field("NotificationData", self.notification_data.to_tree())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rop::test_util;
    #[allow(unused_imports)]
    use crate::rop::RequestCtx;
    use crate::rop::{RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer, Session};
    #[allow(unused_imports)]
    use crate::wire::DecodeWith;
    use crate::wire::Limits;

    /// An 8-byte id: ReplicaId 1, GlobalCounter `n` (big-endian 6 bytes).
    fn id(n: u8) -> [u8; 8] {
        [0x01, 0x00, 0, 0, 0, 0, 0, n]
    }

    const SUBJECT: PropTag = PropTag(0x0037_001F);

    /// Decodes NotificationData, checks the round trip and that every strict prefix fails.
    fn data<'a>(bytes: &'a [u8], columns: Option<&[PropTag]>) -> NotificationData<'a> {
        let d = NotificationData::decode_with_exact(bytes, columns, Limits::DEFAULT).unwrap();
        assert_eq!(d.to_bytes().unwrap(), bytes);
        assert_eq!(d.encoded_len(), bytes.len());
        for n in 0..bytes.len() {
            assert!(
                NotificationData::decode_with_exact(&bytes[..n], columns, Limits::DEFAULT).is_err(),
                "prefix {n}"
            );
        }
        d
    }

    #[test]
    fn register_notification_request_both_scopes() {
        // WantWholeStore TRUE: no FolderId, no MessageId.
        let req = test_util::request(&[0x29, 0x00, 0x00, 0x01, 0x02, 0x00, 0x01]);
        let RopRequest::RegisterNotification(r) = &req else {
            panic!("{req:?}")
        };
        assert!(r.want_whole_store());
        assert_eq!(r.notification_types, 0x02);
        assert_eq!(req.output_handle_index(), Some(1));
        // WantWholeStore FALSE: FolderId and MessageId follow.
        let mut b = vec![0x29, 0x00, 0x00, 0x01, 0x14, 0x00, 0x00];
        b.extend(id(7));
        b.extend([0; 8]);
        let req = test_util::request(&b);
        let RopRequest::RegisterNotification(r) = &req else {
            panic!("{req:?}")
        };
        assert_eq!(
            r.target.unwrap().folder_id.to_u64(),
            u64::from_le_bytes(id(7))
        );
        // WantWholeStore is a Boolean.
        let e = RopRequest::decode_with_exact(
            &[0x29, 0, 0, 1, 2, 0, 2],
            RequestCtx::default(),
            Limits::DEFAULT,
        )
        .unwrap_err();
        assert_eq!(e.kind().name(), "invalid-value");
        assert_eq!(e.offset(), 6);
    }

    #[test]
    fn register_notification_response_success_and_failure() {
        let req = test_util::request(&[0x29, 0x00, 0x00, 0x01, 0x02, 0x00, 0x01]);
        let ok = test_util::response(&req, &[0x29, 0x01, 0, 0, 0, 0]);
        assert_eq!(ok.succeeded(), Some(true));
        let bad = test_util::response(&req, &[0x29, 0x01, 0x01, 0x04, 0x00, 0x80]);
        assert_eq!(bad.return_value(), Some(0x8000_0401));
    }

    #[test]
    fn new_mail_ansi_and_unicode() {
        // NewMail | M: FolderId, MessageId, MessageFlags, UnicodeFlag, MessageClass.
        let mut b = vec![0x02, 0x80];
        b.extend(id(1));
        b.extend(id(2));
        b.extend([0x04, 0, 0, 0, 0x00]);
        b.extend(b"IPM.Note\0");
        let d = data(&b, None);
        assert_eq!(d.notification_type(), notification_type::NEW_MAIL);
        assert!(d.message_id.is_some() && d.parent_folder_id.is_none());
        let nm = d.new_mail.as_ref().unwrap();
        assert!(matches!(&nm.message_class, MessageClass::Ansi(s) if s.as_bytes() == b"IPM.Note"));

        let mut b = vec![0x02, 0x80];
        b.extend(id(1));
        b.extend(id(2));
        b.extend([0x00, 0, 0, 0, 0x01]);
        b.extend([b'I', 0, b'P', 0, b'M', 0, 0, 0]);
        let d = data(&b, None);
        assert!(d.new_mail.unwrap().message_class.unicode_flag());
        // UnicodeFlag is a Boolean.
        let n = b.len();
        b[n - 9] = 0x02;
        let e = NotificationData::decode_with_exact(&b, None, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.offset(), n - 9);
    }

    #[test]
    fn object_created_folder_has_parent_and_tags() {
        // ObjectCreated on a folder (no S, no M): FolderId, ParentFolderId, TagCount, Tags.
        let mut b = vec![0x04, 0x00];
        b.extend(id(3));
        b.extend(id(4));
        b.extend([0x01, 0x00]);
        b.extend(SUBJECT.0.to_le_bytes());
        let d = data(&b, None);
        assert_eq!(
            d.parent_folder_id.unwrap().to_u64(),
            u64::from_le_bytes(id(4))
        );
        assert_eq!(d.tags, Some(ChangedTags::Tags(vec![SUBJECT])));
        // A message (M) outside a search folder has no ParentFolderId.
        let mut b = vec![0x04, 0x80];
        b.extend(id(3));
        b.extend(id(5));
        b.extend([0x00, 0x00]);
        let d = data(&b, None);
        assert!(d.parent_folder_id.is_none());
        assert_eq!(d.tags, Some(ChangedTags::Tags(vec![])));
        // A count the bytes cannot hold fails before allocating.
        let mut b = vec![0x04, 0x80];
        b.extend(id(3));
        b.extend(id(5));
        b.extend([0x00, 0x10]);
        let e = NotificationData::decode_with_exact(&b, None, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "count-too-large");
        assert_eq!(e.offset(), 18);
    }

    #[test]
    fn object_modified_counts_and_no_tag_array() {
        // ObjectModified | T | U on a folder: FolderId, TagCount 0xFFFF (no Tags), then both
        // counts.
        let mut b = vec![0x10, 0x30];
        b.extend(id(6));
        b.extend([0xFF, 0xFF]);
        b.extend([10, 0, 0, 0, 3, 0, 0, 0]);
        let d = data(&b, None);
        assert_eq!(d.tags, Some(ChangedTags::NotGiven));
        assert_eq!(d.total_message_count, Some(10));
        assert_eq!(d.unread_message_count, Some(3));
    }

    #[test]
    fn moved_and_copied() {
        // ObjectMoved folder: FolderId, ParentFolderId, OldFolderId, OldParentFolderId.
        let mut b = vec![0x20, 0x00];
        for n in 1..=4 {
            b.extend(id(n));
        }
        let d = data(&b, None);
        assert!(d.old_parent_folder_id.is_some() && d.old_message_id.is_none());
        // ObjectCopied message: FolderId, MessageId, OldFolderId, OldMessageId.
        let mut b = vec![0x40, 0x80];
        for n in 1..=4 {
            b.extend(id(n));
        }
        let d = data(&b, None);
        assert!(d.parent_folder_id.is_none() && d.old_message_id.is_some());
        // ObjectCopied message in a search folder (S and M): ParentFolderId too.
        let mut b = vec![0x40, 0xC0];
        for n in 1..=5 {
            b.extend(id(n));
        }
        let d = data(&b, None);
        assert!(d.parent_folder_id.is_some() && d.old_parent_folder_id.is_none());
        // ObjectDeleted on a message in a normal folder (M only): no ParentFolderId.
        let mut b = vec![0x08, 0x80];
        b.extend(id(1));
        b.extend(id(2));
        assert!(data(&b, None).parent_folder_id.is_none());
    }

    #[test]
    fn search_completed_reserved_and_unknown_types() {
        let mut b = vec![0x80, 0x00];
        b.extend(id(1));
        assert!(data(&b, None).folder_id.is_some());
        // 0x0400 (reserved): no FolderId; only what T/U call for.
        let d = data(&[0x00, 0x14, 9, 0, 0, 0], None);
        assert_eq!(d.total_message_count, Some(9));
        assert!(d.folder_id.is_none());
        // 0x0200 and 0x0000 are not listed: the layout of what follows is unknown.
        for flags in [[0x00, 0x02], [0x00, 0x00], [0x06, 0x00]] {
            let e = NotificationData::decode_with_exact(&flags, None, Limits::DEFAULT).unwrap_err();
            assert_eq!(e.kind().name(), "invalid-value");
            assert_eq!(e.offset(), 0);
        }
    }

    /// TableModified | M, TableRowAdded on a contents table, with a row of PidTagSubject "Hi".
    fn row_added() -> Vec<u8> {
        let mut b = vec![0x00, 0x81, 0x03, 0x00];
        b.extend(id(1)); // TableRowFolderID
        b.extend(id(2)); // TableRowMessageID
        b.extend([0, 0, 0, 0]); // TableRowInstance
        b.extend(id(1)); // InsertAfterTableRowFolderID
        b.extend(id(9)); // InsertAfterTableRowID
        b.extend([0, 0, 0, 0]); // InsertAfterTableRowInstance
        b.extend([7, 0, 0x00, b'H', 0, b'i', 0, 0, 0]); // size 7, StandardPropertyRow
        b
    }

    #[test]
    fn table_notifications() {
        // TableChanged: only TableEventType.
        let d = data(&[0x00, 0x01, 0x01, 0x00], None);
        assert_eq!(d.table_event_type, Some(table_event_type::TABLE_CHANGED));
        // TableRowDeleted on a hierarchy table (no M): TableRowFolderID only.
        let mut b = vec![0x00, 0x01, 0x04, 0x00];
        b.extend(id(3));
        let d = data(&b, None);
        assert!(d.table_row_message.is_none() && d.table_row_data.is_none());
        // TableRowModified on a hierarchy table: no message fields, InsertAfter folder, row.
        let mut b = vec![0x00, 0x01, 0x05, 0x00];
        b.extend(id(3));
        b.extend(id(4));
        b.extend([0, 0]);
        let d = data(&b, None);
        assert!(d.insert_after_table_row.is_none());
        assert!(
            matches!(d.table_row_data, Some(TableRowData::Raw { ref bytes, .. }) if bytes.is_empty())
        );

        // TableRowAdded with the columns: the row decodes; without: bytes and the reason.
        let b = row_added();
        let d = data(&b, Some(&[SUBJECT]));
        match &d.table_row_data {
            Some(TableRowData::Row { row, .. }) => assert_eq!(row.values.len(), 1),
            other => panic!("{other:?}"),
        }
        let d = data(&b, None);
        match &d.table_row_data {
            Some(TableRowData::Raw { reason, bytes }) => {
                assert_eq!(reason, COLUMNS_UNKNOWN);
                assert_eq!(bytes.len(), 7);
            }
            other => panic!("{other:?}"),
        }
        // Columns that do not fit the bytes: kept raw, with why.
        let d = data(&b, Some(&[SUBJECT, SUBJECT]));
        assert!(matches!(d.table_row_data, Some(TableRowData::Raw { .. })));
        // TableRowDataSize past the end fails at the data.
        let mut short = b.clone();
        let n = short.len();
        short[n - 9] = 0x20;
        let e = NotificationData::decode_with_exact(&short, None, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
    }

    #[test]
    fn encode_checks_presence() {
        let b = row_added();
        let mut d = data(&b, None);
        d.table_row_data = None;
        assert!(d.to_bytes().is_err());
        let mut d = data(&b, None);
        d.notification_flags = 0x0200;
        assert!(d.to_bytes().is_err());
    }

    fn set_columns_request(table_index: u8) -> Vec<u8> {
        // RopSetColumns (PidTagSubject) on the table at `table_index`; handle table of one.
        let mut b = vec![0, 0, 0x12, 0x00, table_index, 0x00, 0x01, 0x00];
        b.extend(SUBJECT.0.to_le_bytes());
        let size = b.len() as u16;
        b[..2].copy_from_slice(&size.to_le_bytes());
        b.extend(0x0000_0031u32.to_le_bytes());
        b
    }

    fn response_buffer(rops: &[u8], handle: u32) -> Vec<u8> {
        let mut b = ((rops.len() + 2) as u16).to_le_bytes().to_vec();
        b.extend(rops);
        b.extend(handle.to_le_bytes());
        b
    }

    fn notify(handle: u32) -> Vec<u8> {
        let mut b = vec![0x2A];
        b.extend(handle.to_le_bytes());
        b.push(0x00);
        b.extend(row_added());
        b
    }

    #[test]
    fn set_columns_then_notify_in_one_buffer() {
        let req_bytes = set_columns_request(0);
        let req = RopRequestBuffer::decode_exact(&req_bytes, Limits::DEFAULT).unwrap();
        let mut rops = vec![0x12, 0x00, 0, 0, 0, 0, 0x00];
        rops.extend(notify(0x31));
        let bytes = response_buffer(&rops, 0x31);
        let resp = RopResponseBuffer::decode_with_exact(&bytes, &req, Limits::DEFAULT).unwrap();
        assert!(resp.raw.is_none());
        match &resp.rops[1] {
            RopResponse::Notify(n) => assert!(matches!(
                n.notification_data.table_row_data,
                Some(TableRowData::Row { .. })
            )),
            other => panic!("{other:?}"),
        }
        assert_eq!(resp.request_indexes[1], None);
        assert_eq!(resp.to_bytes().unwrap(), bytes);
        // Another table's handle: its columns are unknown, the row stays raw, and the
        // RopNotify still decodes.
        let mut rops = vec![0x12, 0x00, 0, 0, 0, 0, 0x00];
        rops.extend(notify(0x77));
        let bytes = response_buffer(&rops, 0x31);
        let resp = RopResponseBuffer::decode_with_exact(&bytes, &req, Limits::DEFAULT).unwrap();
        match &resp.rops[1] {
            RopResponse::Notify(n) => assert!(matches!(
                n.notification_data.table_row_data,
                Some(TableRowData::Raw { .. })
            )),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn session_columns_reach_a_later_notify() {
        let mut session = Session::new();
        // Call 1: RopSetColumns on table 0x31.
        let req1 = set_columns_request(0);
        let resp1 = response_buffer(&[0x12, 0x00, 0, 0, 0, 0, 0x00], 0x31);
        session
            .decode_execute(&req1, &resp1, Limits::DEFAULT)
            .unwrap();
        // Call 2: an empty request; the response carries a RopNotify for the table.
        let req2 = [0x02, 0x00];
        let mut resp2 = ((notify(0x31).len() + 2) as u16).to_le_bytes().to_vec();
        resp2.extend(notify(0x31));
        let (_, resp) = session
            .decode_execute(&req2, &resp2, Limits::DEFAULT)
            .unwrap();
        match &resp.rops[..] {
            [RopResponse::Notify(n)] => {
                assert_eq!(n.notification_handle, 0x31);
                match &n.notification_data.table_row_data {
                    Some(TableRowData::Row { columns, row }) => {
                        assert_eq!(columns, &[SUBJECT]);
                        assert!(!row.flagged);
                    }
                    other => panic!("{other:?}"),
                }
            }
            other => panic!("{other:?}"),
        }
        // Without the session the row is kept as bytes.
        let req = RopRequestBuffer::decode_exact(&req2, Limits::DEFAULT).unwrap();
        let resp = RopResponseBuffer::decode_with_exact(&resp2, &req, Limits::DEFAULT).unwrap();
        assert!(matches!(&resp.rops[0], RopResponse::Notify(n)
            if matches!(n.notification_data.table_row_data, Some(TableRowData::Raw { .. }))));
    }

    #[test]
    fn notify_is_standalone() {
        assert!(RopResponse::is_standalone(crate::rop::RopId::NOTIFY));
        assert!(RopResponse::is_standalone(crate::rop::RopId::PENDING));
        assert!(!RopResponse::is_standalone(
            crate::rop::RopId::REGISTER_NOTIFICATION
        ));
        // RopNotify in a request buffer is refused.
        let mut b = vec![0, 0];
        b.extend(notify(1));
        let size = b.len() as u16;
        b[..2].copy_from_slice(&size.to_le_bytes());
        assert!(RopRequestBuffer::decode_exact(&b, Limits::DEFAULT).is_err());
    }
}
