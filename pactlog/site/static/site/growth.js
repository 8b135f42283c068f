// Draws the growth chart from the JSON in the page; the data table beside it holds the same
// numbers for screen readers and readers without JavaScript.
(function () {
  "use strict";
  function draw() {
    var target = document.getElementById("growth-chart");
    var dataNode = document.getElementById("growth-data");
    var labelsNode = document.getElementById("growth-labels");
    if (!target || !dataNode || !labelsNode || !window.Plot || !window.pactlogPlotLocale) return;
    var series = JSON.parse(dataNode.textContent);
    var labels = JSON.parse(labelsNode.textContent);
    var categories = Object.keys(labels.categories);
    var stacked = [];
    var band = [];
    series.forEach(function (point) {
      var date = new Date(point.date + "T00:00:00Z");
      categories.forEach(function (category) {
        stacked.push({ date: date, category: labels.categories[category], n: point.by_category[category] || 0 });
      });
      band.push({ date: date, low: point.total, high: point.total + point.uncertain });
    });
    // The last day the list was read from an imported source: later months only repeat it.
    var observedNode = document.getElementById("growth-observed");
    var observed = observedNode ? JSON.parse(observedNode.textContent) : null;
    var marks = [];
    if (observed && observed.date && series.length) {
      var until = new Date(observed.date + "T00:00:00Z");
      var last = new Date(series[series.length - 1].date + "T00:00:00Z");
      if (until < last) {
        marks.push(Plot.ruleX([until], { stroke: "#222", strokeDasharray: "4,3", ariaLabel: function () { return observed.label; } }));
        marks.push(Plot.text([until], { x: function (d) { return d; }, frameAnchor: "top", dy: 4,
          textAnchor: "end", dx: -4, text: function () { return observed.label; } }));
      }
    }
    var colours = { "state": "#0b4f8a", "public-authority": "#6a3d9a", "civil-society": "#1b7a3a",
      "private-sector": "#b5480b", "international-organization": "#8a1c4a" };
    var locale = window.pactlogPlotLocale();
    var width = Math.max(280, target.clientWidth || 640);
    var chart = Plot.plot({
      width: width,
      height: 320,
      marginLeft: 50,
      x: { type: "utc", label: null, tickFormat: locale.date, ticks: Math.max(2, Math.floor(width / 110)) },
      y: { grid: true, label: labels.supporters, tickFormat: locale.number },
      color: {
        legend: true,
        domain: categories.map(function (c) { return labels.categories[c]; }).concat([labels.uncertain]),
        range: categories.map(function (c) { return colours[c] || "#555"; }).concat(["#9aa3ad"])
      },
      marks: [
        Plot.areaY(band, { x: "date", y1: "low", y2: "high", fill: "#9aa3ad", fillOpacity: 0.45 }),
        Plot.areaY(stacked, { x: "date", y: "n", fill: "category", order: categories.map(function (c) { return labels.categories[c]; }) }),
        Plot.ruleY([0])
      ].concat(marks)
    });
    window.pactlogAdoptPlotStyles(chart);
    if (observed && observed.date) chart.setAttribute("data-observed-until", observed.date);
    target.replaceChildren(chart);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
