//! [MS-OXCROPS] buffers: the 300-ROP request mix of `../shared/bench/rop-mix-300.bin` (an
//! Execute rgbIn), decoded, encoded and made owned, next to a memcpy of the same bytes.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput};
use mapi_benches::{
    bench_memcpy, criterion_mean_ns, report_ratios, rgbin_payload, rgbin_rop_count,
};
use mapi_codec::rop::RopRequestBuffer;
use mapi_codec::wire::{Decode, Encode, IntoOwned, Limits};

/// The yardstick, read at run time (it lives beside the workspace, not in it).
fn rop_mix() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/bench/rop-mix-300.bin"
    );
    std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let rgb_in = rop_mix();
    let payload = rgbin_payload(&rgb_in);
    let decoded = RopRequestBuffer::decode_exact(&payload, Limits::DEFAULT).expect("valid ROPs");
    let rops = decoded.rops.len();
    assert!(
        decoded.raw.is_none(),
        "every ROP of the mix decodes: {:?}",
        decoded.raw
    );

    let mut g = c.benchmark_group("rop_mix_300");
    g.throughput(Throughput::Bytes(rgb_in.len() as u64));
    bench_memcpy(&mut g, &rgb_in);
    g.bench_function("decode_rgbin", |b| {
        b.iter(|| rgbin_rop_count(black_box(&rgb_in), Limits::DEFAULT))
    });
    g.bench_function("decode_rop_buffer", |b| {
        b.iter(|| {
            RopRequestBuffer::decode_exact(black_box(&payload), Limits::DEFAULT).expect("valid")
        })
    });
    g.bench_function("encode_rop_buffer", |b| {
        b.iter(|| black_box(&decoded).to_bytes().expect("encodes"))
    });
    // The owned form of the decoded buffer (every borrowed run copied), made from a clone so
    // that each iteration converts a buffer that borrows.
    g.bench_function("into_owned_rop_buffer", |b| {
        b.iter_batched(
            || decoded.clone(),
            IntoOwned::into_owned,
            BatchSize::SmallInput,
        )
    });
    g.finish();
    c.final_summary();
    report_ratios(&[
        ("rop_mix_300", &["decode_rgbin"], rgb_in.len()),
        (
            "rop_mix_300",
            &["decode_rop_buffer", "encode_rop_buffer"],
            payload.len(),
        ),
    ]);
    for id in [
        "decode_rgbin",
        "decode_rop_buffer",
        "encode_rop_buffer",
        "into_owned_rop_buffer",
    ] {
        if let Some(ns) = criterion_mean_ns("rop_mix_300", id) {
            println!(
                "rop_mix_300/{id}: {:.1} million ROPs/s ({rops} ROPs in {ns:.0} ns)",
                rops as f64 / ns * 1e3
            );
        }
    }
}
