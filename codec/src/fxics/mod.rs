//! [MS-OXCFXICS]: bulk data transfer and incremental change synchronization: the FastTransfer
//! stream ([`stream`]) that the Fast Transfer and ICS ROPs carry in pieces, followed across
//! those pieces ([`transfer`]), and the structures of ICS state properties ([`idset`]).

pub mod idset;
pub mod stream;
pub mod transfer;
