//! The NSPI request and response bodies of [MS-OXCMAPIHTTP] 2.2.5. Every response body is a
//! [`ResponseBody`]: StatusCode, then the request type's success fields, or the failure fields
//! both endpoints share (2.2.2.3 / 2.2.5 "Failure Response Body").

use super::field::{AuxiliaryBuffer, CodePage, Has};
use super::stat::{
    EntryIdArray, MidArray, MinimalEntryId, NspiPropertyName, Stat, StringArray, WStringArray,
};
use super::value::{
    AddressBookPropertyValueList, AddressBookTaggedPropertyValue, ColumnsAndRows,
    PropertyValueLists,
};
use super::LargePropertyTagArray;
pub use crate::data::ErrorCode;
use crate::data::{PropTag, Restriction};
pub use crate::http::body::ResponseBody;
use crate::tree::{ToTree, ToTreeWith, Tree};
use crate::wire::codepage::CP_WINLATIN1;
use crate::wire::{wire_struct, AnsiStr, CountWidth, Guid, Utf16Str};

/// A body field that names the code page of the body's 8-bit strings: a STAT's CodePage, or
/// a response's CodePage field.
trait NamesCodePage {
    /// The code page, when the field says one.
    fn code_page(&self) -> Option<u32>;
}

impl NamesCodePage for Has<Stat> {
    fn code_page(&self) -> Option<u32> {
        self.value.as_ref().map(|s| s.code_page)
    }
}

impl NamesCodePage for CodePage {
    fn code_page(&self) -> Option<u32> {
        Some(self.0)
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.5.1 Bind
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// Bind request body ([MS-OXCMAPIHTTP] 2.2.5.1.1).
    pub struct BindRequest<'a> {
        /// Flags (fAnonymousLogin 0x20).
        flags: u32 => "Flags",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// Bind success response body ([MS-OXCMAPIHTTP] 2.2.5.1.2), after StatusCode.
    pub struct BindResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// ServerGuid.
        server_guid: Guid => "ServerGuid",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.2 Unbind
wire_struct! {
    /// Unbind request body ([MS-OXCMAPIHTTP] 2.2.5.2.1).
    pub struct UnbindRequest<'a> {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// Unbind success response body ([MS-OXCMAPIHTTP] 2.2.5.2.2), after StatusCode.
    pub struct UnbindResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.3 CompareMIds
wire_struct! {
    /// CompareMIds request body ([MS-OXCMAPIHTTP] 2.2.5.3.1).
    pub struct CompareMIdsRequest<'a> {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// MinimalId1.
        minimal_id1: MinimalEntryId => "MinimalId1",
        /// MinimalId2.
        minimal_id2: MinimalEntryId => "MinimalId2",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// CompareMIds success response body ([MS-OXCMAPIHTTP] 2.2.5.3.2), after StatusCode.
    pub struct CompareMIdsResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// Result: negative, zero or positive as MinimalId1 sorts before, with or after
        /// MinimalId2.
        result: i32 => "Result",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.4 DNToMId
wire_struct! {
    /// DNToMId request body ([MS-OXCMAPIHTTP] 2.2.5.4.1).
    pub struct DnToMIdRequest<'a> {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasNames, NameCount, NameValues (null-terminated 8-bit DNs).
        names: Has<StringArray<'a>> => "Names",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// DNToMId success response body ([MS-OXCMAPIHTTP] 2.2.5.4.2), after StatusCode.
    pub struct DnToMIdResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        minimal_ids: Has<MidArray> => "MinimalIds",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.5 GetMatches
wire_struct! {
    /// GetMatches request body ([MS-OXCMAPIHTTP] 2.2.5.5.1).
    pub struct GetMatchesRequest<'a> {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        minimal_ids: Has<MidArray> => "MinimalIds",
        /// InterfaceOptionFlags.
        interface_option_flags: u32 => "InterfaceOptionFlags",
        /// HasFilter, Filter (a restriction with 4-byte counts).
        filter: Has<Restriction<'a>> => "Filter" { with() CountWidth::U32 },
        /// HasPropertyName, PropertyNameGuid, PropertyNameId.
        property_name: Has<NspiPropertyName> => "PropertyName" { flatten },
        /// RowCount.
        row_count: u32 => "RowCount",
        /// HasColumns, Columns.
        columns: Has<LargePropertyTagArray<'a>> => "Columns",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// GetMatches success response body ([MS-OXCMAPIHTTP] 2.2.5.5.2), after StatusCode.
    pub struct GetMatchesResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        minimal_ids: Has<MidArray> => "MinimalIds",
        /// HasColsAndRows, Columns, RowCount, RowData.
        cols_and_rows: Has<ColumnsAndRows<'a>> => "ColsAndRows",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.6 GetPropList
wire_struct! {
    /// GetPropList request body ([MS-OXCMAPIHTTP] 2.2.5.6.1).
    pub struct GetPropListRequest<'a> {
        /// Flags.
        flags: u32 => "Flags",
        /// MinimalId.
        minimal_id: MinimalEntryId => "MinimalId",
        /// CodePage.
        code_page: CodePage => "CodePage",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// GetPropList success response body ([MS-OXCMAPIHTTP] 2.2.5.6.2), after StatusCode.
    pub struct GetPropListResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasPropertyTags, PropertyTags.
        property_tags: Has<LargePropertyTagArray<'a>> => "PropertyTags",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.7 GetProps
wire_struct! {
    /// GetProps request body ([MS-OXCMAPIHTTP] 2.2.5.7.1).
    pub struct GetPropsRequest<'a> {
        /// Flags.
        flags: u32 => "Flags",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasPropertyTags, PropertyTags.
        property_tags: Has<LargePropertyTagArray<'a>> => "PropertyTags",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// GetProps success response body ([MS-OXCMAPIHTTP] 2.2.5.7.2), after StatusCode.
    pub struct GetPropsResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// CodePage.
        code_page: CodePage => "CodePage",
        /// HasPropertyValues, PropertyValues.
        property_values: Has<AddressBookPropertyValueList<'a>> => "PropertyValues",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.8 GetSpecialTable
wire_struct! {
    /// GetSpecialTable request body ([MS-OXCMAPIHTTP] 2.2.5.8.1).
    pub struct GetSpecialTableRequest<'a> {
        /// Flags.
        flags: u32 => "Flags",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasVersion, Version.
        version: Has<u32> => "Version",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// GetSpecialTable success response body ([MS-OXCMAPIHTTP] 2.2.5.8.2), after StatusCode.
    pub struct GetSpecialTableResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// CodePage.
        code_page: CodePage => "CodePage",
        /// HasVersion, Version.
        version: Has<u32> => "Version",
        /// HasRows, RowCount, Rows.
        rows: Has<PropertyValueLists<'a>> => "Rows",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.9 GetTemplateInfo
wire_struct! {
    /// GetTemplateInfo request body ([MS-OXCMAPIHTTP] 2.2.5.9.1).
    pub struct GetTemplateInfoRequest<'a> {
        /// Flags.
        flags: u32 => "Flags",
        /// DisplayType.
        display_type: u32 => "DisplayType",
        /// HasTemplateDn, TemplateDn (a null-terminated 8-bit string).
        template_dn: Has<AnsiStr<'a>> => "TemplateDn",
        /// CodePage.
        code_page: CodePage => "CodePage",
        /// LocaleId.
        locale_id: u32 => "LocaleId",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// GetTemplateInfo success response body ([MS-OXCMAPIHTTP] 2.2.5.9.2), after StatusCode.
    pub struct GetTemplateInfoResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// CodePage.
        code_page: CodePage => "CodePage",
        /// HasRow, Row.
        row: Has<AddressBookPropertyValueList<'a>> => "Row",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.10 ModLinkAtt
wire_struct! {
    /// ModLinkAtt request body ([MS-OXCMAPIHTTP] 2.2.5.10.1).
    pub struct ModLinkAttRequest<'a> {
        /// Flags (fDelete 0x1).
        flags: u32 => "Flags",
        /// PropertyTag.
        property_tag: PropTag => "PropertyTag",
        /// MinimalId.
        minimal_id: MinimalEntryId => "MinimalId",
        /// HasEntryIds, EntryIdCount, EntryIds.
        entry_ids: Has<EntryIdArray<'a>> => "EntryIds",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// ModLinkAtt success response body ([MS-OXCMAPIHTTP] 2.2.5.10.2), after StatusCode.
    pub struct ModLinkAttResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.11 ModProps
wire_struct! {
    /// ModProps request body ([MS-OXCMAPIHTTP] 2.2.5.11.1).
    pub struct ModPropsRequest<'a> {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasPropertyTags, PropertyTags (the properties to remove).
        property_tags: Has<LargePropertyTagArray<'a>> => "PropertyTags",
        /// HasPropertyValues, PropertyValues.
        property_values: Has<AddressBookPropertyValueList<'a>> => "PropertyValues",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// ModProps success response body ([MS-OXCMAPIHTTP] 2.2.5.11.2), after StatusCode.
    pub struct ModPropsResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.13 QueryColumns
wire_struct! {
    /// QueryColumns request body ([MS-OXCMAPIHTTP] 2.2.5.13.1).
    pub struct QueryColumnsRequest<'a> {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// MapiFlags.
        mapi_flags: u32 => "MapiFlags",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// QueryColumns success response body ([MS-OXCMAPIHTTP] 2.2.5.13.2), after StatusCode.
    pub struct QueryColumnsResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasColumns, Columns.
        columns: Has<LargePropertyTagArray<'a>> => "Columns",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.12 QueryRows
wire_struct! {
    /// QueryRows request body ([MS-OXCMAPIHTTP] 2.2.5.12.1). The explicit table has no Has
    /// flag: ExplicitTableCount may be 0.
    pub struct QueryRowsRequest<'a> {
        /// Flags.
        flags: u32 => "Flags",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// ExplicitTableCount, ExplicitTable.
        explicit_table: MidArray => "ExplicitTable",
        /// RowCount.
        row_count: u32 => "RowCount",
        /// HasColumns, Columns.
        columns: Has<LargePropertyTagArray<'a>> => "Columns",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// QueryRows success response body ([MS-OXCMAPIHTTP] 2.2.5.12.2), after StatusCode.
    pub struct QueryRowsResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasColsAndRows, Columns, RowCount, RowData.
        cols_and_rows: Has<ColumnsAndRows<'a>> => "ColsAndRows",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.14 ResolveNames
wire_struct! {
    /// ResolveNames request body ([MS-OXCMAPIHTTP] 2.2.5.14.1).
    pub struct ResolveNamesRequest<'a> {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasPropertyTags, PropertyTags.
        property_tags: Has<LargePropertyTagArray<'a>> => "PropertyTags",
        /// HasNames, NameCount, NameValues (null-terminated UTF-16 strings).
        names: Has<WStringArray<'a>> => "Names",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// ResolveNames success response body ([MS-OXCMAPIHTTP] 2.2.5.14.2), after StatusCode.
    pub struct ResolveNamesResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// CodePage.
        code_page: CodePage => "CodePage",
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        minimal_ids: Has<MidArray> => "MinimalIds",
        /// HasRowsAndCols, PropertyTags, RowCount, RowData.
        rows_and_cols: Has<ColumnsAndRows<'a>> => "RowsAndCols",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.15 ResortRestriction
wire_struct! {
    /// ResortRestriction request body ([MS-OXCMAPIHTTP] 2.2.5.15.1).
    pub struct ResortRestrictionRequest<'a> {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        minimal_ids: Has<MidArray> => "MinimalIds",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// ResortRestriction success response body ([MS-OXCMAPIHTTP] 2.2.5.15.2), after
    /// StatusCode.
    pub struct ResortRestrictionResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        minimal_ids: Has<MidArray> => "MinimalIds",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.16 SeekEntries
wire_struct! {
    /// SeekEntries request body ([MS-OXCMAPIHTTP] 2.2.5.16.1).
    pub struct SeekEntriesRequest<'a> {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasTarget, Target.
        target: Has<AddressBookTaggedPropertyValue<'a>> => "Target",
        /// HasExplicitTable, ExplicitTableCount, ExplicitTable.
        explicit_table: Has<MidArray> => "ExplicitTable",
        /// HasColumns, Columns.
        columns: Has<LargePropertyTagArray<'a>> => "Columns",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// SeekEntries success response body ([MS-OXCMAPIHTTP] 2.2.5.16.2), after StatusCode.
    pub struct SeekEntriesResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasColsAndRows, Columns, RowCount, RowData.
        cols_and_rows: Has<ColumnsAndRows<'a>> => "ColsAndRows",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.17 UpdateStat
wire_struct! {
    /// UpdateStat request body ([MS-OXCMAPIHTTP] 2.2.5.17.1).
    pub struct UpdateStatRequest<'a> {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// DeltaRequested (a Boolean byte, kept as sent).
        delta_requested: u8 => "DeltaRequested",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// UpdateStat success response body ([MS-OXCMAPIHTTP] 2.2.5.17.2), after StatusCode.
    pub struct UpdateStatResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasDelta, Delta.
        delta: Has<i32> => "Delta",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.18 GetMailboxUrl
wire_struct! {
    /// GetMailboxUrl request body ([MS-OXCMAPIHTTP] 2.2.5.18.1).
    pub struct GetMailboxUrlRequest<'a> {
        /// Flags.
        flags: u32 => "Flags",
        /// ServerDn (null-terminated UTF-16).
        server_dn: Utf16Str<'a> => "ServerDn",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// GetMailboxUrl success response body ([MS-OXCMAPIHTTP] 2.2.5.18.2), after StatusCode.
    pub struct GetMailboxUrlResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// ServerUrl (null-terminated UTF-16).
        server_url: Utf16Str<'a> => "ServerUrl",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

// 2.2.5.19 GetAddressBookUrl
wire_struct! {
    /// GetAddressBookUrl request body ([MS-OXCMAPIHTTP] 2.2.5.19.1).
    pub struct GetAddressBookUrlRequest<'a> {
        /// Flags.
        flags: u32 => "Flags",
        /// UserDn (null-terminated UTF-16).
        user_dn: Utf16Str<'a> => "UserDn",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// GetAddressBookUrl success response body ([MS-OXCMAPIHTTP] 2.2.5.19.2), after
    /// StatusCode.
    pub struct GetAddressBookUrlResponse<'a> {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// ServerUrl (null-terminated UTF-16).
        server_url: Utf16Str<'a> => "ServerUrl",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

/// The bodies of the address book endpoint, by request type: the code page each body names
/// (the field in brackets), the enum of them, its decoder by [`BodyKind`], its encoder and
/// trees.
macro_rules! nspi_bodies {
    ($($rt:ident: $req:ident[$($rqcp:ident)?], $resp:ident[$($rscp:ident)?];)*) => {
        $(
            impl $req<'_> {
                /// The code page the body names for its 8-bit strings (its STAT's CodePage).
                pub fn code_page(&self) -> Option<u32> {
                    None $(.or(NamesCodePage::code_page(&self.$rqcp)))?
                }
            }

            impl $resp<'_> {
                /// The code page the body names for its 8-bit strings (its CodePage field or
                /// its STAT's CodePage).
                pub fn code_page(&self) -> Option<u32> {
                    None $(.or(NamesCodePage::code_page(&self.$rscp)))?
                }
            }
        )*

        crate::http::body::body_enum! {
            /// A decoded NSPI body of any request type and direction, decoded by its
            /// [`BodyKind`](crate::http::headers::BodyKind).
            ///
            /// ```
            /// use mapi_codec::http::headers::{BodyKind, Direction};
            /// use mapi_codec::nspi::NspiBody;
            /// use mapi_codec::wire::{DecodeWith, Encode, Limits};
            ///
            /// // An Unbind request: Reserved 0, AuxiliaryBufferSize 0.
            /// let bytes = [0u8; 8];
            /// let kind = BodyKind::new("Unbind", Direction::Request).unwrap();
            /// let body = NspiBody::decode_with_exact(&bytes, kind, Limits::DEFAULT).unwrap();
            /// assert!(matches!(body, NspiBody::UnbindRequest(_)));
            /// assert_eq!(body.to_bytes().unwrap(), bytes);
            /// ```
            pub enum NspiBody;
            $($rt: $req($req<'a>), $resp(ResponseBody<'a, $resp<'a>>);)*
        }

        impl NspiBody<'_> {
            /// The code page the body names (a STAT or a CodePage field), if any.
            pub fn code_page(&self) -> Option<u32> {
                match self {
                    $(
                        NspiBody::$req(b) => b.code_page(),
                        NspiBody::$resp(r) => r.fields().and_then(|b| b.code_page()),
                    )*
                }
            }
        }

        /// The tree, 8-bit strings shown in the code page the body names, else in `cp` (pass
        /// the request's STAT.CodePage when showing a response that names none).
        impl ToTreeWith<CodePage> for NspiBody<'_> {
            fn to_tree_with(&self, cp: CodePage) -> Tree {
                self.body_tree().with_code_page(self.code_page().unwrap_or(cp.0))
            }
        }

        impl ToTree for NspiBody<'_> {
            /// The tree, 8-bit strings in the code page the body names (Windows-1252 if none).
            fn to_tree(&self) -> Tree {
                self.to_tree_with(CodePage(CP_WINLATIN1))
            }
        }
    };
}

nspi_bodies! {
    BIND: BindRequest[state], BindResponse[];
    UNBIND: UnbindRequest[], UnbindResponse[];
    COMPARE_MIDS: CompareMIdsRequest[state], CompareMIdsResponse[];
    DN_TO_MID: DnToMIdRequest[], DnToMIdResponse[];
    GET_MATCHES: GetMatchesRequest[state], GetMatchesResponse[state];
    GET_PROP_LIST: GetPropListRequest[code_page], GetPropListResponse[];
    GET_PROPS: GetPropsRequest[state], GetPropsResponse[code_page];
    GET_SPECIAL_TABLE: GetSpecialTableRequest[state], GetSpecialTableResponse[code_page];
    GET_TEMPLATE_INFO: GetTemplateInfoRequest[code_page], GetTemplateInfoResponse[code_page];
    MOD_LINK_ATT: ModLinkAttRequest[], ModLinkAttResponse[];
    MOD_PROPS: ModPropsRequest[state], ModPropsResponse[];
    QUERY_COLUMNS: QueryColumnsRequest[], QueryColumnsResponse[];
    QUERY_ROWS: QueryRowsRequest[state], QueryRowsResponse[state];
    RESOLVE_NAMES: ResolveNamesRequest[state], ResolveNamesResponse[code_page];
    RESORT_RESTRICTION: ResortRestrictionRequest[state], ResortRestrictionResponse[state];
    SEEK_ENTRIES: SeekEntriesRequest[state], SeekEntriesResponse[state];
    UPDATE_STAT: UpdateStatRequest[state], UpdateStatResponse[state];
    GET_MAILBOX_URL: GetMailboxUrlRequest[], GetMailboxUrlResponse[];
    GET_ADDRESS_BOOK_URL: GetAddressBookUrlRequest[], GetAddressBookUrlResponse[];
}
