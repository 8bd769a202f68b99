//! Variable fields located by offsets: the [`VarLayout`] of a block, how its offset and size
//! fields are followed and laid out (see the module documentation of the parent), and the
//! blocks that carry such fields ([MS-OXCRPC] 2.2.2.2.4 to 2.2.2.2.6, 2.2.2.2.21 to
//! 2.2.2.2.23).
//!
//! These blocks do not fit the struct macro: the offset fields are computed from the values
//! they locate, which come after the fixed fields. [`VarFields`] is the one implementation of
//! that machinery; `var_block!` writes, for each block, the struct and its [`Decode`],
//! [`Encode`] and [`ToTree`], reading and writing the fixed fields through the trait family and
//! handing the offset and size fields and the variable area to [`VarFields`].

use std::borrow::Cow;

use bytes::BufMut;

use super::AuxHeader;
use crate::tree::{hex, FieldTree, ToTree, Tree};
use crate::wire::{
    ensure_room, named_code, u16_len, Decode, DecodeError, Encode, EncodeError, ErrorKind, Guid,
    Reader, ResultExt, Utf16Str,
};

named_code! {
    /// The ServerType of AUX_PERF_SERVERINFO ([MS-OXCRPC] 2.2.2.2.5).
    pub struct ServerType(u16);
    /// SERVERTYPE_UNKNOWN: an unknown server type.
    UNKNOWN = 0x0000 => "SERVERTYPE_UNKNOWN",
    /// SERVERTYPE_PRIVATE: the client's private mailbox server.
    PRIVATE = 0x0001 => "SERVERTYPE_PRIVATE",
    /// SERVERTYPE_PUBLIC: a public folder server.
    PUBLIC = 0x0002 => "SERVERTYPE_PUBLIC",
    /// SERVERTYPE_DIRECTORY: a directory server.
    DIRECTORY = 0x0003 => "SERVERTYPE_DIRECTORY",
    /// SERVERTYPE_REFERRAL: a referral server.
    REFERRAL = 0x0004 => "SERVERTYPE_REFERRAL",
}

named_code! {
    /// The ClientMode of AUX_PERF_CLIENTINFO ([MS-OXCRPC] 2.2.2.2.4).
    pub struct ClientMode(u16);
    /// CLIENTMODE_UNKNOWN: the client does not say.
    UNKNOWN = 0x0000 => "CLIENTMODE_UNKNOWN",
    /// CLIENTMODE_CLASSIC: the client works online.
    CLASSIC = 0x0001 => "CLIENTMODE_CLASSIC",
    /// CLIENTMODE_CACHED: the client works in cached mode.
    CACHED = 0x0002 => "CLIENTMODE_CACHED",
}

/// Where the variable fields of a decoded block sat on the wire. See the module documentation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all_fields = "PascalCase")
)]
pub enum VarLayout<'a> {
    /// The encoder's layout: variable fields in the spec's order, packed right after the fixed
    /// fields, absent ones with offset (and size) 0.
    #[default]
    Canonical,
    /// The layout as received, kept because it is not the canonical one.
    Wire {
        /// The offset and size fields, in wire order.
        words: Vec<u16>,
        /// The bytes after the fixed fields, up to the end of the block (borrowed from the
        /// input when decoded).
        #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
        area: Cow<'a, [u8]>,
    },
}

/// How a variable field is located.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VarKind {
    /// A null-terminated UTF-16LE string, located by one offset field.
    Str,
    /// A run of bytes, located by a size field followed by an offset field.
    Sized,
}

impl VarKind {
    /// How many offset and size fields locate the field.
    const fn words(self) -> usize {
        match self {
            VarKind::Str => 1,
            VarKind::Sized => 2,
        }
    }

    /// Bytes the field takes on the wire (with its terminator).
    fn wire_len(self, v: Option<&[u8]>) -> usize {
        match (self, v) {
            (_, None) => 0,
            (VarKind::Str, Some(b)) => b.len() + 2,
            (VarKind::Sized, Some(b)) => b.len(),
        }
    }
}

/// The value of a variable field, as the machinery handles it: its wire bytes.
trait VarValue<'a>: Sized {
    const KIND: VarKind;
    /// From the wire bytes (a string without its terminator).
    fn from_wire(b: &'a [u8], at: usize) -> Result<Self, DecodeError>;
    /// The wire bytes (a string without its terminator).
    fn wire(&self) -> &[u8];
    fn tree(&self) -> Tree;
}

impl<'a> VarValue<'a> for Utf16Str<'a> {
    const KIND: VarKind = VarKind::Str;
    fn from_wire(b: &'a [u8], at: usize) -> Result<Self, DecodeError> {
        // The bytes end at the first aligned NUL unit, so this cannot fail.
        Utf16Str::from_wire(b).map_err(|_| {
            DecodeError::new(
                ErrorKind::InvalidValue {
                    what: "not a UTF-16 string",
                    value: b.len() as u64,
                },
                at,
            )
        })
    }
    fn wire(&self) -> &[u8] {
        self.as_bytes()
    }
    fn tree(&self) -> Tree {
        self.to_tree()
    }
}

impl<'a> VarValue<'a> for Cow<'a, [u8]> {
    const KIND: VarKind = VarKind::Sized;
    fn from_wire(b: &'a [u8], _at: usize) -> Result<Self, DecodeError> {
        Ok(Cow::Borrowed(b))
    }
    fn wire(&self) -> &[u8] {
        self
    }
    fn tree(&self) -> Tree {
        Tree::Bytes(self.to_vec())
    }
}

/// The value of a variable field from its located bytes, if it is present.
fn located<'a, T: VarValue<'a>>(b: Option<&'a [u8]>, at: usize) -> Result<Option<T>, DecodeError> {
    b.map(|b| T::from_wire(b, at)).transpose()
}

/// Most offset and size fields in one block (AUX_PERF_CLIENTINFO has nine).
const MAX_WORDS: usize = 9;
/// Most variable fields in one block (AUX_PERF_CLIENTINFO has six).
const MAX_VARS: usize = 6;

/// The offset and size fields of a block, in wire order (the first `len`).
#[derive(Clone, Copy)]
struct Words {
    values: [u16; MAX_WORDS],
    len: usize,
}

impl Words {
    fn as_slice(&self) -> &[u16] {
        &self.values[..self.len]
    }
}

/// The wire bytes of a block's variable fields, in spec order (`None`: offset 0); the fields
/// past the block's own are `None`.
type VarBytes<'x> = [Option<&'x [u8]>; MAX_VARS];

/// The variable part of one block structure: the names of its offset and size fields, in wire
/// order, and the kinds of the fields they locate, in spec order (the same order: each field's
/// words are next to each other, a size before its offset). `fixed_end` below is the offset
/// (from the AUX_HEADER) of the first byte after the fixed fields, where the area starts.
struct VarFields {
    kinds: &'static [VarKind],
    names: &'static [&'static str],
}

impl VarFields {
    /// The variable part of a block; a block's constant that breaks the word count (each field
    /// has its words, they fit [`Words`] and [`VarBytes`]) fails to compile.
    const fn new(kinds: &'static [VarKind], names: &'static [&'static str]) -> VarFields {
        let mut words = 0;
        let mut i = 0;
        while i < kinds.len() {
            words += kinds[i].words();
            i += 1;
        }
        assert!(words == names.len() && words <= MAX_WORDS && kinds.len() <= MAX_VARS);
        VarFields { kinds, names }
    }

    /// Reads the offset and size fields.
    fn read_words(&self, r: &mut Reader<'_>) -> Result<Words, DecodeError> {
        let mut w = Words {
            values: [0; MAX_WORDS],
            len: self.names.len(),
        };
        for (slot, name) in w.values.iter_mut().zip(self.names) {
            *slot = u16::decode_from(r).field(name)?;
        }
        Ok(w)
    }

    /// Follows the words (read at `words_at`) into `area`, naming the word at fault on
    /// failure. Returns the values and the layout to keep.
    fn locate<'a>(
        &self,
        words: &Words,
        words_at: usize,
        area: &'a [u8],
        fixed_end: usize,
    ) -> Result<(VarBytes<'a>, VarLayout<'a>), DecodeError> {
        let words = words.as_slice();
        let values = self
            .resolve_all(words, area, fixed_end)
            .map_err(|(w, kind)| {
                DecodeError::new(kind, words_at + 2 * w).in_field(self.names[w])
            })?;
        let layout = if self.is_canonical(&values, words, fixed_end, area.len()) {
            VarLayout::Canonical
        } else {
            VarLayout::Wire {
                words: words.to_vec(),
                area: Cow::Borrowed(area),
            }
        };
        Ok((values, layout))
    }

    /// Finds every variable field; on failure, which word is at fault and why.
    fn resolve_all<'x>(
        &self,
        words: &[u16],
        area: &'x [u8],
        fixed_end: usize,
    ) -> Result<VarBytes<'x>, (usize, ErrorKind)> {
        let mut out = [None; MAX_VARS];
        let mut w = 0;
        for (slot, &k) in out.iter_mut().zip(self.kinds) {
            let n = k.words();
            *slot = resolve(k, &words[w..w + n], area, fixed_end).map_err(|(i, e)| (w + i, e))?;
            w += n;
        }
        Ok(out)
    }

    /// Whether `words` and an area of `area_len` bytes are exactly the canonical layout of
    /// `values`.
    fn is_canonical(
        &self,
        values: &[Option<&[u8]>],
        words: &[u16],
        fixed_end: usize,
        area_len: usize,
    ) -> bool {
        let mut pos = fixed_end;
        let mut w = 0;
        for (&k, v) in self.kinds.iter().zip(values) {
            // Absent: offset (and size) 0. Present: at the running position (with its size).
            let off = usize::from(words[w + k.words() - 1]);
            let off_ok = off == if v.is_some() { pos } else { 0 };
            let size_ok = k == VarKind::Str || usize::from(words[w]) == v.map_or(0, <[u8]>::len);
            if !(off_ok && size_ok) {
                return false;
            }
            pos += k.wire_len(*v);
            w += k.words();
        }
        pos == fixed_end + area_len
    }

    /// The canonical offset and size words of `values`.
    fn canonical_words(
        &self,
        values: &[Option<&[u8]>],
        fixed_end: usize,
    ) -> Result<Words, EncodeError> {
        let mut words = Words {
            values: [0; MAX_WORDS],
            len: 0,
        };
        let push = |v: usize, words: &mut Words| -> Result<(), EncodeError> {
            words.values[words.len] = u16_len(v, self.names[words.len])?;
            words.len += 1;
            Ok(())
        };
        let mut pos = fixed_end;
        for (&k, v) in self.kinds.iter().zip(values) {
            if k == VarKind::Sized {
                push(v.map_or(0, <[u8]>::len), &mut words)?;
            }
            push(if v.is_some() { pos } else { 0 }, &mut words)?;
            pos += k.wire_len(*v);
        }
        Ok(words)
    }

    /// The kept wire layout, if there is one and it still describes `values`.
    fn kept_wire<'s>(
        &self,
        layout: &'s VarLayout<'_>,
        values: &[Option<&[u8]>],
        fixed_end: usize,
    ) -> Option<(&'s [u16], &'s [u8])> {
        match layout {
            VarLayout::Wire { words, area }
                if words.len() == self.names.len()
                    && self
                        .resolve_all(words, area, fixed_end)
                        .is_ok_and(|r| r[..values.len()] == *values) =>
            {
                Some((words, area))
            }
            _ => None,
        }
    }

    /// Bytes after the fixed fields, as the encoder writes them.
    fn area_len(
        &self,
        values: &[Option<&[u8]>],
        layout: &VarLayout<'_>,
        fixed_end: usize,
    ) -> usize {
        match self.kept_wire(layout, values, fixed_end) {
            Some((_, area)) => area.len(),
            None => self
                .kinds
                .iter()
                .zip(values)
                .map(|(k, v)| k.wire_len(*v))
                .sum(),
        }
    }

    /// The words and the area the encoder writes.
    fn out<'s>(
        &self,
        values: &[Option<&[u8]>],
        layout: &'s VarLayout<'_>,
        fixed_end: usize,
    ) -> Result<VarOut<'s>, EncodeError> {
        Ok(match self.kept_wire(layout, values, fixed_end) {
            Some((w, a)) => VarOut::Kept(w, a),
            None => VarOut::Canonical(self.canonical_words(values, fixed_end)?),
        })
    }

    /// Adds the words the encoder writes to the tree `t` (none if they do not fit).
    fn words_tree(
        &self,
        t: Tree,
        values: &[Option<&[u8]>],
        layout: &VarLayout<'_>,
        fixed_end: usize,
    ) -> Tree {
        match self.out(values, layout, fixed_end) {
            Ok(v) => self
                .names
                .iter()
                .zip(v.words())
                .fold(t, |t, (name, w)| t.field(*name, w.to_tree())),
            Err(_) => t,
        }
    }
}

/// Finds one variable field from its words. On failure, returns which of the field's words is
/// at fault and why.
fn resolve<'x>(
    kind: VarKind,
    words: &[u16],
    area: &'x [u8],
    fixed_end: usize,
) -> Result<Option<&'x [u8]>, (usize, ErrorKind)> {
    let (size, off_word) = match kind {
        VarKind::Str => (None, 0),
        VarKind::Sized => (Some(words[0]), 1),
    };
    let off = words[off_word];
    if off == 0 {
        return Ok(None);
    }
    let off = usize::from(off);
    if off < fixed_end {
        return Err((
            off_word,
            ErrorKind::InvalidValue {
                what: "offset points into the AUX_HEADER or the block's fixed fields",
                value: off as u64,
            },
        ));
    }
    let rel = off - fixed_end;
    if rel > area.len() {
        return Err((
            off_word,
            ErrorKind::InvalidValue {
                what: "offset points past the end of the block",
                value: off as u64,
            },
        ));
    }
    let rest = &area[rel..];
    match size {
        None => Reader::new(rest)
            .utf16z()
            .map(Some)
            .map_err(|e| (off_word, e.kind().clone())),
        Some(n) => rest.get(..usize::from(n)).map(Some).ok_or((
            0,
            ErrorKind::InvalidValue {
                what: "size runs past the end of the block",
                value: n.into(),
            },
        )),
    }
}

/// The words and the area the encoder writes: the kept ones, or the canonical ones.
enum VarOut<'s> {
    Kept(&'s [u16], &'s [u8]),
    Canonical(Words),
}

impl VarOut<'_> {
    fn words(&self) -> &[u16] {
        match self {
            VarOut::Kept(w, _) => w,
            VarOut::Canonical(w) => w.as_slice(),
        }
    }

    fn put_words<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.words().iter().try_for_each(|w| w.encode(out))
    }

    fn put_area<B: BufMut>(
        &self,
        kinds: &[VarKind],
        values: &[Option<&[u8]>],
        out: &mut B,
    ) -> Result<(), EncodeError> {
        match self {
            VarOut::Kept(_, area) => {
                ensure_room(out, area.len())?;
                out.put_slice(area);
            }
            VarOut::Canonical(_) => {
                for (&k, v) in kinds.iter().zip(values) {
                    if let Some(b) = v {
                        ensure_room(out, k.wire_len(Some(b)))?;
                        out.put_slice(b);
                        if k == VarKind::Str {
                            out.put_u16_le(0);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// A block with fixed fields (a prefix, one run of offset and size fields, a suffix) and
/// variable fields located by those offsets: the struct, and its [`Decode`] (from a reader that
/// holds exactly the block's payload, the bytes after the AUX_HEADER), [`Encode`], [`ToTree`]
/// and [`IntoOwned`](crate::wire::IntoOwned). Fixed fields are written
/// `name: Type => "SpecName"`, optionally `as tree_fn`, as in the struct macro of the crate.
macro_rules! var_block {
    (@tree $t:ident, $v:expr, $name:literal) => {
        FieldTree::field_tree(&$v, $name, $t)
    };
    (@tree $t:ident, $v:expr, $name:literal, $f:path) => {
        $t.field($name, $f(&$v))
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident<'a> {
            $($(#[$pm:meta])* $pf:ident : $pt:ty => $pw:literal $(as $ptree:path)?,)*
        }
        words [$($ww:literal),+ $(,)?]
        suffix { $($(#[$sm:meta])* $sf:ident : $st:ty => $sw:literal $(as $stree:path)?,)* }
        vars { $($(#[$vm:meta])* $vf:ident : $vt:ty => $vw:literal,)* }
    ) => {
        $(#[$meta])*
        ///
        /// Build one with `..Default::default()`: offsets are computed on encode.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub struct $name<'a> {
            $($(#[$pm])* pub $pf: $pt,)*
            $($(#[$sm])* pub $sf: $st,)*
            $($(#[$vm])* pub $vf: Option<$vt>,)*
            /// Where the variable fields sat on the wire (see the module documentation).
            pub layout: VarLayout<'a>,
        }

        impl<'a> $name<'a> {
            const VARS: VarFields = VarFields::new(
                &[$(<$vt as VarValue<'a>>::KIND),*],
                &[$($ww),+],
            );

            /// Where the variable area starts, from the AUX_HEADER.
            fn fixed_end(&self) -> usize {
                AuxHeader::SIZE
                    $(+ Encode::encoded_len(&self.$pf))*
                    + 2 * Self::VARS.names.len()
                    $(+ Encode::encoded_len(&self.$sf))*
            }

            /// The wire bytes of the variable fields, in spec order.
            fn values(&self) -> [Option<&[u8]>; [$($vw),*].len()] {
                [$(self.$vf.as_ref().map(VarValue::wire)),*]
            }
        }

        impl<'a> Decode<'a> for $name<'a> {
            fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
                let start = r.offset();
                $(let $pf = <$pt as Decode<'a>>::decode_from(r).field($pw)?;)*
                let words_at = r.offset();
                let words = Self::VARS.read_words(r)?;
                $(let $sf = <$st as Decode<'a>>::decode_from(r).field($sw)?;)*
                let fixed_end = AuxHeader::SIZE + (r.offset() - start);
                let (values, layout) =
                    Self::VARS.locate(&words, words_at, r.take_rest(), fixed_end)?;
                let mut values = values.into_iter();
                Ok($name {
                    $($pf,)*
                    $($sf,)*
                    $($vf: located(values.next().flatten(), words_at).field($vw)?,)*
                    layout,
                })
            }
        }

        impl Encode for $name<'_> {
            fn encoded_len(&self) -> usize {
                let fixed_end = self.fixed_end();
                let area = Self::VARS.area_len(&self.values(), &self.layout, fixed_end);
                fixed_end - AuxHeader::SIZE + area
            }

            fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                let values = self.values();
                let v = Self::VARS.out(&values, &self.layout, self.fixed_end())?;
                $(Encode::encode(&self.$pf, out).field($pw)?;)*
                v.put_words(out)?;
                $(Encode::encode(&self.$sf, out).field($sw)?;)*
                v.put_area(Self::VARS.kinds, &values, out)
            }
        }

        crate::wire::owned_impl!(struct $name { $($pf,)* $($sf,)* $($vf,)* layout });
        // The fields by their spec names (absent variable fields left out), and the layout.
        #[cfg(feature = "serde")]
        crate::wire::wire_struct!(@serde ['a] $name {
            $($pf : $pt => $pw [],)*
            $($sf : $st => $sw [],)*
            $($vf : Option<$vt> => $vw [if],)*
            layout : VarLayout<'a> => "" [],
        });

        impl ToTree for $name<'_> {
            fn to_tree(&self) -> Tree {
                let t = Tree::record();
                $(let t = var_block!(@tree t, self.$pf, $pw $(, $ptree)?);)*
                let t = Self::VARS.words_tree(t, &self.values(), &self.layout, self.fixed_end());
                $(let t = var_block!(@tree t, self.$sf, $sw $(, $stree)?);)*
                t $(.field($vw, self.$vf.as_ref().map_or(Tree::Null, VarValue::tree)))*
            }
        }
    };
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.4 AUX_PERF_CLIENTINFO: the client performance data is associated
    /// with (version 1, type 0x02). MachineName, UserName and AdapterName are null-terminated
    /// UTF-16 strings; ClientIP, ClientIPMask and MacAddress are byte runs with a size field.
    pub struct AuxPerfClientInfo<'a> {
        /// AdapterSpeed: kilobits per second.
        adapter_speed: u32 => "AdapterSpeed",
        /// ClientID: the client-assigned client identification number.
        client_id: u16 => "ClientID",
    }
    words [
        "MachineNameOffset", "UserNameOffset", "ClientIPSize", "ClientIPOffset",
        "ClientIPMaskSize", "ClientIPMaskOffset", "AdapterNameOffset", "MacAddressSize",
        "MacAddressOffset",
    ]
    suffix {
        /// ClientMode: how the client connects (online or cached).
        client_mode: ClientMode => "ClientMode",
        /// Reserved: padding, kept as sent.
        reserved: u16 => "Reserved" as hex,
    }
    vars {
        /// MachineName: the client computer name.
        machine_name: Utf16Str<'a> => "MachineName",
        /// UserName: the user's account name.
        user_name: Utf16Str<'a> => "UserName",
        /// ClientIP: the client's IP address (ClientIPSize bytes).
        client_ip: Cow<'a, [u8]> => "ClientIP",
        /// ClientIPMask: the client's IP subnet mask (ClientIPMaskSize bytes).
        client_ip_mask: Cow<'a, [u8]> => "ClientIPMask",
        /// AdapterName: the client network adapter name.
        adapter_name: Utf16Str<'a> => "AdapterName",
        /// MacAddress: the adapter's MAC address (MacAddressSize bytes).
        mac_address: Cow<'a, [u8]> => "MacAddress",
    }
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.5 AUX_PERF_SERVERINFO: the server the client talks to (version 1,
    /// type 0x03). ServerDN and ServerName are null-terminated UTF-16 strings.
    pub struct AuxPerfServerInfo<'a> {
        /// ServerID: the client-assigned server identification number.
        server_id: u16 => "ServerID",
        /// ServerType: what the server is to the client.
        server_type: ServerType => "ServerType",
    }
    words ["ServerDNOffset", "ServerNameOffset"]
    suffix {}
    vars {
        /// ServerDN: the DN of the server.
        server_dn: Utf16Str<'a> => "ServerDN",
        /// ServerName: the server name.
        server_name: Utf16Str<'a> => "ServerName",
    }
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.6 AUX_PERF_PROCESSINFO: the client process (version 1 or 2,
    /// type 0x0B). ProcessName is a null-terminated UTF-16 string.
    pub struct AuxPerfProcessInfo<'a> {
        /// ProcessID: the client-assigned process identification number.
        process_id: u16 => "ProcessID",
        /// Reserved_1: padding, kept as sent.
        reserved_1: u16 => "Reserved_1" as hex,
        /// ProcessGuid: the GUID of the client process.
        process_guid: Guid => "ProcessGuid",
    }
    words ["ProcessNameOffset"]
    suffix {
        /// Reserved_2: padding, kept as sent.
        reserved_2: u16 => "Reserved_2" as hex,
    }
    vars {
        /// ProcessName: the client process name.
        process_name: Utf16Str<'a> => "ProcessName",
    }
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.21 AUX_CLIENT_CONNECTION_INFO: the client connection, for the
    /// server's logs (version 1, type 0x4A). ConnectionContextInfo is a null-terminated UTF-16
    /// string.
    pub struct AuxClientConnectionInfo<'a> {
        /// ConnectionGUID: the GUID of the connection.
        connection_guid: Guid => "ConnectionGUID",
    }
    words ["OffsetConnectionContextInfo"]
    suffix {
        /// Reserved: padding, kept as sent.
        reserved: u16 => "Reserved" as hex,
        /// ConnectionAttempts: the number of connection attempts (4 bytes).
        connection_attempts: u32 => "ConnectionAttempts",
        /// ConnectionFlags: 0x0001 when the client runs in cached mode, 0 when it names no mode.
        connection_flags: u32 => "ConnectionFlags" as hex,
    }
    vars {
        /// ConnectionContextInfo: opaque connection context for the server's logs.
        connection_context_info: Utf16Str<'a> => "ConnectionContextInfo",
    }
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.22 AUX_SERVER_SESSION_INFO: server information for the client's
    /// logs (version 1, type 0x4B). ServerSessionContextInfo is a null-terminated UTF-16 string.
    pub struct AuxServerSessionInfo<'a> {}
    words ["OffsetServerSessionContextInfo"]
    suffix {}
    vars {
        /// ServerSessionContextInfo: opaque server session context.
        server_session_context_info: Utf16Str<'a> => "ServerSessionContextInfo",
    }
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.23 AUX_PROTOCOL_DEVICE_IDENTIFICATION: a device between client and
    /// server (version 1, type 0x4E). Every field is a null-terminated UTF-16 string.
    pub struct AuxProtocolDeviceIdentification<'a> {}
    words [
        "DeviceManufacturerOffset", "DeviceModelOffset", "DeviceSerialNumberOffset",
        "DeviceVersionOffset", "DeviceFirmwareVersionOffset",
    ]
    suffix {}
    vars {
        /// DeviceManufacturer.
        device_manufacturer: Utf16Str<'a> => "DeviceManufacturer",
        /// DeviceModel.
        device_model: Utf16Str<'a> => "DeviceModel",
        /// DeviceSerialNumber.
        device_serial_number: Utf16Str<'a> => "DeviceSerialNumber",
        /// DeviceVersion.
        device_version: Utf16Str<'a> => "DeviceVersion",
        /// DeviceFirmwareVersion.
        device_firmware_version: Utf16Str<'a> => "DeviceFirmwareVersion",
    }
}

crate::wire::owned_impl!(enum VarLayout { Canonical, Wire { words, area } });
