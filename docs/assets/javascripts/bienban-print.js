// A printed page says where it came from: the site's name, the page's address and
// the day it was printed, in a header shown only in print (bienban-views.css).
(function () {
  "use strict";
  function fill(header) {
    var site = document.querySelector(".md-header__topic .md-ellipsis");
    var today = new Date();
    header.textContent = "";
    var name = document.createElement("strong");
    name.textContent = site ? site.textContent.trim() : document.title;
    var address = document.createElement("span");
    address.textContent = window.location.href;
    var printed = document.createElement("span");
    printed.textContent = "In ngày " + today.getDate() + "/" + (today.getMonth() + 1) + "/" + today.getFullYear();
    header.append(name, address, printed);
  }
  function install() {
    var content = document.querySelector(".md-content");
    if (!content || document.querySelector(".bb-print-header")) return;
    var header = document.createElement("div");
    header.className = "bb-print-header";
    content.prepend(header);
    fill(header);
    window.addEventListener("beforeprint", function () { fill(header); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", install);
  } else {
    install();
  }
})();
