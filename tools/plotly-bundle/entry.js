var Plotly = require('plotly.js/lib/core');
Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/choropleth'), require('plotly.js/lib/heatmap'),
                 require('plotly.js/lib/scatter'), require('plotly.js/lib/scattergeo')]);
// French and Dutch for plotly's own texts (toolbar, month names, number separators)
Plotly.register([require('plotly.js/lib/locales/fr'), require('plotly.js/lib/locales/nl')]);
module.exports = Plotly;
