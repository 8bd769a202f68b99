//! Open named codes: the one macro every code type of the crate is written with.
//!
//! A wire code (a RopId, a property type, a restriction's RelOp, a marker of a FastTransfer
//! stream, ...) is a newtype over its integer, so every value the wire can carry is kept, named
//! or not. [`named_code!`] writes, from one table of constants:
//!
//! - the newtype (`Copy`, ordered, hashable, `Default` is zero) and its constants;
//! - `name()`: the spec's name of a value, `None` for a value the spec does not name;
//! - `NAMED`: every named value with its name, in table order;
//! - `Debug`: the name, or the type and the value in hex (`RelOp(0x07)`);
//! - [`Decode`](super::Decode) and [`Encode`](super::Encode) as the little-endian integer, and
//!   [`ToTree`](crate::tree::ToTree) as a [`Tree::Named`](crate::tree::Tree::Named) node;
//! - conversions from and to the integer;
//! - [`IntoOwned`](super::IntoOwned) (a code owns its value: it is its own owned form).
//!
//! With `in TABLE` after the struct, the names come from a spec table too long for a match: a
//! `&[(repr, &str)]` sorted by value, searched by `name()` (the [MS-OXCDATA] 2.4 error codes);
//! the constants name the values code refers to, `NAMED` is not written.
//!
//! With `flags` before the struct, the constants are bits: `Debug` and the tree show the names
//! of the bits that are set joined by `|` (and the unnamed rest in hex), and the type gets
//! `contains`, `with` and the `|` operator.

/// Writes an open code type: see the [module documentation](self).
///
/// ```ignore
/// named_code! {
///     /// A relational operator ([MS-OXCDATA] 2.12.4.2).
///     pub struct RelOp(u8);
///     /// RELOP_LT.
///     LT = 0x00 => "RELOP_LT",
///     /// RELOP_LE.
///     LE = 0x01 => "RELOP_LE",
/// }
/// ```
macro_rules! named_code {
    (
        $(#[$meta:meta])*
        pub struct $name:ident($repr:ident);
        $($(#[$cm:meta])* $c:ident = $v:literal => $text:literal,)*
    ) => {
        $crate::wire::named_code!(@common $(#[$meta])* $name $repr; $($(#[$cm])* $c = $v => $text,)*);
        $crate::wire::named_code!(@shared $name $repr);
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident($repr:ident) in $table:path;
        $($(#[$cm:meta])* $c:ident = $v:literal,)*
    ) => {
        $crate::wire::named_code!(@struct $(#[$meta])* $name $repr; $($(#[$cm])* $c = $v;)*);

        impl $name {
            /// The spec's name of this value, `None` if the spec does not name it.
            pub fn name(self) -> Option<&'static str> {
                $table
                    .binary_search_by_key(&self.0, |&(value, _)| value)
                    .ok()
                    .map(|i| $table[i].1)
            }

            /// The value the spec names `name` (the first one, when several share it).
            #[cfg(feature = "serde")]
            pub(crate) fn serde_lookup(name: &str) -> Option<$name> {
                $table.iter().find(|&&(_, n)| n == name).map(|&(v, _)| $name(v))
            }
        }

        $crate::wire::named_code!(@shared $name $repr);
    };
    (
        flags
        $(#[$meta:meta])*
        pub struct $name:ident($repr:ident);
        $($(#[$cm:meta])* $c:ident = $v:literal => $text:literal,)*
    ) => {
        $crate::wire::named_code!(@common $(#[$meta])* $name $repr; $($(#[$cm])* $c = $v => $text,)*);
        $crate::wire::named_code!(@conversions $name $repr);

        impl $name {
            /// Whether every bit of `other` is set.
            #[inline]
            pub const fn contains(self, other: $name) -> bool {
                self.0 & other.0 == other.0
            }

            /// `self` with the bits of `other` set.
            #[inline]
            pub const fn with(self, other: $name) -> $name {
                $name(self.0 | other.0)
            }

            /// The names of the bits that are set, joined by `|`, then the bits without a
            /// name in hex; `None` when no bit is set.
            pub fn flag_names(self) -> Option<String> {
                let mut parts: Vec<String> = Vec::new();
                let mut rest = self.0;
                for &(flag, text) in Self::NAMED {
                    if flag.0 != 0 && self.contains(flag) {
                        parts.push(text.to_string());
                        rest &= !flag.0;
                    }
                }
                if rest != 0 {
                    parts.push(format!("0x{rest:X}"));
                }
                (!parts.is_empty()).then(|| parts.join("|"))
            }
        }

        impl ::core::ops::BitOr for $name {
            type Output = $name;
            fn bitor(self, other: $name) -> $name {
                self.with(other)
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(
                    f,
                    concat!(stringify!($name), "(0x{:0w$X}"),
                    self.0,
                    w = 2 * ::core::mem::size_of::<$repr>()
                )?;
                if let Some(n) = self.flag_names() {
                    write!(f, " {n}")?;
                }
                f.write_str(")")
            }
        }

        impl $crate::tree::ToTree for $name {
            fn to_tree(&self) -> $crate::tree::Tree {
                $crate::tree::Tree::Named {
                    value: self.0.into(),
                    name: self.flag_names().map(::std::borrow::Cow::Owned),
                    digits: (2 * ::core::mem::size_of::<$repr>()) as u8,
                }
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            /// The names of the bits set joined by `|` (the unnamed rest in hex).
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $crate::serde_form::ser_flags(
                    s,
                    self.flag_names(),
                    self.0.into(),
                    2 * ::core::mem::size_of::<$repr>(),
                )
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            /// Names and hex joined by `|`, or a number.
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let lookup = |n: &str| Self::serde_lookup(n).map(|v| u64::from(v.0));
                $crate::serde_form::de_code(d, stringify!($name), $repr::MAX.into(), true, &lookup)
                    .map(|v| $name(v as $repr))
            }
        }
    };
    (
        @common
        $(#[$meta:meta])* $name:ident $repr:ident;
        $($(#[$cm:meta])* $c:ident = $v:literal => $text:literal,)*
    ) => {
        $crate::wire::named_code!(@struct $(#[$meta])* $name $repr; $($(#[$cm])* $c = $v;)*);

        impl $name {
            /// Every value the spec names, with its name, in the order of the spec's table.
            pub const NAMED: &'static [($name, &'static str)] = &[$(($name($v), $text),)*];

            /// The spec's name of this value, `None` if the spec does not name it.
            #[inline]
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $($v => Some($text),)*
                    _ => None,
                }
            }

            /// The value the spec names `name` (the first one, when several share it).
            #[cfg(feature = "serde")]
            pub(crate) fn serde_lookup(name: &str) -> Option<$name> {
                Self::NAMED.iter().find(|&&(_, n)| n == name).map(|&(v, _)| v)
            }
        }

    };
    (@struct $(#[$meta:meta])* $name:ident $repr:ident; $($(#[$cm:meta])* $c:ident = $v:literal;)*) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub struct $name(pub $repr);

        impl $name {
            $($(#[$cm])* pub const $c: $name = $name($v);)*
        }

        $crate::wire::owned_as_self!($name);
    };
    (@shared $name:ident $repr:ident) => {
        $crate::wire::named_code!(@conversions $name $repr);

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self.name() {
                    Some(n) => f.write_str(n),
                    None => write!(
                        f,
                        concat!(stringify!($name), "(0x{:0w$X})"),
                        self.0,
                        w = 2 * ::core::mem::size_of::<$repr>()
                    ),
                }
            }
        }

        impl $crate::tree::ToTree for $name {
            fn to_tree(&self) -> $crate::tree::Tree {
                $crate::tree::Tree::named(self.0, self.name())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            /// The spec's name of the value (when it reads back as this value), else `0x` and
            /// the value in hex.
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let name = self.name().filter(|n| Self::serde_lookup(n) == Some(*self));
                $crate::serde_form::ser_code(
                    s,
                    name,
                    self.0.into(),
                    2 * ::core::mem::size_of::<$repr>(),
                )
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            /// The name, `0x` and the value in hex, or a number.
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let lookup = |n: &str| Self::serde_lookup(n).map(|v| u64::from(v.0));
                $crate::serde_form::de_code(d, stringify!($name), $repr::MAX.into(), false, &lookup)
                    .map(|v| $name(v as $repr))
            }
        }
    };
    (@conversions $name:ident $repr:ident) => {
        impl From<$repr> for $name {
            #[inline]
            fn from(v: $repr) -> $name {
                $name(v)
            }
        }

        impl From<$name> for $repr {
            #[inline]
            fn from(v: $name) -> $repr {
                v.0
            }
        }

        impl $crate::wire::fixed::FixedLen for $name {
            const LEN: usize = ::core::mem::size_of::<$repr>();
        }

        impl<'a> $crate::wire::Decode<'a> for $name {
            #[inline]
            fn decode_from(
                r: &mut $crate::wire::Reader<'a>,
            ) -> Result<Self, $crate::wire::DecodeError> {
                <$repr as $crate::wire::Decode<'a>>::decode_from(r).map($name)
            }
        }

        impl $crate::wire::Encode for $name {
            #[inline]
            fn encoded_len(&self) -> usize {
                ::core::mem::size_of::<$repr>()
            }
            #[inline]
            fn encode<B: bytes::BufMut>(&self, out: &mut B) -> Result<(), $crate::wire::EncodeError> {
                $crate::wire::Encode::encode(&self.0, out)
            }
        }
    };
}
pub(crate) use named_code;

#[cfg(test)]
mod tests {
    use crate::tree::{ToTree, Tree};
    use crate::wire::{Decode, Encode};

    named_code! {
        /// A code for the tests.
        pub struct Sample(u16);
        /// One.
        ONE = 0x0001 => "ONE",
        /// Two.
        TWO = 0x0002 => "TWO",
    }

    named_code! {
        flags
        /// Flags for the tests.
        pub struct SampleFlags(u8);
        /// A.
        A = 0x01 => "A",
        /// B.
        B = 0x04 => "B",
    }

    #[test]
    fn names_debug_tree_and_unknown_values() {
        assert_eq!(Sample::ONE.name(), Some("ONE"));
        assert_eq!(Sample(7).name(), None);
        assert_eq!(format!("{:?}", Sample::TWO), "TWO");
        assert_eq!(format!("{:?}", Sample(0x1A)), "Sample(0x001A)");
        assert_eq!(Sample::NAMED, &[(Sample(1), "ONE"), (Sample(2), "TWO")]);
        assert_eq!(
            Sample(9).to_tree(),
            Tree::Named {
                value: 9,
                name: None,
                digits: 4
            }
        );
        let (rest, v) = Sample::decode(&[0x02, 0x00, 0xFF]).unwrap();
        assert_eq!((rest, v), (&[0xFF][..], Sample::TWO));
        assert_eq!(Sample(0xBEEF).to_bytes().unwrap(), [0xEF, 0xBE]);
        assert_eq!(u16::from(Sample::TWO), 2);
    }

    #[test]
    fn flags_show_the_set_bits_and_the_rest() {
        let f = SampleFlags::A | SampleFlags::B;
        assert!(f.contains(SampleFlags::B));
        assert!(!SampleFlags::A.contains(SampleFlags::B));
        assert_eq!(format!("{f:?}"), "SampleFlags(0x05 A|B)");
        assert_eq!(format!("{:?}", SampleFlags(0x82)), "SampleFlags(0x82 0x82)");
        assert_eq!(format!("{:?}", SampleFlags(0)), "SampleFlags(0x00)");
        assert_eq!(SampleFlags(0x03).flag_names().as_deref(), Some("A|0x2"));
    }
}
