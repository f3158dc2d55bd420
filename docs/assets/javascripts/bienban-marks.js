// bienban: with search.highlight, Material marks on the page opened from a result the
// words of that result (bienban-search.js gives it those of the result's title), but
// anywhere in a word: "Hà" in "thành", "hà" in "nhà".  Vietnamese syllables are short,
// and a page came out yellow all over.  A mark that starts or ends inside a word is
// taken off again: whole words stay marked.  And a title of several words is marked
// where the page writes them together ("Dân vận khéo", "Nguyễn Văn Hùng"), not each
// syllable wherever it stands: "vận" of every "công tác dân vận", "Văn" of "văn bản".
// Same-origin, no dependency.
(function () {
  if (!/[?&]h=/.test(location.search)) return;
  var content = document.querySelector(".md-content");
  if (!content) return;
  var LETTER = /[\p{L}\p{N}\p{M}]/u;

  function edge(node, last) {
    if (!node || node.nodeType !== Node.TEXT_NODE) return "";
    return last ? node.data.slice(-1) : node.data.charAt(0);
  }

  function unmark(mark) {
    mark.replaceWith(document.createTextNode(mark.textContent));
  }

  // The words given, as Material got them ("h=Dân+vận+khéo").
  var words = {};
  (new URLSearchParams(location.search).get("h") || "").split(/\s+/).forEach(function (word) {
    if (word) words[word.toLocaleLowerCase("vi")] = true;
  });
  var wordCount = Object.keys(words).length;

  // Whether ``next`` follows ``mark`` with only spaces between them.
  function together(mark, next) {
    var between = "";
    for (var node = mark.nextSibling; node !== next; node = node.nextSibling) {
      if (!node || node.nodeType !== Node.TEXT_NODE) return false;
      between += node.data;
    }
    return /^\s+$/.test(between);
  }

  // Marks in runs of words written together; a run that holds every word given stays
  // marked, the others go, unless no run holds them all (then every mark stays).
  function phrases() {
    if (wordCount < 2) return;
    var runs = [];
    content.querySelectorAll("mark[data-md-highlight]").forEach(function (mark) {
      var run = runs[runs.length - 1];
      if (run && together(run[run.length - 1], mark)) run.push(mark);
      else runs.push([mark]);
    });
    var whole = runs.map(function (run) {
      var found = {};
      run.forEach(function (mark) {  // Material marks words that stand together as one
        mark.textContent.toLocaleLowerCase("vi").split(/\s+/).forEach(function (word) { found[word] = true; });
      });
      return Object.keys(words).every(function (word) { return found[word]; });
    });
    if (whole.indexOf(true) < 0) return;
    runs.forEach(function (run, i) {
      if (!whole[i]) run.forEach(unmark);
    });
  }

  function clean() {
    content.querySelectorAll("mark[data-md-highlight]").forEach(function (mark) {
      if (LETTER.test(edge(mark.previousSibling, true)) || LETTER.test(edge(mark.nextSibling, false))) unmark(mark);
    });
    phrases();
  }

  // Material marks once it has read the search configuration: watch for its marks.
  clean();
  new MutationObserver(clean).observe(content, { childList: true, subtree: true });
})();
