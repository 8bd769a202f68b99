//! The NSPI request and response bodies of [MS-OXCMAPIHTTP] 2.2.5, and the failure response
//! body shared by every request type (2.2.2.3 / 2.2.5 "Failure Response Body").

use bytes::BufMut;

use super::field::{AuxiliaryBuffer, BodyField, CodePage, Has};
use super::stat::{
    EntryIdArray, MidArray, MinimalEntryId, NspiPropertyName, Stat, StringArray, WStringArray,
};
use super::value::{
    AddressBookPropertyValueList, AddressBookTaggedPropertyValue, ColumnsAndRows,
    PropertyValueLists,
};
use crate::data::{PropTag, PropertyTagArray, Restriction};
use crate::tree::{ToTree, Tree};
use crate::wire::codepage::CP_WINLATIN1;
use crate::wire::{Decode, DecodeError, Encode, EncodeError, Guid, Reader, ResultExt, Utf16Str};

macro_rules! body {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident : $ty:ty => $spec:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub struct $name<'a> {
            $($(#[$fdoc])* pub $field: $ty,)*
        }

        impl<'a> Decode<'a> for $name<'a> {
            fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
                Ok($name {
                    $($field: <$ty as BodyField<'a>>::read(r).field($spec)?,)*
                })
            }
        }

        impl<'a> Encode for $name<'a> {
            fn encoded_len(&self) -> usize {
                0 $(+ BodyField::size(&self.$field))*
            }
            fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                $(BodyField::write(&self.$field, out)?;)*
                Ok(())
            }
        }

        impl<'a> $name<'a> {
            /// The code page the body announces (its STAT's CodePage or its CodePage field).
            pub fn code_page(&self) -> Option<u32> {
                None $(.or_else(|| BodyField::code_page(&self.$field)))*
            }

            /// The tree, 8-bit strings shown in code page `cp`.
            pub fn to_tree_with_code_page(&self, cp: u32) -> Tree {
                let mut f = Vec::new();
                $(BodyField::tree_into(&self.$field, $spec, &mut f, cp);)*
                Tree::Struct(f)
            }
        }

        impl ToTree for $name<'_> {
            /// The tree, 8-bit strings in the code page the body names (Windows-1252 if none).
            fn to_tree(&self) -> Tree {
                self.to_tree_with_code_page(self.code_page().unwrap_or(CP_WINLATIN1))
            }
        }
    };
}

/// A response body: StatusCode, then the success body when it is 0, or the failure body
/// ([MS-OXCMAPIHTTP] 2.2.5: StatusCode, AuxiliaryBufferSize, AuxiliaryBuffer) otherwise.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum NspiResponse<'a, T> {
    /// StatusCode 0: the request type's success response body (after StatusCode).
    Success(T),
    /// StatusCode nonzero: the failure response body.
    Failure(FailureResponse<'a>),
}

/// The failure response body ([MS-OXCMAPIHTTP] 2.2.5, 2.2.2.3): a nonzero StatusCode and the
/// auxiliary buffer.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct FailureResponse<'a> {
    /// StatusCode (nonzero; [MS-OXCMAPIHTTP] 2.2.2.2 status codes).
    pub status_code: u32,
    /// AuxiliaryBufferSize and AuxiliaryBuffer.
    pub auxiliary_buffer: AuxiliaryBuffer<'a>,
}

impl<'a, T: Decode<'a>> Decode<'a> for NspiResponse<'a, T> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let status_code = r.u32().field("StatusCode")?;
        if status_code == 0 {
            T::decode_from(r).map(NspiResponse::Success)
        } else {
            let auxiliary_buffer = AuxiliaryBuffer::read(r).field("AuxiliaryBuffer")?;
            Ok(NspiResponse::Failure(FailureResponse {
                status_code,
                auxiliary_buffer,
            }))
        }
    }
}

impl<T: Encode> Encode for NspiResponse<'_, T> {
    fn encoded_len(&self) -> usize {
        4 + match self {
            NspiResponse::Success(b) => b.encoded_len(),
            NspiResponse::Failure(f) => f.auxiliary_buffer.size(),
        }
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        match self {
            NspiResponse::Success(b) => {
                0u32.encode(out)?;
                b.encode(out)
            }
            NspiResponse::Failure(f) => {
                if f.status_code == 0 {
                    return Err(EncodeError::invalid(
                        "a failure response needs a nonzero StatusCode",
                    ));
                }
                f.status_code.encode(out)?;
                f.auxiliary_buffer.write(out)
            }
        }
    }
}

impl<T: ToTree> ToTree for NspiResponse<'_, T> {
    fn to_tree(&self) -> Tree {
        match self {
            NspiResponse::Success(b) => {
                let mut f = vec![("StatusCode".into(), Tree::Hex(0))];
                match b.to_tree() {
                    Tree::Struct(rest) => f.extend(rest),
                    other => f.push(("Body".into(), other)),
                }
                Tree::Struct(f)
            }
            NspiResponse::Failure(fl) => {
                let mut f = vec![(
                    "StatusCode".into(),
                    Tree::named(fl.status_code, status_code_name(fl.status_code)),
                )];
                fl.auxiliary_buffer
                    .tree_into("AuxiliaryBuffer", &mut f, CP_WINLATIN1);
                Tree::Struct(f)
            }
        }
    }
}

/// The name of a StatusCode ([MS-OXCMAPIHTTP] 2.2.2.2).
pub fn status_code_name(v: u32) -> Option<&'static str> {
    Some(match v {
        0 => "Success",
        1 => "UnknownFailure",
        2 => "InvalidVerb",
        3 => "InvalidPath",
        4 => "InvalidHeader",
        5 => "InvalidRequestType",
        6 => "InvalidContextCookie",
        7 => "MissingHeader",
        8 => "AnonymousNotAllowed",
        9 => "TooLarge",
        10 => "ContextNotFound",
        11 => "NoPrivilege",
        12 => "InvalidRequestBody",
        13 => "MissingCookie",
        15 => "InvalidSequence",
        16 => "EndpointDisabled",
        17 => "InvalidResponse",
        18 => "EndpointShuttingDown",
        _ => return None,
    })
}

/// An ErrorCode of a success body ([MS-OXCDATA] 2.4), shown with its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ErrorCode(pub u32);

impl<'a> BodyField<'a> for ErrorCode {
    fn read(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        r.u32().map(ErrorCode)
    }
    fn size(&self) -> usize {
        4
    }
    fn write<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.0.encode(out)
    }
    fn tree(&self, _cp: u32) -> Tree {
        Tree::named(self.0, crate::data::error_code_name(self.0))
    }
}

// ---------------------------------------------------------------------------------------------
// 2.2.5.1 Bind
// ---------------------------------------------------------------------------------------------

body! {
    /// Bind request body ([MS-OXCMAPIHTTP] 2.2.5.1.1).
    BindRequest {
        /// Flags (fAnonymousLogin 0x20).
        flags: u32 => "Flags",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// Bind success response body ([MS-OXCMAPIHTTP] 2.2.5.1.2), after StatusCode.
    BindResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// ServerGuid.
        server_guid: Guid => "ServerGuid",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.2 Unbind
body! {
    /// Unbind request body ([MS-OXCMAPIHTTP] 2.2.5.2.1).
    UnbindRequest {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// Unbind success response body ([MS-OXCMAPIHTTP] 2.2.5.2.2), after StatusCode.
    UnbindResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.3 CompareMIds
body! {
    /// CompareMIds request body ([MS-OXCMAPIHTTP] 2.2.5.3.1).
    CompareMIdsRequest {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// MinimalId1.
        minimal_id1: MinimalEntryId => "MinimalId1",
        /// MinimalId2.
        minimal_id2: MinimalEntryId => "MinimalId2",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// CompareMIds success response body ([MS-OXCMAPIHTTP] 2.2.5.3.2), after StatusCode.
    CompareMIdsResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// Result: negative, zero or positive as MinimalId1 sorts before, with or after
        /// MinimalId2.
        result: i32 => "Result",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.4 DNToMId
body! {
    /// DNToMId request body ([MS-OXCMAPIHTTP] 2.2.5.4.1).
    DnToMIdRequest {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasNames, NameCount, NameValues (null-terminated 8-bit DNs).
        names: Has<StringArray<'a>> => "Names",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// DNToMId success response body ([MS-OXCMAPIHTTP] 2.2.5.4.2), after StatusCode.
    DnToMIdResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        minimal_ids: Has<MidArray> => "MinimalIds",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.5 GetMatches
body! {
    /// GetMatches request body ([MS-OXCMAPIHTTP] 2.2.5.5.1).
    GetMatchesRequest {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        minimal_ids: Has<MidArray> => "MinimalIds",
        /// InterfaceOptionFlags.
        interface_option_flags: u32 => "InterfaceOptionFlags",
        /// HasFilter, Filter (a restriction with 4-byte counts).
        filter: Has<Restriction<'a>> => "Filter",
        /// HasPropertyName, PropertyNameGuid, PropertyNameId.
        property_name: Has<NspiPropertyName> => "PropertyName",
        /// RowCount.
        row_count: u32 => "RowCount",
        /// HasColumns, Columns.
        columns: Has<PropertyTagArray> => "Columns",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// GetMatches success response body ([MS-OXCMAPIHTTP] 2.2.5.5.2), after StatusCode.
    GetMatchesResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        minimal_ids: Has<MidArray> => "MinimalIds",
        /// HasColsAndRows, Columns, RowCount, RowData.
        cols_and_rows: Has<ColumnsAndRows<'a>> => "ColsAndRows",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.6 GetPropList
body! {
    /// GetPropList request body ([MS-OXCMAPIHTTP] 2.2.5.6.1).
    GetPropListRequest {
        /// Flags.
        flags: u32 => "Flags",
        /// MinimalId.
        minimal_id: MinimalEntryId => "MinimalId",
        /// CodePage.
        code_page: CodePage => "CodePage",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// GetPropList success response body ([MS-OXCMAPIHTTP] 2.2.5.6.2), after StatusCode.
    GetPropListResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasPropertyTags, PropertyTags.
        property_tags: Has<PropertyTagArray> => "PropertyTags",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.7 GetProps
body! {
    /// GetProps request body ([MS-OXCMAPIHTTP] 2.2.5.7.1).
    GetPropsRequest {
        /// Flags.
        flags: u32 => "Flags",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasPropertyTags, PropertyTags.
        property_tags: Has<PropertyTagArray> => "PropertyTags",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// GetProps success response body ([MS-OXCMAPIHTTP] 2.2.5.7.2), after StatusCode.
    GetPropsResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// CodePage.
        code_page: CodePage => "CodePage",
        /// HasPropertyValues, PropertyValues.
        property_values: Has<AddressBookPropertyValueList<'a>> => "PropertyValues",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.8 GetSpecialTable
body! {
    /// GetSpecialTable request body ([MS-OXCMAPIHTTP] 2.2.5.8.1).
    GetSpecialTableRequest {
        /// Flags.
        flags: u32 => "Flags",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasVersion, Version.
        version: Has<u32> => "Version",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// GetSpecialTable success response body ([MS-OXCMAPIHTTP] 2.2.5.8.2), after StatusCode.
    GetSpecialTableResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// CodePage.
        code_page: CodePage => "CodePage",
        /// HasVersion, Version.
        version: Has<u32> => "Version",
        /// HasRows, RowCount, Rows.
        rows: Has<PropertyValueLists<'a>> => "Rows",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.9 GetTemplateInfo
body! {
    /// GetTemplateInfo request body ([MS-OXCMAPIHTTP] 2.2.5.9.1).
    GetTemplateInfoRequest {
        /// Flags.
        flags: u32 => "Flags",
        /// DisplayType.
        display_type: u32 => "DisplayType",
        /// HasTemplateDn, TemplateDn (a null-terminated 8-bit string).
        template_dn: Has<crate::wire::AnsiStr<'a>> => "TemplateDn",
        /// CodePage.
        code_page: CodePage => "CodePage",
        /// LocaleId.
        locale_id: u32 => "LocaleId",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// GetTemplateInfo success response body ([MS-OXCMAPIHTTP] 2.2.5.9.2), after StatusCode.
    GetTemplateInfoResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// CodePage.
        code_page: CodePage => "CodePage",
        /// HasRow, Row.
        row: Has<AddressBookPropertyValueList<'a>> => "Row",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.10 ModLinkAtt
body! {
    /// ModLinkAtt request body ([MS-OXCMAPIHTTP] 2.2.5.10.1).
    ModLinkAttRequest {
        /// Flags (fDelete 0x1).
        flags: u32 => "Flags",
        /// PropertyTag.
        property_tag: PropTag => "PropertyTag",
        /// MinimalId.
        minimal_id: MinimalEntryId => "MinimalId",
        /// HasEntryIds, EntryIdCount, EntryIds.
        entry_ids: Has<EntryIdArray<'a>> => "EntryIds",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// ModLinkAtt success response body ([MS-OXCMAPIHTTP] 2.2.5.10.2), after StatusCode.
    ModLinkAttResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.11 ModProps
body! {
    /// ModProps request body ([MS-OXCMAPIHTTP] 2.2.5.11.1).
    ModPropsRequest {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasPropertyTags, PropertyTags (the properties to remove).
        property_tags: Has<PropertyTagArray> => "PropertyTags",
        /// HasPropertyValues, PropertyValues.
        property_values: Has<AddressBookPropertyValueList<'a>> => "PropertyValues",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// ModProps success response body ([MS-OXCMAPIHTTP] 2.2.5.11.2), after StatusCode.
    ModPropsResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.13 QueryColumns
body! {
    /// QueryColumns request body ([MS-OXCMAPIHTTP] 2.2.5.13.1).
    QueryColumnsRequest {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// MapiFlags.
        mapi_flags: u32 => "MapiFlags",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// QueryColumns success response body ([MS-OXCMAPIHTTP] 2.2.5.13.2), after StatusCode.
    QueryColumnsResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasColumns, Columns.
        columns: Has<PropertyTagArray> => "Columns",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.12 QueryRows
body! {
    /// QueryRows request body ([MS-OXCMAPIHTTP] 2.2.5.12.1). The explicit table has no Has
    /// flag: ExplicitTableCount may be 0.
    QueryRowsRequest {
        /// Flags.
        flags: u32 => "Flags",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// ExplicitTableCount, ExplicitTable.
        explicit_table: MidArray => "ExplicitTable",
        /// RowCount.
        row_count: u32 => "RowCount",
        /// HasColumns, Columns.
        columns: Has<PropertyTagArray> => "Columns",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// QueryRows success response body ([MS-OXCMAPIHTTP] 2.2.5.12.2), after StatusCode.
    QueryRowsResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasColsAndRows, Columns, RowCount, RowData.
        cols_and_rows: Has<ColumnsAndRows<'a>> => "ColsAndRows",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.14 ResolveNames
body! {
    /// ResolveNames request body ([MS-OXCMAPIHTTP] 2.2.5.14.1).
    ResolveNamesRequest {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasPropertyTags, PropertyTags.
        property_tags: Has<PropertyTagArray> => "PropertyTags",
        /// HasNames, NameCount, NameValues (null-terminated UTF-16 strings).
        names: Has<WStringArray<'a>> => "Names",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// ResolveNames success response body ([MS-OXCMAPIHTTP] 2.2.5.14.2), after StatusCode.
    ResolveNamesResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// CodePage.
        code_page: CodePage => "CodePage",
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        minimal_ids: Has<MidArray> => "MinimalIds",
        /// HasRowsAndCols, PropertyTags, RowCount, RowData.
        rows_and_cols: Has<ColumnsAndRows<'a>> => "RowsAndCols",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.15 ResortRestriction
body! {
    /// ResortRestriction request body ([MS-OXCMAPIHTTP] 2.2.5.15.1).
    ResortRestrictionRequest {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        minimal_ids: Has<MidArray> => "MinimalIds",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// ResortRestriction success response body ([MS-OXCMAPIHTTP] 2.2.5.15.2), after
    /// StatusCode.
    ResortRestrictionResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        minimal_ids: Has<MidArray> => "MinimalIds",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.16 SeekEntries
body! {
    /// SeekEntries request body ([MS-OXCMAPIHTTP] 2.2.5.16.1).
    SeekEntriesRequest {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasTarget, Target.
        target: Has<AddressBookTaggedPropertyValue<'a>> => "Target",
        /// HasExplicitTable, ExplicitTableCount, ExplicitTable.
        explicit_table: Has<MidArray> => "ExplicitTable",
        /// HasColumns, Columns.
        columns: Has<PropertyTagArray> => "Columns",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// SeekEntries success response body ([MS-OXCMAPIHTTP] 2.2.5.16.2), after StatusCode.
    SeekEntriesResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasColsAndRows, Columns, RowCount, RowData.
        cols_and_rows: Has<ColumnsAndRows<'a>> => "ColsAndRows",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.17 UpdateStat
body! {
    /// UpdateStat request body ([MS-OXCMAPIHTTP] 2.2.5.17.1).
    UpdateStatRequest {
        /// Reserved.
        reserved: u32 => "Reserved",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// DeltaRequested (a Boolean byte, kept as sent).
        delta_requested: u8 => "DeltaRequested",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// UpdateStat success response body ([MS-OXCMAPIHTTP] 2.2.5.17.2), after StatusCode.
    UpdateStatResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// HasState, State.
        state: Has<Stat> => "State",
        /// HasDelta, Delta.
        delta: Has<i32> => "Delta",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.18 GetMailboxUrl
body! {
    /// GetMailboxUrl request body ([MS-OXCMAPIHTTP] 2.2.5.18.1).
    GetMailboxUrlRequest {
        /// Flags.
        flags: u32 => "Flags",
        /// ServerDn (null-terminated UTF-16).
        server_dn: Utf16Str<'a> => "ServerDn",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// GetMailboxUrl success response body ([MS-OXCMAPIHTTP] 2.2.5.18.2), after StatusCode.
    GetMailboxUrlResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// ServerUrl (null-terminated UTF-16).
        server_url: Utf16Str<'a> => "ServerUrl",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

// 2.2.5.19 GetAddressBookUrl
body! {
    /// GetAddressBookUrl request body ([MS-OXCMAPIHTTP] 2.2.5.19.1).
    GetAddressBookUrlRequest {
        /// Flags.
        flags: u32 => "Flags",
        /// UserDn (null-terminated UTF-16).
        user_dn: Utf16Str<'a> => "UserDn",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

body! {
    /// GetAddressBookUrl success response body ([MS-OXCMAPIHTTP] 2.2.5.19.2), after
    /// StatusCode.
    GetAddressBookUrlResponse {
        /// ErrorCode.
        error_code: ErrorCode => "ErrorCode",
        /// ServerUrl (null-terminated UTF-16).
        server_url: Utf16Str<'a> => "ServerUrl",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "AuxiliaryBuffer",
    }
}

/// Which way a body travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Direction {
    /// Client to server.
    Request,
    /// Server to client.
    Response,
}

macro_rules! dispatch {
    ($($rt:literal, $kebab:literal, $req:ident, $resp:ident;)*) => {
        /// Every NSPI request type: its X-RequestType value ([MS-OXCMAPIHTTP] 2.2.2.1) and the
        /// kebab-case name of its CLI kinds (`nspi-<name>-request`, `nspi-<name>-response`).
        pub const REQUEST_TYPES: &[(&str, &str)] = &[$(($rt, $kebab),)*];

        /// A decoded NSPI body of any request type and direction.
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[allow(missing_docs)]
        pub enum NspiBody<'a> {
            $(
                $req($req<'a>),
                $resp(NspiResponse<'a, $resp<'a>>),
            )*
        }

        /// Decodes the NSPI body of request type `request_type` (the X-RequestType value, e.g.
        /// `QueryRows`; ASCII case-insensitive) travelling in `direction`; the body must fill
        /// `input` exactly. `None` when the request type is not an NSPI one.
        pub fn decode_body<'a>(
            request_type: &str,
            direction: Direction,
            input: &'a [u8],
            limits: crate::wire::Limits,
        ) -> Option<Result<NspiBody<'a>, DecodeError>> {
            $(
                if request_type.eq_ignore_ascii_case($rt) {
                    return Some(match direction {
                        Direction::Request => $req::decode_exact(input, limits).map(NspiBody::$req),
                        Direction::Response => {
                            NspiResponse::decode_exact(input, limits).map(NspiBody::$resp)
                        }
                    });
                }
            )*
            None
        }

        impl Encode for NspiBody<'_> {
            fn encoded_len(&self) -> usize {
                match self {
                    $(
                        NspiBody::$req(b) => b.encoded_len(),
                        NspiBody::$resp(b) => b.encoded_len(),
                    )*
                }
            }
            fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                match self {
                    $(
                        NspiBody::$req(b) => b.encode(out),
                        NspiBody::$resp(b) => b.encode(out),
                    )*
                }
            }
        }

        impl ToTree for NspiBody<'_> {
            fn to_tree(&self) -> Tree {
                match self {
                    $(
                        NspiBody::$req(b) => b.to_tree(),
                        NspiBody::$resp(b) => b.to_tree(),
                    )*
                }
            }
        }

        impl NspiBody<'_> {
            /// The request type (as [`REQUEST_TYPES`] names it) and the direction: what
            /// [`decode_body`] takes to read this body back.
            pub fn request_type(&self) -> (&'static str, Direction) {
                match self {
                    $(
                        NspiBody::$req(_) => ($rt, Direction::Request),
                        NspiBody::$resp(_) => ($rt, Direction::Response),
                    )*
                }
            }

            /// The tree, 8-bit strings shown in `cp` unless the body names its own code page
            /// (a response's CodePage field, a request's STAT): pass the code page of the
            /// request (its STAT.CodePage) when showing a response that names none.
            pub fn to_tree_with_code_page(&self, cp: u32) -> Tree {
                match self {
                    $(
                        NspiBody::$req(b) => b.to_tree_with_code_page(b.code_page().unwrap_or(cp)),
                        NspiBody::$resp(r) => {
                            let own = match r {
                                NspiResponse::Success(b) => b.code_page(),
                                NspiResponse::Failure(_) => None,
                            };
                            r.to_tree_code_page(own.unwrap_or(cp))
                        }
                    )*
                }
            }

            /// The code page the body names (a STAT or a CodePage field), if any.
            pub fn code_page(&self) -> Option<u32> {
                match self {
                    $(
                        NspiBody::$req(b) => b.code_page(),
                        NspiBody::$resp(NspiResponse::Success(b)) => b.code_page(),
                        NspiBody::$resp(_) => None,
                    )*
                }
            }
        }

        $(
            impl<'a> NspiResponse<'a, $resp<'a>> {
                /// The tree, 8-bit strings shown in `cp`.
                pub fn to_tree_code_page(&self, cp: u32) -> Tree {
                    match self {
                        NspiResponse::Success(b) => {
                            let mut f = vec![("StatusCode".into(), Tree::Hex(0))];
                            if let Tree::Struct(rest) = b.to_tree_with_code_page(cp) {
                                f.extend(rest);
                            }
                            Tree::Struct(f)
                        }
                        NspiResponse::Failure(_) => self.to_tree(),
                    }
                }
            }
        )*
    };
}

dispatch! {
    "Bind", "bind", BindRequest, BindResponse;
    "Unbind", "unbind", UnbindRequest, UnbindResponse;
    "CompareMIds", "compare-mids", CompareMIdsRequest, CompareMIdsResponse;
    "DNToMId", "dn-to-mid", DnToMIdRequest, DnToMIdResponse;
    "GetMatches", "get-matches", GetMatchesRequest, GetMatchesResponse;
    "GetPropList", "get-prop-list", GetPropListRequest, GetPropListResponse;
    "GetProps", "get-props", GetPropsRequest, GetPropsResponse;
    "GetSpecialTable", "get-special-table", GetSpecialTableRequest, GetSpecialTableResponse;
    "GetTemplateInfo", "get-template-info", GetTemplateInfoRequest, GetTemplateInfoResponse;
    "ModLinkAtt", "mod-link-att", ModLinkAttRequest, ModLinkAttResponse;
    "ModProps", "mod-props", ModPropsRequest, ModPropsResponse;
    "QueryColumns", "query-columns", QueryColumnsRequest, QueryColumnsResponse;
    "QueryRows", "query-rows", QueryRowsRequest, QueryRowsResponse;
    "ResolveNames", "resolve-names", ResolveNamesRequest, ResolveNamesResponse;
    "ResortRestriction", "resort-restriction", ResortRestrictionRequest, ResortRestrictionResponse;
    "SeekEntries", "seek-entries", SeekEntriesRequest, SeekEntriesResponse;
    "UpdateStat", "update-stat", UpdateStatRequest, UpdateStatResponse;
    "GetMailboxUrl", "get-mailbox-url", GetMailboxUrlRequest, GetMailboxUrlResponse;
    "GetAddressBookUrl", "get-address-book-url", GetAddressBookUrlRequest, GetAddressBookUrlResponse;
}

/// Decodes a body named by its CLI kind (`nspi-query-rows-response`); `None` when the kind is
/// not an NSPI body kind.
pub fn decode_kind<'a>(
    kind: &str,
    input: &'a [u8],
    limits: crate::wire::Limits,
) -> Option<Result<NspiBody<'a>, DecodeError>> {
    let rest = kind.strip_prefix("nspi-")?;
    let (name, dir) = if let Some(n) = rest.strip_suffix("-request") {
        (n, Direction::Request)
    } else {
        (rest.strip_suffix("-response")?, Direction::Response)
    };
    let (rt, _) = REQUEST_TYPES.iter().find(|(_, k)| *k == name)?;
    decode_body(rt, dir, input, limits)
}
