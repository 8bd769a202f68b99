//! Owned forms of decoded values: [`IntoOwned`] turns a value that borrows from its input
//! (`T<'a>`) into one that owns its bytes (`T<'static>`), so that it can outlive the input.
//!
//! Decoding borrows bulk data (strings, binary values, rows, stream and FastTransfer buffers)
//! from the input as `Cow::Borrowed`; `into_owned` copies each borrowed run into a
//! `Cow::Owned` and leaves the rest as it is. Nothing changes on the decode path: the copy is
//! made only when asked for.
//!
//! The impls of the crate's types are written by the macros that declare them (the struct,
//! code, ROP, body and list macros), from the same field and variant lists as their codecs,
//! so that a field added to a type is one its owned form copies; only hand-written types have
//! hand-written impls.

use std::borrow::Cow;

use super::list::{Bytes16, List16, List32};
use super::outcome::{NoFields, Outcome};
use super::prim::{Bool8, ByteArray, FileTime, Guid};
use super::strings::{AnsiStr, AnsiZ16, Utf16Str};

/// A value that can give up its borrow of the input: `T<'a>` becomes `T<'static>`, each
/// borrowed byte run copied, nothing else changed (the owned value encodes to the same bytes
/// and compares equal).
///
/// Every decoded message has it: ROP requests and responses and their buffers, the EMSMDB and
/// NSPI bodies, auxiliary buffers and extended-buffer chains, property values, rows,
/// restrictions, rule actions and FastTransfer elements. A type without a lifetime is its own
/// owned form.
///
/// ```
/// use mapi_codec::data::{PropType, PropertyValue};
/// use mapi_codec::wire::{DecodeWith, IntoOwned, Limits};
///
/// /// A PtypString value decoded from bytes that are dropped before it is returned.
/// fn display_name() -> PropertyValue<'static> {
///     let input: Vec<u8> = vec![b'H', 0, b'i', 0, 0, 0];
///     let value = PropertyValue::decode_with_exact(
///         &input,
///         (PropType::STRING, mapi_codec::wire::CountWidth::U16),
///         Limits::DEFAULT,
///     )
///     .unwrap();
///     value.into_owned()
/// }
///
/// let PropertyValue::String(s) = display_name() else { panic!() };
/// assert_eq!(s.to_text().as_deref(), Some("Hi"));
/// ```
///
/// To keep the ROP buffers of an Execute body after the body is gone, see
/// [`ExecuteRequest::rop_request_buffers`](crate::http::emsmdb::ExecuteRequest::rop_request_buffers).
pub trait IntoOwned {
    /// The owned form: `T<'static>` for a `T<'a>`, `Self` for a type without a lifetime.
    type Owned: 'static;

    /// The value, owning every byte it held borrowed.
    fn into_owned(self) -> Self::Owned;
}

/// `IntoOwned` for types without a lifetime: each is its own owned form.
macro_rules! owned_as_self {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::wire::IntoOwned for $t {
            type Owned = $t;
            #[inline]
            fn into_owned(self) -> $t {
                self
            }
        }
    )*};
}
pub(crate) use owned_as_self;

/// `IntoOwned` for a hand-written type `Name<'a>` (every macro-declared type has its own): its
/// fields, each converted. The struct literal and the match name every field and variant
/// without `..`, so the compiler refuses a list that misses one.
///
/// ```ignore
/// owned_impl!(struct RawRops { rop_id, reason, bytes });
/// owned_impl!(struct HandleTable(0));
/// owned_impl!(enum FolderEid { Unicode(s), Wire { id, bytes }, Empty });
/// ```
macro_rules! owned_impl {
    (struct $name:ident { $($f:ident),* $(,)? }) => {
        impl<'a> $crate::wire::IntoOwned for $name<'a> {
            type Owned = $name<'static>;
            fn into_owned(self) -> $name<'static> {
                $name { $($f: $crate::wire::IntoOwned::into_owned(self.$f),)* }
            }
        }
    };
    (struct $name:ident ( $($i:tt),* $(,)? )) => {
        impl<'a> $crate::wire::IntoOwned for $name<'a> {
            type Owned = $name<'static>;
            fn into_owned(self) -> $name<'static> {
                $name($($crate::wire::IntoOwned::into_owned(self.$i),)*)
            }
        }
    };
    (enum $name:ident {
        $($v:ident $(( $($p:ident),* ))? $({ $($f:ident),* })?),* $(,)?
    }) => {
        impl<'a> $crate::wire::IntoOwned for $name<'a> {
            type Owned = $name<'static>;
            fn into_owned(self) -> $name<'static> {
                match self {
                    $($name::$v $(( $($p),* ))? $({ $($f),* })? => $name::$v
                        $(( $($crate::wire::IntoOwned::into_owned($p)),* ))?
                        $({ $($f: $crate::wire::IntoOwned::into_owned($f)),* })?,)*
                }
            }
        }
    };
}
pub(crate) use owned_impl;

owned_as_self!(
    (),
    bool,
    char,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
    String,
    Bool8,
    FileTime,
    Guid,
    NoFields,
    super::DecodeError,
);

impl<const N: usize> IntoOwned for ByteArray<N> {
    type Owned = ByteArray<N>;
    #[inline]
    fn into_owned(self) -> ByteArray<N> {
        self
    }
}

impl<'a, B: ?Sized + ToOwned + 'static> IntoOwned for Cow<'a, B>
where
    B::Owned: 'static,
{
    type Owned = Cow<'static, B>;
    #[inline]
    fn into_owned(self) -> Cow<'static, B> {
        Cow::Owned(Cow::into_owned(self))
    }
}

impl<T: IntoOwned> IntoOwned for Vec<T> {
    type Owned = Vec<T::Owned>;
    fn into_owned(self) -> Vec<T::Owned> {
        self.into_iter().map(T::into_owned).collect()
    }
}

impl<T: IntoOwned> IntoOwned for Option<T> {
    type Owned = Option<T::Owned>;
    #[inline]
    fn into_owned(self) -> Option<T::Owned> {
        self.map(T::into_owned)
    }
}

impl<T: IntoOwned> IntoOwned for Box<T> {
    type Owned = Box<T::Owned>;
    #[inline]
    fn into_owned(self) -> Box<T::Owned> {
        Box::new((*self).into_owned())
    }
}

impl<T: IntoOwned, const N: usize> IntoOwned for [T; N] {
    type Owned = [T::Owned; N];
    #[inline]
    fn into_owned(self) -> [T::Owned; N] {
        self.map(T::into_owned)
    }
}

/// `IntoOwned` for tuples, element by element.
macro_rules! tuple_owned {
    ($(($($t:ident),+))*) => {$(
        impl<$($t: IntoOwned),+> IntoOwned for ($($t,)+) {
            type Owned = ($($t::Owned,)+);
            #[inline]
            #[allow(non_snake_case)]
            fn into_owned(self) -> Self::Owned {
                let ($($t,)+) = self;
                ($($t.into_owned(),)+)
            }
        }
    )*};
}

tuple_owned! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
}

impl<S: IntoOwned, F: IntoOwned> IntoOwned for Outcome<S, F> {
    type Owned = Outcome<S::Owned, F::Owned>;
    #[inline]
    fn into_owned(self) -> Self::Owned {
        match self {
            Outcome::Success(s) => Outcome::Success(s.into_owned()),
            Outcome::Failure(f) => Outcome::Failure(f.into_owned()),
        }
    }
}

impl<T: IntoOwned> IntoOwned for List16<T> {
    type Owned = List16<T::Owned>;
    #[inline]
    fn into_owned(self) -> Self::Owned {
        List16(self.0.into_owned())
    }
}

impl<T: IntoOwned> IntoOwned for List32<T> {
    type Owned = List32<T::Owned>;
    #[inline]
    fn into_owned(self) -> Self::Owned {
        List32(self.0.into_owned())
    }
}

impl<'a> IntoOwned for Bytes16<'a> {
    type Owned = Bytes16<'static>;
    #[inline]
    fn into_owned(self) -> Bytes16<'static> {
        Bytes16(IntoOwned::into_owned(self.0))
    }
}

impl<'a> IntoOwned for Utf16Str<'a> {
    type Owned = Utf16Str<'static>;
    #[inline]
    fn into_owned(self) -> Utf16Str<'static> {
        Utf16Str::into_owned(self)
    }
}

impl<'a> IntoOwned for AnsiZ16<'a> {
    type Owned = AnsiZ16<'static>;
    #[inline]
    fn into_owned(self) -> AnsiZ16<'static> {
        AnsiZ16::into_owned(self)
    }
}

impl<'a> IntoOwned for AnsiStr<'a> {
    type Owned = AnsiStr<'static>;
    #[inline]
    fn into_owned(self) -> AnsiStr<'static> {
        AnsiStr::into_owned(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes borrowed from `input`, as decoding leaves them.
    fn borrowed(input: &[u8]) -> (Bytes16<'_>, Utf16Str<'_>, Cow<'_, [u8]>) {
        (
            Bytes16(Cow::Borrowed(input)),
            Utf16Str::from_wire(&input[..2]).unwrap(),
            Cow::Borrowed(&input[2..]),
        )
    }

    #[test]
    fn borrowed_runs_become_owned_copies() {
        let input = vec![0x41, 0x00, 0x07, 0x08];
        let owned = borrowed(&input).into_owned();
        drop(input);
        assert!(matches!(owned.0 .0, Cow::Owned(_)));
        assert_eq!(&owned.0 .0[..], [0x41, 0x00, 0x07, 0x08]);
        assert_eq!(owned.1.to_text().as_deref(), Some("A"));
        assert!(matches!(owned.2, Cow::Owned(_)));
        assert_eq!(&owned.2[..], [0x07, 0x08]);
    }

    #[test]
    fn containers_convert_each_element() {
        let input = [1u8, 2, 3];
        let text = String::from("x");
        let list: Vec<Option<Cow<'_, [u8]>>> = vec![Some(Cow::Borrowed(&input[..1])), None];
        let boxed: Box<[Cow<'_, str>; 1]> = Box::new([Cow::Borrowed(&text)]);
        let (list, boxed) = (list, boxed).into_owned();
        drop(text);
        assert_eq!(list, vec![Some(Cow::Owned(vec![1u8])), None]);
        assert!(matches!(boxed[0], Cow::Owned(ref s) if s == "x"));
        let o: Outcome<List16<u16>, NoFields> = Outcome::Success(List16(vec![5]));
        assert_eq!(o.clone().into_owned(), o);
    }
}
