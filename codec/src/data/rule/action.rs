//! [MS-OXORULE] 2.2.5 RuleAction: the ActionBlocks of a rule and the ActionData of every
//! action type (2.2.5.1), in the standard and the extended [`RuleForm`].

use std::borrow::Cow;

use bytes::BufMut;

use super::{len_tree, RuleForm};
use crate::data::ids::{FolderId, MessageId, ServerId};
use crate::data::restriction::check_depth;
use crate::data::value::{
    counted_bytes, decode_tagged, decode_tagged_values, put_counted, put_tagged_values,
    tagged_values_len, TaggedPropertyValue,
};
use crate::tree::{hex32, ToTree, ToTreeWith, Tree};
use crate::wire::{
    ensure_room, named_code, put_count, u16_len, CountWidth, Decode, DecodeError, DecodeWith,
    Encode, EncodeError, EncodeWith, Guid, Limits, Reader, ResultExt,
};

named_code! {
    /// The ActionType of an ActionBlock ([MS-OXORULE] 2.2.5.1), an open code.
    pub struct ActionType(u8);
    /// OP_MOVE: moves the message to a folder.
    OP_MOVE = 0x01 => "OP_MOVE",
    /// OP_COPY: copies the message to a folder.
    OP_COPY = 0x02 => "OP_COPY",
    /// OP_REPLY: replies to the message.
    OP_REPLY = 0x03 => "OP_REPLY",
    /// OP_OOF_REPLY: sends an OOF reply to the message.
    OP_OOF_REPLY = 0x04 => "OP_OOF_REPLY",
    /// OP_DEFER_ACTION: an action the client executes (a Deferred Action Message).
    OP_DEFER_ACTION = 0x05 => "OP_DEFER_ACTION",
    /// OP_BOUNCE: rejects the message back to the sender.
    OP_BOUNCE = 0x06 => "OP_BOUNCE",
    /// OP_FORWARD: forwards the message to recipients.
    OP_FORWARD = 0x07 => "OP_FORWARD",
    /// OP_DELEGATE: resends the message to a delegate.
    OP_DELEGATE = 0x08 => "OP_DELEGATE",
    /// OP_TAG: sets a property on the message.
    OP_TAG = 0x09 => "OP_TAG",
    /// OP_DELETE: deletes the message.
    OP_DELETE = 0x0A => "OP_DELETE",
    /// OP_MARK_AS_READ: marks the message read.
    OP_MARK_AS_READ = 0x0B => "OP_MARK_AS_READ",
}

named_code! {
    /// The BounceCode of an OP_BOUNCE action ([MS-OXORULE] 2.2.5.1.2.5): why the message is
    /// rejected.
    pub struct BounceCode(u32);
    /// 0x0000000D: the message is too large.
    TOO_LARGE = 0x0000_000D => "message too large",
    /// 0x0000001F: the message cannot be displayed.
    CANNOT_DISPLAY = 0x0000_001F => "message cannot be displayed",
    /// 0x00000026: delivery is denied.
    DENIED = 0x0000_0026 => "delivery denied",
}

fn form_mismatch() -> EncodeError {
    EncodeError::invalid("the action data is not of the RuleAction's form (standard or extended)")
}

/// The folder of a standard-form Move/Copy action ([MS-OXORULE] 2.2.5.1.2.1): a ServerEid
/// (2.2.5.1.2.1.1, the layout of [MS-OXCDATA] 2.11.1.4) when FolderInThisStore is nonzero,
/// else a Folder EntryID ([MS-OXCDATA] 2.2.4.1) kept as its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum FolderEid<'a> {
    /// FolderInThisStore nonzero: a ServerEid (Ours, FolderId, MessageId, Instance).
    ServerEid(ServerId<'a>),
    /// FolderInThisStore zero: the EntryID of a folder in another store.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    EntryId(Cow<'a, [u8]>),
}

impl FolderEid<'_> {
    fn encoded_len(&self) -> usize {
        match self {
            FolderEid::ServerEid(s) => s.encoded_len(),
            FolderEid::EntryId(b) => b.len(),
        }
    }
}

impl ToTree for FolderEid<'_> {
    fn to_tree(&self) -> Tree {
        match self {
            FolderEid::ServerEid(s) => s.to_tree(),
            FolderEid::EntryId(b) => Tree::Bytes(b.to_vec()),
        }
    }
}

/// [MS-OXORULE] 2.2.5.1.2.1 OP_MOVE and OP_COPY ActionData.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all_fields = "PascalCase")
)]
pub enum MoveCopyAction<'a> {
    /// The buffer format for standard rules.
    Standard {
        /// FolderInThisStore: nonzero (TRUE) when the folder is in the user's mailbox.
        folder_in_this_store: u8,
        /// StoreEID (StoreEIDSize is its 2-byte size): a Store Object EntryID, ignored when
        /// FolderInThisStore is set.
        #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
        store_eid: Cow<'a, [u8]>,
        /// FolderEID (FolderEIDSize is its 2-byte size).
        folder_eid: FolderEid<'a>,
    },
    /// The buffer format for extended rules.
    Extended {
        /// StoreEID (StoreEIDSize is its 4-byte size): not used, any non-null value.
        #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
        store_eid: Cow<'a, [u8]>,
        /// FolderEID (FolderEIDSize is its 4-byte size): a Folder EntryID ([MS-OXCDATA]
        /// 2.2.4.1), kept as its bytes.
        #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
        folder_eid: Cow<'a, [u8]>,
    },
}

impl MoveCopyAction<'_> {
    /// The form whose buffer format this is.
    pub fn form(&self) -> RuleForm {
        match self {
            MoveCopyAction::Standard { .. } => RuleForm::Standard,
            MoveCopyAction::Extended { .. } => RuleForm::Extended,
        }
    }
}

/// [MS-OXORULE] 2.2.5.1.2.2 OP_REPLY and OP_OOF_REPLY ActionData.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all_fields = "PascalCase")
)]
pub enum ReplyAction<'a> {
    /// The buffer format for standard rules.
    Standard {
        /// ReplyTemplateFID: the folder holding the reply template.
        template_folder_id: FolderId,
        /// ReplyTemplateMID: the reply template message.
        template_message_id: MessageId,
        /// ReplyTemplateGUID: the template's PidTagReplyTemplateId.
        template_guid: Guid,
    },
    /// The buffer format for extended rules.
    Extended {
        /// ReplyTemplateMessageEID (MessageEIDSize is its 4-byte size): a Message EntryID
        /// ([MS-OXCDATA] 2.2.4.2), kept as its bytes.
        #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
        message_eid: Cow<'a, [u8]>,
        /// ReplyTemplateGUID: the template's PidTagReplyTemplateId.
        template_guid: Guid,
    },
}

impl ReplyAction<'_> {
    /// The form whose buffer format this is.
    pub fn form(&self) -> RuleForm {
        match self {
            ReplyAction::Standard { .. } => RuleForm::Standard,
            ReplyAction::Extended { .. } => RuleForm::Extended,
        }
    }
}

/// [MS-OXORULE] 2.2.5.1.2.4.1 RecipientBlockData: one recipient of a Forward/Delegate action.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct RecipientBlock<'a> {
    /// Reserved: implementation-specific (0x01 in practice).
    pub reserved: u8,
    /// PropertyValues (NoOfProperties is their number, 2 or 4 bytes by form).
    pub property_values: Vec<TaggedPropertyValue<'a>>,
}

impl RecipientBlock<'_> {
    /// Writes the block with counts of `width`.
    fn put<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        self.reserved.encode(out)?;
        put_count(out, width, self.property_values.len(), "NoOfProperties")?;
        put_tagged_values(out, &self.property_values, width).field("PropertyValues")
    }
}

impl ToTree for RecipientBlock<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("Reserved", Tree::UInt(self.reserved.into()))
            .field("NoOfProperties", len_tree(self.property_values.len()))
            .field("PropertyValues", self.property_values.to_tree())
    }
}

/// The ActionData of an ActionBlock ([MS-OXORULE] 2.2.5.1.2), by ActionType.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ActionData<'a> {
    /// OP_MOVE, OP_COPY (2.2.5.1.2.1).
    MoveCopy(MoveCopyAction<'a>),
    /// OP_REPLY, OP_OOF_REPLY (2.2.5.1.2.2).
    Reply(ReplyAction<'a>),
    /// OP_DEFER_ACTION (2.2.5.1.2.3): data only the client understands, to the end of the
    /// ActionBlock.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    DeferredAction(Cow<'a, [u8]>),
    /// OP_BOUNCE (2.2.5.1.2.5): BounceCode.
    Bounce(BounceCode),
    /// OP_FORWARD, OP_DELEGATE (2.2.5.1.2.4): RecipientBlocks (RecipientCount is their
    /// number, 2 or 4 bytes by form).
    ForwardDelegate(Vec<RecipientBlock<'a>>),
    /// OP_TAG (2.2.5.1.2.6): the property to set.
    Tag(TaggedPropertyValue<'a>),
    /// OP_DELETE, OP_MARK_AS_READ (2.2.5.1.2.7): no ActionData.
    None,
    /// An ActionType the spec does not define: the bytes to the end of the ActionBlock.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    Unknown(Cow<'a, [u8]>),
}

/// [MS-OXORULE] 2.2.5.1 ActionBlock (ActionLength is computed).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct ActionBlock<'a> {
    /// ActionType.
    pub action_type: ActionType,
    /// ActionFlavor: flags of the action type (Reply: NS 0x1, ST 0x2; Forward: PR 0x1, NC 0x2,
    /// AT 0x4, TM 0x8; zero for the others).
    pub action_flavor: u32,
    /// ActionFlags: client-defined.
    pub action_flags: u32,
    /// ActionData, as ActionType selects.
    pub action_data: ActionData<'a>,
}

/// [MS-OXORULE] 2.2.5 RuleAction: the actions of a rule (NoOfActions is their number).
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct RuleActions<'a> {
    /// ActionBlocks.
    pub actions: Vec<ActionBlock<'a>>,
}

/// ActionType, ActionFlavor and ActionFlags: the fixed part of an ActionBlock after ActionLength.
const BLOCK_HEADER: usize = 9;

/// Decodes a RuleAction of `form` inside `depth` enclosing restrictions / rule actions.
pub(crate) fn decode_rule_actions<'a>(
    r: &mut Reader<'a>,
    form: RuleForm,
    depth: u32,
) -> Result<RuleActions<'a>, DecodeError> {
    check_depth(r, depth)?;
    let width = form.width();
    let n = r
        .count(width, width.size() + BLOCK_HEADER)
        .field("NoOfActions")?;
    let mut actions = Vec::with_capacity(n);
    for i in 0..n {
        actions.push(
            decode_block(r, form, depth + 1)
                .index(i)
                .field("ActionBlocks")?,
        );
    }
    Ok(RuleActions { actions })
}

fn decode_block<'a>(
    r: &mut Reader<'a>,
    form: RuleForm,
    depth: u32,
) -> Result<ActionBlock<'a>, DecodeError> {
    let at = r.offset();
    let len = r.raw_count(form.width()).field("ActionLength")?;
    if (len as usize) < BLOCK_HEADER {
        return Err(r.invalid_at(
            at,
            "ActionLength must cover ActionType, ActionFlavor and ActionFlags (9 bytes)",
            len.into(),
        ))
        .field("ActionLength");
    }
    let mut s = r.sub(len as usize).field("ActionLength")?;
    let action_type = ActionType(s.u8().field("ActionType")?);
    let action_flavor = s.u32().field("ActionFlavor")?;
    let action_flags = s.u32().field("ActionFlags")?;
    let action_data = decode_data(&mut s, action_type, form, depth).field("ActionData")?;
    s.finish().field("ActionData")?;
    Ok(ActionBlock {
        action_type,
        action_flavor,
        action_flags,
        action_data,
    })
}

fn decode_data<'a>(
    s: &mut Reader<'a>,
    ty: ActionType,
    form: RuleForm,
    depth: u32,
) -> Result<ActionData<'a>, DecodeError> {
    let width = form.width();
    Ok(match ty {
        ActionType::OP_MOVE | ActionType::OP_COPY => {
            ActionData::MoveCopy(decode_move_copy(s, form)?)
        }
        ActionType::OP_REPLY | ActionType::OP_OOF_REPLY => ActionData::Reply(match form {
            RuleForm::Standard => ReplyAction::Standard {
                template_folder_id: FolderId::decode_from(s).field("ReplyTemplateFID")?,
                template_message_id: MessageId::decode_from(s).field("ReplyTemplateMID")?,
                template_guid: Guid::decode_from(s).field("ReplyTemplateGUID")?,
            },
            RuleForm::Extended => ReplyAction::Extended {
                message_eid: Cow::Borrowed(
                    counted_bytes(s, width).field("ReplyTemplateMessageEID")?,
                ),
                template_guid: Guid::decode_from(s).field("ReplyTemplateGUID")?,
            },
        }),
        ActionType::OP_DEFER_ACTION => ActionData::DeferredAction(Cow::Borrowed(s.take_rest())),
        ActionType::OP_BOUNCE => {
            ActionData::Bounce(BounceCode::decode_from(s).field("BounceCode")?)
        }
        ActionType::OP_FORWARD | ActionType::OP_DELEGATE => {
            let n = s.count(width, 1 + width.size()).field("RecipientCount")?;
            let mut v = Vec::with_capacity(n);
            for i in 0..n {
                v.push(
                    decode_recipient(s, width, depth)
                        .index(i)
                        .field("RecipientBlocks")?,
                );
            }
            ActionData::ForwardDelegate(v)
        }
        ActionType::OP_TAG => ActionData::Tag(decode_tagged(s, width, depth)?),
        ActionType::OP_DELETE | ActionType::OP_MARK_AS_READ => ActionData::None,
        _ => ActionData::Unknown(Cow::Borrowed(s.take_rest())),
    })
}

fn decode_move_copy<'a>(
    s: &mut Reader<'a>,
    form: RuleForm,
) -> Result<MoveCopyAction<'a>, DecodeError> {
    Ok(match form {
        RuleForm::Standard => {
            let folder_in_this_store = s.u8().field("FolderInThisStore")?;
            let store_eid = Cow::Borrowed(counted_bytes(s, CountWidth::U16).field("StoreEID")?);
            let n = s.count(CountWidth::U16, 1).field("FolderEIDSize")?;
            let mut f = s.sub(n).field("FolderEID")?;
            let folder_eid = if folder_in_this_store != 0 {
                let id = ServerId::decode_from(&mut f).field("FolderEID")?;
                f.finish().field("FolderEID")?;
                FolderEid::ServerEid(id)
            } else {
                FolderEid::EntryId(Cow::Borrowed(f.take_rest()))
            };
            MoveCopyAction::Standard {
                folder_in_this_store,
                store_eid,
                folder_eid,
            }
        }
        RuleForm::Extended => MoveCopyAction::Extended {
            store_eid: Cow::Borrowed(counted_bytes(s, CountWidth::U32).field("StoreEID")?),
            folder_eid: Cow::Borrowed(counted_bytes(s, CountWidth::U32).field("FolderEID")?),
        },
    })
}

fn decode_recipient<'a>(
    s: &mut Reader<'a>,
    width: CountWidth,
    depth: u32,
) -> Result<RecipientBlock<'a>, DecodeError> {
    let reserved = s.u8().field("Reserved")?;
    let n = s.count(width, 4).field("NoOfProperties")?;
    let property_values = decode_tagged_values(s, n, width, depth).field("PropertyValues")?;
    Ok(RecipientBlock {
        reserved,
        property_values,
    })
}

impl<'a> DecodeWith<'a, RuleForm> for RuleActions<'a> {
    fn decode_with_from(r: &mut Reader<'a>, form: RuleForm) -> Result<Self, DecodeError> {
        decode_rule_actions(r, form, 0)
    }
}

impl ActionData<'_> {
    /// Whether this data is the layout of `ty` in `form`.
    fn fits(&self, ty: ActionType, form: RuleForm) -> bool {
        use ActionType as T;
        match self {
            ActionData::MoveCopy(m) => matches!(ty, T::OP_MOVE | T::OP_COPY) && m.form() == form,
            ActionData::Reply(x) => matches!(ty, T::OP_REPLY | T::OP_OOF_REPLY) && x.form() == form,
            ActionData::DeferredAction(_) => ty == T::OP_DEFER_ACTION,
            ActionData::Bounce(_) => ty == T::OP_BOUNCE,
            ActionData::ForwardDelegate(_) => matches!(ty, T::OP_FORWARD | T::OP_DELEGATE),
            ActionData::Tag(_) => ty == T::OP_TAG,
            ActionData::None => matches!(ty, T::OP_DELETE | T::OP_MARK_AS_READ),
            ActionData::Unknown(_) => ty.name().is_none(),
        }
    }

    fn len_with(&self, form: RuleForm) -> usize {
        let w = form.width().size();
        match self {
            ActionData::MoveCopy(MoveCopyAction::Standard {
                store_eid,
                folder_eid,
                ..
            }) => 1 + 2 + store_eid.len() + 2 + folder_eid.encoded_len(),
            ActionData::MoveCopy(MoveCopyAction::Extended {
                store_eid,
                folder_eid,
            }) => 4 + store_eid.len() + 4 + folder_eid.len(),
            ActionData::Reply(ReplyAction::Standard { .. }) => 8 + 8 + 16,
            ActionData::Reply(ReplyAction::Extended { message_eid, .. }) => {
                4 + message_eid.len() + 16
            }
            ActionData::DeferredAction(b) | ActionData::Unknown(b) => b.len(),
            ActionData::Bounce(_) => 4,
            ActionData::ForwardDelegate(v) => {
                w + v
                    .iter()
                    .map(|b| 1 + w + tagged_values_len(&b.property_values, form.width()))
                    .sum::<usize>()
            }
            ActionData::Tag(t) => t.encoded_len_with(form.width()),
            ActionData::None => 0,
        }
    }

    fn put<B: BufMut>(&self, form: RuleForm, out: &mut B) -> Result<(), EncodeError> {
        let width = form.width();
        match self {
            ActionData::MoveCopy(MoveCopyAction::Standard {
                folder_in_this_store,
                store_eid,
                folder_eid,
            }) => {
                let in_store = *folder_in_this_store != 0;
                if in_store != matches!(folder_eid, FolderEid::ServerEid(_)) {
                    return Err(EncodeError::invalid(
                        "FolderEID must be a ServerEid exactly when FolderInThisStore is set",
                    ));
                }
                folder_in_this_store.encode(out)?;
                put_counted(out, CountWidth::U16, store_eid, "StoreEIDSize")?;
                u16_len(folder_eid.encoded_len(), "FolderEIDSize")?.encode(out)?;
                match folder_eid {
                    FolderEid::ServerEid(s) => s.encode(out),
                    FolderEid::EntryId(b) => {
                        ensure_room(out, b.len())?;
                        out.put_slice(b);
                        Ok(())
                    }
                }
            }
            ActionData::MoveCopy(MoveCopyAction::Extended {
                store_eid,
                folder_eid,
            }) => {
                put_counted(out, CountWidth::U32, store_eid, "StoreEIDSize")?;
                put_counted(out, CountWidth::U32, folder_eid, "FolderEIDSize")
            }
            ActionData::Reply(ReplyAction::Standard {
                template_folder_id,
                template_message_id,
                template_guid,
            }) => {
                template_folder_id.encode(out)?;
                template_message_id.encode(out)?;
                template_guid.encode(out)
            }
            ActionData::Reply(ReplyAction::Extended {
                message_eid,
                template_guid,
            }) => {
                put_counted(out, CountWidth::U32, message_eid, "MessageEIDSize")?;
                template_guid.encode(out)
            }
            ActionData::DeferredAction(b) | ActionData::Unknown(b) => {
                ensure_room(out, b.len())?;
                out.put_slice(b);
                Ok(())
            }
            ActionData::Bounce(c) => c.encode(out),
            ActionData::ForwardDelegate(v) => {
                put_count(out, width, v.len(), "RecipientCount")?;
                for (i, b) in v.iter().enumerate() {
                    b.put(width, out).index(i).field("RecipientBlocks")?;
                }
                Ok(())
            }
            ActionData::Tag(t) => t.encode_with(width, out),
            ActionData::None => Ok(()),
        }
    }
}

impl ActionBlock<'_> {
    fn length(&self, form: RuleForm) -> usize {
        BLOCK_HEADER + self.action_data.len_with(form)
    }

    fn tree_with(&self, form: RuleForm) -> Tree {
        let t = Tree::record()
            .field("ActionLength", len_tree(self.length(form)))
            .field("ActionType", self.action_type.to_tree())
            .field("ActionFlavor", hex32(&self.action_flavor))
            .field("ActionFlags", hex32(&self.action_flags));
        match &self.action_data {
            ActionData::None => t,
            d => t.field("ActionData", data_tree(d)),
        }
    }
}

fn data_tree(d: &ActionData<'_>) -> Tree {
    match d {
        ActionData::MoveCopy(MoveCopyAction::Standard {
            folder_in_this_store,
            store_eid,
            folder_eid,
        }) => Tree::record()
            .field(
                "FolderInThisStore",
                Tree::UInt((*folder_in_this_store).into()),
            )
            .field("StoreEIDSize", len_tree(store_eid.len()))
            .field("StoreEID", Tree::Bytes(store_eid.to_vec()))
            .field("FolderEIDSize", len_tree(folder_eid.encoded_len()))
            .field("FolderEID", folder_eid.to_tree()),
        ActionData::MoveCopy(MoveCopyAction::Extended {
            store_eid,
            folder_eid,
        }) => Tree::record()
            .field("StoreEIDSize", len_tree(store_eid.len()))
            .field("StoreEID", Tree::Bytes(store_eid.to_vec()))
            .field("FolderEIDSize", len_tree(folder_eid.len()))
            .field("FolderEID", Tree::Bytes(folder_eid.to_vec())),
        ActionData::Reply(ReplyAction::Standard {
            template_folder_id,
            template_message_id,
            template_guid,
        }) => Tree::record()
            .field("ReplyTemplateFID", template_folder_id.to_tree())
            .field("ReplyTemplateMID", template_message_id.to_tree())
            .field("ReplyTemplateGUID", Tree::Text(template_guid.to_string())),
        ActionData::Reply(ReplyAction::Extended {
            message_eid,
            template_guid,
        }) => Tree::record()
            .field("MessageEIDSize", len_tree(message_eid.len()))
            .field("ReplyTemplateMessageEID", Tree::Bytes(message_eid.to_vec()))
            .field("ReplyTemplateGUID", Tree::Text(template_guid.to_string())),
        ActionData::DeferredAction(b) => {
            Tree::record().field("DeferredActionData", Tree::Bytes(b.to_vec()))
        }
        ActionData::Bounce(c) => Tree::record().field("BounceCode", c.to_tree()),
        ActionData::ForwardDelegate(v) => Tree::record()
            .field("RecipientCount", len_tree(v.len()))
            .field("RecipientBlocks", v.to_tree()),
        ActionData::Tag(t) => t.to_tree(),
        ActionData::None => Tree::record(),
        ActionData::Unknown(b) => Tree::Bytes(b.to_vec()),
    }
}

/// The tree of the actions in `form` (ActionLength values depend on it).
impl ToTreeWith<RuleForm> for RuleActions<'_> {
    fn to_tree_with(&self, form: RuleForm) -> Tree {
        Tree::record()
            .field("NoOfActions", len_tree(self.actions.len()))
            .field(
                "ActionBlocks",
                Tree::List(self.actions.iter().map(|a| a.tree_with(form)).collect()),
            )
    }
}

impl EncodeWith<RuleForm> for RuleActions<'_> {
    fn encoded_len_with(&self, form: RuleForm) -> usize {
        let w = form.width().size();
        w + self
            .actions
            .iter()
            .map(|a| w + a.length(form))
            .sum::<usize>()
    }

    fn encode_with<B: BufMut>(&self, form: RuleForm, out: &mut B) -> Result<(), EncodeError> {
        let width = form.width();
        put_count(out, width, self.actions.len(), "NoOfActions")?;
        for a in &self.actions {
            if !a.action_data.fits(a.action_type, form) {
                return Err(match a.action_data {
                    ActionData::MoveCopy(_) | ActionData::Reply(_)
                        if matches!(
                            a.action_type,
                            ActionType::OP_MOVE
                                | ActionType::OP_COPY
                                | ActionType::OP_REPLY
                                | ActionType::OP_OOF_REPLY
                        ) =>
                    {
                        form_mismatch()
                    }
                    _ => EncodeError::invalid("the ActionData is not the layout of the ActionType"),
                });
            }
            put_count(out, width, a.length(form), "ActionLength")?;
            a.action_type.0.encode(out)?;
            a.action_flavor.encode(out)?;
            a.action_flags.encode(out)?;
            a.action_data.put(form, out)?;
        }
        Ok(())
    }
}

/// The tree of the bytes of a PtypRuleAction value: the decoded actions. The value does not
/// record the count width it was read with; the standard form (the one ROP buffers carry) is
/// tried first, then the extended form (then marked "Form: extended"); bytes that are neither
/// are shown as bytes.
pub(crate) fn rule_action_value_tree(bytes: &[u8]) -> Tree {
    let decode = |form| RuleActions::decode_with_exact(bytes, form, Limits::DEFAULT);
    if let Ok(a) = decode(RuleForm::Standard) {
        return a.to_tree_with(RuleForm::Standard);
    }
    match decode(RuleForm::Extended) {
        Ok(a) => Tree::record()
            .field("Form", Tree::Text("extended".into()))
            .splice(extended_actions_tree(&a)),
        Err(_) => Tree::Bytes(bytes.to_vec()),
    }
}

/// The tree of a RuleActionsBuffer ([MS-OXORULE] 2.2.4.1.9): actions in the extended form.
pub(crate) fn extended_actions_tree(a: &RuleActions<'_>) -> Tree {
    a.to_tree_with(RuleForm::Extended)
}

crate::wire::owned_impl!(
    enum FolderEid {
        ServerEid(id),
        EntryId(b),
    }
);
crate::wire::owned_impl!(enum MoveCopyAction {
    Standard { folder_in_this_store, store_eid, folder_eid },
    Extended { store_eid, folder_eid },
});
crate::wire::owned_impl!(enum ReplyAction {
    Standard { template_folder_id, template_message_id, template_guid },
    Extended { message_eid, template_guid },
});
crate::wire::owned_impl!(struct RecipientBlock { reserved, property_values });
crate::wire::owned_impl!(
    enum ActionData {
        MoveCopy(a),
        Reply(a),
        DeferredAction(b),
        Bounce(c),
        ForwardDelegate(v),
        Tag(v),
        None,
        Unknown(b),
    }
);
crate::wire::owned_impl!(struct ActionBlock { action_type, action_flavor, action_flags, action_data });
crate::wire::owned_impl!(struct RuleActions { actions });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::PropTag;

    fn decode(bytes: &[u8], form: RuleForm) -> Result<RuleActions<'_>, DecodeError> {
        RuleActions::decode_with_exact(bytes, form, Limits::DEFAULT)
    }

    fn round_trip(bytes: &[u8], form: RuleForm) -> RuleActions<'_> {
        let a = decode(bytes, form).unwrap();
        assert_eq!(a.to_bytes_with(form).unwrap(), bytes);
        for n in 0..bytes.len() {
            assert!(decode(&bytes[..n], form).is_err(), "prefix {n}");
        }
        a
    }

    #[test]
    fn unknown_action_types_keep_their_bytes() {
        let b = [
            0x01, 0x00, 0x0B, 0x00, 0x42, 0, 0, 0, 0, 1, 0, 0, 0, 0xAA, 0xBB,
        ];
        let a = round_trip(&b, RuleForm::Standard);
        assert_eq!(a.actions[0].action_type.name(), None);
        assert_eq!(a.actions[0].action_flags, 1);
        assert_eq!(
            a.actions[0].action_data,
            ActionData::Unknown(Cow::Borrowed(&[0xAA, 0xBB][..]))
        );
    }

    #[test]
    fn action_data_must_fill_the_action_length() {
        // OP_BOUNCE with ActionLength 14: one byte after BounceCode.
        let b = [
            0x01, 0x00, 0x0E, 0x00, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0x0D, 0, 0, 0, 0xFF,
        ];
        let e = decode(&b, RuleForm::Standard).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("trailing-bytes", 17));
        // ActionLength past the end: truncated at the block.
        let b = [0x01, 0x00, 0x20, 0x00, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0];
        let e = decode(&b, RuleForm::Standard).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("truncated", 4));
    }

    #[test]
    fn counts_are_checked_before_allocating() {
        let e = decode(&[0xFF, 0xFF, 0, 0], RuleForm::Standard).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("count-too-large", 0));
        // RecipientCount 0xFFFF inside a 12-byte OP_FORWARD.
        let b = [
            0x01, 0x00, 0x0B, 0x00, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF,
        ];
        let e = decode(&b, RuleForm::Standard).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("count-too-large", 13));
    }

    #[test]
    fn folder_in_this_store_needs_a_server_eid() {
        // FolderInThisStore 1, StoreEID 1 byte, FolderEID 1 byte (Ours 2): not a ServerEid.
        let b = [
            0x01, 0x00, 0x10, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x01, 0x00, 0x00, 0x01,
            0x00, 0x02,
        ];
        assert!(decode(&b, RuleForm::Standard).is_err());
        // FolderInThisStore 0: the same byte is an opaque EntryID.
        let mut b = b;
        b[13] = 0;
        let a = round_trip(&b, RuleForm::Standard);
        assert!(matches!(
            &a.actions[0].action_data,
            ActionData::MoveCopy(MoveCopyAction::Standard {
                folder_eid: FolderEid::EntryId(_),
                ..
            })
        ));
    }

    #[test]
    fn data_of_the_other_form_does_not_encode() {
        let a = RuleActions {
            actions: vec![ActionBlock {
                action_type: ActionType::OP_REPLY,
                action_flavor: 0,
                action_flags: 0,
                action_data: ActionData::Reply(ReplyAction::Extended {
                    message_eid: Cow::Borrowed(&[1, 2]),
                    template_guid: Guid([0; 16]),
                }),
            }],
        };
        assert!(a.to_bytes_with(RuleForm::Standard).is_err());
        assert!(a.to_bytes_with(RuleForm::Extended).is_ok());
        let mut a = a;
        a.actions[0].action_type = ActionType::OP_TAG;
        assert!(a.to_bytes_with(RuleForm::Extended).is_err());
    }

    #[test]
    fn extended_tag_values_use_four_byte_counts() {
        // NoOfActions 1 (4 bytes), ActionLength 20, OP_TAG PtypBinary with a 4-byte count.
        let mut b = vec![1, 0, 0, 0, 20, 0, 0, 0, 0x09, 0, 0, 0, 0, 0, 0, 0, 0];
        b.extend_from_slice(&[0x02, 0x01, 0x01, 0x80, 3, 0, 0, 0, 0xAA, 0xBB, 0xCC]);
        let a = round_trip(&b, RuleForm::Extended);
        let ActionData::Tag(t) = &a.actions[0].action_data else {
            panic!()
        };
        assert_eq!(t.tag, PropTag(0x8001_0102));
        assert!(decode(&b, RuleForm::Standard).is_err());
        // The tree of the bytes as a PtypRuleAction value falls back to the extended form.
        let text = rule_action_value_tree(&b).to_text();
        assert!(text.contains("Form: \"extended\""), "{text}");
    }
}
