//! Whole MAPI/HTTP messages built by the crate's encoders (a server writing a chunked response
//! with PENDING keep-alives, a client writing an Execute request with a compressed RopBuffer)
//! decode through the `http-response` and `http-request` kinds, byte for byte.

use mapi_codec::data::ErrorCode;
use mapi_codec::http::body::AuxiliaryBuffer;
use mapi_codec::http::body::RopBuffer;
use mapi_codec::http::emsmdb::{
    ConnectResponse, ConnectSuccess, ExecuteFlags, ExecuteRequest, ExecuteResponse, ExecuteSuccess,
};
use mapi_codec::http::headers::HeaderLine;
use mapi_codec::http::stream::{put_done, put_meta_tag, MetaTag};
use mapi_codec::rpc::ext::{BuildOptions, ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
use mapi_codec::tree::Tree;
use mapi_codec::wire::{AnsiStr, Encode, Utf16Str};
use mapi_inspect::http::{put_chunk, put_last_chunk};
use mapi_inspect::{decode, Options};

/// A chunked response: the head, one chunk a meta-tag, the DONE chunk with the body.
fn chunked_response(request_type: &str, keepalives: usize, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/mapi-http\r\n\
         X-RequestType: {request_type}\r\nX-ResponseCode: 0\r\n\
         X-RequestId: E2EA6C1C-E61B-49E9-9CFB-38184F907552:7\r\nX-PendingPeriod: 15000\r\n\r\n"
    )
    .into_bytes();
    let mut piece = Vec::new();
    put_meta_tag(&mut piece, MetaTag::Processing).unwrap();
    put_chunk(&mut out, &piece).unwrap();
    for _ in 0..keepalives {
        piece.clear();
        put_meta_tag(&mut piece, MetaTag::Pending).unwrap();
        put_chunk(&mut out, &piece).unwrap();
    }
    piece.clear();
    let extra = [HeaderLine::new("X-ElapsedTime", "12").unwrap()];
    put_done(&mut piece, &extra, body).unwrap();
    put_chunk(&mut out, &piece).unwrap();
    put_last_chunk(&mut out).unwrap();
    out
}

/// Decodes the chunked response carrying `body` (see [`chunked_response`]) as `http-response`
/// with `opts`; checks that it re-encodes byte for byte and returns its tree.
fn decode_chunked(
    request_type: &str,
    keepalives: usize,
    body: impl Encode,
    opts: &Options,
) -> Tree {
    let msg = chunked_response(request_type, keepalives, &body.to_bytes().unwrap());
    let d = decode("http-response", &msg, opts).unwrap();
    assert_eq!(d.reencoded, msg);
    d.tree
}

fn find<'t>(t: &'t Tree, path: &[&str]) -> &'t Tree {
    let mut t = t;
    for p in path {
        let Tree::Struct(fields) = t else {
            panic!("{p}: not a struct");
        };
        t = &fields
            .iter()
            .find(|(k, _)| k == p)
            .unwrap_or_else(|| panic!("{p}"))
            .1;
    }
    t
}

/// RopRelease ×300 and a one-handle table: compresses well.
fn releases() -> Vec<u8> {
    let mut b = vec![0, 0];
    for _ in 0..300 {
        b.extend_from_slice(&[0x01, 0x00, 0x00]);
    }
    let size = u16::try_from(b.len()).unwrap();
    b[..2].copy_from_slice(&size.to_le_bytes());
    b.extend_from_slice(&[0x10, 0, 0, 0]);
    b
}

#[test]
fn connect_response_chunked_with_keepalives() {
    let body = ConnectResponse::success(ConnectSuccess {
        error_code: ErrorCode(0),
        polls_max: 60_000,
        retry_count: 6,
        retry_delay: 10_000,
        dn_prefix: AnsiStr::from_wire(b"/o=Contoso").unwrap(),
        display_name: Utf16Str::from_text("Jane Doe").unwrap(),
        auxiliary_buffer: AuxiliaryBuffer(None),
    });
    let tree = decode_chunked("Connect", 4, body, &Options::default());
    let tags = find(&tree, &["ResponseStream", "MetaTags"]);
    assert!(matches!(tags, Tree::List(v) if v.len() == 6));
    assert_eq!(
        find(&tree, &["ResponseStream", "Body", "DisplayName"]),
        &Tree::Text("Jane Doe".into())
    );
}

#[test]
fn execute_request_compressed_and_its_response() {
    let rops = releases();
    let chain = ExtendedBufferChain::pack(
        &[&rops],
        BuildOptions {
            compress: true,
            xor_magic: true,
        },
        MAX_REQUEST_PAYLOAD,
    )
    .unwrap();
    let req = ExecuteRequest {
        flags: ExecuteFlags(0),
        rop_buffer: RopBuffer(Some(chain)),
        max_rop_out: 0x40000,
        auxiliary_buffer: AuxiliaryBuffer(None),
    }
    .to_bytes()
    .unwrap();
    let mut http_req = format!(
        "POST /mapi/emsmdb/?MailboxId=jane@contoso.com HTTP/1.1\r\nContent-Length: {}\r\n\
         Content-Type: application/mapi-http\r\nX-RequestType: Execute\r\n\r\n",
        req.len()
    )
    .into_bytes();
    http_req.extend_from_slice(&req);
    let d = decode("http-request", &http_req, &Options::default()).unwrap();
    assert_eq!(d.reencoded, http_req);
    let list = find(&d.tree, &["Body", "RopBuffer", "Buffers"]);
    let Tree::List(buffers) = list else { panic!() };
    let ropbuf = find(&buffers[0], &["RopRequestBuffer", "RopsList"]);
    assert!(matches!(ropbuf, Tree::List(v) if v.len() == 300));

    // The response (RopRelease has none: an empty RopsList and the table), decoded against
    // the whole HTTP request.
    let out = [0x02, 0x00, 0x10, 0x00, 0x00, 0x00];
    let resp = ExecuteResponse::success(ExecuteSuccess {
        error_code: ErrorCode(0),
        flags: 0,
        rop_buffer: RopBuffer(Some(
            ExtendedBufferChain::pack(&[&out], BuildOptions::default(), MAX_REQUEST_PAYLOAD)
                .unwrap(),
        )),
        auxiliary_buffer: AuxiliaryBuffer(None),
    });
    let opts = Options {
        request: Some(http_req),
        ..Options::default()
    };
    let tree = decode_chunked("Execute", 2, resp, &opts);
    assert_eq!(
        find(&tree, &["ResponseStream", "BodyKind"]),
        &Tree::Text("execute-response".into())
    );
}

#[test]
fn nspi_query_rows_response_chunked_with_keepalives() {
    use mapi_codec::data::{PropTag, PropertyValue};
    use mapi_codec::nspi::{
        AbRowValue, AddressBookPropertyRow, AddressBookPropertyValue, AuxiliaryBuffer,
        ColumnsAndRows, ErrorCode, Has, QueryRowsResponse, ResponseBody, Stat,
    };

    let names = ["Ann Lee", "Bo Chen", "Cy Diaz"];
    let rows = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            AddressBookPropertyRow::new(
                false,
                vec![
                    AbRowValue::Value(AddressBookPropertyValue::new(PropertyValue::String(
                        Utf16Str::from_text(n).unwrap(),
                    ))),
                    AbRowValue::Value(AddressBookPropertyValue::new(PropertyValue::Integer32(
                        i32::try_from(i).unwrap(),
                    ))),
                ],
            )
        })
        .collect();
    let body = ResponseBody::success(QueryRowsResponse {
        error_code: ErrorCode(0),
        state: Has::some(Stat {
            sort_type: mapi_codec::nspi::SortType(0),
            container_id: 0,
            current_rec: mapi_codec::nspi::MinimalEntryId(0),
            delta: 0,
            num_pos: 3,
            total_recs: 3,
            code_page: 1252,
            template_locale: 0x409,
            sort_locale: 0x409,
        }),
        cols_and_rows: Has::some(ColumnsAndRows {
            columns: vec![PropTag::DISPLAY_NAME, PropTag(0x3900_0003)].into(),
            rows,
        }),
        auxiliary_buffer: AuxiliaryBuffer(None),
    });
    let tree = decode_chunked("QueryRows", 3, body, &Options::default());
    assert_eq!(
        find(&tree, &["ResponseStream", "BodyKind"]),
        &Tree::Text("nspi-query-rows-response".into())
    );
    let text = tree.to_text();
    for n in names {
        assert!(text.contains(n), "{n} missing from:\n{text}");
    }
}
