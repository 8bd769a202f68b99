//! Allocations per decode of every corpus message, counted by a counting global allocator (no
//! timing here: counting slows allocation down). `tests/allocations.rs` asserts the counts.

use mapi_benches::{decode_cases, Inputs};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

fn main() {
    let inputs = Inputs::build();
    println!(
        "{:<24} {:>12} {:>14} {:>10}",
        "decode", "allocations", "bytes alloc.", "items"
    );
    for (name, run) in decode_cases(&inputs) {
        run();
        let region = Region::new(GLOBAL);
        let items = run();
        let s = region.change();
        println!(
            "{name:<24} {:>12} {:>14} {items:>10}",
            s.allocations + s.reallocations,
            s.bytes_allocated
        );
    }
}
