// bienban: Material puts each search result's kind ("Văn bản", "Hội nghị") in a <nav>:
// twenty navigation landmarks, none named, for what are labels.  A screen reader lists
// them among the page's landmarks; here they are plain groups again.  Same-origin, no
// dependency.
(function () {
  "use strict";
  var list = document.querySelector(".md-search-result__list");
  if (!list || !window.MutationObserver) return;
  new MutationObserver(function () {
    list.querySelectorAll("nav.md-tags:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }).observe(list, { childList: true, subtree: true });
})();
