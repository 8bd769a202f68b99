//! Rule data of [MS-OXORULE] 2.2, one file per section: the RuleData of RopModifyRules
//! (2.2.1.3, `rule_data.rs`), the extended-rule structures (2.2.4: NamedPropertyInformation
//! and PidTagExtendedRuleMessageActions, `extended.rs`), and the RuleAction structure (2.2.5,
//! `action.rs`) with its ActionBlocks and the ActionData of every action type, in both forms:
//! the standard form (2-byte counts and lengths; PtypRuleAction values in ROP buffers,
//! PidTagClientActions) and the extended form (4-byte counts and lengths; the
//! RuleActionsBuffer of PidTagExtendedRuleMessageActions, 2.2.4.1.9, after a
//! NamedPropertyInformation).
//!
//! A PtypRuleAction value ([`PropertyValue::RuleAction`](super::PropertyValue)) keeps its wire
//! bytes; [`RuleActions`] decodes them with [`DecodeWith<RuleForm>`](crate::wire::DecodeWith),
//! and the value's tree shows the decoded actions.

mod action;
mod extended;
mod rule_data;

pub(crate) use action::{decode_rule_actions, rule_action_value_tree};
pub use action::{
    ActionBlock, ActionData, ActionType, BounceCode, FolderEid, MoveCopyAction, RecipientBlock,
    ReplyAction, RuleActions,
};
pub use extended::{ExtendedRuleActions, NamedPropertyInformation};
pub use rule_data::{RuleData, RuleDataFlags};

use crate::tree::Tree;
use crate::wire::CountWidth;

/// Which of the two layouts of [MS-OXORULE] 2.2.5 a RuleAction has: the context its
/// [`RuleActions`] decode and encode with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

/// The tree of a count or size the encoder computes.
fn len_tree(n: usize) -> Tree {
    Tree::UInt(n as u64)
}
