//! TLS for the example: rustls with the ring provider, HTTP/1.1 only (the MAPI/HTTP requests
//! and responses of [MS-OXCMAPIHTTP] 2.2.2 are HTTP/1.1 messages).
//!
//! Exchange serves MAPI over HTTP only over HTTPS. The client trusts the platform's roots
//! (`rustls-native-certs`: the store where an on-premises Exchange's enterprise CA is
//! installed) or, instead, the CA certificates of one PEM file; the server presents a PEM
//! certificate chain and its private key.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::{ClientConfig, RootCertStore, ServerConfig};

/// The ALPN protocol both sides offer: MAPI/HTTP is carried by HTTP/1.1.
const ALPN_HTTP11: &[u8] = b"http/1.1";

/// The ring provider, named here rather than taken from the process default, so that another
/// crate turning on rustls's aws-lc-rs feature cannot make the choice ambiguous.
///
/// rustls 0.23.48 deprecates it for want of post-quantum key exchange (X25519MLKEM768, which
/// only its aws-lc-rs provider has). ring is kept for its plain build (aws-lc-rs builds a C
/// library of its own, with CMake on some targets); the classical groups it offers (X25519,
/// P-256, P-384) are what Exchange's servers negotiate.
#[allow(deprecated)]
fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// A TLS configuration that could not be made: a PEM file that cannot be read or holds no
/// usable certificate or key, or a key that does not fit the certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsSetupError(pub String);

impl fmt::Display for TlsSetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TlsSetupError {}

/// The certificates of a PEM text (`what` names it in errors); at least one.
fn certificates(pem: &[u8], what: &str) -> Result<Vec<CertificateDer<'static>>, TlsSetupError> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| TlsSetupError(format!("{what}: {e}")))?;
    if certs.is_empty() {
        return Err(TlsSetupError(format!("{what}: no CERTIFICATE in it")));
    }
    Ok(certs)
}

/// The contents of a file, for the errors of a command line.
fn read(path: &Path) -> Result<Vec<u8>, TlsSetupError> {
    std::fs::read(path).map_err(|e| TlsSetupError(format!("{}: {e}", path.display())))
}

fn client_config_with(roots: RootCertStore) -> Result<Arc<ClientConfig>, TlsSetupError> {
    let mut config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsSetupError(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![ALPN_HTTP11.to_vec()];
    Ok(Arc::new(config))
}

/// A client configuration that trusts the CA certificates of a PEM text (and nothing else).
pub fn client_config_from_pem(ca_pem: &[u8]) -> Result<Arc<ClientConfig>, TlsSetupError> {
    client_config_trusting(ca_pem, "CA file")
}

fn client_config_trusting(pem: &[u8], what: &str) -> Result<Arc<ClientConfig>, TlsSetupError> {
    let mut roots = RootCertStore::empty();
    for cert in certificates(pem, what)? {
        roots
            .add(cert)
            .map_err(|e| TlsSetupError(format!("{what}: {e}")))?;
    }
    client_config_with(roots)
}

/// A client configuration that trusts the CA certificates of the PEM file `ca_file`, or the
/// platform's roots when there is none. A platform store that cannot be read, or holds no
/// usable root, leaves the set empty: every server certificate is then refused with the
/// handshake's own error (UnknownIssuer), which says more than a refusal to start.
pub fn client_config(ca_file: Option<&Path>) -> Result<Arc<ClientConfig>, TlsSetupError> {
    if let Some(path) = ca_file {
        return client_config_trusting(&read(path)?, &path.display().to_string());
    }
    let mut roots = RootCertStore::empty();
    let found = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(found.certs);
    client_config_with(roots)
}

/// A server configuration presenting the certificate chain of a PEM text (leaf first) with
/// the private key of another (PKCS#8, PKCS#1 or SEC1).
pub fn server_config_from_pem(
    cert_pem: &[u8],
    key_pem: &[u8],
) -> Result<Arc<ServerConfig>, TlsSetupError> {
    server_config_named((cert_pem, "certificate file"), (key_pem, "key file"))
}

fn server_config_named(
    (cert_pem, cert_name): (&[u8], &str),
    (key_pem, key_name): (&[u8], &str),
) -> Result<Arc<ServerConfig>, TlsSetupError> {
    let chain = certificates(cert_pem, cert_name)?;
    let key = PrivateKeyDer::from_pem_slice(key_pem)
        .map_err(|e| TlsSetupError(format!("{key_name}: {e}")))?;
    let mut config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsSetupError(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| TlsSetupError(format!("{cert_name} and {key_name}: {e}")))?;
    config.alpn_protocols = vec![ALPN_HTTP11.to_vec()];
    Ok(Arc::new(config))
}

/// [`server_config_from_pem`] of the files `cert` and `key`.
pub fn server_config(cert: &Path, key: &Path) -> Result<Arc<ServerConfig>, TlsSetupError> {
    let (cert_pem, key_pem) = (read(cert)?, read(key)?);
    server_config_named(
        (&cert_pem, &cert.display().to_string()),
        (&key_pem, &key.display().to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_without_a_certificate_is_refused_by_name() {
        let e = client_config_from_pem(b"not a pem file").unwrap_err();
        assert_eq!(e.0, "CA file: no CERTIFICATE in it");
        let e = client_config(Some(Path::new("/nonexistent/ca.pem"))).unwrap_err();
        assert!(e.0.starts_with("/nonexistent/ca.pem: "), "{e}");
        let e = server_config_from_pem(b"", b"").unwrap_err();
        assert_eq!(e.0, "certificate file: no CERTIFICATE in it");
    }

    #[test]
    fn both_sides_offer_http11_only() {
        let c = client_config(None).unwrap();
        assert_eq!(c.alpn_protocols, [b"http/1.1".to_vec()]);
    }
}
