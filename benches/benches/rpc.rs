//! [MS-OXCRPC] transport: LZ77 (DIRECT2) decompress and compress, and extended buffer chains,
//! each next to a memcpy of the same bytes.

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use mapi_benches::{bench_memcpy, mix_row_set, pseudo_random, report_ratios};
use mapi_codec::rpc::ext::{BuildOptions, ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
use mapi_codec::rpc::lz77;
use mapi_codec::wire::{Decode, Encode, Limits};

/// Compress and decompress one payload; throughput counts the plain bytes.
fn lz77_group(c: &mut Criterion, name: &str, plain: &[u8]) -> (usize, usize) {
    let compressed = lz77::compress(plain);
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(plain.len() as u64));
    bench_memcpy(&mut g, plain);
    g.bench_function("compress", |b| b.iter(|| lz77::compress(black_box(plain))));
    g.bench_function("decompress", |b| {
        b.iter(|| lz77::decompress(black_box(&compressed), plain.len(), 0).expect("valid"))
    });
    g.finish();
    (plain.len(), compressed.len())
}

fn chain_group(c: &mut Criterion, plain: &[u8]) -> usize {
    let options = BuildOptions {
        compress: true,
        xor_magic: true,
    };
    let bytes = ExtendedBufferChain::pack(&[plain], options, MAX_REQUEST_PAYLOAD)
        .expect("fits")
        .to_bytes()
        .expect("encodes");
    let mut g = c.benchmark_group("rpc_ext");
    g.throughput(Throughput::Bytes(plain.len() as u64));
    bench_memcpy(&mut g, plain);
    g.bench_function("decode_compressed_xor", |b| {
        b.iter(|| {
            ExtendedBufferChain::decode_exact(black_box(&bytes), Limits::DEFAULT).expect("valid")
        })
    });
    g.finish();
    plain.len()
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let rows = mix_row_set(60);
    let rows = &rows[..rows.len().min(MAX_REQUEST_PAYLOAD)];
    let random = pseudo_random(MAX_REQUEST_PAYLOAD);
    let (rn, rc) = lz77_group(&mut c, "lz77_rows", rows);
    let (xn, xc) = lz77_group(&mut c, "lz77_random", &random);
    let e = chain_group(&mut c, rows);
    c.final_summary();
    let lz77 = ["decompress", "compress"];
    report_ratios(&[
        ("lz77_rows", &lz77, rn),
        ("lz77_random", &lz77, xn),
        ("rpc_ext", &["decode_compressed_xor"], e),
    ]);
    println!(
        "compressed size / input: rows {:.3} ({rc}/{rn}), random {:.3} ({xc}/{xn})",
        rc as f64 / rn as f64,
        xc as f64 / xn as f64
    );
}
