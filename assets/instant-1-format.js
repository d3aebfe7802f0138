/* Numbers and words as the server writes them: Babel's CLDR number formats (Intl's here),
   numpy's and Python's rounding, templates, plural forms, markup escaping.
   Part of the instant views (instant.js mounts them); pure: node tests it. */
(function (root) {
  "use strict";

  // --- numbers, as Babel writes them: the browser's Intl.NumberFormat reads the same CLDR
  // patterns and symbols, and rounds half to even on the shortest decimal as Babel does
  // (tests/test_js.py holds the two equal on 600 values in each language)
  function makeFormat(words) {
    var made = {};
    function formatter(style, digits) {
      var key = style + digits;
      return made[key] || (made[key] = new Intl.NumberFormat(words.lang, {
        style: style, minimumFractionDigits: digits, maximumFractionDigits: digits,
        roundingMode: "halfEven"}));
    }
    function num(value, digits) { return formatter("decimal", digits || 0).format(value); }
    function pct(value) {
      if (value === null || value === undefined || value !== value) { return "\u2013"; }
      return formatter("percent", 0).format(value / 100);
    }
    return {num: num, pct: pct};
  }

  function rint(x) {  // numpy's rint: halves to even
    var r = Math.round(x);
    if (Math.abs(x % 1) === 0.5) { r = 2 * Math.round(x / 2); }
    return r;
  }
  function npRound(x, digits) {  // pandas Series.round: numpy around
    var scale = Math.pow(10, digits);
    return rint(x * scale) / scale;
  }
  function pyRound1(x) {  // Python round(x, 1): no float is ever a tie at one decimal
    return +x.toFixed(1);
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }
  function cap(text) { return text.charAt(0).toUpperCase() + text.slice(1); }
  function escapeMarkup(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function plural(words, key, n) { return words.plural[key][n === 0 ? 0 : n === 1 ? 1 : 2]; }
  // "1 incident", "2 incidents" (as figures.incidents_count)
  function incidentsCount(P, fmt, n) { return format(plural(P.words, "summary", n), {n: fmt.num(n)}); }
  function sorted(values) { return values.slice().sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; }); }


  var api = {cap: cap, escapeMarkup: escapeMarkup, format: format, incidentsCount: incidentsCount, makeFormat: makeFormat, npRound: npRound, plural: plural, pyRound1: pyRound1, rint: rint, sorted: sorted};
  root.beFormat = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
})(typeof window !== "undefined" ? window : globalThis);
