//! Round trips of the [MS-OXCROPS] 2.2.6 Message ROPs through whole ROP buffers: a request
//! buffer with one request and the response buffer that answers it. `decode(encode(x)) == x`
//! for both, and the bytes re-encode to themselves.

#[macro_use]
mod common;

use std::borrow::Cow;

use common::{
    ansi, bytes16, check_rop_buffers, fid, mid, no_fields, outcome, succeeds_with, utf16, value_of,
};
use mapi_codec::data::{
    DistributionListFields, Flagged, FlaggedPropertyValue, PropTag, PropType, PropertyRow,
    RecipientProperties, RecipientRow, RecipientString, RowValue, TypedString, X500Fields,
    RECIPIENT_FLAG_D, RECIPIENT_FLAG_E, RECIPIENT_FLAG_I, RECIPIENT_FLAG_O, RECIPIENT_FLAG_T,
    RECIPIENT_FLAG_U, RECIPIENT_TYPE_MASK, RECIPIENT_TYPE_NO_TYPE, RECIPIENT_TYPE_PDL1,
    RECIPIENT_TYPE_PDL2, RECIPIENT_TYPE_X500DN,
};
use mapi_codec::rop::field::List16;
use mapi_codec::rop::folder::FlaggedGroup;
use mapi_codec::rop::message::*;
use mapi_codec::rop::{RequestCtx, RopRequest, RopResponse, Session};
use mapi_codec::wire::DecodeWith;
use proptest::prelude::*;
use proptest::strategy::{BoxedStrategy, Union};

/// Three handle slots; every handle index is below 3.
const HANDLES: [u32; 3] = [0x41, 0x52, 0x63];

fn idx() -> impl Strategy<Value = u8> {
    0u8..3
}

fn typed_string() -> impl Strategy<Value = TypedString<'static>> {
    prop_oneof![
        Just(TypedString::None),
        Just(TypedString::Empty),
        ansi(8).prop_map(TypedString::String8),
        ansi(8).prop_map(TypedString::ReducedUnicode),
        utf16(8).prop_map(TypedString::Unicode),
    ]
}

// ---- recipient rows -------------------------------------------------------------------------

/// Column tags of a few types.
fn column() -> impl Strategy<Value = PropTag> {
    prop_oneof![
        Just(PropTag(0x3001_001F)), // PidTagDisplayName, PtypString
        Just(PropTag(0x3002_001E)), // PidTagAddressType, PtypString8
        Just(PropTag(0x0FFF_0102)), // PidTagEntryId, PtypBinary
        Just(PropTag(0x0C15_0003)), // PidTagRecipientType, PtypInteger32
        Just(PropTag(0x3A40_000B)), // PidTagSendRichInfo, PtypBoolean
    ]
}

fn columns() -> impl Strategy<Value = Vec<PropTag>> {
    proptest::collection::vec(column(), 0..4)
}

fn cell(ty: PropType, flagged: bool) -> BoxedStrategy<RowValue<'static>> {
    if !flagged {
        return value_of(ty, 8).prop_map(RowValue::Value).boxed();
    }
    prop_oneof![
        value_of(ty, 8).prop_map(|v| RowValue::Flagged(FlaggedPropertyValue(Flagged::Value(v)))),
        Just(RowValue::Flagged(FlaggedPropertyValue(Flagged::Missing))),
        any::<u32>().prop_map(|e| RowValue::Flagged(FlaggedPropertyValue(Flagged::Error(e)))),
    ]
    .boxed()
}

/// RecipientProperties over the first k of `cols`, for some k.
fn properties(cols: Vec<PropTag>) -> BoxedStrategy<RecipientProperties<'static>> {
    (0..=cols.len(), any::<bool>())
        .prop_flat_map(move |(k, flagged)| {
            let cells: Vec<_> = cols[..k]
                .iter()
                .map(|t| cell(t.prop_type(), flagged))
                .collect();
            (Just(flagged), cells)
        })
        .prop_map(|(flagged, values)| RecipientProperties::Row(PropertyRow::new(flagged, values)))
        .boxed()
}

/// RecipientProperties as a response without recipient columns decodes them: kept bytes.
fn undecoded_properties() -> BoxedStrategy<RecipientProperties<'static>> {
    (any::<u16>(), proptest::collection::vec(any::<u8>(), 1..8))
        .prop_map(|(column_count, b)| RecipientProperties::Undecoded {
            column_count,
            bytes: Cow::Owned(b),
        })
        .boxed()
}

fn rstring(unicode: bool) -> BoxedStrategy<RecipientString<'static>> {
    if unicode {
        utf16(8).prop_map(RecipientString::Unicode).boxed()
    } else {
        ansi(8).prop_map(RecipientString::String8).boxed()
    }
}

fn opt_string(flags: u16, bit: u16) -> BoxedStrategy<Option<RecipientString<'static>>> {
    if flags & bit == 0 {
        Just(None).boxed()
    } else {
        rstring(flags & RECIPIENT_FLAG_U != 0)
            .prop_map(Some)
            .boxed()
    }
}

/// A RecipientRow whose optional fields follow its (arbitrary) RecipientFlags.
fn recipient_row(
    props: BoxedStrategy<RecipientProperties<'static>>,
) -> impl Strategy<Value = RecipientRow<'static>> {
    any::<u16>().prop_flat_map(move |flags| {
        let ty = flags & RECIPIENT_TYPE_MASK;
        let x500 = if ty == RECIPIENT_TYPE_X500DN {
            (any::<u8>(), any::<u8>(), ansi(8))
                .prop_map(|(a, d, x)| {
                    Some(X500Fields {
                        address_prefix_used: a,
                        display_type: d,
                        x500_dn: x,
                    })
                })
                .boxed()
        } else {
            Just(None).boxed()
        };
        let pdl = if ty == RECIPIENT_TYPE_PDL1 || ty == RECIPIENT_TYPE_PDL2 {
            (bytes16(10), bytes16(10))
                .prop_map(|(e, s)| {
                    Some(DistributionListFields {
                        entry_id: e,
                        search_key: s,
                    })
                })
                .boxed()
        } else {
            Just(None).boxed()
        };
        let address_type = if ty == RECIPIENT_TYPE_NO_TYPE && flags & RECIPIENT_FLAG_O != 0 {
            ansi(8).prop_map(Some).boxed()
        } else {
            Just(None).boxed()
        };
        (
            Just(flags),
            x500,
            pdl,
            address_type,
            opt_string(flags, RECIPIENT_FLAG_E),
            opt_string(flags, RECIPIENT_FLAG_D),
            opt_string(flags, RECIPIENT_FLAG_I),
            opt_string(flags, RECIPIENT_FLAG_T),
            props.clone(),
        )
            .prop_map(|(f, x, d, a, e, dn, s, t, p)| RecipientRow {
                recipient_flags: f,
                x500: x,
                distribution_list: d,
                address_type: a,
                email_address: e,
                display_name: dn,
                simple_display_name: s,
                transmittable_display_name: t,
                properties: p,
            })
    })
}

fn open_recipient_row(cols: Vec<PropTag>) -> impl Strategy<Value = OpenRecipientRow<'static>> {
    (
        any::<u8>(),
        any::<u16>(),
        any::<u16>(),
        recipient_row(properties(cols)),
    )
        .prop_map(|(t, c, r, row)| OpenRecipientRow {
            recipient_type: RecipientType(t),
            code_page_id: c,
            reserved: r,
            recipient_row: row,
        })
}

fn open_message_success() -> BoxedStrategy<OpenMessageSuccess<'static>> {
    columns()
        .prop_flat_map(|cols| {
            (
                any::<bool>(),
                typed_string(),
                typed_string(),
                any::<u16>(),
                proptest::collection::vec(open_recipient_row(cols.clone()), 0..3),
                Just(cols),
            )
        })
        .prop_map(|(h, sp, ns, rc, rows, cols)| OpenMessageSuccess {
            has_named_properties: (h).into(),
            subject_prefix: sp,
            normalized_subject: ns,
            recipient_count: rc,
            recipient_columns: cols.into(),
            recipient_rows: rows,
        })
        .boxed()
}

// ---- one ROP exchange per case --------------------------------------------------------------

/// A request, its response, and the LogonFlags of its logon (when the request needs them).
type Case = (RopRequest<'static>, RopResponse<'static>, Option<u8>);

/// A case of the ROP `$v`: a `$q` with any LogonId and InputHandleIndex, its other fields drawn from the strategies
/// written for them, and the `$r` answering it on the handle index of the request's `$role`
/// field, with a ReturnValue and body of `$o`.
macro_rules! case {
    ($v:ident: $q:ident { $($f:tt)* } => $($r:tt)*) => {
        answered!($v: $q { logon_id: any::<u8>(), input_handle_index: idx(), $($f)* } => $($r)*)
            .prop_map(|(q, r)| (q, r, None))
            .boxed()
    };
}

fn modify_recipients() -> BoxedStrategy<Case> {
    let rows = columns().prop_flat_map(|cols| {
        let row = fields!(ModifyRecipientRow {
            row_id: any::<u32>(),
            recipient_type: any::<u8>().prop_map(RecipientType),
            recipient_row: proptest::option::of(recipient_row(properties(cols.clone()))),
        });
        (Just(cols), proptest::collection::vec(row, 0..3))
    });
    let request = (any::<u8>(), idx(), rows).prop_map(|(logon_id, i, (cols, rows))| {
        ModifyRecipientsRequest {
            logon_id,
            input_handle_index: i,
            recipient_columns: cols.into(),
            recipient_rows: rows,
        }
    });
    answered!(ModifyRecipients, request, Input => ModifyRecipientsResponse, no_fields())
        .prop_map(|(q, r)| (q, r, None))
        .boxed()
}

fn read_recipients_success() -> impl Strategy<Value = ReadRecipientsSuccess<'static>> {
    let recipient = fields!(OpenRecipientRow {
        recipient_type: any::<u8>().prop_map(RecipientType),
        code_page_id: any::<u16>(),
        reserved: any::<u16>(),
        recipient_row: recipient_row(undecoded_properties()),
    });
    let row = fields!(ReadRecipientRow {
        row_id: any::<u32>(),
        recipient,
    });
    proptest::collection::vec(row, 0..3).prop_map(|rows| ReadRecipientsSuccess::new(rows, None))
}

fn set_message_read_flag() -> BoxedStrategy<Case> {
    let change = proptest::option::of(fields!(ReadStatusChange {
        logon_id: any::<u8>(),
        client_data: any::<[u8; 24]>().prop_map(ClientData),
    }))
    .prop_flat_map(|c| {
        (1u8..=255).prop_map(move |b| SetMessageReadFlagSuccess {
            // Any nonzero byte says LogonId and ClientData follow.
            read_status: FlaggedGroup {
                flag: mapi_codec::wire::Bool8(if c.is_some() { b } else { 0 }),
                fields: c,
            },
        })
    });
    (
        any::<u8>(),
        idx(),
        idx(),
        any::<u8>(),
        any::<u8>(),
        any::<[u8; 24]>(),
        succeeds_with(change),
    )
        .prop_map(|(l, rh, i, f, logon_flags, cd, (rv, body))| {
            // ClientData is present exactly for public folders logons (Private clear).
            let public = logon_flags & 0x01 == 0;
            let q = SetMessageReadFlagRequest {
                logon_id: l,
                response_handle_index: rh,
                input_handle_index: i,
                read_flags: f,
                client_data: public.then_some(ClientData(cd)),
            };
            let r = SetMessageReadFlagResponse {
                handle_index: rh,
                return_value: rv,
                body,
            };
            (
                RopRequest::SetMessageReadFlag(q),
                RopResponse::SetMessageReadFlag(r),
                Some(logon_flags),
            )
        })
        .boxed()
}

fn message_cases() -> Vec<BoxedStrategy<Case>> {
    let created = proptest::option::of(mid()).prop_map(|m| CreateMessageSuccess {
        has_message_id: (m.is_some()).into(),
        message_id: m,
    });
    let saved = fields!(SaveChangesMessageSuccess {
        input_handle_index: idx(),
        message_id: mid(),
    });
    let status = fields!(MessageStatusSuccess {
        message_status_flags: any::<u32>()
    });
    let partial = fields!(SetReadFlagsResult {
        partial_completion: any::<u8>().prop_map(mapi_codec::wire::Bool8)
    });
    let message_ids = proptest::collection::vec(mid(), 0..4).prop_map(List16);
    vec![
        case!(OpenMessage: OpenMessageRequest {
            output_handle_index: idx(), code_page_id: any::<u16>(), folder_id: fid(),
            open_mode_flags: any::<u8>(), message_id: mid()
        } => OpenMessageResponse(Output, succeeds_with(open_message_success()))),
        case!(CreateMessage: CreateMessageRequest {
            output_handle_index: idx(), code_page_id: any::<u16>(), folder_id: fid(),
            associated_flag: any::<u8>().prop_map(mapi_codec::wire::Bool8)
        } => CreateMessageResponse(Output, succeeds_with(created))),
        case!(SaveChangesMessage: SaveChangesMessageRequest {
            response_handle_index: idx(), save_flags: any::<u8>()
        } => SaveChangesMessageResponse(Response, succeeds_with(saved))),
        modify_recipients(),
        case!(ReadRecipients: ReadRecipientsRequest { row_id: any::<u32>(), reserved: any::<u16>() }
            => ReadRecipientsResponse(Input, succeeds_with(read_recipients_success()))),
        case!(ReloadCachedInformation: ReloadCachedInformationRequest { reserved: any::<u16>() }
            => ReloadCachedInformationResponse(Input, succeeds_with(open_message_success()))),
        case!(RemoveAllRecipients: RemoveAllRecipientsRequest { reserved: any::<u32>() }
            => RemoveAllRecipientsResponse(Input, no_fields())),
        case!(SetMessageStatus: SetMessageStatusRequest {
            message_id: mid(), message_status_flags: any::<u32>(), message_status_mask: any::<u32>()
        } => SetMessageStatusResponse(Input, succeeds_with(status.clone()))),
        case!(GetMessageStatus: GetMessageStatusRequest { message_id: mid() }
            => GetMessageStatusResponse(Input, succeeds_with(status))),
        case!(SetReadFlags: SetReadFlagsRequest {
            want_asynchronous: any::<u8>().prop_map(mapi_codec::wire::Bool8), read_flags: any::<u8>(), message_ids
        } => SetReadFlagsResponse(Input, outcome(partial.clone(), partial))),
        set_message_read_flag(),
    ]
}

fn attachment_cases() -> Vec<BoxedStrategy<Case>> {
    let created = fields!(CreateAttachmentSuccess {
        attachment_id: any::<u32>()
    });
    let embedded = fields!(OpenEmbeddedMessageSuccess {
        reserved: any::<u8>(),
        message_id: mid(),
        message: open_message_success(),
    });
    let attachment_ids = proptest::collection::vec(any::<u32>(), 0..5).prop_map(List16);
    let valid = fields!(GetValidAttachmentsSuccess { attachment_ids });
    vec![
        case!(OpenAttachment: OpenAttachmentRequest {
            output_handle_index: idx(), open_attachment_flags: any::<u8>(),
            attachment_id: any::<u32>()
        } => OpenAttachmentResponse(Output, no_fields())),
        case!(CreateAttachment: CreateAttachmentRequest { output_handle_index: idx() }
            => CreateAttachmentResponse(Output, succeeds_with(created))),
        case!(DeleteAttachment: DeleteAttachmentRequest { attachment_id: any::<u32>() }
            => DeleteAttachmentResponse(Input, no_fields())),
        case!(SaveChangesAttachment: SaveChangesAttachmentRequest {
            response_handle_index: idx(), save_flags: any::<u8>()
        } => SaveChangesAttachmentResponse(Response, no_fields())),
        case!(OpenEmbeddedMessage: OpenEmbeddedMessageRequest {
            output_handle_index: idx(), code_page_id: any::<u16>(), open_mode_flags: any::<u8>()
        } => OpenEmbeddedMessageResponse(Output, succeeds_with(embedded))),
        case!(GetAttachmentTable: GetAttachmentTableRequest {
            output_handle_index: idx(), table_flags: any::<u8>()
        } => GetAttachmentTableResponse(Output, no_fields())),
        case!(GetValidAttachments: GetValidAttachmentsRequest {}
            => GetValidAttachmentsResponse(Input, succeeds_with(valid))),
    ]
}

fn any_case() -> impl Strategy<Value = Case> {
    let mut cases = message_cases();
    cases.extend(attachment_cases());
    Union::new(cases)
}

/// The case's request and response round trip in their buffers, in a session that knows the
/// LogonFlags of the request's logon when the case gives them.
fn check(case: Case) -> Result<(), TestCaseError> {
    let (request, response, logon_flags) = case;
    let mut session = Session::new();
    if let Some(f) = logon_flags {
        session.set_logon_flags(request.logon_id(), f);
    }
    check_rop_buffers(vec![request], vec![response], &HANDLES, Some(&session))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn message_rop_round_trip(case in any_case()) {
        check(case)?;
    }

    /// Arbitrary bytes after a Message ROP id never panic, whatever the context.
    #[test]
    fn arbitrary_message_rop_bytes(
        id in prop_oneof![
            Just(0x03u8), Just(0x06), Just(0x0C), Just(0x0D), Just(0x0E), Just(0x0F),
            Just(0x10), Just(0x11), Just(0x1F), Just(0x20), Just(0x21), Just(0x22),
            Just(0x23), Just(0x24), Just(0x25), Just(0x46), Just(0x52), Just(0x66),
        ],
        body in proptest::collection::vec(any::<u8>(), 0..48),
        cols in proptest::option::of(columns()),
    ) {
        let mut b = vec![id];
        b.extend(&body);
        let _ = RopRequest::decode_with(&b, RequestCtx::default());
        let mut r = mapi_codec::wire::Reader::new(&b);
        let cols = cols.map(mapi_codec::data::PropTags::from);
        let _ = RopResponse::decode_with_from(&mut r, (None, cols.as_ref()));
    }
}
