//! The probe, TLS and credentials end to end on loopback: the example server over HTTPS with
//! a certificate made here by rcgen (a test CA and a leaf for 127.0.0.1), the probe run as a
//! library function, and once through each binary.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use mapi_codec::client::ClientError;
use mapi_codec::http::headers::{Endpoint, ResponseCode};
use mapi_example::auth::{Accepted, Credentials};
use mapi_example::client::{self, ClientOptions, MapiClient, MapiClientError};
use mapi_example::probe::{self, Outcome, ProbeOptions, ProbeReport, Step, Unreachable, Verdict};
use mapi_example::server::{self, ServerConfig, ServerHandle};
use mapi_example::tls;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};

/// A test PKI: a CA's certificate, a leaf certificate for 127.0.0.1 that it signed with the
/// leaf's key, and one for mail.example.com with the same key, all PEM. Made once per test
/// binary.
struct Pki {
    ca: String,
    leaf: String,
    leaf_key: String,
    other_leaf: String,
}

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "mapi-example test CA");
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca, ca_key);
        let leaf_key = KeyPair::generate().unwrap();
        let mut leaf = CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
        leaf.distinguished_name
            .push(DnType::CommonName, "127.0.0.1");
        let leaf_cert = leaf.signed_by(&leaf_key, &issuer).unwrap();
        let other = CertificateParams::new(vec!["mail.example.com".to_string()]).unwrap();
        let other_cert = other.signed_by(&leaf_key, &issuer).unwrap();
        Pki {
            ca: ca_cert.pem(),
            leaf: leaf_cert.pem(),
            leaf_key: leaf_key.serialize_pem(),
            other_leaf: other_cert.pem(),
        }
    })
}

const USER: &str = "jane@contoso.com";
const PASSWORD: &str = "correct horse battery staple";
const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJhdWQiOiJtYXBpIn0.";

fn basic(password: &str) -> Credentials {
    Credentials::Basic {
        user: USER.into(),
        password: password.into(),
    }
}

/// An HTTPS server with the test PKI's leaf for 127.0.0.1, accepting `credentials`.
async fn tls_server(credentials: Vec<Credentials>, fail: Option<u32>) -> ServerHandle {
    tls_server_with(&pki().leaf, credentials, fail).await
}

/// An HTTPS server presenting `leaf` (with the test PKI's leaf key).
async fn tls_server_with(
    leaf: &str,
    credentials: Vec<Credentials>,
    fail: Option<u32>,
) -> ServerHandle {
    let key = &pki().leaf_key;
    let config = ServerConfig {
        tls: Some(tls::server_config_from_pem(leaf.as_bytes(), key.as_bytes()).unwrap()),
        credentials: Accepted(credentials),
        fail_with_response_code: fail.map(ResponseCode),
        ..ServerConfig::default()
    };
    server::start("127.0.0.1:0".parse().unwrap(), config)
        .await
        .unwrap()
}

/// Client options trusting the test CA, with `credentials`.
fn trusting(credentials: Option<Credentials>) -> ClientOptions {
    ClientOptions {
        tls: Some(tls::client_config_from_pem(pki().ca.as_bytes()).unwrap()),
        credentials,
        mailbox_id: None,
    }
}

async fn run(url: &str, client: ClientOptions) -> ProbeReport {
    let report = probe::probe(ProbeOptions {
        client,
        ..ProbeOptions::new(url)
    })
    .await
    .unwrap();
    assert_eq!(report.steps.len(), Step::ALL.len(), "{report}");
    report
}

fn outcome(report: &ProbeReport, step: Step) -> &Outcome {
    &report.step(step).unwrap().outcome
}

fn assert_passed(report: &ProbeReport) {
    assert_eq!(report.verdict(), Verdict::Passed, "{report}");
    assert_eq!(report.verdict().exit_code(), 0);
    for s in &report.steps {
        assert_eq!(s.outcome, Outcome::Ok, "{report}");
        assert_eq!(s.http_status, Some(200), "{report}");
        assert_eq!(s.response_code, Some(ResponseCode::SUCCESS), "{report}");
    }
    let text = report.to_string();
    assert!(text.contains("All 5 steps passed."), "{text}");
}

#[tokio::test]
async fn the_probe_passes_over_tls_with_basic_credentials() {
    let srv = tls_server(vec![basic(PASSWORD)], None).await;
    assert!(srv.url().starts_with("https://127.0.0.1:"));
    let report = run(&srv.url(), trusting(Some(basic(PASSWORD)))).await;
    assert_passed(&report);
    let text = report.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[1].starts_with("Step        Endpoint       Result  HTTP  X-ResponseCode"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("Connect     /mapi/emsmdb/  OK      200   0 (Success)"),
        "{text}"
    );
    assert!(
        lines[7].starts_with("Unbind      /mapi/nspi/    OK      200   0 (Success)"),
        "{text}"
    );
}

#[tokio::test]
async fn the_probe_passes_over_tls_with_a_bearer_token() {
    // The server accepts either; the client sends the token.
    let srv = tls_server(
        vec![basic(PASSWORD), Credentials::Bearer(TOKEN.into())],
        None,
    )
    .await;
    let report = run(
        &srv.url(),
        trusting(Some(Credentials::Bearer(TOKEN.into()))),
    )
    .await;
    assert_passed(&report);
}

#[tokio::test]
async fn the_probe_passes_over_plain_http_without_credentials() {
    let srv = server::start("127.0.0.1:0".parse().unwrap(), ServerConfig::default())
        .await
        .unwrap();
    assert!(srv.url().starts_with("http://127.0.0.1:"));
    assert_passed(&run(&srv.url(), ClientOptions::default()).await);
}

#[tokio::test]
async fn a_wrong_password_fails_every_call_with_401() {
    let srv = tls_server(vec![basic(PASSWORD)], None).await;
    let report = run(&srv.url(), trusting(Some(basic("wrong")))).await;
    assert_eq!(report.verdict(), Verdict::Failed, "{report}");
    assert_eq!(report.verdict().exit_code(), 1);
    let unauthorized = Outcome::Failed("HTTP 401 Unauthorized (check the credentials)".into());
    for step in [Step::Connect, Step::Bind] {
        let s = report.step(step).unwrap();
        assert_eq!(s.outcome, unauthorized, "{report}");
        assert_eq!(
            (s.http_status, s.response_code),
            (Some(401), None),
            "{report}"
        );
    }
    assert_eq!(
        outcome(&report, Step::RopLogon),
        &Outcome::Skipped("Connect failed".into())
    );
    assert_eq!(
        outcome(&report, Step::Unbind),
        &Outcome::Skipped("Bind failed".into())
    );
    let text = report.to_string();
    assert!(
        text.lines().any(
            |l| l.starts_with("Connect     /mapi/emsmdb/  FAILED   401   -")
                && l.ends_with("HTTP 401 Unauthorized (check the credentials)")
        ),
        "{text}"
    );
    assert!(
        text.contains("2 of 5 steps failed (exit status 1)."),
        "{text}"
    );
    // A bearer token is no Basic password either.
    let report = run(
        &srv.url(),
        trusting(Some(Credentials::Bearer(PASSWORD.into()))),
    )
    .await;
    assert_eq!(outcome(&report, Step::Connect), &unauthorized);
}

#[tokio::test]
async fn without_credentials_the_server_challenges_before_any_mapi_processing() {
    let srv = tls_server(
        vec![basic(PASSWORD), Credentials::Bearer(TOKEN.into())],
        None,
    )
    .await;
    let mut c = MapiClient::with_options(&srv.url(), trusting(None)).unwrap();
    let e = c.connect(client::USER_DN).await.unwrap_err();
    assert!(
        matches!(
            e,
            MapiClientError::Protocol(ClientError::HttpStatus {
                status: 401,
                response_code: None
            })
        ),
        "{e}"
    );
    let head = c.last_response().unwrap();
    // RFC 7617 2 and RFC 6750 3: a challenge per scheme, no error code for a request that
    // carried no token.
    assert_eq!(
        head.www_authenticate,
        [
            "Basic realm=\"mapi-example\", charset=\"UTF-8\"",
            "Bearer realm=\"mapi-example\""
        ]
    );
    // No X-ResponseCode and no session cookie: the MAPI layer never saw the request.
    assert_eq!(head.response_code, None);
    assert!(c.cookies(Endpoint::Mailbox).is_empty());
    // With credentials, the same client (and connection) goes on.
    c.set_credentials(Some(basic(PASSWORD)));
    c.connect(client::USER_DN).await.unwrap();
    assert!(!c.cookies(Endpoint::Mailbox).is_empty());
    // The probe without credentials says what the server offers.
    let report = run(&srv.url(), trusting(None)).await;
    let Outcome::Failed(why) = outcome(&report, Step::Connect) else {
        panic!("{report}")
    };
    assert_eq!(
        why,
        "HTTP 401 Unauthorized (no credentials given; the server offers Basic, Bearer: \
         use --user and --password, or --bearer)"
    );
    // A wrong bearer token gets RFC 6750 3.1's invalid_token.
    let bad = ClientOptions {
        credentials: Some(Credentials::Bearer("nope".into())),
        ..trusting(None)
    };
    let mut c = MapiClient::with_options(&srv.url(), bad).unwrap();
    c.bind().await.unwrap_err();
    let challenges = &c.last_response().unwrap().www_authenticate;
    assert!(challenges[1].starts_with("Bearer realm=\"mapi-example\", error=\"invalid_token\""));
}

#[tokio::test]
async fn an_untrusted_certificate_stops_the_probe_with_the_tls_error() {
    let srv = tls_server(vec![basic(PASSWORD)], None).await;
    // The platform's roots: the test CA is not among them.
    let options = ClientOptions {
        credentials: Some(basic(PASSWORD)),
        ..ClientOptions::default()
    };
    let report = run(&srv.url(), options).await;
    assert_eq!(
        report.verdict(),
        Verdict::Unreachable(Unreachable::Tls),
        "{report}"
    );
    assert_eq!(report.verdict().exit_code(), 2);
    let connect = report.step(Step::Connect).unwrap();
    assert_eq!(
        connect.outcome,
        Outcome::Failed("TLS: invalid peer certificate: UnknownIssuer".into())
    );
    assert_eq!((connect.http_status, connect.response_code), (None, None));
    for step in &Step::ALL[1..] {
        assert_eq!(
            outcome(&report, *step),
            &Outcome::Skipped("not run: TLS error".into())
        );
    }
    let text = report.to_string();
    assert!(
        text.contains("TLS error: no secure connection to the server (exit status 2)."),
        "{text}"
    );
}

#[tokio::test]
async fn a_certificate_for_another_name_is_refused_by_name() {
    // A certificate of the trusted CA, for mail.example.com, reached as 127.0.0.1.
    let srv = tls_server_with(&pki().other_leaf, Vec::new(), None).await;
    let report = run(&srv.url(), trusting(None)).await;
    assert_eq!(
        report.verdict(),
        Verdict::Unreachable(Unreachable::Tls),
        "{report}"
    );
    let Outcome::Failed(why) = outcome(&report, Step::Connect) else {
        panic!("{report}")
    };
    assert!(
        why.starts_with("TLS: invalid peer certificate: certificate not valid for name")
            && why.contains("127.0.0.1")
            && why.contains("mail.example.com"),
        "{why}"
    );
}

#[tokio::test]
async fn a_server_answering_response_code_6_fails_connect_and_bind_by_name() {
    let srv = tls_server(vec![basic(PASSWORD)], Some(6)).await;
    let report = run(&srv.url(), trusting(Some(basic(PASSWORD)))).await;
    assert_eq!(report.verdict(), Verdict::Failed, "{report}");
    assert_eq!(report.verdict().exit_code(), 1);
    for step in [Step::Connect, Step::Bind] {
        let s = report.step(step).unwrap();
        assert_eq!(
            s.outcome,
            Outcome::Failed("X-ResponseCode 6 (Invalid Context Cookie)".into()),
            "{report}"
        );
        assert_eq!(
            (s.http_status, s.response_code),
            (Some(200), Some(ResponseCode::INVALID_CONTEXT_COOKIE))
        );
    }
    let text = report.to_string();
    assert!(
        text.lines().any(|l| l
            .starts_with("Connect     /mapi/emsmdb/  FAILED   200   6 (Invalid Context Cookie)")),
        "{text}"
    );
}

#[tokio::test]
async fn a_closed_port_is_a_connection_error() {
    // A port bound but not listening: held, so no other test can take it, and refused.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = socket.local_addr().unwrap();
    let report = run(&format!("https://{addr}"), trusting(None)).await;
    assert_eq!(
        report.verdict(),
        Verdict::Unreachable(Unreachable::Connection),
        "{report}"
    );
    let Outcome::Failed(why) = outcome(&report, Step::Connect) else {
        panic!("{report}")
    };
    assert!(
        why.starts_with(&format!("cannot connect to {addr}: ")),
        "{why}"
    );
    assert!(report.to_string().contains("Connection error"));
}

#[tokio::test]
async fn the_demo_runs_over_tls_with_credentials() {
    let srv = tls_server(vec![basic(PASSWORD)], None).await;
    let report = client::demo_with(&srv.url(), trusting(Some(basic(PASSWORD))), "bo")
        .await
        .unwrap();
    assert_eq!(report.folders.len(), 6);
    assert_eq!(report.messages.len(), 20);
    assert_eq!(report.resolved.1[0][1], "bochen@contoso.com");
}

/// A file in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &str) -> TempFile {
        static N: AtomicU32 = AtomicU32::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "mapi-example-probe-{}-{n}-{name}",
            std::process::id()
        ));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Runs `mapi-client` with `args`: its exit status and standard output.
async fn mapi_client(args: Vec<String>) -> (Option<i32>, String, String) {
    let out = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_mapi-client"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn the_binary_probes_and_exits_with_the_verdict() {
    let srv = tls_server(vec![basic(PASSWORD)], None).await;
    let ca = TempFile::new("ca.pem", &pki().ca);
    let args = |password: &str| -> Vec<String> {
        let ca = ca.0.display().to_string();
        [
            "probe",
            "--ca-file",
            &ca,
            "--user",
            USER,
            "--password",
            password,
            &srv.url(),
        ]
        .map(String::from)
        .to_vec()
    };
    let (code, out, _) = mapi_client(args(PASSWORD)).await;
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("All 5 steps passed."), "{out}");

    let (code, out, _) = mapi_client(args("wrong")).await;
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("Connect ")
            && l.ends_with("HTTP 401 Unauthorized (check the credentials)")),
        "{out}"
    );

    // Without --ca-file: the platform's roots do not hold the test CA.
    let (code, out, _) = mapi_client(vec![
        "probe".into(),
        "--bearer".into(),
        TOKEN.into(),
        srv.url(),
    ])
    .await;
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("TLS: invalid peer certificate: UnknownIssuer"),
        "{out}"
    );

    // A usage error.
    let (code, _, err) = mapi_client(vec![
        "probe".into(),
        "--user".into(),
        USER.into(),
        srv.url(),
    ])
    .await;
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("error: --user needs --password\nusage: mapi-client"),
        "{err}"
    );
}

/// A child process, ended when dropped (a failed assertion included).
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_server_binary_serves_tls_and_checks_credentials() {
    let p = pki();
    let (cert, key) = (
        TempFile::new("leaf.pem", &p.leaf),
        TempFile::new("leaf.key", &p.leaf_key),
    );
    let mut child = Running(
        Command::new(env!("CARGO_BIN_EXE_mapi-server"))
            .args(["--listen", "127.0.0.1:0", "--tls-cert"])
            .arg(&cert.0)
            .arg("--tls-key")
            .arg(&key.0)
            .args(["--bearer", TOKEN, "--fail-with-response-code", "6"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let stdout = child.0.stdout.take().unwrap();
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).unwrap();
        line
    });
    let line = tokio::time::timeout(Duration::from_secs(30), line)
        .await
        .unwrap()
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("mapi-server listening on ")
        .unwrap_or_else(|| panic!("{line}"))
        .to_string();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    let wrong = run(&url, trusting(Some(Credentials::Bearer("x".into())))).await;
    let right = run(&url, trusting(Some(Credentials::Bearer(TOKEN.into())))).await;
    drop(child);
    assert_eq!(
        outcome(&wrong, Step::Connect),
        &Outcome::Failed("HTTP 401 Unauthorized (check the credentials)".into())
    );
    assert_eq!(
        outcome(&right, Step::Connect),
        &Outcome::Failed("X-ResponseCode 6 (Invalid Context Cookie)".into())
    );
}

#[test]
fn tls_setup_errors_name_the_file() {
    let p = pki();
    let e = tls::server_config_from_pem(p.leaf.as_bytes(), p.ca.as_bytes()).unwrap_err();
    assert!(e.0.starts_with("key file: "), "{e}");
    let missing = PathBuf::from("/nonexistent/leaf.pem");
    let e = tls::server_config(&missing, &missing).unwrap_err();
    assert!(e.0.starts_with("/nonexistent/leaf.pem: "), "{e}");
    // Both sides speak HTTP/1.1 only.
    let c: Arc<rustls::ClientConfig> = tls::client_config_from_pem(p.ca.as_bytes()).unwrap();
    assert_eq!(c.alpn_protocols, [b"http/1.1".to_vec()]);
}
