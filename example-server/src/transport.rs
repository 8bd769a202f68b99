//! Where the client's requests go and how: the base URL (`http://` or `https://` and an
//! authority), the TCP connection, TLS over it, and the hyper HTTP/1 handshake.

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::client::conn::http1::SendRequest;
use hyper::Uri;
use hyper_util::rt::TokioIo;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio::task::JoinHandle;
use tokio_rustls::TlsConnector;

use crate::client::MapiClientError;

/// A server's base URL: `http://host[:port]` or `https://host[:port]` (a trailing `/` is
/// allowed; the endpoints' paths are the protocol layer's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Whether the scheme is `https`.
    pub https: bool,
    /// The host name or address (an IPv6 address without its brackets).
    pub host: String,
    /// The port (80 or 443 when the URL names none).
    pub port: u16,
    /// The Host header's value: the authority as the URL gives it.
    pub authority: String,
}

impl Target {
    /// Parses a base URL (`None` for anything else: another scheme, a path, a query, user
    /// information).
    pub fn parse(base: &str) -> Option<Target> {
        let uri: Uri = base.parse().ok()?;
        let https = match uri.scheme_str()? {
            s if s.eq_ignore_ascii_case("https") => true,
            s if s.eq_ignore_ascii_case("http") => false,
            _ => return None,
        };
        let authority = uri.authority()?;
        let bare_path = matches!(uri.path(), "" | "/") && uri.query().is_none();
        if !bare_path || authority.as_str().contains('@') || authority.host().is_empty() {
            return None;
        }
        let host = authority.host();
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        Some(Target {
            https,
            host: host.to_string(),
            port: authority.port_u16().unwrap_or(if https { 443 } else { 80 }),
            authority: authority.as_str().to_string(),
        })
    }

    /// The name the server's certificate must carry (a DNS name or an IP address).
    pub fn server_name(&self) -> Result<ServerName<'static>, MapiClientError> {
        ServerName::try_from(self.host.clone())
            .map_err(|e| MapiClientError::Tls(format!("{}: {e}", self.host)))
    }
}

/// An open connection: the request sender and the task driving the connection.
pub(crate) type Connection = (SendRequest<Full<Bytes>>, JoinHandle<()>);

/// Opens a connection to `target`: TCP, then TLS when `tls` is given, then HTTP/1.1.
pub(crate) async fn open(
    target: &Target,
    tls: Option<&Arc<rustls::ClientConfig>>,
) -> Result<Connection, MapiClientError> {
    let tcp = TcpStream::connect((target.host.as_str(), target.port))
        .await
        .map_err(|e| MapiClientError::Connect(format!("{}: {e}", target.authority)))?;
    // Each request goes out as soon as it is written: with Nagle's algorithm a request's
    // second segment waits for the server's delayed ACK (some 40 ms a call).
    let _ = tcp.set_nodelay(true);
    match tls {
        None => handshake(tcp).await,
        Some(config) => {
            let stream = TlsConnector::from(config.clone())
                .connect(target.server_name()?, tcp)
                .await
                // The handshake's error as rustls words it ("invalid peer certificate:
                // UnknownIssuer"): tokio-rustls hands it over inside an io::Error.
                .map_err(|e| MapiClientError::Tls(tls_error_text(&e)))?;
            handshake(stream).await
        }
    }
}

/// A TLS handshake error's text, with a hint where rustls's words need one.
fn tls_error_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.contains("InvalidContentType") {
        // The peer answered with something that is not a TLS record: plain HTTP, most likely.
        true => format!("{text} (is the server speaking plain HTTP? try http://)"),
        false => text,
    }
}

async fn handshake<I>(io: I) -> Result<Connection, MapiClientError>
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(io))
        .await
        .map_err(|e| MapiClientError::Http(e.to_string()))?;
    let task = tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok((sender, task))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(https: bool, host: &str, port: u16, authority: &str) -> Option<Target> {
        Some(Target {
            https,
            host: host.into(),
            port,
            authority: authority.into(),
        })
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            Target::parse("http://127.0.0.1:8080"),
            t(false, "127.0.0.1", 8080, "127.0.0.1:8080")
        );
        assert_eq!(
            Target::parse("https://mail.example.com/"),
            t(true, "mail.example.com", 443, "mail.example.com")
        );
        assert_eq!(
            Target::parse("HTTPS://[::1]:8443"),
            t(true, "::1", 8443, "[::1]:8443")
        );
        assert_eq!(Target::parse("http://h"), t(false, "h", 80, "h"));
        for bad in [
            "ftp://h",
            "h:80",
            "http://",
            "http://h/mapi",
            "http://h/?a=b",
            "http://u:p@h",
            "",
        ] {
            assert_eq!(Target::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn server_names_are_dns_names_or_addresses() {
        let target = Target::parse("https://[::1]:1").unwrap();
        assert!(matches!(target.server_name(), Ok(ServerName::IpAddress(_))));
        let target = Target::parse("https://mail.example.com").unwrap();
        assert!(matches!(target.server_name(), Ok(ServerName::DnsName(_))));
    }
}
