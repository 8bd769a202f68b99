//! Every decoded message has an owned form ([`IntoOwned`]): `T<'a>` becomes `T<'static>` and
//! outlives the bytes it was decoded from.
//!
//! - `owned_forms!` lists every public type with a lifetime that a message can hold; the
//!   compiler checks that each `T<'a>` turns into a `T<'static>`.
//! - `every_type_with_a_lifetime_is_listed` reads the crate's sources for the types declared
//!   with a lifetime (by hand or by the crate's macros) and fails on any that is neither listed
//!   nor named in `NOT_MESSAGES`, so that a type added later cannot be left without one.
//! - `execute_buffers_outlive_their_bodies` decodes an Execute request and its response, keeps
//!   the owned ROP buffers and drops the bodies.

use std::path::Path;

use mapi_codec::data::{PropTag, PropertyValue, RowValue};
use mapi_codec::http::emsmdb::{ExecuteRequest, ExecuteResponse};
use mapi_codec::rop::{RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::wire::{Decode, Limits, Outcome};
use mapi_codec::IntoOwned;

/// `MultiValue<'a, T>` is generic over its item type as well: each item type of a value gives
/// a `MultiValue<'static, T::Owned>`.
#[allow(dead_code)]
fn multi_value_owned_forms() {
    use mapi_codec::data::MultiValue;
    use mapi_codec::wire::{AnsiStr, Utf16Str};
    use std::borrow::Cow;
    fn strings<'a>(v: MultiValue<'a, Utf16Str<'a>>) -> MultiValue<'static, Utf16Str<'static>> {
        v.into_owned()
    }
    fn ansi<'a>(v: MultiValue<'a, AnsiStr<'a>>) -> MultiValue<'static, AnsiStr<'static>> {
        v.into_owned()
    }
    fn binaries<'a>(v: MultiValue<'a, Cow<'a, [u8]>>) -> MultiValue<'static, Cow<'static, [u8]>> {
        v.into_owned()
    }
    fn numbers(v: MultiValue<'_, i32>) -> MultiValue<'static, i32> {
        v.into_owned()
    }
}

/// For each type `T<'a>` listed: a function the compiler accepts only if
/// `T<'a>: IntoOwned<Owned = T<'static>>`; and the list of their names.
macro_rules! owned_forms {
    ($($($seg:ident)::+,)*) => {
        #[allow(dead_code)]
        fn owned_forms_are_static() {
            $({
                fn check<'a>(v: $($seg)::+<'a>) -> $($seg)::+<'static> {
                    IntoOwned::into_owned(v)
                }
            })*
        }

        /// The types listed, as written.
        const LISTED: &[&str] = &[$(stringify!($($seg)::+),)*];
    };
}

owned_forms! {
    mapi_codec::data::ServerId,
    mapi_codec::data::PropertyNameKind,
    mapi_codec::data::PropertyName,
    mapi_codec::data::X500Fields,
    mapi_codec::data::DistributionListFields,
    mapi_codec::data::RecipientString,
    mapi_codec::data::RecipientProperties,
    mapi_codec::data::RecipientRow,
    mapi_codec::data::Restriction,
    mapi_codec::data::RowValue,
    mapi_codec::data::PropertyRow,
    mapi_codec::data::PropertyRowSet,
    mapi_codec::data::PropertyTagArray,
    mapi_codec::data::TypedString,
    mapi_codec::data::PropertyValue,
    mapi_codec::data::TypedPropertyValue,
    mapi_codec::data::TaggedPropertyValue,
    mapi_codec::data::Flagged,
    mapi_codec::data::FlaggedPropertyValue,
    mapi_codec::data::FlaggedPropertyValueWithType,
    mapi_codec::data::rule::FolderEid,
    mapi_codec::data::rule::MoveCopyAction,
    mapi_codec::data::rule::ReplyAction,
    mapi_codec::data::rule::RecipientBlock,
    mapi_codec::data::rule::ActionData,
    mapi_codec::data::rule::ActionBlock,
    mapi_codec::data::rule::RuleActions,
    mapi_codec::data::rule::NamedPropertyInformation,
    mapi_codec::data::rule::ExtendedRuleActions,
    mapi_codec::data::rule::RuleData,
    mapi_codec::fxics::idset::Xid,
    mapi_codec::fxics::idset::SizedXid,
    mapi_codec::fxics::idset::PredecessorChangeList,
    mapi_codec::fxics::transfer::TransferItem,
    mapi_codec::fxics::stream::FtName,
    mapi_codec::fxics::stream::NamedInfo,
    mapi_codec::fxics::stream::Element,
    mapi_codec::fxics::stream::FtStream,
    mapi_codec::http::body::AuxiliaryBuffer,
    mapi_codec::http::body::RopBuffer,
    mapi_codec::http::emsmdb::ConnectRequest,
    mapi_codec::http::emsmdb::ConnectSuccess,
    mapi_codec::http::emsmdb::ExecuteRequest,
    mapi_codec::http::emsmdb::ExecuteSuccess,
    mapi_codec::http::emsmdb::DisconnectRequest,
    mapi_codec::http::emsmdb::DisconnectSuccess,
    mapi_codec::http::emsmdb::NotificationWaitRequest,
    mapi_codec::http::emsmdb::NotificationWaitSuccess,
    mapi_codec::http::headers::HeaderLine,
    mapi_codec::http::stream::ResponseStream,
    mapi_codec::nspi::LargePropertyTagArray,
    mapi_codec::nspi::BindRequest,
    mapi_codec::nspi::BindResponse,
    mapi_codec::nspi::UnbindRequest,
    mapi_codec::nspi::UnbindResponse,
    mapi_codec::nspi::CompareMIdsRequest,
    mapi_codec::nspi::CompareMIdsResponse,
    mapi_codec::nspi::DnToMIdRequest,
    mapi_codec::nspi::DnToMIdResponse,
    mapi_codec::nspi::GetMatchesRequest,
    mapi_codec::nspi::GetMatchesResponse,
    mapi_codec::nspi::GetPropListRequest,
    mapi_codec::nspi::GetPropListResponse,
    mapi_codec::nspi::GetPropsRequest,
    mapi_codec::nspi::GetPropsResponse,
    mapi_codec::nspi::GetSpecialTableRequest,
    mapi_codec::nspi::GetSpecialTableResponse,
    mapi_codec::nspi::GetTemplateInfoRequest,
    mapi_codec::nspi::GetTemplateInfoResponse,
    mapi_codec::nspi::ModLinkAttRequest,
    mapi_codec::nspi::ModLinkAttResponse,
    mapi_codec::nspi::ModPropsRequest,
    mapi_codec::nspi::ModPropsResponse,
    mapi_codec::nspi::QueryColumnsRequest,
    mapi_codec::nspi::QueryColumnsResponse,
    mapi_codec::nspi::QueryRowsRequest,
    mapi_codec::nspi::QueryRowsResponse,
    mapi_codec::nspi::ResolveNamesRequest,
    mapi_codec::nspi::ResolveNamesResponse,
    mapi_codec::nspi::ResortRestrictionRequest,
    mapi_codec::nspi::ResortRestrictionResponse,
    mapi_codec::nspi::SeekEntriesRequest,
    mapi_codec::nspi::SeekEntriesResponse,
    mapi_codec::nspi::UpdateStatRequest,
    mapi_codec::nspi::UpdateStatResponse,
    mapi_codec::nspi::GetMailboxUrlRequest,
    mapi_codec::nspi::GetMailboxUrlResponse,
    mapi_codec::nspi::GetAddressBookUrlRequest,
    mapi_codec::nspi::GetAddressBookUrlResponse,
    mapi_codec::nspi::EntryIdBytes,
    mapi_codec::nspi::AddressBookPropertyValue,
    mapi_codec::nspi::AddressBookTaggedPropertyValue,
    mapi_codec::nspi::AddressBookPropertyValueList,
    mapi_codec::nspi::AddressBookTypedPropertyValue,
    mapi_codec::nspi::AddressBookFlaggedPropertyValue,
    mapi_codec::nspi::AddressBookFlaggedPropertyValueWithType,
    mapi_codec::nspi::AbRowValue,
    mapi_codec::nspi::AddressBookPropertyRow,
    mapi_codec::nspi::ColumnsAndRows,
    mapi_codec::nspi::PropertyValueLists,
    mapi_codec::rop::buffer::HandleTable,
    mapi_codec::rop::buffer::RawRops,
    mapi_codec::rop::buffer::RopRequestBuffer,
    mapi_codec::rop::buffer::RopResponseBuffer,
    mapi_codec::rop::context::TransferFeed,
    mapi_codec::rop::fast_transfer::FastTransferDestinationPutBufferRequest,
    mapi_codec::rop::fast_transfer::GetBufferSuccess,
    mapi_codec::rop::fast_transfer::GetBufferFailure,
    mapi_codec::rop::fast_transfer::FastTransferSourceGetBufferResponse,
    mapi_codec::rop::field::PropTags,
    mapi_codec::rop::field::TaggedValues16,
    mapi_codec::rop::ics::Bytes32,
    mapi_codec::rop::ics::SynchronizationConfigureRequest,
    mapi_codec::rop::ics::SynchronizationImportMessageChangeRequest,
    mapi_codec::rop::ics::MessageReadState,
    mapi_codec::rop::ics::MessageReadStates,
    mapi_codec::rop::ics::SynchronizationImportReadStateChangesRequest,
    mapi_codec::rop::ics::SynchronizationImportHierarchyChangeRequest,
    mapi_codec::rop::ics::SynchronizationImportDeletesRequest,
    mapi_codec::rop::ics::SynchronizationImportMessageMoveRequest,
    mapi_codec::rop::ics::SynchronizationUploadStateStreamContinueRequest,
    mapi_codec::rop::other::BufferTooSmallResponse,
    mapi_codec::rop::other::BackoffResponse,
    mapi_codec::rop::permission::PermissionData,
    mapi_codec::rop::permission::ModifyPermissionsRequest,
    mapi_codec::rop::property::GetPropertyIdsFromNamesRequest,
    mapi_codec::rop::property::GetNamesFromPropertyIdsSuccess,
    mapi_codec::rop::property::GetPropertiesSpecificRequest,
    mapi_codec::rop::property::GetPropertiesSpecificSuccess,
    mapi_codec::rop::property::GetPropertiesAllSuccess,
    mapi_codec::rop::property::SetPropertiesRequest,
    mapi_codec::rop::property::QueryNamedPropertiesSuccess,
    mapi_codec::rop::property::GetNamesFromPropertyIdsResponse,
    mapi_codec::rop::property::GetPropertiesSpecificResponse,
    mapi_codec::rop::property::GetPropertiesAllResponse,
    mapi_codec::rop::property::QueryNamedPropertiesResponse,
    mapi_codec::rop::rule::ModifyRulesRequest,
    mapi_codec::rop::rule::UpdateDeferredActionMessagesRequest,
    mapi_codec::rop::stream::ReadStreamData,
    mapi_codec::rop::stream::WriteStreamRequest,
    mapi_codec::rop::stream::ReadStreamResponse,
    mapi_codec::rop::transport::GetAddressTypesSuccess,
    mapi_codec::rop::transport::TransportSendSuccess,
    mapi_codec::rop::transport::TransportNewMailRequest,
    mapi_codec::rop::transport::OptionsDataRequest,
    mapi_codec::rop::transport::OptionsDataSuccess,
    mapi_codec::rop::transport::GetAddressTypesResponse,
    mapi_codec::rop::transport::TransportSendResponse,
    mapi_codec::rop::transport::OptionsDataResponse,
    mapi_codec::rop::folder::FolderString,
    mapi_codec::rop::folder::GhostServers,
    mapi_codec::rop::folder::FolderInfo,
    mapi_codec::rop::folder::CreateFolderRequest,
    mapi_codec::rop::folder::CreateFolderSuccess,
    mapi_codec::rop::folder::SetSearchCriteriaRequest,
    mapi_codec::rop::folder::GetSearchCriteriaSuccess,
    mapi_codec::rop::folder::MovedFolder,
    mapi_codec::rop::folder::MoveFolderRequest,
    mapi_codec::rop::folder::CopyFolderRequest,
    mapi_codec::rop::folder::OpenFolderResponse,
    mapi_codec::rop::folder::CreateFolderResponse,
    mapi_codec::rop::folder::GetSearchCriteriaResponse,
    mapi_codec::rop::message::OpenEmbeddedMessageSuccess,
    mapi_codec::rop::message::OpenEmbeddedMessageResponse,
    mapi_codec::rop::message::OpenMessageSuccess,
    mapi_codec::rop::message::OpenMessageResponse,
    mapi_codec::rop::message::ModifyRecipientsRequest,
    mapi_codec::rop::message::ReadRecipientsSuccess,
    mapi_codec::rop::message::ReadRecipientsResponse,
    mapi_codec::rop::message::ReloadCachedInformationResponse,
    mapi_codec::rop::message::OpenRecipientRow,
    mapi_codec::rop::message::ReadRecipientRow,
    mapi_codec::rop::message::ModifyRecipientRow,
    mapi_codec::rop::notification::ChangedTags,
    mapi_codec::rop::notification::TableRowData,
    mapi_codec::rop::notification::NewMail,
    mapi_codec::rop::notification::NotificationData,
    mapi_codec::rop::notification::NotifyResponse,
    mapi_codec::rop::store::LogonRequest,
    mapi_codec::rop::store::LogonRedirect,
    mapi_codec::rop::store::LogonFailure,
    mapi_codec::rop::store::LogonResponse,
    mapi_codec::rop::store::ReadPerUserInformationSuccess,
    mapi_codec::rop::store::WritePerUserInformationRequest,
    mapi_codec::rop::store::ReadPerUserInformationResponse,
    mapi_codec::rop::store::ServerList,
    mapi_codec::rop::store::GetOwningServersSuccess,
    mapi_codec::rop::store::PublicFolderIsGhostedSuccess,
    mapi_codec::rop::store::GetOwningServersResponse,
    mapi_codec::rop::store::PublicFolderIsGhostedResponse,
    mapi_codec::rop::store::GetReceiveFolderRequest,
    mapi_codec::rop::store::GetReceiveFolderSuccess,
    mapi_codec::rop::store::SetReceiveFolderRequest,
    mapi_codec::rop::store::GetReceiveFolderTableSuccess,
    mapi_codec::rop::store::GetReceiveFolderResponse,
    mapi_codec::rop::store::GetReceiveFolderTableResponse,
    mapi_codec::rop::table::ExpandRowSuccess,
    mapi_codec::rop::table::GetCollapseStateSuccess,
    mapi_codec::rop::table::SetCollapseStateRequest,
    mapi_codec::rop::table::ExpandRowResponse,
    mapi_codec::rop::table::GetCollapseStateResponse,
    mapi_codec::rop::table::SetCollapseStateResponse,
    mapi_codec::rop::table::SeekRowBookmarkRequest,
    mapi_codec::rop::table::CreateBookmarkSuccess,
    mapi_codec::rop::table::FreeBookmarkRequest,
    mapi_codec::rop::table::CreateBookmarkResponse,
    mapi_codec::rop::table::RestrictionData,
    mapi_codec::rop::table::RowList,
    mapi_codec::rop::table::QueryRowsSuccess,
    mapi_codec::rop::table::FindRowRequest,
    mapi_codec::rop::table::FindRowSuccess,
    mapi_codec::rop::table::QueryRowsResponse,
    mapi_codec::rop::table::FindRowResponse,
    mapi_codec::rop::table::SetColumnsRequest,
    mapi_codec::rop::table::RestrictRequest,
    mapi_codec::rpc::ext::ExtendedBuffer,
    mapi_codec::rpc::ext::ExtendedBufferChain,
    mapi_codec::rpc::ext::MalformedRest,
    mapi_codec::rpc::auxiliary::AuxBlock,
    mapi_codec::rpc::auxiliary::AuxBlocks,
    mapi_codec::rpc::auxiliary::VarLayout,
    mapi_codec::rpc::auxiliary::AuxPerfClientInfo,
    mapi_codec::rpc::auxiliary::AuxPerfServerInfo,
    mapi_codec::rpc::auxiliary::AuxPerfProcessInfo,
    mapi_codec::rpc::auxiliary::AuxClientConnectionInfo,
    mapi_codec::rpc::auxiliary::AuxServerSessionInfo,
    mapi_codec::rpc::auxiliary::AuxProtocolDeviceIdentification,
    mapi_codec::wire::Bytes16,
    mapi_codec::wire::Utf16Str,
    mapi_codec::wire::AnsiStr,
    mapi_codec::wire::AnsiZ16,
    // Aliases of the body types.
    mapi_codec::http::emsmdb::ConnectResponse,
    mapi_codec::http::emsmdb::ExecuteResponse,
    mapi_codec::http::emsmdb::DisconnectResponse,
    mapi_codec::http::emsmdb::NotificationWaitResponse,
    mapi_codec::http::emsmdb::EmsmdbBody,
    mapi_codec::nspi::NspiBody,
    // The server layer's request bodies by X-RequestType.
    mapi_codec::server::request::Request,
}

/// `ResponseBody<'a, S>` takes its success fields as a parameter: its owned form is
/// `ResponseBody<'static, S::Owned>`.
#[allow(dead_code)]
fn response_body_is_static<'a>(
    v: mapi_codec::http::body::ResponseBody<'a, mapi_codec::nspi::BindResponse<'a>>,
) -> mapi_codec::http::body::ResponseBody<'static, mapi_codec::nspi::BindResponse<'static>> {
    v.into_owned()
}

/// Public types with a lifetime that are not message data, and why they have no owned form.
const NOT_MESSAGES: &[(&str, &str)] = &[
    ("Reader", "the cursor over the input"),
    (
        "MultiValue",
        "generic over its item type: its owned form is checked by multi_value_owned_forms",
    ),
    (
        "MultiValueIter",
        "the iterator over a PtypMultiple value's items (MultiValue::iter), borrowing it",
    ),
    (
        "RowValues",
        "the iterator over a row's cells (PropertyRow::values), borrowing the row",
    ),
    (
        "AbRowValues",
        "the iterator over an NSPI row's cells (AddressBookPropertyRow::values)",
    ),
    (
        "SpanProbe",
        "the field-span macros' borrowed probe of a part (tree::FieldSpans), never kept",
    ),
    (
        "Error",
        "the nom error, which points into the input it failed on",
    ),
    ("ResponseCtx", "a decoding context: borrowed arguments"),
    ("TableColumns", "a decoding context: borrowed arguments"),
    ("RecipientRowCtx", "a decoding context: borrowed arguments"),
    ("Cuts", "a decoding context: borrowed arguments"),
    ("Headers", "a view of a slice of HTTP header lines"),
    (
        "HttpRequest",
        "the server's view of a received request's parts",
    ),
    (
        "RequestHead",
        "the server's view of a request's header lines",
    ),
    (
        "Call",
        "a request being answered: borrows the received request",
    ),
    (
        "RopOutputBuilder",
        "a builder borrowing the request buffer it answers",
    ),
    (
        "RopRequestBuilder",
        "a builder: its output is a RopRequestBuffer",
    ),
    (
        "RopResponseBuilder",
        "a builder borrowing the request buffer it answers",
    ),
    (
        "ReceivedRequest",
        "the http interop's view of a received request",
    ),
    ("RequestType", "a view of an HTTP header value"),
    ("Application", "a view of an HTTP header value"),
    ("SessionCookies", "a view of HTTP header values"),
    (
        "ResponseBody",
        "generic over its success fields: response_body_is_static",
    ),
];

/// The names of the types declared with a lifetime in `src`: `pub struct Name<'a>` and
/// `pub enum Name<'a>` (by hand, or inside a macro invocation that declares one), the ROP
/// responses of `rop_response!` tables (`Name<'a> = ROP_ID`) and the lists of `to_end_list!`
/// (`Name<'a>(Entry<'a>)`).
fn declared_with_lifetime(src: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for line in src.lines() {
        let t = line.trim_start();
        if t.starts_with("//") || t.contains('$') {
            continue;
        }
        for decl in ["pub struct ", "pub enum "] {
            if let Some(i) = t.find(decl) {
                let rest = &t[i + decl.len()..];
                let name = ident(rest);
                if rest[name.len()..].starts_with("<'") {
                    out.push(name);
                }
            }
        }
        let name = ident(t);
        let starts_upper = name.starts_with(|c: char| c.is_ascii_uppercase());
        if let Some(rest) = t[name.len()..].strip_prefix("<'a>") {
            let table_row = rest
                .strip_prefix(" = ")
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()));
            let list =
                rest.starts_with('(') && rest.trim_end().ends_with(')') && !rest.contains(',');
            if starts_upper && (table_row || list) {
                out.push(name);
            }
        }
    }
    out
}

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), text));
        }
    }
}

#[test]
fn every_type_with_a_lifetime_is_listed() {
    let listed: Vec<&str> = LISTED
        .iter()
        .map(|p| p.rsplit("::").next().unwrap().trim())
        .collect();
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut found = 0;
    let mut missing = Vec::new();
    for (path, text) in &files {
        for name in declared_with_lifetime(text) {
            found += 1;
            let known =
                listed.contains(&name.as_str()) || NOT_MESSAGES.iter().any(|(n, _)| *n == name);
            if !known {
                missing.push(format!("{name} ({path})"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "types without an owned form listed here: {missing:?}"
    );
    // The scan sees the types it is meant to see (the crate declares over two hundred).
    assert!(found > 200, "{found}");
    for probe in [
        "RopRequestBuffer",
        "LogonResponse",
        "PredecessorChangeList",
        "AuxPerfClientInfo",
    ] {
        assert!(
            files
                .iter()
                .any(|(_, t)| declared_with_lifetime(t).iter().any(|n| n == probe)),
            "{probe}"
        );
    }
}

/// Flags 0, RopBufferSize, an RPC_HEADER_EXT (Version 0, Flags Last, Size and SizeActual the
/// payload's length) and `payload`: the head of an Execute request body, or the fields after
/// ErrorCode of its response.
fn rop_buffer(payload: &[u8]) -> Vec<u8> {
    let n = u16::try_from(payload.len()).unwrap();
    let mut v = Vec::new();
    v.extend_from_slice(&(8 + u32::from(n)).to_le_bytes());
    v.extend_from_slice(&[0x00, 0x00, 0x04, 0x00]);
    v.extend_from_slice(&n.to_le_bytes());
    v.extend_from_slice(&n.to_le_bytes());
    v.extend_from_slice(payload);
    v
}

/// Decodes an Execute request body and its response body and returns their ROP buffers,
/// which outlive both bodies.
fn execute_buffers(
    request: &[u8],
    response: &[u8],
) -> (
    Vec<RopRequestBuffer<'static>>,
    Vec<RopResponseBuffer<'static>>,
) {
    let req = ExecuteRequest::decode_exact(request, Limits::DEFAULT).unwrap();
    let requests = req
        .rop_request_buffers(None, Limits::DEFAULT)
        .unwrap()
        .into_owned();
    let resp = ExecuteResponse::decode_exact(response, Limits::DEFAULT).unwrap();
    let responses = resp
        .fields()
        .unwrap()
        .rop_response_buffers(&requests, None, Limits::DEFAULT)
        .unwrap()
        .into_owned();
    (requests, responses)
}

#[test]
fn execute_buffers_outlive_their_bodies() {
    // [MS-OXCROPS] 2.2.8.3.1: RopGetPropertiesSpecific (0x07), LogonId 0, InputHandleIndex 0,
    // PropertySizeLimit 0, WantUnicode 1, one tag: PidTagDisplayName (0x3001001F); RopSize
    // 15; a handle table of one handle.
    let rops_in = [
        0x0F, 0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x1F, 0x00, 0x01, 0x30,
        0x01, 0x00, 0x00, 0x00,
    ];
    let mut request = vec![0, 0, 0, 0];
    request.extend(rop_buffer(&rops_in));
    request.extend_from_slice(&[0x00, 0x80, 0x00, 0x00, 0, 0, 0, 0]);
    // [MS-OXCROPS] 2.2.8.3.2: RopId 0x07, InputHandleIndex 0, ReturnValue 0, RowData: a
    // PropertyRow with Flag 0 and the value "Inbox" (null-terminated UTF-16LE); RopSize 21.
    let rops_out = [
        0x15, 0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, b'I', 0, b'n', 0, b'b', 0, b'o', 0,
        b'x', 0, 0, 0, 0x01, 0x00, 0x00, 0x00,
    ];
    // StatusCode 0, ErrorCode 0, Flags 0, the ROP buffer, AuxiliaryBufferSize 0.
    let mut response = vec![0; 12];
    response.extend(rop_buffer(&rops_out));
    response.extend_from_slice(&[0, 0, 0, 0]);

    let (requests, responses) = execute_buffers(&request, &response);
    drop((request, response));

    let RopRequest::GetPropertiesSpecific(q) = &requests[0].rops[0] else {
        panic!("{:?}", requests[0].rops)
    };
    assert_eq!(q.property_tags.to_vec(), [PropTag(0x3001_001F)]);
    let RopResponse::GetPropertiesSpecific(r) = &responses[0].rops[0] else {
        panic!("{:?}", responses[0].rops)
    };
    let Outcome::Success(s) = &r.body else {
        panic!("{:?}", r.body)
    };
    assert_eq!(s.columns(), [PropTag(0x3001_001F)]);
    let Some(RowValue::Value(PropertyValue::String(name))) = s.row().get(0) else {
        panic!("{:?}", s.row())
    };
    assert_eq!(name.to_text().as_deref(), Some("Inbox"));
    assert_eq!(responses[0].handles.get(0), Some(1));
}
