// Unit tests of assets/choro.js's pure parts (projection, colours, what each commune says).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
require(path.join(__dirname, "..", "..", "assets", "bars.js"));  // as the page: bars.js first
const map = require(path.join(__dirname, "..", "..", "assets", "choro.js"));

const fmt = {num: (v, d) => v.toFixed(d || 0)};
const square = (x, y, s) => ({type: "Polygon", coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]]});

test("outlines are fitted into the box, centred, north up", () => {
  const features = {a: square(4, 50, 0.1), b: square(4.1, 50, 0.1), far: square(10, 60, 1)};
  const paths = map.project(features, ["a", "b"], {x: 10, y: 20, w: 200, h: 200});
  assert.deepEqual(Object.keys(paths).sort(), ["a", "b"]);  // only the panel's communes
  const pts = d => d.replace(/[MZ]/g, "").split("L").map(p => p.split(",").map(Number));
  const all = [...pts(paths.a), ...pts(paths.b)];
  const xs = all.map(p => p[0]), ys = all.map(p => p[1]);
  assert.equal(Math.min(...xs), 10);  // the wider side fills the box
  assert.equal(Math.max(...xs), 210);
  assert.ok(Math.min(...ys) > 20 && Math.max(...ys) < 220);  // the other is centred
  assert.ok(Math.abs((Math.min(...ys) - 20) - (220 - Math.max(...ys))) < 0.2);
  assert.ok(pts(paths.a)[0][1] > pts(paths.a)[2][1]);  // the southern edge below the northern
  assert.ok(pts(paths.a)[0][0] < pts(paths.b)[0][0]);  // west on the left
});

test("a commune's fill is its z on the trace's scale; zero communes take the grey", () => {
  const scale = [[0, "#000000"], [0.5, "#808080"], [1, "#ffffff"]];
  assert.equal(map.colour(scale, 0, 10, 0), "rgb(0, 0, 0)");
  assert.equal(map.colour(scale, 0, 10, 2.5), "rgb(64, 64, 64)");
  assert.equal(map.colour(scale, 0, 10, 10), "rgb(255, 255, 255)");
  assert.equal(map.colour(scale, 0, 10, 99), "rgb(255, 255, 255)");  // clipped, as plotly
  const fig = {data: [
    {type: "choropleth", locations: ["z1"], z: [0], colorscale: [[0, "#e6e6e6"], [1, "#e6e6e6"]],
     text: ["<b>Zero</b><br>0 incidents"], customdata: ["z1"]},
    {type: "choropleth", locations: ["a", "b"], z: [1, 4], zmin: 0, zmax: 4,
     colorscale: [[0, "#c6dbef"], [1, "#08519c"]], text: ["<b>A</b><br>1 incident", "<b>B</b><br>4 incidents"],
     customdata: ["a", "b"], colorbar: {title: {text: "incidents"}, dtick: 1}}]};
  const S = map.shading(fig, fmt);
  assert.deepEqual(S.places.map(p => [p.code, p.fill, p.shaded]), [
    ["z1", "rgb(230, 230, 230)", false], ["a", "rgb(151, 185, 218)", true], ["b", "rgb(8, 81, 156)", true]]);
  assert.deepEqual(S.ticks.map(t => t.text), ["0", "1", "2", "3", "4"]);
  assert.equal(S.title, "incidents");
  fig.data[1].zmax = 14.29;  // per 100,000: the figure's rate axis (figures.rate_axis)
  fig.data[1].colorbar = {title: {text: "per 100,000"}, ...globalThis.beBars.rateAxis(14.29)};
  assert.deepEqual(map.shading(fig, fmt).ticks.map(t => t.text), ["0", "5", "10"]);
  fig.data[1].zmax = 0.8;  // a small rate: tenths, written with their decimal, no creeping sum
  fig.data[1].colorbar = {title: {text: "per 100,000"}, ...globalThis.beBars.rateAxis(0.8)};
  assert.deepEqual(map.shading(fig, fmt).ticks.map(t => t.text), ["0.0", "0.2", "0.4", "0.6", "0.8"]);
});

test("the rate axis's steps are Python's (figures.rate_axis)", () => {
  const R = globalThis.beBars.rateAxis;
  assert.deepEqual(R(14.29), {dtick: 5, tickformat: ",.0f"});
  assert.deepEqual(R(0.8), {dtick: 0.2, tickformat: ",.1f"});
  assert.deepEqual(R(0.2), {dtick: 0.05, tickformat: ",.2f"});
  assert.deepEqual(R(350), {dtick: 100, tickformat: ",.0f"});
});
