//! A server handler answering an Execute offline, through the sans-IO server layer
//! (`mapi_codec::server`): a Connect opens a session, then an Execute carrying RopLogon and
//! RopGetPropertiesSpecific (the mailbox owner's display name) is checked, answered within
//! its MaxRopOut and packed as its flags ask. The request bytes are built here, no socket is
//! opened, and the answer is decoded back as a client would.
//!
//! ```text
//! cargo run -p mapi-codec --example server_execute
//! ```

use std::error::Error;
use std::time::{Duration, Instant, SystemTime};

use mapi_codec::data::GlobalCounter;
use mapi_codec::http::emsmdb::{ConnectRequest, ConnectResponse, ConnectSuccess};
use mapi_codec::http::headers::{HeaderLine, Headers};
use mapi_codec::http::stream::ResponseStream;
use mapi_codec::nspi::{AuxiliaryBuffer, ErrorCode};
use mapi_codec::prelude::*;
use mapi_codec::server::{
    execute_failure, execute_success, rop_input, Answered, HttpRequest, Reply, Request,
    RopOutputBuilder, Server, ServerConfig,
};

/// The handle this server gives the Logon object.
const LOGON_HANDLE: u32 = 0x0000_0100;
const OWNER: &str = "Jane Doe";

/// What the server keeps per session: the objects it created (here, whether the logon is).
#[derive(Default)]
struct Objects {
    logon: Option<u32>,
}

fn main() -> Result<(), Box<dyn Error>> {
    // Cookie values from a counter: this example is deterministic; a real server uses a CSPRNG.
    let mut n = 0u8;
    let random = move |b: &mut [u8]| {
        n = n.wrapping_add(1);
        b.fill(n);
    };
    let mut server: Server<Objects> = Server::new(ServerConfig::default(), random);
    let t0 = Instant::now();
    let wall = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_161_600);

    // Connect: opens the session and sets its cookies.
    let connect = ConnectRequest {
        user_dn: AnsiStr::from_wire(b"/o=Contoso/ou=Exchange/cn=Recipients/cn=jane")?,
        flags: 0,
        default_code_page: 1252,
        lcid_sort: 0x409,
        lcid_string: 0x409,
        auxiliary_buffer: AuxiliaryBuffer(None),
    }
    .to_bytes()?;
    let headers = request_headers("Connect", 1, &[])?;
    let (reply, _) = serve(&mut server, t0, wall, &headers, &connect)?;
    let cookies: Vec<String> = Headers(&reply.head.headers)
        .all("Set-Cookie")
        .filter_map(|h| h.value().split(';').next().map(str::to_string))
        .collect();
    println!(
        "Connect: X-ResponseCode {}, cookies {cookies:?}",
        reply.head.response_code.0
    );

    // Execute: RopLogon into a new handle-table slot, then RopGetPropertiesSpecific on it,
    // compressed and obfuscated.
    let mut rops = RopRequestBuffer::builder();
    let logon = rops.open(|slot| {
        LogonRequest::private_mailbox(slot, "/o=Contoso/ou=Exchange/cn=Recipients/cn=jane")
    });
    rops.push(GetPropertiesSpecificRequest::new(
        logon,
        &[PropTag::DISPLAY_NAME],
    ));
    let request = rops.build()?;
    let packed = BuildOptions {
        compress: true,
        xor_magic: true,
    };
    let execute = ExecuteRequest::with_options(&request, ExecuteFlags(0), packed)?.to_bytes()?;
    let headers = request_headers("Execute", 2, &cookies)?;
    let at = t0 + Duration::from_millis(40);
    let (reply, stream) = serve(&mut server, at, wall, &headers, &execute)?;
    println!("Execute response head (HTTP {}):", reply.head.status);
    for h in &reply.head.headers {
        println!("  {}", h.as_str());
    }

    // The client's side: the stream, the body, the ROP output buffer against its request.
    let stream = ResponseStream::decode_exact(&stream, Limits::DEFAULT)?;
    println!(
        "stream: meta-tags {:?}, additional headers {:?}, body {} bytes",
        stream.meta_tags,
        stream
            .additional_headers
            .iter()
            .map(HeaderLine::as_str)
            .collect::<Vec<_>>(),
        stream.body.len()
    );
    let body = ExecuteResponse::decode_exact(&stream.body, Limits::DEFAULT)?;
    let success = body.fields().ok_or("the Execute failed")?;
    let output = success.rop_response_buffers(&[request], None, Limits::DEFAULT)?;
    let out = output.first().ok_or("no ROP output buffer")?;
    let name = match (&out.rops[..], out.raw.as_ref()) {
        ([RopResponse::Logon(l), RopResponse::GetPropertiesSpecific(g)], None)
            if l.return_value == 0 =>
        {
            match g
                .body
                .success()
                .map(|s| s.row().values().collect::<Vec<_>>())
                .as_deref()
            {
                Some([RowValue::Value(PropertyValue::String(s))]) => s.to_string_lossy(),
                other => return Err(format!("unexpected row: {other:?}").into()),
            }
        }
        other => return Err(format!("unexpected responses: {other:?}").into()),
    };
    let handles: Vec<u32> = out.handles.iter().collect();
    println!("decoded: RopLogon succeeded, PidTagDisplayName = {name:?}, handles {handles:08X?}");
    if name != OWNER || handles != [LOGON_HANDLE] {
        return Err("the answer is not the one served".into());
    }
    Ok(())
}

/// The common request headers of a request of `rt`, with the cookies the client holds.
fn request_headers(
    rt: &str,
    counter: u32,
    cookies: &[String],
) -> Result<Vec<HeaderLine<'static>>, Box<dyn Error>> {
    let mut h = vec![
        HeaderLine::new("Content-Type", "application/mapi-http")?,
        HeaderLine::new("X-RequestType", rt)?,
        HeaderLine::new(
            "X-RequestId",
            &format!("9C2A9D16-7F1B-4E4F-A5D0-3B6C8E1F2A47:{counter}"),
        )?,
        HeaderLine::new("X-ClientInfo", "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1")?,
    ];
    for c in cookies {
        h.push(HeaderLine::new("Cookie", c)?);
    }
    Ok(h)
}

/// One request through the server layer and the handler: the reply head and the whole
/// response stream (PROCESSING, then DONE 3 ms later, its headers and the body).
fn serve(
    server: &mut Server<Objects>,
    now: Instant,
    wall: SystemTime,
    headers: &[HeaderLine<'_>],
    body: &[u8],
) -> Result<(Reply, Vec<u8>), Box<dyn Error>> {
    let http = HttpRequest {
        method: "POST",
        target: "/mapi/emsmdb/",
        headers,
        body: Some(body),
    };
    let (reply, answer) = match server.receive(now, wall, &http) {
        Err(refused) => (*refused, Vec::new()),
        Ok(call) => match &call.request {
            Request::Connect(_) => {
                let answer = ConnectResponse::success(ConnectSuccess {
                    error_code: ErrorCode(0),
                    polls_max: 60_000,
                    retry_count: 6,
                    retry_delay: 10_000,
                    dn_prefix: AnsiStr::from_wire(b"/o=Contoso/ou=Exchange")?,
                    display_name: Utf16Str::from_text(OWNER)?,
                    auxiliary_buffer: AuxiliaryBuffer(None),
                })
                .to_bytes()?;
                (server.open(call, Objects::default()), answer)
            }
            Request::Execute(req) => {
                let objects = server.session(&call).ok_or("no session")?;
                let answer = ExecuteResponse::success(execute(objects, req)?).to_bytes()?;
                (server.reply(call), answer)
            }
            _ => (server.refuse(call, None), Vec::new()),
        },
    };
    let body = reply.failure_body.clone().unwrap_or(answer);
    let mut stream = reply.stream.clone();
    let mut bytes = stream.poll(now).unwrap_or_default().to_vec();
    bytes.extend(stream.finish(now + Duration::from_millis(3), &body));
    Ok((reply, bytes))
}

/// The ROP handler: RopLogon creates the Logon object, RopGetPropertiesSpecific reads its
/// display name; the layer pairs, sizes and packs the output.
fn execute(
    objects: &mut Objects,
    req: &ExecuteRequest<'_>,
) -> Result<ExecuteSuccess<'static>, Box<dyn Error>> {
    let input = match rop_input(req, None, Limits::DEFAULT) {
        Ok(Some(b)) => b,
        Ok(None) => return Ok(execute_failure(ErrorCode(0))),
        Err(code) => return Ok(execute_failure(code)),
    };
    let mut out = RopOutputBuilder::new(&input, req.max_rop_out)?;
    while let Some((_, rop)) = out.next_request() {
        let response = match rop {
            RopRequest::Logon(l) => {
                objects.logon = Some(LOGON_HANDLE);
                out.set_handle(l.output_handle_index, LOGON_HANDLE)?;
                LogonResponse::success(l.output_handle_index, logon(l.logon_flags).into()).into()
            }
            RopRequest::GetPropertiesSpecific(g) => {
                let tags = g.property_tags.to_vec();
                if out.handle(g.input_handle_index) != objects.logon {
                    return Err("no such object".into());
                }
                if tags != [PropTag::DISPLAY_NAME] {
                    return Err("only the display name is served".into());
                }
                let name = Utf16Str::from_text(OWNER)?;
                let values = vec![RowValue::Value(PropertyValue::String(name))];
                let row = PropertyRow::new(false, values);
                GetPropertiesSpecificResponse::success(
                    g.input_handle_index,
                    GetPropertiesSpecificSuccess::new(tags, row),
                )
                .into()
            }
            other => return Err(format!("{:?} is not served", other.rop_id()).into()),
        };
        if out.answer(&response)? == Answered::BufferTooSmall {
            break;
        }
    }
    Ok(execute_success(req, &out.finish()?)?)
}

/// A private-mailbox RopLogon success ([MS-OXCROPS] 2.2.3.1.2), with fixed ids and time.
fn logon(logon_flags: u8) -> LogonPrivateSuccess {
    let folder = |k: u8| FolderId {
        replica_id: 1,
        global_counter: GlobalCounter([0, 0, 0, 0, 0x2E, 0x36 + k]),
    };
    let mailbox_guid = Guid::from_fields(
        0x9F1D_4C2A,
        0x6B1E,
        0x4F0E,
        [0x8A, 0x1E, 0x3C, 0x5D, 0x7E, 0x9F, 0x0A, 0x1B],
    );
    let repl_guid = Guid::from_fields(
        0x3A7B_9C11,
        0x52D4,
        0x4E8F,
        [0x91, 0x0A, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0x07],
    );
    let now = LogonTime {
        seconds: 0,
        minutes: 0,
        hour: 8,
        day_of_week: 5,
        day: 20,
        month: 11,
        year: 2026,
    };
    // ResponseFlags Reserved, OwnerRight and SendAsRight; ReplId 1.
    LogonPrivateSuccess::new(
        logon_flags,
        std::array::from_fn(|k| folder(k as u8)),
        mailbox_guid,
        repl_guid,
        now,
    )
}
