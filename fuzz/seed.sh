#!/usr/bin/env bash
# Builds fuzz/corpus/<target>/ from the golden vectors (the context byte each target expects,
# then the vector's bytes). The corpus is not committed.
set -euo pipefail
cd "$(dirname "$0")"
python3 - <<'PY'
import glob, os, re, tomllib
def put(target, name, data):
    os.makedirs(f"corpus/{target}", exist_ok=True)
    with open(f"corpus/{target}/{name}", "wb") as fh:
        fh.write(data)
EMSMDB = ["connect-request", "connect-response", "execute-request", "execute-response",
          "disconnect-request", "disconnect-response", "notification-wait-request",
          "notification-wait-response", "ping-request", "ping-response"]
# Kinds whose target takes one choice byte (the context) before the vector's bytes.
PREFIXED = {
    "restriction": ("restriction", b"\x00"),
    "restriction-4": ("restriction", b"\x01"),
    "rule-action": ("rule_actions", b"\x00"),
    "rule-action-extended": ("rule_actions", b"\x01"),
    "typed-property-value": ("typed_property_value", b"\x00"),
    "tagged-property-value": ("typed_property_value", b"\x02"),
    "lz77-decompress": ("lz77_decompress", b"\xff\xff"),
}
# Kinds whose target takes the vector's bytes as they are.
AS_IS = {
    "rpc-ext": "rpc_ext",
    "aux-buffer": "rpc_ext",
    "aux-blocks": "aux_blocks",
    "rop-request-buffer": "rop_request_buffer",
    "lz77-compress": "lz77_roundtrip",
}
src = open("../inspect/src/lib.rs").read()
KINDS = re.findall(r'"([a-z0-9-]+)"', src.split("pub const KINDS", 1)[1].split("];", 1)[0])
for path in glob.glob("../inspect/samples/sample.*"):
    with open(path, "rb") as fh:
        put("session", os.path.basename(path), fh.read())
for path in glob.glob("../testdata/**/*.toml", recursive=True) + glob.glob("../inspect/samples/*.toml"):
    with open(path, "rb") as fh:
        v = tomllib.load(fh)
    if "hex" not in v:
        continue
    data = bytes.fromhex(re.sub(r"\s", "", v["hex"]))
    name = os.path.basename(path)[:-5]
    kind = v["kind"]
    if kind in KINDS:
        # inspect_kind: the kind's index, the options byte, columns, request, splits, input.
        cols = [int(c, 16) for c in v.get("columns", [])][:15]
        splits = [s for s in v.get("splits", []) if s <= 0xFFFF][:7]
        req = bytes.fromhex(re.sub(r"\s", "", v["request_hex"])) if "request_hex" in v else None
        if req is None or len(req) <= 0xFFFF:
            flags = len(cols) | (0x10 if req is not None else 0) | (len(splits) << 5)
            head = bytes([KINDS.index(kind), flags])
            head += b"".join(c.to_bytes(4, "little") for c in cols)
            if req is not None:
                head += len(req).to_bytes(2, "little") + req
            head += b"".join(s.to_bytes(2, "little") for s in splits)
            put("inspect_kind", name, head + data)
    if kind in PREFIXED:
        target, first = PREFIXED[kind]
        put(target, name, first + data)
    elif kind in AS_IS:
        put(AS_IS[kind], name, data)
    elif kind in ("property-row", "property-row-set"):
        cols = [int(c, 16) for c in v.get("columns", [])][:15]
        first = (len(cols) << 2) | (2 if kind == "property-row-set" else 0)
        tags = b"".join(c.to_bytes(4, "little") for c in cols)
        put("property_row", name, bytes([first]) + tags + data)
    elif kind == "rop-response-buffer" and "request_hex" in v:
        req = bytes.fromhex(re.sub(r"\s", "", v["request_hex"]))
        put("rop_response_buffer", name, len(req).to_bytes(2, "little") + req + data)
    elif kind == "ftstream":
        # ftstream: first byte = the number of cut bytes that follow (0: the stream whole).
        put("ftstream", name, b"\x00" + data)
        put("ftstream", name + "-cut", b"\x03\x20\x80\xe0" + data)
    elif kind.startswith("nspi-"):
        # nspi_body: byte k = 2 * (index of the request type) + (1 for a response).
        names = ["bind", "unbind", "compare-mids", "dn-to-mid", "get-matches", "get-prop-list",
                 "get-props", "get-special-table", "get-template-info", "mod-link-att", "mod-props",
                 "query-columns", "query-rows", "resolve-names", "resort-restriction",
                 "seek-entries", "update-stat", "get-mailbox-url", "get-address-book-url"]
        rest = kind[len("nspi-"):]
        resp = rest.endswith("-response")
        base = rest.rsplit("-", 1)[0]
        put("nspi_body", name, bytes([2 * names.index(base) + int(resp)]) + data)
    elif kind in ("idset-replid", "idset-replguid", "globset", "pcl"):
        form = ["idset-replid", "idset-replguid", "globset", "pcl"].index(kind)
        put("idset", name, bytes([form]) + data)
    elif kind in EMSMDB:
        put("emsmdb_body", name, bytes([EMSMDB.index(kind)]) + data)
    elif kind == "http-response" and b"\r\n\r\n" in data:
        # The inner stream of a Content-Length response (first byte 0x00), or the chunked
        # body of a chunked one (0x80: the target's chunked mode).
        head, body = data.split(b"\r\n\r\n", 1)
        chunked = b"transfer-encoding: chunked" in head.lower()
        put("http_response_stream", name, (b"\x80" if chunked else b"\x00") + body)
PY
echo "corpus ready: $(ls corpus | tr '\n' ' ')"
