//! A connectivity probe in the spirit of Exchange's Test-OutlookConnectivity: the few calls
//! that show whether a client can work with a MAPI/HTTP server, each timed and reported.
//!
//! On the mailbox endpoint, Connect ([MS-OXCMAPIHTTP] 2.2.4.1), RopLogon in an Execute
//! ([MS-OXCROPS] 2.2.3.1, 2.2.4.2) and Disconnect (2.2.4.3); on the address book endpoint,
//! Bind (2.2.5.1) and Unbind (2.2.5.2). [`probe`] runs them; the [`ProbeReport`] prints as a
//! table and gives the exit status of `mapi-client probe`: 0 when every step passed, 1 when
//! one failed, 2 when the server could not be reached (connection or TLS).

use std::fmt;
use std::time::{Duration, Instant};

use hyper::StatusCode;
use mapi_codec::client::ClientError;
use mapi_codec::http::headers::ResponseCode;

use crate::client::{self, ClientOptions, MapiClient, MapiClientError, ResponseHeadInfo};

/// What to probe and how.
#[derive(Clone, Debug)]
pub struct ProbeOptions {
    /// The server's base URL (`https://mail.example.com`).
    pub url: String,
    /// TLS roots, credentials, MailboxId.
    pub client: ClientOptions,
    /// The user's DN (legacyExchangeDN): Connect's UserDn and RopLogon's Essdn.
    pub user_dn: String,
}

impl ProbeOptions {
    /// The probe of `url` as the example mailbox's user ([`client::USER_DN`]), trusting the
    /// platform's roots, without credentials.
    pub fn new(url: &str) -> ProbeOptions {
        ProbeOptions {
            url: url.to_string(),
            client: ClientOptions::default(),
            user_dn: client::USER_DN.to_string(),
        }
    }
}

/// A step of the probe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Connect ([MS-OXCMAPIHTTP] 2.2.4.1): a mailbox Session Context.
    Connect,
    /// RopLogon on the private mailbox, in an Execute ([MS-OXCROPS] 2.2.3.1).
    RopLogon,
    /// Disconnect ([MS-OXCMAPIHTTP] 2.2.4.3).
    Disconnect,
    /// Bind ([MS-OXCMAPIHTTP] 2.2.5.1): an address book Session Context.
    Bind,
    /// Unbind ([MS-OXCMAPIHTTP] 2.2.5.2).
    Unbind,
}

impl Step {
    /// Every step, in the order they run.
    pub const ALL: [Step; 5] = [
        Step::Connect,
        Step::RopLogon,
        Step::Disconnect,
        Step::Bind,
        Step::Unbind,
    ];

    /// The step's name.
    pub fn name(self) -> &'static str {
        match self {
            Step::Connect => "Connect",
            Step::RopLogon => "RopLogon",
            Step::Disconnect => "Disconnect",
            Step::Bind => "Bind",
            Step::Unbind => "Unbind",
        }
    }

    /// The endpoint's path ([MS-OXCMAPIHTTP] 2.2.1), without the MailboxId query.
    pub fn endpoint(self) -> &'static str {
        match self {
            Step::Connect | Step::RopLogon | Step::Disconnect => "/mapi/emsmdb/",
            Step::Bind | Step::Unbind => "/mapi/nspi/",
        }
    }
}

/// How a step ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It succeeded.
    Ok,
    /// It failed; why.
    Failed(String),
    /// It was not run; why.
    Skipped(String),
}

/// A step's result: its outcome, the HTTP status and X-ResponseCode of its response (if one
/// came), and how long it took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepResult {
    /// The step.
    pub step: Step,
    /// How it ended.
    pub outcome: Outcome,
    /// The response's HTTP status.
    pub http_status: Option<u16>,
    /// The response's X-ResponseCode ([MS-OXCMAPIHTTP] 2.2.3.3.3).
    pub response_code: Option<ResponseCode>,
    /// The time from sending the request (opening the connection, if it had to) to the end of
    /// the response; zero for a skipped step.
    pub elapsed: Duration,
}

/// Why the server could not be reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreachable {
    /// No TCP connection, or HTTP failed under the request.
    Connection,
    /// The TLS handshake failed (an untrusted or mismatched certificate, ...).
    Tls,
}

/// The probe's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every step succeeded (exit status 0).
    Passed,
    /// A step failed (exit status 1).
    Failed,
    /// The server could not be reached (exit status 2).
    Unreachable(Unreachable),
}

impl Verdict {
    /// The exit status: 0 passed, 1 a step failed, 2 unreachable.
    pub fn exit_code(self) -> u8 {
        match self {
            Verdict::Passed => 0,
            Verdict::Failed => 1,
            Verdict::Unreachable(_) => 2,
        }
    }
}

/// What [`probe`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeReport {
    /// The server's base URL.
    pub url: String,
    /// The user DN probed.
    pub user_dn: String,
    /// Each step's result, in order (every step of [`Step::ALL`]).
    pub steps: Vec<StepResult>,
    /// Why the probe stopped early, if it did.
    pub unreachable: Option<Unreachable>,
}

impl ProbeReport {
    /// The verdict.
    pub fn verdict(&self) -> Verdict {
        match self.unreachable {
            Some(u) => Verdict::Unreachable(u),
            None if self.steps.iter().all(|s| s.outcome == Outcome::Ok) => Verdict::Passed,
            None => Verdict::Failed,
        }
    }

    /// The result of `step`.
    pub fn step(&self, step: Step) -> Option<&StepResult> {
        self.steps.iter().find(|s| s.step == step)
    }
}

/// X-ResponseCode as `6 (Invalid Context Cookie)`.
pub fn code_text(code: ResponseCode) -> String {
    match code.name() {
        Some(n) => format!("{} ({n})", code.0),
        None => code.0.to_string(),
    }
}

/// Why a step failed, in a line: for a 401 what to do about it, for a refusal the
/// X-ResponseCode by name, for TLS the handshake's own words.
pub fn failure_text(
    e: &MapiClientError,
    head: Option<&ResponseHeadInfo>,
    credentials_sent: bool,
) -> String {
    let MapiClientError::Protocol(e) = e else {
        return e.to_string();
    };
    match e {
        ClientError::HttpStatus {
            status: 401,
            response_code: _,
        } => {
            if credentials_sent {
                return "HTTP 401 Unauthorized (check the credentials)".to_string();
            }
            let schemes: Vec<&str> = head
                .map(|h| h.www_authenticate.as_slice())
                .unwrap_or_default()
                .iter()
                .filter_map(|c| c.split_whitespace().next())
                .collect();
            let offered = match schemes.is_empty() {
                true => String::new(),
                false => format!("; the server offers {}", schemes.join(", ")),
            };
            format!(
                "HTTP 401 Unauthorized (no credentials given{offered}: \
                 use --user and --password, or --bearer)"
            )
        }
        ClientError::HttpStatus {
            status,
            response_code,
        } => {
            let reason = StatusCode::from_u16(*status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("");
            let mut text = format!("HTTP {status} {reason}").trim_end().to_string();
            if let Some(c) = response_code {
                text.push_str(&format!(", X-ResponseCode {}", code_text(*c)));
            }
            text
        }
        ClientError::SessionExpired { code, .. } | ClientError::Rejected { code, .. } => {
            format!("X-ResponseCode {}", code_text(*code))
        }
        other => other.to_string(),
    }
}

/// Runs the steps against one client, recording each.
struct Run {
    client: MapiClient,
    credentials_sent: bool,
    steps: Vec<StepResult>,
    unreachable: Option<Unreachable>,
}

impl Run {
    /// Records the result of `step`, which took `elapsed`; whether it succeeded.
    fn record(
        &mut self,
        step: Step,
        result: Result<(), MapiClientError>,
        elapsed: Duration,
    ) -> bool {
        let head = self.client.last_response();
        let (outcome, error_code) = match &result {
            Ok(()) => (Outcome::Ok, None),
            Err(e) => {
                let code = match e {
                    MapiClientError::Protocol(p) => p.response_code(),
                    _ => None,
                };
                (
                    Outcome::Failed(failure_text(e, head, self.credentials_sent)),
                    code,
                )
            }
        };
        // The code of the verdict (an X-ResponseCode after DONE wins), else the head's.
        let response_code = error_code.or(head.and_then(|h| h.response_code));
        self.steps.push(StepResult {
            step,
            outcome,
            http_status: head.map(|h| h.status),
            response_code,
            elapsed,
        });
        match result {
            Ok(()) => true,
            Err(MapiClientError::Tls(_)) => {
                self.unreachable = Some(Unreachable::Tls);
                false
            }
            Err(MapiClientError::Connect(_) | MapiClientError::Http(_)) => {
                self.unreachable = Some(Unreachable::Connection);
                false
            }
            Err(_) => false,
        }
    }

    /// Records `step` as not run.
    fn skip(&mut self, step: Step, why: &str) {
        self.steps.push(StepResult {
            step,
            outcome: Outcome::Skipped(why.to_string()),
            http_status: None,
            response_code: None,
            elapsed: Duration::ZERO,
        });
    }

    /// Whether the probe must stop: the server is out of reach. The steps left are skipped.
    fn stopped(&mut self) -> bool {
        let Some(u) = self.unreachable else {
            return false;
        };
        let why = match u {
            Unreachable::Connection => "not run: connection error",
            Unreachable::Tls => "not run: TLS error",
        };
        for step in Step::ALL.into_iter().skip(self.steps.len()) {
            self.skip(step, why);
        }
        true
    }
}

/// Probes a server: Connect, RopLogon, Disconnect on the mailbox endpoint, then Bind and
/// Unbind on the address book endpoint. A step that fails does not stop the probe (but the
/// steps that need it are skipped); a connection or TLS failure does. An error only for a
/// probe that cannot start (a URL that is not `http(s)://host[:port]`).
pub async fn probe(options: ProbeOptions) -> Result<ProbeReport, MapiClientError> {
    let credentials_sent = options.client.credentials.is_some();
    let client = MapiClient::with_options(&options.url, options.client)?;
    let mut run = Run {
        client,
        credentials_sent,
        steps: Vec::with_capacity(Step::ALL.len()),
        unreachable: None,
    };
    let dn = options.user_dn.as_str();
    let report = |run: Run| ProbeReport {
        url: options.url.clone(),
        user_dn: dn.to_string(),
        steps: run.steps,
        unreachable: run.unreachable,
    };

    let t = Instant::now();
    let r = run.client.connect(dn).await.map(drop);
    let connected = run.record(Step::Connect, r, t.elapsed());
    if run.stopped() {
        return Ok(report(run));
    }
    if connected {
        let t = Instant::now();
        let r = client::logon_as(&mut run.client, dn).await.map(drop);
        run.record(Step::RopLogon, r, t.elapsed());
        if run.stopped() {
            return Ok(report(run));
        }
        let t = Instant::now();
        let r = run.client.disconnect().await;
        run.record(Step::Disconnect, r, t.elapsed());
        if run.stopped() {
            return Ok(report(run));
        }
    } else {
        run.skip(Step::RopLogon, "Connect failed");
        run.skip(Step::Disconnect, "Connect failed");
    }

    let t = Instant::now();
    let r = run.client.bind().await;
    let bound = run.record(Step::Bind, r, t.elapsed());
    if run.stopped() {
        return Ok(report(run));
    }
    if bound {
        let t = Instant::now();
        let r = run.client.unbind().await;
        run.record(Step::Unbind, r, t.elapsed());
        run.stopped();
    } else {
        run.skip(Step::Unbind, "Bind failed");
    }
    Ok(report(run))
}

impl fmt::Display for ProbeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "MAPI/HTTP probe of {} as {}", self.url, self.user_dn)?;
        let rows: Vec<Vec<String>> = self
            .steps
            .iter()
            .map(|s| {
                let (result, why) = match &s.outcome {
                    Outcome::Ok => ("OK", ""),
                    Outcome::Failed(why) => ("FAILED", why.as_str()),
                    Outcome::Skipped(why) => ("SKIPPED", why.as_str()),
                };
                let skipped = matches!(s.outcome, Outcome::Skipped(_));
                vec![
                    s.step.name().to_string(),
                    s.step.endpoint().to_string(),
                    result.to_string(),
                    s.http_status.map_or("-".into(), |c| c.to_string()),
                    s.response_code.map_or("-".into(), code_text),
                    match skipped {
                        true => "-".into(),
                        false => s.elapsed.as_millis().to_string(),
                    },
                    why.to_string(),
                ]
            })
            .collect();
        client::table(
            f,
            &[
                "Step",
                "Endpoint",
                "Result",
                "HTTP",
                "X-ResponseCode",
                "Time (ms)",
                "Detail",
            ],
            &rows,
        )?;
        let failed = self
            .steps
            .iter()
            .filter(|s| matches!(s.outcome, Outcome::Failed(_)))
            .count();
        match self.verdict() {
            Verdict::Passed => writeln!(f, "\nAll {} steps passed.", self.steps.len()),
            Verdict::Failed => writeln!(
                f,
                "\n{failed} of {} steps failed (exit status 1).",
                self.steps.len()
            ),
            Verdict::Unreachable(Unreachable::Connection) => {
                writeln!(
                    f,
                    "\nConnection error: the server was not reached (exit status 2)."
                )
            }
            Verdict::Unreachable(Unreachable::Tls) => writeln!(
                f,
                "\nTLS error: no secure connection to the server (exit status 2)."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mapi_codec::http::headers::{Endpoint, RequestType};

    fn head(challenges: &[&str]) -> ResponseHeadInfo {
        ResponseHeadInfo {
            status: 401,
            response_code: None,
            www_authenticate: challenges.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn a_401_says_what_to_do() {
        let e = MapiClientError::Protocol(ClientError::HttpStatus {
            status: 401,
            response_code: None,
        });
        let h = head(&["Negotiate", "Basic realm=\"x\""]);
        assert_eq!(
            failure_text(&e, Some(&h), true),
            "HTTP 401 Unauthorized (check the credentials)"
        );
        assert_eq!(
            failure_text(&e, Some(&h), false),
            "HTTP 401 Unauthorized (no credentials given; the server offers Negotiate, Basic: \
             use --user and --password, or --bearer)"
        );
    }

    #[test]
    fn other_statuses_and_codes_by_name() {
        let e = MapiClientError::Protocol(ClientError::HttpStatus {
            status: 404,
            response_code: None,
        });
        assert_eq!(failure_text(&e, None, true), "HTTP 404 Not Found");
        let e = MapiClientError::Protocol(ClientError::HttpStatus {
            status: 599,
            response_code: Some(ResponseCode(1)),
        });
        assert_eq!(
            failure_text(&e, None, true),
            "HTTP 599, X-ResponseCode 1 (Unknown Failure)"
        );
        // [MS-OXCMAPIHTTP] 2.2.3.3.3: 6 is Invalid Context Cookie, 16 Endpoint Disabled.
        let e = MapiClientError::Protocol(ClientError::SessionExpired {
            endpoint: Endpoint::Mailbox,
            code: ResponseCode(6),
        });
        assert_eq!(
            failure_text(&e, None, true),
            "X-ResponseCode 6 (Invalid Context Cookie)"
        );
        let e = MapiClientError::Protocol(ClientError::Rejected {
            request_type: RequestType::CONNECT,
            code: ResponseCode(16),
        });
        assert_eq!(
            failure_text(&e, None, true),
            "X-ResponseCode 16 (Endpoint Disabled)"
        );
        assert_eq!(code_text(ResponseCode(99)), "99");
    }

    #[test]
    fn exit_codes() {
        assert_eq!(
            [
                Verdict::Passed,
                Verdict::Failed,
                Verdict::Unreachable(Unreachable::Tls),
                Verdict::Unreachable(Unreachable::Connection)
            ]
            .map(Verdict::exit_code),
            [0, 1, 2, 2]
        );
    }
}
