//! `mapi-server [--listen ADDR] [--pending-ms N] [--expiry-s N]`: serves MAPI/HTTP
//! (`/mapi/emsmdb`, `/mapi/nspi`) over the sample mailbox until interrupted.

use std::process::ExitCode;
use std::time::Duration;

use mapi_example::server::{self, ServerConfig};

fn usage() -> ExitCode {
    eprintln!("usage: mapi-server [--listen 127.0.0.1:8080] [--pending-ms 15000] [--expiry-s 900]");
    ExitCode::from(2)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let mut listen = "127.0.0.1:8080".to_string();
    let mut config = ServerConfig::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let Some(v) = args.next() else { return usage() };
        match (a.as_str(), v.parse::<u64>()) {
            ("--listen", _) => listen = v,
            ("--pending-ms", Ok(n)) => config.pending_period = Duration::from_millis(n),
            ("--expiry-s", Ok(n)) => config.session_expiry = Duration::from_secs(n),
            _ => return usage(),
        }
    }
    let Ok(addr) = listen.parse() else {
        return usage();
    };
    let handle = match server::start(addr, config).await {
        Ok(h) => h,
        Err(e) => {
            eprintln!("error: cannot listen on {listen}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("mapi-server listening on http://{}", handle.addr);
    let _ = tokio::signal::ctrl_c().await;
    handle.shutdown().await;
    ExitCode::SUCCESS
}
