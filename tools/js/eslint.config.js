// ESLint for the browser code: the recommended rules, browser globals, old-style scripts
// (Dash loads assets/*.js as plain scripts, not modules).
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {...globals.browser, ...globals.node, Plotly: "readonly"},
    },
    rules: {"no-unused-vars": ["error", {args: "none", caughtErrors: "none"}], eqeqeq: "error", "no-var": "off"},
  },
];
