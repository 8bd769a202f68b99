//! Wire primitives: the decode/encode traits, the reader, errors, limits, little-endian
//! integers, strings, GUID and FILETIME.

mod code;
mod codec;
pub mod codepage;
mod error;
pub(crate) mod fixed;
mod limits;
mod list;
mod outcome;
mod owned;
mod prim;
mod reader;
mod strings;
mod structs;

pub(crate) use code::named_code;
pub use codec::{
    ensure_room, put_count, u16_len, u32_len, u8_len, Decode, DecodeWith, Encode, EncodeWith,
};
pub use error::{
    DecodeError, EncodeError, EncodeErrorKind, ErrorKind, PathSegment, ResultExt, WithPath,
};
pub use limits::Limits;
pub(crate) use list::{exact_len, min_len};
pub use list::{Bytes16, List16, List32, MinLen};
pub use outcome::{NoFields, Outcome};
pub use owned::IntoOwned;
pub(crate) use owned::{owned_as_self, owned_impl};
pub(crate) use prim::transparent;
pub use prim::{Bool8, ByteArray, FileTime, Guid};
pub use reader::{CountWidth, Reader};
pub(crate) use strings::utf16_text;
pub use strings::{AnsiStr, AnsiZ16, Utf16Str};
pub(crate) use structs::wire_struct;
pub use structs::Optional;
