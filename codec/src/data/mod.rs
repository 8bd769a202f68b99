//! [MS-OXCDATA] structures: property types and tags, property values, rows, restrictions,
//! sort orders, property names and ids, recipient rows.

#[cfg(feature = "arbitrary")]
mod arbitrary;
mod ids;
pub(crate) mod lazy_cells;
mod multi_value;
mod name;
mod names;
mod prop;
mod prop_tags;
mod recipient;
mod restriction;
mod row;
pub mod rule;
mod sort;
mod tags;
mod typed_string;
mod value;

pub use ids::{FolderId, GlobalCounter, LongTermId, MessageId, ServerId, ServerIdOurs};
pub use multi_value::{MultiValue, MultiValueElement, MultiValueIter};
pub use name::{NameKind, PropertyName, PropertyNameKind};
pub use names::{error_code_name, property_name, ErrorCode, ERROR_CODES, PROPERTY_IDS};
pub use prop::{PropTag, PropType};
pub use prop_tags::PropTags;
#[cfg(test)]
pub(crate) use recipient::tests::smtp_row;
pub(crate) use recipient::CellBudget;
pub use recipient::{
    DistributionListFields, RecipientAddressType, RecipientProperties, RecipientRow,
    RecipientRowCtx, RecipientString, X500Fields, RECIPIENT_FLAGS_RESERVED, RECIPIENT_FLAG_D,
    RECIPIENT_FLAG_E, RECIPIENT_FLAG_I, RECIPIENT_FLAG_N, RECIPIENT_FLAG_O, RECIPIENT_FLAG_R,
    RECIPIENT_FLAG_S, RECIPIENT_FLAG_T, RECIPIENT_FLAG_U, RECIPIENT_TYPE_MASK,
    RECIPIENT_TYPE_NO_TYPE, RECIPIENT_TYPE_PDL1, RECIPIENT_TYPE_PDL2, RECIPIENT_TYPE_X500DN,
};
pub use restriction::{BitmapRelOp, RelOp, RestrictType, Restriction};
pub(crate) use row::check_cells;
pub use row::{
    PropertyProblem, PropertyProblemArray, PropertyRow, PropertyRowFlag, PropertyRowSet,
    PropertyTagArray, RowValue, RowValues,
};
pub use rule::{
    ActionBlock, ActionData, ActionType, BounceCode, ExtendedRuleActions, FolderEid,
    MoveCopyAction, NamedPropertyInformation, RecipientBlock, ReplyAction, RuleActions, RuleData,
    RuleDataFlags, RuleForm,
};
pub use sort::{SortOrder, SortOrderFlag, SortOrderSet};
pub use tags::PROPERTY_TAGS;
pub use typed_string::{StringType, TypedString};
pub(crate) use value::{decode_cell_value, skip_cell_value, skip_flagged};
pub use value::{
    Flagged, FlaggedPropertyValue, FlaggedPropertyValueWithType, PropertyValue,
    TaggedPropertyValue, TypedPropertyValue, ValueFlag,
};
