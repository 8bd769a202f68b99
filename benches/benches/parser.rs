//! The parser decision, measured: `testdata/bench/rop-mix-300.bin` decoded by the codec (its
//! `Reader`: a buffer and a position, absolute offsets, field paths) and by a nom 8 parser of
//! the same layouts with the same checks (`src/nom_parser.rs`: a slice that shrinks), each next
//! to a memcpy of the same bytes.
//!
//! Groups: `parser_rop_buffer` (the ROP input buffer: RopSize, 300 requests, the handle table)
//! and `parser_rgbin` (the whole file: the extended buffer around that ROP buffer). The setup
//! asserts that both parsers decode the same requests and handles.

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use mapi_benches::nom_parser;
use mapi_benches::{bench_memcpy, criterion_mean_ns, report_items, rgbin_payload, rgbin_rop_count};
use mapi_codec::rop::RopRequestBuffer;
use mapi_codec::wire::{Decode, Limits};

const L: Limits = Limits::DEFAULT;

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let rgb_in = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/bench/rop-mix-300.bin"
    ))
    .expect("testdata/bench/rop-mix-300.bin");
    let payload = rgbin_payload(&rgb_in);

    // The comparison is only fair if both do the same work: same values out of both.
    let codec = RopRequestBuffer::decode_exact(&payload, L).expect("the codec decodes it");
    let (rest, nom) = nom_parser::rop_buffer(&payload, &L).expect("the nom parser decodes it");
    assert!(rest.is_empty());
    assert_eq!(codec.rops.len(), 300);
    assert!(
        nom_parser::same_buffer(&codec, &nom),
        "both parsers decode the same ROPs"
    );
    assert_eq!(nom_parser::rgbin_rop_count(&rgb_in, &L), Ok(300));

    let mut g = c.benchmark_group("parser_rop_buffer");
    g.throughput(Throughput::Bytes(payload.len() as u64));
    bench_memcpy(&mut g, &payload);
    g.bench_function("codec", |b| {
        b.iter(|| RopRequestBuffer::decode_exact(black_box(&payload), L).expect("valid"))
    });
    g.bench_function("nom", |b| {
        b.iter(|| nom_parser::rop_buffer(black_box(&payload), &L).expect("valid"))
    });
    g.finish();

    let mut g = c.benchmark_group("parser_rgbin");
    g.throughput(Throughput::Bytes(rgb_in.len() as u64));
    bench_memcpy(&mut g, &rgb_in);
    g.bench_function("codec", |b| {
        b.iter(|| rgbin_rop_count(black_box(&rgb_in), L))
    });
    g.bench_function("nom", |b| {
        b.iter(|| nom_parser::rgbin_rop_count(black_box(&rgb_in), &L).expect("valid"))
    });
    g.finish();

    c.final_summary();
    let rops = codec.rops.len();
    report_items(&[
        ("parser_rop_buffer", "codec", payload.len(), rops, "ROPs"),
        ("parser_rop_buffer", "nom", payload.len(), rops, "ROPs"),
        ("parser_rgbin", "codec", rgb_in.len(), rops, "ROPs"),
        ("parser_rgbin", "nom", rgb_in.len(), rops, "ROPs"),
    ]);
    for group in ["parser_rop_buffer", "parser_rgbin"] {
        if let (Some(codec), Some(nom)) = (
            criterion_mean_ns(group, "codec"),
            criterion_mean_ns(group, "nom"),
        ) {
            println!(
                "{group}: codec {codec:.0} ns, nom {nom:.0} ns: nom takes {:.2}x the codec's time",
                nom / codec
            );
        }
    }
}
