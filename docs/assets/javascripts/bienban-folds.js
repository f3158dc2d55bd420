// bienban: a long list is shown in blocks of years (templates/folds.md.j2), each a
// <details> the reader opens.  Here every block gets an address of its own, made of the
// heading above it and its years ("…/#dai-bieu-cua-co-quan-nam-2018"), shown in the
// address bar when the reader opens it; a link to it opens it.  And the blocks the
// reader opened or closed stay so when they come back to the page (the back button, a
// reload), instead of showing as the page first came: a reader who opened 2015, read a
// meeting and came back finds 2015 open.
// Same-origin, no dependency; without script the blocks work as before.
(function () {
  var content = document.querySelector(".md-content");
  if (!content) return;
  var blocks = [];
  var heading = "";
  var taken = {};
  content.querySelectorAll("h2[id], h3[id], details.bienban-year").forEach(function (node) {
    if (node.tagName !== "DETAILS") {
      heading = node.id;
      return;
    }
    if (!node.id) {
      var summary = node.querySelector("summary");
      var years = summary ? summary.textContent.match(/(\d{4})(?:\s*[–-]\s*(\d{4}))?/) : null;
      var id = (heading ? heading + "-" : "") + "nam" + (years ? "-" + years[1] + (years[2] ? "-" + years[2] : "") : "");
      var unique = id;
      for (var n = 2; taken[unique] || document.getElementById(unique); n++) unique = id + "-" + n;
      taken[unique] = true;
      node.id = unique;
    }
    blocks.push(node);
  });
  if (!blocks.length) return;

  var KEY = "bienban-folds:" + location.pathname;
  function saved() {
    try {
      return JSON.parse(sessionStorage.getItem(KEY) || "{}") || {};
    } catch (e) {
      return {};  // storage refused (a private window) or spoiled: the page as it came
    }
  }

  // Back to the page, or reloaded: the blocks as the reader left them.  A fresh visit
  // (a link followed) shows the page as it comes.
  var visit = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  var state = visit && (visit.type === "back_forward" || visit.type === "reload") ? saved() : {};
  var asCame = {};  // each block as the page gives it: only the reader's changes are kept
  blocks.forEach(function (block) { asCame[block.id] = block.open; });
  blocks.forEach(function (block) {
    if (Object.prototype.hasOwnProperty.call(state, block.id)) block.open = !!state[block.id];
  });
  try {
    if (!visit || visit.type === "navigate") sessionStorage.removeItem(KEY);
  } catch (e) { /* no storage: nothing to forget */ }

  function save() {
    var now = {};
    blocks.forEach(function (block) {
      if (block.open !== asCame[block.id]) now[block.id] = block.open;
    });
    try {
      sessionStorage.setItem(KEY, JSON.stringify(now));
    } catch (e) { /* no storage: the blocks are not remembered */ }
  }
  // On each change, and on leaving: a block toggled just before a reload or a link has
  // its toggle event still to come, and the page would be left without it.
  window.addEventListener("pagehide", save);
  blocks.forEach(function (block) {
    block.addEventListener("toggle", save);
    // The reader opens a block: the address bar shows its address, to copy and send
    // (replaced, not a new step of the history: the back button leaves the page).
    var summary = block.querySelector("summary");
    if (summary && history.replaceState) {
      summary.addEventListener("click", function () {
        var opening = !block.open;
        if (opening) {
          history.replaceState(history.state, "", "#" + block.id);
        } else if (location.hash === "#" + block.id) {
          history.replaceState(history.state, "", location.pathname + location.search);
        }
      });
    }
  });

  // A link to a block, or to anything inside one, opens it.  The browser scrolled to
  // the address before this script gave the block its id, or while it was closed.
  function reveal() {
    var target;
    try {
      target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    } catch (e) {
      target = null;  // a malformed address
    }
    if (!target || !content.contains(target)) return;
    var folded = target.tagName === "DETAILS" && target.classList.contains("bienban-year");
    for (var node = target; node && node !== content; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) {
        node.open = true;
        folded = true;
      }
    }
    if (folded) target.scrollIntoView();
  }
  // Back or reloaded, the browser puts the reader where they were: not at the block.
  if (!visit || visit.type === "navigate") reveal();
  window.addEventListener("hashchange", reveal);
})();
