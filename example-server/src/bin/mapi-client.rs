//! `mapi-client [OPTIONS] URL [NAME]`: connects to a MAPI/HTTP server, lists the folder
//! hierarchy and the Inbox's first 20 messages, and resolves NAME (default `ann`) in the address
//! book.
//!
//! `mapi-client probe [OPTIONS] [--user-dn DN] URL`: Connect, RopLogon, Disconnect, Bind and
//! Unbind, each reported with its HTTP status, X-ResponseCode and time; exit status 0 when all
//! pass, 1 when a step fails, 2 for a usage, connection or TLS error.
//!
//! The options: `--ca-file PEM` (trust these CAs instead of the platform's roots),
//! `--user U --password P` (Basic) or `--bearer TOKEN`, `--mailbox-id ID` (Exchange's
//! `?MailboxId=`).

use std::path::PathBuf;
use std::process::ExitCode;

use mapi_example::auth::Credentials;
use mapi_example::client::{self, ClientOptions};
use mapi_example::probe::{self, ProbeOptions};
use mapi_example::tls;

const USAGE: &str = "\
usage: mapi-client [OPTIONS] http(s)://HOST[:PORT] [NAME]
       mapi-client probe [OPTIONS] [--user-dn DN] http(s)://HOST[:PORT]
options:
  --ca-file PEM           trust the CA certificates of PEM (default: the platform's roots)
  --user U --password P   HTTP Basic credentials
  --bearer TOKEN          an OAuth bearer token
  --mailbox-id ID         the MailboxId Autodiscover gives (GUID@domain)
  --user-dn DN            probe: the user's DN (default: the example mailbox's)";

/// The command line, parsed.
#[derive(Debug, Default, PartialEq)]
struct Args {
    probe: bool,
    url: String,
    name: Option<String>,
    ca_file: Option<PathBuf>,
    user: Option<String>,
    password: Option<String>,
    bearer: Option<String>,
    mailbox_id: Option<String>,
    user_dn: Option<String>,
}

/// Parses the arguments after the program's name; an error says what is wrong.
fn parse(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut a = Args::default();
    let mut args = args.into_iter().peekable();
    if args.peek().map(String::as_str) == Some("probe") {
        a.probe = true;
        args.next();
    }
    let mut positional = Vec::new();
    while let Some(arg) = args.next() {
        let slot = match arg.as_str() {
            "--ca-file" => None,
            "--user" => Some(&mut a.user),
            "--password" => Some(&mut a.password),
            "--bearer" => Some(&mut a.bearer),
            "--mailbox-id" => Some(&mut a.mailbox_id),
            "--user-dn" if a.probe => Some(&mut a.user_dn),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => {
                positional.push(arg);
                continue;
            }
        };
        let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
        match slot {
            Some(slot) => *slot = Some(value),
            None => a.ca_file = Some(PathBuf::from(value)),
        }
    }
    let mut positional = positional.into_iter();
    a.url = positional.next().ok_or("no URL given")?;
    a.name = positional.next();
    if a.probe && a.name.is_some() || positional.next().is_some() {
        return Err("too many arguments".into());
    }
    match (&a.user, &a.password, &a.bearer) {
        (Some(_), None, _) => return Err("--user needs --password".into()),
        (None, Some(_), _) => return Err("--password needs --user".into()),
        (Some(_), Some(_), Some(_)) => return Err("--bearer or --user, not both".into()),
        _ => {}
    }
    if a.user.as_deref().is_some_and(|u| u.contains(':')) {
        // RFC 7617 2: the user-id cannot contain a colon.
        return Err("a Basic user name cannot contain ':'".into());
    }
    Ok(a)
}

impl Args {
    fn client_options(&self) -> Result<ClientOptions, String> {
        let tls = match &self.ca_file {
            Some(path) => Some(tls::client_config(Some(path)).map_err(|e| e.to_string())?),
            None => None,
        };
        let credentials = match (&self.user, &self.password, &self.bearer) {
            (Some(user), Some(password), _) => Some(Credentials::Basic {
                user: user.clone(),
                password: password.clone(),
            }),
            (_, _, Some(token)) => Some(Credentials::Bearer(token.clone())),
            _ => None,
        };
        Ok(ClientOptions {
            tls,
            credentials,
            mailbox_id: self.mailbox_id.clone(),
        })
    }
}

fn usage(why: &str) -> ExitCode {
    eprintln!("error: {why}\n{USAGE}");
    ExitCode::from(2)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(why) => return usage(&why),
    };
    let options = match args.client_options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if args.probe {
        let probe_options = ProbeOptions {
            url: args.url.clone(),
            client: options,
            user_dn: args.user_dn.unwrap_or_else(|| client::USER_DN.to_string()),
        };
        return match probe::probe(probe_options).await {
            Ok(report) => {
                print!("{report}");
                ExitCode::from(report.verdict().exit_code())
            }
            Err(e) => usage(&e.to_string()),
        };
    }
    let name = args.name.as_deref().unwrap_or("ann");
    let credentials_sent = options.credentials.is_some();
    match client::demo_with(&args.url, options, name).await {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}", probe::failure_text(&e, None, credentials_sent));
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Args, String> {
        parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn the_demo_keeps_its_command_line() {
        let a = p(&["http://127.0.0.1:8080", "bo"]).unwrap();
        assert_eq!(
            (a.probe, a.url.as_str(), a.name.as_deref()),
            (false, "http://127.0.0.1:8080", Some("bo"))
        );
    }

    #[test]
    fn probe_options() {
        let a = p(&[
            "probe",
            "--user",
            "jane@contoso.com",
            "--password",
            "pw",
            "--ca-file",
            "ca.pem",
            "https://mail.example.com",
        ])
        .unwrap();
        assert!(a.probe);
        assert_eq!(a.ca_file, Some(PathBuf::from("ca.pem")));
        assert_eq!(a.user.as_deref(), Some("jane@contoso.com"));
        assert_eq!(a.url, "https://mail.example.com");
        assert_eq!(
            p(&["probe", "--bearer", "t", "--user-dn", "/o=x", "https://h"])
                .unwrap()
                .user_dn
                .as_deref(),
            Some("/o=x")
        );
    }

    #[test]
    fn usage_errors() {
        for (args, why) in [
            (&["probe"][..], "no URL given"),
            (&["--user", "u", "https://h"][..], "--user needs --password"),
            (
                &["--password", "p", "https://h"][..],
                "--password needs --user",
            ),
            (&["--bearer"][..], "--bearer needs a value"),
            (&["--frob", "https://h"][..], "unknown option --frob"),
            (
                &["--user-dn", "x", "https://h"][..],
                "unknown option --user-dn",
            ),
            (&["probe", "https://h", "ann"][..], "too many arguments"),
            (
                &["--user", "a:b", "--password", "p", "https://h"][..],
                "a Basic user name cannot contain ':'",
            ),
        ] {
            assert_eq!(p(args).unwrap_err(), why, "{args:?}");
        }
    }
}
