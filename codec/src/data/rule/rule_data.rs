//! [MS-OXORULE] 2.2.1.3 RuleData: one rule of RopModifyRules.

use bytes::BufMut;

use super::len_tree;
use crate::data::value::{
    decode_tagged_values, put_tagged_values, tagged_values_len, TaggedPropertyValue,
};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    named_code, u16_len, CountWidth, Decode, DecodeError, Encode, EncodeError, Reader, ResultExt,
};

named_code! {
    /// The RuleDataFlags of a [`RuleData`] ([MS-OXORULE] 2.2.1.3.1): what to do with the rule.
    pub struct RuleDataFlags(u8);
    /// ROW_ADD: adds the rule.
    ROW_ADD = 0x01 => "ROW_ADD",
    /// ROW_MODIFY: modifies the rule.
    ROW_MODIFY = 0x02 => "ROW_MODIFY",
    /// ROW_REMOVE: removes the rule.
    ROW_REMOVE = 0x04 => "ROW_REMOVE",
}

/// [MS-OXORULE] 2.2.1.3 RuleData: one rule to add, modify or remove (RopModifyRules).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct RuleData<'a> {
    /// RuleDataFlags: ROW_ADD 0x01, ROW_MODIFY 0x02, ROW_REMOVE 0x04.
    pub rule_data_flags: RuleDataFlags,
    /// PropertyValues (PropertyValueCount is their number, 2 bytes), with the 2-byte counts
    /// of ROP buffers.
    pub property_values: Vec<TaggedPropertyValue<'a>>,
}

impl<'a> Decode<'a> for RuleData<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let rule_data_flags = RuleDataFlags::decode_from(r).field("RuleDataFlags")?;
        let n = r.count(CountWidth::U16, 4).field("PropertyValueCount")?;
        let property_values =
            decode_tagged_values(r, n, CountWidth::U16, 0).field("PropertyValues")?;
        Ok(RuleData {
            rule_data_flags,
            property_values,
        })
    }
}

impl Encode for RuleData<'_> {
    fn encoded_len(&self) -> usize {
        3 + tagged_values_len(&self.property_values, CountWidth::U16)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.rule_data_flags.encode(out)?;
        u16_len(self.property_values.len(), "PropertyValueCount")?.encode(out)?;
        put_tagged_values(out, &self.property_values, CountWidth::U16).field("PropertyValues")
    }
}

impl ToTree for RuleData<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("RuleDataFlags", self.rule_data_flags.to_tree())
            .field("PropertyValueCount", len_tree(self.property_values.len()))
            .field("PropertyValues", self.property_values.to_tree())
    }
}

crate::wire::owned_impl!(struct RuleData { rule_data_flags, property_values });
