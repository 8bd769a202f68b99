#!/usr/bin/env python3
"""Shared helpers of the ROP vector generators (testdata/tools/rops_*.py, and the ROP buffers
of mapihttp_emsmdb.py); it re-exports the base helpers of vecgen.py.

Each generator spells out every field of a ROP from [MS-OXCROPS] (and the family's own spec),
independently of the Rust code, and writes vector files whose comments list the fields, so a
reviewer can check the bytes against the spec without running anything.

A ROP buffer is written as: RopSize (2 bytes: itself + RopsList), RopsList, then the Server
object handle table (4 bytes per handle) ([MS-OXCROPS] 2.2.1).

- buffer: a ROP buffer; pair, request_only, response_only: the files of request and response
  buffers.
- request, response (rop_id, handle_index): the fields every ROP request and response starts
  with.
- transcribed (hex_fields): a spec's examples, transcribed by hand as (hex, comment) rows.
"""
from vecgen import V, asciiz, fid, guid, id_text, u8, u16, u32, u64, utf16z, write  # noqa: F401


def buffer(rops, handles, d=0):
    """A ROP buffer from a list of V (one per ROP) and a list of 32-bit handles."""
    out = V()
    size = 2 + sum(len(r.bytes()) for r in rops)
    out.f(u16(size), f"RopSize = {size} (2 + RopsList)", d)
    for i, r in enumerate(rops):
        out.add(r, d + 1, f"RopsList[{i}] ")
    for i, h in enumerate(handles):
        out.f(u32(h), f"ServerObjectHandleTable[{i}] = 0x{h:08X}", d)
    return out


def pair(sub, stem, source, req_rops, req_handles, resp_rops, resp_handles, note):
    """Writes <stem>-request (rop-request-buffer) and <stem>-response (rop-response-buffer with
    the request) for one exchange."""
    req = buffer(req_rops, req_handles)
    resp = buffer(resp_rops, resp_handles)
    write(sub, stem + "-request", "rop-request-buffer", source, req, note + " (request)")
    write(sub, stem + "-response", "rop-response-buffer", source, resp, note + " (response)",
          request=req)


def request_only(sub, name, source, rops, handles, note, expect_error=None):
    """Writes <name> (rop-request-buffer): a request buffer alone."""
    write(sub, name, "rop-request-buffer", source, buffer(rops, handles), note,
          expect_error=expect_error)


def response_only(sub, name, source, req_rops, req_handles, resp_rops, resp_handles, note,
                  expect_error=None):
    """Writes <name> (rop-response-buffer): a response buffer (a failure layout, or one more
    answer to an exchange pair() wrote) with the request buffer it answers."""
    write(sub, name, "rop-response-buffer", source, buffer(resp_rops, resp_handles), note,
          request=buffer(req_rops, req_handles), expect_error=expect_error)


# The fields every ROP starts with ([MS-OXCROPS] 2.2.x.y.1 request, 2.2.x.y.2 / .3 response):
# a request is RopId, LogonId and its handle indexes (InputHandleIndex, OutputHandleIndex, ...);
# a response is RopId, the one handle index it names, and ReturnValue.

def rop_id(rid, name):
    return V().f(u8(rid), f"RopId = 0x{rid:02X} ({name})")


def handle_index(v, field, index, note=None):
    """A 1-byte handle index field; `note` says which object the slot holds."""
    return v.f(u8(index), f"{field} = {index}" + (f" ({note})" if note else ""))


def request(rid, name, *indexes, logon=0, logon_text=None):
    """RopId, LogonId and the handle indexes, each (field, index) or (field, index, note)."""
    v = rop_id(rid, name).f(u8(logon), f"LogonId = {logon}" if logon_text is None else logon_text)
    for index in indexes:
        handle_index(v, *index)
    return v


def response(rid, name, field, index, rv=0, rv_name=None, note=None):
    """RopId, the handle index field of the response, ReturnValue (0x00000000 = success)."""
    v = handle_index(rop_id(rid, name), field, index, note)
    return v.f(u32(rv), f"ReturnValue = 0x{rv:08X}" + (f" ({rv_name})" if rv_name else ""))


def hex_fields(rows, v=None, d=0):
    """A V from rows of (hex, comment), the bytes as a spec's dump prints them; a list among the
    rows holds the fields one level deeper (the parts of the field before it)."""
    v = V() if v is None else v
    for row in rows:
        if isinstance(row, list):
            hex_fields(row, v, d + 1)
        else:
            v.f(bytes.fromhex(row[0]), row[1], d)
    return v


def transcribed(sub, examples):
    """Writes the examples of a spec's section 4, transcribed by hand from their dumps. Each is
    (name, kind, source, note, answers, rows): `answers` names the earlier example (a request)
    this one answers, or is None; `rows` are the fields as hex_fields() reads them."""
    done = {}
    for name, kind, source, note, answers, rows in examples:
        done[name] = hex_fields(rows)
        write(sub, name, kind, source, done[name], note, request=done.get(answers))
