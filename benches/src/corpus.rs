//! The benchmark corpus, built by the codec's encoder at bench start (and checked by
//! `tests/corpus.rs`): the 300-ROP yardstick reproduced byte for byte, and one realistic input
//! per layer.

use mapi_codec::http::body::RopBuffer;
use mapi_codec::nspi::MinimalEntryId;
use std::borrow::Cow;

use mapi_codec::data::{FolderId, MessageId, PropTag, PropertyRow, PropertyValue, RowValue};
use mapi_codec::http::emsmdb::{ExecuteFlags, ExecuteRequest, ExecuteResponse, ExecuteSuccess};
use mapi_codec::nspi::{
    AbRowValue, AddressBookPropertyRow, AddressBookPropertyValue, AuxiliaryBuffer, ColumnsAndRows,
    ErrorCode, Has, QueryRowsResponse as NspiQueryRowsResponse, ResponseBody, Stat,
};
use mapi_codec::rop::fast_transfer::{
    FastTransferSourceGetBufferRequest, FastTransferSourceGetBufferResponse, GetBufferSuccess,
    TransferStatus, GET_BUFFER_SIZE_SENTINEL,
};
use mapi_codec::rop::field::Bytes16;
use mapi_codec::rop::message::OpenMessageRequest;
use mapi_codec::rop::other::ReleaseRequest;
use mapi_codec::rop::property::{
    GetPropertiesSpecificRequest, GetPropertiesSpecificResponse, GetPropertiesSpecificSuccess,
};
use mapi_codec::rop::table::{
    QueryRowsRequest, QueryRowsResponse, QueryRowsSuccess, RowList, SetColumnsRequest,
};
use mapi_codec::rop::{
    HandleTable, PropTags, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer,
};
use mapi_codec::rpc::ext::{BuildOptions, ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
use mapi_codec::wire::{Encode, FileTime, Utf16Str};

use crate::MIX_COLUMNS;

/// The handles of the yardstick's table.
const MIX_HANDLES: [u32; 4] = [0x100, 0x101, 0x102, 0x103];

/// The five requests of one round of the yardstick (see `../shared/bench/README.md`).
fn mix_round() -> [RopRequest<'static>; 5] {
    [
        RopRequest::GetPropertiesSpecific(GetPropertiesSpecificRequest {
            logon_id: 0,
            input_handle_index: 1,
            property_size_limit: 0,
            want_unicode: 1,
            property_tags: PropTags::new(&MIX_COLUMNS),
        }),
        RopRequest::SetColumns(SetColumnsRequest {
            logon_id: 0,
            input_handle_index: 2,
            set_columns_flags: 0,
            property_tags: PropTags::new(&MIX_COLUMNS),
        }),
        RopRequest::QueryRows(QueryRowsRequest {
            logon_id: 0,
            input_handle_index: 2,
            query_rows_flags: 0,
            forward_read: true.into(),
            row_count: 50,
        }),
        RopRequest::OpenMessage(OpenMessageRequest {
            logon_id: 0,
            input_handle_index: 1,
            output_handle_index: 3,
            code_page_id: 0x0FFF,
            folder_id: FolderId::from_u64(0x1234),
            open_mode_flags: 0,
            message_id: MessageId::from_u64(0x5678),
        }),
        RopRequest::Release(ReleaseRequest {
            logon_id: 0,
            input_handle_index: 3,
        }),
    ]
}

fn request_buffer(rops: Vec<RopRequest<'static>>, handles: &[u32]) -> Vec<u8> {
    RopRequestBuffer {
        rops,
        raw: None,
        handles: HandleTable::from_handles(handles),
    }
    .to_bytes()
    .expect("the request buffer encodes")
}

fn try_response_buffer(rops: Vec<RopResponse<'static>>, handles: &[u32]) -> Option<Vec<u8>> {
    RopResponseBuffer::new(rops, handles).to_bytes().ok()
}

fn response_buffer(rops: Vec<RopResponse<'static>>, handles: &[u32]) -> Vec<u8> {
    try_response_buffer(rops, handles).expect("the response buffer encodes")
}

/// `../shared/bench/rop-mix-300.bin`: an Execute rgbIn of one uncompressed extended buffer
/// (Last) around 60 rounds of the five requests and a 4-handle table.
pub fn rop_mix_300() -> Vec<u8> {
    let rops: Vec<RopRequest<'static>> = (0..60).flat_map(|_| mix_round()).collect();
    let buf = request_buffer(rops, &MIX_HANDLES);
    ExtendedBufferChain::pack(&[&buf], BuildOptions::default(), MAX_REQUEST_PAYLOAD)
        .expect("fits one buffer")
        .to_bytes()
        .expect("encodes")
}

/// A ROP input buffer of `n` small requests: RopRelease, RopQueryRows and RopOpenMessage in turn.
pub fn small_rops(n: usize) -> Vec<u8> {
    let round = mix_round();
    let rops = (0..n).map(|i| round[2 + i % 3].clone()).collect();
    request_buffer(rops, &MIX_HANDLES)
}

fn text(s: &str) -> PropertyValue<'static> {
    PropertyValue::String(Utf16Str::from_text(s).expect("no NUL"))
}

/// One contents-table row over [`MIX_COLUMNS`]: strings, integers, a time, binaries, a boolean.
pub fn mix_row(i: usize) -> PropertyRow<'static> {
    let values = vec![
        text(&format!("Sender Name {i}")),
        PropertyValue::Integer32(1000 + i as i32),
        text(&format!("Subject of message number {i}")),
        PropertyValue::Time(FileTime(0x01DA_3C45_7689_C000 + i as u64 * 600_000_000)),
        PropertyValue::Binary(Cow::Owned((0..46).map(|k| (i + k) as u8).collect())),
        PropertyValue::Integer32(1),
        text(&"Body preview text of a typical message. ".repeat(3)),
        PropertyValue::Integer32(0),
        PropertyValue::Boolean((i % 2 == 0).into()),
        PropertyValue::Binary(Cow::Owned(vec![0xAB; 22])),
    ];
    PropertyRow::new(false, values.into_iter().map(RowValue::Value).collect())
}

/// A request buffer (RopSetColumns, RopQueryRows) and the response buffer answering it with as
/// many rows as fit in `size` bytes; returns (request, response, rows).
pub fn query_rows(size: usize) -> (Vec<u8>, Vec<u8>, usize) {
    let round = mix_round();
    let request = request_buffer(vec![round[1].clone(), round[2].clone()], &MIX_HANDLES);
    let build = |n: usize| {
        let rows = (0..n).map(mix_row).collect();
        try_response_buffer(
            vec![
                RopResponse::SetColumns(mapi_codec::rop::table::SetColumnsResponse::success(
                    2,
                    mapi_codec::rop::table::TableStatusSuccess { table_status: 0 },
                )),
                RopResponse::QueryRows(QueryRowsResponse::success(
                    2,
                    QueryRowsSuccess {
                        origin: 0x02,
                        rows: RowList::new(MIX_COLUMNS, rows),
                    },
                )),
            ],
            &MIX_HANDLES,
        )
    };
    let empty = build(0).expect("encodes").len();
    let one = build(1).expect("encodes").len() - empty;
    let mut n = (size - empty) / one + 1;
    loop {
        match build(n) {
            Some(b) if b.len() <= size => return (request, b, n),
            _ => n -= 1,
        }
    }
}

/// `n` RopGetPropertiesSpecific requests over [`MIX_COLUMNS`] and the response buffer answering
/// each with one row; returns (request, response).
pub fn get_properties(n: usize) -> (Vec<u8>, Vec<u8>) {
    let rops = (0..n).map(|_| mix_round()[0].clone()).collect();
    let request = request_buffer(rops, &MIX_HANDLES);
    let responses = (0..n)
        .map(|i| {
            RopResponse::GetPropertiesSpecific(GetPropertiesSpecificResponse::success(
                1,
                GetPropertiesSpecificSuccess::new(MIX_COLUMNS, mix_row(i)),
            ))
        })
        .collect();
    (request, response_buffer(responses, &MIX_HANDLES))
}

/// A RopFastTransferSourceGetBuffer request and a response carrying `size` bytes of a
/// FastTransfer stream (properties of messages); returns (request, response).
pub fn fast_transfer_buffer(size: usize) -> (Vec<u8>, Vec<u8>) {
    let request = request_buffer(
        vec![RopRequest::FastTransferSourceGetBuffer(
            FastTransferSourceGetBufferRequest {
                logon_id: 0,
                input_handle_index: 1,
                buffer_size: GET_BUFFER_SIZE_SENTINEL,
                maximum_buffer_size: Some(size as u16),
            },
        )],
        &MIX_HANDLES,
    );
    let mut stream = Vec::with_capacity(size + 512);
    let mut i = 0u32;
    while stream.len() < size {
        // PidTagSubject (PtypString: length, then UTF-16LE) and PidTagMessageFlags.
        let subject: Vec<u8> = format!("Subject of message number {i}")
            .encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect();
        stream.extend(0x0037_001Fu32.to_le_bytes());
        stream.extend((subject.len() as u32).to_le_bytes());
        stream.extend(subject);
        stream.extend(0x0E07_0003u32.to_le_bytes());
        stream.extend(i.to_le_bytes());
        i += 1;
    }
    stream.truncate(size);
    let response = response_buffer(
        vec![RopResponse::FastTransferSourceGetBuffer(
            FastTransferSourceGetBufferResponse::success(
                1,
                GetBufferSuccess {
                    transfer_status: TransferStatus::PARTIAL,
                    in_progress_count: 1,
                    total_step_count: 2,
                    reserved: 0,
                    transfer_buffer: Bytes16(Cow::Owned(stream)),
                },
            ),
        )],
        &MIX_HANDLES,
    );
    (request, response)
}

/// The address-book columns of [`nspi_query_rows`].
pub const NSPI_COLUMNS: [PropTag; 5] = [
    PropTag(0x3001_001F),
    PropTag(0x39FE_001F),
    PropTag(0x3003_001F),
    PropTag(0x3900_0003),
    PropTag(0x3A17_001F),
];

/// A successful NSPI QueryRows response body ([MS-OXCMAPIHTTP] 2.2.5.12.2) holding `rows` over
/// `columns`, its STAT at the first of them.
fn nspi_rows_body(columns: Vec<PropTag>, rows: Vec<AddressBookPropertyRow<'_>>) -> Vec<u8> {
    let n = rows.len() as u32;
    ResponseBody::success(NspiQueryRowsResponse {
        error_code: ErrorCode(0),
        state: Has::some(Stat {
            current_rec: MinimalEntryId(0x1A15),
            num_pos: n,
            total_recs: n,
            ..Stat::at_start(1252, 0x0409)
        }),
        cols_and_rows: Has::some(ColumnsAndRows {
            columns: columns.into(),
            rows,
        }),
        auxiliary_buffer: AuxiliaryBuffer(None),
    })
    .to_bytes()
    .expect("encodes")
}

/// An NSPI QueryRows response body ([MS-OXCMAPIHTTP] 2.2.5.12) with `n` rows of five columns.
pub fn nspi_query_rows(n: usize) -> Vec<u8> {
    let ab = |v: PropertyValue<'static>| AbRowValue::Value(AddressBookPropertyValue::new(v));
    let rows = (0..n)
        .map(|i| {
            AddressBookPropertyRow::new(
                false,
                vec![
                    ab(text(&format!("Person Number {i}"))),
                    ab(text(&format!("person.{i}@contoso.com"))),
                    ab(text(&format!(
                        "/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=person{i}"
                    ))),
                    ab(PropertyValue::Integer32(0)),
                    ab(text("Software Engineer")),
                ],
            )
        })
        .collect();
    nspi_rows_body(NSPI_COLUMNS.to_vec(), rows)
}

/// An Execute response body ([MS-OXCMAPIHTTP] 2.2.4.2.2) whose rgbOut carries a 32 KB
/// row-heavy QueryRows response, LZ77-compressed, and obfuscated too when `xor_magic`.
pub fn execute_compressed(xor_magic: bool) -> Vec<u8> {
    let (_, response, _) = query_rows(MAX_REQUEST_PAYLOAD);
    let options = BuildOptions {
        compress: true,
        xor_magic,
    };
    execute_success(&[&response], options)
}

/// A successful Execute response body whose rgbOut packs the ROP buffers `payloads` with
/// `options`, as a server sends it.
pub fn execute_success(payloads: &[&[u8]], options: BuildOptions) -> Vec<u8> {
    let chain =
        ExtendedBufferChain::pack(payloads, options, MAX_REQUEST_PAYLOAD).expect("fits one buffer");
    ExecuteResponse::success(ExecuteSuccess {
        error_code: ErrorCode(0),
        flags: 0,
        rop_buffer: RopBuffer(Some(chain)),
        auxiliary_buffer: AuxiliaryBuffer(None),
    })
    .to_bytes()
    .expect("encodes")
}

/// The request that [`execute_compressed`]'s response answers.
pub fn execute_compressed_request() -> Vec<u8> {
    let (request, _, _) = query_rows(MAX_REQUEST_PAYLOAD);
    let chain =
        ExtendedBufferChain::pack(&[&request], BuildOptions::default(), MAX_REQUEST_PAYLOAD)
            .expect("fits one buffer");
    ExecuteRequest {
        flags: ExecuteFlags(0),
        rop_buffer: RopBuffer(Some(chain)),
        max_rop_out: 0x0001_0008,
        auxiliary_buffer: AuxiliaryBuffer(None),
    }
    .to_bytes()
    .expect("encodes")
}

/// Columns of [`get_properties_multi`] and [`nspi_query_rows_multi`]: a display name, then
/// PidTagAddressBookProxyAddresses and a named property (id 0x8010), multi-valued
/// (PtypMultipleString, PtypMultipleInteger32) or, for comparison, single-valued.
pub fn multi_columns(multi: bool) -> [PropTag; 3] {
    let mv = if multi { 0x1000 } else { 0 };
    [
        PropTag(0x3001_001F),
        PropTag(0x800F_001F | mv),
        PropTag(0x8010_0003 | mv),
    ]
}

/// The values of row `i` over [`multi_columns`]: three proxy addresses and four integers,
/// or (single-valued) the first of each.
fn multi_values(i: usize, multi: bool) -> Vec<PropertyValue<'static>> {
    let addresses: Vec<_> = ["SMTP", "smtp", "X500"]
        .iter()
        .map(|p| Utf16Str::from_text(&format!("{p}:person.{i}@contoso.com")).expect("no NUL"))
        .collect();
    let numbers: Vec<i32> = (0..4).map(|k| (i * 4 + k) as i32).collect();
    let (addresses, numbers) = if multi {
        (
            PropertyValue::MultipleString(addresses.into()),
            PropertyValue::MultipleInteger32(numbers.into()),
        )
    } else {
        (
            PropertyValue::String(addresses[0].clone()),
            PropertyValue::Integer32(numbers[0]),
        )
    };
    vec![text(&format!("Person Number {i}")), addresses, numbers]
}

/// `n` RopGetPropertiesSpecific requests over [`multi_columns`] and the response buffer
/// answering each with one row; returns (request, response).
pub fn get_properties_multi(n: usize, multi: bool) -> (Vec<u8>, Vec<u8>) {
    let columns = multi_columns(multi);
    let rops = (0..n)
        .map(|_| {
            RopRequest::GetPropertiesSpecific(GetPropertiesSpecificRequest {
                logon_id: 0,
                input_handle_index: 1,
                property_size_limit: 0,
                want_unicode: 1,
                property_tags: PropTags::new(&columns),
            })
        })
        .collect();
    let request = request_buffer(rops, &MIX_HANDLES);
    let responses = (0..n)
        .map(|i| {
            let row = PropertyRow::new(
                false,
                multi_values(i, multi)
                    .into_iter()
                    .map(RowValue::Value)
                    .collect(),
            );
            RopResponse::GetPropertiesSpecific(GetPropertiesSpecificResponse::success(
                1,
                GetPropertiesSpecificSuccess::new(columns, row),
            ))
        })
        .collect();
    (request, response_buffer(responses, &MIX_HANDLES))
}

/// An NSPI QueryRows response body with `n` rows over [`multi_columns`].
pub fn nspi_query_rows_multi(n: usize, multi: bool) -> Vec<u8> {
    let ab = |v: PropertyValue<'static>| AbRowValue::Value(AddressBookPropertyValue::new(v));
    let rows = (0..n)
        .map(|i| {
            AddressBookPropertyRow::new(false, multi_values(i, multi).into_iter().map(ab).collect())
        })
        .collect();
    nspi_rows_body(multi_columns(multi).to_vec(), rows)
}
