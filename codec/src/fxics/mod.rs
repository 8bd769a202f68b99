//! [MS-OXCFXICS]: the structures of bulk data transfer and incremental change synchronization.

pub mod idset;
