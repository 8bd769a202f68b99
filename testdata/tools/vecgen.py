#!/usr/bin/env python3
"""Shared base of the vector generators in testdata/tools (it writes nothing by itself).

- u8 .. u64, utf16z, asciiz: little-endian integers and null-terminated strings, the way every
  MAPI wire format here lays them out.
- guid, fid, id_text: a GUID in its wire order ([MS-DTYP] 2.3.4.2) and a Folder ID / Message ID
  ([MS-OXCDATA] 2.2.1.1, 2.2.1.2).
- V: a list of (bytes, comment, depth) fields; the bytes of a vector are the fields' bytes in
  order, and the comments are written into the vector file so a reviewer can check every field
  against the spec without running anything.
- COMPRESSED, XORMAGIC, LAST, ext_flag_names: the RPC_HEADER_EXT flags ([MS-OXCRPC] 2.2.2.1).
- write: one vector file, testdata/vectors/<sub>/<name>.toml.
"""
import os
import struct
import uuid

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors")


def u8(v): return struct.pack("<B", v)
def u16(v): return struct.pack("<H", v)
def u32(v): return struct.pack("<I", v)
def u64(v): return struct.pack("<Q", v)
def utf16z(s): return s.encode("utf-16-le") + b"\0\0"
def asciiz(s): return s.encode("ascii") + b"\0"


def guid(text):
    """A GUID in its wire order ([MS-DTYP] 2.3.4.2): Data1, Data2, Data3 little-endian, Data4 as
    is. `text` may carry braces."""
    return uuid.UUID(text).bytes_le


def fid(replica, counter):
    """A Folder ID / Message ID ([MS-OXCDATA] 2.2.1.1, 2.2.1.2): ReplicaId (2 bytes,
    little-endian), then GlobalCounter (6 bytes, big-endian)."""
    return u16(replica) + counter.to_bytes(6, "big")


def id_text(replica, counter):
    """A Folder ID / Message ID as RRRR-GGGGGGGGGGGG (ReplicaId, GlobalCounter)."""
    return f"{replica:04X}-{counter:012X}"


# RPC_HEADER_EXT.Flags ([MS-OXCRPC] 2.2.2.1).
COMPRESSED, XORMAGIC, LAST = 0x0001, 0x0002, 0x0004


def ext_flag_names(flags):
    """The RPC_HEADER_EXT.Flags set in `flags`, as Compressed|XorMagic|Last (or none)."""
    names = [n for bit, n in ((COMPRESSED, "Compressed"), (XORMAGIC, "XorMagic"), (LAST, "Last"))
             if flags & bit]
    return "|".join(names) or "none"


class V:
    """A list of (bytes, comment, depth) fields."""

    def __init__(self):
        self.fields = []

    def f(self, b, comment, d=0):
        self.fields.append((b, comment, d))
        return self

    def rows(self, rows, d=0):
        """Appends (bytes, comment) or (bytes, comment, depth) rows, `d` deeper."""
        for b, c, *dd in rows:
            self.f(b, c, d + (dd[0] if dd else 0))
        return self

    def add(self, other, d=0, prefix=""):
        """Appends the fields of `other` (a V), `d` deeper, each comment after `prefix`."""
        for b, c, dd in other.fields:
            self.f(b, prefix + c, d + dd)
        return self

    def bytes(self):
        return b"".join(b for b, _, _ in self.fields)


def comment_lines(v):
    return [f"#   {'  ' * d}{b.hex():<24} {c}" for b, c, d in v.fields]


def hex_lines(data):
    return [data[i:i + 32].hex() for i in range(0, len(data), 32)] or [""]


def write(sub, name, kind, source, v, note, request=None, expect_error=None, columns=None,
          splits=None, request_label="Request"):
    """Writes testdata/vectors/<sub>/<name>.toml: the note and the fields as comments, then the
    keys. `request` (a V) is the request a response vector answers (`request_hex`); `columns`
    the property tags a row vector is read with; `splits` where a stream is cut into buffers."""
    os.makedirs(os.path.join(ROOT, sub), exist_ok=True)
    lines = ["# " + line for line in note.split("\n")]
    if request is not None:
        lines.append(f"# {request_label}, field by field:")
        lines.extend(comment_lines(request))
        lines.append("# Response, field by field:")
    else:
        lines.append("# Field by field:")
    lines.extend(comment_lines(v))
    lines.append(f'kind = "{kind}"')
    lines.append(f'source = "{source}"')
    if columns:
        lines.append("columns = [" + ", ".join(f'"0x{c:08X}"' for c in columns) + "]")
    if splits:
        lines.append("splits = [" + ", ".join(str(s) for s in splits) + "]")
    if expect_error:
        lines.append(f'expect_error = "{expect_error}"')
    if request is not None:
        lines.append('request_hex = """')
        lines.extend(hex_lines(request.bytes()))
        lines.append('"""')
    lines.append('hex = """')
    lines.extend(hex_lines(v.bytes()))
    lines.append('"""')
    with open(os.path.join(ROOT, sub, name + ".toml"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
