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

use crate::wire::Bool8;
use std::borrow::Cow;

use bytes::BufMut;

use super::context::ResponseCtx;
use super::field::{hex16, hex32, hex8, rop_request, rop_response};
use super::folder::FolderString;
use crate::data::{FolderId, MessageId, PropTags, PropertyRow};
use crate::tree::{ToTree, ToTreeWith, Tree};
use crate::wire::{
    ensure_room, named_code, u16_len, wire_struct, CountWidth, Decode, DecodeError, DecodeWith,
    Encode, EncodeError, EncodeWith, Reader, ResultExt,
};

// ---------------------------------------------------------------------------------------------
// RopRegisterNotification

rop_request! {
    /// [MS-OXCROPS] 2.2.14.1.1 RopRegisterNotification request: subscribes to notifications
    /// ([MS-OXCNOTIF] 2.2.1.2.1); the subscription object goes to OutputHandleIndex.
    #[derive(Copy, Eq, Hash)]
    pub struct RegisterNotificationRequest {
        /// InputHandleIndex: the Logon object.
        input_handle_index: Input,
        /// OutputHandleIndex: where the notification subscription object goes.
        output_handle_index: Output,
        /// NotificationTypes: the events to report ([MS-OXCNOTIF] 2.2.1.2.1.1: 0x02 NewMail,
        /// 0x04 ObjectCreated, 0x08 ObjectDeleted, 0x10 ObjectModified, 0x20 ObjectMoved,
        /// 0x40 ObjectCopied, 0x80 SearchCompleted).
        notification_types: u8 => "NotificationTypes" as hex8,
        /// Reserved (the client sets 0x00).
        reserved: u8 => "Reserved" as hex8,
        /// WantWholeStore: the subscription covers the whole mailbox; FolderId and MessageId
        /// follow only when it is FALSE.
        want_whole_store: Bool8 => "WantWholeStore",
        /// FolderId: the folder to watch; present exactly when WantWholeStore is FALSE.
        folder_id: Option<FolderId> => "FolderId" { if(want_whole_store) !want_whole_store.get() },
        /// MessageId: the message to watch (zero to watch the whole folder); present exactly
        /// when WantWholeStore is FALSE.
        message_id: Option<MessageId> => "MessageId" { if(want_whole_store) !want_whole_store.get() },
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
            want_whole_store: Bool8::TRUE,
            folder_id: None,
            message_id: None,
        }
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all_fields = "PascalCase")
)]
pub enum TableRowData<'a> {
    /// The row, with the columns it was decoded with: they label the tree, and encoding
    /// checks each cell against its column (the columns themselves are not on the wire: the
    /// table's RopSetColumns gives them to the decoder).
    Row {
        /// The table's columns.
        columns: PropTags<'a>,
        /// The PropertyRow.
        row: PropertyRow<'a>,
    },
    /// The bytes of the row, not decoded.
    Raw {
        /// Why the row was not decoded (the columns of the table are unknown, or the bytes do
        /// not hold a row of them).
        reason: Cow<'static, str>,
        /// The TableRowData bytes.
        #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
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

impl<'a, 'c> DecodeWith<'a, Option<&'c PropTags<'a>>> for TableRowData<'a> {
    /// Reads TableRowDataSize bytes as a row of `columns` when they are given.
    fn decode_with_from(
        r: &mut Reader<'a>,
        columns: Option<&'c PropTags<'a>>,
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
                columns: columns.clone(),
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
            // The row is written against its columns, so that what is written decodes to it
            // in a context that knows them.
            TableRowData::Row { columns, row } => row.encode_with((columns, CountWidth::U16), out),
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
            TableRowData::Row { columns, row } => row.to_tree_with(columns),
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ChangedTags<'a> {
    /// TagCount 0xFFFF: no Tags array follows.
    NotGiven,
    /// Tags (TagCount is their number, below 0xFFFF), borrowed from the input when decoded.
    Tags(PropTags<'a>),
}

/// TagCount 0xFFFF: no Tags field.
const NO_TAGS: u16 = 0xFFFF;

impl ChangedTags<'_> {
    /// TagCount.
    fn count(&self) -> u16 {
        match self {
            ChangedTags::NotGiven => NO_TAGS,
            ChangedTags::Tags(t) => u16::try_from(t.len()).unwrap_or(NO_TAGS),
        }
    }
}

impl<'a> Decode<'a> for ChangedTags<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let n = r.u16().field("TagCount")?;
        if n == NO_TAGS {
            return Ok(ChangedTags::NotGiven);
        }
        let n = r.check_count(at, n.into(), 4).field("TagCount")?;
        let tags = r.bytes(4 * n).field("Tags")?;
        Ok(ChangedTags::Tags(
            PropTags::from_bytes(tags).unwrap_or_default(),
        ))
    }
}

impl Encode for ChangedTags<'_> {
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
        crate::wire::ensure_room(out, t.as_bytes().len())?;
        out.put_slice(t.as_bytes());
        Ok(())
    }
}

impl ToTree for ChangedTags<'_> {
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
        unicode_flag: Bool8 => "UnicodeFlag",
        /// MessageClass: the new message's class, in the form UnicodeFlag selects.
        message_class: FolderString<'a> => "MessageClass" { with(unicode_flag) unicode_flag.get() },
    }
}

/// [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationData: NotificationFlags, then the fields its
/// NotificationType and T/U/S/M bits (and, for TableModified, TableEventType) call for. Each
/// optional field is `Some` exactly when the spec's presence rule holds; encoding checks that.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
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
    pub tags: Option<ChangedTags<'a>>,
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

impl<'a, 'c> DecodeWith<'a, Option<&'c PropTags<'a>>> for NotificationData<'a> {
    /// Reads a NotificationData; `columns` are the columns of the notification's table (for
    /// TableRowData), when known.
    fn decode_with_from(
        r: &mut Reader<'a>,
        columns: Option<&'c PropTags<'a>>,
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
    pub struct NotifyResponse<'a> in columns: Option<&'c PropTags<'a>> {
        /// NotificationHandle: the Server object handle of the subscription, or of the table
        /// for table notifications.
        notification_handle: u32 => "NotificationHandle" as hex32,
        /// LogonId: the logon the subscription was made on.
        logon_id: u8 => "LogonId",
        /// NotificationData.
        notification_data: NotificationData<'a> => "NotificationData" { ctx },
    }
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c, 'a>> for NotifyResponse<'a> {
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c, 'a>) -> Result<Self, DecodeError> {
        // NotificationHandle is the first field: peek it to find the table's columns.
        let handle = r.clone().u32().field("NotificationHandle")?;
        NotifyResponse::decode_with_from(r, ctx.columns_of_handle(handle))
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.14.1.2 RopRegisterNotification response: nothing after ReturnValue,
    /// on success or failure.
    RegisterNotificationResponse = REGISTER_NOTIFICATION { handle: Output }
}

crate::wire::owned_as_self!(TableRowMessage);
crate::wire::owned_impl!(
    enum ChangedTags {
        NotGiven,
        Tags(t),
    }
);
crate::wire::owned_impl!(enum TableRowData {
    Row { columns, row },
    Raw { reason, bytes },
});
crate::wire::owned_impl!(struct NotificationData {
    notification_flags,
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
});

#[cfg(test)]
mod tests;
