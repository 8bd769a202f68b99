//! [MS-OXCDATA] structures: property types and tags, property values, rows, restrictions,
//! sort orders, property names and ids.

#[cfg(feature = "arbitrary")]
mod arbitrary;
mod ids;
mod name;
mod names;
mod prop;
mod restriction;
mod row;
pub mod rule;
mod sort;
mod value;

pub use ids::{FolderId, GlobalCounter, LongTermId, MessageId, ServerId};
pub use name::{PropertyName, PropertyNameKind};
pub use names::{error_code_name, property_name, ERROR_CODES, PROPERTY_IDS};
pub use prop::{PropTag, PropType};
pub use restriction::{BitmapRelOp, RelOp, Restriction};
pub(crate) use row::check_cells;
pub use row::{
    PropertyProblem, PropertyProblemArray, PropertyRow, PropertyRowSet, PropertyTagArray, RowValue,
};
pub use rule::{
    ActionBlock, ActionData, ActionType, ExtendedRuleActions, FolderEid, MoveCopyAction,
    NamedPropertyInformation, RecipientBlock, ReplyAction, RuleActions, RuleData, RuleForm,
};
pub use sort::{SortOrder, SortOrderFlag, SortOrderSet};
pub(crate) use value::decode_cell_value;
pub use value::{
    Flagged, FlaggedPropertyValue, FlaggedPropertyValueWithType, PropertyValue,
    TaggedPropertyValue, TypedPropertyValue, TypedString,
};
