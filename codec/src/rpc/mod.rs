//! [MS-OXCRPC] transport structures: RPC_HEADER_EXT and chains of extended buffers, LZ77
//! (DIRECT2) compression, XorMagic obfuscation, and the auxiliary buffer blocks.

pub mod auxiliary;
pub mod ext;
pub mod lz77;
