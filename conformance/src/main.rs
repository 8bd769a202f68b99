//! Prints the vectors per kind and runs them all.

fn main() -> std::process::ExitCode {
    let vectors = match mapi_conformance::load_all() {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    print!("{}", mapi_conformance::coverage_table(&vectors));
    println!();
    print!("{}", mapi_conformance::rop_coverage_table(&vectors));
    let failures: Vec<String> = vectors
        .iter()
        .filter_map(|v| mapi_conformance::run(v).err())
        .collect();
    for f in &failures {
        eprintln!("FAIL {f}");
    }
    println!("{} vectors, {} failed", vectors.len(), failures.len());
    if failures.is_empty() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
