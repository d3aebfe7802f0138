/* Numbers and words as the server writes them: Babel's CLDR number patterns (half-even on the
   shortest decimal), numpy's and Python's rounding, templates, plural forms, markup escaping.
   Part of the instant views (instant.js mounts them); pure: node tests it. */
(function (root) {
  "use strict";

  // --- numbers, as Babel writes them (CLDR patterns, half-even on the shortest decimal) ------
  function decimalParts(value, shift) {
    // value >= 0 as digit strings [integer, fraction], the point moved right by shift
    var m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
    var all = m[1] + (m[2] || "");
    var point = m[1].length + (m[3] ? +m[3] : 0) + shift;
    while (point < 1) { all = "0" + all; point += 1; }
    while (all.length < point) { all += "0"; }
    return [all.slice(0, point), all.slice(point)];
  }

  function increment(digits) {
    var out = digits.split(""), i = out.length - 1;
    while (i >= 0) {
      if (out[i] === "9") { out[i] = "0"; i -= 1; } else { out[i] = String(+out[i] + 1); break; }
    }
    return (i < 0 ? "1" : "") + out.join("");
  }

  function roundDigits(value, shift, digits) {
    var parts = decimalParts(value, shift);
    var kept = parts[0] + (parts[1] + "0".repeat(digits)).slice(0, digits);
    var rest = parts[1].slice(digits);
    var first = rest.charAt(0), up = first > "5";
    if (first === "5") { up = /[1-9]/.test(rest.slice(1)) || +kept.charAt(kept.length - 1) % 2 === 1; }
    if (up) { kept = increment(kept); }
    var integer = kept.slice(0, kept.length - digits).replace(/^0+(?=\d)/, "") || "0";
    return [integer, kept.slice(kept.length - digits)];
  }

  function group(integer, sep) {
    return integer.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }

  function makeFormat(words) {
    function num(value, digits) {
      digits = digits || 0;
      if (value < 0) { return "-" + num(-value, digits); }
      var r = roundDigits(value, 0, digits);
      return group(r[0], words.group) + (digits ? words.decimal + r[1] : "");
    }
    function pct(value) {
      if (value === null || value === undefined || value !== value) { return "\u2013"; }
      var r = roundDigits(value / 100, 2, 0);
      return group(r[0], words.group) + words.percent;
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


  var api = {cap: cap, decimalParts: decimalParts, escapeMarkup: escapeMarkup, format: format, group: group, incidentsCount: incidentsCount, increment: increment, makeFormat: makeFormat, npRound: npRound, plural: plural, pyRound1: pyRound1, rint: rint, roundDigits: roundDigits, sorted: sorted};
  root.beFormat = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
})(typeof window !== "undefined" ? window : globalThis);
