//! Bounds on what a decoder accepts from untrusted input.

/// Limits applied while decoding. The defaults are safe for a server facing any client;
/// a tool reading trusted captures may raise them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of restrictions (a restriction inside And/Or/Not/SubObject/Comment/Count,
    /// or inside a PtypRestriction value) before decoding fails.
    pub max_restriction_depth: u32,
    /// Most elements any one counted array may claim (tags, rows, values, restrictions).
    pub max_elements: u32,
    /// Most bytes LZ77 decompression may produce for one extended buffer, and for all the
    /// compressed buffers of one chain together (the sum of their SizeActual).
    pub max_decompressed_size: u32,
    /// Refuse what the default decoding keeps and reports: a value outside its spec's range
    /// that servers accept (a PtypBoolean other than 0 or 1, ...) and a ROP buffer that
    /// decodes only in part. Off by default: decoding is tolerant and lossless, and the
    /// tree of a decoded value carries a [`Remark`](crate::tree::Remark) for each such place.
    pub strict: bool,
}

impl Limits {
    /// The defaults: depth 64, 1 Mi elements per array, 16 MiB decompressed.
    pub const DEFAULT: Limits = Limits {
        max_restriction_depth: 64,
        max_elements: 1 << 20,
        max_decompressed_size: 16 << 20,
        strict: false,
    };

    /// The defaults, refusing non-canonical values and partial decodes ([`Limits::strict`]).
    pub const STRICT: Limits = Limits {
        strict: true,
        ..Limits::DEFAULT
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}
