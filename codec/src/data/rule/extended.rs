//! The extended-rule structures of [MS-OXORULE] 2.2.4: NamedPropertyInformation (2.2.4.2) and
//! the value of PidTagExtendedRuleMessageActions (2.2.4.1.9).

use bytes::BufMut;

use super::action::extended_actions_tree;
use super::{len_tree, RuleActions, RuleForm};
use crate::data::name::PropertyName;
use crate::tree::{hex16, ToTree, Tree};
use crate::wire::{
    u16_len, u32_len, wire_struct, CountWidth, Decode, DecodeError, Encode, EncodeError, Reader,
    ResultExt,
};

/// [MS-OXORULE] 2.2.4.2 NamedPropertyInformation: the named properties (ID ≥ 0x8000) used by
/// the extended-rule structure that follows. With no names it is the 2-byte value 0x0000.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
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
            Tree::List(self.prop_ids.iter().map(hex16).collect()),
        )
        .field("NamedPropertiesSize", len_tree(self.names_len()))
        .field("NamedProperties", self.named_properties.to_tree())
    }
}

wire_struct! {
    /// [MS-OXORULE] 2.2.4.1.9 PidTagExtendedRuleMessageActions: NamedPropertyInformation,
    /// RuleVersion, then the RuleActionsBuffer (a RuleAction in the extended form).
    pub struct ExtendedRuleActions<'a> {
        /// NamedPropertyInformation.
        named_property_information: NamedPropertyInformation<'a> => "NamedPropertyInformation",
        /// RuleVersion: 0x00000001 for the version the spec defines.
        rule_version: u32 => "RuleVersion",
        /// RuleActionsBuffer.
        actions: RuleActions<'a> => "RuleActionsBuffer" as extended_actions_tree
            { with() RuleForm::Extended },
    }
}

crate::wire::owned_impl!(struct NamedPropertyInformation { prop_ids, named_properties });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Limits;

    #[test]
    fn empty_named_property_information_is_two_bytes() {
        let b = [0x00, 0x00, 1, 0, 0, 0, 0, 0, 0, 0];
        let x = ExtendedRuleActions::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert!(x.named_property_information.prop_ids.is_empty());
        assert_eq!(x.rule_version, 1);
        assert_eq!(x.to_bytes().unwrap(), b);
    }
}
