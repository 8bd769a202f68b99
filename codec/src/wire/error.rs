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

    /// Moves the offset by `by` bytes: for decoders of a buffer embedded at `by` in another.
    pub fn shifted(mut self, by: usize) -> Self {
        self.0.offset += by;
        self
    }
}

impl fmt::Debug for DecodeError {
    /// The structure: `DecodeError { kind: Truncated { .. }, offset: 3, path: "RopsList[0]" }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("kind", &self.0.kind)
            .field("offset", &self.0.offset)
            .field("path", &self.path_string())
            .finish()
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

/// A path stored innermost segment first, as text outermost first.
fn path_text(path: &[PathSegment]) -> String {
    let mut s = String::new();
    for seg in path.iter().rev() {
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

/// Errors that learn the field path as they travel outwards: [`DecodeError`] and
/// [`EncodeError`].
pub trait WithPath: Sized {
    /// Adds an outer field name to the path.
    fn in_field(self, name: &'static str) -> Self;
    /// Adds an outer array index to the path.
    fn at_index(self, index: usize) -> Self;
}

/// The path of both error types: the inherent accessors and [`WithPath`], written once.
macro_rules! path_methods {
    ($($error:ident: $example:literal;)*) => {$(
        impl $error {
            /// The field path, outermost first.
            pub fn path(&self) -> impl Iterator<Item = &PathSegment> {
                self.0.path.iter().rev()
            }

            #[doc = concat!("The field path as text: `", $example, "`.")]
            pub fn path_string(&self) -> String {
                path_text(&self.0.path)
            }

            /// Adds an outer field name to the path (an empty name adds nothing: a field that
            /// names its own parts, such as AuxiliaryBufferSize and AuxiliaryBuffer).
            #[cold]
            pub fn in_field(mut self, name: &'static str) -> Self {
                if !name.is_empty() {
                    self.0.path.push(PathSegment::Field(name));
                }
                self
            }

            /// Adds an outer array index to the path.
            #[cold]
            pub fn at_index(mut self, index: usize) -> Self {
                self.0.path.push(PathSegment::Index(index));
                self
            }
        }

        impl WithPath for $error {
            #[inline]
            fn in_field(self, name: &'static str) -> Self {
                $error::in_field(self, name)
            }
            #[inline]
            fn at_index(self, index: usize) -> Self {
                $error::at_index(self, index)
            }
        }
    )*};
}

path_methods! {
    DecodeError: "Restriction.Restricts[3].TaggedValue";
    EncodeError: "RopsList[2].RopLogon.Essdn";
}

/// Adds path context to a decoding or encoding result as it travels outwards.
pub trait ResultExt<T, E> {
    /// Names the field that was being read or written.
    fn field(self, name: &'static str) -> Result<T, E>;
    /// Names the array element that was being read or written.
    fn index(self, index: usize) -> Result<T, E>;
}

impl<T, E: WithPath> ResultExt<T, E> for Result<T, E> {
    #[inline]
    fn field(self, name: &'static str) -> Result<T, E> {
        self.map_err(|e| e.in_field(name))
    }
    #[inline]
    fn index(self, index: usize) -> Result<T, E> {
        self.map_err(|e| e.at_index(index))
    }
}

/// What kind of value could not be encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeErrorKind {
    /// A length or count is larger than its wire field can hold.
    TooLong {
        /// The field.
        field: &'static str,
        /// The length or count.
        len: usize,
        /// The largest the field can hold.
        max: u64,
    },
    /// A value cannot be written (e.g. a string with an interior NUL), or its bytes would
    /// decode to another value.
    InvalidValue {
        /// Why.
        what: &'static str,
    },
    /// The output buffer has no room left.
    OutOfSpace,
    /// A handle-index field names a slot past the end of the Server object handle table
    /// ([MS-OXCROPS] 2.2.1): the decoder keeps such a ROP undecoded.
    HandleIndexPastTable {
        /// The field ([`HandleRole::field_name`](crate::rop::HandleRole::field_name)).
        field: &'static str,
        /// The index.
        index: u8,
        /// The number of handles in the table.
        handles: usize,
    },
    /// A null-terminated string without its terminator, or with a NUL before its end.
    Unterminated {
        /// The kind of string.
        what: &'static str,
    },
    /// A row does not hold one cell per column (list index: the row).
    ColumnCount {
        /// The number of columns.
        columns: usize,
        /// The number of cells.
        cells: usize,
    },
    /// A cell does not fit its column: a value of another type, or a form (standard,
    /// flagged, typed) that the row's Flag and the column's type do not call for (list index:
    /// the cell).
    ColumnMismatch {
        /// The column's property type.
        column_type: u16,
        /// The value's property type (its PropertyType field for a typed cell; `None` for a
        /// cell of the wrong form).
        value_type: Option<u16>,
    },
    /// A response where the request buffer has no request it can answer (list index: the
    /// response).
    UnexpectedResponse {
        /// The response's RopId.
        response: u8,
        /// The RopId of the request it meets (`None`: every request was answered).
        request: Option<u8>,
    },
    /// The success or failure body does not match the ReturnValue, which selects it.
    OutcomeMismatch {
        /// ReturnValue.
        return_value: u32,
    },
    /// The bytes would not decode back because the decoder would lack what their layout
    /// depends on (the columns of a table, the LogonFlags of a logon).
    MissingContext {
        /// What the decoder would need.
        what: &'static str,
    },
    /// An element that runs to the end of its list (RopBufferTooSmall, whose RequestBuffers
    /// take the rest of RopsList) with something after it.
    NotLast {
        /// The element.
        what: &'static str,
    },
    /// A value disagrees with the context it is encoded in (the columns a row set carries
    /// and the table's, the layout of a logon and its LogonFlags).
    ContextMismatch {
        /// What disagrees.
        what: &'static str,
    },
}

impl EncodeErrorKind {
    /// A short stable name of the kind, for scripts (`too-long`, `unterminated`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            EncodeErrorKind::TooLong { .. } => "too-long",
            EncodeErrorKind::InvalidValue { .. } => "invalid-value",
            EncodeErrorKind::OutOfSpace => "out-of-space",
            EncodeErrorKind::HandleIndexPastTable { .. } => "handle-index-past-table",
            EncodeErrorKind::Unterminated { .. } => "unterminated",
            EncodeErrorKind::ColumnCount { .. } => "column-count",
            EncodeErrorKind::ColumnMismatch { .. } => "column-mismatch",
            EncodeErrorKind::UnexpectedResponse { .. } => "unexpected-response",
            EncodeErrorKind::OutcomeMismatch { .. } => "outcome-mismatch",
            EncodeErrorKind::MissingContext { .. } => "missing-context",
            EncodeErrorKind::ContextMismatch { .. } => "context-mismatch",
            EncodeErrorKind::NotLast { .. } => "not-last",
        }
    }
}

impl fmt::Display for EncodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeErrorKind::TooLong { field, len, max } => {
                write!(f, "{field}: {len} does not fit (at most {max})")
            }
            EncodeErrorKind::InvalidValue { what } => write!(f, "cannot encode: {what}"),
            EncodeErrorKind::OutOfSpace => write!(f, "output buffer is full"),
            EncodeErrorKind::HandleIndexPastTable {
                field,
                index,
                handles,
            } => write!(
                f,
                "{field} {index} is past the end of the Server object handle table ({handles} handles)"
            ),
            EncodeErrorKind::Unterminated { what } => {
                write!(f, "{what} without its terminating NUL, or with a NUL inside")
            }
            EncodeErrorKind::ColumnCount { columns, cells } => {
                write!(f, "a row of {cells} cells for {columns} columns")
            }
            EncodeErrorKind::ColumnMismatch {
                column_type,
                value_type: Some(v),
            } => write!(
                f,
                "a value of type 0x{v:04X} in a column of type 0x{column_type:04X}"
            ),
            EncodeErrorKind::ColumnMismatch {
                column_type,
                value_type: None,
            } => write!(
                f,
                "a cell of the wrong form for the row's Flag and its column (type 0x{column_type:04X})"
            ),
            EncodeErrorKind::UnexpectedResponse {
                response,
                request: Some(q),
            } => write!(
                f,
                "a response of RopId 0x{response:02X} where the next request is RopId 0x{q:02X}"
            ),
            EncodeErrorKind::UnexpectedResponse {
                response,
                request: None,
            } => write!(
                f,
                "a response of RopId 0x{response:02X} with no request left to answer"
            ),
            EncodeErrorKind::OutcomeMismatch { return_value } => write!(
                f,
                "the response body (success or failure) is not the one ReturnValue 0x{return_value:08X} selects"
            ),
            EncodeErrorKind::MissingContext { what } => {
                write!(f, "would not decode back without {what}")
            }
            EncodeErrorKind::NotLast { what } => {
                write!(f, "{what} runs to the end of its list, but something follows it")
            }
            EncodeErrorKind::ContextMismatch { what } => {
                write!(f, "disagrees with its context: {what}")
            }
        }
    }
}

#[derive(Clone, PartialEq, Eq)]
struct EncodeInner {
    kind: EncodeErrorKind,
    /// Innermost segment first, as in [`DecodeError`].
    path: Vec<PathSegment>,
}

/// An encoding failure: a value built by the caller does not fit the wire, with the field
/// path and list index of the element that failed (`RopsList[2].RopLogon.Essdn`).
///
/// Boxed so that `Result<(), EncodeError>` stays one word.
#[derive(Clone, PartialEq, Eq)]
pub struct EncodeError(Box<EncodeInner>);

impl EncodeError {
    /// A new error of `kind`, with an empty path.
    #[cold]
    pub fn new(kind: EncodeErrorKind) -> Self {
        EncodeError(Box::new(EncodeInner {
            kind,
            path: Vec::new(),
        }))
    }

    /// An [`EncodeErrorKind::InvalidValue`] error.
    #[cold]
    pub fn invalid(what: &'static str) -> Self {
        Self::new(EncodeErrorKind::InvalidValue { what })
    }

    /// An [`EncodeErrorKind::TooLong`] error.
    #[cold]
    pub fn too_long(field: &'static str, len: usize, max: u64) -> Self {
        Self::new(EncodeErrorKind::TooLong { field, len, max })
    }

    /// An [`EncodeErrorKind::OutOfSpace`] error.
    #[cold]
    pub fn out_of_space() -> Self {
        Self::new(EncodeErrorKind::OutOfSpace)
    }

    /// What was wrong.
    pub fn kind(&self) -> &EncodeErrorKind {
        &self.0.kind
    }
}

impl fmt::Debug for EncodeError {
    /// The structure: `EncodeError { kind: InvalidValue { .. }, path: "RopsList[1]" }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncodeError")
            .field("kind", &self.0.kind)
            .field("path", &self.path_string())
            .finish()
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.kind, f)?;
        if !self.0.path.is_empty() {
            write!(f, " in {}", self.path_string())?;
        }
        Ok(())
    }
}

impl std::error::Error for EncodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_structure_and_display_the_sentence() {
        let e = DecodeError::new(
            ErrorKind::Truncated {
                needed: 4,
                available: 1,
            },
            7,
        )
        .in_field("LogonId")
        .at_index(2)
        .in_field("RopsList");
        assert_eq!(
            format!("{e:?}"),
            "DecodeError { kind: Truncated { needed: 4, available: 1 }, offset: 7, \
             path: \"RopsList[2].LogonId\" }"
        );
        assert_eq!(
            e.to_string(),
            "truncated: needed 4 bytes, 1 left at offset 7 in RopsList[2].LogonId"
        );
    }

    #[test]
    fn encode_errors_carry_the_path_and_index() {
        let r: Result<(), EncodeError> = Err(EncodeError::invalid("no terminator"));
        let e = r.field("Essdn").index(3).field("RopsList").unwrap_err();
        assert_eq!(e.path_string(), "RopsList[3].Essdn");
        assert_eq!(
            e.kind(),
            &EncodeErrorKind::InvalidValue {
                what: "no terminator"
            }
        );
        assert_eq!(
            e.to_string(),
            "cannot encode: no terminator in RopsList[3].Essdn"
        );
        assert_eq!(
            format!("{e:?}"),
            "EncodeError { kind: InvalidValue { what: \"no terminator\" }, path: \"RopsList[3].Essdn\" }"
        );
    }
}
