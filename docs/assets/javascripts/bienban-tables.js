// bienban: on a narrow screen the site's CSS shows each table row as a card;
// this labels every cell with its column's header (data-label) so a card reads
// "Địa phương / Quảng Ninh".  Same-origin, no dependency; tables read without it.
(function () {
  var tables = document.querySelectorAll(".md-typeset table:not([class])");
  var groups = {};  // header texts → the tables of this page that have them, each under its heading

  // A table of counts (each row a name, then numbers: meetings by year and region): a
  // phone's card of it leaves out the zeros (data-zero; the CSS), "2017 · Đồng bằng
  // sông Cửu Long: 1 · Tổng: 1", not a line for each region with none.
  function markZeros(table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var values = rows.map(function (row) {
      return Array.prototype.slice.call(row.cells, 1);
    });
    var counts = rows.length > 0 && values.every(function (cells) {
      return cells.length >= 2 && cells.every(function (cell) { return /^\d+$/.test(cell.textContent.trim()); });
    });
    if (!counts) return;
    table.setAttribute("data-bb-counts", "");  // the CSS: narrow number columns
    // A last column of totals ("Tổng", "Cả năm") ends a phone's card on a line of its own.
    var heads = table.querySelectorAll("thead th");
    var last = heads.length ? heads[heads.length - 1].textContent.trim() : "";
    var totals = last === "Tổng" || last === "Cả năm";
    values.forEach(function (cells) {
      cells.forEach(function (cell) {
        if (cell.textContent.trim() === "0") cell.setAttribute("data-zero", "");
      });
      if (totals) cells[cells.length - 1].setAttribute("data-total", "");
    });
  }

  // A table right under its heading: one part of a list split by headings (the meetings
  // of each year), not a table among the paragraphs of a guide.
  function underHeading(table) {
    var block = table.closest(".md-typeset__scrollwrap") || table;
    var before = block.previousElementSibling;
    return before !== null && /^H[2-6]$/.test(before.tagName);
  }
  tables.forEach(function (table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, column) {
        if (names[column]) cell.setAttribute("data-label", names[column]);
      });
    });
    markZeros(table);
    var key = names.join("\u0000");
    if (names.length > 1 && underHeading(table)) (groups[key] = groups[key] || []).push(table);
  });

  // Tables of one kind on one page, each under its heading, share their column
  // widths, so that their columns line up: the widths the browser gives one table
  // holding all their rows, measured on a hidden copy (the CSS applies them on a
  // wide screen only; on a phone each row is a card).
  Object.keys(groups).forEach(function (key) {
    var group = groups[key];
    if (group.length < 2) return;
    group.forEach(function (table) { table.setAttribute("data-bb-aligned", ""); });
    var all = group[0].cloneNode(true);
    var body = all.querySelector("tbody");
    group.slice(1).forEach(function (table) {
      table.querySelectorAll("tbody tr").forEach(function (row) { body.appendChild(row.cloneNode(true)); });
    });
    // Material lets code break anywhere: measured so, "meeting_id" would get a column one
    // letter wide.  Measured whole, the column is as wide as its longest name.
    all.querySelectorAll("code").forEach(function (code) { code.style.wordBreak = "keep-all"; });
    all.setAttribute("aria-hidden", "true");
    all.style.position = "absolute";
    all.style.visibility = "hidden";
    all.style.width = group[0].getBoundingClientRect().width + "px";
    group[0].parentNode.appendChild(all);
    var widths = Array.prototype.map.call(all.querySelectorAll("thead th"), function (th) {
      return th.getBoundingClientRect().width;
    });
    all.remove();
    var total = widths.reduce(function (sum, width) { return sum + width; }, 0);
    if (!total) return;  // not laid out (a phone's cards hide the headers)
    group.forEach(function (table) {
      Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (th, column) {
        th.style.width = (100 * widths[column] / total).toFixed(2) + "%";
      });
      table.setAttribute("data-bb-aligned", "fixed");
    });
  });
})();
