// bienban: on a narrow screen (a phone, or a page zoomed to 200 %) Material's menu button
// (☰) is a <label>, which the keyboard never reaches, while the links of the closed menu,
// moved off the screen, still take the focus.  Here a real button takes the label's place:
// Enter or Space opens and closes the menu, which it says is open or closed, and the
// menu's first link takes the focus; Escape closes the menu and gives the focus back.
// The closed menu's links leave the Tab order in bienban.css.  Same-origin, no dependency;
// without script the label works for a mouse or a finger as before.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var label = document.querySelector('label.md-header__button[for="__drawer"]');
  if (!toggle || !label) return;
  var menu = document.querySelector(".md-sidebar--primary");
  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " bienban-menu-button";
  button.setAttribute("aria-label", "Trình đơn");
  button.innerHTML = label.innerHTML;  // Material's own icon
  if (menu) {
    menu.id = menu.id || "bienban-menu";
    button.setAttribute("aria-controls", menu.id);
  }
  label.after(button);
  label.classList.add("bienban-menu-label");
  function shown() {
    button.setAttribute("aria-expanded", String(toggle.checked));
  }
  function set(open) {
    if (toggle.checked === open) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));  // Material locks the page's scrolling on it
    shown();
  }
  shown();
  toggle.addEventListener("change", shown);
  button.addEventListener("click", function (event) {
    set(!toggle.checked);
    // From the keyboard (a click with no pointer position), into the menu.
    if (toggle.checked && menu && event.detail === 0) {
      var first = menu.querySelector("a[href]");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !toggle.checked) return;
    set(false);
    button.focus();
  });
})();
