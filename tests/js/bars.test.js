// Unit tests of assets/bars.js's layout (pure: text widths are given) with node's test runner.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const bars = require(path.join(__dirname, "..", "..", "assets", "bars.js"));

const fmt = {num: (v, d) => v.toFixed(d || 0).replace(".", ",")};  // a comma, as in French
const measure = (text, size) => text.length * size * 0.6;  // a monospace-ish font

function shares() {  // as figures.shares draws it: two 100% bars, linked then inspired
  const trace = (name, x, text, n) => ({
    type: "bar", orientation: "h", name, x, y: ["Arrests (n = 10)", "Attacks (n = 4)"], text,
    textposition: "inside", insidetextanchor: "middle", marker: {color: name === "Linked" ? "#0072B2" : "#E69F00",
      pattern: {shape: name === "Linked" ? "" : "/"}},
    customdata: n.map((k, i) => [name.toLowerCase(), ["arrest_action", "attack"][i], k, [10, 4][i]]),
    hovertemplate: "%{customdata[2]} of %{customdata[3]} (%{x:.1f}%)<extra></extra>"});
  return {data: [trace("Linked", [90, 25], ["linked 90% (9)", "linked 25% (1)"], [9, 1]),
                 trace("Inspired", [10, 75], ["inspired 10% (1)", "inspired 75% (3)"], [1, 3])],
          layout: {barmode: "stack", height: 300, margin: {l: 50, r: 50, t: 20, b: 80}, bargap: 0.5,
                   xaxis: {range: [0, 100], ticksuffix: " %"}, yaxis: {autorange: "reversed"},
                   font: {size: 14}, uniformtext: {minsize: 12, mode: "hide"},
                   annotations: [{x: 0, xref: "paper", y: -0.25, text: "<b>Attacks (n = 4) \u26a0 n < 5</b>",
                                  xanchor: "left", yanchor: "bottom"}]}};
}

test("segments stack in trace order along the value axis, bar by bar", () => {
  const G = bars.layout(shares(), 500, measure, fmt);  // plot: 400 x 200 px from (50, 20)
  assert.deepEqual(G.segments.map(s => [s.point, s.trace]), [[0, 0], [0, 1], [1, 0], [1, 1]]);
  const [a, b, c, d] = G.segments;
  assert.equal(a.x, 50);
  assert.equal(a.w, 360);  // 90% of 400
  assert.equal(b.x, 410);
  assert.equal(b.w, 40);
  assert.equal(c.w, 100);
  assert.equal(d.x + d.w, 450);
  assert.equal(a.h, 50);  // a band of 100 px, half of it bar (bargap 0.5), centred in it
  assert.equal(a.y, 45);
  assert.equal(c.y, 145);
  assert.deepEqual(a.point_data, {customdata: ["linked", "arrest_action", 9, 10], x: 90, y: "Arrests (n = 10)"});
});

test("labels share one size; one that would need less than minsize is left out", () => {
  const G = bars.layout(shares(), 500, measure, fmt);
  // at 14 px, "linked 25% (1)" is 117.6 px wide: in 100 px (less padding) it needs 11.2 px,
  // under minsize 12, so it is left out, as is "inspired 10% (1)" in 40 px
  assert.deepEqual(G.segments.map(s => s.label), ["linked 90% (9)", "", "", "inspired 75% (3)"]);
  assert.ok(Math.abs(G.segments[2].fit - 14 * 94 / 117.6) < 1e-9);
  assert.equal(G.size, 14);
  const narrow = bars.layout(shares(), 270, measure, fmt);  // 170 px: 75% needs 12.7 px
  assert.ok(narrow.size < 14 && narrow.size >= 12);  // the shown labels shrink together
  assert.ok(narrow.segments.every(s => !s.label || s.fit >= narrow.size));
});

test("a hidden series is not drawn and the rest keep their places", () => {
  const fig = shares();
  fig.data[0].visible = "legendonly";
  const G = bars.layout(fig, 500, measure, fmt);
  assert.deepEqual(G.segments.map(s => [s.trace, s.x, s.w]), [[1, 50, 40], [1, 50, 300]]);
});

test("hover text is the figure's hovertemplate with the page's number format", () => {
  const fig = shares();
  assert.equal(bars.hoverText(fig.data[1], 1, fmt), "3 of 4 (75,0%)");
  const t = {x: ["2016"], y: [45], name: "Linked", customdata: [["linked", 50]],
             hovertemplate: "%{x}: %{y} of %{customdata[1]}<extra>%{fullData.name}</extra>"};
  assert.equal(bars.hoverText(t, 0, fmt), "Linked \u2014 2016: 45 of 50");
});

test("value ticks follow the axis (suffix, dtick), categories their tickvals", () => {
  const G = bars.layout(shares(), 500, measure, fmt);
  assert.deepEqual(G.ticks.map(t => t.text), ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]);
  assert.equal(G.ticks[5].at, 400);
  const v = {data: [{type: "bar", x: ["2015-01", "2015-02", "2015-03"], y: [3, 0, 12], text: ["3", "", "12"],
                     marker: {color: "#0072B2"}, customdata: [["linked", 3], ["linked", 0], ["linked", 12]]}],
             layout: {barmode: "stack", height: 300, margin: {l: 40, r: 0, t: 0, b: 40}, bargap: 0,
                      xaxis: {tickvals: ["2015-01", "2015-03"], ticktext: ["Jan 2015", "Mar 2015"]},
                      yaxis: {dtick: 5, title: {text: "incidents"}},
                      shapes: [{type: "line", xref: "x", x0: "2015-02", x1: "2015-02", line: {dash: "dot", color: "#444"}}]}};
  const H = bars.layout(v, 340, measure, fmt);
  assert.deepEqual(H.ticks.map(t => t.text), ["0", "5", "10"]);  // up to 12.6 (5% over the peak)
  assert.deepEqual(H.catTicks, [{at: 50, text: "Jan 2015"}, {at: 250, text: "Mar 2015"}]);
  assert.equal(H.segments.length, 2);  // a zero is no segment (nothing to click or read)
  assert.equal(H.shapes[0].x, 40 + 150);
  assert.equal(H.axisTitle, "incidents");
});

test("month labels that would touch are thinned to a year's first; a band spans whole slots", () => {
  const months = [];  // as the study's: June 2014 to October 2017, 41 months
  for (let i = 0; i < 41; i++) { const m = 5 + i; months.push(`${2014 + Math.floor(m / 12)}-${String(m % 12 + 1).padStart(2, "0")}`); }
  const ticks = months.filter(m => /-0[17]$/.test(m));  // from July 2014, as figures.timeline
  const v = {data: [{type: "bar", x: months, y: months.map(() => 1), marker: {color: "#0072B2"}}],
             layout: {barmode: "stack", height: 300, margin: {l: 0, r: 0, t: 0, b: 40}, bargap: 0,
                      xaxis: {tickvals: ticks, ticktext: ticks.map(m => "Mon " + m.slice(0, 4))},
                      shapes: [{type: "rect", xref: "x", x0: 1.5, x1: 2.5, fillcolor: "#D55E00"}]}};
  const wide = bars.layout(v, 1435, measure, fmt);  // 35 px a month: all 7 fit (67.2 px each)
  assert.equal(wide.catTicks.length, 7);
  const narrow = bars.layout(v, 410, measure, fmt);  // 10 px a month: every other, Januaries
  assert.deepEqual(narrow.catTicks.map(t => t.at), [75, 195, 315]);
  assert.deepEqual([narrow.shapes[0].x, narrow.shapes[0].w], [20, 10]);  // the third month's slot
});

test("markup is stripped, a bare '<' is kept", () => {
  assert.equal(bars.unmark("<b>Attacks (n = 4) \u26a0 n < 5</b>"), "Attacks (n = 4) \u26a0 n < 5");
  assert.equal(bars.unmark("a<br>b &amp; <span style='x'>c</span>"), "a b & c");
  assert.equal(bars.contrast("#0072B2"), "#fff");
  assert.equal(bars.contrast("#E69F00"), "#444");
});

test("grouped bars stand side by side from the axis, each its slot, labels above", () => {
  const trace = (name, y) => ({type: "bar", name, x: ["2015", "2016"], y, text: y.map(String),
                               textposition: "outside", marker: {color: "#1864ab"},
                               customdata: y.map((v, i) => [name, ["2015", "2016"][i]]),
                               hovertemplate: "%{customdata[1]}: %{y}<extra>%{fullData.name}</extra>"});
  const fig = {data: [trace("A", [19, 32]), trace("B", [1, 1])],
               layout: {barmode: "group", height: 300, margin: {l: 50, r: 50, t: 20, b: 80}, bargap: 0.2,
                        bargroupgap: 0, yaxis: {range: [0, 40]}, font: {size: 14}}};
  assert.ok(bars.supports(fig));
  const G = bars.layout(fig, 500, measure, fmt);  // plot: 400 x 200 px from (50, 20)
  const [a15, b15, a16, b16] = G.segments;  // bar by bar: 2015's A and B, then 2016's
  assert.deepEqual(G.segments.map(s => [s.point, s.trace]), [[0, 0], [0, 1], [1, 0], [1, 1]]);
  // a band of 200 px, 160 px of bar, two slots of 80 px: A's then B's
  assert.equal(a15.x, 70);
  assert.equal(a15.w, 80);
  assert.equal(b15.x, 150);
  assert.equal(a16.x, 270);
  // each from the axis (200 px tall plot; 40 at its top): not stacked on the other
  assert.equal(a15.y + a15.h, 220);
  assert.equal(b15.y + b15.h, 220);
  assert.equal(a16.h, 160);
  assert.equal(b16.h, 5);
  assert.ok(G.segments.every(s => s.outside));
  assert.equal(b16.label, "1");  // above its bar, however thin the bar
});
