//! A MAPI/HTTP server and client built on `mapi-codec`: the example for authors of either.
//!
//! - [`server`]: hyper 1 over tokio, serving the mailbox endpoint (`/mapi/emsmdb`: Connect,
//!   Execute, NotificationWait, Disconnect, PING) and the address book endpoint (`/mapi/nspi`:
//!   Bind, GetSpecialTable, QueryRows, ResolveNames, Unbind) of [MS-OXCMAPIHTTP] over the
//!   in-memory [`mailbox::Mailbox`], over TLS and with credentials when configured;
//! - [`client`]: the other side, reading each response stream incrementally with the codec's
//!   `ResponseStreamDecoder`, and [`client::demo`], what the `mapi-client` binary prints;
//! - [`probe`]: `mapi-client probe`, Connect, RopLogon, Disconnect, Bind and Unbind, each
//!   reported, in the spirit of Exchange's Test-OutlookConnectivity;
//! - [`tls`] (rustls, the ring provider), [`auth`] (Basic and bearer credentials, the 401
//!   challenge) and [`transport`] (base URLs, connections): HTTPS as Exchange serves it.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use mapi_example::{client, server};
//! let srv = server::start("127.0.0.1:0".parse()?, server::ServerConfig::default()).await?;
//! let report = client::demo(&format!("http://{}", srv.addr), "ann").await?;
//! println!("{report}");
//! # Ok(()) }
//! ```

pub mod auth;
pub mod client;
pub mod emsmdb;
pub mod http;
pub mod mailbox;
pub mod nspi;
pub mod probe;
pub mod server;
pub mod tls;
pub mod transport;
