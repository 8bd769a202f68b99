//! Inputs for the benchmarks, built with the codec's encoder, and the memcpy yardstick report.

pub mod corpus;
pub mod nom_parser;

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::SystemTime;

use mapi_codec::data::{
    PropTag, PropertyRowSet, PropertyValue, RelOp, Restriction, TaggedPropertyValue,
};
use mapi_codec::rop::RopRequestBuffer;
use mapi_codec::rpc::ext::ExtendedBufferChain;
use mapi_codec::wire::{CountWidth, Decode, EncodeWith, FileTime, Limits, Utf16Str};

/// A criterion group measured in wall time.
pub type Group<'a> = criterion::BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// When this process measured its first memcpy: estimates older than that are from an earlier
/// run (a group left out by a filter), and the reports skip them.
static STARTED: OnceLock<SystemTime> = OnceLock::new();

/// Adds `memcpy`, a copy of `input` into a buffer of its size, to `g`: the yardstick every
/// ratio of the reports is taken against.
pub fn bench_memcpy(g: &mut Group<'_>, input: &[u8]) {
    STARTED.get_or_init(SystemTime::now);
    let mut buf = vec![0u8; input.len()];
    g.bench_function("memcpy", |b| {
        b.iter(|| {
            buf.copy_from_slice(std::hint::black_box(input));
            std::hint::black_box(&buf);
        })
    });
}

/// An Outlook-style search restriction: an And of an Or of `n` substring matches on the subject
/// and a delivery-time bound (about 40 bytes per match).
pub fn search_restriction(n: usize) -> Vec<u8> {
    let words: Vec<Restriction<'static>> = (0..n)
        .map(|i| {
            let text = Utf16Str::from_text(&format!("word{i:04}")).expect("no NUL");
            Restriction::Content {
                fuzzy_level_low: 1,
                fuzzy_level_high: 1,
                prop_tag: PropTag::SUBJECT,
                tagged_value: TaggedPropertyValue {
                    tag: PropTag::SUBJECT,
                    value: PropertyValue::String(text),
                },
            }
        })
        .collect();
    let r = Restriction::And(vec![
        Restriction::Or(words),
        Restriction::Property {
            rel_op: RelOp::GE,
            prop_tag: PropTag::MESSAGE_DELIVERY_TIME,
            tagged_value: TaggedPropertyValue {
                tag: PropTag::MESSAGE_DELIVERY_TIME,
                value: PropertyValue::Time(FileTime(0x01DA_3C45_7689_C000)),
            },
        },
    ]);
    r.to_bytes_with(CountWidth::U16).expect("fits")
}

/// The 10 column tags of `../shared/bench/rop-mix-300.bin` (see its README).
pub const MIX_COLUMNS: [PropTag; 10] = [
    PropTag(0x3001_001F),
    PropTag(0x0E08_0003),
    PropTag(0x0037_001F),
    PropTag(0x0E06_0040),
    PropTag(0x0FFF_0102),
    PropTag(0x0E07_0003),
    PropTag(0x1000_001F),
    PropTag(0x0E17_0003),
    PropTag(0x3007_000B),
    PropTag(0x65E2_0102),
];

/// A standard-row PropertyRowSet of `n` rows over [`MIX_COLUMNS`]: strings, integers, a time,
/// binaries and a boolean, as a contents table returns them.
pub fn mix_row_set(n: usize) -> Vec<u8> {
    PropertyRowSet {
        rows: (0..n).map(corpus::mix_row).collect(),
    }
    .to_bytes_with(CountWidth::U16)
    .expect("fits")
}

/// The ROP buffer an Execute rgbIn of one uncompressed extended buffer carries (what
/// `rop-mix-300.bin` holds): the payload of its first buffer.
pub fn rgbin_payload(rgb_in: &[u8]) -> Vec<u8> {
    ExtendedBufferChain::decode_exact(rgb_in, Limits::DEFAULT)
        .expect("valid rgbIn")
        .buffers[0]
        .payload()
        .to_vec()
}

/// The whole of an rgbIn decoded by the codec, as the benchmarks time it: the extended buffer
/// chain, then the ROP buffer of its first payload; returns the ROP count. The codec's side of
/// [`nom_parser::rgbin_rop_count`].
#[inline]
pub fn rgbin_rop_count(rgb_in: &[u8], limits: Limits) -> usize {
    let chain = ExtendedBufferChain::decode_exact(rgb_in, limits).expect("valid");
    RopRequestBuffer::decode_exact(chain.buffers[0].payload(), limits)
        .expect("valid")
        .rops
        .len()
}

/// `n` bytes from a fixed xorshift generator: incompressible input, the same every run.
pub fn pseudo_random(n: usize) -> Vec<u8> {
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// Mean time per iteration (ns) of a finished criterion benchmark `group/id`, read from the
/// estimates criterion wrote in this run.
pub fn criterion_mean_ns(group: &str, id: &str) -> Option<f64> {
    let exe = std::env::current_exe().ok()?;
    // target/<profile>/deps/<bench> -> target/criterion
    let target: PathBuf = exe.parent()?.parent()?.parent()?.to_path_buf();
    let p = target
        .join("criterion")
        .join(group)
        .join(id)
        .join("new/estimates.json");
    if let Some(start) = STARTED.get() {
        if std::fs::metadata(&p).ok()?.modified().ok()? < *start {
            return None;
        }
    }
    let text = std::fs::read_to_string(p).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["mean"]["point_estimate"].as_f64()
}

/// The mean times (ns) of `group/id` and of the group's `memcpy`, both from this run; else
/// prints that the benchmark was not measured.
fn measured(group: &str, id: &str) -> Option<(f64, f64)> {
    let times = criterion_mean_ns(group, id).zip(criterion_mean_ns(group, "memcpy"));
    if times.is_none() {
        println!("{group}/{id}: not measured in this run (filtered out?)");
    }
    times
}

/// Prints, for each `(group, ids, bytes)`, the throughput of each of the group's `ids` over
/// `bytes` and its ratio to the group's `memcpy`.
pub fn report_ratios(rows: &[(&str, &[&str], usize)]) {
    println!("\n{:<44} {:>12} {:>14}", "benchmark", "MB/s", "vs memcpy");
    let rows = rows
        .iter()
        .flat_map(|&(group, ids, bytes)| ids.iter().map(move |&id| (group, id, bytes)));
    for (group, id, bytes) in rows {
        let Some((t, m)) = measured(group, id) else {
            continue;
        };
        let mbs = bytes as f64 / t * 1e3;
        println!(
            "{:<44} {:>12.1} {:>13.3}x",
            format!("{group}/{id}"),
            mbs,
            m / t
        );
    }
}

/// Prints, for each `(group, id, bytes, items, unit)`, the throughput in MB/s and in items/s,
/// and the ratio to the group's `memcpy` of the same bytes.
pub fn report_items(rows: &[(&str, &str, usize, usize, &str)]) {
    println!(
        "\n{:<36} {:>10} {:>16} {:>11}",
        "benchmark", "MB/s", "items/s", "vs memcpy"
    );
    for (group, id, bytes, items, unit) in rows {
        let Some((t, m)) = measured(group, id) else {
            continue;
        };
        let per_s = *items as f64 / t * 1e9;
        let items = if per_s >= 1e6 {
            format!("{:.2}M {unit}", per_s / 1e6)
        } else {
            format!("{:.0}k {unit}", per_s / 1e3)
        };
        println!(
            "{:<36} {:>10.1} {:>16} {:>10.3}x",
            format!("{group}/{id}"),
            *bytes as f64 / t * 1e3,
            items,
            m / t
        );
    }
}

/// The corpus inputs that [`decode_cases`] decodes.
pub struct Inputs {
    /// The ROP buffer of `rop-mix-300.bin`.
    pub rop_mix: Vec<u8>,
    /// 500 small requests.
    pub small_rops: Vec<u8>,
    /// (request, response, rows) of the 64 KiB QueryRows.
    pub query_rows: (Vec<u8>, Vec<u8>, usize),
    /// (request, response) of 150 RopGetPropertiesSpecific.
    pub get_properties: (Vec<u8>, Vec<u8>),
    /// (request, response) of a 32 KiB RopFastTransferSourceGetBuffer.
    pub fast_transfer: (Vec<u8>, Vec<u8>),
    /// An NSPI QueryRows response body of 1,000 rows.
    pub nspi_rows: Vec<u8>,
    /// Execute response bodies, compressed, and compressed and obfuscated.
    pub execute: [Vec<u8>; 2],
}

impl Inputs {
    /// Builds the corpus.
    pub fn build() -> Inputs {
        Inputs {
            rop_mix: rgbin_payload(&corpus::rop_mix_300()),
            small_rops: corpus::small_rops(500),
            query_rows: corpus::query_rows(0xFFFF),
            get_properties: corpus::get_properties(150),
            fast_transfer: corpus::fast_transfer_buffer(0x8000),
            nspi_rows: corpus::nspi_query_rows(1000),
            execute: [
                corpus::execute_compressed(false),
                corpus::execute_compressed(true),
            ],
        }
    }
}

/// A decode to measure: what it decodes runs in `run`, which returns the number of items.
pub type Case<'a> = (&'static str, Box<dyn Fn() -> usize + 'a>);

/// One decode of each corpus message; requests that responses need are decoded beforehand.
pub fn decode_cases(inputs: &Inputs) -> Vec<Case<'_>> {
    use mapi_codec::http::emsmdb::ExecuteResponse;
    use mapi_codec::http::headers::{BodyKind, Direction};
    use mapi_codec::nspi::NspiBody;
    use mapi_codec::rop::{RopRequestBuffer, RopResponseBuffer};
    use mapi_codec::wire::DecodeWith as _;
    use mapi_codec::wire::{Decode, Limits};
    const L: Limits = Limits::DEFAULT;
    fn request(b: &[u8]) -> RopRequestBuffer<'_> {
        RopRequestBuffer::decode_exact(b, L).expect("valid")
    }
    let qr = request(&inputs.query_rows.0);
    let gp = request(&inputs.get_properties.0);
    let ft = request(&inputs.fast_transfer.0);
    fn execute(b: &[u8]) -> usize {
        ExecuteResponse::decode_exact(b, L)
            .map(|_| 1)
            .expect("valid")
    }
    fn response(b: &[u8], req: &RopRequestBuffer<'_>) -> usize {
        RopResponseBuffer::decode_with_exact(b, req, L)
            .expect("valid")
            .rops
            .len()
    }
    vec![
        (
            "rop_mix_300",
            Box::new(|| request(&inputs.rop_mix).rops.len()),
        ),
        (
            "small_rops_500",
            Box::new(|| request(&inputs.small_rops).rops.len()),
        ),
        (
            "query_rows_64k",
            Box::new(move || response(&inputs.query_rows.1, &qr)),
        ),
        (
            "get_properties_150",
            Box::new(move || response(&inputs.get_properties.1, &gp)),
        ),
        (
            "ft_get_buffer_32k",
            Box::new(move || response(&inputs.fast_transfer.1, &ft)),
        ),
        (
            "nspi_query_rows_1000",
            Box::new(|| {
                NspiBody::decode_with_exact(
                    &inputs.nspi_rows,
                    BodyKind::new("QueryRows", Direction::Response).unwrap(),
                    L,
                )
                .map(|_| 1)
                .expect("valid")
            }),
        ),
        ("execute_lz77", Box::new(|| execute(&inputs.execute[0]))),
        ("execute_lz77_xor", Box::new(|| execute(&inputs.execute[1]))),
    ]
}
