//! Every message of the corpus (`src/corpus.rs`), per layer: decode, encode, and decode then
//! encode, each next to a memcpy of the same bytes; the table at the end gives MB/s, items/s
//! (ROPs, rows or bytes) and the ratio to memcpy.

use mapi_codec::wire::DecodeWith;
use std::hint::black_box;

use criterion::{Criterion, Throughput};
use mapi_benches::corpus;
use mapi_benches::{bench_memcpy, criterion_mean_ns, report_items, rgbin_payload};
use mapi_codec::http::emsmdb::{ExecuteRequest, ExecuteResponse};
use mapi_codec::http::headers::{BodyKind, Direction};
use mapi_codec::nspi::NspiBody;
use mapi_codec::rop::{RopRequestBuffer, RopResponseBuffer};
use mapi_codec::rpc::ext::BuildOptions;
use mapi_codec::wire::{Decode, Encode, EncodeWith, Limits};

const L: Limits = Limits::DEFAULT;

/// What the report needs of one group: its name, input size, item count and item name.
struct Row {
    group: &'static str,
    bytes: usize,
    items: usize,
    unit: &'static str,
}

/// The group of one message `buf`: memcpy, then `decode`, encode of the decoded value, and
/// both, all over the same bytes.
fn codec_group<'b, T: Encode>(
    c: &mut Criterion,
    group: &'static str,
    buf: &'b [u8],
    decode: impl Fn(&'b [u8]) -> T,
) {
    let decoded = decode(buf);
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(buf.len() as u64));
    bench_memcpy(&mut g, buf);
    g.bench_function("decode", |b| b.iter(|| decode(black_box(buf))));
    g.bench_function("encode", |b| {
        b.iter(|| black_box(&decoded).to_bytes().expect("encodes"))
    });
    g.bench_function("decode_encode", |b| {
        b.iter(|| decode(black_box(buf)).to_bytes().expect("encodes"))
    });
    g.finish();
}

/// A request buffer, counted in ROPs.
fn request_group(c: &mut Criterion, group: &'static str, buf: &[u8]) -> Row {
    let decode = |b| RopRequestBuffer::decode_exact(b, L).expect("valid");
    let decoded = decode(buf);
    assert!(decoded.raw.is_none());
    codec_group(c, group, buf, decode);
    Row {
        group,
        bytes: buf.len(),
        items: decoded.rops.len(),
        unit: "ROPs",
    }
}

/// A response buffer decoded against its request; `items` counts rows or ROPs.
fn response_group(
    c: &mut Criterion,
    group: &'static str,
    request: &[u8],
    buf: &[u8],
    items: usize,
    unit: &'static str,
) -> Row {
    let request = RopRequestBuffer::decode_exact(request, L).expect("valid request");
    let decode = |b| RopResponseBuffer::decode_with_exact(b, &request, L).expect("valid");
    let decoded = decode(buf);
    assert!(decoded.raw.is_none());
    codec_group(c, group, buf, decode);
    // The checked encoding: against the request it answers.
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(buf.len() as u64));
    g.bench_function("encode_with_request", |b| {
        b.iter(|| {
            black_box(&decoded)
                .to_bytes_with(&request)
                .expect("encodes")
        })
    });
    g.finish();
    Row {
        group,
        bytes: buf.len(),
        items,
        unit,
    }
}

/// An NSPI QueryRows response body of `rows` rows.
fn nspi_group(c: &mut Criterion, body: &[u8], rows: usize) -> Row {
    let group = "nspi_query_rows_1000";
    codec_group(c, group, body, |b| {
        NspiBody::decode_with_exact(
            b,
            BodyKind::new("QueryRows", Direction::Response).unwrap(),
            L,
        )
        .expect("valid")
    });
    Row {
        group,
        bytes: body.len(),
        items: rows,
        unit: "rows",
    }
}

/// An Execute response body. Decoding reads the body (undoing XorMagic and LZ77), then its ROP
/// buffer against the request; encoding is what a server does with the decoded responses:
/// encode the ROP buffer, compress it (and obfuscate it), and write the body around it.
fn execute_group(
    c: &mut Criterion,
    group: &'static str,
    body: &[u8],
    request: &[u8],
    options: BuildOptions,
) -> Row {
    let request = ExecuteRequest::decode_exact(request, L).expect("valid request");
    let requests = request.rop_request_buffers(None, L).expect("valid ROPs");
    let decode = |b| ExecuteResponse::decode_exact(b, L).expect("valid");
    let buffers = |r: &ExecuteResponse<'_>| -> usize {
        match r.fields() {
            Some(s) => s
                .rop_response_buffers(&requests, None, L)
                .expect("valid ROPs")
                .len(),
            None => 0,
        }
    };
    let encode = |ropbufs: &[RopResponseBuffer<'_>]| {
        let payloads: Vec<Vec<u8>> = ropbufs
            .iter()
            .map(|b| b.to_bytes().expect("encodes"))
            .collect();
        let payloads: Vec<&[u8]> = payloads.iter().map(Vec::as_slice).collect();
        corpus::execute_success(&payloads, options)
    };
    let decoded = decode(body);
    assert_eq!(buffers(&decoded), 1);
    let Some(success) = decoded.fields() else {
        panic!("a success body")
    };
    let ropbufs = success
        .rop_response_buffers(&requests, None, L)
        .expect("valid ROPs");
    // The corpus was built the same way: encoding gives its bytes back.
    assert_eq!(encode(&ropbufs), body);
    let plain = success.rop_buffer.0.as_ref().map_or(0, |c| {
        c.buffers.iter().map(|b| b.payload().len()).sum::<usize>()
    });
    let mut g = c.benchmark_group(group);
    // Throughput counts the plain (decompressed) bytes the body carries.
    g.throughput(Throughput::Bytes(plain as u64));
    let plain_bytes = vec![0x5Au8; plain];
    bench_memcpy(&mut g, &plain_bytes);
    g.bench_function("decode", |b| {
        b.iter(|| {
            let r = decode(black_box(body));
            buffers(&r)
        })
    });
    g.bench_function("encode", |b| b.iter(|| encode(black_box(&ropbufs))));
    g.bench_function("decode_encode", |b| {
        b.iter(|| {
            let r = decode(black_box(body));
            let Some(s) = r.fields() else { unreachable!() };
            encode(&s.rop_response_buffers(&requests, None, L).expect("valid"))
        })
    });
    g.finish();
    Row {
        group,
        bytes: plain,
        items: plain,
        unit: "bytes",
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let mut rows = Vec::new();

    let payload = rgbin_payload(&corpus::rop_mix_300());
    rows.push(request_group(&mut c, "rop_mix_300", &payload));
    rows.push(request_group(
        &mut c,
        "small_rops_500",
        &corpus::small_rops(500),
    ));

    let (req, resp, n) = corpus::query_rows(0xFFFF);
    rows.push(response_group(
        &mut c,
        "query_rows_64k",
        &req,
        &resp,
        n,
        "rows",
    ));
    let (req, resp) = corpus::get_properties(150);
    rows.push(response_group(
        &mut c,
        "get_properties_150",
        &req,
        &resp,
        150,
        "ROPs",
    ));
    let (req, resp) = corpus::fast_transfer_buffer(0x8000);
    let len = resp.len();
    rows.push(response_group(
        &mut c,
        "ft_get_buffer_32k",
        &req,
        &resp,
        len,
        "bytes",
    ));

    rows.push(nspi_group(&mut c, &corpus::nspi_query_rows(1000), 1000));

    let request = corpus::execute_compressed_request();
    rows.push(execute_group(
        &mut c,
        "execute_lz77",
        &corpus::execute_compressed(false),
        &request,
        BuildOptions {
            compress: true,
            xor_magic: false,
        },
    ));
    rows.push(execute_group(
        &mut c,
        "execute_lz77_xor",
        &corpus::execute_compressed(true),
        &request,
        BuildOptions {
            compress: true,
            xor_magic: true,
        },
    ));

    c.final_summary();
    let table: Vec<_> = rows
        .iter()
        .flat_map(|r| {
            ["decode", "encode", "decode_encode"]
                .into_iter()
                .map(move |id| (r.group, id, r.bytes, r.items, r.unit))
        })
        .collect();
    report_items(&table);
    if let Some(ns) = criterion_mean_ns("rop_mix_300", "decode") {
        println!(
            "rop_mix_300/decode: {:.1} million ROPs/s (target 50)",
            300.0 / ns * 1e3
        );
    }
}
