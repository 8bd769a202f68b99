//! [MS-OXCROPS] 2.2.6.4 RopRemoveAllRecipients, 2.2.6.5 RopModifyRecipients, 2.2.6.6
//! RopReadRecipients, 2.2.6.7 RopReloadCachedInformation.

use bytes::BufMut;

use super::open::OpenMessageSuccess;
use super::rows::{
    read_rows, read_table, rows_len, rows_tree, table_len, table_tree, write_rows, write_table,
    ModifyRecipientRow, ReadRecipientRow, RowCount,
};
use crate::data::PropTags;
use crate::rop::context::ResponseCtx;
use crate::rop::field::{hex16, hex32, rop_request, rop_response};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    wire_struct, Decode, DecodeError, DecodeWith, Encode, EncodeError, EncodeErrorKind, Reader,
    ResultExt,
};

// ---- 2.2.6.4 RopRemoveAllRecipients ----

rop_request! {
    /// [MS-OXCROPS] 2.2.6.4.1 RopRemoveAllRecipients request.
    pub struct RemoveAllRecipientsRequest {
        /// InputHandleIndex: the Message object.
        input_handle_index: Input,
        /// Reserved (4 bytes).
        reserved: u32 => "Reserved" as hex32,
    }
}

// ---- 2.2.6.5 RopModifyRecipients ----

/// [MS-OXCROPS] 2.2.6.5.1 RopModifyRecipients request: the recipient columns, then the rows
/// to add, change or remove.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct ModifyRecipientsRequest<'a> {
    /// LogonId.
    pub logon_id: u8,
    /// InputHandleIndex: the Message object.
    pub input_handle_index: u8,
    /// RecipientColumns (ColumnCount is their number).
    pub recipient_columns: PropTags<'a>,
    /// RecipientRows (RowCount, two bytes, is their number).
    pub recipient_rows: Vec<ModifyRecipientRow<'a>>,
}

impl<'a> Decode<'a> for ModifyRecipientsRequest<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let logon_id = r.u8().field("LogonId")?;
        let input_handle_index = r.u8().field("InputHandleIndex")?;
        let (recipient_columns, recipient_rows) = read_table(r, RowCount::U16)?;
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
        2 + table_len(RowCount::U16, &self.recipient_columns, &self.recipient_rows)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.logon_id.encode(out)?;
        self.input_handle_index.encode(out)?;
        write_table(
            RowCount::U16,
            &self.recipient_columns,
            &self.recipient_rows,
            out,
        )
    }
}

impl ToTree for ModifyRecipientsRequest<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record()
            .field("LogonId", self.logon_id.to_tree())
            .field("InputHandleIndex", self.input_handle_index.to_tree());
        table_tree(t, &self.recipient_columns, &self.recipient_rows)
    }
}

// The handle index fields as wire_struct! writes them for the ROP requests it lays out.
wire_struct!(@handles [<'a>] ModifyRecipientsRequest { Input: input_handle_index });

// ---- 2.2.6.6 RopReadRecipients ----

rop_request! {
    /// [MS-OXCROPS] 2.2.6.6.1 RopReadRecipients request.
    pub struct ReadRecipientsRequest {
        /// InputHandleIndex: the Message object.
        input_handle_index: Input,
        /// RowId: the first recipient to read.
        row_id: u32 => "RowId",
        /// Reserved (2 bytes).
        reserved: u16 => "Reserved" as hex16,
    }
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct ReadRecipientsSuccess<'a> {
    /// RecipientRows.
    pub recipient_rows: Vec<ReadRecipientRow<'a>>,
    /// The recipient columns the rows were decoded with, when the context gave them (not on
    /// the wire): private, so that the rows and their columns agree ([`Self::new`]).
    columns: Option<PropTags<'a>>,
}

impl<'a> ReadRecipientsSuccess<'a> {
    /// The success fields from their rows and the Message object's recipient columns, when
    /// known (the columns are not on the wire: they come from the RopOpenMessage or
    /// RopModifyRecipients that set them). With columns, each row's properties must be a row
    /// of them; without, each row's RecipientProperties must be kept as bytes
    /// ([`RecipientProperties::Undecoded`](crate::data::RecipientProperties)): encoding refuses
    /// other rows, as decoding in that context would not give them back.
    pub fn new(recipient_rows: Vec<ReadRecipientRow<'a>>, columns: Option<PropTags<'a>>) -> Self {
        ReadRecipientsSuccess {
            recipient_rows,
            columns,
        }
    }

    /// The recipient columns the rows are written against, when known.
    pub fn columns(&self) -> Option<&PropTags<'a>> {
        self.columns.as_ref()
    }
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c, 'a>> for ReadRecipientsSuccess<'a> {
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c, 'a>) -> Result<Self, DecodeError> {
        Ok(ReadRecipientsSuccess {
            recipient_rows: read_rows(r, RowCount::U8, ctx.columns())?,
            columns: ctx.columns().cloned(),
        })
    }
}

impl Encode for ReadRecipientsSuccess<'_> {
    fn encoded_len(&self) -> usize {
        rows_len(RowCount::U8, &self.recipient_rows)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        // The recipient columns are not on the wire, but the rows must be what decoding with
        // them (or without them) gives back.
        if self.columns.is_none() {
            for (i, row) in self.recipient_rows.iter().enumerate() {
                if !matches!(
                    row.recipient.recipient_row.properties,
                    crate::data::RecipientProperties::Undecoded { .. }
                ) {
                    return Err(EncodeError::new(EncodeErrorKind::MissingContext {
                        what: "the recipient columns of the Message object, which decode the row",
                    }))
                    .index(i)
                    .field("RecipientRows");
                }
            }
        }
        write_rows(
            RowCount::U8,
            &self.recipient_rows,
            self.columns.as_ref(),
            out,
        )
    }
}

impl ToTree for ReadRecipientsSuccess<'_> {
    fn to_tree(&self) -> Tree {
        rows_tree(Tree::record(), &self.recipient_rows, self.columns.as_ref())
    }
}

// ---- 2.2.6.7 RopReloadCachedInformation ----

rop_request! {
    /// [MS-OXCROPS] 2.2.6.7.1 RopReloadCachedInformation request.
    pub struct ReloadCachedInformationRequest {
        /// InputHandleIndex: the Message object.
        input_handle_index: Input,
        /// Reserved (2 bytes).
        reserved: u16 => "Reserved" as hex16,
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.6.4.2 RopRemoveAllRecipients response.
    RemoveAllRecipientsResponse = REMOVE_ALL_RECIPIENTS,
    /// [MS-OXCROPS] 2.2.6.5.2 RopModifyRecipients response.
    ModifyRecipientsResponse = MODIFY_RECIPIENTS { handle: Input }

    /// [MS-OXCROPS] 2.2.6.6.2 RopReadRecipients response (failure: 2.2.6.6.3).
    ReadRecipientsResponse<'a> = READ_RECIPIENTS { handle: Input, success: ReadRecipientsSuccess<'a> }

    /// [MS-OXCROPS] 2.2.6.7.2 RopReloadCachedInformation response (failure: 2.2.6.7.3); the
    /// success fields are RopOpenMessage's.
    ReloadCachedInformationResponse<'a> = RELOAD_CACHED_INFORMATION { handle: Input, success: OpenMessageSuccess<'a> }
}

crate::wire::owned_impl!(struct ModifyRecipientsRequest {
    logon_id,
    input_handle_index,
    recipient_columns,
    recipient_rows,
});
crate::wire::owned_impl!(struct ReadRecipientsSuccess { recipient_rows, columns });
