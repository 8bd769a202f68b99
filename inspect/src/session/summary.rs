//! The totals over a capture.

use std::collections::BTreeMap;

use mapi_codec::tree::Tree;

/// Totals over a capture.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Calls per request type.
    pub calls: BTreeMap<String, usize>,
    /// ROP requests per RopId name.
    pub rop_requests: BTreeMap<String, usize>,
    /// ROP responses per RopId name.
    pub rop_responses: BTreeMap<String, usize>,
    /// Failures: `call N: ...`.
    pub failures: Vec<String>,
    /// What the capture holds that is not a MAPI call, one line each (where, and what it is).
    pub skipped: Vec<String>,
    /// RopBuffer bytes as sent (after compression and XorMagic), requests and responses.
    pub wire_bytes: u64,
    /// RopBuffer bytes once decompressed.
    pub plain_bytes: u64,
    /// Extended buffers sent compressed.
    pub compressed_buffers: usize,
    /// Extended buffers sent with XorMagic.
    pub xor_buffers: usize,
}

impl Summary {
    /// The summary as a tree.
    pub fn to_tree(&self) -> Tree {
        let counts = |m: &BTreeMap<String, usize>| {
            m.iter().fold(Tree::record(), |t, (k, v)| {
                t.field(k.clone(), Tree::UInt(*v as u64))
            })
        };
        Tree::record()
            .field("CallsPerRequestType", counts(&self.calls))
            .field("RopRequests", counts(&self.rop_requests))
            .field("RopResponses", counts(&self.rop_responses))
            .field(
                "Failures",
                Tree::List(self.failures.iter().cloned().map(Tree::Text).collect()),
            )
            .field(
                "Skipped",
                Tree::List(self.skipped.iter().cloned().map(Tree::Text).collect()),
            )
            .field(
                "RopBufferBytes",
                Tree::record()
                    .field("OnTheWire", Tree::UInt(self.wire_bytes))
                    .field("Decompressed", Tree::UInt(self.plain_bytes))
                    .field(
                        "CompressedBuffers",
                        Tree::UInt(self.compressed_buffers as u64),
                    )
                    .field("XorMagicBuffers", Tree::UInt(self.xor_buffers as u64)),
            )
    }
}
