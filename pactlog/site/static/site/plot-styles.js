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
// Numbers and dates on the charts' axes in the page's language ("1 000" and "janv. 2020" in
// French): this Plot release has no top-level `locale` option, so each chart passes these
// as its scales' `tickFormat`, built on the browser's Intl for <html lang>.
(function () {
  "use strict";
  window.pactlogPlotLocale = function () {
    var lang = document.documentElement.lang || "en";
    var locale = lang === "en" ? "en-GB" : lang;
    var numbers = new Intl.NumberFormat(locale);
    var months = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
    return {
      locale: locale,
      number: function (n) { return numbers.format(n); },
      date: function (d) { return months.format(d); }
    };
  };
})();
