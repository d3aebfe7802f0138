/* Briefing mode: one scene at a time. Arrow keys, Page Up / Page Down (what presentation
   clickers send), Space and Home / End move between scenes; the scene number is kept in the URL
   (?scene=N) so a trainer can jump to one. Charts are drawn when their scene is first shown;
   before printing every chart is drawn, so the handout has one scene per page. */
(function () {
  "use strict";
  var main = document.getElementById("scenes");
  if (!main || !window.Plotly) {
    return;
  }
  var scenes = Array.prototype.slice.call(main.querySelectorAll(".scene"));
  var counter = document.getElementById("brief-counter");
  var label = main.getAttribute("data-label-scene") || "{n} / {total}";
  var locale = main.getAttribute("data-locale") || "en";
  var drawn = new Set();
  var current = Math.max(0, scenes.findIndex(function (s) { return !s.hidden; }));

  function draw(index, width, height) {
    var scene = scenes[index];
    var target = scene.querySelector(".scene-chart");
    var fig = JSON.parse(scene.querySelector(".scene-figure").textContent);
    fig.layout.autosize = true;
    if (width) {
      fig.layout.width = width;
      fig.layout.height = height;
    }
    window.Plotly.react(target, fig.data, fig.layout, {
      responsive: !width, displaylogo: false, displayModeBar: false, locale: locale,
      topojsonURL: "/assets/topojson/"
    });
    drawn.add(index);
  }

  function show(index, focus) {
    index = Math.min(Math.max(index, 0), scenes.length - 1);
    scenes.forEach(function (scene, i) { scene.hidden = i !== index; });
    current = index;
    if (!drawn.has(index)) {
      draw(index);
    } else {
      window.Plotly.Plots.resize(scenes[index].querySelector(".scene-chart"));
    }
    counter.textContent = label.replace("{n}", index + 1).replace("{total}", scenes.length);
    // nowhere to go: the button says so (disabled), as a clicker's key does nothing there
    document.getElementById("brief-prev").disabled = index === 0;
    document.getElementById("brief-next").disabled = index === scenes.length - 1;
    var params = new URLSearchParams(window.location.search);
    params.set("scene", index + 1);
    window.history.replaceState(null, "", window.location.pathname + "?" + params.toString());
    document.querySelectorAll(".brief-langs a").forEach(function (a) {
      a.href = "/brief?lang=" + a.getAttribute("lang") + "&scene=" + (index + 1);
    });
    if (focus) {
      scenes[index].querySelector("h2").focus();
    }
  }

  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    var onControl = tag === "button" || tag === "a" || tag === "input";
    if (["ArrowRight", "ArrowDown", "PageDown"].indexOf(event.key) >= 0 ||
        (event.key === " " && !onControl)) {
      event.preventDefault();
      show(current + 1, true);
    } else if (["ArrowLeft", "ArrowUp", "PageUp"].indexOf(event.key) >= 0) {
      event.preventDefault();
      show(current - 1, true);
    } else if (event.key === "Home") {
      event.preventDefault();
      show(0, true);
    } else if (event.key === "End") {
      event.preventDefault();
      show(scenes.length - 1, true);
    }
  });
  document.getElementById("brief-next").addEventListener("click", function () {
    show(current + 1, false);
  });
  document.getElementById("brief-prev").addEventListener("click", function () {
    show(current - 1, false);
  });
  scenes.forEach(function (scene) { scene.querySelector("h2").tabIndex = -1; });
  function drawAll() {
    scenes.forEach(function (scene, i) {
      scene.hidden = false;
      draw(i, 1000, 430);
    });
  }
  window.addEventListener("beforeprint", drawAll);
  if (window.matchMedia) {  // printing to PDF without the print dialog sends no beforeprint
    window.matchMedia("print").addEventListener("change", function (event) {
      if (event.matches) {
        drawAll();
      }
    });
  }
  window.addEventListener("afterprint", function () {
    drawn.clear();
    show(current, false);
  });
  show(current, false);
})();
