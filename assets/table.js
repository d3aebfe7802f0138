/* The incidents table pages from the server (AG Grid's infinite row model): when the filters,
   the search or the language change, the grid drops the pages it holds and asks again. */
(function () {
  "use strict";
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.table = {
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
