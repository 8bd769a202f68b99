//! Encode what decodes (DESIGN.md): a value either fails to encode with a typed
//! [`EncodeError`](mapi_codec::wire::EncodeError), or its bytes decode, in the same context, to
//! the same value. Each test here is a value a user built that encoded before without
//! complaint and read back as something else (issue 18).

use mapi_codec::data::{PropTag, PropType, PropertyRow, PropertyValue, RowValue};
use mapi_codec::rop::field::PropTags;
use mapi_codec::rop::folder::{
    CopyFolderResponse, MoveCopyFailure, MoveCopyMessagesResponse, MoveFolderResponse,
};
use mapi_codec::rop::other::ReleaseRequest;
use mapi_codec::rop::property::{
    CopyPropertiesResponse, CopyToResponse, GetPropertiesSpecificRequest,
    GetPropertiesSpecificResponse, GetPropertiesSpecificSuccess, NullDestinationFailure,
};
use mapi_codec::rop::store::{
    LogonFolderIds, LogonPublicSuccess, LogonRequest, LogonResponse, LogonSuccess,
};
use mapi_codec::rop::stream::{CopyToStreamCounts, CopyToStreamFailure, CopyToStreamResponse};
use mapi_codec::rop::table::{
    QueryRowsRequest, QueryRowsResponse, QueryRowsSuccess, RowList, SetColumnsRequest,
    SetColumnsResponse, TableStatusSuccess,
};
use mapi_codec::rop::{
    HandleTable, Outcome, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer,
};
use mapi_codec::rpc::ext::{BuildOptions, ExtendedBuffer};
use mapi_codec::tree::ToTree;
use mapi_codec::wire::{
    AnsiZ16, Decode, DecodeWith, Encode, EncodeErrorKind, EncodeWith, Guid, Limits, Utf16Str,
};

const HANDLES: [u32; 1] = [0x10];

fn requests(rops: Vec<RopRequest<'static>>) -> RopRequestBuffer<'static> {
    RopRequestBuffer {
        rops,
        raw: None,
        handles: HandleTable::from_handles(&HANDLES),
    }
}

fn responses(rops: Vec<RopResponse<'static>>) -> RopResponseBuffer<'static> {
    RopResponseBuffer::new(rops, &HANDLES)
}

fn get_display_name() -> RopRequest<'static> {
    RopRequest::GetPropertiesSpecific(GetPropertiesSpecificRequest {
        logon_id: 0,
        input_handle_index: 0,
        property_size_limit: 0,
        want_unicode: 1,
        property_tags: PropTags::new(&[PropTag::DISPLAY_NAME]),
    })
}

fn row(v: PropertyValue<'static>) -> PropertyRow<'static> {
    PropertyRow::new(false, vec![RowValue::Value(v)])
}

fn properties(columns: Vec<PropTag>, v: PropertyValue<'static>) -> RopResponse<'static> {
    RopResponse::GetPropertiesSpecific(GetPropertiesSpecificResponse::success(
        0,
        GetPropertiesSpecificSuccess::new(columns, row(v)),
    ))
}

/// An Integer32 in the row answering a request for PidTagDisplayName (PtypString) read back
/// as the string "\u{7}": now refused, with or without the request.
#[test]
fn a_row_of_get_properties_specific_must_fit_the_requested_tags() {
    let rq = requests(vec![get_display_name()]);
    let wrong = responses(vec![properties(
        vec![PropTag::DISPLAY_NAME],
        PropertyValue::Integer32(7),
    )]);
    let e = wrong.to_bytes().unwrap_err();
    assert_eq!(
        e.kind(),
        &EncodeErrorKind::ColumnMismatch {
            column_type: PropType::STRING.0,
            value_type: Some(PropType::INTEGER32.0),
        }
    );
    assert_eq!(
        e.path_string(),
        "RopsList[0].RopGetPropertiesSpecific.RowData.ValueArray[0]"
    );
    assert!(wrong.to_bytes_with(&rq).is_err());

    // Columns that fit the row but are not the request's: the plain encoding cannot tell,
    // the encoding against the request refuses them.
    let other = responses(vec![properties(
        vec![PropTag::MESSAGE_SIZE],
        PropertyValue::Integer32(7),
    )]);
    other.to_bytes().unwrap();
    let e = other.to_bytes_with(&rq).unwrap_err();
    assert_eq!(e.kind().name(), "context-mismatch");
    assert_eq!(e.path_string(), "RopsList[0].RopGetPropertiesSpecific");

    // The right row reads back as itself.
    let text = Utf16Str::from_text("Inbox").unwrap();
    let ok = responses(vec![properties(
        vec![PropTag::DISPLAY_NAME],
        PropertyValue::String(text),
    )]);
    let bytes = ok.to_bytes_with(&rq).unwrap();
    let rq_bytes = rq.to_bytes().unwrap();
    let rq_back = RopRequestBuffer::decode_exact(&rq_bytes, Limits::STRICT).unwrap();
    let back = RopResponseBuffer::decode_with_exact(&bytes, &rq_back, Limits::STRICT).unwrap();
    assert_eq!(back, ok);
}

/// A handle index past the handle table encoded, and decoding then kept the ROP (and every
/// ROP after it) undecoded.
#[test]
fn handle_indexes_must_name_an_entry_of_the_table() {
    let release = |input_handle_index| {
        RopRequest::Release(ReleaseRequest {
            logon_id: 0,
            input_handle_index,
        })
    };
    let rq = requests(vec![release(0), release(5)]);
    let e = rq.to_bytes().unwrap_err();
    assert_eq!(
        e.kind(),
        &EncodeErrorKind::HandleIndexPastTable {
            field: "InputHandleIndex",
            index: 5,
            handles: 1,
        }
    );
    assert_eq!(e.path_string(), "RopsList[1].InputHandleIndex");
    // What the decoder does with those bytes: RopsList[1] malformed.
    let mut bytes = vec![0x08, 0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x05];
    bytes.extend_from_slice(&0x10u32.to_le_bytes());
    let back = RopRequestBuffer::decode_exact(&bytes, Limits::DEFAULT).unwrap();
    assert_eq!(back.rops.len(), 1);
    assert!(back.raw.is_some());
    // Re-encoding that decoded buffer gives its bytes back.
    assert_eq!(back.to_bytes().unwrap(), bytes);

    // A response's handle index, against the output buffer's table.
    let rq = requests(vec![get_display_name()]);
    let mut rs = responses(vec![properties(
        vec![PropTag::DISPLAY_NAME],
        PropertyValue::String(Utf16Str::from_text("x").unwrap()),
    )]);
    rs.handles = HandleTable::from_handles(&[]);
    for e in [
        rs.to_bytes().unwrap_err(),
        rs.to_bytes_with(&rq).unwrap_err(),
    ] {
        assert_eq!(e.kind().name(), "handle-index-past-table");
        assert_eq!(e.path_string(), "RopsList[0].InputHandleIndex");
    }
}

fn logon(essdn: AnsiZ16<'static>) -> RopRequest<'static> {
    RopRequest::Logon(Box::new(LogonRequest {
        logon_id: 0,
        output_handle_index: 0,
        logon_flags: 0x01,
        open_flags: 0x0100_0000,
        store_state: 0,
        essdn,
    }))
}

/// [MS-OXCROPS] 2.2.3.1.1: Essdn is a null-terminated ASCII string, EssdnSize its size. One
/// without its terminator was accepted both ways.
#[test]
fn an_essdn_carries_its_terminator() {
    let dn = b"/o=Org/cn=user";
    assert_eq!(
        AnsiZ16::from_wire(dn).unwrap_err().kind(),
        &EncodeErrorKind::Unterminated {
            what: "an 8-bit string"
        }
    );
    assert!(AnsiZ16::new(b"a\0b").is_err());
    let bytes = requests(vec![logon(AnsiZ16::new(dn).unwrap())])
        .to_bytes()
        .unwrap();
    // RopSize, RopId, LogonId, OutputHandleIndex, LogonFlags, OpenFlags, StoreState, then
    // EssdnSize (the string and its NUL) and Essdn.
    assert_eq!(&bytes[14..16], &(dn.len() as u16 + 1).to_le_bytes());
    assert_eq!(&bytes[16..16 + dn.len()], dn);
    assert_eq!(bytes[16 + dn.len()], 0);

    // Sent without its NUL: kept as sent, with a note, and refused by strict decoding.
    let mut sent = bytes.clone();
    sent.remove(16 + dn.len());
    sent[14] -= 1;
    sent[0] -= 1;
    let back = RopRequestBuffer::decode_exact(&sent, Limits::DEFAULT).unwrap();
    let RopRequest::Logon(l) = &back.rops[0] else {
        panic!("{back:?}")
    };
    assert!(!l.essdn.is_terminated());
    assert_eq!(back.to_tree().remarks().len(), 1);
    assert_eq!(back.to_bytes().unwrap(), sent);
    let e = RopRequestBuffer::decode_exact(&sent, Limits::STRICT).unwrap_err();
    assert_eq!(e.path_string(), "RopsList[0].RopLogon.Essdn");
}

/// RopResponseBuffer::request_indexes was a field filled by decoding and ignored by encoding:
/// a buffer built by hand had none. They are computed from the request now.
#[test]
fn request_indexes_follow_from_the_request() {
    let release = RopRequest::Release(ReleaseRequest {
        logon_id: 0,
        input_handle_index: 0,
    });
    let rq = requests(vec![release, get_display_name()]);
    let rs = responses(vec![properties(
        vec![PropTag::DISPLAY_NAME],
        PropertyValue::String(Utf16Str::from_text("x").unwrap()),
    )]);
    // RopRelease has no response: the one response answers request 1.
    assert_eq!(rs.request_indexes(&rq), [Some(1)]);
    assert_eq!(rs.request_index(&rq, 0), Some(1));
    let bytes = rs.to_bytes_with(&rq).unwrap();
    let back = RopResponseBuffer::decode_with_exact(&bytes, &rq, Limits::STRICT).unwrap();
    assert_eq!(back.request_indexes(&rq), [Some(1)]);
}

/// ExtendedBuffer.payload was a public field that encoding ignored (it writes the bytes as
/// sent): the three parts are now built together and read through accessors.
#[test]
fn an_extended_buffer_sends_its_payload() {
    let payload = b"abcabcabcabcabcabcabcabc".repeat(4);
    let options = BuildOptions {
        compress: true,
        xor_magic: true,
    };
    let b = ExtendedBuffer::build(&payload, options, true).unwrap();
    assert_eq!(b.payload(), &payload[..]);
    assert_eq!(usize::from(b.header().size_actual), payload.len());
    assert_eq!(usize::from(b.header().size), b.wire().len());
    let bytes = b.to_bytes().unwrap();
    let back = ExtendedBuffer::decode_exact(&bytes, Limits::STRICT).unwrap();
    assert_eq!(back.payload(), &payload[..]);
    assert_eq!(back, b);
}

/// Each response answers the next request with a RopId that may answer it.
#[test]
fn responses_answer_their_requests_in_order() {
    let rq = requests(vec![get_display_name()]);
    let set_columns = RopResponse::SetColumns(SetColumnsResponse::success(
        0,
        TableStatusSuccess { table_status: 0 },
    ));
    let e = responses(vec![set_columns]).to_bytes_with(&rq).unwrap_err();
    assert_eq!(
        e.kind(),
        &EncodeErrorKind::UnexpectedResponse {
            response: 0x12,
            request: Some(0x07),
        }
    );
    assert_eq!(e.path_string(), "RopsList[0]");
    let answer = || {
        properties(
            vec![PropTag::DISPLAY_NAME],
            PropertyValue::String(Utf16Str::from_text("x").unwrap()),
        )
    };
    let e = responses(vec![answer(), answer()])
        .to_bytes_with(&rq)
        .unwrap_err();
    assert_eq!(
        e.kind(),
        &EncodeErrorKind::UnexpectedResponse {
            response: 0x07,
            request: None,
        }
    );
    assert_eq!(e.path_string(), "RopsList[1]");
}

/// The rows of RopQueryRows are of the columns a RopSetColumns set on the table.
#[test]
fn table_rows_are_of_the_tables_columns() {
    let set = RopRequest::SetColumns(SetColumnsRequest {
        logon_id: 0,
        input_handle_index: 0,
        set_columns_flags: 0,
        property_tags: PropTags::new(&[PropTag::SUBJECT]),
    });
    let query = RopRequest::QueryRows(QueryRowsRequest {
        logon_id: 0,
        input_handle_index: 0,
        query_rows_flags: 0,
        forward_read: true.into(),
        row_count: 10,
    });
    let set_ok = RopResponse::SetColumns(SetColumnsResponse::success(
        0,
        TableStatusSuccess { table_status: 0 },
    ));
    let rows = |columns: Vec<PropTag>, v| {
        RopResponse::QueryRows(QueryRowsResponse::success(
            0,
            QueryRowsSuccess {
                origin: 2,
                rows: RowList::new(columns, vec![row(v)]),
            },
        ))
    };
    let rq = requests(vec![set, query.clone()]);
    let subject = || PropertyValue::String(Utf16Str::from_text("Hi").unwrap());
    let ok = responses(vec![
        set_ok.clone(),
        rows(vec![PropTag::SUBJECT], subject()),
    ]);
    let bytes = ok.to_bytes_with(&rq).unwrap();
    assert_eq!(
        RopResponseBuffer::decode_with_exact(&bytes, &rq, Limits::STRICT).unwrap(),
        ok
    );
    // Rows of other columns than the table's.
    let other = responses(vec![
        set_ok.clone(),
        rows(vec![PropTag::MESSAGE_SIZE], PropertyValue::Integer32(1)),
    ]);
    let e = other.to_bytes_with(&rq).unwrap_err();
    assert_eq!(e.kind().name(), "context-mismatch");
    assert_eq!(e.path_string(), "RopsList[1].RopQueryRows");
    // Rows of a table whose columns nothing set: the decoder could not read them.
    let alone = requests(vec![query]);
    let e = responses(vec![rows(vec![PropTag::SUBJECT], subject())])
        .to_bytes_with(&alone)
        .unwrap_err();
    assert_eq!(e.kind().name(), "missing-context");
}

/// The columns kept beside a row that the wire does not carry (a table notification's row, the
/// recipient rows of RopReadRecipients) are not ignored by plain encoding: the cells must fit
/// them, and rows decoded with columns cannot be sent without them.
#[test]
fn columns_kept_beside_rows_are_checked_by_plain_encoding() {
    use mapi_codec::data::{RecipientProperties, RecipientRow};
    use mapi_codec::rop::message::{OpenRecipientRow, ReadRecipientRow, ReadRecipientsSuccess};
    use mapi_codec::rop::notification::TableRowData;

    let display_name = PropTags::new(&[PropTag::DISPLAY_NAME]);
    // A notification's row of one string column holding an Integer32.
    let bad = TableRowData::Row {
        columns: display_name.clone(),
        row: row(PropertyValue::Integer32(7)),
    };
    let e = bad.to_bytes().unwrap_err();
    assert_eq!(e.kind().name(), "column-mismatch");
    let good = TableRowData::Row {
        columns: display_name.clone(),
        row: row(PropertyValue::String(Utf16Str::from_text("Ann").unwrap())),
    };
    let bytes = good.to_bytes().unwrap();
    assert_eq!(
        TableRowData::decode_with_exact(&bytes, Some(&display_name), Limits::STRICT).unwrap(),
        good
    );

    // RopReadRecipients: a recipient row whose properties are decoded cells.
    let recipient = |properties| ReadRecipientRow {
        row_id: 0,
        recipient: OpenRecipientRow {
            recipient_type: Default::default(),
            code_page_id: 1200,
            reserved: 0,
            recipient_row: RecipientRow {
                recipient_flags: 0,
                x500: None,
                distribution_list: None,
                address_type: None,
                email_address: None,
                display_name: None,
                simple_display_name: None,
                transmittable_display_name: None,
                properties,
            },
        },
    };
    let decoded = || {
        RecipientProperties::Row(row(PropertyValue::String(
            Utf16Str::from_text("Ann").unwrap(),
        )))
    };
    let without_columns = ReadRecipientsSuccess::new(vec![recipient(decoded())], None);
    let e = without_columns.to_bytes().unwrap_err();
    assert_eq!(e.kind().name(), "missing-context");
    assert_eq!(e.path_string(), "RecipientRows[0]");
    let wrong_columns = ReadRecipientsSuccess::new(
        vec![recipient(decoded())],
        Some(PropTags::new(&[PropTag::MESSAGE_SIZE])),
    );
    assert_eq!(
        wrong_columns.to_bytes().unwrap_err().kind().name(),
        "column-mismatch"
    );
    let fitting = ReadRecipientsSuccess::new(vec![recipient(decoded())], Some(display_name));
    assert!(fitting.to_bytes().is_ok());
    assert_eq!(fitting.columns().unwrap(), [PropTag::DISPLAY_NAME]);
}

/// A RopLogon success layout is the one the request's LogonFlags select.
#[test]
fn a_logon_answer_follows_the_logon_flags() {
    let rq = requests(vec![logon(AnsiZ16::new(b"/o=Org").unwrap())]);
    let public = RopResponse::Logon(Box::new(LogonResponse::success(
        0,
        LogonSuccess::Public(LogonPublicSuccess {
            logon_flags: 0,
            folder_ids: LogonFolderIds::default(),
            repl_id: 1,
            repl_guid: Guid([1; 16]),
            per_user_guid: Guid([0; 16]),
        }),
    )));
    let rs = responses(vec![public]);
    // The request asked for a private mailbox (LogonFlags 0x01).
    rs.to_bytes().unwrap();
    let e = rs.to_bytes_with(&rq).unwrap_err();
    assert_eq!(e.kind().name(), "context-mismatch");
    assert_eq!(e.path_string(), "RopsList[0].RopLogon");
}

/// The `if(ctx)` fields of `wire_struct!` (DestHandleIndex of the null destination failures)
/// are present exactly when ReturnValue is NullDestinationObject (0x00000503): every response
/// that holds one checks it.
#[test]
fn dest_handle_index_follows_the_return_value() {
    const NULL_DESTINATION: u32 = 0x0000_0503;
    let move_copy = |dest: Option<u32>| MoveCopyFailure {
        dest_handle_index: dest,
        partial_completion: false.into(),
    };
    let null = |dest: Option<u32>| NullDestinationFailure {
        dest_handle_index: dest,
    };
    let stream = |dest: Option<u32>| CopyToStreamFailure {
        dest_handle_index: dest,
        counts: CopyToStreamCounts {
            read_byte_count: 0,
            written_byte_count: 0,
        },
    };
    let all = |rv: u32, dest: Option<u32>| -> Vec<RopResponse<'static>> {
        vec![
            RopResponse::MoveCopyMessages(MoveCopyMessagesResponse {
                handle_index: 0,
                return_value: rv,
                body: Outcome::Failure(move_copy(dest)),
            }),
            RopResponse::MoveFolder(MoveFolderResponse {
                handle_index: 0,
                return_value: rv,
                body: Outcome::Failure(move_copy(dest)),
            }),
            RopResponse::CopyFolder(CopyFolderResponse {
                handle_index: 0,
                return_value: rv,
                body: Outcome::Failure(move_copy(dest)),
            }),
            RopResponse::CopyProperties(CopyPropertiesResponse {
                handle_index: 0,
                return_value: rv,
                body: Outcome::Failure(null(dest)),
            }),
            RopResponse::CopyTo(CopyToResponse {
                handle_index: 0,
                return_value: rv,
                body: Outcome::Failure(null(dest)),
            }),
            RopResponse::CopyToStream(CopyToStreamResponse {
                handle_index: 0,
                return_value: rv,
                body: Outcome::Failure(stream(dest)),
            }),
        ]
    };
    for rop in all(NULL_DESTINATION, Some(1))
        .into_iter()
        .chain(all(0x8004_0102, None))
    {
        rop.to_bytes().unwrap();
    }
    for rop in all(NULL_DESTINATION, None)
        .into_iter()
        .chain(all(0x8004_0102, Some(1)))
    {
        let e = rop.to_bytes().unwrap_err();
        assert_eq!(e.kind().name(), "outcome-mismatch", "{rop:?}");
    }
}

/// Found by the `rt_rop_exchange` fuzz target: RopBufferTooSmall's RequestBuffers run to the
/// end of RopsList ([MS-OXCROPS] 2.2.15.1.1), so a response after it was read as unprocessed
/// requests (testdata/vectors/project/2.2.15.1-ropbuffertoosmall-runs-to-end.toml).
#[test]
fn buffer_too_small_is_the_last_response() {
    use mapi_codec::rop::other::BufferTooSmallResponse;
    let too_small = |size_needed, b: &'static [u8]| {
        RopResponse::BufferTooSmall(BufferTooSmallResponse {
            size_needed,
            request_buffers: std::borrow::Cow::Borrowed(b),
        })
    };
    let rq = requests(vec![]);
    let rs = responses(vec![too_small(7, &[0xC7, 0x1C, 0x71]), too_small(0, &[])]);
    for e in [
        rs.to_bytes().unwrap_err(),
        rs.to_bytes_with(&rq).unwrap_err(),
    ] {
        assert_eq!(
            e.kind(),
            &EncodeErrorKind::NotLast {
                what: "RopBufferTooSmall"
            }
        );
        assert_eq!(e.path_string(), "RopsList[0]");
    }
    let last = responses(vec![too_small(7, &[0xC7, 0x1C, 0x71, 0xFF, 0x00, 0x00])]);
    let bytes = last.to_bytes_with(&rq).unwrap();
    assert_eq!(
        bytes,
        [
            0x0B, 0x00, 0xFF, 0x07, 0x00, 0xC7, 0x1C, 0x71, 0xFF, 0x00, 0x00, 0x10, 0x00, 0x00,
            0x00
        ]
    );
    let back = RopResponseBuffer::decode_with_exact(&bytes, &rq, Limits::STRICT).unwrap();
    assert_eq!(back, last);
}

/// One response alone, against the request it answers, as `DecodeWith<&RopRequest>` reads it.
#[test]
fn one_response_encodes_against_its_request() {
    let q = get_display_name();
    let text = || PropertyValue::String(Utf16Str::from_text("x").unwrap());
    let ok = properties(vec![PropTag::DISPLAY_NAME], text());
    let bytes = ok.to_bytes_with(&q).unwrap();
    let (rest, back) = RopResponse::decode_with(&bytes, &q).unwrap();
    assert!(rest.is_empty());
    assert_eq!(back, ok);
    // Columns other than the request's tags; no request at all (the row cannot be read).
    let other = properties(vec![PropTag::SUBJECT], text());
    assert_eq!(
        other.to_bytes_with(&q).unwrap_err().kind().name(),
        "context-mismatch"
    );
    let alone = ok.to_bytes_with((None, None)).unwrap_err();
    assert_eq!(alone.kind().name(), "missing-context");
    // A response of another RopId.
    let set_ok = RopResponse::SetColumns(SetColumnsResponse::success(
        0,
        TableStatusSuccess { table_status: 0 },
    ));
    assert_eq!(
        set_ok.to_bytes_with(&q).unwrap_err().kind().name(),
        "unexpected-response"
    );
}
