//! What building and reading the common messages takes, in one import:
//! `use mapi_codec::prelude::*;`.
//!
//! The encoding and decoding traits and [`Limits`]; property tags and values; the ROP enums,
//! their buffers and builders; the bodies, flags and success fields of the ROPs a mailbox
//! client and server exchange most (RopLogon, RopOpenFolder, the hierarchy and contents
//! tables, RopSetColumns, RopQueryRows, RopOpenMessage, RopGetPropertiesSpecific,
//! RopGetPropertyIdsFromNames, RopSaveChangesMessage); and the Execute bodies that carry ROP
//! buffers. Everything else stays in its module ([`crate::rop`], [`crate::data`], ...).

pub use crate::data::{
    FolderId, MessageId, PropTag, PropType, PropertyName, PropertyNameKind, PropertyRow,
    PropertyValue, RowValue,
};
pub use crate::http::emsmdb::{ExecuteFlags, ExecuteRequest, ExecuteResponse, ExecuteSuccess};
pub use crate::rop::folder::{
    ContentsTableFlags, FolderOpenModeFlags, GetContentsTableResponse, GetHierarchyTableResponse,
    HierarchyTableFlags, OpenFolderRequest, OpenFolderResponse, TableRowCount,
};
pub use crate::rop::message::{
    MessageOpenModeFlags, OpenMessageRequest, OpenMessageResponse, SaveChangesMessageResponse,
    SaveFlags,
};
pub use crate::rop::property::{
    GetPropertiesSpecificRequest, GetPropertiesSpecificResponse, GetPropertiesSpecificSuccess,
    GetPropertyIdsFromNamesRequest, GetPropertyIdsFromNamesResponse,
    GetPropertyIdsFromNamesSuccess,
};
pub use crate::rop::store::{
    LogonFlags, LogonOpenFlags, LogonPrivateSuccess, LogonRequest, LogonResponse, LogonSuccess,
    LogonTime,
};
pub use crate::rop::table::{
    Bookmark, QueryRowsFlags, QueryRowsRequest, QueryRowsResponse, QueryRowsSuccess,
    SetColumnsRequest, SetColumnsResponse, TableStatus, TableStatusSuccess,
};
pub use crate::rop::{
    RopRequest, RopRequestBuffer, RopRequestBuilder, RopResponse, RopResponseBuffer,
    RopResponseBuilder, Session, NEW_OBJECT_HANDLE,
};
pub use crate::rpc::ext::BuildOptions;
pub use crate::wire::{
    AnsiStr, Decode, DecodeWith, Encode, EncodeWith, Guid, Limits, Outcome, Utf16Str,
};
