//! Round trips of the [MS-OXCROPS] 2.2.6 Message ROPs through whole ROP buffers: a request
//! buffer with one request and the response buffer that answers it. `decode(encode(x)) == x`
//! for both, and the bytes re-encode to themselves.

use mapi_codec::rop::RequestCtx;
use mapi_codec::wire::DecodeWith;
use std::borrow::Cow;

use mapi_codec::data::{
    DistributionListFields, Flagged, FlaggedPropertyValue, FolderId, MessageId, PropTag, PropType,
    PropertyRow, PropertyValue, RecipientProperties, RecipientRow, RecipientString, RowValue,
    TypedString, X500Fields, RECIPIENT_FLAG_D, RECIPIENT_FLAG_E, RECIPIENT_FLAG_I,
    RECIPIENT_FLAG_O, RECIPIENT_FLAG_T, RECIPIENT_FLAG_U, RECIPIENT_TYPE_MASK,
    RECIPIENT_TYPE_NO_TYPE, RECIPIENT_TYPE_PDL1, RECIPIENT_TYPE_PDL2, RECIPIENT_TYPE_X500DN,
};
use mapi_codec::rop::field::{Bytes16, List16};
use mapi_codec::rop::message::*;
use mapi_codec::rop::{
    HandleTable, NoFields, Outcome, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer,
    Session,
};
use mapi_codec::wire::{AnsiStr, Encode, Limits, Utf16Str};
use proptest::prelude::*;
use proptest::strategy::{BoxedStrategy, Union};

/// Three handle slots; every handle index is below 3.
const HANDLES: [u32; 3] = [0x41, 0x52, 0x63];

fn idx() -> impl Strategy<Value = u8> {
    0u8..3
}

fn mid() -> impl Strategy<Value = MessageId> {
    any::<u64>().prop_map(MessageId::from_u64)
}

fn folder_id() -> impl Strategy<Value = FolderId> {
    any::<u64>().prop_map(FolderId::from_u64)
}

fn utf16() -> impl Strategy<Value = Utf16Str<'static>> {
    "[^\u{0}]{0,8}".prop_map(|s| Utf16Str::from_text(&s).unwrap())
}

fn ansi() -> impl Strategy<Value = AnsiStr<'static>> {
    proptest::collection::vec(1u8..=255, 0..8).prop_map(|v| AnsiStr::from_vec(v).unwrap())
}

fn bytes16() -> impl Strategy<Value = Bytes16<'static>> {
    proptest::collection::vec(any::<u8>(), 0..10).prop_map(|v| Bytes16(Cow::Owned(v)))
}

fn typed_string() -> impl Strategy<Value = TypedString<'static>> {
    prop_oneof![
        Just(TypedString::None),
        Just(TypedString::Empty),
        ansi().prop_map(TypedString::String8),
        ansi().prop_map(TypedString::ReducedUnicode),
        utf16().prop_map(TypedString::Unicode),
    ]
}

/// A ReturnValue and the body it selects: 0 and the success fields, or a failure code and
/// the failure fields.
fn outcome<S, F>(
    success: impl Strategy<Value = S> + 'static,
    failure: impl Strategy<Value = F> + 'static,
) -> BoxedStrategy<(u32, Outcome<S, F>)>
where
    S: Clone + std::fmt::Debug + 'static,
    F: Clone + std::fmt::Debug + 'static,
{
    prop_oneof![
        success.prop_map(|s| (0, Outcome::Success(s))),
        (1u32.., failure).prop_map(|(rv, f)| (rv, Outcome::Failure(f))),
    ]
    .boxed()
}

fn plain_outcome<S: Clone + std::fmt::Debug + 'static>(
    success: impl Strategy<Value = S> + 'static,
) -> BoxedStrategy<(u32, Outcome<S, NoFields>)> {
    outcome(success, Just(NoFields))
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

fn value_of(ty: PropType) -> BoxedStrategy<PropertyValue<'static>> {
    match ty {
        PropType::STRING => utf16().prop_map(PropertyValue::String).boxed(),
        PropType::STRING8 => ansi().prop_map(PropertyValue::String8).boxed(),
        PropType::BINARY => proptest::collection::vec(any::<u8>(), 0..8)
            .prop_map(|v| PropertyValue::Binary(Cow::Owned(v)))
            .boxed(),
        PropType::INTEGER32 => any::<i32>().prop_map(PropertyValue::Integer32).boxed(),
        _ => any::<bool>().prop_map(PropertyValue::Boolean).boxed(),
    }
}

fn cell(ty: PropType, flagged: bool) -> BoxedStrategy<RowValue<'static>> {
    if !flagged {
        return value_of(ty).prop_map(RowValue::Value).boxed();
    }
    prop_oneof![
        value_of(ty).prop_map(|v| RowValue::Flagged(FlaggedPropertyValue(Flagged::Value(v)))),
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
        .prop_map(|(flagged, values)| RecipientProperties::Row(PropertyRow { flagged, values }))
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
        utf16().prop_map(RecipientString::Unicode).boxed()
    } else {
        ansi().prop_map(RecipientString::String8).boxed()
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
            (any::<u8>(), any::<u8>(), ansi())
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
            (bytes16(), bytes16())
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
            ansi().prop_map(Some).boxed()
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
            has_named_properties: h,
            subject_prefix: sp,
            normalized_subject: ns,
            recipient_count: rc,
            recipient_columns: cols,
            recipient_rows: rows,
        })
        .boxed()
}

// ---- one ROP exchange per case --------------------------------------------------------------

/// A request, its response, and the LogonFlags of its logon (when the request needs them).
type Case = (RopRequest<'static>, RopResponse<'static>, Option<u8>);

fn open_message() -> BoxedStrategy<Case> {
    (
        any::<u8>(),
        idx(),
        idx(),
        any::<u16>(),
        folder_id(),
        any::<u8>(),
        mid(),
        outcome(open_message_success(), Just(NoFields)),
    )
        .prop_map(|(l, i, o, cp, f, m, id, (rv, body))| {
            let q = OpenMessageRequest {
                logon_id: l,
                input_handle_index: i,
                output_handle_index: o,
                code_page_id: cp,
                folder_id: f,
                open_mode_flags: m,
                message_id: id,
            };
            let r = OpenMessageResponse {
                handle_index: o,
                return_value: rv,
                body,
            };
            (
                RopRequest::OpenMessage(q),
                RopResponse::OpenMessage(Box::new(r)),
                None,
            )
        })
        .boxed()
}

fn create_message() -> BoxedStrategy<Case> {
    let success = proptest::option::of(mid()).prop_map(|m| CreateMessageSuccess {
        has_message_id: m.is_some(),
        message_id: m,
    });
    (
        any::<u8>(),
        idx(),
        idx(),
        any::<u16>(),
        folder_id(),
        any::<bool>(),
        plain_outcome(success),
    )
        .prop_map(|(l, i, o, cp, f, a, (rv, body))| {
            let q = CreateMessageRequest {
                logon_id: l,
                input_handle_index: i,
                output_handle_index: o,
                code_page_id: cp,
                folder_id: f,
                associated_flag: a,
            };
            let r = CreateMessageResponse {
                handle_index: o,
                return_value: rv,
                body,
            };
            (
                RopRequest::CreateMessage(q),
                RopResponse::CreateMessage(r),
                None,
            )
        })
        .boxed()
}

fn save_changes_message() -> BoxedStrategy<Case> {
    let success = (idx(), mid()).prop_map(|(i, m)| SaveChangesMessageSuccess {
        input_handle_index: i,
        message_id: m,
    });
    (
        any::<u8>(),
        idx(),
        idx(),
        any::<u8>(),
        plain_outcome(success),
    )
        .prop_map(|(l, rh, i, f, (rv, body))| {
            let q = SaveChangesMessageRequest {
                logon_id: l,
                response_handle_index: rh,
                input_handle_index: i,
                save_flags: f,
            };
            let r = SaveChangesMessageResponse {
                handle_index: rh,
                return_value: rv,
                body,
            };
            (
                RopRequest::SaveChangesMessage(q),
                RopResponse::SaveChangesMessage(r),
                None,
            )
        })
        .boxed()
}

fn modify_recipients() -> BoxedStrategy<Case> {
    let rows = columns().prop_flat_map(|cols| {
        let row = (
            any::<u32>(),
            any::<u8>(),
            proptest::option::of(recipient_row(properties(cols.clone()))),
        )
            .prop_map(|(id, t, row)| ModifyRecipientRow {
                row_id: id,
                recipient_type: RecipientType(t),
                recipient_row: row,
            });
        (Just(cols), proptest::collection::vec(row, 0..3))
    });
    (any::<u8>(), idx(), rows, plain_outcome(Just(NoFields)))
        .prop_map(|(l, i, (cols, rows), (rv, body))| {
            let q = ModifyRecipientsRequest {
                logon_id: l,
                input_handle_index: i,
                recipient_columns: cols,
                recipient_rows: rows,
            };
            let r = ModifyRecipientsResponse {
                handle_index: i,
                return_value: rv,
                body,
            };
            (
                RopRequest::ModifyRecipients(Box::new(q)),
                RopResponse::ModifyRecipients(r),
                None,
            )
        })
        .boxed()
}

fn read_recipients() -> BoxedStrategy<Case> {
    let row = (
        any::<u32>(),
        any::<u8>(),
        any::<u16>(),
        any::<u16>(),
        recipient_row(undecoded_properties()),
    )
        .prop_map(|(id, t, cp, res, row)| ReadRecipientRow {
            row_id: id,
            recipient: OpenRecipientRow {
                recipient_type: RecipientType(t),
                code_page_id: cp,
                reserved: res,
                recipient_row: row,
            },
        });
    let success = proptest::collection::vec(row, 0..3).prop_map(|rows| ReadRecipientsSuccess {
        recipient_rows: rows,
        columns: None,
    });
    (
        any::<u8>(),
        idx(),
        any::<u32>(),
        any::<u16>(),
        plain_outcome(success),
    )
        .prop_map(|(l, i, id, res, (rv, body))| {
            let q = ReadRecipientsRequest {
                logon_id: l,
                input_handle_index: i,
                row_id: id,
                reserved: res,
            };
            let r = ReadRecipientsResponse {
                handle_index: i,
                return_value: rv,
                body,
            };
            (
                RopRequest::ReadRecipients(q),
                RopResponse::ReadRecipients(r),
                None,
            )
        })
        .boxed()
}

fn reload_and_simple() -> BoxedStrategy<Case> {
    let reload = (
        any::<u8>(),
        idx(),
        any::<u16>(),
        plain_outcome(open_message_success()),
    )
        .prop_map(|(l, i, res, (rv, body))| {
            (
                RopRequest::ReloadCachedInformation(ReloadCachedInformationRequest {
                    logon_id: l,
                    input_handle_index: i,
                    reserved: res,
                }),
                RopResponse::ReloadCachedInformation(Box::new(ReloadCachedInformationResponse {
                    handle_index: i,
                    return_value: rv,
                    body,
                })),
                None,
            )
        });
    let remove = (
        any::<u8>(),
        idx(),
        any::<u32>(),
        plain_outcome(Just(NoFields)),
    )
        .prop_map(|(l, i, res, (rv, body))| {
            (
                RopRequest::RemoveAllRecipients(RemoveAllRecipientsRequest {
                    logon_id: l,
                    input_handle_index: i,
                    reserved: res,
                }),
                RopResponse::RemoveAllRecipients(RemoveAllRecipientsResponse {
                    handle_index: i,
                    return_value: rv,
                    body,
                }),
                None,
            )
        });
    let status = any::<u32>().prop_map(|f| MessageStatusSuccess {
        message_status_flags: f,
    });
    let set_status = (
        any::<u8>(),
        idx(),
        mid(),
        any::<u32>(),
        any::<u32>(),
        plain_outcome(status.clone()),
    )
        .prop_map(|(l, i, m, f, k, (rv, body))| {
            (
                RopRequest::SetMessageStatus(SetMessageStatusRequest {
                    logon_id: l,
                    input_handle_index: i,
                    message_id: m,
                    message_status_flags: f,
                    message_status_mask: k,
                }),
                RopResponse::SetMessageStatus(SetMessageStatusResponse {
                    handle_index: i,
                    return_value: rv,
                    body,
                }),
                None,
            )
        });
    let get_status =
        (any::<u8>(), idx(), mid(), plain_outcome(status)).prop_map(|(l, i, m, (rv, body))| {
            (
                RopRequest::GetMessageStatus(GetMessageStatusRequest {
                    logon_id: l,
                    input_handle_index: i,
                    message_id: m,
                }),
                RopResponse::GetMessageStatus(GetMessageStatusResponse {
                    handle_index: i,
                    return_value: rv,
                    body,
                }),
                None,
            )
        });
    let partial = any::<bool>().prop_map(|p| SetReadFlagsResult {
        partial_completion: p,
    });
    let set_read_flags = (
        any::<u8>(),
        idx(),
        any::<bool>(),
        any::<u8>(),
        proptest::collection::vec(mid(), 0..4),
        outcome(partial.clone(), partial),
    )
        .prop_map(|(l, i, w, f, ids, (rv, body))| {
            (
                RopRequest::SetReadFlags(SetReadFlagsRequest {
                    logon_id: l,
                    input_handle_index: i,
                    want_asynchronous: w,
                    read_flags: f,
                    message_ids: List16(ids),
                }),
                RopResponse::SetReadFlags(SetReadFlagsResponse {
                    handle_index: i,
                    return_value: rv,
                    body,
                }),
                None,
            )
        });
    prop_oneof![reload, remove, set_status, get_status, set_read_flags].boxed()
}

fn set_message_read_flag() -> BoxedStrategy<Case> {
    let change = proptest::option::of((any::<u8>(), any::<[u8; 24]>()).prop_map(|(l, c)| {
        ReadStatusChange {
            logon_id: l,
            client_data: ClientData(c),
        }
    }))
    .prop_map(|c| SetMessageReadFlagSuccess {
        read_status_change: c,
    });
    (
        any::<u8>(),
        idx(),
        idx(),
        any::<u8>(),
        any::<u8>(),
        any::<[u8; 24]>(),
        plain_outcome(change),
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

fn attachments() -> BoxedStrategy<Case> {
    let open = (
        any::<u8>(),
        idx(),
        idx(),
        any::<u8>(),
        any::<u32>(),
        plain_outcome(Just(NoFields)),
    )
        .prop_map(|(l, i, o, f, a, (rv, body))| {
            (
                RopRequest::OpenAttachment(OpenAttachmentRequest {
                    logon_id: l,
                    input_handle_index: i,
                    output_handle_index: o,
                    open_attachment_flags: f,
                    attachment_id: a,
                }),
                RopResponse::OpenAttachment(OpenAttachmentResponse {
                    handle_index: o,
                    return_value: rv,
                    body,
                }),
                None,
            )
        });
    let created = any::<u32>().prop_map(|a| CreateAttachmentSuccess { attachment_id: a });
    let create =
        (any::<u8>(), idx(), idx(), plain_outcome(created)).prop_map(|(l, i, o, (rv, body))| {
            (
                RopRequest::CreateAttachment(CreateAttachmentRequest {
                    logon_id: l,
                    input_handle_index: i,
                    output_handle_index: o,
                }),
                RopResponse::CreateAttachment(CreateAttachmentResponse {
                    handle_index: o,
                    return_value: rv,
                    body,
                }),
                None,
            )
        });
    let delete = (
        any::<u8>(),
        idx(),
        any::<u32>(),
        plain_outcome(Just(NoFields)),
    )
        .prop_map(|(l, i, a, (rv, body))| {
            (
                RopRequest::DeleteAttachment(DeleteAttachmentRequest {
                    logon_id: l,
                    input_handle_index: i,
                    attachment_id: a,
                }),
                RopResponse::DeleteAttachment(DeleteAttachmentResponse {
                    handle_index: i,
                    return_value: rv,
                    body,
                }),
                None,
            )
        });
    let save = (
        any::<u8>(),
        idx(),
        idx(),
        any::<u8>(),
        plain_outcome(Just(NoFields)),
    )
        .prop_map(|(l, rh, i, f, (rv, body))| {
            (
                RopRequest::SaveChangesAttachment(SaveChangesAttachmentRequest {
                    logon_id: l,
                    response_handle_index: rh,
                    input_handle_index: i,
                    save_flags: f,
                }),
                RopResponse::SaveChangesAttachment(SaveChangesAttachmentResponse {
                    handle_index: rh,
                    return_value: rv,
                    body,
                }),
                None,
            )
        });
    let embedded_success = (any::<u8>(), mid(), open_message_success()).prop_map(|(r, m, s)| {
        OpenEmbeddedMessageSuccess {
            reserved: r,
            message_id: m,
            message: s,
        }
    });
    let embedded = (
        any::<u8>(),
        idx(),
        idx(),
        any::<u16>(),
        any::<u8>(),
        plain_outcome(embedded_success),
    )
        .prop_map(|(l, i, o, cp, f, (rv, body))| {
            (
                RopRequest::OpenEmbeddedMessage(OpenEmbeddedMessageRequest {
                    logon_id: l,
                    input_handle_index: i,
                    output_handle_index: o,
                    code_page_id: cp,
                    open_mode_flags: f,
                }),
                RopResponse::OpenEmbeddedMessage(Box::new(OpenEmbeddedMessageResponse {
                    handle_index: o,
                    return_value: rv,
                    body,
                })),
                None,
            )
        });
    let table = (
        any::<u8>(),
        idx(),
        idx(),
        any::<u8>(),
        plain_outcome(Just(NoFields)),
    )
        .prop_map(|(l, i, o, f, (rv, body))| {
            (
                RopRequest::GetAttachmentTable(GetAttachmentTableRequest {
                    logon_id: l,
                    input_handle_index: i,
                    output_handle_index: o,
                    table_flags: f,
                }),
                RopResponse::GetAttachmentTable(GetAttachmentTableResponse {
                    handle_index: o,
                    return_value: rv,
                    body,
                }),
                None,
            )
        });
    let valid_ids =
        proptest::collection::vec(any::<u32>(), 0..5).prop_map(|v| GetValidAttachmentsSuccess {
            attachment_ids: List16(v),
        });
    let valid = (any::<u8>(), idx(), plain_outcome(valid_ids)).prop_map(|(l, i, (rv, body))| {
        (
            RopRequest::GetValidAttachments(GetValidAttachmentsRequest {
                logon_id: l,
                input_handle_index: i,
            }),
            RopResponse::GetValidAttachments(GetValidAttachmentsResponse {
                handle_index: i,
                return_value: rv,
                body,
            }),
            None,
        )
    });
    prop_oneof![open, create, delete, save, embedded, table, valid].boxed()
}

fn any_case() -> impl Strategy<Value = Case> {
    Union::new(vec![
        open_message(),
        create_message(),
        save_changes_message(),
        modify_recipients(),
        read_recipients(),
        reload_and_simple(),
        set_message_read_flag(),
        attachments(),
    ])
}

fn check(case: Case) {
    let (request, response, logon_flags) = case;
    let mut session = Session::new();
    if let Some(f) = logon_flags {
        session.set_logon_flags(request.logon_id(), f);
    }
    let req = RopRequestBuffer {
        rops: vec![request],
        raw: None,
        handles: HandleTable::from_handles(&HANDLES),
    };
    let req_bytes = req.to_bytes().unwrap();
    assert_eq!(req_bytes.len(), req.encoded_len());
    let req_back = RopRequestBuffer::decode_with_exact(&req_bytes, &session, Limits::DEFAULT)
        .unwrap_or_else(|e| panic!("{e}: {req:?}"));
    assert_eq!(req_back, req);
    assert_eq!(req_back.to_bytes().unwrap(), req_bytes);

    let resp = RopResponseBuffer {
        rops: vec![response],
        request_indexes: vec![Some(0)],
        raw: None,
        handles: HandleTable::from_handles(&HANDLES),
    };
    let resp_bytes = resp.to_bytes().unwrap();
    assert_eq!(resp_bytes.len(), resp.encoded_len());
    let resp_back =
        RopResponseBuffer::decode_with_exact(&resp_bytes, (&req_back, &session), Limits::DEFAULT)
            .unwrap_or_else(|e| panic!("{e}: {resp:?}"));
    assert_eq!(resp_back, resp);
    assert_eq!(resp_back.to_bytes().unwrap(), resp_bytes);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn message_rop_round_trip(case in any_case()) {
        check(case);
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
        let _ = RopResponse::decode_with_from(&mut r, (None, cols.as_deref()));
    }
}
