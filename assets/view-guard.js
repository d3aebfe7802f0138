/* The layout request carries the page's language. And when a request for a view fails (server error, refused request, timeout, no server), Dash
   keeps the old output on screen. Say so: a banner, and the numbers greyed out, until every
   failed output has been drawn again. */
(function () {
  "use strict";
  var original = window.fetch.bind(window);
  var failed = new Set();

  function outputOf(init) {
    try {
      return JSON.parse(init && init.body).output || "?";
    } catch (err) {
      return "?";
    }
  }

  function mark(output, ok) {
    if (ok) {
      failed.delete(output);
    } else {
      failed.add(output);
    }
    if (document.body) {
      document.body.classList.toggle("views-stale", failed.size > 0);
    }
  }

  function tableFailed(output) {  // the grid gives up a page the server did not give
    if (output === "table-incidents.getRowsResponse" && window.beTable) { window.beTable.failed(); }
  }

  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    var lang = document.documentElement.getAttribute("lang");
    if (/_dash-layout$/.test(url) && typeof input === "string" && lang) {
      // the layout is built in the page's language (set on <html> by the server)
      return original(url + "?lang=" + encodeURIComponent(lang), init);
    }
    var instant = url.indexOf("/instant/") === 0 || url.indexOf("/instant/") > 0;
    if (url.indexOf("_dash-update-component") === -1 && !instant) {
      return original(input, init);
    }
    var output = instant ? "instant" : outputOf(init);
    return original(input, init).then(function (response) {
      mark(output, response.ok);
      if (!response.ok) { tableFailed(output); }
      return response;
    }, function (err) {
      mark(output, false);
      tableFailed(output);
      throw err;
    });
  };
})();
