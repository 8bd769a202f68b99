//! Crafted worst-case inputs of the resource tests (`tests/resources.rs`): each builds an input
//! of a given scale that stresses one decoder (deep nesting, many tiny elements, LZ77 bombs),
//! and decodes it. The `worst-case` binary runs one of them once, so that the tests can count
//! the instructions of a decode with callgrind (a count, unlike a time, does not depend on
//! what else the machine is doing).

use mapi_codec::data::{Restriction, TypedPropertyValue};
use mapi_codec::fxics::stream::FtStream;
use mapi_codec::rop::RopRequestBuffer;
use mapi_codec::rpc::auxiliary::AuxBlocks;
use mapi_codec::rpc::ext::{BuildOptions, ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
use mapi_codec::wire::{CountWidth, Decode, DecodeError, DecodeWith, Encode, Limits};

/// One worst case: its name, how an input of scale `k` is built, and the decode it stresses
/// (which must succeed).
#[derive(Clone, Copy, Debug)]
pub struct WorstCase {
    /// The name the tests and the binary use.
    pub name: &'static str,
    /// The input of scale `k` (its size grows linearly with `k`).
    pub build: fn(usize) -> Vec<u8>,
    /// Decodes an input, panicking if it does not decode.
    pub decode: fn(&[u8]),
}

/// Every worst case.
pub const WORST_CASES: &[WorstCase] = &[
    WorstCase {
        name: "nested-restrictions",
        build: |k| nested_restrictions(k, deepest_not_chain()),
        decode: |b| {
            restriction4(b).expect("decodes");
        },
    },
    WorstCase {
        name: "lz77-bombs",
        build: bomb_chain,
        decode: |b| {
            ExtendedBufferChain::decode_exact(b, Limits::DEFAULT).expect("decodes");
        },
    },
    WorstCase {
        name: "tiny-extended-buffers",
        build: tiny_chain,
        decode: |b| {
            ExtendedBufferChain::decode_exact(b, Limits::DEFAULT).expect("decodes");
        },
    },
    WorstCase {
        name: "rop-release",
        build: releases,
        decode: |b| {
            RopRequestBuffer::decode_exact(b, Limits::DEFAULT).expect("decodes");
        },
    },
    WorstCase {
        name: "fast-transfer-properties",
        build: ft_stream,
        decode: |b| {
            ft_elements(b).expect("decodes");
        },
    },
    WorstCase {
        name: "aux-blocks",
        build: aux_run,
        decode: |b| {
            AuxBlocks::decode_exact(b, Limits::DEFAULT).expect("decodes");
        },
    },
    WorstCase {
        name: "multiple-binary",
        build: multiple_binary,
        decode: |b| {
            TypedPropertyValue::decode_with_exact(b, CountWidth::U32, Limits::DEFAULT)
                .expect("decodes");
        },
    },
];

/// The worst case named `name`.
pub fn worst_case(name: &str) -> Option<&'static WorstCase> {
    WORST_CASES.iter().find(|c| c.name == name)
}

/// Exist(PidTagSubject as 0x0037_0003).
pub const EXIST: [u8; 5] = [0x08, 0x03, 0x00, 0x37, 0x00];
/// The RestrictType of Not.
const NOT: u8 = 0x02;

/// An And (4-byte count) of `k` chains of `depth` Nots around an Exist.
pub fn nested_restrictions(k: usize, depth: usize) -> Vec<u8> {
    let mut b = vec![0x00];
    b.extend((k as u32).to_le_bytes());
    for _ in 0..k {
        b.extend(std::iter::repeat_n(NOT, depth));
        b.extend(EXIST);
    }
    b
}

/// A restriction with 4-byte counts, the whole input used.
pub fn restriction4(b: &[u8]) -> Result<Restriction<'_>, DecodeError> {
    Restriction::decode_with_exact(b, CountWidth::U32, Limits::DEFAULT)
}

/// The deepest chain of Nots under an And that still decodes (the depth limit).
pub fn deepest_not_chain() -> usize {
    (1..1000)
        .take_while(|&d| restriction4(&nested_restrictions(1, d)).is_ok())
        .last()
        .expect("a chain of one Not decodes")
}

/// `k` extended buffers of 32 KB of 'a' each, compressed to a few bytes.
pub fn bomb_chain(k: usize) -> Vec<u8> {
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

/// `k` empty extended buffers, the last one flagged Last.
pub fn tiny_chain(k: usize) -> Vec<u8> {
    let mut b = Vec::with_capacity(8 * k);
    for i in 0..k {
        let flags: u8 = if i + 1 == k { 0x04 } else { 0x00 };
        b.extend([0x00, 0x00, flags, 0x00, 0x00, 0x00, 0x00, 0x00]);
    }
    b
}

/// A ROP request buffer of `k` RopRelease on handle index 0.
pub fn releases(k: usize) -> Vec<u8> {
    let mut b = ((2 + 3 * k) as u16).to_le_bytes().to_vec();
    for _ in 0..k {
        b.extend([0x01, 0x00, 0x00]);
    }
    b.extend(0x0000_0001u32.to_le_bytes());
    b
}

/// A FastTransfer stream of `k` PtypInteger32 properties.
pub fn ft_stream(k: usize) -> Vec<u8> {
    let mut b = Vec::with_capacity(8 * k);
    for i in 0..k as u32 {
        b.extend(0x0E07_0003u32.to_le_bytes());
        b.extend(i.to_le_bytes());
    }
    b
}

/// The number of elements of a FastTransfer stream held whole.
pub fn ft_elements(b: &[u8]) -> Result<usize, DecodeError> {
    FtStream::decode_exact(b, Limits::DEFAULT).map(|s| s.elements.len())
}

/// `k` AUX_PERF_REQUESTID blocks.
pub fn aux_run(k: usize) -> Vec<u8> {
    let mut b = Vec::with_capacity(8 * k);
    for i in 0..k as u16 {
        b.extend([0x08, 0x00, 0x01, 0x01]);
        b.extend(i.to_le_bytes());
        b.extend(i.to_le_bytes());
    }
    b
}

/// PtypMultipleBinary with `k` empty values, all present (4-byte counts).
pub fn multiple_binary(k: usize) -> Vec<u8> {
    let mut b = 0x1102u16.to_le_bytes().to_vec();
    b.extend((k as u32).to_le_bytes());
    b.extend(std::iter::repeat_n(0u8, 4 * k));
    b
}
