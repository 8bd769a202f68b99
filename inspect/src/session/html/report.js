(function () {
  "use strict";
  // The bytes of a hex view, read back from its lines: offset, two spaces, 16 bytes.
  function bytesOf(pre) {
    if (!pre._bytes) {
      var out = [], lines = pre.textContent.split("\n");
      for (var i = 0; i < lines.length; i++) {
        var hex = lines[i].substr(10, 48).trim();
        if (hex) { out.push.apply(out, hex.split(" ")); }
      }
      pre._bytes = out;
    }
    return pre._bytes;
  }
  function esc(c) {
    return c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c;
  }
  // Redraws a hex view with bytes [start, end) marked.
  function draw(pre, start, end) {
    var b = bytesOf(pre), html = [];
    for (var at = 0; at < b.length; at += 16) {
      var hex = "", asc = "", n = Math.min(16, b.length - at);
      for (var j = 0; j < 16; j++) {
        var i = at + j, on = i >= start && i < end;
        if (j >= n) { hex += "   "; continue; }
        var v = parseInt(b[i], 16);
        var ch = v >= 0x20 && v < 0x7f ? esc(String.fromCharCode(v)) : ".";
        hex += (on ? "<mark>" + b[i] + "</mark>" : b[i]) + " ";
        asc += on ? "<mark>" + ch + "</mark>" : ch;
      }
      html.push(("0000000" + at.toString(16)).slice(-8) + "  " + hex + " " + asc);
    }
    pre.innerHTML = html.join("\n") + "\n";
  }
  var sel = null, marked = null;
  function select(el) {
    var m = /^([qr]\d+):(\d+):(\d+)$/.exec(el.getAttribute("data-b"));
    var call = el.closest("section.call");
    if (!m || !call) { return; }
    var pre = call.querySelector('pre[data-v="' + m[1] + '"]');
    if (!pre) { return; }
    if (sel) { sel.classList.remove("sel"); }
    if (marked && marked !== pre) { draw(marked, 0, 0); }
    sel = el; marked = pre;
    el.classList.add("sel");
    var start = +m[2], end = start + +m[3];
    draw(pre, start, end);
    var first = pre.querySelector("mark");
    if (first) {
      var top = first.offsetTop - pre.offsetTop;
      if (top < pre.scrollTop || top > pre.scrollTop + pre.clientHeight - 20) {
        pre.scrollTop = Math.max(0, top - 40);
      }
    }
  }
  // One listener for every node: a click on a node with bytes marks them.
  document.addEventListener("click", function (e) {
    var t = e.target;
    var a = t.closest && t.closest('a[href^="#call-"]');
    if (a) {
      var s = document.getElementById(a.getAttribute("href").slice(1));
      var d = s && s.querySelector("details");
      if (d) { d.open = true; }
      return;
    }
    var el = t.closest && t.closest("[data-b]");
    if (el) {
      // A click on the name of an inner node selects it without folding it (the marker and
      // the rest of the line still fold).
      if (el.tagName === "SUMMARY" && t.closest(".k")) { e.preventDefault(); }
      select(el);
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && e.target.hasAttribute && e.target.hasAttribute("data-b")) {
      select(e.target);
    }
  });
  function openTarget() {
    var s = location.hash && document.getElementById(location.hash.slice(1));
    var d = s && s.querySelector("details");
    if (d) { d.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
