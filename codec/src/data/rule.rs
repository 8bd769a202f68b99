//! Rule data of [MS-OXORULE] 2.2: the RuleData of RopModifyRules (2.2.1.3), and the RuleAction
//! structure (2.2.5) with its ActionBlocks and the ActionData of every action type, in both
//! forms: the standard form (2-byte counts and lengths; PtypRuleAction values in ROP buffers,
//! PidTagClientActions) and the extended form (4-byte counts and lengths; the RuleActionsBuffer
//! of PidTagExtendedRuleMessageActions, 2.2.4.1.9, after a NamedPropertyInformation).
//!
//! A PtypRuleAction value ([`PropertyValue::RuleAction`](super::PropertyValue)) keeps its wire
//! bytes; [`RuleActions::decode`] reads them, and the value's tree shows the decoded actions.

use crate::wire::named_code;
use std::borrow::Cow;

use bytes::BufMut;

use super::ids::{FolderId, MessageId, ServerId};
use super::name::PropertyName;
use super::value::{decode_tagged, TaggedPropertyValue};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, put_count, u16_len, u32_len, CountWidth, Decode, DecodeError, DecodeWith, Encode,
    EncodeError, EncodeWith, ErrorKind, Guid, Limits, Reader, ResultExt,
};

/// Which of the two layouts of [MS-OXORULE] 2.2.5 a RuleAction has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum RuleForm {
    /// Standard rules: NoOfActions, ActionLength, RecipientCount, NoOfProperties and the
    /// counts inside property values are 2 bytes; MoveCopy and Reply data use FIDs/MIDs.
    Standard,
    /// Extended rules: those counts are 4 bytes; MoveCopy and Reply data use entry IDs.
    Extended,
}

impl RuleForm {
    /// The count width of the form.
    pub const fn width(self) -> CountWidth {
        match self {
            RuleForm::Standard => CountWidth::U16,
            RuleForm::Extended => CountWidth::U32,
        }
    }

    /// The form whose counts have `width` (2 bytes: standard, 4 bytes: extended).
    pub const fn from_width(width: CountWidth) -> RuleForm {
        match width {
            CountWidth::U16 => RuleForm::Standard,
            CountWidth::U32 => RuleForm::Extended,
        }
    }
}

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

fn hex32(v: u32) -> Tree {
    Tree::Named {
        value: v.into(),
        name: None,
        digits: 8,
    }
}

fn len_tree(n: usize) -> Tree {
    Tree::UInt(n as u64)
}

/// Counted bytes: a count of `width`, then that many bytes.
fn counted<'a>(r: &mut Reader<'a>, width: CountWidth) -> Result<Cow<'a, [u8]>, DecodeError> {
    let n = r.count(width, 1)?;
    r.bytes(n).map(Cow::Borrowed)
}

fn put_counted<B: BufMut>(
    out: &mut B,
    width: CountWidth,
    b: &[u8],
    field: &'static str,
) -> Result<(), EncodeError> {
    put_count(out, width, b.len(), field)?;
    ensure_room(out, b.len())?;
    out.put_slice(b);
    Ok(())
}

fn form_mismatch() -> EncodeError {
    EncodeError::invalid("the action data is not of the RuleAction's form (standard or extended)")
}

/// The folder of a standard-form Move/Copy action ([MS-OXORULE] 2.2.5.1.2.1): a ServerEid
/// (2.2.5.1.2.1.1, the layout of [MS-OXCDATA] 2.11.1.4) when FolderInThisStore is nonzero,
/// else a Folder EntryID ([MS-OXCDATA] 2.2.4.1) kept as its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum FolderEid<'a> {
    /// FolderInThisStore nonzero: a ServerEid (Ours, FolderId, MessageId, Instance).
    ServerEid(ServerId<'a>),
    /// FolderInThisStore zero: the EntryID of a folder in another store.
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
pub enum MoveCopyAction<'a> {
    /// The buffer format for standard rules.
    Standard {
        /// FolderInThisStore: nonzero (TRUE) when the folder is in the user's mailbox.
        folder_in_this_store: u8,
        /// StoreEID (StoreEIDSize is its 2-byte size): a Store Object EntryID, ignored when
        /// FolderInThisStore is set.
        store_eid: Cow<'a, [u8]>,
        /// FolderEID (FolderEIDSize is its 2-byte size).
        folder_eid: FolderEid<'a>,
    },
    /// The buffer format for extended rules.
    Extended {
        /// StoreEID (StoreEIDSize is its 4-byte size): not used, any non-null value.
        store_eid: Cow<'a, [u8]>,
        /// FolderEID (FolderEIDSize is its 4-byte size): a Folder EntryID ([MS-OXCDATA]
        /// 2.2.4.1), kept as its bytes.
        folder_eid: Cow<'a, [u8]>,
    },
}

/// [MS-OXORULE] 2.2.5.1.2.2 OP_REPLY and OP_OOF_REPLY ActionData.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
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
        message_eid: Cow<'a, [u8]>,
        /// ReplyTemplateGUID: the template's PidTagReplyTemplateId.
        template_guid: Guid,
    },
}

/// [MS-OXORULE] 2.2.5.1.2.4.1 RecipientBlockData: one recipient of a Forward/Delegate action.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct RecipientBlock<'a> {
    /// Reserved: implementation-specific (0x01 in practice).
    pub reserved: u8,
    /// PropertyValues (NoOfProperties is their number, 2 or 4 bytes by form).
    pub property_values: Vec<TaggedPropertyValue<'a>>,
}

/// The ActionData of an ActionBlock ([MS-OXORULE] 2.2.5.1.2), by ActionType.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum ActionData<'a> {
    /// OP_MOVE, OP_COPY (2.2.5.1.2.1).
    MoveCopy(MoveCopyAction<'a>),
    /// OP_REPLY, OP_OOF_REPLY (2.2.5.1.2.2).
    Reply(ReplyAction<'a>),
    /// OP_DEFER_ACTION (2.2.5.1.2.3): data only the client understands, to the end of the
    /// ActionBlock.
    DeferredAction(Cow<'a, [u8]>),
    /// OP_BOUNCE (2.2.5.1.2.5): BounceCode.
    Bounce(u32),
    /// OP_FORWARD, OP_DELEGATE (2.2.5.1.2.4): RecipientBlocks (RecipientCount is their
    /// number, 2 or 4 bytes by form).
    ForwardDelegate(Vec<RecipientBlock<'a>>),
    /// OP_TAG (2.2.5.1.2.6): the property to set.
    Tag(TaggedPropertyValue<'a>),
    /// OP_DELETE, OP_MARK_AS_READ (2.2.5.1.2.7): no ActionData.
    None,
    /// An ActionType the spec does not define: the bytes to the end of the ActionBlock.
    Unknown(Cow<'a, [u8]>),
}

/// [MS-OXORULE] 2.2.5.1 ActionBlock (ActionLength is computed).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
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
pub struct RuleActions<'a> {
    /// ActionBlocks.
    pub actions: Vec<ActionBlock<'a>>,
}

/// ActionType, ActionFlavor and ActionFlags: the fixed part of an ActionBlock after ActionLength.
const BLOCK_HEADER: usize = 9;

impl<'a> RuleActions<'a> {
    /// Decodes a RuleAction of `form` that fills `bytes` exactly, with the default limits.
    pub fn decode(bytes: &'a [u8], form: RuleForm) -> Result<Self, DecodeError> {
        Self::decode_with_exact(bytes, form, Limits::DEFAULT)
    }
}

/// Decodes a RuleAction of `form` inside `depth` enclosing restrictions / rule actions.
pub(crate) fn decode_rule_actions<'a>(
    r: &mut Reader<'a>,
    form: RuleForm,
    depth: u32,
) -> Result<RuleActions<'a>, DecodeError> {
    let max = r.limits().max_restriction_depth;
    if depth >= max {
        return Err(r.error(ErrorKind::LimitExceeded {
            limit: "max_restriction_depth",
            value: u64::from(depth) + 1,
            max: max.into(),
        }));
    }
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
                message_eid: counted(s, width).field("ReplyTemplateMessageEID")?,
                template_guid: Guid::decode_from(s).field("ReplyTemplateGUID")?,
            },
        }),
        ActionType::OP_DEFER_ACTION => ActionData::DeferredAction(Cow::Borrowed(s.take_rest())),
        ActionType::OP_BOUNCE => ActionData::Bounce(s.u32().field("BounceCode")?),
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
            let store_eid = counted(s, CountWidth::U16).field("StoreEID")?;
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
            store_eid: counted(s, CountWidth::U32).field("StoreEID")?,
            folder_eid: counted(s, CountWidth::U32).field("FolderEID")?,
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
    let mut property_values = Vec::with_capacity(n);
    for i in 0..n {
        property_values.push(
            decode_tagged(s, width, depth)
                .index(i)
                .field("PropertyValues")?,
        );
    }
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
            ActionData::MoveCopy(m) => {
                matches!(ty, T::OP_MOVE | T::OP_COPY)
                    && matches!(
                        (m, form),
                        (MoveCopyAction::Standard { .. }, RuleForm::Standard)
                            | (MoveCopyAction::Extended { .. }, RuleForm::Extended)
                    )
            }
            ActionData::Reply(x) => {
                matches!(ty, T::OP_REPLY | T::OP_OOF_REPLY)
                    && matches!(
                        (x, form),
                        (ReplyAction::Standard { .. }, RuleForm::Standard)
                            | (ReplyAction::Extended { .. }, RuleForm::Extended)
                    )
            }
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
                    .map(|b| {
                        1 + w
                            + b.property_values
                                .iter()
                                .map(|p| p.encoded_len_with(form.width()))
                                .sum::<usize>()
                    })
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
                for b in v {
                    b.reserved.encode(out)?;
                    put_count(out, width, b.property_values.len(), "NoOfProperties")?;
                    for p in &b.property_values {
                        p.encode_with(width, out)?;
                    }
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
            .field("ActionFlavor", hex32(self.action_flavor))
            .field("ActionFlags", hex32(self.action_flags));
        match &self.action_data {
            ActionData::None => t,
            d => t.field("ActionData", data_tree(d)),
        }
    }
}

fn bounce_name(code: u32) -> Option<&'static str> {
    match code {
        0x0000_000D => Some("message too large"),
        0x0000_001F => Some("message cannot be displayed"),
        0x0000_0026 => Some("delivery denied"),
        _ => None,
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
        ActionData::Bounce(c) => Tree::record().field(
            "BounceCode",
            Tree::Named {
                value: (*c).into(),
                name: bounce_name(*c).map(Cow::Borrowed),
                digits: 8,
            },
        ),
        ActionData::ForwardDelegate(v) => Tree::record()
            .field("RecipientCount", len_tree(v.len()))
            .field(
                "RecipientBlocks",
                Tree::List(
                    v.iter()
                        .map(|b| {
                            Tree::record()
                                .field("Reserved", Tree::UInt(b.reserved.into()))
                                .field("NoOfProperties", len_tree(b.property_values.len()))
                                .field(
                                    "PropertyValues",
                                    Tree::List(
                                        b.property_values.iter().map(ToTree::to_tree).collect(),
                                    ),
                                )
                        })
                        .collect(),
                ),
            ),
        ActionData::Tag(t) => t.to_tree(),
        ActionData::None => Tree::record(),
        ActionData::Unknown(b) => Tree::Bytes(b.to_vec()),
    }
}

impl RuleActions<'_> {
    /// The tree of the actions in `form` (ActionLength values depend on it).
    pub fn tree_with(&self, form: RuleForm) -> Tree {
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
    if let Ok(a) = RuleActions::decode(bytes, RuleForm::Standard) {
        return a.tree_with(RuleForm::Standard);
    }
    match RuleActions::decode(bytes, RuleForm::Extended) {
        Ok(a) => {
            let mut t = Tree::record().field("Form", Tree::Text("extended".into()));
            if let (Tree::Struct(f), Tree::Struct(g)) = (&mut t, a.tree_with(RuleForm::Extended)) {
                f.extend(g);
            }
            t
        }
        Err(_) => Tree::Bytes(bytes.to_vec()),
    }
}

/// [MS-OXORULE] 2.2.1.3 RuleData: one rule to add, modify or remove (RopModifyRules).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct RuleData<'a> {
    /// RuleDataFlags: ROW_ADD 0x01, ROW_MODIFY 0x02, ROW_REMOVE 0x04.
    pub rule_data_flags: u8,
    /// PropertyValues (PropertyValueCount is their number, 2 bytes), with the 2-byte counts
    /// of ROP buffers.
    pub property_values: Vec<TaggedPropertyValue<'a>>,
}

/// The name of a RuleDataFlags value.
fn rule_data_flags_name(v: u8) -> Option<&'static str> {
    match v {
        0x01 => Some("ROW_ADD"),
        0x02 => Some("ROW_MODIFY"),
        0x04 => Some("ROW_REMOVE"),
        _ => None,
    }
}

impl<'a> Decode<'a> for RuleData<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let rule_data_flags = r.u8().field("RuleDataFlags")?;
        let n = r.count(CountWidth::U16, 4).field("PropertyValueCount")?;
        let mut property_values = Vec::with_capacity(n);
        for i in 0..n {
            property_values.push(
                decode_tagged(r, CountWidth::U16, 0)
                    .index(i)
                    .field("PropertyValues")?,
            );
        }
        Ok(RuleData {
            rule_data_flags,
            property_values,
        })
    }
}

impl Encode for RuleData<'_> {
    fn encoded_len(&self) -> usize {
        3 + self
            .property_values
            .iter()
            .map(|p| p.encoded_len_with(CountWidth::U16))
            .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.rule_data_flags.encode(out)?;
        u16_len(self.property_values.len(), "PropertyValueCount")?.encode(out)?;
        for p in &self.property_values {
            p.encode_with(CountWidth::U16, out)?;
        }
        Ok(())
    }
}

impl ToTree for RuleData<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field(
                "RuleDataFlags",
                Tree::named(
                    self.rule_data_flags,
                    rule_data_flags_name(self.rule_data_flags),
                ),
            )
            .field("PropertyValueCount", len_tree(self.property_values.len()))
            .field(
                "PropertyValues",
                Tree::List(self.property_values.iter().map(ToTree::to_tree).collect()),
            )
    }
}

/// [MS-OXORULE] 2.2.4.2 NamedPropertyInformation: the named properties (ID ≥ 0x8000) used by
/// the extended-rule structure that follows. With no names it is the 2-byte value 0x0000.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct NamedPropertyInformation<'a> {
    /// PropIds (NoOfNamedProps is their number): 2-byte property IDs, one per name.
    pub prop_ids: Vec<u16>,
    /// NamedProperties (NamedPropertiesSize is their total size), in the order of PropIds.
    pub named_properties: Vec<PropertyName<'a>>,
}

impl<'a> Decode<'a> for NamedPropertyInformation<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        // Each named property takes a 2-byte ID and at least a 17-byte PropertyName.
        let n = r.count(CountWidth::U16, 2 + 17).field("NoOfNamedProps")?;
        if n == 0 {
            return Ok(NamedPropertyInformation::default());
        }
        let mut prop_ids = Vec::with_capacity(n);
        for i in 0..n {
            prop_ids.push(r.u16().index(i).field("PropIds")?);
        }
        let size = r.u32().field("NamedPropertiesSize")?;
        let mut s = r
            .sub(usize::try_from(size).unwrap_or(usize::MAX))
            .field("NamedPropertiesSize")?;
        let mut named_properties = Vec::with_capacity(n);
        for i in 0..n {
            named_properties.push(
                PropertyName::decode_from(&mut s)
                    .index(i)
                    .field("NamedProperties")?,
            );
        }
        s.finish().field("NamedProperties")?;
        Ok(NamedPropertyInformation {
            prop_ids,
            named_properties,
        })
    }
}

impl NamedPropertyInformation<'_> {
    fn names_len(&self) -> usize {
        self.named_properties
            .iter()
            .map(Encode::encoded_len)
            .sum::<usize>()
    }
}

impl Encode for NamedPropertyInformation<'_> {
    fn encoded_len(&self) -> usize {
        if self.prop_ids.is_empty() && self.named_properties.is_empty() {
            2
        } else {
            2 + 2 * self.prop_ids.len() + 4 + self.names_len()
        }
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if self.prop_ids.len() != self.named_properties.len() {
            return Err(EncodeError::invalid(
                "NamedPropertyInformation needs one PropId per named property",
            ));
        }
        u16_len(self.prop_ids.len(), "NoOfNamedProps")?.encode(out)?;
        if self.prop_ids.is_empty() {
            return Ok(());
        }
        for id in &self.prop_ids {
            id.encode(out)?;
        }
        u32_len(self.names_len(), "NamedPropertiesSize")?.encode(out)?;
        for p in &self.named_properties {
            p.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for NamedPropertyInformation<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field("NoOfNamedProps", len_tree(self.prop_ids.len()));
        if self.prop_ids.is_empty() {
            return t;
        }
        t.field(
            "PropIds",
            Tree::List(
                self.prop_ids
                    .iter()
                    .map(|id| Tree::Named {
                        value: (*id).into(),
                        name: None,
                        digits: 4,
                    })
                    .collect(),
            ),
        )
        .field("NamedPropertiesSize", len_tree(self.names_len()))
        .field(
            "NamedProperties",
            Tree::List(self.named_properties.iter().map(ToTree::to_tree).collect()),
        )
    }
}

/// [MS-OXORULE] 2.2.4.1.9 PidTagExtendedRuleMessageActions: NamedPropertyInformation,
/// RuleVersion, then the RuleActionsBuffer (a RuleAction in the extended form).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ExtendedRuleActions<'a> {
    /// NamedPropertyInformation.
    pub named_property_information: NamedPropertyInformation<'a>,
    /// RuleVersion: 0x00000001 for the version the spec defines.
    pub rule_version: u32,
    /// RuleActionsBuffer.
    pub actions: RuleActions<'a>,
}

impl<'a> Decode<'a> for ExtendedRuleActions<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(ExtendedRuleActions {
            named_property_information: NamedPropertyInformation::decode_from(r)
                .field("NamedPropertyInformation")?,
            rule_version: r.u32().field("RuleVersion")?,
            actions: decode_rule_actions(r, RuleForm::Extended, 0).field("RuleActionsBuffer")?,
        })
    }
}

impl Encode for ExtendedRuleActions<'_> {
    fn encoded_len(&self) -> usize {
        self.named_property_information.encoded_len()
            + 4
            + self.actions.encoded_len_with(RuleForm::Extended)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.named_property_information.encode(out)?;
        self.rule_version.encode(out)?;
        self.actions.encode_with(RuleForm::Extended, out)
    }
}

impl ToTree for ExtendedRuleActions<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field(
                "NamedPropertyInformation",
                self.named_property_information.to_tree(),
            )
            .field("RuleVersion", Tree::UInt(self.rule_version.into()))
            .field(
                "RuleActionsBuffer",
                self.actions.tree_with(RuleForm::Extended),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::PropTag;

    fn round_trip(bytes: &[u8], form: RuleForm) -> RuleActions<'_> {
        let a = RuleActions::decode(bytes, form).unwrap();
        assert_eq!(a.to_bytes_with(form).unwrap(), bytes);
        for n in 0..bytes.len() {
            assert!(
                RuleActions::decode(&bytes[..n], form).is_err(),
                "prefix {n}"
            );
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
        let e = RuleActions::decode(&b, RuleForm::Standard).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("trailing-bytes", 17));
        // ActionLength past the end: truncated at the block.
        let b = [0x01, 0x00, 0x20, 0x00, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0];
        let e = RuleActions::decode(&b, RuleForm::Standard).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("truncated", 4));
    }

    #[test]
    fn counts_are_checked_before_allocating() {
        let e = RuleActions::decode(&[0xFF, 0xFF, 0, 0], RuleForm::Standard).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("count-too-large", 0));
        // RecipientCount 0xFFFF inside a 12-byte OP_FORWARD.
        let b = [
            0x01, 0x00, 0x0B, 0x00, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF,
        ];
        let e = RuleActions::decode(&b, RuleForm::Standard).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("count-too-large", 13));
    }

    #[test]
    fn folder_in_this_store_needs_a_server_eid() {
        // FolderInThisStore 1, StoreEID 1 byte, FolderEID 1 byte (Ours 2): not a ServerEid.
        let b = [
            0x01, 0x00, 0x10, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x01, 0x00, 0x00, 0x01,
            0x00, 0x02,
        ];
        assert!(RuleActions::decode(&b, RuleForm::Standard).is_err());
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
        assert!(RuleActions::decode(&b, RuleForm::Standard).is_err());
        // The tree of the bytes as a PtypRuleAction value falls back to the extended form.
        let text = rule_action_value_tree(&b).to_text();
        assert!(text.contains("Form: \"extended\""), "{text}");
    }

    #[test]
    fn empty_named_property_information_is_two_bytes() {
        let b = [0x00, 0x00, 1, 0, 0, 0, 0, 0, 0, 0];
        let x = ExtendedRuleActions::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert!(x.named_property_information.prop_ids.is_empty());
        assert_eq!(x.rule_version, 1);
        assert_eq!(x.to_bytes().unwrap(), b);
    }
}
