//! The FastTransfer download of the sample: the message's stream and the two
//! RopFastTransferSourceGetBuffer calls that carry it, cut inside its subject.

use std::borrow::Cow;

use mapi_codec::data::PropTag;
use mapi_codec::fxics::stream::{Fixed, FtName, FtStream, Marker, NamedInfo};
use mapi_codec::rop::fast_transfer::{
    FastTransferSourceCopyToRequest, FastTransferSourceCopyToResponse,
    FastTransferSourceGetBufferRequest, FastTransferSourceGetBufferResponse, GetBufferSuccess,
    TransferStatus, GET_BUFFER_SIZE_SENTINEL,
};
use mapi_codec::rop::field::{Bytes16, List16, NoFields};
use mapi_codec::rop::{RopRequest, RopResponse};
use mapi_codec::wire::Encode;

use super::emsmdb::{execute_request, execute_response, COMPRESS, PLAIN};
use super::{
    BASE_TIME, H_DOWNLOAD, H_FOLDER, H_LOGON, H_MESSAGE, H_NEW, H_STREAM, H_TABLE, PSETID_COMMON,
    R, SENDERS, SUBJECTS, TAG_EMAIL, TAG_REMINDER_DELTA,
};

/// UTF-16LE with the terminator, as a FastTransfer stream carries PtypString values.
fn utf16z(s: &str) -> Vec<u8> {
    s.encode_utf16()
        .chain([0])
        .flat_map(u16::to_le_bytes)
        .collect()
}

/// The FastTransfer stream of the message ([MS-OXCFXICS] 2.2.4.3.14 messageContent: the
/// propList, then the recipient): what RopFastTransferSourceCopyTo on the message downloads.
pub(crate) fn message_stream() -> R<Vec<u8>> {
    let subject = utf16z(&format!("{} ({})", SUBJECTS[0], SENDERS[0]));
    let name = utf16z("Jane Doe");
    let email = utf16z("jane.doe@contoso.com");
    let mut w = FtStream::new();
    w.fixed(PropTag::MESSAGE_DELIVERY_TIME, None, Fixed::U64(BASE_TIME));
    w.fixed(
        TAG_REMINDER_DELTA,
        Some(NamedInfo {
            guid: PSETID_COMMON,
            name: FtName::Id(0x8501),
        }),
        Fixed::U32(15),
    );
    w.var(PropTag::SUBJECT, None, &subject)?;
    w.marker(Marker::START_RECIP);
    w.fixed(PropTag(0x0C15_0003), None, Fixed::U32(1));
    w.var(PropTag::DISPLAY_NAME, None, &name)?;
    w.var(TAG_EMAIL, None, &email)?;
    w.marker(Marker::END_TO_RECIP);
    Ok(w.to_bytes()?)
}

/// Where the first TransferBuffer ends: inside PidTagSubject's value (after the delivery time
/// (12 bytes), the named PidLidReminderDelta (29), the subject's tag and length (8) and 10
/// bytes of its text).
pub(crate) const FIRST_BUFFER: usize = 12 + 29 + 8 + 10;

/// RopFastTransferSourceGetBuffer on the download context: at most `size` bytes, or what the
/// server chooses up to `max` (BufferSize 0xBABE).
fn get_buffer_request(size: Option<u16>, max: u16) -> RopRequest<'static> {
    RopRequest::FastTransferSourceGetBuffer(FastTransferSourceGetBufferRequest {
        logon_id: 0,
        input_handle_index: 5,
        buffer_size: size.unwrap_or(GET_BUFFER_SIZE_SENTINEL),
        maximum_buffer_size: size.is_none().then_some(max),
    })
}

fn get_buffer_response(status: TransferStatus, piece: &[u8]) -> RopResponse<'static> {
    RopResponse::FastTransferSourceGetBuffer(FastTransferSourceGetBufferResponse::success(
        5,
        GetBufferSuccess {
            transfer_status: status,
            in_progress_count: if status == TransferStatus::DONE { 2 } else { 1 },
            total_step_count: 2,
            reserved: 0,
            transfer_buffer: Bytes16(Cow::Owned(piece.to_vec())),
        },
    ))
}

/// Execute 4: RopFastTransferSourceCopyTo ([MS-OXCROPS] 2.2.12.7) on the message creates a
/// download context; RopFastTransferSourceGetBuffer (2.2.12.4) returns the first part of its
/// stream, cut inside the subject (TransferStatus Partial).
pub(super) fn execute_download_first() -> R<(Vec<u8>, Vec<u8>)> {
    let request = vec![
        RopRequest::FastTransferSourceCopyTo(Box::new(FastTransferSourceCopyToRequest {
            logon_id: 0,
            input_handle_index: 3,
            output_handle_index: 5,
            level: 0,
            copy_flags: 0,
            // Unicode.
            send_options: 0x01,
            property_tags: List16(Vec::new()),
        })),
        get_buffer_request(Some(FIRST_BUFFER as u16), 0),
    ];
    let before = [H_LOGON, H_FOLDER, H_TABLE, H_MESSAGE, H_STREAM];
    let req = execute_request(
        request,
        &[&before[..], &[H_NEW]].concat(),
        PLAIN,
        0x0001_0008,
    )?;
    let stream = message_stream()?;
    let response = vec![
        RopResponse::FastTransferSourceCopyTo(FastTransferSourceCopyToResponse::success(
            5, NoFields,
        )),
        get_buffer_response(TransferStatus::PARTIAL, &stream[..FIRST_BUFFER]),
    ];
    let resp = execute_response(response, &[&before[..], &[H_DOWNLOAD]].concat(), COMPRESS)?;
    Ok((req, resp))
}

/// Execute 5: RopFastTransferSourceGetBuffer again: the rest of the stream (TransferStatus
/// Done), starting inside the subject.
pub(super) fn execute_download_rest() -> R<(Vec<u8>, Vec<u8>)> {
    let handles = [H_LOGON, H_FOLDER, H_TABLE, H_MESSAGE, H_STREAM, H_DOWNLOAD];
    let req = execute_request(
        vec![get_buffer_request(None, 0x1000)],
        &handles,
        PLAIN,
        0x0001_0008,
    )?;
    let stream = message_stream()?;
    let response = vec![get_buffer_response(
        TransferStatus::DONE,
        &stream[FIRST_BUFFER..],
    )];
    let resp = execute_response(response, &handles, PLAIN)?;
    Ok((req, resp))
}
