//! `mapi-server [OPTIONS]`: serves MAPI/HTTP (`/mapi/emsmdb`, `/mapi/nspi`) over the sample
//! mailbox until interrupted; over HTTPS with `--tls-cert` and `--tls-key`, asking for
//! credentials with `--basic` or `--bearer`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use mapi_codec::http::headers::ResponseCode;
use mapi_example::auth::Credentials;
use mapi_example::server::{self, ServerConfig};
use mapi_example::tls;

const USAGE: &str = "\
usage: mapi-server [OPTIONS]
options:
  --listen ADDR                  the address to listen on (default 127.0.0.1:8080)
  --pending-ms N                 X-PendingPeriod in ms (default 15000)
  --expiry-s N                   session expiry in s (default 900)
  --tls-cert PEM --tls-key PEM   serve HTTPS with this certificate chain and key
  --basic USER:PASSWORD          accept these Basic credentials (repeatable)
  --bearer TOKEN                 accept this bearer token (repeatable)
  --fail-with-response-code N    answer every request with X-ResponseCode N (for testing)";

fn usage(why: &str) -> ExitCode {
    eprintln!("error: {why}\n{USAGE}");
    ExitCode::from(2)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let mut listen = "127.0.0.1:8080".to_string();
    let mut config = ServerConfig::default();
    let (mut cert, mut key): (Option<PathBuf>, Option<PathBuf>) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let Some(v) = args.next() else {
            return usage(&format!("{a} needs a value"));
        };
        match (a.as_str(), v.parse::<u64>()) {
            ("--listen", _) => listen = v,
            ("--pending-ms", Ok(n)) => config.pending_period = Duration::from_millis(n),
            ("--expiry-s", Ok(n)) => config.session_expiry = Duration::from_secs(n),
            ("--tls-cert", _) => cert = Some(v.into()),
            ("--tls-key", _) => key = Some(v.into()),
            ("--basic", _) => match Credentials::basic_from_pair(&v) {
                Some(c) => config.credentials.0.push(c),
                None => return usage("--basic takes USER:PASSWORD"),
            },
            ("--bearer", _) => config.credentials.0.push(Credentials::Bearer(v)),
            ("--fail-with-response-code", Ok(n)) => match u32::try_from(n) {
                Ok(n) if n != 0 => config.fail_with_response_code = Some(ResponseCode(n)),
                _ => return usage("--fail-with-response-code takes a nonzero 32-bit number"),
            },
            _ => return usage(&format!("bad option {a} {v}")),
        }
    }
    let Ok(addr) = listen.parse() else {
        return usage(&format!("not an address: {listen}"));
    };
    match (cert, key) {
        (Some(cert), Some(key)) => match tls::server_config(&cert, &key) {
            Ok(t) => config.tls = Some(t),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
        (None, None) => {}
        _ => return usage("--tls-cert and --tls-key go together"),
    }
    let handle = match server::start(addr, config).await {
        Ok(h) => h,
        Err(e) => {
            eprintln!("error: cannot listen on {listen}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("mapi-server listening on {}", handle.url());
    let _ = tokio::signal::ctrl_c().await;
    handle.shutdown().await;
    ExitCode::SUCCESS
}
