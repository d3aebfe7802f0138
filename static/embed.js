/* Draws the one chart of an embed page from the figure the server put in the page. */
(function () {
  "use strict";
  var data = document.getElementById("figure");
  var target = document.getElementById("chart");
  if (!data || !target || !window.Plotly) {
    return;
  }
  var fig = JSON.parse(data.textContent);
  fig.layout.autosize = true;
  delete fig.layout.width;
  window.Plotly.newPlot(target, fig.data, fig.layout, {
    responsive: true, displaylogo: false, topojsonURL: "/assets/topojson/",
    locale: target.getAttribute("data-locale") || "en",
    modeBarButtonsToRemove: ["sendDataToCloud", "sendChartToCloud", "lasso2d",
                             "select2d"]
  });
})();
