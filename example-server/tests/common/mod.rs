//! Shared by the end-to-end tests: a server on a loopback port with short timers.

use std::time::Duration;

use mapi_example::server::{self, Clock, ServerConfig, ServerHandle};

/// A server on 127.0.0.1:0 whose PENDING period, NotificationWait hold and session expiry are
/// short enough for tests.
pub(crate) async fn start(expiry: Duration) -> ServerHandle {
    start_with_clock(expiry, Clock::default()).await
}

/// [`start`] with the server's clock, which a test moves forward instead of sleeping.
pub(crate) async fn start_with_clock(expiry: Duration, clock: Clock) -> ServerHandle {
    let config = ServerConfig {
        pending_period: Duration::from_millis(20),
        notification_wait: Duration::from_millis(90),
        session_expiry: expiry,
        clock,
        ..ServerConfig::default()
    };
    server::start("127.0.0.1:0".parse().unwrap(), config)
        .await
        .unwrap()
}

/// The base URL of a server.
pub(crate) fn url(h: &ServerHandle) -> String {
    format!("http://{}", h.addr)
}
