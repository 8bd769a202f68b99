//! Runs one worst case of `mapi_conformance::worst_cases` once: `worst-case NAME K build`
//! builds its input of scale K; `worst-case NAME K decode` builds it and decodes it. The
//! resource tests count the instructions of both under callgrind: the difference is the
//! decode's.

use std::process::ExitCode;

use mapi_conformance::worst_cases::worst_case;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(name), Some(k), Some(mode)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("usage: worst-case NAME K build|decode");
        return ExitCode::from(2);
    };
    let (Some(case), Ok(k)) = (worst_case(name), k.parse::<usize>()) else {
        eprintln!("unknown worst case {name:?} or scale {k:?}");
        return ExitCode::from(2);
    };
    let input = (case.build)(k);
    match mode.as_str() {
        "build" => {}
        "decode" => (case.decode)(std::hint::black_box(&input)),
        other => {
            eprintln!("unknown mode {other:?}");
            return ExitCode::from(2);
        }
    }
    println!("{}", input.len());
    ExitCode::SUCCESS
}
