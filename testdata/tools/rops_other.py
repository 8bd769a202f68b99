#!/usr/bin/env python3
"""Vectors of [MS-OXCROPS] 2.2.15 (RopBufferTooSmall, RopBackoff, RopRelease) and RopPending
(2.2.14.3), spelled out from the spec; see ropgen.py for the buffer layout."""
from ropgen import V, buffer, u8, u16, u32, write

SRC = "project vector, built from [MS-OXCROPS]"


def set_columns():
    v = V().f(u8(0x12), "RopId = 0x12 (RopSetColumns)").f(u8(0), "LogonId = 0")
    v.f(u8(0), "InputHandleIndex = 0 (the table)").f(u8(0), "SetColumnsFlags = 0x00 (wait)")
    v.f(u16(1), "PropertyTagCount = 1").f(u32(0x0037001F), "PropertyTags[0] = 0x0037001F PidTagSubject")
    return v


def query_rows():
    v = V().f(u8(0x15), "RopId = 0x15 (RopQueryRows)").f(u8(0), "LogonId = 0")
    v.f(u8(0), "InputHandleIndex = 0").f(u8(0), "QueryRowsFlags = 0x00")
    v.f(u8(1), "ForwardRead = 0x01").f(u16(50), "RowCount = 50")
    return v


def main():
    # [MS-OXCROPS] 4.4: two RopRelease requests; transcribed from the example.
    v = V().f(u16(8), "RopSize = 8")
    for i, h in enumerate([0, 1]):
        v.f(u8(0x01), f"RopsList[{i}] RopId = 0x01 (RopRelease)", 1)
        v.f(u8(0x00), f"RopsList[{i}] LogonId = 0x00", 1)
        v.f(u8(h), f"RopsList[{i}] InputHandleIndex = {h}", 1)
    v.f(u32(0x6F), "ServerObjectHandleTable[0] = 0x0000006F (input of the first RopRelease)")
    v.f(u32(0x6E), "ServerObjectHandleTable[1] = 0x0000006E (input of the second RopRelease)")
    write("ms-oxcrops", "4.4-roprelease-request", "rop-request-buffer",
          "[MS-OXCROPS] 4.4 (RopRelease ROP Request)", v,
          "The [MS-OXCROPS] 4.4 example: a buffer of two RopRelease requests.")

    # RopBufferTooSmall: the server answered RopSetColumns, then ran out of room for the
    # RopQueryRows response and returns that request in RequestBuffers (2.2.15.1.1).
    req = buffer([set_columns(), query_rows()], [0x00000031])
    ok = V().f(u8(0x12), "RopId = 0x12 (RopSetColumns)").f(u8(0), "InputHandleIndex = 0")
    ok.f(u32(0), "ReturnValue = 0x00000000").f(u8(0), "TableStatus = 0x00 (TBLSTAT_COMPLETE)")
    bts = V().f(u8(0xFF), "RopId = 0xFF (RopBufferTooSmall)").f(u16(0x2000), "SizeNeeded = 0x2000")
    bts.add(query_rows(), 1, "RequestBuffers: ")
    resp = buffer([ok, bts], [0x00000031])
    write("project", "oxcrops-2.2.15.1-ropbuffertoosmall-response", "rop-response-buffer",
          SRC + " 2.2.15.1", resp,
          "RopSetColumns answered, then RopBufferTooSmall holding the unprocessed RopQueryRows.",
          request=req)

    # RopBackoff in place of the RopQueryRows response (2.2.15.2.1).
    req = buffer([query_rows()], [0x00000031])
    b = V().f(u8(0xF9), "RopId = 0xF9 (RopBackoff)").f(u8(0), "LogonId = 0")
    b.f(u32(5000), "Duration = 5000 ms").f(u8(1), "BackoffRopCount = 1")
    b.f(u8(0x15), "BackoffRopData[0].RopIdBackoff = 0x15 (RopQueryRows)", 1)
    b.f(u32(2500), "BackoffRopData[0].Duration = 2500 ms", 1)
    b.f(u16(2), "AdditionalDataSize = 2").f(bytes([0xAB, 0xCD]), "AdditionalData")
    resp = buffer([b], [0x00000031])
    write("project", "oxcrops-2.2.15.2-ropbackoff-response", "rop-response-buffer",
          SRC + " 2.2.15.2", resp,
          "A RopBackoff response in place of the delayed RopQueryRows.", request=req)

    # RopPending after the RopSetColumns response (2.2.14.3.1).
    req = buffer([set_columns()], [0x00000031])
    p = V().f(u8(0x6E), "RopId = 0x6E (RopPending)").f(u16(3), "SessionIndex = 3")
    resp = buffer([ok, p], [0x00000031])
    write("project", "oxcrops-2.2.14.3-roppending-response", "rop-response-buffer",
          SRC + " 2.2.14.3", resp,
          "RopSetColumns answered, then RopPending: notifications wait on session 3.", request=req)

    # The single-ROP kinds: one RopRelease request and one RopPending response, without the
    # buffer around them.
    v = V().f(u8(0x01), "RopId = 0x01 (RopRelease)").f(u8(0x02), "LogonId = 2")
    v.f(u8(0x05), "InputHandleIndex = 5")
    write("project", "oxcrops-2.2.15.3-roprelease-rop", "rop-request", SRC + " 2.2.15.3.1", v,
          "One RopRelease request, without RopSize or handle table.")
    v = V().f(u8(0x6E), "RopId = 0x6E (RopPending)").f(u16(0x0102), "SessionIndex = 0x0102")
    write("project", "oxcrops-2.2.14.3-roppending-rop", "rop-response", SRC + " 2.2.14.3.1", v,
          "One RopPending response, without RopSize or handle table (it answers no request).")

    hostile()


def release(h):
    return (V().f(u8(0x01), "RopId = 0x01 (RopRelease)").f(u8(0), "LogonId = 0")
            .f(u8(h), f"InputHandleIndex = {h}"))


def hostile():
    src = "hostile input, built from [MS-OXCROPS] 2.2.1 and 2.2.2"
    v = buffer([V().f(u8(0x00), "RopId = 0x00 (Reserved)").f(u8(0), "LogonId")
                .f(u8(0), "InputHandleIndex")], [0x10])
    write("hostile", "oxcrops-reserved-ropid", "rop-request-buffer", src, v,
          "A request with RopId 0x00, which [MS-OXCROPS] 2.2.2 reserves.",
          expect_error="unknown-id")
    v = buffer([release(3)], [0x10])
    write("hostile", "oxcrops-handle-index-past-table", "rop-request-buffer", src, v,
          "RopRelease of InputHandleIndex 3 with a one-entry Server object handle table.",
          expect_error="invalid-value")
    v = V().f(u16(1), "RopSize = 1 (less than its own 2 bytes)")
    write("hostile", "oxcrops-ropsize-1", "rop-request-buffer", src, v,
          "RopSize counts itself, so it is at least 2.", expect_error="invalid-value")
    v = V().f(u16(0x4000), "RopSize = 0x4000, far past the input").f(u8(0x01), "RopId = 0x01")
    write("hostile", "oxcrops-ropsize-past-input", "rop-request-buffer", src, v,
          "RopSize claims more bytes than the buffer has.", expect_error="truncated")
    v = buffer([release(0)], [0x10])
    v.f(bytes([0xAA, 0xBB]), "two bytes of a handle that never completes")
    write("hostile", "oxcrops-partial-handle", "rop-request-buffer", src, v,
          "A Server object handle table that ends inside a 4-byte handle.",
          expect_error="trailing-bytes")
    v = buffer([V().f(u8(0xFF), "RopId = 0xFF (RopBufferTooSmall, sent only by servers)")
                .f(u16(0x100), "SizeNeeded")], [0x10])
    write("hostile", "oxcrops-server-rop-in-request", "rop-request-buffer", src, v,
          "A ROP only servers send, in a request buffer.", expect_error="invalid-value")


if __name__ == "__main__":
    main()
