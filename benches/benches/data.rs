//! [MS-OXCDATA] decoding throughput, each next to a memcpy of the same bytes.

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use mapi_benches::{
    bench_memcpy, mix_row_set, report_ratios, search_restriction, Group, MIX_COLUMNS,
};
use mapi_codec::data::{PropTags, PropertyRowSet, Restriction};
use mapi_codec::wire::{CountWidth, DecodeWith, EncodeWith, Limits};

/// Encodes `value` (2-byte counts) into a buffer reserved once.
fn encode(g: &mut Group<'_>, id: &str, value: &impl EncodeWith<CountWidth>, len: usize) {
    let mut out = Vec::with_capacity(len);
    g.bench_function(id, |b| {
        b.iter(|| {
            out.clear();
            black_box(value)
                .encode_with(CountWidth::U16, &mut out)
                .expect("fits");
            black_box(&out);
        })
    });
}

fn restriction(c: &mut Criterion) -> usize {
    let input = search_restriction(100);
    let mut g = c.benchmark_group("restriction");
    g.throughput(Throughput::Bytes(input.len() as u64));
    bench_memcpy(&mut g, &input);
    g.bench_function("decode", |b| {
        b.iter(|| {
            Restriction::decode_with_exact(black_box(&input), CountWidth::U16, Limits::DEFAULT)
                .expect("valid")
        })
    });
    let value =
        Restriction::decode_with_exact(&input, CountWidth::U16, Limits::DEFAULT).expect("valid");
    encode(&mut g, "encode", &value, input.len());
    g.finish();
    input.len()
}

fn property_row(c: &mut Criterion) -> usize {
    let input = mix_row_set(50);
    let columns = PropTags::new(&MIX_COLUMNS);
    let ctx = (&columns, CountWidth::U16);
    let mut g = c.benchmark_group("property_row");
    g.throughput(Throughput::Bytes(input.len() as u64));
    bench_memcpy(&mut g, &input);
    g.bench_function("decode_row_set_50", |b| {
        b.iter(|| {
            PropertyRowSet::decode_with_exact(black_box(&input), ctx, Limits::DEFAULT)
                .expect("valid")
        })
    });
    let value = PropertyRowSet::decode_with_exact(&input, ctx, Limits::DEFAULT).expect("valid");
    encode(&mut g, "encode_row_set_50", &value, input.len());
    g.finish();
    input.len()
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let r = restriction(&mut c);
    let p = property_row(&mut c);
    c.final_summary();
    report_ratios(&[
        ("restriction", &["decode", "encode"], r),
        (
            "property_row",
            &["decode_row_set_50", "encode_row_set_50"],
            p,
        ),
    ]);
}
