//! `mapi-client URL [NAME]`: connects to a MAPI/HTTP server, lists the folder hierarchy and
//! the Inbox's first 20 messages, and resolves NAME (default `ann`) in the address book.

use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(url) = args.first() else {
        eprintln!("usage: mapi-client http://HOST:PORT [NAME]");
        return ExitCode::from(2);
    };
    let name = args.get(1).map_or("ann", String::as_str);
    match mapi_example::client::demo(url, name).await {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
