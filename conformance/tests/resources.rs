//! Resource guarantees on hostile input: decoding N bytes allocates at most a small constant
//! times N bytes (plus the decompression limit where LZ77 is involved), whatever the counts on
//! the wire say, and takes work linear in N: the instructions callgrind counts for a decode of
//! the `worst-case` binary (`mapi_conformance::worst_cases`), which, unlike a time, do not
//! depend on what else the machine is doing. Without valgrind the linearity checks are skipped
//! with a message (`.ci/run` installs it).
//!
//! Allocation is measured with a counting global allocator (`stats_alloc`): bytes requested by
//! allocations plus the growth of reallocations, an upper bound on the heap a decode can hold.
//! The tests of this file run one at a time (they share the counter).

use std::hint::black_box;
use std::process::Command;
use std::sync::Mutex;

use mapi_codec::data::{PropTag, PropertyRowSet, Restriction, TypedPropertyValue};
use mapi_codec::rop::RopRequestBuffer;
use mapi_codec::rpc::auxiliary::AuxBlocks;
use mapi_codec::rpc::ext::{ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
use mapi_codec::rpc::lz77;
use mapi_codec::wire::{CountWidth, Decode, DecodeWith, Encode, EncodeWith, Limits};
use mapi_conformance::worst_cases::{
    aux_run, bomb_chain, deepest_not_chain, ft_elements, ft_stream, multiple_binary,
    nested_restrictions, releases, restriction4, tiny_chain, worst_case, EXIST,
};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Bytes allocated while `f` runs (allocations plus reallocation growth).
fn allocated<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let region = Region::new(GLOBAL);
    let v = f();
    let s = region.change();
    (v, s.bytes_allocated)
}

/// Fails unless decoding `n` input bytes allocated at most `per_byte * n + extra` bytes.
#[track_caller]
fn assert_bounded(case: &str, n: usize, bytes: usize, per_byte: usize, extra: usize) {
    assert!(
        bytes <= per_byte * n + extra,
        "{case}: {bytes} bytes allocated for {n} input bytes (bound {per_byte} x n + {extra})"
    );
}

/// The instructions callgrind counts for `worst-case NAME K MODE`, or `None` without valgrind.
fn instructions(name: &str, k: usize, mode: &str) -> Option<u64> {
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(env!("CARGO_BIN_EXE_worst-case"))
        .args([name, &k.to_string(), mode])
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "worst-case {name} {k} {mode} failed: {out:?}"
    );
    let text = String::from_utf8_lossy(&out.stderr);
    let at = text.find("Collected : ")? + "Collected : ".len();
    text[at..].split_whitespace().next()?.parse().ok()
}

/// Decoding the worst case `name` at scale 8k must not take more than 12 times the
/// instructions it takes at scale k (a linear decoder takes 8 times, a quadratic one 64):
/// each count is the decode's, the building of the input taken off.
#[track_caller]
fn assert_linear(name: &str, k: usize) {
    let case = worst_case(name).expect("a worst case of that name");
    assert!(
        (case.build)(8 * k).len() >= 7 * (case.build)(k).len(),
        "{name}: inputs do not scale"
    );
    let decode = |k| -> Option<u64> {
        let all = instructions(name, k, "decode")?;
        let build = instructions(name, k, "build")?;
        Some(all.saturating_sub(build).max(1))
    };
    let (Some(small), Some(large)) = (decode(k), decode(8 * k)) else {
        eprintln!("{name}: valgrind is not installed, linearity not checked");
        return;
    };
    let ratio = large as f64 / small as f64;
    eprintln!("{name}: scale {k}: {small} instructions, x8: {large} (x{ratio:.2})");
    assert!(
        ratio < 12.0,
        "{name}: scale {} took {large} instructions, scale {k} took {small} (x{ratio:.1})",
        8 * k
    );
}

// ----------------------------------------------------------------------------------------------
// Crafted worst cases
// ----------------------------------------------------------------------------------------------

#[test]
fn restrictions_nested_at_the_depth_limit() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let depth = deepest_not_chain();
    let e = restriction4(&nested_restrictions(1, depth + 1)).unwrap_err();
    assert_eq!(e.kind().name(), "limit-exceeded");
    // Far past the limit: an error, not a stack overflow.
    let e = restriction4(&nested_restrictions(1, 100_000)).unwrap_err();
    assert_eq!(e.kind().name(), "limit-exceeded");

    let input = nested_restrictions(2000, depth);
    let (r, bytes) = allocated(|| restriction4(&input));
    r.expect("decodes");
    // One boxed node of a few dozen bytes per input byte, at most.
    assert_bounded("nested restrictions", input.len(), bytes, 64, 4096);
    assert_linear("nested-restrictions", 400);
}

#[test]
fn maximal_counts_over_short_inputs() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let limits = Limits {
        max_elements: u32::MAX,
        ..Limits::DEFAULT
    };
    // Each case claims 0xFFFFFFFF (or 0xFFFF) elements and carries a few thousand bytes of them.
    let mut and = vec![0x00];
    and.extend(u32::MAX.to_le_bytes());
    for _ in 0..1000 {
        and.extend(EXIST);
    }
    let (r, bytes) =
        allocated(|| Restriction::decode_with_exact(&and, CountWidth::U32, limits).map(drop));
    assert_eq!(r.unwrap_err().kind().name(), "count-too-large");
    assert_bounded("And with 2^32-1 children", and.len(), bytes, 64, 4096);

    // PtypMultipleBinary with 2^32-1 values, 1,000 empty ones present.
    let mut mvb = 0x1102u16.to_le_bytes().to_vec();
    mvb.extend(u32::MAX.to_le_bytes());
    mvb.extend(std::iter::repeat_n(0u8, 4000));
    let (r, bytes) = allocated(|| {
        TypedPropertyValue::decode_with_exact(&mvb, CountWidth::U32, limits).map(drop)
    });
    assert!(r.is_err());
    assert_bounded(
        "MultipleBinary with 2^32-1 values",
        mvb.len(),
        bytes,
        64,
        4096,
    );

    // A row set of 2^32-1 rows of one PtypInteger32 column, 1,000 rows present.
    let columns = mapi_codec::data::PropTags::new(&[PropTag(0x0E07_0003)]);
    let mut rows = u32::MAX.to_le_bytes().to_vec();
    for i in 0..1000u32 {
        rows.push(0x00);
        rows.extend(i.to_le_bytes());
    }
    let (r, bytes) = allocated(|| {
        PropertyRowSet::decode_with_exact(&rows, (&columns, CountWidth::U32), limits).map(drop)
    });
    assert!(r.is_err());
    assert_bounded("row set with 2^32-1 rows", rows.len(), bytes, 64, 4096);

    // RopGetPropertiesSpecific claiming 0xFFFF tags with 10 present.
    let mut rops = vec![0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF];
    for _ in 0..10 {
        rops.extend(0x0037_001Fu32.to_le_bytes());
    }
    let mut buf = ((rops.len() + 2) as u16).to_le_bytes().to_vec();
    buf.extend(&rops);
    buf.extend(1u32.to_le_bytes());
    // Decoded around (the ROP kept raw with its error) or refused when strict: either way
    // nothing is sized by the count.
    let (r, bytes) = allocated(|| {
        RopRequestBuffer::decode_exact(&buf, limits).map(|b| b.raw.is_some() && b.rops.is_empty())
    });
    assert_eq!(r, Ok(true));
    let strict = Limits {
        strict: true,
        ..limits
    };
    assert!(RopRequestBuffer::decode_exact(&buf, strict).is_err());
    assert_bounded(
        "GetPropertiesSpecific with 0xFFFF tags",
        buf.len(),
        bytes,
        64,
        4096,
    );
}

/// The same bound catches a decoder that trusts a count: this one reserves room for the
/// claimed number of 4-byte values before reading them.
#[test]
fn the_bound_catches_a_trusted_count() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    fn trusting(b: &[u8]) -> Vec<u32> {
        let n = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        let mut v = Vec::with_capacity(n.min(1 << 24));
        for c in b[4..].chunks_exact(4) {
            v.push(u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        }
        v
    }
    let mut input = 0x00FF_FFFFu32.to_le_bytes().to_vec();
    input.extend([0u8; 4000]);
    let (_, bytes) = allocated(|| black_box(trusting(&input)).len());
    assert!(bytes > 64 * input.len() + 4096, "{bytes}");
}

/// One literal, then a match as long as the stream allows.
fn lz77_bomb(len: usize) -> Vec<u8> {
    lz77::compress(&vec![b'a'; len])
}

#[test]
fn lz77_matches_of_maximal_length() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let c = lz77_bomb(0x8000);
    assert!(c.len() < 64, "{} compressed bytes", c.len());
    let (r, bytes) = allocated(|| lz77::decompress(&c, 0x8000, 0));
    assert_eq!(r.expect("decompresses").len(), 0x8000);
    // The output itself, and nothing in proportion to it besides.
    assert_bounded("LZ77 bomb", c.len(), bytes, 64, 0x8000 + 4096);
    // Claimed larger than what the stream produces: an error, and still only the claimed size.
    let (r, bytes) = allocated(|| lz77::decompress(&c, 0xFFFF, 0));
    assert!(r.is_err());
    assert_bounded(
        "LZ77 bomb, SizeActual too large",
        c.len(),
        bytes,
        64,
        0xFFFF + 4096,
    );
}

#[test]
fn chains_of_compressed_buffers_stay_within_the_limit() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // 2,000 buffers would inflate to 64 MiB; the limit (16 MiB) holds for the chain.
    let input = bomb_chain(2000);
    let limit = Limits::DEFAULT.max_decompressed_size as usize;
    let (r, bytes) = allocated(|| ExtendedBufferChain::decode_exact(&input, Limits::DEFAULT));
    assert_eq!(r.unwrap_err().kind().name(), "limit-exceeded");
    assert_bounded("2,000 LZ77 bombs", input.len(), bytes, 64, limit);
    assert_linear("lz77-bombs", 16);
}

#[test]
fn long_chains_of_tiny_extended_buffers() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let input = tiny_chain(100_000);
    let (r, bytes) = allocated(|| ExtendedBufferChain::decode_exact(&input, Limits::DEFAULT));
    assert_eq!(r.expect("decodes").buffers.len(), 100_000);
    assert_bounded("tiny extended buffers", input.len(), bytes, 64, 4096);
    assert_linear("tiny-extended-buffers", 10_000);
}

#[test]
fn rop_buffer_of_the_smallest_rops() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let input = releases(21_000);
    let (r, bytes) = allocated(|| RopRequestBuffer::decode_exact(&input, Limits::DEFAULT));
    r.expect("decodes");
    assert_bounded("21,000 RopRelease", input.len(), bytes, 160, 4096);
    assert_linear("rop-release", 2500);
}

#[test]
fn streams_and_aux_runs_of_small_elements() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let input = ft_stream(50_000);
    let (r, bytes) = allocated(|| ft_elements(&input));
    assert_eq!(r.expect("decodes"), 100_000);
    assert_bounded("FastTransfer properties", input.len(), bytes, 64, 4096);
    assert_linear("fast-transfer-properties", 5000);

    let input = aux_run(50_000);
    let (r, bytes) = allocated(|| AuxBlocks::decode_exact(&input, Limits::DEFAULT).map(drop));
    r.expect("decodes");
    assert_bounded("AUX blocks", input.len(), bytes, 64, 4096);
    assert_linear("aux-blocks", 5000);
}

#[test]
fn values_with_many_elements() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let input = multiple_binary(200_000);
    let (r, bytes) = allocated(|| {
        TypedPropertyValue::decode_with_exact(&input, CountWidth::U32, Limits::DEFAULT).map(drop)
    });
    r.expect("decodes");
    assert_bounded("MultipleBinary", input.len(), bytes, 64, 4096);
    assert_linear("multiple-binary", 20_000);
}

// ----------------------------------------------------------------------------------------------
// Every vector, every count
// ----------------------------------------------------------------------------------------------

/// Every vector of `testdata/`, with each 2-byte and each 4-byte field in turn set to its
/// largest value (so every count, length and size on the wire claims as much as it can), goes
/// through what `mapi-inspect` does with a file (decode, re-encode, build the tree): it must
/// allocate no more than a constant times the input, plus the decompression limit (set to
/// 64 KiB here).
#[test]
fn every_vector_with_its_counts_at_their_largest() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    const LIMIT: usize = 0x10000;
    let mut vectors = mapi_conformance::load_all().expect("vectors load");
    for v in &mut vectors {
        v.options.limits.max_decompressed_size = LIMIT as u32;
    }
    let mut worst = (0.0f64, String::new());
    let mut runs = 0usize;
    for v in vectors.iter().filter(|v| v.bytes.len() <= 4096) {
        let extra = v.options.request.as_ref().map_or(0, Vec::len);
        let n = v.bytes.len() + extra;
        for width in [2usize, 4] {
            for at in 0..v.bytes.len().saturating_sub(width - 1) {
                let mut b = v.bytes.clone();
                b[at..at + width].fill(0xFF);
                let (_, bytes) = allocated(|| {
                    mapi_inspect::decode(&v.kind, &b, &v.options).map(|d| d.reencoded.len())
                });
                runs += 1;
                let over = bytes.saturating_sub(LIMIT) as f64 / n as f64;
                if over > worst.0 {
                    worst = (over, format!("{} with {width} bytes at {at}", v.name));
                }
                assert_bounded(&v.name, n, bytes, 256, LIMIT + 4096);
            }
        }
    }
    println!(
        "{runs} mutated inputs; most allocated per input byte: {:.1} ({})",
        worst.0, worst.1
    );
    assert!(runs > 10_000);
}

/// Encoding helpers used above stay honest: the crafted inputs are what they claim.
#[test]
fn crafted_inputs_decode_as_intended() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let input = nested_restrictions(2, 3);
    let r = restriction4(&input).expect("decodes");
    assert_eq!(
        r.to_bytes_with(CountWidth::U32).unwrap().len(),
        1 + 4 + 2 * (3 + 5)
    );
    let input = releases(3);
    let b = RopRequestBuffer::decode_exact(&input, Limits::DEFAULT).expect("decodes");
    assert_eq!(b.to_bytes().unwrap(), input);
    // Each property is two elements: its tag, then its value.
    assert_eq!(ft_elements(&ft_stream(3)).expect("decodes"), 6);
    let input = bomb_chain(2);
    let chain = ExtendedBufferChain::decode_exact(&input, Limits::DEFAULT).unwrap();
    assert!(chain
        .buffers
        .iter()
        .all(|b| b.payload().len() == MAX_REQUEST_PAYLOAD));
}
