(function () {
  "use strict";
  // The bytes of a hex view, from its base64.
  function bytesOf(pre) {
    if (!pre._bytes) {
      var s = atob(pre.getAttribute("data-x") || ""), b = new Array(s.length);
      for (var i = 0; i < s.length; i++) { b[i] = s.charCodeAt(i); }
      pre._bytes = b;
    }
    return pre._bytes;
  }
  function hex2(v) { return (v < 16 ? "0" : "") + v.toString(16); }
  function esc(c) {
    return c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c;
  }
  // Draws a hex view (16 bytes a line: offset, bytes, ASCII) with bytes [start, end) marked.
  function draw(pre, start, end) {
    var b = bytesOf(pre), html = [];
    for (var at = 0; at < b.length; at += 16) {
      var hex = "", asc = "", n = Math.min(16, b.length - at);
      for (var j = 0; j < 16; j++) {
        var i = at + j, on = i >= start && i < end;
        if (j >= n) { hex += "   "; continue; }
        var v = b[i], h = hex2(v);
        var ch = v >= 0x20 && v < 0x7f ? esc(String.fromCharCode(v)) : ".";
        hex += (on ? "<mark>" + h + "</mark>" : h) + " ";
        asc += on ? "<mark>" + ch + "</mark>" : ch;
      }
      html.push(("0000000" + at.toString(16)).slice(-8) + "  " + hex + " " + asc);
    }
    pre.innerHTML = html.join("\n") + "\n";
    pre._drawn = true;
  }
  // A call's trees are built, and its hex views drawn, when it is first opened.
  function fill(details) {
    var data = details.querySelector('script[type="text/x-mapi-call"]');
    if (data) {
      var box = document.createElement("div");
      box.innerHTML = data.textContent;
      while (box.firstChild) { details.insertBefore(box.firstChild, data); }
      data.remove();
    }
    var pres = details.querySelectorAll("pre[data-x]");
    for (var i = 0; i < pres.length; i++) {
      if (!pres[i]._drawn) { draw(pres[i], 0, 0); }
    }
  }
  document.addEventListener("toggle", function (e) {
    var d = e.target;
    if (d.open && d.parentNode && d.parentNode.classList &&
        d.parentNode.classList.contains("call")) { fill(d); }
  }, true);
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
  function openCall(id) {
    var s = id && document.getElementById(id);
    var d = s && s.querySelector("details");
    if (d) { d.open = true; fill(d); }
  }
  // One listener for every node: a click on a node with bytes marks them.
  document.addEventListener("click", function (e) {
    var t = e.target;
    var a = t.closest && t.closest('a[href^="#call-"]');
    if (a) { openCall(a.getAttribute("href").slice(1)); return; }
    var el = t.closest && t.closest("[data-b]");
    if (el) {
      // A click on the name of an inner node selects it without folding it (the marker and
      // the rest of the line still fold).
      if (el.tagName === "SUMMARY" && t.closest("i")) { e.preventDefault(); }
      select(el);
    }
  });
  window.addEventListener("hashchange", function () { openCall(location.hash.slice(1)); });
  openCall(location.hash.slice(1));
})();
