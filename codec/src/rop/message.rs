//! [MS-OXCROPS] 2.2.6 Message ROPs ([MS-OXCMSG] adds the semantics).
