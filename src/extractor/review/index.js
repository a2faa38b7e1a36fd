// Sort and filter the index without a server. State lives in the URL hash (#sort=year&dir=desc&q=text&status=fail)
// so a link or a reload shows the same view; times of the last sort and filter go to <body data-sort-ms data-filter-ms>,
// and the time from navigation to a sorted, filtered view to data-ready-ms.
(function () {
  var table = document.getElementById("reports"), body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var rows = Array.prototype.slice.call(body.rows).map(function (tr, i) {
    var cells = tr.cells, keys = [];
    for (var c = 0; c < cells.length; c++) {
      var v = cells[c].getAttribute("data-sort");
      keys.push(heads[c].getAttribute("data-type") === "number" ? (v === "" ? -Infinity : +v) : v);
    }
    return {tr: tr, keys: keys, text: tr.textContent.toLowerCase(), status: tr.getAttribute("data-status"), i: i};
  });
  var touched = false, q = document.getElementById("q"), status = document.getElementById("status"), count = document.getElementById("count");
  function state() {
    var s = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (p) {
      var kv = p.split("="); if (kv[0]) s[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || "");
    });
    return s;
  }
  function apply() {
    var s = state(), t0 = performance.now();
    var col = heads.findIndex(function (h) { return h.getAttribute("data-key") === s.sort; }), dir = s.dir === "desc" ? -1 : 1;
    var ordered = rows.slice();
    if (col >= 0) ordered.sort(function (a, b) {
      var x = a.keys[col], y = b.keys[col];
      return (x < y ? -dir : x > y ? dir : 0) || a.i - b.i;
    });
    heads.forEach(function (h, i) { h.setAttribute("aria-sort", i === col ? (dir < 0 ? "descending" : "ascending") : "none"); });
    var t1 = performance.now(), needle = (s.q || "").toLowerCase(), want = s.status || "", shown = 0;
    q.value = s.q || ""; status.value = want;
    if (col >= 0 || needle || want || touched) {  // the page as written is already the unsorted, unfiltered view
      touched = true;
      var frag = document.createDocumentFragment();
      ordered.forEach(function (r) {
        var show = (!needle || r.text.indexOf(needle) >= 0) && (!want || r.status === want);
        r.tr.hidden = !show; shown += show; frag.appendChild(r.tr);
      });
      body.appendChild(frag);
    } else shown = rows.length;
    count.textContent = "显示 " + shown + " / " + rows.length + " 份报告";
    document.body.setAttribute("data-sort-ms", (t1 - t0).toFixed(1));
    document.body.setAttribute("data-filter-ms", (performance.now() - t1).toFixed(1));
    document.body.setAttribute("data-ready", "1");
    document.body.setAttribute("data-ready-ms", performance.now().toFixed(0));  // since navigation started
  }
  function set(key, value) {
    var s = state(); s[key] = value;
    location.hash = Object.keys(s).filter(function (k) { return s[k] !== ""; })
      .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(s[k]); }).join("&");
  }
  heads.forEach(function (h) {
    h.querySelector("button").addEventListener("click", function () {
      var s = state(), key = h.getAttribute("data-key");
      set("dir", s.sort === key && s.dir !== "desc" ? "desc" : "asc"); set("sort", key);
    });
  });
  var timer;
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { set("q", q.value); }, 150); });
  status.addEventListener("change", function () { set("status", status.value); });
  window.addEventListener("hashchange", apply);
  apply();
})();
