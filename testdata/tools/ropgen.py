#!/usr/bin/env python3
"""Shared helpers of the ROP vector generators (testdata/tools/rops_*.py).

Each generator spells out every field of a ROP from [MS-OXCROPS] (and the family's own spec),
independently of the Rust code, and writes vector files whose comments list the fields, so a
reviewer can check the bytes against the spec without running anything.

A ROP buffer is written as: RopSize (2 bytes: itself + RopsList), RopsList, then the Server
object handle table (4 bytes per handle) ([MS-OXCROPS] 2.2.1).
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from project_vectors import V  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors")


def u8(v): return struct.pack("<B", v)
def u16(v): return struct.pack("<H", v)
def u32(v): return struct.pack("<I", v)
def u64(v): return struct.pack("<Q", v)
def utf16z(s): return s.encode("utf-16-le") + b"\0\0"
def asciiz(s): return s.encode("ascii") + b"\0"


def buffer(rops, handles, d=0):
    """A ROP buffer from a list of V (one per ROP) and a list of 32-bit handles."""
    out = V()
    size = 2 + sum(len(r.bytes()) for r in rops)
    out.f(u16(size), f"RopSize = {size} (2 + RopsList)", d)
    for i, r in enumerate(rops):
        for b, c, dd in r.fields:
            out.f(b, f"RopsList[{i}] {c}", d + 1 + dd)
    for i, h in enumerate(handles):
        out.f(u32(h), f"ServerObjectHandleTable[{i}] = 0x{h:08X}", d)
    return out


def _lines(v):
    return [f"#   {'  ' * d}{b.hex():<24} {c}" for b, c, d in v.fields]


def _hex(data):
    return [data[i:i + 32].hex() for i in range(0, len(data), 32)]


def write(sub, name, kind, source, v, note, request=None, expect_error=None, columns=None):
    """Writes testdata/vectors/<sub>/<name>.toml. `request` (a V) is the request buffer a
    response vector answers (`request_hex`)."""
    os.makedirs(os.path.join(ROOT, sub), exist_ok=True)
    lines = ["# " + note]
    if request is not None:
        lines.append("# Request, field by field:")
        lines.extend(_lines(request))
        lines.append("# Response, field by field:")
    else:
        lines.append("# Field by field:")
    lines.extend(_lines(v))
    lines.append(f'kind = "{kind}"')
    lines.append(f'source = "{source}"')
    if columns:
        lines.append("columns = [" + ", ".join(f'"0x{c:08X}"' for c in columns) + "]")
    if expect_error:
        lines.append(f'expect_error = "{expect_error}"')
    if request is not None:
        lines.append('request_hex = """')
        lines.extend(_hex(request.bytes()))
        lines.append('"""')
    lines.append('hex = """')
    lines.extend(_hex(v.bytes()))
    lines.append('"""')
    with open(os.path.join(ROOT, sub, name + ".toml"), "w") as fh:
        fh.write("\n".join(lines) + "\n")


def pair(sub, stem, source, req_rops, req_handles, resp_rops, resp_handles, note):
    """Writes <stem>-request (rop-request-buffer) and <stem>-response (rop-response-buffer with
    the request) for one exchange."""
    req = buffer(req_rops, req_handles)
    resp = buffer(resp_rops, resp_handles)
    write(sub, stem + "-request", "rop-request-buffer", source, req, note + " (request)")
    write(sub, stem + "-response", "rop-response-buffer", source, resp, note + " (response)",
          request=req)
