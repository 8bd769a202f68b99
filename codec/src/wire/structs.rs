//! The one struct macro: a wire structure written as its list of fields, in wire order, with
//! the spec's field names. [`wire_struct!`] writes the struct, its decoder, its encoder, its
//! tree and its owned form ([`IntoOwned`](super::IntoOwned): each field's own; a struct
//! without a lifetime is its own owned form) from that list, so they never disagree.
//!
//! A field is `name: Type => "SpecName"` (an empty name for a type that names its own parts
//! in errors and trees, such as AuxiliaryBufferSize and AuxiliaryBuffer), optionally followed by `as tree_fn` (how the tree
//! shows it, instead of its [`ToTree`](crate::tree::ToTree)) and by options in braces:
//!
//! - `{ with(a, b) EXPR }`: the field's layout depends on earlier fields (or on the decoding
//!   context): it is read with [`DecodeWith`](super::DecodeWith) and written with
//!   [`EncodeWith`](super::EncodeWith), both given `EXPR`. `EXPR` may name the earlier fields
//!   listed in the parentheses (they must be `Copy`: flags, counts, codes).
//! - `{ if(a, b) COND }`: an `Option<T>` present exactly when `COND` holds. Decoding reads `T`
//!   only then; encoding refuses a value whose presence disagrees with `COND`, so what encodes
//!   decodes back to itself. The tree leaves the field out when it is absent. With `if(ctx)`
//!   the condition is on the decoding context (the ReturnValue of a ROP response): the
//!   encoder, which has no context, writes what is present, and the structure that holds the
//!   context checks the presence: the ROP response envelope, through its `failure_field: name
//!   when CODE` ([`rop_response!`](crate::rop::field)), which every response whose failure
//!   fields hold an `if(ctx)` field declares (tested in `codec/tests/encode_what_decodes.rs`).
//! - `{ ctx }`: the field reads with the struct's own decoding context (see below) and writes
//!   with plain [`Encode`](super::Encode).
//! - `{ flatten }`: the tree shows the field's own fields in place of the field
//!   ([`FieldTree::flat_tree`](crate::tree::FieldTree::flat_tree)); `{ flatten with(..) EXPR }`
//!   does both.
//!
//! With `in ctx: Type` after the struct's name the struct decodes with
//! [`DecodeWith<Type>`](super::DecodeWith) (the context named `ctx` is then usable in `with`
//! and `if` expressions on the decoding side; a condition that needs the context cannot be
//! checked by the encoder, which writes what is present); without it, with
//! [`Decode`](super::Decode). Encoding is always plain [`Encode`](super::Encode).
//!
//! The leading fields whose types are of fixed length ([`FixedLen`](super::fixed)) are read
//! with one bound check and written in one piece (see [`fixed`](super::fixed)); where that
//! would fail the fields go one by one, so errors do not depend on it.
//!
//! A ROP request adds `handles { Input: input_handle_index, .. }` after the fields: the handle
//! index fields by their role, which gives the struct
//! [`RequestFields`](crate::rop::field::RequestFields) (it must have a `logon_id` field).

/// Writes a wire structure from its field list: see the [module documentation](self).
macro_rules! wire_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident $(<$lt:lifetime>)? $(in $c:ident : $cty:ty)? {
            $(
                $(#[$fm:meta])*
                $field:ident : $ty:ty => $wire:literal $(as $tree:path)? $({ $($opt:tt)* })?,
            )*
        }
        $(handles { $($role:ident : $h:ident),* $(,)? })?
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub struct $name $(<$lt>)? {
            $($(#[$fm])* pub $field: $ty,)*
        }

        $crate::wire::wire_struct!(@decode $name $(<$lt>)? [$($c : $cty)?] {
            $($field : $ty => $wire [$($($opt)*)?],)*
        });

        impl $(<$lt>)? $crate::wire::Encode for $name $(<$lt>)? {
            #[inline]
            fn encoded_len(&self) -> usize {
                0 $(+ $crate::wire::wire_struct!(@len self, $field, [$($($opt)*)?]))*
            }
            #[allow(unused_variables)]
            fn encode<B: bytes::BufMut>(&self, out: &mut B) -> Result<(), $crate::wire::EncodeError> {
                use $crate::wire::ResultExt as _;
                // The leading fixed-length fields are written to a stack buffer and appended in
                // one piece when there is room for them (else field by field, which fails where
                // the room ends), then the others. Each field's name holds whether it is one of
                // the leading fixed ones: constants the compiler folds.
                let mut fixed_run = true;
                let mut fixed_len = 0usize;
                $(
                    let $field: bool =
                        $crate::wire::wire_struct!(@prefix fixed_run, fixed_len, $ty, [$($($opt)*)?]);
                )*
                if fixed_len > 0
                    && fixed_len <= $crate::wire::fixed::STACK_ENCODE_MAX
                    && out.remaining_mut() >= fixed_len
                {
                    let mut stack = [0u8; $crate::wire::fixed::STACK_ENCODE_MAX];
                    let mut w: &mut [u8] = &mut stack[..fixed_len];
                    $(if $field {
                        $crate::wire::wire_struct!(@encode self, (&mut w), $field, $wire, [$($($opt)*)?]);
                    })*
                    out.put_slice(&stack[..fixed_len]);
                    $(if !$field {
                        $crate::wire::wire_struct!(@encode self, out, $field, $wire, [$($($opt)*)?]);
                    })*
                    return Ok(());
                }
                $($crate::wire::wire_struct!(@encode self, out, $field, $wire, [$($($opt)*)?]);)*
                Ok(())
            }
        }

        impl $(<$lt>)? $crate::tree::FieldSpans for $name $(<$lt>)? {
            #[allow(unused_variables, unused_mut, unused_assignments)]
            fn field_spans(
                &self,
                at: usize,
                prefix: &str,
                out: &mut Vec<$crate::tree::FieldSpan>,
            ) {
                let mut off = at;
                $(
                    let len = $crate::wire::wire_struct!(@len self, $field, [$($($opt)*)?]);
                    $crate::wire::wire_struct!(
                        @span self, off, len, prefix, out, $field, $wire, [$($($opt)*)?]
                    );
                    off += len;
                )*
            }
        }

        impl $(<$lt>)? $crate::tree::ToTree for $name $(<$lt>)? {
            fn to_tree(&self) -> $crate::tree::Tree {
                let t = $crate::tree::Tree::record();
                $(let t = $crate::wire::wire_struct!(
                    @tree t, self, $field, $wire, [$($tree)?], [$($($opt)*)?]
                );)*
                t
            }
        }

        $crate::wire::wire_struct!(@handles [$(<$lt>)?] $name { $($($role : $h),*)? });

        #[cfg(feature = "serde")]
        $crate::wire::wire_struct!(@serde [$($lt)?] $name {
            $($field : $ty => $wire [$($($opt)*)?],)*
        });
        $crate::wire::wire_struct!(@owned $name [$($lt)?] { $($field)* });
    };

    // ---- owned form ----
    (@owned $name:ident [] { $($field:ident)* }) => {
        $crate::wire::owned_as_self!($name);
    };
    (@owned $name:ident [$lt:lifetime] { $($field:ident)* }) => {
        impl<$lt> $crate::wire::IntoOwned for $name<$lt> {
            type Owned = $name<'static>;
            fn into_owned(self) -> $name<'static> {
                $name { $($field: $crate::wire::IntoOwned::into_owned(self.$field),)* }
            }
        }
    };

    // ---- decoding ----
    (@decode $name:ident $(<$lt:lifetime>)? [] { $($body:tt)* }) => {
        impl<'a> $crate::wire::Decode<'a> for $name $(<$lt>)? {
            #[inline]
            fn decode_from(
                r: &mut $crate::wire::Reader<'a>,
            ) -> Result<Self, $crate::wire::DecodeError> {
                $crate::wire::wire_struct!(@body r, ctx, $name { $($body)* })
            }
        }
    };
    (@decode $name:ident $(<$lt:lifetime>)? [$c:ident : $cty:ty] { $($body:tt)* }) => {
        impl<'a, 'c> $crate::wire::DecodeWith<'a, $cty> for $name $(<$lt>)? {
            #[inline]
            fn decode_with_from(
                r: &mut $crate::wire::Reader<'a>,
                $c: $cty,
            ) -> Result<Self, $crate::wire::DecodeError> {
                $crate::wire::wire_struct!(@body r, $c, $name { $($body)* })
            }
        }
    };
    // The leading fields of fixed length (`FixedLen`, read with plain `Decode`) are read from a
    // reader cut to their total length when that many bytes are left (their bound checks fold
    // away), the others from `r`; with fewer bytes, every field from `r`, which fails where the
    // bytes end. Each field's name first holds whether it is one of the leading fixed ones
    // (constants the compiler folds), then its value.
    (@body $r:ident, $c:ident, $name:ident { $($field:ident : $ty:ty => $wire:literal [$($opt:tt)*],)* }) => {{
        #[allow(unused_imports)]
        use $crate::wire::ResultExt as _;
        let mut fixed_run = true;
        #[allow(unused_mut)]
        let mut fixed_len = 0usize;
        $(
            #[allow(unused_variables)]
            let $field: bool =
                $crate::wire::wire_struct!(@prefix fixed_run, fixed_len, $ty, [$($opt)*]);
        )*
        let fast = if fixed_len > 0 { $r.fixed_prefix(fixed_len) } else { None };
        match fast {
            Some(mut fixed) => {
                $(
                    let $field: $ty = if $field {
                        $crate::wire::wire_struct!(@read (&mut fixed), $c, $ty, [$($opt)*])
                    } else {
                        $crate::wire::wire_struct!(@read $r, $c, $ty, [$($opt)*])
                    }
                    .field($wire)?;
                )*
                Ok($name { $($field,)* })
            }
            None => {
                $(
                    let $field: $ty = $crate::wire::wire_struct!(@read $r, $c, $ty, [$($opt)*])
                        .field($wire)?;
                )*
                Ok($name { $($field,)* })
            }
        }
    }};
    // Whether a field continues the leading run of fixed-length fields (adding its length).
    (@prefix $run:ident, $len:ident, $ty:ty, [$(flatten)?]) => {
        $crate::wire::fixed::extend_run(&mut $run, &mut $len, $crate::wire::fixed::fixed_len_of!($ty))
    };
    (@prefix $run:ident, $len:ident, $ty:ty, [$($opt:tt)*]) => {
        $crate::wire::fixed::extend_run(&mut $run, &mut $len, None)
    };
    (@read $r:expr, $c:ident, $ty:ty, []) => {
        <$ty as $crate::wire::Decode<'a>>::decode_from($r)
    };
    (@read $r:expr, $c:ident, $ty:ty, [flatten]) => {
        <$ty as $crate::wire::Decode<'a>>::decode_from($r)
    };
    (@read $r:expr, $c:ident, $ty:ty, [ctx]) => {
        <$ty as $crate::wire::DecodeWith<'a, _>>::decode_with_from($r, $c)
    };
    (@read $r:expr, $c:ident, $ty:ty, [ctx flatten]) => {
        <$ty as $crate::wire::DecodeWith<'a, _>>::decode_with_from($r, $c)
    };
    (@read $r:expr, $c:ident, $ty:ty, [flatten with($($dep:ident),*) $e:expr]) => {
        <$ty as $crate::wire::DecodeWith<'a, _>>::decode_with_from($r, $e)
    };
    (@read $r:expr, $c:ident, $ty:ty, [with($($dep:ident),*) $e:expr]) => {
        <$ty as $crate::wire::DecodeWith<'a, _>>::decode_with_from($r, $e)
    };
    (@read $r:expr, $c:ident, $ty:ty, [if($($dep:ident),*) $e:expr]) => {
        if $e {
            <<$ty as $crate::wire::Optional>::Inner as $crate::wire::Decode<'a>>::decode_from($r)
                .map(Some)
        } else {
            Ok(None)
        }
    };

    // ---- encoding ----
    // A flattened field's parts show in place of the field, under the same prefix; when its
    // type cannot say where its parts lie, the field's bytes are one span under its own name
    // (which the tree, showing its parts instead, does not have).
    (@span $s:ident, $off:ident, $len:ident, $prefix:ident, $out:ident, $field:ident, $wire:literal, [flatten $($opt:tt)*]) => {{
        #[allow(unused_imports)]
        use $crate::tree::{NoSpans as _, SpansOf as _};
        let before = $out.len();
        (&$crate::tree::SpanProbe(&$s.$field)).spans_of($off, $prefix, $out);
        if $out.len() == before && $len > 0 {
            let path = $crate::tree::span_path($prefix, $wire);
            $out.push($crate::tree::FieldSpan { path, start: $off, len: $len });
        }
    }};
    (@span $s:ident, $off:ident, $len:ident, $prefix:ident, $out:ident, $field:ident, $wire:literal, [$($opt:tt)*]) => {{
        #[allow(unused_imports)]
        use $crate::tree::{NoSpans as _, SpansOf as _};
        if $wire.is_empty() {
            (&$crate::tree::SpanProbe(&$s.$field)).spans_of($off, $prefix, $out);
        } else if $len > 0 {
            let path = $crate::tree::span_path($prefix, $wire);
            (&$crate::tree::SpanProbe(&$s.$field)).spans_of($off, &path, $out);
            $out.push($crate::tree::FieldSpan { path, start: $off, len: $len });
        }
    }};
    (@len $s:ident, $field:ident, [flatten with($($dep:ident),*) $e:expr]) => {
        $crate::wire::wire_struct!(@len $s, $field, [with($($dep),*) $e])
    };
    (@len $s:ident, $field:ident, [with($($dep:ident),*) $e:expr]) => {{
        $(let $dep = $s.$dep;)*
        $crate::wire::EncodeWith::encoded_len_with(&$s.$field, $e)
    }};
    (@len $s:ident, $field:ident, [$($opt:tt)*]) => {
        $crate::wire::Encode::encoded_len(&$s.$field)
    };
    (@encode $s:ident, $out:expr, $field:ident, $wire:literal, [flatten with($($dep:ident),*) $e:expr]) => {
        $crate::wire::wire_struct!(@encode $s, $out, $field, $wire, [with($($dep),*) $e])
    };
    (@encode $s:ident, $out:expr, $field:ident, $wire:literal, [with($($dep:ident),*) $e:expr]) => {{
        $(let $dep = $s.$dep;)*
        $crate::wire::EncodeWith::encode_with(&$s.$field, $e, $out).field($wire)?
    }};
    // A condition on the decoding context (a ReturnValue): the encoder has no context, so the
    // structure that holds the context checks it.
    (@encode $s:ident, $out:expr, $field:ident, $wire:literal, [if(ctx) $e:expr]) => {
        $crate::wire::Encode::encode(&$s.$field, $out).field($wire)?
    };
    (@encode $s:ident, $out:expr, $field:ident, $wire:literal, [if($($dep:ident),*) $e:expr]) => {{
        $(let $dep = $s.$dep;)*
        if $s.$field.is_some() != ($e) {
            return Err($crate::wire::EncodeError::invalid(concat!(
                "the field is present exactly when ", stringify!($e)
            )))
            .field($wire);
        }
        $crate::wire::Encode::encode(&$s.$field, $out).field($wire)?
    }};
    (@encode $s:ident, $out:expr, $field:ident, $wire:literal, [$($opt:tt)*]) => {
        $crate::wire::Encode::encode(&$s.$field, $out).field($wire)?
    };

    // ---- tree ----
    // A field shown as its type shows itself ([`FieldTree`](crate::tree::FieldTree): one entry,
    // or the several entries of a HasXxx field or a sized buffer).
    (@tree $t:ident, $s:ident, $field:ident, $wire:literal, [], []) => {
        $crate::tree::FieldTree::field_tree(&$s.$field, $wire, $t)
    };
    (@tree $t:ident, $s:ident, $field:ident, $wire:literal, [], [with $($rest:tt)*]) => {
        $crate::tree::FieldTree::field_tree(&$s.$field, $wire, $t)
    };
    (@tree $t:ident, $s:ident, $field:ident, $wire:literal, [], [ctx]) => {
        $crate::tree::FieldTree::field_tree(&$s.$field, $wire, $t)
    };
    (@tree $t:ident, $s:ident, $field:ident, $wire:literal, [], [flatten $($rest:tt)*]) => {
        $crate::tree::FieldTree::flat_tree(&$s.$field, $wire, $t)
    };
    (@tree $t:ident, $s:ident, $field:ident, $wire:literal, [], [ctx flatten]) => {
        $crate::tree::FieldTree::flat_tree(&$s.$field, $wire, $t)
    };
    (@tree $t:ident, $s:ident, $field:ident, $wire:literal, [$($tree:path)?], [$($opt:tt)* ]) => {
        $crate::wire::wire_struct!(@tree_opt $t, $s, $field, $wire,
            $crate::wire::wire_struct!(@tree_of &$s.$field $(, $tree)?), [$($opt)*])
    };
    (@tree_of $v:expr) => { $crate::tree::ToTree::to_tree($v) };
    (@tree_of $v:expr, $f:path) => { $f($v) };
    (@tree_opt $t:ident, $s:ident, $field:ident, $wire:literal, $node:expr, [if $($rest:tt)*]) => {
        match &$s.$field {
            Some(_) => $t.field($wire, $node),
            None => $t,
        }
    };
    // `as f { flatten }`: the function's tree spliced in place of the field.
    (@tree_opt $t:ident, $s:ident, $field:ident, $wire:literal, $node:expr, [flatten $($rest:tt)*]) => {
        $t.splice($node)
    };
    (@tree_opt $t:ident, $s:ident, $field:ident, $wire:literal, $node:expr, [ctx flatten]) => {
        $t.splice($node)
    };
    (@tree_opt $t:ident, $s:ident, $field:ident, $wire:literal, $node:expr, [$($opt:tt)*]) => {
        $t.field($wire, $node)
    };

    // ---- serde: a map of the fields by their spec names ----
    (@serde [$($lt:lifetime)?] $name:ident {
        $($field:ident : $ty:ty => $wire:literal [$($opt:tt)*],)*
    }) => {
        impl<$($lt)?> serde::Serialize for $name<$($lt)?> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                #[allow(unused_imports)]
                use $crate::serde_form::AsItself as _;
                #[allow(unused_imports)]
                use serde::ser::SerializeStruct as _;
                // Absent optional fields are left out of human-readable forms.
                #[allow(unused_variables)]
                let readable = s.is_human_readable();
                let n = [$(stringify!($field)),*].len();
                #[allow(unused_mut)]
                let mut st = s.serialize_struct(stringify!($name), n)?;
                $($crate::wire::wire_struct!(@serde_field st, self, readable, $field, $ty,
                    $crate::serde_form::serde_key!($field, $wire), [$($opt)*]);)*
                st.end()
            }
        }

        impl<'de, $($lt)?> serde::Deserialize<'de> for $name<$($lt)?> {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const FIELDS: &[&str] = &[$($crate::serde_form::serde_key!($field, $wire)),*];
                struct V<$($lt)?>(::core::marker::PhantomData<$name<$($lt)?>>);
                impl<'de, $($lt)?> serde::de::Visitor<'de> for V<$($lt)?> {
                    type Value = $name<$($lt)?>;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("the fields of ", stringify!($name)))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<Self::Value, A::Error> {
                        #[allow(unused_imports)]
                        use $crate::serde_form::AsItself as _;
                        $(let mut $field: Option<$ty> = None;)*
                        while let Some(key) = map.next_key::<$crate::serde_form::Key<'de>>()? {
                            $(
                                if key.as_str() == $crate::serde_form::serde_key!($field, $wire) {
                                    if $field.is_some() {
                                        return Err(serde::de::Error::duplicate_field(
                                            $crate::serde_form::serde_key!($field, $wire),
                                        ));
                                    }
                                    $field = Some(map.next_value_seed(
                                        $crate::serde_form::Field::<$ty>::NEW.seed(),
                                    )?);
                                    continue;
                                }
                            )*
                            return Err(serde::de::Error::unknown_field(key.as_str(), FIELDS));
                        }
                        $(let $field = match $field {
                            Some(v) => v,
                            None => $crate::serde_form::missing(
                                $crate::serde_form::Field::<$ty>::NEW.seed(),
                                $crate::serde_form::serde_key!($field, $wire),
                            )?,
                        };)*
                        Ok($name { $($field,)* })
                    }
                    #[allow(unused_assignments)]
                    fn visit_seq<Q: serde::de::SeqAccess<'de>>(
                        self,
                        mut seq: Q,
                    ) -> Result<Self::Value, Q::Error> {
                        #[allow(unused_imports)]
                        use $crate::serde_form::AsItself as _;
                        #[allow(unused_mut, unused_variables)]
                        let mut i = 0usize;
                        $(
                            let Some($field) = seq.next_element_seed(
                                $crate::serde_form::Field::<$ty>::NEW.seed(),
                            )?
                            else {
                                return Err(serde::de::Error::invalid_length(i, &self));
                            };
                            i += 1;
                        )*
                        Ok($name { $($field,)* })
                    }
                }
                d.deserialize_struct(stringify!($name), FIELDS, V(::core::marker::PhantomData))
            }
        }
    };
    (@serde_field $st:ident, $s:ident, $readable:ident, $field:ident, $ty:ty, $key:expr, [if $($rest:tt)*]) => {
        if $s.$field.is_none() && $readable {
            $st.skip_field($key)?;
        } else {
            $st.serialize_field($key, &$crate::serde_form::Field::<$ty>::NEW.ser(&$s.$field))?;
        }
    };
    (@serde_field $st:ident, $s:ident, $readable:ident, $field:ident, $ty:ty, $key:expr, [$($opt:tt)*]) => {
        $st.serialize_field($key, &$crate::serde_form::Field::<$ty>::NEW.ser(&$s.$field))?
    };

    // ---- ROP request handle indexes ----
    (@handles [$($gen:tt)*] $name:ident { }) => {};
    (@handles [$($gen:tt)*] $name:ident { $($role:ident : $h:ident),+ }) => {
        impl $($gen)* $crate::rop::field::RequestFields for $name $($gen)* {
            #[inline]
            fn logon_id(&self) -> u8 {
                self.logon_id
            }
            #[inline]
            fn handle_indexes(&self) -> $crate::rop::field::HandleIndexes {
                $crate::rop::field::HandleIndexes::new(&[
                    $(($crate::rop::field::HandleRole::$role, self.$h)),*
                ])
            }
            #[inline]
            fn handle_past(&self, _len: usize) -> Option<($crate::rop::field::HandleRole, u8)> {
                $(if usize::from(self.$h) >= _len {
                    return Some(($crate::rop::field::HandleRole::$role, self.$h));
                })*
                None
            }
        }
    };
}
pub(crate) use wire_struct;

/// `Option<T>`, for the fields of the crate's struct macro that are present only when a condition
/// holds: names the `T` that is read.
pub trait Optional {
    /// The type of the value when it is present.
    type Inner;
}

impl<T> Optional for Option<T> {
    type Inner = T;
}

#[cfg(test)]
#[allow(unreachable_pub)]
mod tests {
    use crate::tree::{ToTree, Tree};
    use crate::wire::{Decode, DecodeWith, Encode, EncodeError, EncodeWith, Limits, Reader};

    /// A field whose width follows a flag: one byte when the flag is false, two when true.
    #[derive(Clone, Debug, PartialEq)]
    #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    pub(super) struct Wide(pub(super) u16);

    impl<'a> DecodeWith<'a, bool> for Wide {
        fn decode_with_from(
            r: &mut Reader<'a>,
            wide: bool,
        ) -> Result<Self, crate::wire::DecodeError> {
            if wide {
                r.u16().map(Wide)
            } else {
                r.u8().map(|v| Wide(v.into()))
            }
        }
    }

    impl EncodeWith<bool> for Wide {
        fn encoded_len_with(&self, wide: bool) -> usize {
            if wide {
                2
            } else {
                1
            }
        }
        fn encode_with<B: bytes::BufMut>(
            &self,
            wide: bool,
            out: &mut B,
        ) -> Result<(), EncodeError> {
            if wide {
                self.0.encode(out)
            } else {
                u8::try_from(self.0)
                    .map_err(|_| EncodeError::invalid("does not fit one byte"))?
                    .encode(out)
            }
        }
    }

    impl ToTree for Wide {
        fn to_tree(&self) -> Tree {
            Tree::UInt(self.0.into())
        }
    }

    wire_struct! {
        /// A structure for the tests.
        pub struct Sample {
            /// Flags: bit 0 makes Value two bytes wide, bit 1 adds Extra.
            flags: u8 => "Flags" as crate::rop::field::hex8,
            /// Value.
            value: Wide => "Value" { with(flags) flags & 1 != 0 },
            /// Extra.
            extra: Option<u32> => "Extra" { if(flags) flags & 2 != 0 },
        }
    }

    #[test]
    fn fields_follow_earlier_fields_both_ways() {
        for (bytes, v) in [
            (
                &[0x00, 0x07][..],
                Sample {
                    flags: 0,
                    value: Wide(7),
                    extra: None,
                },
            ),
            (
                &[0x03, 0x34, 0x12, 1, 0, 0, 0][..],
                Sample {
                    flags: 3,
                    value: Wide(0x1234),
                    extra: Some(1),
                },
            ),
        ] {
            assert_eq!(Sample::decode_exact(bytes, Limits::DEFAULT).unwrap(), v);
            assert_eq!(v.encoded_len(), bytes.len());
            assert_eq!(v.to_bytes().unwrap(), bytes);
        }
        let t = Sample {
            flags: 0,
            value: Wide(7),
            extra: None,
        }
        .to_tree()
        .to_text();
        assert_eq!(t, "Flags: 0x00\nValue: 7\n");
    }

    #[test]
    fn encoding_refuses_what_would_decode_differently() {
        let present_without_flag = Sample {
            flags: 0,
            value: Wide(7),
            extra: Some(5),
        };
        let e = present_without_flag.to_bytes().unwrap_err();
        assert_eq!(e.path_string(), "Extra");
        let too_wide = Sample {
            flags: 0,
            value: Wide(300),
            extra: None,
        };
        assert_eq!(too_wide.to_bytes().unwrap_err().path_string(), "Value");
    }

    #[test]
    fn errors_name_the_field() {
        let e = Sample::decode_exact(&[0x02, 0x01, 0x00], Limits::DEFAULT).unwrap_err();
        assert_eq!(e.path_string(), "Extra");
        assert_eq!(e.offset(), 2);
    }
}
