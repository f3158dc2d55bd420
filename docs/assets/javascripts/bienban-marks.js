// bienban: with search.highlight, Material marks on the page opened from a result the
// words of that result (bienban-search.js gives it those of the result's title), but
// anywhere in a word: "Hà" in "thành", "hà" in "nhà".  Vietnamese syllables are short,
// and a page came out yellow all over.  A mark that starts or ends inside a word is
// taken off again: whole words stay marked.  Same-origin, no dependency.
(function () {
  if (!/[?&]h=/.test(location.search)) return;
  var content = document.querySelector(".md-content");
  if (!content) return;
  var LETTER = /[\p{L}\p{N}\p{M}]/u;

  function edge(node, last) {
    if (!node || node.nodeType !== Node.TEXT_NODE) return "";
    return last ? node.data.slice(-1) : node.data.charAt(0);
  }

  function clean() {
    content.querySelectorAll("mark[data-md-highlight]").forEach(function (mark) {
      if (LETTER.test(edge(mark.previousSibling, true)) || LETTER.test(edge(mark.nextSibling, false))) {
        mark.replaceWith(document.createTextNode(mark.textContent));
      }
    });
  }

  // Material marks once it has read the search configuration: watch for its marks.
  clean();
  new MutationObserver(clean).observe(content, { childList: true, subtree: true });
})();
