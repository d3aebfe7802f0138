/* Small page behaviours, by event delegation (Dash draws the page after this runs):
   - the language links keep the current page and filters (only lang= changes);
   - "Skip to content" moves the focus to the views without changing the URL;
   - a Download menu's button opens with Enter or Space;
   - on small screens the filters are a drawer: the Filters button opens it, Escape or the
     button closes it, and the focus goes back to the button. */
(function () {
  "use strict";

  function withLang(lang) {
    var params = new URLSearchParams(window.location.search);
    params.set("lang", lang);
    return window.location.pathname + "?" + params.toString().replace(/%2C/g, ",");
  }

  function drawer() {
    return document.getElementById("filters-drawer");
  }

  function setDrawer(open) {
    var panel = drawer();
    var toggle = document.getElementById("filters-toggle");
    if (!panel || !toggle) {
      return;
    }
    panel.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      var first = panel.querySelector("input, button, [tabindex='0'], [role='slider']");
      if (first) {
        first.focus();
      }
    } else {
      toggle.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.lang-link");
    if (link) {
      event.preventDefault();
      window.location.assign(withLang(link.getAttribute("lang")));
      return;
    }
    var skip = event.target.closest && event.target.closest("a.skip-link");
    if (skip) {
      event.preventDefault();
      var content = document.getElementById("content");
      if (content) {
        content.focus();
        content.scrollIntoView();
      }
      return;
    }
    if (event.target.closest && event.target.closest("#filters-toggle")) {
      var panel = drawer();
      setDrawer(!(panel && panel.classList.contains("open")));
    }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.key === "Enter" || event.key === " ") && target.classList &&
        target.classList.contains("download-button")) {
      event.preventDefault();  // a Download menu's button: open it as a <button> would
      target.click();
      return;
    }
    var panel = drawer();
    if (event.key === "Escape" && panel && panel.classList.contains("open")) {
      // an open dropdown inside the drawer closes first (Mantine handles its own Escape)
      if (!document.querySelector("[data-combobox-dropdown], .mantine-Combobox-dropdown")) {
        setDrawer(false);
      }
    }
  });
})();
