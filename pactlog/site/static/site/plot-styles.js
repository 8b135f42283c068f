// Observable Plot puts <style> elements in the charts it draws; the strict
// Content-Security-Policy refuses inline styles, so their rules move into constructed style
// sheets (CSSOM, which CSP allows). Every chart script calls `pactlogAdoptPlotStyles(chart)`
// before inserting the chart. Load after Plot and before the chart scripts (all `defer`).
(function () {
  "use strict";
  var adopted = {};
  window.pactlogAdoptPlotStyles = function (node) {
    node.querySelectorAll("style").forEach(function (style) {
      var text = style.textContent || "";
      if (!adopted[text] && typeof CSSStyleSheet === "function" && document.adoptedStyleSheets) {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
        adopted[text] = true;
      }
      style.remove();
    });
    return node;
  };
})();
