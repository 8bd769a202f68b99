//! The FastTransfer stream ([MS-OXCFXICS] 2.2.4): a stream built by the encoder decodes to the
//! same elements whatever the buffers it is split into, and encodes back to the same bytes;
//! arbitrary bytes split anywhere decode like the whole.

use std::borrow::Cow;

use mapi_codec::data::PropTag;
use mapi_codec::fxics::stream::{Cuts, Fixed, FtName, FtStream, Marker, NamedInfo};
use mapi_codec::wire::{Decode, DecodeError, DecodeWith, Encode, Guid, IntoOwned, Limits};
use proptest::collection::vec;
use proptest::prelude::*;

/// One property or marker, as owned parts the writer borrows from.
#[derive(Clone, Debug)]
enum Part {
    Marker(u32),
    Fixed(u16, u16, Fixed),
    Var(u16, u16, Vec<u8>),
    MultiFixed(u16, u16, Vec<Fixed>),
    MultiVar(u16, u16, Vec<Vec<u8>>),
}

const MARKERS: [u32; 8] = [
    0x4009_0003,
    0x400B_0003,
    0x400C_0003,
    0x400D_0003,
    0x4000_0003,
    0x400E_0003,
    0x4012_0003,
    0x407B_0102,
];

fn fixed_of(ty: u16) -> BoxedStrategy<Fixed> {
    match ty {
        0x0002 | 0x000B => any::<u16>().prop_map(Fixed::U16).boxed(),
        0x0003 | 0x0004 | 0x000A => any::<u32>().prop_map(Fixed::U32).boxed(),
        0x0048 => any::<[u8; 16]>().prop_map(|g| Fixed::Guid(Guid(g))).boxed(),
        _ => any::<u64>().prop_map(Fixed::U64).boxed(),
    }
}

/// Property ids below the markers' and meta-properties' range, or named (>= 0x8000).
fn prop_id() -> impl Strategy<Value = u16> {
    prop_oneof![0x0001u16..0x4000, 0x8000u16..=0xFFFF]
}

fn part() -> impl Strategy<Value = Part> {
    let fixed_ty = prop::sample::select(vec![
        0x0002u16, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x000A, 0x000B, 0x0014, 0x0040, 0x0048,
    ]);
    let var_ty = prop::sample::select(vec![0x001Eu16, 0x001F, 0x0102, 0x00FB, 0x000D]);
    let mv_fixed_ty = prop::sample::select(vec![
        0x1002u16, 0x1003, 0x1004, 0x1005, 0x1006, 0x1007, 0x1014, 0x1040, 0x1048,
    ]);
    let mv_var_ty = prop::sample::select(vec![0x101Eu16, 0x101F, 0x1102]);
    let bytes = || vec(any::<u8>(), 0..40);
    prop_oneof![
        prop::sample::select(MARKERS.to_vec()).prop_map(Part::Marker),
        (prop_id(), fixed_ty)
            .prop_flat_map(|(id, ty)| fixed_of(ty).prop_map(move |f| Part::Fixed(id, ty, f))),
        (prop_id(), var_ty, bytes()).prop_map(|(id, ty, b)| Part::Var(id, ty, b)),
        (prop_id(), mv_fixed_ty).prop_flat_map(|(id, ty)| vec(fixed_of(ty & 0x0FFF), 0..4)
            .prop_map(move |v| Part::MultiFixed(id, ty, v))),
        (prop_id(), mv_var_ty, vec(bytes(), 0..4))
            .prop_map(|(id, ty, v)| Part::MultiVar(id, ty, v)),
    ]
}

fn named(id: u16, n: usize) -> Option<NamedInfo<'static>> {
    (id >= 0x8000).then(|| NamedInfo {
        guid: Guid([n as u8; 16]),
        name: if n % 2 == 0 {
            FtName::Id(u32::from(id))
        } else {
            // A UTF-16 name with no null code unit.
            FtName::Name(Cow::Owned(vec![0x41, 0x00, 0x42, (n % 200) as u8 + 1]))
        },
    })
}

fn build(parts: &[Part]) -> Vec<u8> {
    let mut w = FtStream::new();
    for (n, p) in parts.iter().enumerate() {
        let tag = |id: u16, ty: u16| PropTag((u32::from(id) << 16) | u32::from(ty));
        match p {
            Part::Marker(m) => {
                w.marker(Marker(*m));
            }
            Part::Fixed(id, ty, f) => {
                w.fixed(tag(*id, *ty), named(*id, n), *f);
            }
            Part::Var(id, ty, b) => {
                w.var(tag(*id, *ty), named(*id, n), b).unwrap();
            }
            Part::MultiFixed(id, ty, v) => {
                w.multi_fixed(tag(*id, *ty), named(*id, n), v).unwrap();
            }
            Part::MultiVar(id, ty, v) => {
                let items: Vec<&[u8]> = v.iter().map(Vec::as_slice).collect();
                w.multi_var(tag(*id, *ty), named(*id, n), &items).unwrap();
            }
        }
    }
    w.to_bytes().unwrap()
}

fn whole(bytes: &[u8]) -> Result<FtStream<'_>, DecodeError> {
    FtStream::decode_exact(bytes, Limits::DEFAULT)
}

/// `bytes` in the buffers that `cuts` (any numbers) make of them.
fn split(bytes: &[u8], mut cuts: Vec<usize>) -> Result<FtStream<'_>, DecodeError> {
    cuts.iter_mut().for_each(|c| *c %= bytes.len() + 1);
    cuts.sort_unstable();
    FtStream::decode_with_exact(bytes, Cuts(&cuts), Limits::DEFAULT)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_split_decodes_like_the_whole(parts in vec(part(), 0..12), cuts in vec(any::<usize>(), 0..8)) {
        let bytes = build(&parts);
        let whole = whole(&bytes).unwrap();
        prop_assert_eq!(whole.to_bytes().unwrap(), bytes.clone());
        // The owned form is the same stream, also once its input is gone.
        prop_assert_eq!(&IntoOwned::into_owned(whole.clone()), &whole);
        let input = bytes.clone();
        let owned = IntoOwned::into_owned(FtStream::decode_exact(&input, Limits::DEFAULT).unwrap());
        drop(input);
        prop_assert_eq!(&owned, &whole);
        let got = split(&bytes, cuts).unwrap();
        prop_assert_eq!(got.normalize(), whole);
    }

    /// Arbitrary bytes: a split decodes exactly like the whole (same elements or an error at
    /// the same offset), and what decodes encodes back to the bytes.
    #[test]
    fn arbitrary_bytes_split_like_whole(bytes in vec(any::<u8>(), 0..96), cuts in vec(any::<usize>(), 0..6)) {
        let whole = whole(&bytes);
        let got = split(&bytes, cuts);
        match (whole, got) {
            (Ok(w), Ok(g)) => {
                prop_assert_eq!(w.to_bytes().unwrap(), bytes.clone());
                prop_assert_eq!(g.normalize(), w);
            }
            (Err(a), Err(b)) => {
                prop_assert_eq!(a.offset(), b.offset());
                prop_assert_eq!(a.kind(), b.kind());
            }
            (w, g) => prop_assert!(false, "whole {:?} vs split {:?}", w.is_ok(), g.is_ok()),
        }
    }
}
