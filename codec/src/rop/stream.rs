//! [MS-OXCROPS] 2.2.9 Stream ROPs ([MS-OXCPRPT] adds the semantics).
