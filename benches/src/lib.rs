//! Inputs for the benchmarks, built with the codec's encoder, and the memcpy yardstick report.

pub mod corpus;

use std::path::PathBuf;

use std::borrow::Cow;

use mapi_codec::data::{
    PropTag, PropertyRow, PropertyRowSet, PropertyValue, RelOp, Restriction, RowValue,
    TaggedPropertyValue,
};
use mapi_codec::wire::{CountWidth, EncodeWith, FileTime, Utf16Str};

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
    let text = |s: String| PropertyValue::String(Utf16Str::from_text(&s).expect("no NUL"));
    let rows = (0..n)
        .map(|i| {
            let values = vec![
                text(format!("Sender Name {i}")),
                PropertyValue::Integer32(1000 + i as i32),
                text(format!("Subject of message number {i}")),
                PropertyValue::Time(FileTime(0x01DA_3C45_7689_C000 + i as u64)),
                PropertyValue::Binary(Cow::Owned(vec![i as u8; 46])),
                PropertyValue::Integer32(1),
                text("Body preview text of a typical message. ".repeat(3)),
                PropertyValue::Integer32(0),
                PropertyValue::Boolean(i % 2 == 0),
                PropertyValue::Binary(Cow::Owned(vec![0xAB; 22])),
            ];
            PropertyRow {
                flagged: false,
                values: values.into_iter().map(RowValue::Value).collect(),
            }
        })
        .collect();
    PropertyRowSet { rows }
        .to_bytes_with(CountWidth::U16)
        .expect("fits")
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
    let text = std::fs::read_to_string(p).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["mean"]["point_estimate"].as_f64()
}

/// Prints, for each `(group, id, bytes)`, the throughput and its ratio to the group's `memcpy`.
pub fn report_ratios(rows: &[(&str, &str, usize)]) {
    println!("\n{:<44} {:>12} {:>14}", "benchmark", "MB/s", "vs memcpy");
    for (group, id, bytes) in rows {
        let (Some(t), Some(m)) = (
            criterion_mean_ns(group, id),
            criterion_mean_ns(group, "memcpy"),
        ) else {
            println!("{group}/{id}: no estimate (filtered out?)");
            continue;
        };
        let mbs = *bytes as f64 / t * 1e3;
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
        let (Some(t), Some(m)) = (
            criterion_mean_ns(group, id),
            criterion_mean_ns(group, "memcpy"),
        ) else {
            println!("{group}/{id}: no estimate (filtered out?)");
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
