#!/usr/bin/env bash
# Renders the HTML report of the bundled sample session in headless Chromium and checks that
# the page shows every call (one section per call of `mapi-inspect session`, one table row
# each) and that its script ran (loading with #call-2 opens that call). With `--shot DIR`,
# also writes the screenshot the README shows (DIR/report.png: call 2 opened, its RopLogon
# selected and its bytes marked in the decoded payload).
#
# usage: inspect/tests/chromium.sh [--shot inspect/docs]   (from the workspace root)
set -euo pipefail
cd "$(dirname "$0")/../.."
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "no $chromium: skipped"; exit 0; }
shot=""
if [ "${1:-}" = "--shot" ]; then shot=${2:?--shot DIR}; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build -q --locked -p mapi-inspect --bin mapi-inspect
bin=target/debug/mapi-inspect
sample=inspect/samples/sample.http
"$bin" session "$sample" --format html >"$tmp/report.html"
want=$("$bin" session "$sample" | grep -c '^=== call ')

browse() { # URL, then chromium's own options
  local url=$1
  shift
  "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/profile" \
    --virtual-time-budget=2000 "$@" "$url" 2>"$tmp/chromium.log"
}

browse "file://$tmp/report.html#call-2" --dump-dom >"$tmp/dom.html"
sections=$(grep -o '<section class="call[^"]*" id="call-[0-9]*"' "$tmp/dom.html" | wc -l)
rows=$(grep -o '<tr[^>]*><td><a href="#call-[0-9]*">' "$tmp/dom.html" | wc -l)
for n in $(seq 1 "$want"); do
  grep -q "id=\"call-$n\"" "$tmp/dom.html" || { echo "call $n missing from the page"; exit 1; }
done
[ "$sections" -eq "$want" ] || { echo "$sections sections, want $want"; exit 1; }
[ "$rows" -eq "$want" ] || { echo "$rows table rows, want $want"; exit 1; }
# The script ran: the call named by the fragment is open, and its hex drawn.
grep -q '<section class="call" id="call-2"><details open=""' "$tmp/dom.html" ||
  { echo "the report's script did not open #call-2"; exit 1; }
grep -q '<pre data-v="q0" data-x="[^"]*">00000000  ' "$tmp/dom.html" ||
  { echo "the report's script did not draw the hex of #call-2"; exit 1; }

browse "file://$tmp/report.html" --window-size=1200,800 --screenshot="$tmp/top.png" >/dev/null
[ -s "$tmp/top.png" ] || { echo "no screenshot"; exit 1; }
echo "chromium: $want calls shown, $sections sections, $rows rows"

if [ -n "$shot" ]; then
  # Call 2 alone, opened, its first RopLogon field selected (as a click selects it).
  cp "$tmp/report.html" "$tmp/call.html"
  cat >>"$tmp/call.html" <<'JS'
<style>h1,.lead,#calls,section.call:not(#call-2),#summary{display:none}</style>
<script>
var s = document.getElementById("call-2");
// Opened as a click on its link in the table opens it (which builds its trees).
document.querySelector('a[href="#call-2"]').click();
// The RopLogon request: a click on its name selects it (and marks its bytes).
var k = s.querySelectorAll('summary[data-b^="q1"] i');
for (var i = 0; i < k.length; i++) {
  if (k[i].parentNode.textContent.indexOf("RopLogon") > 0) { k[i].click(); break; }
}
</script>
JS
  browse "file://$tmp/call.html" --window-size=1200,800 --screenshot="$shot/report.png" >/dev/null
  ls -l "$shot/report.png"
fi
