//! The NSPI (address book) layer of MAPI over HTTP: the [MS-OXNSPI] structures (STAT,
//! MinimalEntryID, string and entry-ID arrays), the address-book property structures of
//! [MS-OXCMAPIHTTP] 2.2.1, and the request and response bodies of [MS-OXCMAPIHTTP] 2.2.5.
//!
//! Each body is a type of its own (`QueryRowsRequest`, `ResponseBody<QueryRowsResponse>`);
//! [`NspiBody`] holds any of them and decodes by its kind (the X-RequestType and the
//! direction, a [`BodyKind`](crate::http::headers::BodyKind)).
//!
//! 8-bit strings (PtypString8 values, DNs) keep their wire bytes; trees show them in the code
//! page the body names (a STAT's CodePage or a response's CodePage field), else in the one the
//! caller passes to `ToTreeWith<CodePage>` (the request's STAT.CodePage), else Windows-1252.

mod body;

mod field;
mod stat;
mod value;

pub use body::*;
pub use field::{AuxiliaryBuffer, CodePage, Has};
pub use stat::{
    EntryIdArray, EntryIdBytes, LargePropertyTagArray, MidArray, MinimalEntryId, NspiPropertyName,
    SortType, Stat, StringArray, WStringArray,
};

pub use crate::http::headers::Direction;
pub use value::{
    has_value_field, AbRowValue, AbRowValues, AddressBookFlaggedPropertyValue,
    AddressBookFlaggedPropertyValueWithType, AddressBookPropertyRow, AddressBookPropertyValue,
    AddressBookPropertyValueList, AddressBookTaggedPropertyValue, AddressBookTypedPropertyValue,
    ColumnsAndRows, PropertyValueLists,
};

#[cfg(test)]
mod tests;
