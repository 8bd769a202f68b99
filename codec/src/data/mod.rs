//! [MS-OXCDATA] structures: property types and tags, property values, rows, restrictions,
//! sort orders, property names and ids.

mod names;
mod prop;
mod restriction;
mod value;

pub use names::{error_code_name, property_name};
pub use prop::{PropTag, PropType};
pub use restriction::{BitmapRelOp, RelOp, Restriction};
pub use value::{
    Flagged, FlaggedPropertyValue, FlaggedPropertyValueWithType, PropertyValue,
    TaggedPropertyValue, TypedPropertyValue, TypedString,
};
