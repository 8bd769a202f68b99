//! An Execute through the sans-IO client: RopLogon and RopGetPropertiesSpecific packed into
//! one request (compressed when that is smaller, and obfuscated), then the server's answer,
//! made here so that the example runs offline, read back and paired with the request.
//!
//! `cargo run -p mapi-codec --example client_execute`

use std::error::Error;

use mapi_codec::client::{Client, ClientConfig};
use mapi_codec::http::headers::HeaderLine;
use mapi_codec::http::stream::{put_done, put_meta_tag, MetaTag};
use mapi_codec::prelude::*;
use mapi_codec::rpc::ext::ExtFlags;

/// PidTagMessageSizeExtended (PtypInteger64, [MS-OXPROPS] 2.798): the store's size. It shares
/// its property ID with PidTagMessageSize (PtypInteger32), the name the tree gives both.
const MESSAGE_SIZE_EXTENDED: PropTag = PropTag(0x0E08_0014);
/// The Logon object's handle the "server" gives.
const LOGON_HANDLE: u32 = 0x0000_0051;

fn main() -> Result<(), Box<dyn Error>> {
    let mut client = Client::new(ClientConfig::new(Guid(*b"client-execute-1")));

    // RopLogon to a private mailbox (LogonFlags Private) into handle slot 0, then
    // RopGetPropertiesSpecific on that Logon object.
    let essdn =
        "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=janedoe";
    let columns = [PropTag::DISPLAY_NAME, MESSAGE_SIZE_EXTENDED];
    let mut rops = RopRequestBuffer::builder();
    let logon = rops.open(|slot| LogonRequest::private_mailbox(slot, essdn));
    rops.push(GetPropertiesSpecificRequest::new(logon, &columns));
    let request = rops.build()?;
    let plain = request.to_bytes()?.len();
    // The default Execute options ask for LZ77 and XorMagic: the payload is obfuscated, and
    // compressed only when that makes it smaller ([MS-OXCRPC] 3.1.4.1.1.2), which a buffer
    // this small and this varied is not.
    let req = client.execute(vec![request])?;
    let sent = ExecuteRequest::decode_exact(&req.body, Limits::DEFAULT)?;
    let flags = sent
        .rop_buffer
        .0
        .as_ref()
        .map(|c| c.buffers[0].header().flags);
    println!(
        "{} {} with {} headers: body {} bytes (ROP input buffer {} bytes plain; flags {:?})",
        req.method,
        req.path,
        req.headers.len(),
        req.body.len(),
        plain,
        flags,
    );
    assert!(flags.is_some_and(|f| f.contains(ExtFlags::XOR_MAGIC)));

    // The server's answer: the RopLogon response (private mailbox layout, [MS-OXCROPS]
    // 2.2.3.1.2) and the RopGetPropertiesSpecific row, in one ROP output buffer.
    let folder = |n: u64| FolderId::from_u64((n << 16) | 1);
    let logon_time = LogonTime {
        seconds: 0,
        minutes: 0,
        hour: 8,
        day_of_week: 5,
        day: 20,
        month: 11,
        year: 2026,
    };
    // The server reads the ROP buffer from the body the client sent.
    let received = sent.rop_request_buffers(None, Limits::DEFAULT)?;
    let request = &received[0];
    let mut answer = RopResponseBuffer::answering(request);
    answer.set_handle(logon, LOGON_HANDLE);
    answer.push(LogonResponse::success(
        logon,
        LogonPrivateSuccess::new(
            LogonFlags::PRIVATE.into(),
            std::array::from_fn(|i| folder(i as u64 + 1)),
            Guid([0x11; 16]),
            Guid([0x22; 16]),
            logon_time,
        )
        .into(),
    ));
    let row = PropertyRow::new(
        false,
        vec![
            RowValue::Value(PropertyValue::String(Utf16Str::from_text("Jane Doe")?)),
            RowValue::Value(PropertyValue::Integer64(123_456_789)),
        ],
    );
    answer.push(GetPropertiesSpecificResponse::success(
        logon,
        GetPropertiesSpecificSuccess::new(columns, row),
    ));
    let answer = answer.build()?;
    // Checked against the request it answers: a row that does not fit the requested tags,
    // or a handle index past the table, fails here rather than at the client.
    answer.to_bytes_with(request)?;
    let packed = BuildOptions {
        compress: true,
        xor_magic: true,
    };
    let body = ExecuteResponse::from(ExecuteSuccess::new(&answer, packed)?).to_bytes()?;
    let mut stream = Vec::new();
    put_meta_tag(&mut stream, MetaTag::Processing)?;
    let extra = [HeaderLine::new("X-ElapsedTime", "3")?];
    put_done(&mut stream, &extra, &body)?;

    // Read it as an HTTP stack would hand it over: the head, then the body in pieces.
    let mut reader = client.response(
        req.call,
        200,
        [
            ("X-ResponseCode", "0"),
            ("Content-Type", "application/mapi-http"),
        ],
    )?;
    for piece in stream.chunks(64) {
        reader.feed(piece)?;
    }
    let reply = client.finish_execute(reader)?;
    // The server compressed and obfuscated its answer (13 folder ids compress well).
    let got = ExecuteResponse::decode_exact(reply.response.body(), Limits::DEFAULT)?;
    let out_flags = got
        .fields()
        .and_then(|s| s.rop_buffer.0.as_ref())
        .map(|c| *c.buffers[0].header());
    println!(
        "response: body {} bytes, X-ElapsedTime {:?} ms, ROP output buffer {:?}",
        reply.response.body().len(),
        reply.response.elapsed_time()?,
        out_flags,
    );
    assert!(out_flags.is_some_and(|h| h.flags.contains(ExtFlags::COMPRESSED)));

    // The responses were decoded against the requests sent: the private logon layout from
    // the request's LogonFlags, the row from its property tags.
    let mut rops = reply.rops();
    let Some(RopResponse::Logon(logon)) = rops.next() else {
        return Err("no RopLogon response".into());
    };
    let Outcome::Success(LogonSuccess::Private(p)) = &logon.body else {
        return Err("RopLogon failed".into());
    };
    let handle = reply.responses[0].handles.get(0);
    println!(
        "RopLogon: Logon object {handle:08X?}, Inbox {:#x}",
        p.folder_ids.0[4].to_u64()
    );
    let Some(RopResponse::GetPropertiesSpecific(props)) = rops.next() else {
        return Err("no RopGetPropertiesSpecific response".into());
    };
    let Outcome::Success(s) = &props.body else {
        return Err("RopGetPropertiesSpecific failed".into());
    };
    // The row's cells are read from the response bytes as they are asked for.
    let cells: Vec<RowValue> = s.row().values().collect();
    let (name, size) = match &cells[..] {
        [RowValue::Value(PropertyValue::String(n)), RowValue::Value(PropertyValue::Integer64(z))] => {
            (n.to_string_lossy(), *z)
        }
        other => return Err(format!("unexpected row {other:?}").into()),
    };
    println!(
        "RopGetPropertiesSpecific: PidTagDisplayName {name:?}, PidTagMessageSizeExtended {size}"
    );
    assert_eq!(
        (name.as_str(), size, handle),
        ("Jane Doe", 123_456_789, Some(LOGON_HANDLE))
    );
    // The session learnt the logon: later requests on LogonId 0 decode with its flags.
    assert_eq!(client.session().logon_flags(0), Some(0x01));
    Ok(())
}
