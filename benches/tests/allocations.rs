//! Allocations per decode, counted by a counting global allocator, so that they cannot creep
//! back: bulk bytes (strings, binaries, stream and FastTransfer buffers) and the cells of ROP
//! and NSPI rows are borrowed from the input, so the count depends on the number of ROPs,
//! never on the number of bytes or of rows.

use mapi_benches::{corpus, decode_cases, Inputs};
use mapi_codec::http::headers::{BodyKind, Direction};
use mapi_codec::nspi::NspiBody;
use mapi_codec::rop::{RopRequestBuffer, RopResponseBuffer};
use mapi_codec::wire::DecodeWith;
use mapi_codec::wire::{Decode, Limits};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// Allocations (and reallocations) while `f` runs.
fn count<T>(f: impl FnOnce() -> T) -> usize {
    let region = Region::new(GLOBAL);
    let v = f();
    let s = region.change();
    drop(v);
    s.allocations + s.reallocations
}

/// The ceiling for each corpus decode (the counts measured when this test was written; lower
/// them when a change saves allocations).
const CEILINGS: [(&str, usize); 8] = [
    // RopsList alone: the tags of RopGetPropertiesSpecific and RopSetColumns are borrowed.
    ("rop_mix_300", 1),
    // RopsList (reserved for one request per 16 bytes, grown once here).
    ("small_rops_500", 2),
    // The list of rows, RopsList, the decoder's list of the tables set in the buffer: each row keeps its
    // cells' bytes and shares the columns RopSetColumns borrowed from the request.
    ("query_rows_64k", 3),
    // RopsList alone: each row keeps its cells' bytes and shares its request's tags.
    ("get_properties_150", 1),
    // The 32 KiB TransferBuffer is borrowed.
    ("ft_get_buffer_32k", 1),
    // The list of rows: the Columns tags are borrowed from the input, and each row keeps its
    // cells' bytes and shares those tags.
    ("nspi_query_rows_1000", 1),
    // The decompressed payload (and the chain).
    ("execute_lz77", 2),
    // The de-obfuscated copy, the decompressed payload, the chain.
    ("execute_lz77_xor", 3),
];

// One test: the counter is global to the process, so the cases must not run side by side.
#[test]
fn allocations_per_decode() {
    let inputs = Inputs::build();
    let cases = decode_cases(&inputs);
    assert_eq!(cases.len(), CEILINGS.len());
    let mut report = Vec::new();
    for ((name, run), (cname, ceiling)) in cases.iter().zip(CEILINGS) {
        assert_eq!(*name, cname);
        run();
        let n = count(run);
        report.push(format!("{name}: {n} (ceiling {ceiling})"));
        assert!(n <= ceiling, "{name}: {n} allocations, ceiling {ceiling}");
    }
    println!("{}", report.join("\n"));

    // Bulk bytes cost nothing: a FastTransfer buffer of 1 KiB and one of 32 KiB, a ROP buffer
    // of 20 rows with short strings and one of 20 rows with long ones, allocate alike.
    let ft = |size| {
        let (req, resp) = corpus::fast_transfer_buffer(size);
        let request = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        count(|| RopResponseBuffer::decode_with_exact(&resp, &request, Limits::DEFAULT).unwrap())
    };
    assert_eq!(ft(0x400), ft(0x8000));
    let rows = |size| {
        let (req, resp, n) = corpus::query_rows(size);
        let request = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        let c = count(|| {
            RopResponseBuffer::decode_with_exact(&resp, &request, Limits::DEFAULT).unwrap()
        });
        (c, n)
    };
    let (small, n_small) = rows(0x2000);
    let (large, n_large) = rows(0x8000);
    assert!(n_large > 3 * n_small);
    // Neither per row nor per byte: rows keep their cells' bytes.
    assert_eq!(large, small, "{n_small} rows, then {n_large}");

    // PtypMultiple cells cost nothing either: a buffer of rows holding a PtypMultipleString
    // and a PtypMultipleInteger32 value allocates as one holding a PtypString and a
    // PtypInteger32 in their place (the multi-valued cells are checked, then kept as bytes).
    let rop_rows = |multi| {
        let (req, resp) = corpus::get_properties_multi(20, multi);
        let request = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        let buffer = || RopResponseBuffer::decode_with_exact(&resp, &request, Limits::DEFAULT);
        let decoded = buffer().unwrap();
        assert!(decoded.raw.is_none() && decoded.rops.len() == 20);
        count(|| buffer().unwrap())
    };
    assert_eq!(
        rop_rows(true),
        rop_rows(false),
        "GetPropertiesSpecific rows"
    );
    let nspi_rows = |multi| {
        let body = corpus::nspi_query_rows_multi(20, multi);
        let kind = BodyKind::new("QueryRows", Direction::Response).unwrap();
        count(|| NspiBody::decode_with_exact(&body, kind, Limits::DEFAULT).unwrap())
    };
    assert_eq!(nspi_rows(true), nspi_rows(false), "NSPI QueryRows rows");
}
