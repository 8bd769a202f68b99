//! The address book endpoint through the sans-IO client: Bind, then QueryRows of the first
//! rows of the Global Address List, each answered by a response made here (so that the
//! example runs offline) and read back as typed bodies.
//!
//! `cargo run -p mapi-codec --example nspi_bind_query_rows`

use std::error::Error;

use mapi_codec::client::{Client, ClientConfig, HttpRequest, Response};
use mapi_codec::data::{PropTag, PropertyValue};
use mapi_codec::http::body::ResponseBody;
use mapi_codec::nspi::{
    AbRowValue, AddressBookPropertyRow, AddressBookPropertyValue, BindRequest, BindResponse,
    ColumnsAndRows, Has, MinimalEntryId, QueryRowsRequest, QueryRowsResponse, Stat,
};
use mapi_codec::wire::{Encode, Guid, Limits, List32, Utf16Str};

/// PidTagSmtpAddress (PtypString).
const SMTP_ADDRESS: PropTag = PropTag(0x39FE_001F);

/// What a server would send: status 200, X-ResponseCode 0, the cookies `set`, and a response
/// stream around `body` (PROCESSING, DONE, X-ElapsedTime, X-StartTime), fed in 16-byte pieces.
fn answer(
    client: &mut Client,
    req: &HttpRequest,
    set: &[&str],
    body: &[u8],
) -> Result<Response, Box<dyn Error>> {
    let mut head = vec![("X-ResponseCode", "0")];
    head.extend(set.iter().map(|c| ("Set-Cookie", *c)));
    let mut reader = client.response(req.call, 200, head)?;
    let mut stream = b"PROCESSING\r\nDONE\r\nX-ElapsedTime: 1\r\n\
X-StartTime: Fri, 20 Nov 2026 08:00:00 GMT\r\n\r\n"
        .to_vec();
    stream.extend_from_slice(body);
    for piece in stream.chunks(16) {
        reader.feed(piece)?;
    }
    Ok(client.finish(reader)?)
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut client = Client::new(ClientConfig::new(Guid(*b"nspi-example-001")));
    let stat = Stat::at_start(1252, 0x0409);

    // Bind ([MS-OXCMAPIHTTP] 2.2.5.1): creates the address book Session Context.
    let bind = client.request(&BindRequest {
        flags: 0,
        state: Has::some(stat),
        auxiliary_buffer: Default::default(),
    })?;
    println!(
        "{} {} X-RequestType: {:?}",
        bind.method,
        bind.path,
        bind.header("X-RequestType")
    );
    let server_guid = Guid([0x5A; 16]);
    let body = ResponseBody::success(BindResponse {
        error_code: Default::default(),
        server_guid,
        auxiliary_buffer: Default::default(),
    })
    .to_bytes()?;
    let resp = answer(
        &mut client,
        &bind,
        &[
            "MapiContext=ab-1; path=/mapi/nspi",
            "MapiSequence=1; path=/mapi/nspi",
        ],
        &body,
    )?;
    let bound: BindResponse<'_> = resp.fields(Limits::DEFAULT)?;
    println!("Bind: ServerGuid {}", bound.server_guid);
    assert_eq!(bound.server_guid, server_guid);

    // QueryRows ([MS-OXCMAPIHTTP] 2.2.5.12): the first rows of the GAL, two columns. The
    // Session Context's cookies go with it.
    let columns = vec![PropTag::DISPLAY_NAME, SMTP_ADDRESS];
    let query = client.request(&QueryRowsRequest {
        flags: 0,
        state: Has::some(stat),
        explicit_table: List32(Vec::new()),
        row_count: 10,
        columns: Has::some(columns.clone().into()),
        auxiliary_buffer: Default::default(),
    })?;
    println!(
        "{} {} X-RequestType: {:?} Cookie: {:?}",
        query.method,
        query.path,
        query.header("X-RequestType"),
        query.header("Cookie")
    );
    assert_eq!(
        query.header("Cookie"),
        Some("MapiContext=ab-1; MapiSequence=1")
    );
    let people = [
        ("Ann Lee", "annlee@contoso.com"),
        ("Bo Chen", "bochen@contoso.com"),
    ];
    let rows = people
        .iter()
        .map(|(name, smtp)| -> Result<_, Box<dyn Error>> {
            let cell = |t: &str| -> Result<_, Box<dyn Error>> {
                Ok(AbRowValue::Value(AddressBookPropertyValue::new(
                    PropertyValue::String(Utf16Str::from_text(t)?),
                )))
            };
            Ok(AddressBookPropertyRow::new(
                false,
                vec![cell(name)?, cell(smtp)?],
            ))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut end = stat;
    end.current_rec = MinimalEntryId::END_OF_TABLE;
    end.num_pos = 2;
    end.total_recs = 2;
    let body = ResponseBody::success(QueryRowsResponse {
        error_code: Default::default(),
        state: Has::some(end),
        cols_and_rows: Has::some(ColumnsAndRows {
            columns: columns.into(),
            rows,
        }),
        auxiliary_buffer: Default::default(),
    })
    .to_bytes()?;
    let resp = answer(
        &mut client,
        &query,
        &["MapiSequence=2; path=/mapi/nspi"],
        &body,
    )?;
    println!(
        "QueryRows: {} stream events, X-ElapsedTime {:?} ms, X-StartTime {:?}",
        resp.events.len(),
        resp.elapsed_time()?,
        resp.start_time()?
    );
    let got: QueryRowsResponse<'_> = resp.fields(Limits::DEFAULT)?;
    let table = got.cols_and_rows.value.ok_or("no rows")?;
    let mut names = Vec::new();
    for row in &table.rows {
        // The row's cells are read from the response bytes as they are asked for.
        let texts: Vec<String> = row
            .values()
            .map(|v| match v {
                AbRowValue::Value(AddressBookPropertyValue {
                    value: Some(PropertyValue::String(s)),
                    ..
                }) => s.to_string_lossy(),
                other => format!("{other:?}"),
            })
            .collect();
        println!("  {}  <{}>", texts[0], texts[1]);
        names.push(texts[0].clone());
    }
    assert_eq!(names, ["Ann Lee", "Bo Chen"]);
    // The next request carries the new sequence cookie.
    let next = client.ping(mapi_codec::http::headers::Endpoint::AddressBook)?;
    assert_eq!(
        next.header("Cookie"),
        Some("MapiContext=ab-1; MapiSequence=2")
    );
    Ok(())
}
