//! Every vector decodes as its snapshot says, and re-encodes to the same bytes.

#[test]
fn every_vector() {
    let vectors = mapi_conformance::load_all().expect("vectors load");
    assert!(!vectors.is_empty(), "no vectors found under testdata/");
    println!("{}", mapi_conformance::coverage_table(&vectors));
    let mut failures = Vec::new();
    for v in &vectors {
        match mapi_conformance::run(v) {
            Ok(text) => {
                let name = v.name.trim_end_matches(".toml").replace('/', "__");
                insta::assert_snapshot!(name, text);
            }
            Err(e) => failures.push(e),
        }
    }
    assert!(
        failures.is_empty(),
        "failing vectors:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_kind_has_a_vector() {
    let vectors = mapi_conformance::load_all().expect("vectors load");
    let missing: Vec<_> = mapi_conformance::coverage(&vectors)
        .into_iter()
        .filter(|(_, (a, b, _))| a + b == 0)
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty(),
        "kinds without a decodable vector: {missing:?}"
    );
}
