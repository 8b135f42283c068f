// Draws a claim's count around its day from the JSON in the page (no inline script): the
// certain count as a step line, the uncertain band above it, the claimed number as a dashed
// rule and the claim's day as a vertical rule. The data table beside it has the same numbers.
(function () {
  "use strict";
  function draw() {
    var target = document.getElementById("claim-chart");
    var dataNode = document.getElementById("claim-chart-data");
    if (!target || !dataNode || !window.Plot || !window.pactlogAdoptPlotStyles || !window.pactlogPlotLocale) return;
    var chart = JSON.parse(dataNode.textContent);
    var points = chart.points.map(function (p) {
      return { date: new Date(p.date + "T00:00:00Z"), low: p.low, high: p.high };
    });
    var day = new Date(chart.as_of + "T00:00:00Z");
    var locale = window.pactlogPlotLocale();
    var width = Math.max(280, target.clientWidth || 640);
    var plot = Plot.plot({
      width: width,
      height: 260,
      marginLeft: 50,
      x: { type: "utc", label: null, tickFormat: locale.date, ticks: Math.max(2, Math.floor(width / 110)) },
      y: { grid: true, label: chart.labels.count, zero: true, tickFormat: locale.number },
      marks: [
        Plot.areaY(points, { x: "date", y1: "low", y2: "high", curve: "step-after", fill: "#9aa3ad", fillOpacity: 0.45 }),
        Plot.line(points, { x: "date", y: "low", curve: "step-after", stroke: "#0b4f8a", strokeWidth: 2 }),
        Plot.ruleY([chart.claimed], { stroke: "#a4161a", strokeDasharray: "6,4", strokeWidth: 2 }),
        Plot.ruleX([day], { stroke: "#2b333b" }),
        Plot.ruleY([0])
      ]
    });
    target.replaceChildren(window.pactlogAdoptPlotStyles(plot));
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
