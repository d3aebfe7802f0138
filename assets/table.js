/* The incidents table pages from the server (AG Grid's infinite row model): when the filters,
   the search or the language change, the grid drops the pages it holds and asks again. A page
   request the server never answered (a failed request: view-guard.js calls beTable.failed) is
   given up, so the grid's loader is free to ask again instead of waiting for it forever. */
(function () {
  "use strict";
  var pending = null;
  window.beTable = {
    failed: function () {
      var request = pending;
      pending = null;
      if (request && typeof request.failCallback === "function") { request.failCallback(); }
    }
  };
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.table = {
    remember: function (request) {  // the page request on its way to the server
      pending = request || null;
      return window.dash_clientside.no_update;
    },
    refresh: function () {
      var grid = window.dash_ag_grid;
      if (grid && grid.getApiAsync) {
        grid.getApiAsync("table-incidents").then(function (api) {
          api.purgeInfiniteCache();
        });
      }
      return window.dash_clientside.no_update;
    }
  };
})();
