//! Resource guarantees on hostile input: decoding N bytes allocates at most a small constant
//! times N bytes (plus the decompression limit where LZ77 is involved), whatever the counts on
//! the wire say, and takes time linear in N.
//!
//! Allocation is measured with a counting global allocator (`stats_alloc`): bytes requested by
//! allocations plus the growth of reallocations, an upper bound on the heap a decode can hold.
//! The tests of this file run one at a time (they share the counter).

use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use mapi_codec::data::{PropTag, PropertyRowSet, Restriction, TypedPropertyValue};
use mapi_codec::fxics::stream::FtStream;
use mapi_codec::rop::RopRequestBuffer;
use mapi_codec::rpc::auxiliary::AuxBlocks;
use mapi_codec::rpc::ext::{BuildOptions, ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
use mapi_codec::rpc::lz77;
use mapi_codec::wire::{CountWidth, Decode, DecodeWith, Encode, EncodeWith, Limits};
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

/// The fastest of a few runs of `f`.
fn fastest(mut f: impl FnMut()) -> Duration {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Decoding an input 8 times larger must not take more than 24 times as long (a quadratic
/// decoder takes 64 times as long). `build(k)` makes the input of scale `k`.
#[track_caller]
fn assert_linear(case: &str, k: usize, build: impl Fn(usize) -> Vec<u8>, decode: impl Fn(&[u8])) {
    let small = build(k);
    let large = build(8 * k);
    assert!(
        large.len() >= 7 * small.len(),
        "{case}: inputs do not scale"
    );
    decode(&small);
    let ts = fastest(|| decode(black_box(&small)));
    let tl = fastest(|| decode(black_box(&large)));
    // Below a millisecond the clock and the caches say more than the decoder.
    let ts = ts.max(Duration::from_micros(1000) / 8);
    let ratio = tl.as_secs_f64() / ts.as_secs_f64();
    assert!(
        ratio < 24.0,
        "{case}: {} bytes took {tl:?}, {} bytes took {ts:?} (x{ratio:.1})",
        large.len(),
        small.len()
    );
}

// ----------------------------------------------------------------------------------------------
// Crafted worst cases
// ----------------------------------------------------------------------------------------------

const EXIST: [u8; 5] = [0x08, 0x03, 0x00, 0x37, 0x00]; // Exist(PidTagSubject...), 0x0037_0003
const NOT: u8 = 0x02;

/// An And (4-byte count) of `k` chains of `depth` Nots around an Exist.
fn nested_restrictions(k: usize, depth: usize) -> Vec<u8> {
    let mut b = vec![0x00];
    b.extend((k as u32).to_le_bytes());
    for _ in 0..k {
        b.extend(std::iter::repeat_n(NOT, depth));
        b.extend(EXIST);
    }
    b
}

fn restriction4(b: &[u8]) -> Result<Restriction<'_>, mapi_codec::wire::DecodeError> {
    Restriction::decode_with_exact(b, CountWidth::U32, Limits::DEFAULT)
}

/// The deepest chain of Nots under an And that still decodes (the depth limit).
fn deepest_not_chain() -> usize {
    (1..1000)
        .take_while(|&d| restriction4(&nested_restrictions(1, d)).is_ok())
        .last()
        .expect("a chain of one Not decodes")
}

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
    assert_linear(
        "nested restrictions",
        400,
        |k| nested_restrictions(k, depth),
        |b| {
            restriction4(b).expect("decodes");
        },
    );
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
    let columns = [PropTag(0x0E07_0003)];
    let mut rows = u32::MAX.to_le_bytes().to_vec();
    for i in 0..1000u32 {
        rows.push(0x00);
        rows.extend(i.to_le_bytes());
    }
    let (r, bytes) = allocated(|| {
        PropertyRowSet::decode_with_exact(&rows, (&columns[..], CountWidth::U32), limits).map(drop)
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

/// `k` extended buffers of 32 KB of 'a' each, compressed to a few bytes.
fn bomb_chain(k: usize) -> Vec<u8> {
    let plain = vec![b'a'; MAX_REQUEST_PAYLOAD];
    let parts: Vec<&[u8]> = vec![&plain; k];
    let options = BuildOptions {
        compress: true,
        xor_magic: true,
    };
    ExtendedBufferChain::pack(&parts, options, MAX_REQUEST_PAYLOAD)
        .expect("packs")
        .to_bytes()
        .expect("encodes")
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
    assert_linear("LZ77 bombs", 16, bomb_chain, |b| {
        ExtendedBufferChain::decode_exact(b, Limits::DEFAULT).expect("decodes");
    });
}

/// `k` empty extended buffers, the last one flagged Last.
fn tiny_chain(k: usize) -> Vec<u8> {
    let mut b = Vec::with_capacity(8 * k);
    for i in 0..k {
        let flags: u8 = if i + 1 == k { 0x04 } else { 0x00 };
        b.extend([0x00, 0x00, flags, 0x00, 0x00, 0x00, 0x00, 0x00]);
    }
    b
}

#[test]
fn long_chains_of_tiny_extended_buffers() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let input = tiny_chain(100_000);
    let (r, bytes) = allocated(|| ExtendedBufferChain::decode_exact(&input, Limits::DEFAULT));
    assert_eq!(r.expect("decodes").buffers.len(), 100_000);
    assert_bounded("tiny extended buffers", input.len(), bytes, 64, 4096);
    assert_linear("tiny extended buffers", 10_000, tiny_chain, |b| {
        ExtendedBufferChain::decode_exact(b, Limits::DEFAULT).expect("decodes");
    });
}

/// A ROP request buffer of `k` RopRelease on handle index 0.
fn releases(k: usize) -> Vec<u8> {
    let mut b = ((2 + 3 * k) as u16).to_le_bytes().to_vec();
    for _ in 0..k {
        b.extend([0x01, 0x00, 0x00]);
    }
    b.extend(0x0000_0001u32.to_le_bytes());
    b
}

#[test]
fn rop_buffer_of_the_smallest_rops() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let input = releases(21_000);
    let (r, bytes) = allocated(|| RopRequestBuffer::decode_exact(&input, Limits::DEFAULT));
    r.expect("decodes");
    assert_bounded("21,000 RopRelease", input.len(), bytes, 160, 4096);
    assert_linear("RopRelease", 2500, releases, |b| {
        RopRequestBuffer::decode_exact(b, Limits::DEFAULT).expect("decodes");
    });
}

/// A FastTransfer stream of `k` PtypInteger32 properties.
fn ft_stream(k: usize) -> Vec<u8> {
    let mut b = Vec::with_capacity(8 * k);
    for i in 0..k as u32 {
        b.extend(0x0E07_0003u32.to_le_bytes());
        b.extend(i.to_le_bytes());
    }
    b
}

/// The number of elements of a FastTransfer stream held whole.
fn ft_elements(b: &[u8]) -> Result<usize, mapi_codec::wire::DecodeError> {
    FtStream::decode_exact(b, Limits::DEFAULT).map(|s| s.elements.len())
}

/// `k` AUX_PERF_REQUESTID blocks.
fn aux_run(k: usize) -> Vec<u8> {
    let mut b = Vec::with_capacity(8 * k);
    for i in 0..k as u16 {
        b.extend([0x08, 0x00, 0x01, 0x01]);
        b.extend(i.to_le_bytes());
        b.extend(i.to_le_bytes());
    }
    b
}

#[test]
fn streams_and_aux_runs_of_small_elements() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let input = ft_stream(50_000);
    let (r, bytes) = allocated(|| ft_elements(&input));
    assert_eq!(r.expect("decodes"), 100_000);
    assert_bounded("FastTransfer properties", input.len(), bytes, 64, 4096);
    assert_linear("FastTransfer properties", 5000, ft_stream, |b| {
        ft_elements(b).expect("decodes");
    });

    let input = aux_run(50_000);
    let (r, bytes) = allocated(|| AuxBlocks::decode_exact(&input, Limits::DEFAULT).map(drop));
    r.expect("decodes");
    assert_bounded("AUX blocks", input.len(), bytes, 64, 4096);
    assert_linear("AUX blocks", 5000, aux_run, |b| {
        AuxBlocks::decode_exact(b, Limits::DEFAULT).expect("decodes");
    });
}

#[test]
fn values_with_many_elements() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // PtypMultipleBinary with k empty values, all present (4-byte counts).
    let mvb = |k: usize| {
        let mut b = 0x1102u16.to_le_bytes().to_vec();
        b.extend((k as u32).to_le_bytes());
        b.extend(std::iter::repeat_n(0u8, 4 * k));
        b
    };
    let input = mvb(200_000);
    let (r, bytes) = allocated(|| {
        TypedPropertyValue::decode_with_exact(&input, CountWidth::U32, Limits::DEFAULT).map(drop)
    });
    r.expect("decodes");
    assert_bounded("MultipleBinary", input.len(), bytes, 64, 4096);
    assert_linear("MultipleBinary", 20_000, mvb, |b| {
        TypedPropertyValue::decode_with_exact(b, CountWidth::U32, Limits::DEFAULT)
            .expect("decodes");
    });
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
