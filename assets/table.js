/* The incidents table pages from the server (AG Grid's infinite row model). AG Grid's code is
   fetched when the table comes near the screen (or its search box gets focus), not with the
   page: the grid, drawn by the server in the page's language, waits in a store until then.
   When the filters
   or the search change, the grid drops the pages it holds and asks again (beTable.refresh). A page
   request the server never answered (a failed request: view-guard.js calls beTable.failed) is
   given up, so the grid's loader is free to ask again instead of waiting for it forever. */
(function () {
  "use strict";
  var pending = null, purging = false, compared = false;
  var SLICE = "slice";  // compare mode's column (components/dashboard/grid.py)
  window.beTable = {
    // A new filter state or search: drop the pages held and ask again, once the views of the
    // change are painted (the grid's purge and its page request took ~10 ms of the change's own
    // frame). Calls before then make one purge.
    // comparing: the state has a slice B (its rows say which slice they are in: the column shows)
    refresh: function (comparing) {
      compared = !!comparing;
      if (purging) { return; }
      purging = true;
      requestAnimationFrame(function () {  // runs just before that paint: the purge after it
        setTimeout(function () {
          purging = false;
          var grid = window.dash_ag_grid;
          if (grid && grid.getApiAsync) {
            grid.getApiAsync("table-incidents").then(function (api) {
              api.setColumnsVisible([SLICE], compared);
              api.purgeInfiniteCache();
            });
          }
        }, 0);
      });
    },
    failed: function () {
      var request = pending;
      pending = null;
      if (request && typeof request.failCallback === "function") { request.failCallback(); }
    }
  };
  var loading = null;
  function loadGrid() {  // dash_ag_grid's bundle, from beside Mantine's (same path prefix)
    if (window.dash_ag_grid) { return Promise.resolve(); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var mantine = document.querySelector('script[src*="/_dash-component-suites/dash_mantine_components/"]');
        var script = document.createElement("script");
        script.src = (mantine ? mantine.src.replace(/dash_mantine_components\/.*$/, "")
          : "/_dash-component-suites/") + "dash_ag_grid/dash_ag_grid.min.js";
        script.onload = resolve;
        script.onerror = function () { loading = null; reject(new Error("AG Grid did not load")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function want() {
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("table-wanted", {data: true});
    }
  }
  function watch(slot) {  // the table near the screen (or its search focused): mount the grid
    var search = document.getElementById("table-search");
    if (search) { search.addEventListener("focus", want, {once: true}); }
    if (!("IntersectionObserver" in window)) { want(); return; }
    // watched once the charts above it have their height (before, it is always on screen)
    var drawn = function () { return document.querySelector("#chart-map .main-svg, #chart-map .choro-place"); };
    var start = function () {
      if (!drawn()) { setTimeout(start, 100); return; }
      var seen = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); want(); }
      }, {rootMargin: "300px 0px"});
      seen.observe(slot);
    };
    start();
  }
  function findSlot() {
    var slot = document.getElementById("table-slot");
    if (slot) { watch(slot); return true; }
    return false;
  }
  if (!findSlot()) {
    var found = new MutationObserver(function () { if (findSlot()) { found.disconnect(); } });
    found.observe(document.documentElement, {childList: true, subtree: true});
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.table = {
    mount: function (wanted, grid, filterState) {
      if (!wanted || !grid) { return window.dash_clientside.no_update; }
      var spec = grid.grid;  // components/dashboard/layout.py waiting(): the grid as data until now
      compared = !!(window.beCompare && window.beCompare.slices(filterState));
      var props = Object.assign({}, spec.props, {columnDefs: spec.props.columnDefs.map(function (c) {
        return c.field === SLICE ? Object.assign({}, c, {hide: !compared}) : c;
      })});
      return loadGrid().then(function () {
        return {type: spec.kind, namespace: spec.library, props: props};
      }, function () {
        return {type: "P", namespace: "dash_html_components",
                props: {children: grid.failed, className: "table-wait", role: "alert"}};
      });
    },
    remember: function (request) {  // the page request on its way to the server
      pending = request || null;
      return window.dash_clientside.no_update;
    }
  };
})();
