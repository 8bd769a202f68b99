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
//!
//! [`NotificationData`] is written by hand: most of its fields are present by rules on two
//! earlier fields, and several of them are two or three wire fields each (TagCount and Tags,
//! TableRowDataSize and TableRowData, MessageFlags, UnicodeFlag and MessageClass) that the
//! tree and the error paths show in place.

use std::borrow::Cow;

use bytes::BufMut;

use super::context::ResponseCtx;
use super::field::{hex16, hex32, hex8, rop_response, NoFields};
use super::folder::FolderString;
use crate::data::{FolderId, MessageId, PropTag, PropertyRow};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, named_code, u16_len, wire_struct, CountWidth, Decode, DecodeError, DecodeWith,
    Encode, EncodeError, EncodeWith, Reader, ResultExt,
};

// ---------------------------------------------------------------------------------------------
// RopRegisterNotification

wire_struct! {
    /// [MS-OXCROPS] 2.2.14.1.1 RopRegisterNotification request: subscribes to notifications
    /// ([MS-OXCNOTIF] 2.2.1.2.1); the subscription object goes to OutputHandleIndex.
    #[derive(Copy, Eq, Hash)]
    pub struct RegisterNotificationRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Logon object.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the notification subscription object goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// NotificationTypes: the events to report ([MS-OXCNOTIF] 2.2.1.2.1.1: 0x02 NewMail,
        /// 0x04 ObjectCreated, 0x08 ObjectDeleted, 0x10 ObjectModified, 0x20 ObjectMoved,
        /// 0x40 ObjectCopied, 0x80 SearchCompleted).
        notification_types: u8 => "NotificationTypes" as hex8,
        /// Reserved (the client sets 0x00).
        reserved: u8 => "Reserved" as hex8,
        /// WantWholeStore: the subscription covers the whole mailbox; FolderId and MessageId
        /// follow only when it is FALSE.
        want_whole_store: bool => "WantWholeStore",
        /// FolderId: the folder to watch; present exactly when WantWholeStore is FALSE.
        folder_id: Option<FolderId> => "FolderId" { if(want_whole_store) !want_whole_store },
        /// MessageId: the message to watch (zero to watch the whole folder); present exactly
        /// when WantWholeStore is FALSE.
        message_id: Option<MessageId> => "MessageId" { if(want_whole_store) !want_whole_store },
    }
    handles {
        Input: input_handle_index,
        Output: output_handle_index,
    }
}

/// A subscription to the whole mailbox of LogonId 0: the value that encodes with every field
/// zero or absent.
impl Default for RegisterNotificationRequest {
    fn default() -> Self {
        RegisterNotificationRequest {
            logon_id: 0,
            input_handle_index: 0,
            output_handle_index: 0,
            notification_types: 0,
            reserved: 0,
            want_whole_store: true,
            folder_id: None,
            message_id: None,
        }
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

named_code! {
    /// [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationType: the low 12 bits of NotificationFlags (an
    /// enumeration, not bits).
    pub struct NotificationType(u16);
    /// NewMail.
    NEW_MAIL = 0x0002 => "NewMail",
    /// ObjectCreated.
    OBJECT_CREATED = 0x0004 => "ObjectCreated",
    /// ObjectDeleted.
    OBJECT_DELETED = 0x0008 => "ObjectDeleted",
    /// ObjectModified.
    OBJECT_MODIFIED = 0x0010 => "ObjectModified",
    /// ObjectMoved.
    OBJECT_MOVED = 0x0020 => "ObjectMoved",
    /// ObjectCopied.
    OBJECT_COPIED = 0x0040 => "ObjectCopied",
    /// SearchCompleted.
    SEARCH_COMPLETED = 0x0080 => "SearchCompleted",
    /// TableModified.
    TABLE_MODIFIED = 0x0100 => "TableModified",
    /// Reserved (not used by servers; clients ignore it).
    RESERVED = 0x0400 => "Reserved",
}

impl NotificationType {
    /// The NotificationType of NotificationFlags `flags`: its low 12 bits.
    pub const fn of(flags: u16) -> NotificationType {
        NotificationType(flags & 0x0FFF)
    }
}

named_code! {
    flags
    /// [MS-OXCNOTIF] 2.2.1.4.1.2 the flag bits of NotificationFlags (its high four bits).
    pub struct NotificationFlag(u16);
    /// T: TotalMessageCount is present.
    T = 0x1000 => "T",
    /// U: UnreadMessageCount is present.
    U = 0x2000 => "U",
    /// S: the notification is about a search folder (with M: a message in one).
    S = 0x4000 => "S",
    /// M: the notification is about a message (else about a folder).
    M = 0x8000 => "M",
}

named_code! {
    /// [MS-OXCNOTIF] 2.2.1.4.1.2 TableEventType: what changed in a table (TableModified).
    pub struct TableEventType(u16);
    /// TableChanged.
    TABLE_CHANGED = 0x0001 => "TableChanged",
    /// TableRowAdded.
    TABLE_ROW_ADDED = 0x0003 => "TableRowAdded",
    /// TableRowDeleted.
    TABLE_ROW_DELETED = 0x0004 => "TableRowDeleted",
    /// TableRowModified.
    TABLE_ROW_MODIFIED = 0x0005 => "TableRowModified",
    /// TableRestrictionChanged.
    TABLE_RESTRICTION_CHANGED = 0x0007 => "TableRestrictionChanged",
}

/// Which optional fields of a NotificationData the flags (and TableEventType) call for:
/// the presence rules of [MS-OXCNOTIF] 2.2.1.4.1.2, in one place for decoding and encoding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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
    fn of(flags: u16, table_event: Option<TableEventType>) -> Presence {
        use NotificationType as N;
        use TableEventType as E;
        let bits = NotificationFlag(flags);
        let ty = NotificationType::of(flags);
        let m = bits.contains(NotificationFlag::M);
        let s = bits.contains(NotificationFlag::S);
        let table = ty == N::TABLE_MODIFIED;
        let ev = if table { table_event } else { None };
        let adm = matches!(
            ev,
            Some(E::TABLE_ROW_ADDED | E::TABLE_ROW_DELETED | E::TABLE_ROW_MODIFIED)
        );
        let am = matches!(ev, Some(E::TABLE_ROW_ADDED | E::TABLE_ROW_MODIFIED));
        let object = ty != N::TABLE_MODIFIED && ty != N::RESERVED;
        let moved = matches!(ty, N::OBJECT_MOVED | N::OBJECT_COPIED);
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
                N::OBJECT_CREATED | N::OBJECT_DELETED | N::OBJECT_MOVED | N::OBJECT_COPIED
            ) && s == m,
            old_folder_id: moved,
            old_message_id: moved && m,
            old_parent_folder_id: moved && !m,
            tag_count: matches!(ty, N::OBJECT_CREATED | N::OBJECT_MODIFIED),
            total_message_count: bits.contains(NotificationFlag::T),
            unread_message_count: bits.contains(NotificationFlag::U),
            new_mail: ty == N::NEW_MAIL,
        }
    }
}

/// Why NotificationFlags whose NotificationType [MS-OXCNOTIF] 2.2.1.4.1.2 does not list are
/// refused: for another value the fields that follow are not known.
const UNLISTED_TYPE: &str = "NotificationType not listed by [MS-OXCNOTIF] 2.2.1.4.1.2";

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

/// The names of the two fields of a [`TableRowMessage`] in one place of NotificationData.
type RowMessageNames = (&'static str, &'static str);

/// TableRowMessageID and TableRowInstance.
const TABLE_ROW: RowMessageNames = ("TableRowMessageID", "TableRowInstance");

/// InsertAfterTableRowID and InsertAfterTableRowInstance.
const INSERT_AFTER: RowMessageNames = ("InsertAfterTableRowID", "InsertAfterTableRowInstance");

impl TableRowMessage {
    /// Reads the two fields, named `names`.
    fn read(r: &mut Reader<'_>, names: RowMessageNames) -> Result<Self, DecodeError> {
        Ok(TableRowMessage {
            message_id: MessageId::decode_from(r).field(names.0)?,
            instance: r.u32().field(names.1)?,
        })
    }

    /// Adds the two fields, named `names`, to the tree `t`.
    fn tree(&self, t: Tree, names: RowMessageNames) -> Tree {
        t.field(names.0, self.message_id.to_tree())
            .field(names.1, Tree::UInt(self.instance.into()))
    }
}

impl Encode for TableRowMessage {
    fn encoded_len(&self) -> usize {
        12
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.message_id.encode(out)?;
        self.instance.encode(out)
    }
}

/// [MS-OXCNOTIF] 2.2.1.4.1.2 TableRowDataSize and TableRowData: a PropertyRow of the table's
/// columns, decoded when the columns are known (the context), else kept as bytes with the
/// reason.
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

impl<'a, 'c> DecodeWith<'a, Option<&'c [PropTag]>> for TableRowData<'a> {
    /// Reads TableRowDataSize bytes as a row of `columns` when they are given.
    fn decode_with_from(
        r: &mut Reader<'a>,
        columns: Option<&'c [PropTag]>,
    ) -> Result<Self, DecodeError> {
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
}

impl TableRowData<'_> {
    /// TableRowDataSize.
    fn size(&self) -> usize {
        match self {
            TableRowData::Row { row, .. } => row.encoded_len_with(CountWidth::U16),
            TableRowData::Raw { bytes, .. } => bytes.len(),
        }
    }
}

impl Encode for TableRowData<'_> {
    fn encoded_len(&self) -> usize {
        2 + self.size()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u16_len(self.size(), "TableRowDataSize")?.encode(out)?;
        match self {
            TableRowData::Row { row, .. } => row.encode_with(CountWidth::U16, out),
            TableRowData::Raw { bytes, .. } => {
                ensure_room(out, bytes.len())?;
                out.put_slice(bytes);
                Ok(())
            }
        }
    }
}

impl ToTree for TableRowData<'_> {
    /// TableRowDataSize and TableRowData.
    fn to_tree(&self) -> Tree {
        let data = match self {
            TableRowData::Row { columns, row } => row.to_tree_with_columns(columns),
            TableRowData::Raw { reason, bytes } => Tree::record()
                .field("Undecoded", Tree::Text(reason.to_string()))
                .field("Bytes", Tree::Bytes(bytes.to_vec())),
        };
        Tree::record()
            .field("TableRowDataSize", Tree::UInt(self.size() as u64))
            .field("TableRowData", data)
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
    /// TagCount.
    fn count(&self) -> u16 {
        match self {
            ChangedTags::NotGiven => NO_TAGS,
            ChangedTags::Tags(t) => u16::try_from(t.len()).unwrap_or(NO_TAGS),
        }
    }
}

impl<'a> Decode<'a> for ChangedTags {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
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
}

impl Encode for ChangedTags {
    fn encoded_len(&self) -> usize {
        2 + match self {
            ChangedTags::NotGiven => 0,
            ChangedTags::Tags(t) => 4 * t.len(),
        }
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        let ChangedTags::Tags(t) = self else {
            return NO_TAGS.encode(out);
        };
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

impl ToTree for ChangedTags {
    /// TagCount, and Tags when there are.
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field("TagCount", hex16(&self.count()));
        match self {
            ChangedTags::NotGiven => t,
            ChangedTags::Tags(v) => t.field("Tags", v.to_tree()),
        }
    }
}

wire_struct! {
    /// MessageFlags, UnicodeFlag and MessageClass: the fields of a NewMail notification
    /// ([MS-OXCNOTIF] 2.2.1.4.1.2).
    #[derive(Eq, Hash)]
    pub struct NewMail<'a> {
        /// MessageFlags: the new message's PidTagMessageFlags.
        message_flags: u32 => "MessageFlags" as hex32,
        /// UnicodeFlag: MessageClass is UTF-16 (TRUE) or 8-bit (FALSE).
        unicode_flag: bool => "UnicodeFlag",
        /// MessageClass: the new message's class, in the form UnicodeFlag selects.
        message_class: FolderString<'a> => "MessageClass" { with(unicode_flag) unicode_flag },
    }
}

/// [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationData: NotificationFlags, then the fields its
/// NotificationType and T/U/S/M bits (and, for TableModified, TableEventType) call for. Each
/// optional field is `Some` exactly when the spec's presence rule holds; encoding checks that.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct NotificationData<'a> {
    /// NotificationFlags: NotificationType in the low 12 bits, the T/U/S/M flags in the high
    /// four (see [`NotificationType`] and [`NotificationFlag`]).
    pub notification_flags: u16,
    /// TableEventType: present for TableModified.
    pub table_event_type: Option<TableEventType>,
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
    pub fn notification_type(&self) -> NotificationType {
        NotificationType::of(self.notification_flags)
    }

    /// The T/U/S/M bits of NotificationFlags.
    pub fn flags(&self) -> NotificationFlag {
        NotificationFlag(self.notification_flags & 0xF000)
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

/// Reads `T`, named `name`, when `present`.
fn opt<'a, T: Decode<'a>>(
    r: &mut Reader<'a>,
    present: bool,
    name: &'static str,
) -> Result<Option<T>, DecodeError> {
    present.then(|| T::decode_from(r).field(name)).transpose()
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
        let ty = NotificationType::of(flags);
        if ty.name().is_none() {
            return Err(r.invalid_at(at, UNLISTED_TYPE, flags.into())).field("NotificationFlags");
        }
        let table_event_type = opt(r, ty == NotificationType::TABLE_MODIFIED, "TableEventType")?;
        let p = Presence::of(flags, table_event_type);
        // The fields in wire order (a struct expression evaluates its fields as written).
        Ok(NotificationData {
            notification_flags: flags,
            table_event_type,
            table_row_folder_id: opt(r, p.table_row_folder_id, "TableRowFolderID")?,
            table_row_message: p
                .table_row_message
                .then(|| TableRowMessage::read(r, TABLE_ROW))
                .transpose()?,
            insert_after_table_row_folder_id: opt(
                r,
                p.insert_after_folder_id,
                "InsertAfterTableRowFolderID",
            )?,
            insert_after_table_row: p
                .insert_after_message
                .then(|| TableRowMessage::read(r, INSERT_AFTER))
                .transpose()?,
            table_row_data: p
                .table_row_data
                .then(|| TableRowData::decode_with_from(r, columns))
                .transpose()?,
            folder_id: opt(r, p.folder_id, "FolderId")?,
            message_id: opt(r, p.message_id, "MessageId")?,
            parent_folder_id: opt(r, p.parent_folder_id, "ParentFolderId")?,
            old_folder_id: opt(r, p.old_folder_id, "OldFolderId")?,
            old_message_id: opt(r, p.old_message_id, "OldMessageId")?,
            old_parent_folder_id: opt(r, p.old_parent_folder_id, "OldParentFolderId")?,
            tags: p
                .tag_count
                .then(|| ChangedTags::decode_from(r))
                .transpose()?,
            total_message_count: opt(r, p.total_message_count, "TotalMessageCount")?,
            unread_message_count: opt(r, p.unread_message_count, "UnreadMessageCount")?,
            new_mail: p.new_mail.then(|| NewMail::decode_from(r)).transpose()?,
        })
    }
}

impl Encode for NotificationData<'_> {
    fn encoded_len(&self) -> usize {
        2 + self.table_event_type.encoded_len()
            + self.table_row_folder_id.encoded_len()
            + self.table_row_message.encoded_len()
            + self.insert_after_table_row_folder_id.encoded_len()
            + self.insert_after_table_row.encoded_len()
            + self.table_row_data.encoded_len()
            + self.folder_id.encoded_len()
            + self.message_id.encoded_len()
            + self.parent_folder_id.encoded_len()
            + self.old_folder_id.encoded_len()
            + self.old_message_id.encoded_len()
            + self.old_parent_folder_id.encoded_len()
            + self.tags.encoded_len()
            + self.total_message_count.encoded_len()
            + self.unread_message_count.encoded_len()
            + self.new_mail.encoded_len()
    }

    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if self.notification_type().name().is_none() {
            return Err(EncodeError::invalid(UNLISTED_TYPE));
        }
        if self.present() != Presence::of(self.notification_flags, self.table_event_type) {
            return Err(EncodeError::invalid(
                "NotificationData fields do not match what NotificationFlags and \
                       TableEventType call for",
            ));
        }
        self.notification_flags.encode(out)?;
        self.table_event_type.encode(out)?;
        self.table_row_folder_id.encode(out)?;
        self.table_row_message.encode(out)?;
        self.insert_after_table_row_folder_id.encode(out)?;
        self.insert_after_table_row.encode(out)?;
        self.table_row_data.encode(out)?;
        self.folder_id.encode(out)?;
        self.message_id.encode(out)?;
        self.parent_folder_id.encode(out)?;
        self.old_folder_id.encode(out)?;
        self.old_message_id.encode(out)?;
        self.old_parent_folder_id.encode(out)?;
        self.tags.encode(out)?;
        self.total_message_count.encode(out)?;
        self.unread_message_count.encode(out)?;
        self.new_mail.encode(out)
    }
}

/// The tree of NotificationFlags: the value, its NotificationType and the names of its bits.
fn flags_tree(flags: u16) -> Tree {
    let bits = NotificationFlag::NAMED
        .iter()
        .filter(|(b, _)| NotificationFlag(flags).contains(*b))
        .map(|(_, n)| Tree::Text((*n).to_string()));
    Tree::record()
        .field("Value", hex16(&flags))
        .field("NotificationType", NotificationType::of(flags).to_tree())
        .field("Flags", Tree::List(bits.collect()))
}

/// Adds `v`, named `name`, to the tree `t` when it is present.
fn opt_tree<T: ToTree>(t: Tree, name: &'static str, v: &Option<T>) -> Tree {
    match v {
        Some(v) => t.field(name, v.to_tree()),
        None => t,
    }
}

/// Adds the fields of `v` to the tree `t` when it is present.
fn opt_splice<T: ToTree>(t: Tree, v: &Option<T>) -> Tree {
    match v {
        Some(v) => t.splice(v.to_tree()),
        None => t,
    }
}

impl ToTree for NotificationData<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field("NotificationFlags", flags_tree(self.notification_flags));
        let t = opt_tree(t, "TableEventType", &self.table_event_type);
        let t = opt_tree(t, "TableRowFolderID", &self.table_row_folder_id);
        let t = match &self.table_row_message {
            Some(m) => m.tree(t, TABLE_ROW),
            None => t,
        };
        let t = opt_tree(
            t,
            "InsertAfterTableRowFolderID",
            &self.insert_after_table_row_folder_id,
        );
        let t = match &self.insert_after_table_row {
            Some(m) => m.tree(t, INSERT_AFTER),
            None => t,
        };
        let t = opt_splice(t, &self.table_row_data);
        let t = opt_tree(t, "FolderId", &self.folder_id);
        let t = opt_tree(t, "MessageId", &self.message_id);
        let t = opt_tree(t, "ParentFolderId", &self.parent_folder_id);
        let t = opt_tree(t, "OldFolderId", &self.old_folder_id);
        let t = opt_tree(t, "OldMessageId", &self.old_message_id);
        let t = opt_tree(t, "OldParentFolderId", &self.old_parent_folder_id);
        let t = opt_splice(t, &self.tags);
        let t = opt_tree(t, "TotalMessageCount", &self.total_message_count);
        let t = opt_tree(t, "UnreadMessageCount", &self.unread_message_count);
        opt_splice(t, &self.new_mail)
    }
}

// ---------------------------------------------------------------------------------------------
// RopNotify

wire_struct! {
    /// [MS-OXCROPS] 2.2.14.2.1 RopNotify response ([MS-OXCNOTIF] 2.2.1.4.1): the details of
    /// one event, sent without a request. It decodes with the columns of the table
    /// NotificationHandle names (`None` when they are unknown), or in a [`ResponseCtx`], which
    /// finds them by NotificationHandle.
    pub struct NotifyResponse<'a> in columns: Option<&'c [PropTag]> {
        /// NotificationHandle: the Server object handle of the subscription, or of the table
        /// for table notifications.
        notification_handle: u32 => "NotificationHandle" as hex32,
        /// LogonId: the logon the subscription was made on.
        logon_id: u8 => "LogonId",
        /// NotificationData.
        notification_data: NotificationData<'a> => "NotificationData" { ctx },
    }
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c>> for NotifyResponse<'a> {
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c>) -> Result<Self, DecodeError> {
        // NotificationHandle is the first field: peek it to find the table's columns.
        let handle = r.clone().u32().field("NotificationHandle")?;
        NotifyResponse::decode_with_from(r, ctx.columns_of_handle(handle))
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
        assert!(r.want_whole_store);
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
        assert_eq!(r.folder_id.unwrap().to_u64(), u64::from_le_bytes(id(7)));
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
        assert_eq!(d.notification_type(), NotificationType::NEW_MAIL);
        assert!(d.message_id.is_some() && d.parent_folder_id.is_none());
        let nm = d.new_mail.as_ref().unwrap();
        assert!(
            matches!(&nm.message_class, FolderString::Multibyte(s) if s.as_bytes() == b"IPM.Note")
        );

        let mut b = vec![0x02, 0x80];
        b.extend(id(1));
        b.extend(id(2));
        b.extend([0x00, 0, 0, 0, 0x01]);
        b.extend([b'I', 0, b'P', 0, b'M', 0, 0, 0]);
        let d = data(&b, None);
        assert!(d.new_mail.unwrap().message_class.is_unicode());
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
        assert_eq!(d.table_event_type, Some(TableEventType::TABLE_CHANGED));
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
        // A MessageClass in the form UnicodeFlag does not announce.
        let mut b = vec![0x02, 0x00];
        b.extend(id(1));
        b.extend([0x00, 0, 0, 0, 0x00, b'X', 0]);
        let mut d = data(&b, None);
        d.new_mail.as_mut().unwrap().unicode_flag = true;
        assert_eq!(d.to_bytes().unwrap_err().path_string(), "MessageClass");
    }

    #[test]
    fn register_notification_fields_follow_want_whole_store() {
        let whole = RegisterNotificationRequest::default();
        assert!(whole.want_whole_store);
        assert_eq!(whole.to_bytes().unwrap(), [0, 0, 0, 0, 0, 1]);
        let mut r = whole;
        r.folder_id = Some(FolderId::from_u64(7));
        assert_eq!(r.to_bytes().unwrap_err().path_string(), "FolderId");
        r.want_whole_store = false;
        assert_eq!(r.to_bytes().unwrap_err().path_string(), "MessageId");
        r.message_id = Some(MessageId::from_u64(0));
        assert_eq!(r.to_bytes().unwrap().len(), 6 + 16);
    }

    #[test]
    fn codes_name_their_values() {
        assert_eq!(
            NotificationType::TABLE_MODIFIED.name(),
            Some("TableModified")
        );
        assert_eq!(NotificationType::of(0x8102), NotificationType(0x0102));
        assert_eq!(NotificationType(0x0102).name(), None);
        assert_eq!(
            TableEventType(0x0007).name(),
            Some("TableRestrictionChanged")
        );
        assert_eq!(
            format!("{:?}", NotificationFlag(0x9000)),
            "NotificationFlag(0x9000 T|M)"
        );
        let d = data(&[0x00, 0x14, 9, 0, 0, 0], None);
        assert_eq!(d.notification_type(), NotificationType::RESERVED);
        assert_eq!(d.flags(), NotificationFlag::T);
    }

    #[test]
    fn notify_decodes_with_the_columns_of_its_table() {
        let b = notify(0x31);
        let cols = [SUBJECT];
        let n =
            NotifyResponse::decode_with_exact(&b[1..], Some(&cols[..]), Limits::DEFAULT).unwrap();
        assert!(matches!(
            n.notification_data.table_row_data,
            Some(TableRowData::Row { .. })
        ));
        assert_eq!(n.to_bytes().unwrap(), &b[1..]);
        let n = NotifyResponse::decode_with_exact(&b[1..], None, Limits::DEFAULT).unwrap();
        assert!(matches!(
            n.notification_data.table_row_data,
            Some(TableRowData::Raw { .. })
        ));
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
