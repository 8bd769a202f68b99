//! The NSPI (address book) bodies of the sample: Bind, GetSpecialTable, QueryRows and
//! ResolveNames.

use mapi_codec::data::{PropTag, PropertyValue};
use mapi_codec::nspi::{
    AbRowValue, AddressBookPropertyRow, AddressBookPropertyValue, AddressBookPropertyValueList,
    AddressBookTaggedPropertyValue, AuxiliaryBuffer, BindRequest, BindResponse, CodePage,
    ColumnsAndRows, ErrorCode, GetSpecialTableRequest, GetSpecialTableResponse, Has,
    MinimalEntryId, PropertyValueLists, QueryRowsRequest, QueryRowsResponse, ResolveNamesRequest,
    ResolveNamesResponse, ResponseBody, Stat,
};
use mapi_codec::wire::{Guid, List32};

use super::{bodies, utf16, DN_PREFIX, R, TAG_DISPLAY_TYPE, TAG_EMAIL, TAG_SMTP, TAG_TITLE};

fn stat(current_rec: u32, num_pos: u32, total_recs: u32) -> Stat {
    Stat {
        current_rec: MinimalEntryId(current_rec),
        num_pos,
        total_recs,
        ..Stat::at_start(1252, 0x0409)
    }
}

fn ab(v: PropertyValue<'static>) -> AddressBookPropertyValue<'static> {
    AddressBookPropertyValue::new(v)
}

fn no_aux() -> AuxiliaryBuffer<'static> {
    AuxiliaryBuffer(None)
}

/// Bind ([MS-OXCMAPIHTTP] 2.2.5.1).
pub(super) fn bind() -> R<(Vec<u8>, Vec<u8>)> {
    let req = BindRequest {
        flags: 0,
        state: Has::some(stat(0, 0, 0)),
        auxiliary_buffer: no_aux(),
    };
    let resp = ResponseBody::success(BindResponse {
        error_code: ErrorCode(0),
        server_guid: Guid::from_fields(
            0x1C2D_3E4F,
            0x5A6B,
            0x4C7D,
            [0x8E, 0x9F, 0xA0, 0xB1, 0xC2, 0xD3, 0xE4, 0xF5],
        ),
        auxiliary_buffer: no_aux(),
    });
    bodies(req, resp)
}

/// GetSpecialTable ([MS-OXCMAPIHTTP] 2.2.5.8): the address book hierarchy table, Unicode
/// strings (flag NspiUnicodeStrings 0x04).
pub(super) fn get_special_table() -> R<(Vec<u8>, Vec<u8>)> {
    let req = GetSpecialTableRequest {
        flags: 0x04,
        state: Has::some(stat(0, 0, 0)),
        version: Has::none(),
        auxiliary_buffer: no_aux(),
    };
    let containers = [
        ("Global Address List", 0u32, 0i32),
        ("All Users", 0x0000_1A01, 1),
        ("All Rooms", 0x0000_1A02, 1),
        ("All Contacts", 0x0000_1A03, 1),
    ];
    let mut rows = Vec::new();
    for (name, id, depth) in containers {
        let tagged = |tag: u32, v: PropertyValue<'static>| AddressBookTaggedPropertyValue {
            tag: PropTag(tag),
            value: ab(v),
        };
        rows.push(AddressBookPropertyValueList {
            values: vec![
                tagged(0x3001_001F, PropertyValue::String(utf16(name)?)),
                tagged(0xFFFD_0003, PropertyValue::Integer32(id as i32)),
                tagged(0x3005_0003, PropertyValue::Integer32(depth)),
                tagged(0x3600_0003, PropertyValue::Integer32(0x0000_0009)),
                tagged(0xFFFB_000B, PropertyValue::Boolean((id == 0).into())),
            ],
        });
    }
    let resp = ResponseBody::success(GetSpecialTableResponse {
        error_code: ErrorCode(0),
        code_page: CodePage(1252),
        version: Has::some(1),
        rows: Has::some(PropertyValueLists(rows)),
        auxiliary_buffer: no_aux(),
    });
    bodies(req, resp)
}

fn person_row(name: &str, title: &str, cols: usize) -> R<AddressBookPropertyRow<'static>> {
    let alias: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let mut values = vec![
        AbRowValue::Value(ab(PropertyValue::String(utf16(name)?))),
        AbRowValue::Value(ab(PropertyValue::String(utf16(&format!(
            "{alias}@contoso.com"
        ))?))),
        AbRowValue::Value(ab(PropertyValue::String(utf16(&format!(
            "{DN_PREFIX}/cn=Recipients/cn={alias}"
        ))?))),
        AbRowValue::Value(ab(PropertyValue::Integer32(0))),
        AbRowValue::Value(ab(PropertyValue::String(utf16(title)?))),
    ];
    values.truncate(cols);
    Ok(AddressBookPropertyRow::new(false, values))
}

/// The rows of `people` over `cols` (the first `cols.len()` of the columns of
/// [`person_row`]).
fn people_rows(people: &[(&str, &str)], cols: &[PropTag]) -> R<Has<ColumnsAndRows<'static>>> {
    let rows = people
        .iter()
        .map(|(n, t)| person_row(n, t, cols.len()))
        .collect::<R<Vec<_>>>()?;
    Ok(Has::some(ColumnsAndRows {
        columns: cols.to_vec().into(),
        rows,
    }))
}

const PEOPLE: [(&str, &str); 5] = [
    ("Ann Lee", "Finance Manager"),
    ("Bo Chen", "Software Engineer"),
    ("Cy Diaz", "Designer"),
    ("Dee Okafor", "Sales Lead"),
    ("Eli Novak", "Support Engineer"),
];

/// QueryRows ([MS-OXCMAPIHTTP] 2.2.5.12): the first five rows of the Global Address List.
pub(super) fn query_rows() -> R<(Vec<u8>, Vec<u8>)> {
    let cols = vec![
        PropTag::DISPLAY_NAME,
        TAG_SMTP,
        TAG_EMAIL,
        TAG_DISPLAY_TYPE,
        TAG_TITLE,
    ];
    let req = QueryRowsRequest {
        flags: 0,
        state: Has::some(stat(0, 0, 0)),
        explicit_table: List32(Vec::new()),
        row_count: 5,
        columns: Has::some(cols.clone().into()),
        auxiliary_buffer: no_aux(),
    };
    let resp = ResponseBody::success(QueryRowsResponse {
        error_code: ErrorCode(0),
        state: Has::some(stat(0x0000_1A15, 5, 42)),
        cols_and_rows: people_rows(&PEOPLE, &cols)?,
        auxiliary_buffer: no_aux(),
    });
    bodies(req, resp)
}

/// MID_RESOLVED ([MS-OXNSPI] 2.2.1.8): the result of ANR on a name that maps to one object.
const MID_RESOLVED: MinimalEntryId = MinimalEntryId(0x0000_0002);

/// ResolveNames ([MS-OXCMAPIHTTP] 2.2.5.14): two names, each resolved to one entry.
pub(super) fn resolve_names() -> R<(Vec<u8>, Vec<u8>)> {
    let cols = vec![PropTag::DISPLAY_NAME, TAG_SMTP, TAG_EMAIL];
    let req = ResolveNamesRequest {
        reserved: 0,
        state: Has::some(stat(0, 0, 0)),
        property_tags: Has::some(cols.clone().into()),
        names: Has::some(List32(vec![utf16("ann")?, utf16("bo chen")?])),
        auxiliary_buffer: no_aux(),
    };
    let resp = ResponseBody::success(ResolveNamesResponse {
        error_code: ErrorCode(0),
        code_page: CodePage(1252),
        // Each name maps to exactly one object: MID_RESOLVED ([MS-OXNSPI] 3.1.4.7, 2.2.1.8).
        minimal_ids: Has::some(List32(vec![MID_RESOLVED, MID_RESOLVED])),
        rows_and_cols: people_rows(&PEOPLE[..2], &cols)?,
        auxiliary_buffer: no_aux(),
    });
    bodies(req, resp)
}
