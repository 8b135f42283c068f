// The world map of pactlog's groups app: colours each state by its endorsement as of a date.
// Data comes from the page (json_script), shapes from the local world-atlas file: no tiles,
// nothing from another host. The table beside the map holds the same data without JavaScript.
"use strict";

(function () {
  const WIDTH = 960;
  const HEIGHT = 470;
  const ANTARCTICA = "010";

  async function draw(figure) {
    figure.classList.add("drawing");
    const data = JSON.parse(document.getElementById(figure.dataset.source).textContent);
    const response = await fetch(data.atlas);
    if (!response.ok) throw new Error(`world map: ${response.status} for ${data.atlas}`);
    const topology = await response.json();
    const countries = topojson
      .feature(topology, topology.objects.countries)
      .features.filter((feature) => feature.id !== ANTARCTICA);
    const projection = d3.geoEqualEarth().fitExtent(
      [[4, 4], [WIDTH - 4, HEIGHT - 4]],
      { type: "FeatureCollection", features: countries },
    );
    const path = d3.geoPath(projection);
    const members = new Set(data.members);
    const statusOf = (feature) => data.status[feature.id] || "absent";
    const canvas = figure.querySelector(".world-map-canvas");

    const svg = d3.select(canvas).append("svg")
      .attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`)
      .attr("role", "img")
      .attr("aria-label", canvas.dataset.label)
      .classed("with-group", Boolean(data.group));
    svg.append("g").selectAll("path").data(countries).join("path")
      .attr("d", path)
      .attr("class", (feature) => `state ${statusOf(feature)}`)
      .classed("member", (feature) => members.has(feature.id))
      .attr("data-status", statusOf)
      .append("title")
      .text((feature) => `${data.names[feature.id] || feature.properties.name}: ${data.labels[statusOf(feature)]}`);
    // Members last, so that their outline is not covered by a neighbour's border.
    svg.selectAll("path.member").raise();
    figure.classList.remove("drawing");
    figure.classList.add("drawn");
  }

  function drawAll() {
    document.querySelectorAll("figure.world-map:not(.drawn):not(.drawing)").forEach((figure) => {
      draw(figure).catch((error) => console.error(error));
    });
  }

  drawAll();
  document.addEventListener("htmx:afterSettle", drawAll);
})();
