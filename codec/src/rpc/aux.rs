//! Auxiliary buffer blocks ([MS-OXCRPC] 2.2.2.2). Being written.
