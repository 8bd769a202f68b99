#!/usr/bin/env bash
# Instruction-count gate: counts with callgrind the instructions of one decode or encode of each
# corpus message (benches/examples/profile.rs, a release build), and fails when one is more than
# TOLERANCE percent above its ceiling in benches/icount-ceilings.txt. Instruction counts, unlike
# wall time, do not depend on what else the machine is doing: the same binary and input give the
# same count. Run from anywhere:
#
#   benches/icount.sh           # check against the ceilings
#   benches/icount.sh --record  # print the counts as a new ceilings file
#
# A change that makes a figure better should lower its ceiling (run --record and commit the file
# when the figures are settled); one that makes it worse fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
TOLERANCE=${TOLERANCE:-3}
ceilings=benches/icount-ceilings.txt
record=0
[ "${1:-}" = "--record" ] && record=1

if ! command -v valgrind >/dev/null 2>&1; then
  echo "icount: valgrind is not installed" >&2
  exit 2
fi
cargo build -q --release --locked -p benches --example profile
bin=target/release/examples/profile

# Instructions of `profile MODE N` minus those of `profile MODE 0` (the setup), per operation.
count() {
  local mode=$1 n=$2 a b
  a=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$mode" "$n" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  b=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$mode" 0 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  echo $(((a - b) / n))
}

# mode and iterations: enough that one-off costs (the heap growing on the first call) vanish
# in the per-operation figure.
modes="rop-mix:2000 rop-mix-encode:2000 query-rows:100 query-rows-encode:100 query-rows-encode-built:100 nspi-rows:100
nspi-rows-encode:100 nspi-rows-encode-built:100 lz77-compress:100 lz77-decompress:100"

failed=0
if [ $record = 1 ]; then
  echo "# mode  instructions per operation (benches/icount.sh --record; rustc $(rustc -V | cut -d' ' -f2))"
fi
for m in $modes; do
  mode=${m%%:*}
  n=${m##*:}
  got=$(count "$mode" "$n")
  if [ $record = 1 ]; then
    echo "$mode $got"
    continue
  fi
  ceiling=$(awk -v m="$mode" '$1 == m { print $2 }' "$ceilings")
  if [ -z "$ceiling" ]; then
    echo "icount: $mode has no ceiling in $ceilings" >&2
    failed=1
    continue
  fi
  limit=$((ceiling + ceiling * TOLERANCE / 100))
  pct=$(awk -v g="$got" -v c="$ceiling" 'BEGIN { printf "%+.1f", (g - c) * 100 / c }')
  if [ "$got" -gt "$limit" ]; then
    echo "FAIL $mode: $got instructions, ceiling $ceiling ($pct%, tolerance $TOLERANCE%)"
    failed=1
  else
    echo "ok   $mode: $got instructions, ceiling $ceiling ($pct%)"
  fi
done
exit $failed
