//! [MS-OXCROPS] 2.2.10 Permission ROPs ([MS-OXCPERM] adds the semantics).
