//! Errors of decoding and encoding, with the offset and the field path of a failure.

use core::fmt;

/// What was wrong with the input.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input ended before the field was complete.
    Truncated {
        /// Bytes the field needed.
        needed: usize,
        /// Bytes that were left.
        available: usize,
    },
    /// A field holds a value the spec does not allow.
    InvalidValue {
        /// What the value is and why it is wrong.
        what: &'static str,
        /// The value as read (widened).
        value: u64,
    },
    /// A count, length or depth is above the configured [`Limits`](super::Limits).
    LimitExceeded {
        /// The name of the limit.
        limit: &'static str,
        /// The value seen.
        value: u64,
        /// The largest value allowed.
        max: u64,
    },
    /// A count claims more elements than the bytes left can hold.
    CountTooLarge {
        /// The count as read.
        count: u64,
        /// The least number of bytes one element takes.
        min_element_size: usize,
        /// The bytes left after the count.
        available: usize,
    },
    /// An identifier the spec does not define (or reserves).
    UnknownId {
        /// Which kind of identifier.
        what: &'static str,
        /// The identifier as read.
        id: u64,
    },
    /// Bytes were left over where the structure should have used everything.
    TrailingBytes {
        /// How many bytes were left.
        count: usize,
    },
    /// Compressed data could not be expanded.
    Decompression {
        /// Why.
        what: &'static str,
    },
    /// The bytes are well formed so far, but their layout depends on something the decoder was
    /// not told (a table's columns, the request a response answers): nothing is guessed.
    MissingContext {
        /// What was needed.
        what: &'static str,
    },
}

impl ErrorKind {
    /// A short stable name of the kind, for scripts (`truncated`, `limit-exceeded`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            ErrorKind::Truncated { .. } => "truncated",
            ErrorKind::InvalidValue { .. } => "invalid-value",
            ErrorKind::LimitExceeded { .. } => "limit-exceeded",
            ErrorKind::CountTooLarge { .. } => "count-too-large",
            ErrorKind::UnknownId { .. } => "unknown-id",
            ErrorKind::TrailingBytes { .. } => "trailing-bytes",
            ErrorKind::Decompression { .. } => "decompression",
            ErrorKind::MissingContext { .. } => "missing-context",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Truncated { needed, available } => {
                write!(f, "truncated: needed {needed} bytes, {available} left")
            }
            ErrorKind::InvalidValue { what, value } => {
                write!(f, "invalid value: {what} (0x{value:X})")
            }
            ErrorKind::LimitExceeded { limit, value, max } => {
                write!(f, "limit exceeded: {limit} is {value}, at most {max} allowed")
            }
            ErrorKind::CountTooLarge {
                count,
                min_element_size,
                available,
            } => write!(
                f,
                "count too large: {count} elements of at least {min_element_size} bytes, {available} bytes left"
            ),
            ErrorKind::UnknownId { what, id } => write!(f, "unknown id: {what} 0x{id:X}"),
            ErrorKind::TrailingBytes { count } => write!(f, "trailing bytes: {count} left over"),
            ErrorKind::Decompression { what } => write!(f, "decompression failed: {what}"),
            ErrorKind::MissingContext { what } => write!(f, "missing context: {what}"),
        }
    }
}

/// One step of the path to the field that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSegment {
    /// A named field (the spec's field name).
    Field(&'static str),
    /// An element of an array.
    Index(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    offset: usize,
    /// Innermost segment first: segments are pushed while the error travels outwards.
    path: Vec<PathSegment>,
}

/// A decoding failure: what was wrong, where (byte offset from the start of the outermost
/// buffer) and in which field (`Restriction.Restricts[3].TaggedValue`).
///
/// Boxed so that `Result<T, DecodeError>` stays one word larger than `T`.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError(Box<Inner>);

impl DecodeError {
    /// A new error of `kind` at the absolute `offset`.
    #[cold]
    pub fn new(kind: ErrorKind, offset: usize) -> Self {
        DecodeError(Box::new(Inner {
            kind,
            offset,
            path: Vec::new(),
        }))
    }

    /// What was wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Byte offset from the start of the outermost buffer.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// The field path, outermost first.
    pub fn path(&self) -> impl Iterator<Item = &PathSegment> {
        self.0.path.iter().rev()
    }

    /// The field path as text: `Restriction.Restricts[3].TaggedValue`.
    pub fn path_string(&self) -> String {
        let mut s = String::new();
        for seg in self.path() {
            match seg {
                PathSegment::Field(name) => {
                    if !s.is_empty() {
                        s.push('.');
                    }
                    s.push_str(name);
                }
                PathSegment::Index(i) => {
                    s.push('[');
                    s.push_str(&i.to_string());
                    s.push(']');
                }
            }
        }
        s
    }

    /// Adds an outer field name to the path.
    #[cold]
    pub fn in_field(mut self, name: &'static str) -> Self {
        self.0.path.push(PathSegment::Field(name));
        self
    }

    /// Adds an outer array index to the path.
    #[cold]
    pub fn at_index(mut self, index: usize) -> Self {
        self.0.path.push(PathSegment::Index(index));
        self
    }

    /// Moves the offset by `by` bytes: for decoders of a buffer embedded at `by` in another.
    pub fn shifted(mut self, by: usize) -> Self {
        self.0.offset += by;
        self
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at offset {}", self.0.kind, self.0.offset)?;
        if !self.0.path.is_empty() {
            write!(f, " in {}", self.path_string())?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

/// Adds path context to a decoding result as it travels outwards.
pub trait ResultExt<T> {
    /// Names the field that was being read.
    fn field(self, name: &'static str) -> Result<T, DecodeError>;
    /// Names the array element that was being read.
    fn index(self, index: usize) -> Result<T, DecodeError>;
}

impl<T> ResultExt<T> for Result<T, DecodeError> {
    #[inline]
    fn field(self, name: &'static str) -> Result<T, DecodeError> {
        self.map_err(|e| e.in_field(name))
    }
    #[inline]
    fn index(self, index: usize) -> Result<T, DecodeError> {
        self.map_err(|e| e.at_index(index))
    }
}

/// An encoding failure: a value built by the caller does not fit the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeError {
    /// A length or count is larger than its wire field can hold.
    TooLong {
        /// The field.
        field: &'static str,
        /// The length or count.
        len: usize,
        /// The largest the field can hold.
        max: u64,
    },
    /// A value cannot be written (e.g. a string with an interior NUL).
    InvalidValue {
        /// Why.
        what: &'static str,
    },
    /// The output buffer has no room left.
    OutOfSpace,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::TooLong { field, len, max } => {
                write!(f, "{field}: {len} does not fit (at most {max})")
            }
            EncodeError::InvalidValue { what } => write!(f, "cannot encode: {what}"),
            EncodeError::OutOfSpace => write!(f, "output buffer is full"),
        }
    }
}

impl std::error::Error for EncodeError {}
