//! [MS-OXCFXICS]: the FastTransfer stream ([`stream`]) that the Fast Transfer and ICS ROPs
//! carry in pieces.

pub mod stream;
