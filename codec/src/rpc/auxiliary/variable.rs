//! Variable fields located by offsets: the [`VarLayout`] of a block, how its offset and size
//! fields are followed and laid out (see the module documentation of the parent), and the
//! blocks that carry such fields ([MS-OXCRPC] 2.2.2.2.4 to 2.2.2.2.6, 2.2.2.2.21 to
//! 2.2.2.2.23).

use std::borrow::Cow;

use bytes::BufMut;

use super::fixed::{field_tree, hex16, hex32, Field};
use super::{AuxHeader, Payload};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    u16_len, DecodeError, EncodeError, ErrorKind, Guid, Reader, ResultExt, Utf16Str,
};

fn server_type(v: &u16) -> Tree {
    let name = match v {
        0x00 => Some("SERVERTYPE_UNKNOWN"),
        0x01 => Some("SERVERTYPE_PRIVATE"),
        0x02 => Some("SERVERTYPE_PUBLIC"),
        0x03 => Some("SERVERTYPE_DIRECTORY"),
        0x04 => Some("SERVERTYPE_REFERRAL"),
        _ => None,
    };
    Tree::named(*v, name)
}

fn client_mode(v: &u16) -> Tree {
    let name = match v {
        0x00 => Some("CLIENTMODE_UNKNOWN"),
        0x01 => Some("CLIENTMODE_CLASSIC"),
        0x02 => Some("CLIENTMODE_CACHED"),
        _ => None,
    };
    Tree::named(*v, name)
}

/// Where the variable fields of a decoded block sat on the wire. See the module documentation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum VarLayout<'a> {
    /// The encoder's layout: variable fields in the spec's order, packed right after the fixed
    /// fields, absent ones with offset (and size) 0.
    #[default]
    Canonical,
    /// The layout as received, kept because it is not the canonical one.
    Wire {
        /// The offset and size fields, in wire order.
        words: Vec<u16>,
        /// The bytes after the fixed fields, up to the end of the block.
        area: &'a [u8],
    },
}

/// How a variable field is located.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
enum VarKind {
    /// A null-terminated UTF-16LE string, located by one offset field.
    Str,
    /// A run of bytes, located by a size field followed by an offset field.
    Sized,
}

impl VarKind {
    fn words(self) -> usize {
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

/// The value of a variable field.
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
        Tree::Text(self.to_string_lossy())
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

/// Finds one variable field from its words. `fixed_end` is the offset (from the AUX_HEADER) of
/// the first byte after the fixed fields; `area` holds the bytes from there to the block's end.
/// On failure, returns which of the field's words is at fault and why.
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

/// The wire bytes of a block's variable fields, in spec order (`None`: offset 0).
type VarBytes<'x> = Vec<Option<&'x [u8]>>;

/// Finds every variable field of a block.
fn resolve_all<'x>(
    kinds: &[VarKind],
    words: &[u16],
    area: &'x [u8],
    fixed_end: usize,
) -> Result<VarBytes<'x>, (usize, ErrorKind)> {
    let mut out = Vec::with_capacity(kinds.len());
    let mut w = 0;
    for &k in kinds {
        let n = k.words();
        out.push(resolve(k, &words[w..w + n], area, fixed_end).map_err(|(i, e)| (w + i, e))?);
        w += n;
    }
    Ok(out)
}

/// Whether `words` and an area of `area_len` bytes are exactly the canonical layout of `values`.
fn is_canonical(
    kinds: &[VarKind],
    values: &[Option<&[u8]>],
    words: &[u16],
    fixed_end: usize,
    area_len: usize,
) -> bool {
    let mut pos = fixed_end;
    let mut w = 0;
    for (&k, v) in kinds.iter().zip(values) {
        // Absent: offset (and size) 0. Present: at the running position (with its true size).
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
    kinds: &[VarKind],
    names: &[&'static str],
    values: &[Option<&[u8]>],
    fixed_end: usize,
) -> Result<Vec<u16>, EncodeError> {
    let mut words = Vec::with_capacity(names.len());
    let mut pos = fixed_end;
    for (&k, v) in kinds.iter().zip(values) {
        if k == VarKind::Sized {
            words.push(u16_len(v.map_or(0, <[u8]>::len), names[words.len()])?);
        }
        let off = match v {
            Some(_) => u16_len(pos, names[words.len()])?,
            None => 0,
        };
        words.push(off);
        pos += k.wire_len(*v);
    }
    Ok(words)
}

/// The kept wire layout, if there is one and it still describes `values`.
fn kept_wire<'s>(
    layout: &'s VarLayout<'_>,
    kinds: &[VarKind],
    values: &[Option<&[u8]>],
    fixed_end: usize,
) -> Option<(&'s [u16], &'s [u8])> {
    match layout {
        VarLayout::Wire { words, area }
            if words.len() == kinds.iter().map(|k| k.words()).sum::<usize>()
                && resolve_all(kinds, words, area, fixed_end).as_deref() == Ok(values) =>
        {
            Some((words, area))
        }
        _ => None,
    }
}

/// Bytes after the fixed fields, as the encoder writes them.
fn var_area_len(
    kinds: &[VarKind],
    values: &[Option<&[u8]>],
    layout: &VarLayout<'_>,
    fixed_end: usize,
) -> usize {
    match kept_wire(layout, kinds, values, fixed_end) {
        Some((_, area)) => area.len(),
        None => kinds.iter().zip(values).map(|(k, v)| k.wire_len(*v)).sum(),
    }
}

/// The words and the area the encoder writes.
enum VarOut<'s> {
    Kept(&'s [u16], &'s [u8]),
    Canonical(Vec<u16>),
}

fn var_out<'s>(
    kinds: &[VarKind],
    names: &[&'static str],
    values: &[Option<&[u8]>],
    layout: &'s VarLayout<'_>,
    fixed_end: usize,
) -> Result<VarOut<'s>, EncodeError> {
    Ok(match kept_wire(layout, kinds, values, fixed_end) {
        Some((w, a)) => VarOut::Kept(w, a),
        None => VarOut::Canonical(canonical_words(kinds, names, values, fixed_end)?),
    })
}

impl VarOut<'_> {
    fn words(&self) -> &[u16] {
        match self {
            VarOut::Kept(w, _) => w,
            VarOut::Canonical(w) => w,
        }
    }

    fn put_area<B: BufMut>(&self, kinds: &[VarKind], values: &[Option<&[u8]>], out: &mut B) {
        match self {
            VarOut::Kept(_, area) => out.put_slice(area),
            VarOut::Canonical(_) => {
                for (&k, v) in kinds.iter().zip(values) {
                    if let Some(b) = v {
                        out.put_slice(b);
                        if k == VarKind::Str {
                            out.put_u16_le(0);
                        }
                    }
                }
            }
        }
    }
}

/// Reads the words of a block (named for errors) and follows them into `area`. Returns the
/// values and the layout to keep.
fn decode_vars<'a>(
    kinds: &[VarKind],
    names: &[&'static str],
    words: &[u16],
    words_at: usize,
    area: &'a [u8],
    fixed_end: usize,
) -> Result<(VarBytes<'a>, VarLayout<'a>), DecodeError> {
    let values = resolve_all(kinds, words, area, fixed_end)
        .map_err(|(w, kind)| DecodeError::new(kind, words_at + 2 * w).in_field(names[w]))?;
    let layout = if is_canonical(kinds, &values, words, fixed_end, area.len()) {
        VarLayout::Canonical
    } else {
        VarLayout::Wire {
            words: words.to_vec(),
            area,
        }
    };
    Ok((values, layout))
}

/// Most offset and size fields in one block (AUX_PERF_CLIENTINFO has nine).
const MAX_WORDS: usize = 9;

/// A block with fixed fields (a prefix, one run of offset/size fields, a suffix) and variable
/// fields located by those offsets.
macro_rules! var_block {
    (
        $(#[$meta:meta])* $name:ident, $spec:literal,
        prefix { $($(#[$pm:meta])* $pf:ident : $pt:ty => $pw:literal $(as $ptree:path)?,)* }
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
            const KINDS: &'static [VarKind] = &[$(<$vt as VarValue<'a>>::KIND),*];
            const WORDS: &'static [&'static str] = &[$($ww),+];
            const FIXED_END: usize = AuxHeader::SIZE + <Self as Payload<'a>>::FIXED;

            fn values(&self) -> Vec<Option<&[u8]>> {
                vec![$(self.$vf.as_ref().map(VarValue::wire)),*]
            }
        }

        impl<'a> Payload<'a> for $name<'a> {
            const NAME: &'static str = $spec;
            const FIXED: usize =
                0 $(+ <$pt as Field>::LEN)* + 2 * Self::WORDS.len() $(+ <$st as Field>::LEN)*;

            fn decode_payload(p: &mut Reader<'a>) -> Result<Self, DecodeError> {
                $(let $pf = <$pt as Field>::read(p).field($pw)?;)*
                let words_at = p.offset();
                let mut words = [0u16; MAX_WORDS];
                for (w, name) in words.iter_mut().zip(Self::WORDS) {
                    *w = p.u16().field(name)?;
                }
                let words = &words[..Self::WORDS.len()];
                $(let $sf = <$st as Field>::read(p).field($sw)?;)*
                let area = p.take_rest();
                let (values, layout) =
                    decode_vars(Self::KINDS, Self::WORDS, words, words_at, area, Self::FIXED_END)?;
                let mut values = values.into_iter();
                Ok($name {
                    $($pf,)*
                    $($sf,)*
                    $($vf: match values.next().flatten() {
                        Some(b) => Some(<$vt as VarValue<'a>>::from_wire(b, words_at).field($vw)?),
                        None => None,
                    },)*
                    layout,
                })
            }

            fn payload_len(&self) -> usize {
                let values = self.values();
                Self::FIXED + var_area_len(Self::KINDS, &values, &self.layout, Self::FIXED_END)
            }

            fn put_payload<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                let values = self.values();
                let v = var_out(Self::KINDS, Self::WORDS, &values, &self.layout, Self::FIXED_END)?;
                $(Field::put(&self.$pf, out);)*
                for w in v.words() {
                    out.put_u16_le(*w);
                }
                $(Field::put(&self.$sf, out);)*
                v.put_area(Self::KINDS, &values, out);
                Ok(())
            }

            fn payload_tree(&self) -> Tree {
                let values = self.values();
                let v = var_out(Self::KINDS, Self::WORDS, &values, &self.layout, Self::FIXED_END);
                let mut t = Tree::record() $(.field($pw, field_tree!(&self.$pf $(, $ptree)?)))*;
                if let Ok(v) = &v {
                    for (name, w) in Self::WORDS.iter().zip(v.words()) {
                        t = t.field(*name, Tree::UInt((*w).into()));
                    }
                }
                t $(.field($sw, field_tree!(&self.$sf $(, $stree)?)))*
                    $(.field($vw, self.$vf.as_ref().map_or(Tree::Null, VarValue::tree)))*
            }
        }

        impl ToTree for $name<'_> {
            fn to_tree(&self) -> Tree {
                self.payload_tree()
            }
        }
    };
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.4 AUX_PERF_CLIENTINFO: the client performance data is associated
    /// with (version 1, type 0x02). MachineName, UserName and AdapterName are null-terminated
    /// UTF-16 strings; ClientIP, ClientIPMask and MacAddress are byte runs with a size field.
    AuxPerfClientInfo, "AUX_PERF_CLIENTINFO",
    prefix {
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
        /// ClientMode: CLIENTMODE_UNKNOWN 0, CLIENTMODE_CLASSIC 1, CLIENTMODE_CACHED 2.
        client_mode: u16 => "ClientMode" as client_mode,
        /// Reserved: padding, kept as sent.
        reserved: u16 => "Reserved" as hex16,
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
    AuxPerfServerInfo, "AUX_PERF_SERVERINFO",
    prefix {
        /// ServerID: the client-assigned server identification number.
        server_id: u16 => "ServerID",
        /// ServerType: SERVERTYPE_UNKNOWN 0, _PRIVATE 1, _PUBLIC 2, _DIRECTORY 3, _REFERRAL 4.
        server_type: u16 => "ServerType" as server_type,
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
    AuxPerfProcessInfo, "AUX_PERF_PROCESSINFO",
    prefix {
        /// ProcessID: the client-assigned process identification number.
        process_id: u16 => "ProcessID",
        /// Reserved_1: padding, kept as sent.
        reserved_1: u16 => "Reserved_1" as hex16,
        /// ProcessGuid: the GUID of the client process.
        process_guid: Guid => "ProcessGuid",
    }
    words ["ProcessNameOffset"]
    suffix {
        /// Reserved_2: padding, kept as sent.
        reserved_2: u16 => "Reserved_2" as hex16,
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
    AuxClientConnectionInfo, "AUX_CLIENT_CONNECTION_INFO",
    prefix {
        /// ConnectionGUID: the GUID of the connection.
        connection_guid: Guid => "ConnectionGUID",
    }
    words ["OffsetConnectionContextInfo"]
    suffix {
        /// Reserved: padding, kept as sent.
        reserved: u16 => "Reserved" as hex16,
        /// ConnectionAttempts: the number of connection attempts (4 bytes).
        connection_attempts: u32 => "ConnectionAttempts",
        /// ConnectionFlags: 0x0001 when the client runs in cached mode, 0 when it names no mode.
        connection_flags: u32 => "ConnectionFlags" as hex32,
    }
    vars {
        /// ConnectionContextInfo: opaque connection context for the server's logs.
        connection_context_info: Utf16Str<'a> => "ConnectionContextInfo",
    }
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.22 AUX_SERVER_SESSION_INFO: server information for the client's
    /// logs (version 1, type 0x4B). ServerSessionContextInfo is a null-terminated UTF-16 string.
    AuxServerSessionInfo, "AUX_SERVER_SESSION_INFO",
    prefix {}
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
    AuxProtocolDeviceIdentification, "AUX_PROTOCOL_DEVICE_IDENTIFICATION",
    prefix {}
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
