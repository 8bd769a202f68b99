#!/usr/bin/env bash
# The fuzz campaign: every target (or those named) for SECONDS each (default 1200), JOBS at a
# time (default 2), with the limits of the hardening issue; then a table of each target's final
# line (runs, cov, corpus, exec/s) and any crash, timeout or out-of-memory input.
#   ./campaign.sh                      # all targets, 20 minutes each, two at a time
#   SECONDS_EACH=60 JOBS=2 ./campaign.sh restriction rt_bodies
set -euo pipefail
cd "$(dirname "$0")"
each=${SECONDS_EACH:-1200}
jobs=${JOBS:-2}
out=${OUT:-campaign-out}
cargo +nightly fuzz build -s none
./seed.sh >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
mkdir -p "$out/logs" "$out/artifacts" "$out/bin"
for t in "${targets[@]}"; do
  cp "target/x86_64-unknown-linux-gnu/release/$t" "$out/bin/"
done
run_one() {
  t=$1
  mkdir -p "corpus/$t" "$out/artifacts/$t"
  "$out/bin/$t" "corpus/$t" -max_total_time="$each" -rss_limit_mb=512 -timeout=2 \
    -artifact_prefix="$out/artifacts/$t/" -print_final_stats=1 >"$out/logs/$t.log" 2>&1 || true
}
export -f run_one
export each out
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}'
printf '%-22s %s\n' target "final line"
for t in "${targets[@]}"; do
  line=$(grep -E "DONE|ERROR|SUMMARY" "$out/logs/$t.log" | tail -n 1)
  printf '%-22s %s\n' "$t" "$line"
  ls "$out/artifacts/$t" 2>/dev/null | sed 's/^/    finding: /'
done
