//! Runs one decoder or encoder in a loop, for a profiler (modes: rop-mix, rop-mix-encode,
//! query-rows, query-rows-encode, nspi-rows, nspi-rows-encode (a decoded value: decoded rows
//! write back the bytes they were read from), query-rows-encode-built, nspi-rows-encode-built
//! (the same values with rows of built cells, as a server encodes them), lz77-compress,
//! lz77-decompress; and for `benches/parser.rs`:
//! rop-mix-nom, the nom parser of `src/nom_parser.rs` on the same ROP buffer, rgbin and
//! rgbin-nom, the whole file with its extended buffer, and rop-mix-memcpy):
//!
//! ```sh
//! CARGO_PROFILE_RELEASE_DEBUG=1 cargo build --release -p benches --example profile
//! valgrind --tool=callgrind target/release/examples/profile rop-mix 2000
//! ```
//!
//! callgrind counts instructions, so its totals are comparable across runs whatever else the
//! machine is doing (the inputs are built once at start, a fixed cost in every total).
use mapi_codec::wire::DecodeWith;
use std::hint::black_box;

use mapi_codec::rop::{RopRequestBuffer, RopResponseBuffer};
use mapi_codec::wire::{Decode, Encode, Limits};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let what = args.get(1).map_or("rop-mix", String::as_str);
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let rgb = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/bench/rop-mix-300.bin"
    ))
    .expect("testdata/bench/rop-mix-300.bin");
    let payload = mapi_benches::rgbin_payload(&rgb);
    let decoded = RopRequestBuffer::decode_exact(&payload, Limits::DEFAULT).expect("valid");
    let (qreq, qresp, _) = mapi_benches::corpus::query_rows(0xFFFF);
    let qreq = RopRequestBuffer::decode_exact(&qreq, Limits::DEFAULT).expect("valid");
    let nspi = mapi_benches::corpus::nspi_query_rows(1000);
    let nspi_kind = mapi_codec::http::headers::BodyKind::new(
        "QueryRows",
        mapi_codec::http::headers::Direction::Response,
    )
    .expect("a request type");
    let qdec = RopResponseBuffer::decode_with_exact(&qresp, &qreq, Limits::DEFAULT).expect("valid");
    let ndec = mapi_codec::nspi::NspiBody::decode_with_exact(&nspi, nspi_kind, Limits::DEFAULT)
        .expect("valid");
    // The same responses with their rows as built values (what a server encodes): owned
    // rows hold their cells, where decoded ones keep the bytes they were read from.
    let qbuilt = mapi_codec::IntoOwned::into_owned(qdec.clone());
    let nbuilt = mapi_codec::IntoOwned::into_owned(ndec.clone());
    let rows = mapi_benches::mix_row_set(60);
    let rows = rows[..rows.len().min(0x8000)].to_vec();
    let packed = mapi_codec::rpc::lz77::compress(&rows);
    if what.starts_with("lz77") {
        eprintln!(
            "row payload {} bytes, compressed {} ({:.3})",
            rows.len(),
            packed.len(),
            packed.len() as f64 / rows.len() as f64
        );
    }
    let mut copy = vec![0u8; payload.len()];
    let mut total = 0usize;
    for _ in 0..n {
        total += match what {
            "rop-mix" => RopRequestBuffer::decode_exact(black_box(&payload), Limits::DEFAULT)
                .expect("valid")
                .rops
                .len(),
            "rop-mix-nom" => {
                mapi_benches::nom_parser::rop_buffer(black_box(&payload), &Limits::DEFAULT)
                    .expect("valid")
                    .1
                    .rops
                    .len()
            }
            "rop-mix-memcpy" => {
                copy.copy_from_slice(black_box(&payload));
                black_box(&copy).len()
            }
            "rgbin" => mapi_benches::rgbin_rop_count(black_box(&rgb), Limits::DEFAULT),
            "rgbin-nom" => {
                mapi_benches::nom_parser::rgbin_rop_count(black_box(&rgb), &Limits::DEFAULT)
                    .expect("valid")
            }
            "rop-mix-encode" => black_box(&decoded).to_bytes().expect("encodes").len(),
            "query-rows" => {
                RopResponseBuffer::decode_with_exact(black_box(&qresp), &qreq, Limits::DEFAULT)
                    .expect("valid")
                    .rops
                    .len()
            }
            "nspi-rows" => mapi_codec::nspi::NspiBody::decode_with_exact(
                black_box(&nspi),
                nspi_kind,
                Limits::DEFAULT,
            )
            .map(|_| 1)
            .expect("valid"),
            "query-rows-encode" => black_box(&qdec).to_bytes().expect("encodes").len(),
            "nspi-rows-encode" => black_box(&ndec).to_bytes().expect("encodes").len(),
            "query-rows-encode-built" => black_box(&qbuilt).to_bytes().expect("encodes").len(),
            "nspi-rows-encode-built" => black_box(&nbuilt).to_bytes().expect("encodes").len(),
            "lz77-compress" => mapi_codec::rpc::lz77::compress(black_box(&rows)).len(),
            "lz77-decompress" => {
                mapi_codec::rpc::lz77::decompress(black_box(&packed), rows.len(), 0)
                    .expect("valid")
                    .len()
            }
            other => panic!("unknown {other}"),
        };
    }
    println!("{total}");
}
