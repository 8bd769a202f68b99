//! The address book endpoint's request types ([MS-OXCMAPIHTTP] 2.2.5, [MS-OXNSPI] 3.1.4):
//! GetSpecialTable, QueryRows and ResolveNames over the sample users.

use mapi_codec::data::{PropTag, PropertyValue};
use mapi_codec::nspi::{
    AbRowValue, AddressBookPropertyRow, AddressBookPropertyValue, AddressBookPropertyValueList,
    AddressBookTaggedPropertyValue, AuxiliaryBuffer, CodePage, ColumnsAndRows, ErrorCode,
    GetSpecialTableRequest, GetSpecialTableResponse, Has, MinimalEntryId, PropertyValueLists,
    QueryRowsRequest, QueryRowsResponse, ResolveNamesRequest, ResolveNamesResponse, Stat,
};
use mapi_codec::wire::List32;
use mapi_codec::wire::{Guid, Utf16Str};

use crate::mailbox::{self, Mailbox, User};

/// [MS-OXNSPI] 2.2.1.8 MID_UNRESOLVED: ANR found no object for the name.
pub const MID_UNRESOLVED: MinimalEntryId = MinimalEntryId(0);
/// [MS-OXNSPI] 2.2.1.8 MID_AMBIGUOUS: ANR found more than one object.
pub const MID_AMBIGUOUS: MinimalEntryId = MinimalEntryId(1);
/// [MS-OXNSPI] 2.2.1.8 MID_END_OF_TABLE: the position after the last row.
pub const MID_END_OF_TABLE: u32 = 2;
/// The server GUID Bind returns ([MS-OXCMAPIHTTP] 2.2.5.1.2 ServerGuid).
pub const SERVER_GUID: Guid = Guid::from_fields(
    0x1C2D_3E4F,
    0x5A6B,
    0x4C7D,
    [0x8E, 0x9F, 0xA0, 0xB1, 0xC2, 0xD3, 0xE4, 0xF5],
);

/// The columns of QueryRows and ResolveNames when the client names none.
pub fn default_columns() -> Vec<PropTag> {
    vec![
        PropTag::DISPLAY_NAME,
        mailbox::SMTP_ADDRESS,
        mailbox::EMAIL_ADDRESS,
        mailbox::DISPLAY_TYPE,
        mailbox::TITLE,
    ]
}

fn no_aux() -> AuxiliaryBuffer<'static> {
    AuxiliaryBuffer(None)
}

fn string(s: &str) -> Option<PropertyValue<'static>> {
    Utf16Str::from_text(s).ok().map(PropertyValue::String)
}

fn user_prop(u: &User, tag: PropTag) -> Option<PropertyValue<'static>> {
    match tag {
        PropTag::DISPLAY_NAME => string(&u.display_name),
        mailbox::SMTP_ADDRESS => string(&u.smtp),
        mailbox::EMAIL_ADDRESS => string(&u.dn),
        mailbox::TITLE => string(&u.title),
        // DT_MAILUSER ([MS-OXNSPI] 2.2.1.3).
        mailbox::DISPLAY_TYPE => Some(PropertyValue::Integer32(0)),
        _ => None,
    }
}

/// One AddressBookPropertyRow ([MS-OXCMAPIHTTP] 2.2.1.7) of `columns`; a value the user lacks
/// (or of another type) is an absent string, an empty binary, or zero, so the row stays
/// unflagged.
fn user_row(u: &User, columns: &[PropTag]) -> AddressBookPropertyRow<'static> {
    let values = columns
        .iter()
        .map(|&t| {
            let v = user_prop(u, t)
                .filter(|v| u32::from(v.prop_type().0) == t.0 & 0xFFFF)
                .map(AddressBookPropertyValue::new);
            AbRowValue::Value(v.unwrap_or_else(|| missing(t)))
        })
        .collect();
    AddressBookPropertyRow::new(false, values)
}

fn missing(t: PropTag) -> AddressBookPropertyValue<'static> {
    match t.0 & 0xFFFF {
        0x001F | 0x001E | 0x0102 => AddressBookPropertyValue::absent(),
        0x000B => AddressBookPropertyValue::new(PropertyValue::Boolean(false.into())),
        0x0014 => AddressBookPropertyValue::new(PropertyValue::Integer64(0)),
        _ => AddressBookPropertyValue::new(PropertyValue::Integer32(0)),
    }
}

/// GetSpecialTable ([MS-OXCMAPIHTTP] 2.2.5.8, [MS-OXNSPI] 3.1.4.1.3): the hierarchy table of
/// address book containers: the Global Address List and one container under it.
pub fn get_special_table(req: &GetSpecialTableRequest<'_>) -> GetSpecialTableResponse<'static> {
    let code_page = req.state.value.as_ref().map_or(1252, |s| s.code_page);
    let containers = [("Global Address List", 0, 0), ("All Users", 0x1A01, 1)];
    let rows = containers
        .iter()
        .filter_map(|&(name, id, depth)| {
            let tagged = |tag: u32, v: PropertyValue<'static>| AddressBookTaggedPropertyValue {
                tag: PropTag(tag),
                value: AddressBookPropertyValue::new(v),
            };
            Some(AddressBookPropertyValueList {
                values: vec![
                    tagged(0x3001_001F, string(name)?),
                    // PidTagEntryId's container id, PidTagDepth, PidTagContainerFlags
                    // (AB_RECIPIENTS | AB_SUBCONTAINERS), PidTagIsMaster.
                    tagged(0xFFFD_0003, PropertyValue::Integer32(id)),
                    tagged(0x3005_0003, PropertyValue::Integer32(depth)),
                    tagged(mailbox::CONTAINER_FLAGS.0, PropertyValue::Integer32(0x9)),
                    tagged(0xFFFB_000B, PropertyValue::Boolean((id == 0).into())),
                ],
            })
        })
        .collect();
    GetSpecialTableResponse {
        error_code: ErrorCode(0),
        code_page: CodePage(code_page),
        version: Has::some(1),
        rows: Has::some(PropertyValueLists(rows)),
        auxiliary_buffer: no_aux(),
    }
}

/// QueryRows ([MS-OXCMAPIHTTP] 2.2.5.12, [MS-OXNSPI] 3.1.4.1.8): the explicit table's rows
/// when one is given, else RowCount rows of the GAL from the STAT's NumPos; the returned STAT
/// moves past them.
pub fn query_rows(mailbox: &Mailbox, req: &QueryRowsRequest<'_>) -> QueryRowsResponse<'static> {
    let columns = req
        .columns
        .value
        .as_ref()
        .map_or_else(default_columns, |c| c.tags.to_vec());
    let mut state = req.state.value.unwrap_or(Stat::at_start(1252, 0x0409));
    let users: Vec<&User> = if req.explicit_table.0.is_empty() {
        let from = (state.num_pos as usize).min(mailbox.users.len());
        let take = (req.row_count as usize).min(mailbox.users.len() - from);
        let chosen: Vec<&User> = mailbox.users[from..from + take].iter().collect();
        state.num_pos = (from + take) as u32;
        state.current_rec = mailbox
            .users
            .get(from + take)
            .map_or(MinimalEntryId(MID_END_OF_TABLE), |u| MinimalEntryId(u.mid));
        chosen
    } else {
        req.explicit_table
            .0
            .iter()
            .filter_map(|m| mailbox.users.iter().find(|u| u.mid == m.0))
            .collect()
    };
    state.total_recs = mailbox.users.len() as u32;
    state.delta = 0;
    let rows = users.iter().map(|u| user_row(u, &columns)).collect();
    QueryRowsResponse {
        error_code: ErrorCode(0),
        state: Has::some(state),
        cols_and_rows: Has::some(ColumnsAndRows {
            columns: columns.into(),
            rows,
        }),
        auxiliary_buffer: no_aux(),
    }
}

/// ResolveNames ([MS-OXCMAPIHTTP] 2.2.5.14, [MS-OXNSPI] 3.1.4.1.17): ANR on each name; the
/// MinimalIds hold the MId of the one match, MID_AMBIGUOUS or MID_UNRESOLVED, and a row is
/// returned for each name that resolved.
pub fn resolve_names(
    mailbox: &Mailbox,
    req: &ResolveNamesRequest<'_>,
) -> ResolveNamesResponse<'static> {
    let columns = req
        .property_tags
        .value
        .as_ref()
        .map_or_else(default_columns, |c| c.tags.to_vec());
    let names: Vec<String> = req
        .names
        .value
        .as_ref()
        .map(|n| n.0.iter().map(|s| s.to_string_lossy()).collect())
        .unwrap_or_default();
    let mut mids = Vec::new();
    let mut rows = Vec::new();
    for name in &names {
        match mailbox.resolve(name)[..] {
            [one] => {
                mids.push(MinimalEntryId(one.mid));
                rows.push(user_row(one, &columns));
            }
            [] => mids.push(MID_UNRESOLVED),
            _ => mids.push(MID_AMBIGUOUS),
        }
    }
    let code_page = req.state.value.as_ref().map_or(1252, |s| s.code_page);
    ResolveNamesResponse {
        error_code: ErrorCode(0),
        code_page: CodePage(code_page),
        minimal_ids: Has::some(List32(mids)),
        rows_and_cols: Has::some(ColumnsAndRows {
            columns: columns.into(),
            rows,
        }),
        auxiliary_buffer: no_aux(),
    }
}
