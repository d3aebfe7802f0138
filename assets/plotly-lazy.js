/* plotly.js, loaded when a chart first needs it, not with the page: the main charts are drawn
   without it (bars.js, choro.js), so a first visit neither fetches nor parses its 1.5 MB
   unless a section opens, the map has no boundary file, or a view fails. The page names the
   bundle's URL (a <meta name="be-plotly">, set by app.py). window.bePlotly() -> a promise of
   Plotly, one load for every caller: dcc.Graph's own loader too, which waits on
   window.Plotly while it is that promise and else would add the bundle a second time. */
(function (root) {
  "use strict";
  var loading = null;
  function url() {
    var meta = document.querySelector('meta[name="be-plotly"]');
    return meta ? meta.getAttribute("content") : "";
  }
  function bePlotly() {
    if (root.Plotly && typeof root.Plotly.react === "function") { return Promise.resolve(root.Plotly); }
    if (loading) { return loading; }
    loading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url();
      script.async = true;
      script.onload = function () {
        if (root.Plotly && typeof root.Plotly.react === "function") { resolve(root.Plotly); } else {
          reject(new Error("plotly.js loaded but did not define Plotly"));
        }
      };
      script.onerror = function () { loading = null; root.Plotly = undefined; reject(new Error("plotly.js could not be loaded: " + script.src)); };
      document.head.appendChild(script);
    });
    root.Plotly = loading;  // the bundle replaces it with itself as it runs
    return loading;
  }
  root.bePlotly = bePlotly;
  // dcc.Graph loads window._dashPlotlyJSURL when window.Plotly is not there; Dash's renderer
  // sets that to Dash's own full bundle (not served here: app.py trims it). Ours instead.
  try {
    Object.defineProperty(root, "_dashPlotlyJSURL", {get: url, set: function () {}, configurable: true});
  } catch (err) { /* an older page: nothing to redirect */ }
})(window);
