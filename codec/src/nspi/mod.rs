//! The NSPI (address book) layer of MAPI over HTTP: the [MS-OXNSPI] structures (STAT,
//! MinimalEntryID, string and entry-ID arrays), the address-book property structures of
//! [MS-OXCMAPIHTTP] 2.2.1, and the request and response bodies of [MS-OXCMAPIHTTP] 2.2.5.
//!
//! Pick a body by its X-RequestType with [`decode_body`]:
//!
//! ```
//! use mapi_codec::nspi::{decode_body, Direction, NspiBody};
//! use mapi_codec::wire::{Encode, Limits};
//!
//! // An Unbind request: Reserved 0, AuxiliaryBufferSize 0.
//! let bytes = [0u8; 8];
//! let body = decode_body("Unbind", Direction::Request, &bytes, Limits::DEFAULT)
//!     .expect("an NSPI request type")
//!     .unwrap();
//! assert!(matches!(body, NspiBody::UnbindRequest(_)));
//! assert_eq!(body.to_bytes().unwrap(), bytes);
//! ```
//!
//! 8-bit strings (PtypString8 values, DNs) keep their wire bytes; trees show them in the code
//! page the body names (a STAT's CodePage or a response's CodePage field), else in the one the
//! caller passes to `to_tree_with_code_page` (the request's STAT.CodePage), else Windows-1252.

mod body;

mod field;
mod stat;
mod value;

pub use body::*;
pub use field::{AuxiliaryBuffer, CodePage, Has};
pub use stat::{
    EntryIdArray, EntryIdBytes, MidArray, MinimalEntryId, NspiPropertyName, Stat, StringArray,
    WStringArray,
};
pub use value::{
    has_value_field, value_tree, AbRowValue, AddressBookFlaggedPropertyValue,
    AddressBookFlaggedPropertyValueWithType, AddressBookPropertyRow, AddressBookPropertyValue,
    AddressBookPropertyValueList, AddressBookTaggedPropertyValue, AddressBookTypedPropertyValue,
    ColumnsAndRows, PropertyValueLists,
};

#[cfg(test)]
mod tests;
