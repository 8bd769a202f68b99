//! [MS-OXCROPS] 2.2.6 Message ROPs ([MS-OXCMSG] adds the semantics).
//!
//! Most of these ROPs are fixed layouts. The exceptions are written by hand:
//! - the recipient rows of RopOpenMessage, RopReloadCachedInformation, RopOpenEmbeddedMessage,
//!   RopModifyRecipients and RopReadRecipients, whose [`RecipientRow`] ([MS-OXCDATA] 2.8.3.2)
//!   has fields selected by its RecipientFlags and a PropertyRow of the recipient columns;
//! - the request of RopSetMessageReadFlag, whose ClientData depends on the logon's LogonFlags;
//! - the optional MessageId of RopCreateMessage and the optional fields of
//!   RopSetMessageReadFlag's response.

use crate::wire::wire_struct;
use std::borrow::Cow;

use bytes::BufMut;

use super::context::{RequestCtx, ResponseCtx, LOGON_FLAG_PRIVATE};
use super::field::{
    hex16, hex32, hex8, rop_response, HandleIndexes, HandleRole, List16, MinLen, NoFields,
    RequestFields,
};
use crate::data::{CellBudget, FolderId, MessageId, PropTag, RecipientRow, TypedString};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, u16_len, u8_len, CountWidth, Decode, DecodeError, DecodeWith, Encode, EncodeError,
    ErrorKind, Reader, ResultExt,
};

// ---------------------------------------------------------------------------------------------
// The recipient rows of the ROPs: RecipientRowSize around a RecipientRow, OpenRecipientRow,
// ReadRecipientRow, ModifyRecipientRow, and the RecipientColumns
// ---------------------------------------------------------------------------------------------

/// Reads RecipientRowSize and the RecipientRow it sizes, which must fill it exactly.
fn read_sized_row<'a>(
    r: &mut Reader<'a>,
    columns: Option<&[PropTag]>,
    cells: &mut CellBudget,
) -> Result<RecipientRow<'a>, DecodeError> {
    let size = r.u16().field("RecipientRowSize")?;
    let mut sub = r.sub(size.into()).field("RecipientRow")?;
    let row = RecipientRow::decode_counted(&mut sub, columns, cells).field("RecipientRow")?;
    sub.finish().field("RecipientRow")?;
    Ok(row)
}

fn put_sized_row<B: BufMut>(row: &RecipientRow<'_>, out: &mut B) -> Result<(), EncodeError> {
    u16_len(row.encoded_len(), "RecipientRowSize")?.encode(out)?;
    row.encode(out)
}

/// The tree of a recipient type byte ([MS-OXCMSG] 2.2.3.1.2 RecipientType: 0x01 To, 0x02 Cc,
/// 0x03 Bcc, with flags 0x10 and 0x80 for resends).
fn recipient_type_tree(v: &u8) -> Tree {
    let name = match v & 0x0F {
        0x01 => Some("Primary"),
        0x02 => Some("Cc"),
        0x03 => Some("Bcc"),
        _ => None,
    };
    Tree::Named {
        value: (*v).into(),
        name: name.map(Cow::Borrowed),
        digits: 2,
    }
}

/// [MS-OXCROPS] 2.2.6.1.2.1 OpenRecipientRow: one recipient of RopOpenMessage,
/// RopReloadCachedInformation and RopOpenEmbeddedMessage.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct OpenRecipientRow<'a> {
    /// RecipientType ([MS-OXCMSG] 2.2.3.1.2).
    pub recipient_type: u8,
    /// CodePageId: the code page of the row's 8-bit strings.
    pub code_page_id: u16,
    /// Reserved: 0x0000.
    pub reserved: u16,
    /// RecipientRow (RecipientRowSize is its size), decoded with the response's
    /// RecipientColumns.
    pub recipient_row: RecipientRow<'a>,
}

impl MinLen for OpenRecipientRow<'_> {
    const MIN_LEN: usize = 7 + RecipientRow::MIN_LEN;
}

impl<'a> OpenRecipientRow<'a> {
    fn decode_in(
        r: &mut Reader<'a>,
        columns: &[PropTag],
        cells: &mut CellBudget,
    ) -> Result<Self, DecodeError> {
        Ok(OpenRecipientRow {
            recipient_type: r.u8().field("RecipientType")?,
            code_page_id: r.u16().field("CodePageId")?,
            reserved: r.u16().field("Reserved")?,
            recipient_row: read_sized_row(r, Some(columns), cells)?,
        })
    }

    /// The tree with the RecipientProperties cells labelled by `columns`.
    pub fn to_tree_with_columns(&self, columns: &[PropTag]) -> Tree {
        self.tree(Some(columns))
    }

    fn tree(&self, columns: Option<&[PropTag]>) -> Tree {
        Tree::record()
            .field("RecipientType", recipient_type_tree(&self.recipient_type))
            .field("CodePageId", Tree::UInt(self.code_page_id.into()))
            .field("Reserved", hex16(&self.reserved))
            .field(
                "RecipientRowSize",
                Tree::UInt(self.recipient_row.encoded_len() as u64),
            )
            .field("RecipientRow", self.recipient_row.tree(columns))
    }
}

impl Encode for OpenRecipientRow<'_> {
    fn encoded_len(&self) -> usize {
        7 + self.recipient_row.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.recipient_type.encode(out)?;
        self.code_page_id.encode(out)?;
        self.reserved.encode(out)?;
        put_sized_row(&self.recipient_row, out)
    }
}

impl ToTree for OpenRecipientRow<'_> {
    fn to_tree(&self) -> Tree {
        self.tree(None)
    }
}

/// [MS-OXCROPS] 2.2.6.6.2.1 ReadRecipientRow: one recipient of RopReadRecipients.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ReadRecipientRow<'a> {
    /// RowId: the recipient's row id.
    pub row_id: u32,
    /// RecipientType ([MS-OXCMSG] 2.2.3.1.2).
    pub recipient_type: u8,
    /// CodePageId: the code page of the row's 8-bit strings.
    pub code_page_id: u16,
    /// Reserved: 0x0000.
    pub reserved: u16,
    /// RecipientRow (RecipientRowSize is its size).
    pub recipient_row: RecipientRow<'a>,
}

impl MinLen for ReadRecipientRow<'_> {
    const MIN_LEN: usize = 11 + RecipientRow::MIN_LEN;
}

impl<'a> ReadRecipientRow<'a> {
    fn decode_in(
        r: &mut Reader<'a>,
        columns: Option<&[PropTag]>,
        cells: &mut CellBudget,
    ) -> Result<Self, DecodeError> {
        Ok(ReadRecipientRow {
            row_id: r.u32().field("RowId")?,
            recipient_type: r.u8().field("RecipientType")?,
            code_page_id: r.u16().field("CodePageId")?,
            reserved: r.u16().field("Reserved")?,
            recipient_row: read_sized_row(r, columns, cells)?,
        })
    }

    /// The tree with the RecipientProperties cells labelled by `columns`.
    pub fn to_tree_with_columns(&self, columns: &[PropTag]) -> Tree {
        self.tree(Some(columns))
    }

    fn tree(&self, columns: Option<&[PropTag]>) -> Tree {
        Tree::record()
            .field("RowId", Tree::UInt(self.row_id.into()))
            .field("RecipientType", recipient_type_tree(&self.recipient_type))
            .field("CodePageId", Tree::UInt(self.code_page_id.into()))
            .field("Reserved", hex16(&self.reserved))
            .field(
                "RecipientRowSize",
                Tree::UInt(self.recipient_row.encoded_len() as u64),
            )
            .field("RecipientRow", self.recipient_row.tree(columns))
    }
}

impl Encode for ReadRecipientRow<'_> {
    fn encoded_len(&self) -> usize {
        11 + self.recipient_row.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.row_id.encode(out)?;
        self.recipient_type.encode(out)?;
        self.code_page_id.encode(out)?;
        self.reserved.encode(out)?;
        put_sized_row(&self.recipient_row, out)
    }
}

impl ToTree for ReadRecipientRow<'_> {
    fn to_tree(&self) -> Tree {
        self.tree(None)
    }
}

/// [MS-OXCROPS] 2.2.6.5.1.1 ModifyRecipientRow: one recipient to add, change or (without a
/// RecipientRow) remove.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ModifyRecipientRow<'a> {
    /// RowId: the recipient's row id.
    pub row_id: u32,
    /// RecipientType ([MS-OXCMSG] 2.2.3.1.2).
    pub recipient_type: u8,
    /// RecipientRow (RecipientRowSize is its size): absent when RecipientRowSize is 0, which
    /// removes the recipient ([MS-OXCMSG] 2.2.3.5.1).
    pub recipient_row: Option<RecipientRow<'a>>,
}

impl MinLen for ModifyRecipientRow<'_> {
    const MIN_LEN: usize = 7;
}

impl<'a> ModifyRecipientRow<'a> {
    fn decode_in(
        r: &mut Reader<'a>,
        columns: &[PropTag],
        cells: &mut CellBudget,
    ) -> Result<Self, DecodeError> {
        let row_id = r.u32().field("RowId")?;
        let recipient_type = r.u8().field("RecipientType")?;
        let size = r.u16().field("RecipientRowSize")?;
        let recipient_row = if size == 0 {
            None
        } else {
            let mut sub = r.sub(size.into()).field("RecipientRow")?;
            let row = RecipientRow::decode_counted(&mut sub, Some(columns), cells)
                .field("RecipientRow")?;
            sub.finish().field("RecipientRow")?;
            Some(row)
        };
        Ok(ModifyRecipientRow {
            row_id,
            recipient_type,
            recipient_row,
        })
    }
}

impl Encode for ModifyRecipientRow<'_> {
    fn encoded_len(&self) -> usize {
        7 + self.recipient_row.as_ref().map_or(0, Encode::encoded_len)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.row_id.encode(out)?;
        self.recipient_type.encode(out)?;
        match &self.recipient_row {
            Some(row) => put_sized_row(row, out),
            None => 0u16.encode(out),
        }
    }
}

impl ToTree for ModifyRecipientRow<'_> {
    fn to_tree(&self) -> Tree {
        self.tree(None)
    }
}

impl ModifyRecipientRow<'_> {
    /// The tree with the RecipientProperties cells labelled by `columns`.
    pub fn to_tree_with_columns(&self, columns: &[PropTag]) -> Tree {
        self.tree(Some(columns))
    }

    fn tree(&self, columns: Option<&[PropTag]>) -> Tree {
        let size = self.recipient_row.as_ref().map_or(0, Encode::encoded_len);
        let t = Tree::record()
            .field("RowId", Tree::UInt(self.row_id.into()))
            .field("RecipientType", recipient_type_tree(&self.recipient_type))
            .field("RecipientRowSize", Tree::UInt(size as u64));
        match &self.recipient_row {
            Some(row) => t.field("RecipientRow", row.tree(columns)),
            None => t,
        }
    }
}

/// Reads a 2-byte ColumnCount and that many PropertyTags.
fn read_columns(r: &mut Reader<'_>) -> Result<Vec<PropTag>, DecodeError> {
    let n = r.count(CountWidth::U16, 4).field("ColumnCount")?;
    let mut v = Vec::with_capacity(n);
    for i in 0..n {
        v.push(PropTag::decode_from(r).index(i).field("RecipientColumns")?);
    }
    Ok(v)
}

fn put_columns<B: BufMut>(columns: &[PropTag], out: &mut B) -> Result<(), EncodeError> {
    u16_len(columns.len(), "ColumnCount")?.encode(out)?;
    for c in columns {
        c.encode(out)?;
    }
    Ok(())
}

fn columns_tree(columns: &[PropTag]) -> Tree {
    Tree::List(columns.iter().map(ToTree::to_tree).collect())
}

// ---------------------------------------------------------------------------------------------
// 2.2.6.1 RopOpenMessage (and the success fields RopReloadCachedInformation and
// RopOpenEmbeddedMessage share)
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.1.1 RopOpenMessage request.
    pub struct OpenMessageRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the folder or logon the message is opened from.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the Message object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// CodePageId: the code page of the message's 8-bit strings (0x0FFF: the logon's).
        code_page_id: u16 => "CodePageId" as hex16,
        /// FolderId: the folder that holds the message.
        folder_id: FolderId => "FolderId",
        /// OpenModeFlags ([MS-OXCMSG] 2.2.3.1.1): 0x00 ReadOnly, 0x01 ReadWrite, 0x03
        /// BestAccess, 0x04 OpenSoftDeleted.
        open_mode_flags: u8 => "OpenModeFlags" as hex8,
        /// MessageId: the message to open.
        message_id: MessageId => "MessageId",
    }
    handles { Input: input_handle_index, Output: output_handle_index }
}

/// [MS-OXCROPS] 2.2.6.1.2 RopOpenMessage success fields (also those of
/// RopReloadCachedInformation, 2.2.6.7.2, and the tail of RopOpenEmbeddedMessage's, 2.2.6.16.2):
/// the subject, the recipient columns and the first recipients.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct OpenMessageSuccess<'a> {
    /// HasNamedProperties: whether the message has named properties.
    pub has_named_properties: bool,
    /// SubjectPrefix ([MS-OXCDATA] 2.11.7 TypedString).
    pub subject_prefix: TypedString<'a>,
    /// NormalizedSubject ([MS-OXCDATA] 2.11.7 TypedString).
    pub normalized_subject: TypedString<'a>,
    /// RecipientCount: how many recipients the message has.
    pub recipient_count: u16,
    /// RecipientColumns (ColumnCount is their number): the columns of the recipient rows.
    pub recipient_columns: Vec<PropTag>,
    /// RecipientRows (RowCount, one byte, is their number).
    pub recipient_rows: Vec<OpenRecipientRow<'a>>,
}

impl<'a> Decode<'a> for OpenMessageSuccess<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let has_named_properties = bool::decode_from(r).field("HasNamedProperties")?;
        let subject_prefix = TypedString::decode_from(r).field("SubjectPrefix")?;
        let normalized_subject = TypedString::decode_from(r).field("NormalizedSubject")?;
        let recipient_count = r.u16().field("RecipientCount")?;
        let recipient_columns = read_columns(r)?;
        let at = r.offset();
        let n = r.u8().field("RowCount")?;
        let n = r
            .check_count(at, n.into(), OpenRecipientRow::MIN_LEN)
            .field("RowCount")?;
        let mut recipient_rows = Vec::with_capacity(n);
        let mut cells = CellBudget::default();
        for i in 0..n {
            recipient_rows.push(
                OpenRecipientRow::decode_in(r, &recipient_columns, &mut cells)
                    .index(i)
                    .field("RecipientRows")?,
            );
        }
        Ok(OpenMessageSuccess {
            has_named_properties,
            subject_prefix,
            normalized_subject,
            recipient_count,
            recipient_columns,
            recipient_rows,
        })
    }
}

impl Encode for OpenMessageSuccess<'_> {
    fn encoded_len(&self) -> usize {
        1 + self.subject_prefix.encoded_len()
            + self.normalized_subject.encoded_len()
            + 4
            + 4 * self.recipient_columns.len()
            + 1
            + self
                .recipient_rows
                .iter()
                .map(Encode::encoded_len)
                .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.has_named_properties.encode(out)?;
        self.subject_prefix.encode(out)?;
        self.normalized_subject.encode(out)?;
        self.recipient_count.encode(out)?;
        put_columns(&self.recipient_columns, out)?;
        u8_len(self.recipient_rows.len(), "RowCount")?.encode(out)?;
        for row in &self.recipient_rows {
            row.recipient_row.check_columns(&self.recipient_columns)?;
            row.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for OpenMessageSuccess<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("HasNamedProperties", self.has_named_properties.to_tree())
            .field("SubjectPrefix", self.subject_prefix.to_tree())
            .field("NormalizedSubject", self.normalized_subject.to_tree())
            .field("RecipientCount", Tree::UInt(self.recipient_count.into()))
            .field(
                "ColumnCount",
                Tree::UInt(self.recipient_columns.len() as u64),
            )
            .field("RecipientColumns", columns_tree(&self.recipient_columns))
            .field("RowCount", Tree::UInt(self.recipient_rows.len() as u64))
            .field(
                "RecipientRows",
                Tree::List(
                    self.recipient_rows
                        .iter()
                        .map(|r| r.to_tree_with_columns(&self.recipient_columns))
                        .collect(),
                ),
            )
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.1.2 RopOpenMessage response (failure: 2.2.6.1.3).
    pub struct OpenMessageResponse<'a> {
        id: OPEN_MESSAGE,
        handle: Output,
        success: OpenMessageSuccess<'a>,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.6.2 RopCreateMessage
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.2.1 RopCreateMessage request.
    pub struct CreateMessageRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the folder or logon.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the new Message object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// CodePageId: the code page of the message's 8-bit strings (0x0FFF: the logon's).
        code_page_id: u16 => "CodePageId" as hex16,
        /// FolderId: the folder the message is created in.
        folder_id: FolderId => "FolderId",
        /// AssociatedFlag: whether the message is a folder associated information message.
        associated_flag: bool => "AssociatedFlag",
    }
    handles { Input: input_handle_index, Output: output_handle_index }
}

/// [MS-OXCROPS] 2.2.6.2.2 RopCreateMessage success fields: HasMessageId and the optional
/// MessageId.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct CreateMessageSuccess {
    /// MessageId: present when HasMessageId is nonzero.
    pub message_id: Option<MessageId>,
}

impl<'a> Decode<'a> for CreateMessageSuccess {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let has = bool::decode_from(r).field("HasMessageId")?;
        let message_id = if has {
            Some(MessageId::decode_from(r).field("MessageId")?)
        } else {
            None
        };
        Ok(CreateMessageSuccess { message_id })
    }
}

impl Encode for CreateMessageSuccess {
    fn encoded_len(&self) -> usize {
        1 + self.message_id.map_or(0, |_| 8)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.message_id.is_some().encode(out)?;
        match &self.message_id {
            Some(m) => m.encode(out),
            None => Ok(()),
        }
    }
}

impl ToTree for CreateMessageSuccess {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field("HasMessageId", Tree::Bool(self.message_id.is_some()));
        match &self.message_id {
            Some(m) => t.field("MessageId", m.to_tree()),
            None => t,
        }
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.2.2 RopCreateMessage response (failure: 2.2.6.2.3).
    pub struct CreateMessageResponse {
        id: CREATE_MESSAGE,
        handle: Output,
        success: CreateMessageSuccess,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.6.3 RopSaveChangesMessage
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.3.1 RopSaveChangesMessage request.
    pub struct SaveChangesMessageRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// ResponseHandleIndex: the handle slot the response refers to.
        response_handle_index: u8 => "ResponseHandleIndex",
        /// InputHandleIndex: the Message object to save.
        input_handle_index: u8 => "InputHandleIndex",
        /// SaveFlags ([MS-OXCMSG] 2.2.3.3.1): 0x01 KeepOpenReadOnly, 0x02 KeepOpenReadWrite,
        /// 0x04 ForceSave.
        save_flags: u8 => "SaveFlags" as hex8,
    }
    handles {
        Input: input_handle_index,
        Response: response_handle_index,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.3.2 RopSaveChangesMessage success fields.
    pub struct SaveChangesMessageSuccess {
        /// InputHandleIndex: as in the request.
        input_handle_index: u8 => "InputHandleIndex",
        /// MessageId: the id of the saved message.
        message_id: MessageId => "MessageId",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.3.2 RopSaveChangesMessage response (failure: 2.2.6.3.3).
    pub struct SaveChangesMessageResponse {
        id: SAVE_CHANGES_MESSAGE,
        handle: Response,
        success: SaveChangesMessageSuccess,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.6.4 RopRemoveAllRecipients
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.4.1 RopRemoveAllRecipients request.
    pub struct RemoveAllRecipientsRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Message object.
        input_handle_index: u8 => "InputHandleIndex",
        /// Reserved (4 bytes).
        reserved: u32 => "Reserved" as hex32,
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.4.2 RopRemoveAllRecipients response.
    pub struct RemoveAllRecipientsResponse {
        id: REMOVE_ALL_RECIPIENTS,
        handle: Input,
        success: NoFields,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.6.5 RopModifyRecipients
// ---------------------------------------------------------------------------------------------

/// [MS-OXCROPS] 2.2.6.5.1 RopModifyRecipients request: the recipient columns, then the rows
/// to add, change or remove.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ModifyRecipientsRequest<'a> {
    /// LogonId.
    pub logon_id: u8,
    /// InputHandleIndex: the Message object.
    pub input_handle_index: u8,
    /// RecipientColumns (ColumnCount is their number).
    pub recipient_columns: Vec<PropTag>,
    /// RecipientRows (RowCount, two bytes, is their number).
    pub recipient_rows: Vec<ModifyRecipientRow<'a>>,
}

impl<'a> Decode<'a> for ModifyRecipientsRequest<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let logon_id = r.u8().field("LogonId")?;
        let input_handle_index = r.u8().field("InputHandleIndex")?;
        let recipient_columns = read_columns(r)?;
        let n = r
            .count(CountWidth::U16, ModifyRecipientRow::MIN_LEN)
            .field("RowCount")?;
        let mut recipient_rows = Vec::with_capacity(n);
        let mut cells = CellBudget::default();
        for i in 0..n {
            recipient_rows.push(
                ModifyRecipientRow::decode_in(r, &recipient_columns, &mut cells)
                    .index(i)
                    .field("RecipientRows")?,
            );
        }
        Ok(ModifyRecipientsRequest {
            logon_id,
            input_handle_index,
            recipient_columns,
            recipient_rows,
        })
    }
}

impl Encode for ModifyRecipientsRequest<'_> {
    fn encoded_len(&self) -> usize {
        2 + 2
            + 4 * self.recipient_columns.len()
            + 2
            + self
                .recipient_rows
                .iter()
                .map(Encode::encoded_len)
                .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.logon_id.encode(out)?;
        self.input_handle_index.encode(out)?;
        put_columns(&self.recipient_columns, out)?;
        u16_len(self.recipient_rows.len(), "RowCount")?.encode(out)?;
        for row in &self.recipient_rows {
            if let Some(r) = &row.recipient_row {
                r.check_columns(&self.recipient_columns)?;
            }
            row.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for ModifyRecipientsRequest<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("LogonId", Tree::UInt(self.logon_id.into()))
            .field(
                "InputHandleIndex",
                Tree::UInt(self.input_handle_index.into()),
            )
            .field(
                "ColumnCount",
                Tree::UInt(self.recipient_columns.len() as u64),
            )
            .field("RecipientColumns", columns_tree(&self.recipient_columns))
            .field("RowCount", Tree::UInt(self.recipient_rows.len() as u64))
            .field(
                "RecipientRows",
                Tree::List(
                    self.recipient_rows
                        .iter()
                        .map(|r| r.to_tree_with_columns(&self.recipient_columns))
                        .collect(),
                ),
            )
    }
}

impl RequestFields for ModifyRecipientsRequest<'_> {
    fn logon_id(&self) -> u8 {
        self.logon_id
    }
    fn handle_indexes(&self) -> HandleIndexes {
        HandleIndexes::new(&[(HandleRole::Input, self.input_handle_index)])
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.5.2 RopModifyRecipients response.
    pub struct ModifyRecipientsResponse {
        id: MODIFY_RECIPIENTS,
        handle: Input,
        success: NoFields,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.6.6 RopReadRecipients
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.6.1 RopReadRecipients request.
    pub struct ReadRecipientsRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Message object.
        input_handle_index: u8 => "InputHandleIndex",
        /// RowId: the first recipient to read.
        row_id: u32 => "RowId",
        /// Reserved (2 bytes).
        reserved: u16 => "Reserved" as hex16,
    }
    handles { Input: input_handle_index }
}

/// [MS-OXCROPS] 2.2.6.6.2 RopReadRecipients success fields: RowCount (one byte) and the
/// ReadRecipientRows.
///
/// The response does not carry the recipient columns. When the context gives columns (a
/// single response decoded with columns), the recipient properties are decoded with them;
/// otherwise each row's RecipientProperties stays as bytes (RecipientRowSize bounds it, so
/// the rest of the response still decodes).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ReadRecipientsSuccess<'a> {
    /// RecipientRows.
    pub recipient_rows: Vec<ReadRecipientRow<'a>>,
    /// The recipient columns the rows were decoded with, when the context gave them (not on
    /// the wire).
    pub columns: Option<Vec<PropTag>>,
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c>> for ReadRecipientsSuccess<'a> {
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let n = r.u8().field("RowCount")?;
        let n = r
            .check_count(at, n.into(), ReadRecipientRow::MIN_LEN)
            .field("RowCount")?;
        let mut recipient_rows = Vec::with_capacity(n);
        let mut cells = CellBudget::default();
        for i in 0..n {
            recipient_rows.push(
                ReadRecipientRow::decode_in(r, ctx.columns(), &mut cells)
                    .index(i)
                    .field("RecipientRows")?,
            );
        }
        Ok(ReadRecipientsSuccess {
            recipient_rows,
            columns: ctx.columns().map(<[PropTag]>::to_vec),
        })
    }
}

impl Encode for ReadRecipientsSuccess<'_> {
    fn encoded_len(&self) -> usize {
        1 + self
            .recipient_rows
            .iter()
            .map(Encode::encoded_len)
            .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u8_len(self.recipient_rows.len(), "RowCount")?.encode(out)?;
        for row in &self.recipient_rows {
            row.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for ReadRecipientsSuccess<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("RowCount", Tree::UInt(self.recipient_rows.len() as u64))
            .field(
                "RecipientRows",
                Tree::List(
                    self.recipient_rows
                        .iter()
                        .map(|r| r.tree(self.columns.as_deref()))
                        .collect(),
                ),
            )
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.6.2 RopReadRecipients response (failure: 2.2.6.6.3).
    pub struct ReadRecipientsResponse<'a> {
        id: READ_RECIPIENTS,
        handle: Input,
        success: ReadRecipientsSuccess<'a>,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.6.7 RopReloadCachedInformation
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.7.1 RopReloadCachedInformation request.
    pub struct ReloadCachedInformationRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Message object.
        input_handle_index: u8 => "InputHandleIndex",
        /// Reserved (2 bytes).
        reserved: u16 => "Reserved" as hex16,
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.7.2 RopReloadCachedInformation response (failure: 2.2.6.7.3); the
    /// success fields are RopOpenMessage's.
    pub struct ReloadCachedInformationResponse<'a> {
        id: RELOAD_CACHED_INFORMATION,
        handle: Input,
        success: OpenMessageSuccess<'a>,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.6.8 RopSetMessageStatus, 2.2.6.9 RopGetMessageStatus
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.8.1 RopSetMessageStatus request.
    pub struct SetMessageStatusRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the folder that holds the message.
        input_handle_index: u8 => "InputHandleIndex",
        /// MessageId: the message.
        message_id: MessageId => "MessageId",
        /// MessageStatusFlags: the flags to set ([MS-OXCMSG] 2.2.1.8 PidTagMessageStatus).
        message_status_flags: u32 => "MessageStatusFlags" as hex32,
        /// MessageStatusMask: which flags to change.
        message_status_mask: u32 => "MessageStatusMask" as hex32,
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.8.2 RopSetMessageStatus success fields (RopGetMessageStatus has the
    /// same, 2.2.6.9.2).
    pub struct MessageStatusSuccess {
        /// MessageStatusFlags: the message's status flags before this operation.
        message_status_flags: u32 => "MessageStatusFlags" as hex32,
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.8.2 RopSetMessageStatus response (failure: 2.2.6.8.3).
    pub struct SetMessageStatusResponse {
        id: SET_MESSAGE_STATUS,
        handle: Input,
        success: MessageStatusSuccess,
        failure: NoFields,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.9.1 RopGetMessageStatus request.
    pub struct GetMessageStatusRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the folder that holds the message.
        input_handle_index: u8 => "InputHandleIndex",
        /// MessageId: the message.
        message_id: MessageId => "MessageId",
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.9.2 RopGetMessageStatus response: MessageStatusFlags on success.
    pub struct GetMessageStatusResponse {
        id: GET_MESSAGE_STATUS,
        handle: Input,
        success: MessageStatusSuccess,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.6.10 RopSetReadFlags
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.10.1 RopSetReadFlags request.
    pub struct SetReadFlagsRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the folder that holds the messages.
        input_handle_index: u8 => "InputHandleIndex",
        /// WantAsynchronous: whether the server may work asynchronously (RopProgress).
        want_asynchronous: bool => "WantAsynchronous",
        /// ReadFlags ([MS-OXCMSG] 2.2.3.10.1): 0x00 rfDefault, 0x01 rfSuppressReceipt,
        /// 0x04 rfClearReadFlag, 0x10 rfGenerateReceiptOnly, 0x20 rfClearNotifyRead, 0x40
        /// rfClearNotifyUnread.
        read_flags: u8 => "ReadFlags" as hex8,
        /// MessageIds (MessageIdCount is their number).
        message_ids: List16<MessageId> => "MessageIds",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.10.2 RopSetReadFlags response fields, after ReturnValue whatever
    /// its value.
    pub struct SetReadFlagsResult {
        /// PartialCompletion: whether some messages could not be changed.
        partial_completion: bool => "PartialCompletion",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.10.2 RopSetReadFlags response: PartialCompletion follows
    /// ReturnValue on success and on failure.
    pub struct SetReadFlagsResponse {
        id: SET_READ_FLAGS,
        handle: Input,
        success: SetReadFlagsResult,
        failure: SetReadFlagsResult,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.6.11 RopSetMessageReadFlag
// ---------------------------------------------------------------------------------------------

/// [MS-OXCROPS] 2.2.6.11.1 RopSetMessageReadFlag request. ClientData is present when the
/// logon of LogonId was made with the Private flag clear (public folders), so decoding needs
/// the logon's LogonFlags ([`RequestCtx::logon_flags`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct SetMessageReadFlagRequest {
    /// LogonId.
    pub logon_id: u8,
    /// ResponseHandleIndex: the folder's handle slot, referred to by the response.
    pub response_handle_index: u8,
    /// InputHandleIndex: the Message object.
    pub input_handle_index: u8,
    /// ReadFlags ([MS-OXCMSG] 2.2.3.11.1).
    pub read_flags: u8,
    /// ClientData (24 bytes): present for a public folders logon (the message's LongTermID
    /// there, [MS-OXCMSG] 2.2.3.11.1).
    pub client_data: Option<[u8; 24]>,
}

impl<'a> DecodeWith<'a, RequestCtx> for SetMessageReadFlagRequest {
    fn decode_with_from(r: &mut Reader<'a>, ctx: RequestCtx) -> Result<Self, DecodeError> {
        let logon_id = r.u8().field("LogonId")?;
        let response_handle_index = r.u8().field("ResponseHandleIndex")?;
        let input_handle_index = r.u8().field("InputHandleIndex")?;
        let read_flags = r.u8().field("ReadFlags")?;
        let Some(flags) = ctx.logon_flags() else {
            return Err(DecodeError::new(
                ErrorKind::MissingContext {
                    what: "the LogonFlags of the logon (RopLogon): ClientData is present \
                           only for public folders logons",
                },
                r.offset(),
            ))
            .field("ClientData");
        };
        let client_data = if flags & LOGON_FLAG_PRIVATE == 0 {
            Some(r.array::<24>().field("ClientData")?)
        } else {
            None
        };
        Ok(SetMessageReadFlagRequest {
            logon_id,
            response_handle_index,
            input_handle_index,
            read_flags,
            client_data,
        })
    }
}

impl Encode for SetMessageReadFlagRequest {
    fn encoded_len(&self) -> usize {
        4 + self.client_data.map_or(0, |_| 24)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.logon_id.encode(out)?;
        self.response_handle_index.encode(out)?;
        self.input_handle_index.encode(out)?;
        self.read_flags.encode(out)?;
        if let Some(c) = &self.client_data {
            ensure_room(out, 24)?;
            out.put_slice(c);
        }
        Ok(())
    }
}

impl ToTree for SetMessageReadFlagRequest {
    fn to_tree(&self) -> Tree {
        let t = Tree::record()
            .field("LogonId", Tree::UInt(self.logon_id.into()))
            .field(
                "ResponseHandleIndex",
                Tree::UInt(self.response_handle_index.into()),
            )
            .field(
                "InputHandleIndex",
                Tree::UInt(self.input_handle_index.into()),
            )
            .field("ReadFlags", hex8(&self.read_flags));
        match &self.client_data {
            Some(c) => t.field("ClientData", Tree::Bytes(c.to_vec())),
            None => t,
        }
    }
}

impl RequestFields for SetMessageReadFlagRequest {
    fn logon_id(&self) -> u8 {
        self.logon_id
    }
    fn handle_indexes(&self) -> HandleIndexes {
        HandleIndexes::new(&[
            (HandleRole::Input, self.input_handle_index),
            (HandleRole::Response, self.response_handle_index),
        ])
    }
}

/// [MS-OXCROPS] 2.2.6.11.2 the optional fields of RopSetMessageReadFlag's success response,
/// present when ReadStatusChanged is nonzero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ReadStatusChange {
    /// LogonId: the logon the changed message belongs to.
    pub logon_id: u8,
    /// ClientData (24 bytes): as the request gave it.
    pub client_data: [u8; 24],
}

/// [MS-OXCROPS] 2.2.6.11.2 RopSetMessageReadFlag success fields: ReadStatusChanged, then
/// LogonId and ClientData when it is nonzero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct SetMessageReadFlagSuccess {
    /// LogonId and ClientData: present when ReadStatusChanged is nonzero (the read status
    /// of a public folder's message changed).
    pub read_status_change: Option<ReadStatusChange>,
}

impl<'a> Decode<'a> for SetMessageReadFlagSuccess {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let changed = bool::decode_from(r).field("ReadStatusChanged")?;
        let read_status_change = if changed {
            Some(ReadStatusChange {
                logon_id: r.u8().field("LogonId")?,
                client_data: r.array::<24>().field("ClientData")?,
            })
        } else {
            None
        };
        Ok(SetMessageReadFlagSuccess { read_status_change })
    }
}

impl Encode for SetMessageReadFlagSuccess {
    fn encoded_len(&self) -> usize {
        1 + self.read_status_change.map_or(0, |_| 25)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.read_status_change.is_some().encode(out)?;
        if let Some(c) = &self.read_status_change {
            c.logon_id.encode(out)?;
            ensure_room(out, 24)?;
            out.put_slice(&c.client_data);
        }
        Ok(())
    }
}

impl ToTree for SetMessageReadFlagSuccess {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field(
            "ReadStatusChanged",
            Tree::Bool(self.read_status_change.is_some()),
        );
        match &self.read_status_change {
            Some(c) => t
                .field("LogonId", Tree::UInt(c.logon_id.into()))
                .field("ClientData", Tree::Bytes(c.client_data.to_vec())),
            None => t,
        }
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.11.2 RopSetMessageReadFlag response (failure: 2.2.6.11.3).
    pub struct SetMessageReadFlagResponse {
        id: SET_MESSAGE_READ_FLAG,
        handle: Response,
        success: SetMessageReadFlagSuccess,
        failure: NoFields,
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.6.12 - 2.2.6.18 attachments and embedded messages
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.12.1 RopOpenAttachment request.
    pub struct OpenAttachmentRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Message object.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the Attachment object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// OpenAttachmentFlags ([MS-OXCMSG] 2.2.3.12.1): 0x00 ReadOnly, 0x01 ReadWrite, 0x02
        /// BestAccess.
        open_attachment_flags: u8 => "OpenAttachmentFlags" as hex8,
        /// AttachmentID: the attachment to open.
        attachment_id: u32 => "AttachmentID",
    }
    handles { Input: input_handle_index, Output: output_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.12.2 RopOpenAttachment response.
    pub struct OpenAttachmentResponse {
        id: OPEN_ATTACHMENT,
        handle: Output,
        success: NoFields,
        failure: NoFields,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.13.1 RopCreateAttachment request.
    pub struct CreateAttachmentRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Message object.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the new Attachment object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
    }
    handles { Input: input_handle_index, Output: output_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.13.2 RopCreateAttachment success fields.
    pub struct CreateAttachmentSuccess {
        /// AttachmentID: the new attachment's id.
        attachment_id: u32 => "AttachmentID",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.13.2 RopCreateAttachment response (failure: 2.2.6.13.3).
    pub struct CreateAttachmentResponse {
        id: CREATE_ATTACHMENT,
        handle: Output,
        success: CreateAttachmentSuccess,
        failure: NoFields,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.14.1 RopDeleteAttachment request.
    pub struct DeleteAttachmentRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Message object.
        input_handle_index: u8 => "InputHandleIndex",
        /// AttachmentID: the attachment to delete.
        attachment_id: u32 => "AttachmentID",
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.14.2 RopDeleteAttachment response.
    pub struct DeleteAttachmentResponse {
        id: DELETE_ATTACHMENT,
        handle: Input,
        success: NoFields,
        failure: NoFields,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.15.1 RopSaveChangesAttachment request.
    pub struct SaveChangesAttachmentRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// ResponseHandleIndex: the handle slot the response refers to.
        response_handle_index: u8 => "ResponseHandleIndex",
        /// InputHandleIndex: the Attachment object to save.
        input_handle_index: u8 => "InputHandleIndex",
        /// SaveFlags ([MS-OXCMSG] 2.2.3.3.1): 0x01 KeepOpenReadOnly, 0x02 KeepOpenReadWrite,
        /// 0x04 ForceSave.
        save_flags: u8 => "SaveFlags" as hex8,
    }
    handles {
        Input: input_handle_index,
        Response: response_handle_index,
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.15.2 RopSaveChangesAttachment response.
    pub struct SaveChangesAttachmentResponse {
        id: SAVE_CHANGES_ATTACHMENT,
        handle: Response,
        success: NoFields,
        failure: NoFields,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.16.1 RopOpenEmbeddedMessage request.
    pub struct OpenEmbeddedMessageRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Attachment object.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the embedded Message object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// CodePageId: the code page of the message's 8-bit strings (0x0FFF: the logon's).
        code_page_id: u16 => "CodePageId" as hex16,
        /// OpenModeFlags ([MS-OXCMSG] 2.2.3.16.1): 0x00 ReadOnly, 0x01 ReadWrite, 0x02 Create.
        open_mode_flags: u8 => "OpenModeFlags" as hex8,
    }
    handles { Input: input_handle_index, Output: output_handle_index }
}

/// [MS-OXCROPS] 2.2.6.16.2 RopOpenEmbeddedMessage success fields: Reserved, MessageId, then
/// the fields of RopOpenMessage's success response.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct OpenEmbeddedMessageSuccess<'a> {
    /// Reserved (1 byte).
    pub reserved: u8,
    /// MessageId: the embedded message's id.
    pub message_id: MessageId,
    /// HasNamedProperties through RecipientRows.
    pub message: OpenMessageSuccess<'a>,
}

impl<'a> Decode<'a> for OpenEmbeddedMessageSuccess<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(OpenEmbeddedMessageSuccess {
            reserved: r.u8().field("Reserved")?,
            message_id: MessageId::decode_from(r).field("MessageId")?,
            message: OpenMessageSuccess::decode_from(r)?,
        })
    }
}

impl Encode for OpenEmbeddedMessageSuccess<'_> {
    fn encoded_len(&self) -> usize {
        9 + self.message.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.reserved.encode(out)?;
        self.message_id.encode(out)?;
        self.message.encode(out)
    }
}

impl ToTree for OpenEmbeddedMessageSuccess<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("Reserved", hex8(&self.reserved))
            .field("MessageId", self.message_id.to_tree())
            .splice(self.message.to_tree())
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.16.2 RopOpenEmbeddedMessage response (failure: 2.2.6.16.3).
    pub struct OpenEmbeddedMessageResponse<'a> {
        id: OPEN_EMBEDDED_MESSAGE,
        handle: Output,
        success: OpenEmbeddedMessageSuccess<'a>,
        failure: NoFields,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.17.1 RopGetAttachmentTable request.
    pub struct GetAttachmentTableRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Message object.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the Table object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// TableFlags ([MS-OXCMSG] 2.2.3.17.1): 0x40 Unicode.
        table_flags: u8 => "TableFlags" as hex8,
    }
    handles { Input: input_handle_index, Output: output_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.17.2 RopGetAttachmentTable response.
    pub struct GetAttachmentTableResponse {
        id: GET_ATTACHMENT_TABLE,
        handle: Output,
        success: NoFields,
        failure: NoFields,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.18.1 RopGetValidAttachments request.
    pub struct GetValidAttachmentsRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Message object.
        input_handle_index: u8 => "InputHandleIndex",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.6.18.2 RopGetValidAttachments success fields.
    pub struct GetValidAttachmentsSuccess {
        /// AttachmentIdArray (AttachmentIdCount is their number): the valid attachments' ids.
        attachment_ids: List16<u32> => "AttachmentIdArray",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.6.18.2 RopGetValidAttachments response (failure: 2.2.6.18.3).
    pub struct GetValidAttachmentsResponse {
        id: GET_VALID_ATTACHMENTS,
        handle: Input,
        success: GetValidAttachmentsSuccess,
        failure: NoFields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::smtp_row;
    #[allow(unused_imports)]
    use crate::rop::RequestCtx;
    use crate::rop::{RopRequest, RopResponse};
    #[allow(unused_imports)]
    use crate::wire::DecodeWith;
    use crate::wire::Limits;

    const RECIPIENT_TYPE: PropTag = PropTag(0x0C15_0003);

    fn utf16z(s: &str) -> Vec<u8> {
        let mut v: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        v.extend([0, 0]);
        v
    }

    fn open_message_success_bytes() -> Vec<u8> {
        let mut b = vec![0x01]; // HasNamedProperties
        b.extend([0x03]); // SubjectPrefix: ReducedUnicode
        b.extend(b"RE: \0");
        b.extend([0x04]); // NormalizedSubject: Unicode
        b.extend(utf16z("Hi"));
        b.extend(1u16.to_le_bytes()); // RecipientCount
        b.extend(1u16.to_le_bytes()); // ColumnCount
        b.extend(RECIPIENT_TYPE.0.to_le_bytes());
        b.push(1); // RowCount
        b.push(0x01); // RecipientType To
        b.extend(0x04E4u16.to_le_bytes()); // CodePageId
        b.extend(0u16.to_le_bytes()); // Reserved
        let row = smtp_row();
        b.extend(u16::try_from(row.len()).unwrap().to_le_bytes());
        b.extend(row);
        b
    }

    #[test]
    fn open_message_success_round_trip() {
        let b = open_message_success_bytes();
        let s = OpenMessageSuccess::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert!(s.has_named_properties);
        assert_eq!(s.recipient_columns, vec![RECIPIENT_TYPE]);
        assert_eq!(s.recipient_rows.len(), 1);
        assert_eq!(s.recipient_rows[0].code_page_id, 0x04E4);
        assert_eq!(s.encoded_len(), b.len());
        assert_eq!(s.to_bytes().unwrap(), b);
        // Every strict prefix fails.
        for n in 0..b.len() {
            assert!(OpenMessageSuccess::decode_exact(&b[..n], Limits::DEFAULT).is_err());
        }
    }

    #[test]
    fn open_message_row_size_must_match_row() {
        let mut b = open_message_success_bytes();
        // RecipientRowSize one too large: the row leaves a byte in its slice.
        let at = b.len() - smtp_row().len() - 2;
        let n = u16::from_le_bytes([b[at], b[at + 1]]) + 1;
        b[at..at + 2].copy_from_slice(&n.to_le_bytes());
        b.push(0);
        let e = OpenMessageSuccess::decode_exact(&b, Limits::DEFAULT).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::TrailingBytes { .. }), "{e}");
    }

    #[test]
    fn open_message_row_count_is_bounded_by_bytes() {
        let mut b = vec![0x00, 0x00, 0x00, 0, 0, 0, 0]; // no strings, no columns
        b.push(200); // RowCount: 200 rows of at least 12 bytes, none present
        let e = OpenMessageSuccess::decode_exact(&b, Limits::DEFAULT).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::CountTooLarge { .. }), "{e}");
        assert_eq!(e.offset(), 7);
    }

    #[test]
    fn create_message_optional_message_id() {
        let mut b = vec![0x06, 0x01, 0, 0, 0, 0, 0x01];
        b.extend([1, 0, 0, 0, 0, 0, 0, 9]);
        let mut r = Reader::new(&b);
        let resp = RopResponse::decode_with_from(&mut r, (None, None)).unwrap();
        assert!(r.is_empty());
        let RopResponse::CreateMessage(c) = &resp else {
            panic!("{resp:?}")
        };
        let crate::rop::Outcome::Success(s) = &c.body else {
            panic!()
        };
        assert_eq!(s.message_id.unwrap().replica_id, 1);
        assert_eq!(resp.to_bytes().unwrap(), b);
        let b = [0x06, 0x01, 0, 0, 0, 0, 0x00];
        let mut r = Reader::new(&b);
        let resp = RopResponse::decode_with_from(&mut r, (None, None)).unwrap();
        assert!(r.is_empty());
        assert_eq!(resp.to_bytes().unwrap(), b);
        // HasMessageId 2 is not a Boolean this crate accepts.
        let b = [0x06, 0x01, 0, 0, 0, 0, 0x02];
        assert!(RopResponse::decode_with_from(&mut Reader::new(&b), (None, None)).is_err());
    }

    #[test]
    fn set_read_flags_failure_keeps_partial_completion() {
        let b = [0x66, 0x00, 0x05, 0x00, 0x04, 0x80, 0x01];
        let mut r = Reader::new(&b);
        let resp = RopResponse::decode_with_from(&mut r, (None, None)).unwrap();
        assert!(r.is_empty());
        let RopResponse::SetReadFlags(s) = &resp else {
            panic!()
        };
        assert_eq!(
            s.body,
            crate::rop::Outcome::Failure(SetReadFlagsResult {
                partial_completion: true
            })
        );
        assert_eq!(resp.to_bytes().unwrap(), b);
    }

    fn set_message_read_flag(
        flags: Option<u8>,
        b: &[u8],
    ) -> Result<SetMessageReadFlagRequest, DecodeError> {
        let mut r = Reader::new(b);
        let ctx = RequestCtx::with_logon_flags(flags);
        let v = SetMessageReadFlagRequest::decode_with_from(&mut r, ctx)?;
        r.finish()?;
        Ok(v)
    }

    #[test]
    fn set_message_read_flag_client_data_follows_logon() {
        let private = [0x00, 0x01, 0x02, 0x01];
        let v = set_message_read_flag(Some(0x01), &private).unwrap();
        assert_eq!(v.client_data, None);
        assert_eq!(v.to_bytes().unwrap(), private);
        let mut public = private.to_vec();
        public.extend(0u8..24);
        let v = set_message_read_flag(Some(0x00), &public).unwrap();
        assert_eq!(v.client_data.unwrap()[23], 23);
        assert_eq!(v.to_bytes().unwrap(), public);
        // Public logon, ClientData cut short.
        let e = set_message_read_flag(Some(0x00), &public[..20]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Truncated { .. }));
        assert_eq!(e.offset(), 4);
        // Unknown logon: missing context, not a guess.
        let e = set_message_read_flag(None, &private).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::MissingContext { .. }));
        // Through the plain RopRequest decoder (no context) too.
        let mut b = vec![0x11];
        b.extend(private);
        assert!(matches!(
            RopRequest::decode_with_exact(&b, RequestCtx::default(), Limits::DEFAULT)
                .unwrap_err()
                .kind(),
            ErrorKind::MissingContext { .. }
        ));
    }

    #[test]
    fn set_message_read_flag_response_optional_fields() {
        let b = [0x11, 0x01, 0, 0, 0, 0, 0x00];
        let resp = RopResponse::decode_with_from(&mut Reader::new(&b), (None, None)).unwrap();
        assert_eq!(resp.to_bytes().unwrap(), b);
        let mut b = vec![0x11, 0x01, 0, 0, 0, 0, 0x01, 0x03];
        b.extend([0xAB; 24]);
        let mut r = Reader::new(&b);
        let resp = RopResponse::decode_with_from(&mut r, (None, None)).unwrap();
        assert!(r.is_empty());
        let RopResponse::SetMessageReadFlag(s) = &resp else {
            panic!()
        };
        let crate::rop::Outcome::Success(s) = &s.body else {
            panic!()
        };
        assert_eq!(s.read_status_change.unwrap().logon_id, 3);
        assert_eq!(resp.to_bytes().unwrap(), b);
        // Truncated ClientData fails at its offset.
        let e =
            RopResponse::decode_with_from(&mut Reader::new(&b[..20]), (None, None)).unwrap_err();
        assert_eq!(e.offset(), 8);
    }

    #[test]
    fn modify_recipients_rows_with_and_without_recipient_row() {
        let mut b = vec![0x0E, 0x00, 0x01];
        b.extend(1u16.to_le_bytes());
        b.extend(RECIPIENT_TYPE.0.to_le_bytes());
        b.extend(2u16.to_le_bytes()); // RowCount
        b.extend(7u32.to_le_bytes());
        b.push(0x01);
        let row = smtp_row();
        b.extend(u16::try_from(row.len()).unwrap().to_le_bytes());
        b.extend(&row);
        b.extend(8u32.to_le_bytes());
        b.push(0x02);
        b.extend(0u16.to_le_bytes()); // removed
        let req =
            RopRequest::decode_with_exact(&b, RequestCtx::default(), Limits::DEFAULT).unwrap();
        let RopRequest::ModifyRecipients(m) = &req else {
            panic!()
        };
        assert!(m.recipient_rows[0].recipient_row.is_some());
        assert!(m.recipient_rows[1].recipient_row.is_none());
        assert_eq!(req.to_bytes().unwrap(), b);
        // RowCount larger than the bytes could hold (7 bytes a row at least).
        let mut bad = b[..9].to_vec();
        bad.extend(1000u16.to_le_bytes());
        let e = RopRequest::decode_with_exact(&bad, RequestCtx::default(), Limits::DEFAULT)
            .unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::CountTooLarge { .. }), "{e}");
        assert_eq!(e.offset(), 9);
    }

    #[test]
    fn read_recipients_with_and_without_columns() {
        let mut b = vec![0x0F, 0x00, 0, 0, 0, 0, 1];
        b.extend(5u32.to_le_bytes());
        b.push(0x01);
        b.extend(0x04E4u16.to_le_bytes());
        b.extend(0u16.to_le_bytes());
        let row = smtp_row();
        b.extend(u16::try_from(row.len()).unwrap().to_le_bytes());
        b.extend(&row);
        for cols in [None, Some(&[RECIPIENT_TYPE][..])] {
            let mut r = Reader::new(&b);
            let resp = RopResponse::decode_with_from(&mut r, (None, cols)).unwrap();
            assert!(r.is_empty());
            assert_eq!(resp.to_bytes().unwrap(), b);
        }
        // RowCount 255 with one row present.
        let mut bad = b.clone();
        bad[6] = 255;
        let e = RopResponse::decode_with_from(&mut Reader::new(&bad), (None, None)).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::CountTooLarge { .. }), "{e}");
    }

    #[test]
    fn open_embedded_message_success() {
        let mut b = vec![0x46, 0x02, 0, 0, 0, 0, 0x00];
        b.extend([1, 0, 0, 0, 0, 0, 0, 0x2A]);
        b.extend(open_message_success_bytes());
        let mut r = Reader::new(&b);
        let resp = RopResponse::decode_with_from(&mut r, (None, None)).unwrap();
        assert!(r.is_empty());
        assert_eq!(resp.to_bytes().unwrap(), b);
    }

    #[test]
    fn fixed_requests_round_trip() {
        let cases: &[&[u8]] = &[
            &[
                0x03, 0, 0, 1, 0xFF, 0x0F, 1, 0, 0, 0, 0, 0, 0, 5, 0x01, 1, 0, 0, 0, 0, 0, 0, 7,
            ],
            &[0x06, 0, 0, 1, 0xFF, 0x0F, 1, 0, 0, 0, 0, 0, 0, 5, 0x00],
            &[0x0C, 0, 1, 0, 0x02],
            &[0x0D, 0, 0, 0, 0, 0, 0],
            &[0x0F, 0, 0, 0, 0, 0, 0, 0, 0],
            &[0x10, 0, 0, 0, 0],
            &[0x20, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, 1, 0, 0, 0, 1, 0, 0, 0],
            &[0x1F, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7],
            &[0x66, 0, 0, 0, 0x01, 1, 0, 1, 0, 0, 0, 0, 0, 0, 7],
            &[0x22, 0, 0, 1, 0x01, 3, 0, 0, 0],
            &[0x23, 0, 0, 1],
            &[0x24, 0, 0, 3, 0, 0, 0],
            &[0x25, 0, 1, 2, 0x02],
            &[0x46, 0, 0, 1, 0xFF, 0x0F, 0x02],
            &[0x21, 0, 0, 1, 0x40],
            &[0x52, 0, 0],
        ];
        for b in cases {
            let r =
                RopRequest::decode_with_exact(b, RequestCtx::default(), Limits::DEFAULT).unwrap();
            assert_eq!(r.to_bytes().unwrap(), *b, "{r:?}");
            for n in 1..b.len() {
                assert!(RopRequest::decode_with_exact(
                    &b[..n],
                    RequestCtx::default(),
                    Limits::DEFAULT
                )
                .is_err());
            }
        }
    }

    #[test]
    fn save_changes_handles_input_first() {
        let b = [0x0C, 0, 1, 0, 0x02];
        let r = RopRequest::decode_with_exact(&b, RequestCtx::default(), Limits::DEFAULT).unwrap();
        let h = r.handle_indexes();
        assert_eq!(
            h.iter().collect::<Vec<_>>(),
            [(HandleRole::Input, 0), (HandleRole::Response, 1)]
        );
    }

    #[test]
    fn null_cells_are_bounded_by_max_elements() {
        // RopModifyRecipients: 300 PtypNull columns (their cells take no bytes) and 4000
        // rows that each claim all 300: 1.2 million cells from 49 kB.
        let mut b = vec![0x0E, 0x00, 0x00];
        b.extend(300u16.to_le_bytes());
        for i in 0..300u16 {
            b.extend(
                PropTag::new(0x8000 + i, crate::data::PropType::NULL)
                    .0
                    .to_le_bytes(),
            );
        }
        b.extend(4000u16.to_le_bytes());
        for i in 0..4000u32 {
            b.extend(i.to_le_bytes());
            b.push(0x01);
            b.extend(5u16.to_le_bytes()); // RecipientRowSize
            b.extend(0u16.to_le_bytes()); // RecipientFlags: NoType, nothing else
            b.extend(300u16.to_le_bytes()); // RecipientColumnCount
            b.push(0x00); // StandardPropertyRow: 300 PtypNull cells, no bytes
        }
        let e =
            RopRequest::decode_with_exact(&b, RequestCtx::default(), Limits::DEFAULT).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
        // With a higher limit the same bytes decode.
        let limits = Limits {
            max_elements: 2 << 20,
            ..Limits::DEFAULT
        };
        assert!(RopRequest::decode_with_exact(&b, RequestCtx::default(), limits).is_ok());
    }
}
