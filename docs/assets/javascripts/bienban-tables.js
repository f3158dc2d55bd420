// bienban: on a narrow screen the site's CSS shows each table row as a card;
// this labels every cell with its column's header (data-label) so a card reads
// "Địa phương / Quảng Ninh".  Same-origin, no dependency; tables read without it.
(function () {
  document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, column) {
        if (names[column]) cell.setAttribute("data-label", names[column]);
      });
    });
  });
})();
