#!/usr/bin/env python3
"""Writes the MAPI/HTTP mailbox-endpoint vectors:
testdata/vectors/project/oxcmapihttp-<section>-<name>.toml (one or more per EMSMDB body of
[MS-OXCMAPIHTTP] 2.2.4 and 2.2.6), whole HTTP/1.1 messages for the http-request and http-response
kinds, and testdata/vectors/hostile/oxcmapihttp-*.toml.

An encoder independent of the Rust code: every field is spelled out from the spec layouts and
written into the file's comment, so a reviewer can check the bytes against the spec without
running anything. Layout rules taken from the spec text:

- Every body field is little-endian. A *Size field gives the byte length of the field after it;
  0 means the field is absent (the client or server sends no auxiliary data / no ROPs).
- RopBuffer and AuxiliaryBuffer are "equivalent to" rgbIn/rgbOut/rgbAuxIn/rgbAuxOut of
  [MS-OXCRPC] 3.1.4.1 / 3.1.4.2: one or more extended buffers, each an RPC_HEADER_EXT (Version
  0x0000, Flags, Size, SizeActual; [MS-OXCRPC] 2.2.2.1) and its payload, the last one flagged
  Last (0x0004). The payload of a RopBuffer extended buffer is one ROP buffer: RopSize (itself +
  RopsList), RopsList, Server object handle table ([MS-OXCROPS] 2.2.1; [MS-OXCRPC] 4.2 shows
  RopSize right after the header). The payload of an AuxiliaryBuffer is AUX blocks
  ([MS-OXCRPC] 2.2.2.2).
- Compressed (0x0001): the payload is plain LZ77 ([MS-XCA] 2.3, 2.4) and Size < SizeActual.
  XorMagic (0x0002): every payload byte XOR 0xA5, applied after compression.
- Response bodies start with StatusCode; 0 selects the success layout, anything else the
  failure layout StatusCode, AuxiliaryBufferSize, AuxiliaryBuffer (2.2.4.x.3).
- Connect success: DnPrefix is a null-terminated ASCII string, DisplayName a null-terminated
  Unicode (UTF-16LE) string (2.2.4.1.2; MS-OXCMAPIHTTP_R215/R216).
- PING has no request body and no response body (2.2.6).

Run it from anywhere; it rewrites the files it owns and nothing else.
"""
import sys

from ropgen import V, asciiz, buffer, request, response, u8, u16, u32, utf16z
from vecgen import COMPRESSED, LAST, XORMAGIC, ext_flag_names, write as write_vector

SRC = "project vector, built from [MS-OXCMAPIHTTP] {}"
HSRC = "hostile input, built from [MS-OXCMAPIHTTP] {}"


# --------------------------------------------------------------------------------------------
# Plain LZ77 ([MS-XCA] 2.3): 32-bit flag words (MSB first: 0 literal, 1 match), literals as
# bytes, a match as a 16-bit token ((offset - 1) << 3 | min(length - 3, 7)); length - 3 >= 7
# adds a half-byte (shared between two matches) holding length - 10. This encoder keeps
# matches at most 24 bytes long, so the half-byte never reaches 15 and no longer length forms
# are needed. After the last symbol every remaining flag bit is 1 (the end marker); when the
# last flag word is full, a new word of all ones follows.
# --------------------------------------------------------------------------------------------

def lz77(data):
    out = bytearray(4)
    flag_pos, flags, count = 0, 0, 0
    half = None
    i = 0
    while i < len(data):
        best_len, best_off = 0, 0
        for off in range(1, min(i, 8192) + 1):
            n = 0
            while n < 24 and i + n < len(data) and data[i + n] == data[i + n - off]:
                n += 1
            if n > best_len:
                best_len, best_off = n, off
        if best_len >= 3:
            m = best_len - 3
            out += u16(((best_off - 1) << 3) | min(m, 7))
            if m >= 7:
                if half is None:
                    half = len(out)
                    out.append(m - 7)
                else:
                    out[half] |= (m - 7) << 4
                    half = None
            flags = (flags << 1) | 1
            i += best_len
        else:
            out.append(data[i])
            flags <<= 1
            i += 1
        count += 1
        if count == 32:
            out[flag_pos:flag_pos + 4] = u32(flags)
            flag_pos = len(out)
            out += b"\0\0\0\0"
            flags, count = 0, 0
    flags = (flags << (32 - count)) | ((1 << (32 - count)) - 1)
    out[flag_pos:flag_pos + 4] = u32(flags)
    return bytes(out)


def ext_buffer(v, payload, d=0, compress=False, xor=False, last=True, what="payload"):
    """One extended buffer carrying the fields of `payload` (a V)."""
    plain = payload.bytes()
    wire = plain
    flags = LAST if last else 0
    if compress:
        c = lz77(plain)
        assert len(c) < len(plain), "compression must make the payload smaller"
        wire, flags = c, flags | COMPRESSED
    if xor:
        wire, flags = bytes(b ^ 0xA5 for b in wire), flags | XORMAGIC
    v.f(u16(0), "RPC_HEADER_EXT.Version = 0x0000", d)
    v.f(u16(flags), f"RPC_HEADER_EXT.Flags = 0x{flags:04X} ({ext_flag_names(flags)})", d)
    v.f(u16(len(wire)), f"RPC_HEADER_EXT.Size = {len(wire)} (payload bytes as sent)", d)
    v.f(u16(len(plain)), f"RPC_HEADER_EXT.SizeActual = {len(plain)} (plain payload bytes)", d)
    if compress or xor:
        how = " then ".join(s for s, on in (("LZ77 ([MS-XCA] 2.3)", compress), ("XOR 0xA5", xor)) if on)
        v.f(wire, f"Payload as sent: {what} after {how}; the plain payload is:", d)
        for b, c, dd in payload.fields:
            v.f(b"", f"  {b.hex()}  {c}", d + 1 + dd)
    else:
        v.add(payload, d + 1)
    return v


def sized(v, size_name, buf_name, inner, d=0):
    """A 4-byte size field and the bytes of `inner` (a V) after it; an empty V means size 0."""
    n = len(inner.bytes())
    v.f(u32(n), f"{size_name} = {n}" + (" (absent)" if n == 0 else ""), d)
    for b, c, dd in inner.fields:
        v.f(b, f"{buf_name}: {c}" if dd == 0 else c, d + 1 + dd)
    return v


def aux_requestid(session_id, request_id):
    """[MS-OXCRPC] 2.2.2.2.1 AUX_PERF_REQUESTID behind its AUX_HEADER (Size counts the header)."""
    p = V()
    p.f(u16(8), "AUX_HEADER.Size = 8 (4-byte header + SessionID + RequestID)")
    p.f(u8(0x01), "AUX_HEADER.Version = 0x01 (AUX_VERSION_1)")
    p.f(u8(0x01), "AUX_HEADER.Type = 0x01 (AUX_TYPE_PERF_REQUESTID)")
    p.f(u16(session_id), f"SessionID = {session_id}", 1)
    p.f(u16(request_id), f"RequestID = {request_id}", 1)
    return p


def aux_chain(payload_v):
    return ext_buffer(V(), payload_v, what="AUX blocks")


# --------------------------------------------------------------------------------------------
# ROP buffers used by the Execute vectors ([MS-OXCROPS] 2.2.1, 2.2.5, 2.2.15)
# --------------------------------------------------------------------------------------------

PIDTAG_DISPLAY_NAME = 0x3001001F
PIDTAG_MESSAGE_SIZE = 0x0E080003
TABLE = [0x00000010]  # the handle table: a contents table at index 0


def set_columns_req():
    r = request(0x12, "RopSetColumns", ("InputHandleIndex", 0))
    r.f(u8(0), "SetColumnsFlags = 0x00 (wait)")
    r.f(u16(2), "PropertyTagCount = 2")
    r.f(u32(PIDTAG_DISPLAY_NAME), "PropertyTags[0] = 0x3001001F (PidTagDisplayName)")
    return r.f(u32(PIDTAG_MESSAGE_SIZE), "PropertyTags[1] = 0x0E080003 (PidTagMessageSize)")


def query_rows_req(count):
    r = request(0x15, "RopQueryRows", ("InputHandleIndex", 0))
    r.f(u8(0), "QueryRowsFlags = 0x00 (advance)")
    return r.f(u8(1), "ForwardRead = 0x01").f(u16(count), f"RowCount = {count}")


def release_req():
    return request(0x01, "RopRelease", ("InputHandleIndex", 0))


def set_columns_resp():
    r = response(0x12, "RopSetColumns", "InputHandleIndex", 0, 0, "success")
    return r.f(u8(0), "TableStatus = 0x00 (TBLSTAT_COMPLETE)")


def query_rows_resp(rows):
    r = response(0x15, "RopQueryRows", "InputHandleIndex", 0, 0, "success")
    r.f(u8(2), "Origin = 0x02 (BOOKMARK_END)")
    r.f(u16(len(rows)), f"RowCount = {len(rows)}")
    for i, (name, size) in enumerate(rows):
        r.f(u8(0), f"RowData[{i}].Flag = 0x00 (StandardPropertyRow)", 1)
        r.f(utf16z(name), f'RowData[{i}] PidTagDisplayName = "{name}" (UTF-16LE + 0x0000)', 1)
        r.f(u32(size), f"RowData[{i}] PidTagMessageSize = {size}", 1)
    return r


EXEC_REQ_ROPS = buffer([set_columns_req(), query_rows_req(2), release_req()], TABLE)
# Sixteen RopRelease requests after the table ROPs: long enough for LZ77 to pay off.
EXEC_REQ_ROPS_LONG = buffer([set_columns_req(), query_rows_req(2)]
                            + [release_req() for _ in range(16)], TABLE)
EXEC_RESP_ROPS = buffer([set_columns_resp(),
                         query_rows_resp([("Inbox", 1234), ("Sent Items", 99)])], TABLE)
# Packed responses ([MS-OXCRPC] 3.1.4.2.1.2.2): with Chain set and RopQueryRows last, the server
# may add more extended buffers, each a ROP output buffer holding one more RopQueryRows response.
EXEC_REQ_ROPS_QUERY = buffer([set_columns_req(), query_rows_req(4)], TABLE)
PACKED_MORE = buffer([query_rows_resp([("Drafts", 7), ("Outbox", 0)])], TABLE)


# --------------------------------------------------------------------------------------------
# Bodies
# --------------------------------------------------------------------------------------------

def no_aux(v):
    """AuxiliaryBufferSize 0: no AuxiliaryBuffer, the end of most bodies."""
    return sized(v, "AuxiliaryBufferSize", "AuxiliaryBuffer", V())


def success():
    """The start of a success response body (2.2.4.x.2): StatusCode 0, ErrorCode ecNone."""
    v = V().f(u32(0), "StatusCode = 0 (success layout)")
    return v.f(u32(0), "ErrorCode = 0x00000000 (ecNone)")


def connect_request():
    v = V()
    v.f(asciiz("/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=janedoe"),
        "UserDn = \"/o=Contoso/.../cn=janedoe\" (ASCII + 0x00)")
    v.f(u32(0), "Flags = 0x00000000")
    v.f(u32(1252), "DefaultCodePage = 1252")
    v.f(u32(0x0409), "LcidSort = 0x00000409 (en-US)")
    v.f(u32(0x0409), "LcidString = 0x00000409 (en-US)")
    return sized(v, "AuxiliaryBufferSize", "AuxiliaryBuffer", aux_chain(aux_requestid(1, 1)))


def connect_success():
    v = success().f(u32(60000), "PollsMax = 60000 ms")
    v.f(u32(6), "RetryCount = 6")
    v.f(u32(10000), "RetryDelay = 10000 ms")
    v.f(asciiz("/o=Contoso/ou=Exchange Administrative Group"), "DnPrefix (ASCII + 0x00)")
    v.f(utf16z("Jane Doe"), 'DisplayName = "Jane Doe" (UTF-16LE + 0x0000)')
    return no_aux(v)


def failure(status, aux=None):
    v = V().f(u32(status), f"StatusCode = 0x{status:08X} (not 0: failure layout)")
    return sized(v, "AuxiliaryBufferSize", "AuxiliaryBuffer", aux or V())


def execute_request(compress=False, xor=False, flags=0x3, rops=EXEC_REQ_ROPS):
    names = {1: "NoCompression", 2: "NoXorMagic", 4: "Chain"}
    fn = "|".join(n for b, n in names.items() if flags & b) or "none"
    v = V().f(u32(flags), f"Flags = 0x{flags:08X} ({fn})")
    rop = ext_buffer(V(), rops, compress=compress, xor=xor, what="ROP input buffer")
    sized(v, "RopBufferSize", "RopBuffer", rop)
    return no_aux(v.f(u32(0x40000), "MaxRopOut = 0x00040000"))


def execute_success(rop_buffers=(EXEC_RESP_ROPS,)):
    """An Execute success body whose RopBuffer chains one extended buffer per ROP buffer."""
    v = success().f(u32(0), "Flags = 0x00000000 (reserved)")
    rop = V()
    for i, rops in enumerate(rop_buffers):
        ext_buffer(rop, rops, last=i == len(rop_buffers) - 1, what="ROP output buffer")
    return no_aux(sized(v, "RopBufferSize", "RopBuffer", rop))


def disconnect_request():
    return no_aux(V())


def disconnect_success():
    return no_aux(success())


def notification_wait_request():
    return no_aux(V().f(u32(0), "Flags = 0x00000000 (reserved)"))


def notification_wait_success(pending):
    return no_aux(success().f(u32(pending), f"EventPending = 0x{pending:08X}"))


def write(sub, name, kind, source, v, note, request=None, expect_error=None):
    write_vector(sub, name, kind, source, v, note, request=request, expect_error=expect_error,
                 request_label="Request (request_hex)")


def project(section, name, kind, v, note, request=None):
    write("project", f"oxcmapihttp-{section}-{name}", kind, SRC.format(section), v, note, request)


def hostile(section, name, kind, v, note, err):
    write("hostile", f"oxcmapihttp-{name}", kind, HSRC.format(section), v, note, expect_error=err)


def bodies():
    project("2.2.4.1.1", "connect-request", "connect-request", connect_request(),
            "Connect request body with an AUX_PERF_REQUESTID in its auxiliary buffer.")
    project("2.2.4.1.2", "connect-response-success", "connect-response", connect_success(),
            "Connect success response body, no auxiliary buffer.")
    project("2.2.4.1.3", "connect-response-failure", "connect-response",
            failure(0x000006BB, aux_chain(aux_requestid(1, 2))),
            "Connect failure response body (StatusCode 0x6BB) with an auxiliary buffer.")
    project("2.2.4.2.1", "execute-request", "execute-request", execute_request(),
            "Execute request: RopSetColumns, RopQueryRows, RopRelease in one plain extended buffer.")
    project("2.2.4.2.1", "execute-request-compressed", "execute-request",
            execute_request(compress=True, xor=True, flags=0, rops=EXEC_REQ_ROPS_LONG),
            "Execute request whose RopBuffer (the table ROPs and 16 RopRelease) is LZ77-compressed\nand XorMagic-obfuscated.")
    project("2.2.4.2.2", "execute-response-success", "execute-response", execute_success(),
            "Execute success response: the RopSetColumns and RopQueryRows responses (two rows),\n"
            "decoded against the Execute request body in request_hex.", request=execute_request())
    project("2.2.4.2.2", "execute-response-packed", "execute-response",
            execute_success((EXEC_RESP_ROPS, PACKED_MORE)),
            "Execute success response in two extended buffers: the second is a packed RopQueryRows\n"
            "response ([MS-OXCRPC] 3.1.4.2.1.2.2), its rows read with the columns the first set.",
            request=execute_request(flags=0x7, rops=EXEC_REQ_ROPS_QUERY))
    project("2.2.4.2.2", "execute-response-no-request", "execute-response", execute_success(),
            "The same Execute success response without its request: the ROPs stay undecoded.")
    project("2.2.4.2.3", "execute-response-failure", "execute-response", failure(0x80040115),
            "Execute failure response body (StatusCode 0x80040115), no auxiliary buffer.")
    project("2.2.4.3.1", "disconnect-request", "disconnect-request", disconnect_request(),
            "Disconnect request body: no auxiliary buffer.")
    project("2.2.4.3.2", "disconnect-response-success", "disconnect-response", disconnect_success(),
            "Disconnect success response body.")
    project("2.2.4.3.3", "disconnect-response-failure", "disconnect-response", failure(0x00000001),
            "Disconnect failure response body.")
    project("2.2.4.4.1", "notification-wait-request", "notification-wait-request",
            notification_wait_request(), "NotificationWait request body.")
    project("2.2.4.4.2", "notification-wait-response-pending", "notification-wait-response",
            notification_wait_success(1), "NotificationWait success response: an event is pending.")
    project("2.2.4.4.3", "notification-wait-response-failure", "notification-wait-response",
            failure(0x000004B6), "NotificationWait failure response body.")
    project("2.2.6", "ping-request", "ping-request", V(), "PING has no request body.")
    project("2.2.6", "ping-response", "ping-response", V(), "PING has no response body.")

    v = V()
    v.f(u32(0), "Flags = 0")
    v.f(u32(0xFFFFFFFF), "RopBufferSize = 0xFFFFFFFF (far more than the bytes left)")
    v.f(u32(0), "4 more bytes")
    hostile("2.2.4.2.1", "execute-request-ropbuffersize-huge", "execute-request", v,
            "RopBufferSize claims 4 GiB: refused before anything is read or allocated.", "truncated")
    v = V()
    v.f(u32(0), "StatusCode = 0")
    for n in ("ErrorCode", "PollsMax", "RetryCount", "RetryDelay"):
        v.f(u32(0), f"{n} = 0")
    v.f(asciiz("/o=x"), "DnPrefix")
    v.f("Jane".encode("utf-16-le"), "DisplayName without its 0x0000 terminator")
    hostile("2.2.4.1.2", "connect-response-displayname-unterminated", "connect-response", v,
            "DisplayName runs to the end of the body.", "truncated")
    inner = aux_chain(aux_requestid(1, 1))
    v = V()
    v.f(u32(len(inner.bytes()) + 1), "AuxiliaryBufferSize = one more than the chain")
    v.add(inner, 1)
    v.f(b"\0", "a byte after the Last extended buffer, inside AuxiliaryBufferSize")
    hostile("2.2.4.3.1", "disconnect-request-aux-trailing", "disconnect-request", v,
            "The auxiliary chain does not fill AuxiliaryBufferSize.", "trailing-bytes")
    v = V()
    v.f(u32(0), "StatusCode = 0")
    v.f(u32(0), "ErrorCode = 0")
    v.f(u32(0), "Flags = 0")
    v.f(u32(8), "RopBufferSize = 8")
    v.f(u16(0) + u16(0) + u16(0) + u16(0), "RPC_HEADER_EXT without the Last flag, Size 0")
    v.f(u32(0), "AuxiliaryBufferSize = 0")
    hostile("2.2.4.2.2", "execute-response-chain-without-last", "execute-response", v,
            "The RopBuffer chain ends without a buffer flagged Last.", "invalid-value")


# --------------------------------------------------------------------------------------------
# Whole HTTP/1.1 messages ([MS-OXCMAPIHTTP] 2.2.2; [RFC7230] 3 and 4.1 for the framing)
#
# Request: request line, headers, blank line, body of Content-Length bytes (2.2.2.1).
# Response: status line, headers, blank line, then the inner response stream (2.2.2.2, 2.2.7,
# 3.2.5.2): "PROCESSING" CRLF first, "PENDING" CRLF keep-alives, "DONE" CRLF, additional header
# lines each CRLF, a blank line (CRLF), the response body. Chunked: each chunk is its size in
# hex, CRLF, the data, CRLF; "0" CRLF and a final CRLF end it. The 4.2 example sends
# "C" CRLF "PROCESSING" CRLF CRLF and "9" CRLF "PENDING" CRLF CRLF: one meta-tag a chunk.
# --------------------------------------------------------------------------------------------

CRLF = b"\r\n"
REQ_ID = "E2EA6C1C-E61B-49E9-9CFB-38184F907552"
CLIENT_INFO = "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}"


def http_head(v, start, headers):
    v.f(start.encode() + CRLF, f"start line: {start} CRLF")
    for h in headers:
        v.f(h.encode() + CRLF, f"header: {h} CRLF")
    v.f(CRLF, "blank line: end of the headers")


def http_request(request_type, body_v, counter, cookies=True, target="/mapi/emsmdb/?MailboxId=jane@contoso.com"):
    v = V()
    headers = [
        "Host: mail.contoso.com",
        f"Content-Length: {len(body_v.bytes())}",
        "Content-Type: application/mapi-http",
    ]
    if cookies:
        headers += ["Cookie: MapiContext=ctx-opaque-1; MapiSequence=seq-opaque-7"]
    headers += [
        f"X-RequestType: {request_type}",
        f"X-ClientInfo: {CLIENT_INFO}:5",
        f"X-RequestId: {REQ_ID}:{counter}",
        "X-ClientApplication: Outlook/15.00.0847.4040",
    ]
    http_head(v, f"POST {target} HTTP/1.1", headers)
    for b, c, d in body_v.fields:
        v.f(b, "body: " + c if d == 0 else c, 1 + d)
    return v


def stream(keepalives, body_v, extra=()):
    """The inner response stream, as (bytes, comment) pieces: one piece a meta-tag, then the
    DONE piece with the additional headers, the blank line and the body."""
    pieces = [(b"PROCESSING" + CRLF, "PROCESSING CRLF: the request is queued")]
    pieces += [(b"PENDING" + CRLF, "PENDING CRLF: keep-alive")] * keepalives
    done = b"DONE" + CRLF
    for h in ("X-ElapsedTime: 2", "X-StartTime: Thu, 18 Jul 2013 19:38:19 GMT") + tuple(extra):
        done += h.encode() + CRLF
    done += CRLF + body_v.bytes()
    pieces.append((done, "DONE CRLF, X-ElapsedTime: 2 CRLF, X-StartTime: ... CRLF, blank line, body"))
    return pieces


def http_response(request_type, pieces, body_v, chunked=True, pending=15000, response_code=0,
                  content_type="application/mapi-http"):
    v = V()
    inner = b"".join(p for p, _ in pieces)
    headers = ["Transfer-Encoding: chunked"] if chunked else [f"Content-Length: {len(inner)}"]
    headers += [
        f"Content-Type: {content_type}",
        "Set-Cookie: MapiContext=ctx-opaque-1; path=/mapi/",
        "Set-Cookie: MapiSequence=seq-opaque-8; path=/mapi/",
        f"X-RequestType: {request_type}",
        f"X-ResponseCode: {response_code}",
        f"X-RequestId: {REQ_ID}:12",
        f"X-ClientInfo: {CLIENT_INFO}:5",
        "X-ServerApplication: Exchange/15.00.0847.4040",
        f"X-PendingPeriod: {pending}",
        "X-ExpirationInfo: 900000",
    ]
    http_head(v, "HTTP/1.1 200 OK", headers)
    for data, comment in pieces:
        if chunked:
            v.f(f"{len(data):X}".encode() + CRLF, f"chunk size {len(data)} = 0x{len(data):X} CRLF", 1)
        v.f(data, comment, 1)
        if chunked:
            v.f(CRLF, "CRLF after the chunk data", 1)
    if body_v is not None and body_v.fields:
        v.f(b"", "the response body in the DONE piece, field by field:", 1)
        for b, c, d in body_v.fields:
            v.f(b"", f"  {b.hex()}  {c}", 2 + d)
    if chunked:
        v.f(b"0" + CRLF + CRLF, "last chunk: 0 CRLF, then the final CRLF")
    return v


def http_vectors():
    w = lambda name, kind, v, note, request=None: write(
        "project", f"oxcmapihttp-2.2.2-{name}", kind, SRC.format("2.2.2, 2.2.7, 3.2.5.2"), v, note, request)
    conn = connect_success()
    w("http-connect-response-chunked", "http-response",
      http_response("Connect", stream(2, conn), conn),
      "A whole chunked Connect response: PROCESSING, two PENDING keep-alives, DONE, the\n"
      "additional headers and the Connect success body; one meta-tag a chunk.")
    creq = http_request("Connect", connect_request(), 1, cookies=False)
    w("http-connect-request", "http-request", creq, "A whole Connect request with Content-Length.")
    ereq = http_request("Execute", execute_request(compress=True, xor=True, flags=0, rops=EXEC_REQ_ROPS_LONG), 12)
    w("http-execute-request-compressed", "http-request", ereq,
      "A whole Execute request whose RopBuffer is LZ77-compressed and obfuscated.")
    ereq_plain = http_request("Execute", execute_request(), 12)
    eresp = execute_success()
    w("http-execute-response-chunked", "http-response",
      http_response("Execute", stream(3, eresp), eresp),
      "A whole chunked Execute response (three PENDING keep-alives), its ROPs decoded\n"
      "against the whole HTTP request in request_hex.", request=ereq_plain)
    dresp = disconnect_success()
    w("http-disconnect-response-length", "http-response",
      http_response("Disconnect", stream(0, dresp), dresp, chunked=False),
      "A Disconnect response with Content-Length (not chunked): the stream is still\n"
      "PROCESSING, DONE, additional headers, body.")
    w("http-ping-request", "http-request", http_request("PING", V(), 13),
      "A PING request: no body, Content-Length 0.")
    w("http-ping-response", "http-response", http_response("PING", stream(0, V()), V()),
      "A PING response: meta-tags and additional headers, no body (3.2.5.3).")
    nresp = notification_wait_success(1)
    w("http-notification-wait-response", "http-response",
      http_response("NotificationWait", stream(9, nresp), nresp, pending=30000),
      "A NotificationWait response after nine 30-second keep-alives: an event is pending.")
    v = V()
    http_head(v, "HTTP/1.1 200 OK", ["Content-Length: 23", "Content-Type: text/html",
                                     "X-RequestType: Execute", "X-ResponseCode: 6",
                                     f"X-RequestId: {REQ_ID}:14"])
    v.f(b"Invalid Context Cookie.", "body: diagnostic text (X-ResponseCode 6, Invalid Context Cookie)", 1)
    w("http-execute-response-invalid-cookie", "http-response", v,
      "An Execute request refused with X-ResponseCode 6: text/html diagnostic body, no meta-tags.")
    nspi = V()
    nspi.f(u32(0), "Flags = 0 (an NSPI Unbind body, 2.2.5.2.1)")
    nspi.f(u32(0), "AuxiliaryBufferSize = 0")
    w("http-nspi-unbind-request", "http-request",
      http_request("Unbind", nspi, 3, target="/mapi/nspi/?MailboxId=jane@contoso.com"),
      "An NSPI request: the body is kept as bytes (NSPI bodies are another module's).")
    v = V()
    http_head(v, "HTTP/1.1 200 OK", ["Transfer-Encoding: chunked", "X-RequestType: PING", "X-ResponseCode: 0"])
    v.f(b"5" + CRLF + b"HELLO" + CRLF + b"0" + CRLF + CRLF, "a chunk holding HELLO: not a meta-tag line")
    write("hostile", "oxcmapihttp-http-response-bad-meta-tag", "http-response", HSRC.format("2.2.7"), v,
          "The response stream does not start with a meta-tag line.", expect_error="truncated")
    v = V()
    http_head(v, "HTTP/1.1 200 OK", ["Transfer-Encoding: chunked", "X-RequestType: PING"])
    v.f(b"FFFFFFFF" + CRLF + b"ab" + CRLF + b"0" + CRLF + CRLF, "chunk size 0xFFFFFFFF with 9 bytes left")
    write("hostile", "oxcmapihttp-http-response-chunk-size-huge", "http-response", HSRC.format("3.2.5.2"), v,
          "A chunk claims 4 GiB: refused before anything is cut or allocated.", expect_error="truncated")


if __name__ == "__main__":
    bodies()
    http_vectors()
    if len(sys.argv) > 1 and sys.argv[1] == "--lz77":
        sys.stdout.write(lz77(sys.stdin.buffer.read()).hex() + "\n")
