//! Sort orders ([MS-OXCDATA] 2.13): one sort key, and the set of keys a table is sorted and
//! categorized by.

use bytes::BufMut;

use super::prop::{PropTag, PropType};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    named_code, u16_len, wire_struct, CountWidth, Decode, DecodeError, Encode, EncodeError, Reader,
    ResultExt,
};

named_code! {
    /// The Order byte of a [`SortOrder`] ([MS-OXCDATA] 2.13.1), an open code.
    pub struct SortOrderFlag(u8);
    /// TABLE_SORT_ASCEND: ascending.
    ASCEND = 0x00 => "TABLE_SORT_ASCEND",
    /// TABLE_SORT_DESCEND: descending.
    DESCEND = 0x01 => "TABLE_SORT_DESCEND",
    /// TABLE_SORT_MAXIMUM_CATEGORY: sort categories by the maximum of this column in them.
    MAXIMUM_CATEGORY = 0x04 => "TABLE_SORT_MAXIMUM_CATEGORY",
    /// TABLE_SORT_MINIMUM_CATEGORY: sort categories by the minimum of this column in them.
    MINIMUM_CATEGORY = 0x08 => "TABLE_SORT_MINIMUM_CATEGORY",
}

wire_struct! {
    /// [MS-OXCDATA] 2.13.1 SortOrder: PropertyType (2 bytes), PropertyId (2 bytes), Order (1
    /// byte). The type comes first on the wire, unlike in a property tag.
    #[derive(Copy, Eq, Hash)]
    pub struct SortOrder {
        /// PropertyType: the column's type (a multivalued type may carry the
        /// MultivalueInstance bit 0x2000, so it is kept as read).
        prop_type: PropType => "PropertyType",
        /// PropertyId: the column's property id.
        prop_id: u16 => "PropertyId" as crate::tree::hex,
        /// Order: the direction, or how categories are ordered.
        order: SortOrderFlag => "Order",
    }
}

impl SortOrder {
    /// The column's property tag.
    pub fn prop_tag(&self) -> PropTag {
        PropTag::new(self.prop_id, self.prop_type)
    }
}

/// [MS-OXCDATA] 2.13.2 SortOrderSet: SortOrderCount, CategorizedCount, ExpandedCount (2 bytes
/// each), then SortOrders. The first CategorizedCount sort orders are category columns, so
/// CategorizedCount ≤ SortOrderCount; ExpandedCount counts the categories that start expanded,
/// so ExpandedCount ≤ CategorizedCount. Both are checked when decoding and when encoding.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct SortOrderSet {
    /// CategorizedCount: how many of the leading sort orders are categories.
    pub categorized_count: u16,
    /// ExpandedCount: how many of the categories start expanded.
    pub expanded_count: u16,
    /// SortOrders (SortOrderCount is their number).
    pub sort_orders: Vec<SortOrder>,
}

impl SortOrderSet {
    /// Checks the two counts against each other and the number of sort orders.
    fn check(&self) -> Result<u16, EncodeError> {
        let n = u16_len(self.sort_orders.len(), "SortOrderCount")?;
        if self.categorized_count > n {
            return Err(EncodeError::invalid(
                "CategorizedCount is larger than SortOrderCount",
            ));
        }
        if self.expanded_count > self.categorized_count {
            return Err(EncodeError::invalid(
                "ExpandedCount is larger than CategorizedCount",
            ));
        }
        Ok(n)
    }
}

impl<'a> Decode<'a> for SortOrderSet {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at_count = r.offset();
        let count = r.u16().field("SortOrderCount")?;
        let at = r.offset();
        let categorized_count = r.u16().field("CategorizedCount")?;
        if categorized_count > count {
            return Err(r.invalid_at(
                at,
                "CategorizedCount is larger than SortOrderCount",
                categorized_count.into(),
            ))
            .field("CategorizedCount");
        }
        let at = r.offset();
        let expanded_count = r.u16().field("ExpandedCount")?;
        if expanded_count > categorized_count {
            return Err(r.invalid_at(
                at,
                "ExpandedCount is larger than CategorizedCount",
                expanded_count.into(),
            ))
            .field("ExpandedCount");
        }
        let n = r
            .check_count(at_count, count.into(), 5)
            .field("SortOrderCount")?;
        let mut sort_orders = Vec::with_capacity(n);
        for i in 0..n {
            sort_orders.push(SortOrder::decode_from(r).index(i).field("SortOrders")?);
        }
        Ok(SortOrderSet {
            categorized_count,
            expanded_count,
            sort_orders,
        })
    }
}

impl Encode for SortOrderSet {
    fn encoded_len(&self) -> usize {
        3 * CountWidth::U16.size() + 5 * self.sort_orders.len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        let n = self.check()?;
        n.encode(out)?;
        self.categorized_count.encode(out)?;
        self.expanded_count.encode(out)?;
        for s in &self.sort_orders {
            s.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for SortOrderSet {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("SortOrderCount", Tree::UInt(self.sort_orders.len() as u64))
            .field(
                "CategorizedCount",
                Tree::UInt(self.categorized_count.into()),
            )
            .field("ExpandedCount", Tree::UInt(self.expanded_count.into()))
            .field(
                "SortOrders",
                Tree::List(self.sort_orders.iter().map(ToTree::to_tree).collect()),
            )
    }
}

crate::wire::owned_as_self!(SortOrderSet);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Limits;

    /// Two sort orders, one category, expanded: by PidTagConversationTopic (0x0070, PtypString)
    /// with the maximum delivery time of each category, then by delivery time descending.
    fn example() -> Vec<u8> {
        vec![
            0x02, 0x00, // SortOrderCount
            0x01, 0x00, // CategorizedCount
            0x01, 0x00, // ExpandedCount
            0x1F, 0x00, 0x70, 0x00, 0x00, // PtypString, 0x0070, TABLE_SORT_ASCEND
            0x40, 0x00, 0x06, 0x0E, 0x04, // PtypTime, 0x0E06, TABLE_SORT_MAXIMUM_CATEGORY
        ]
    }

    #[test]
    fn by_hand() {
        let b = example();
        let s = SortOrderSet::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert_eq!(s.categorized_count, 1);
        assert_eq!(s.expanded_count, 1);
        assert_eq!(s.sort_orders.len(), 2);
        assert_eq!(s.sort_orders[0].prop_type, PropType::STRING);
        assert_eq!(s.sort_orders[0].prop_id, 0x0070);
        assert_eq!(s.sort_orders[0].order, SortOrderFlag::ASCEND);
        assert_eq!(s.sort_orders[1].prop_tag(), PropTag::MESSAGE_DELIVERY_TIME);
        assert_eq!(s.sort_orders[1].order, SortOrderFlag::MAXIMUM_CATEGORY);
        assert_eq!(s.encoded_len(), b.len());
        assert_eq!(s.to_bytes().unwrap(), b);
        let t = s.to_tree().to_text();
        assert!(t.contains("TABLE_SORT_MAXIMUM_CATEGORY"), "{t}");
    }

    #[test]
    fn prefixes_fail() {
        let b = example();
        for n in 0..b.len() {
            assert!(SortOrderSet::decode(&b[..n]).is_err(), "prefix {n}");
        }
    }

    #[test]
    fn larger_counts_fail() {
        // SortOrderCount 3 with two sort orders left: refused before allocating.
        let mut b = example();
        b[0] = 3;
        let e = SortOrderSet::decode(&b).unwrap_err();
        assert_eq!(e.kind().name(), "count-too-large");
        assert_eq!(e.offset(), 0);
        assert_eq!(e.path_string(), "SortOrderCount");
        b[0] = 0xFF;
        b[1] = 0xFF;
        assert!(SortOrderSet::decode(&b).is_err());

        // CategorizedCount above SortOrderCount.
        let mut b = example();
        b[2] = 3;
        let e = SortOrderSet::decode(&b).unwrap_err();
        assert_eq!(e.kind().name(), "invalid-value");
        assert_eq!(e.offset(), 2);
        assert_eq!(e.path_string(), "CategorizedCount");

        // ExpandedCount above CategorizedCount.
        let mut b = example();
        b[4] = 2;
        let e = SortOrderSet::decode(&b).unwrap_err();
        assert_eq!(e.offset(), 4);
        assert_eq!(e.path_string(), "ExpandedCount");
    }

    #[test]
    fn encode_checks_counts() {
        let b = example();
        let mut s = SortOrderSet::decode_exact(&b, Limits::DEFAULT).unwrap();
        s.expanded_count = 2;
        assert!(matches!(
            s.to_bytes().map_err(|e| e.kind().clone()),
            Err(crate::wire::EncodeErrorKind::InvalidValue { .. })
        ));
        s.expanded_count = 0;
        s.categorized_count = 3;
        assert!(matches!(
            s.to_bytes().map_err(|e| e.kind().clone()),
            Err(crate::wire::EncodeErrorKind::InvalidValue { .. })
        ));
    }

    #[test]
    fn empty_set() {
        let b = [0u8; 6];
        let s = SortOrderSet::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert_eq!(s, SortOrderSet::default());
        assert_eq!(s.to_bytes().unwrap(), b);
    }

    #[test]
    fn flag_names() {
        assert_eq!(
            SortOrderFlag(0x08).name(),
            Some("TABLE_SORT_MINIMUM_CATEGORY")
        );
        assert_eq!(SortOrderFlag(0x02).name(), None);
        assert_eq!(format!("{:?}", SortOrderFlag(0x02)), "SortOrderFlag(0x02)");
    }
}
