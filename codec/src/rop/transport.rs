//! [MS-OXCROPS] 2.2.7 Transport ROPs ([MS-OXOMSG] adds the semantics).
