// The one global Dash's renderer and dcc use from @babel/polyfill: their lazy-component helper
// is compiled to regenerator calls (regeneratorRuntime.mark / .wrap).
globalThis.regeneratorRuntime = require('regenerator-runtime/runtime');
