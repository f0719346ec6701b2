/* carecenter: draws the overview's charts with Chart.js 4 (static/vendor/chartjs).
 *
 * Each chart is a <canvas data-chart="ID"> inside a wrapper that is hidden until drawn; its
 * figures come from <script type="application/json" id="ID"> (Django's json_script), so no
 * inline script is needed (CSP). Without JavaScript the tables next to the charts say it all.
 * Bars carry their values as text, and every series has its own pattern as well as its own
 * colour, so that colour is never the only signal.
 */
(function () {
  "use strict";

  if (typeof window.Chart === "undefined") {
    return;
  }

  var INK = "#1b1f24";
  var GRID = "#c9d1d9";
  // Each colour has at least 3:1 contrast against white (WCAG 1.4.11).
  var STYLES = [
    { colour: "#0b5a7a", pattern: "solid" },
    { colour: "#9a4600", pattern: "diagonal" },
    { colour: "#5b3f99", pattern: "dots" },
    { colour: "#2d6a2f", pattern: "cross" },
    { colour: "#8a1c1c", pattern: "horizontal" },
    { colour: "#4a5560", pattern: "vertical" }
  ];
  var lang = document.documentElement.lang || "sv";

  function fill(style) {
    if (style.pattern === "solid") {
      return style.colour;
    }
    var size = 10;
    var tile = document.createElement("canvas");
    tile.width = size;
    tile.height = size;
    var ctx = tile.getContext("2d");
    ctx.fillStyle = style.colour;
    ctx.fillRect(0, 0, size, size);
    ctx.strokeStyle = "rgba(255, 255, 255, 0.75)";
    ctx.fillStyle = "rgba(255, 255, 255, 0.75)";
    ctx.lineWidth = 2;
    ctx.beginPath();
    if (style.pattern === "diagonal" || style.pattern === "cross") {
      ctx.moveTo(0, size);
      ctx.lineTo(size, 0);
    }
    if (style.pattern === "cross") {
      ctx.moveTo(0, 0);
      ctx.lineTo(size, size);
    }
    if (style.pattern === "horizontal") {
      ctx.moveTo(0, size / 2);
      ctx.lineTo(size, size / 2);
    }
    if (style.pattern === "vertical") {
      ctx.moveTo(size / 2, 0);
      ctx.lineTo(size / 2, size);
    }
    ctx.stroke();
    if (style.pattern === "dots") {
      ctx.beginPath();
      ctx.arc(size / 2, size / 2, 2, 0, 2 * Math.PI);
      ctx.fill();
    }
    return ctx.createPattern(tile, "repeat") || style.colour;
  }

  function formatter(spec) {
    var number = new Intl.NumberFormat(lang, {
      minimumFractionDigits: spec.decimals || 0,
      maximumFractionDigits: spec.decimals || 0,
      signDisplay: spec.signed ? "exceptZero" : "auto"
    });
    return function (value) {
      return number.format(value) + (spec.suffix || "");
    };
  }

  // Writes each bar's value on it (stacked segments) or just past its end (single bars).
  function valueLabels(spec) {
    var format = formatter(spec);
    return {
      id: "carecenterValueLabels",
      afterDatasetsDraw: function (chart) {
        var ctx = chart.ctx;
        ctx.save();
        ctx.font = "600 13px " + Chart.defaults.font.family;
        ctx.textBaseline = "middle";
        chart.data.datasets.forEach(function (dataset, index) {
          var meta = chart.getDatasetMeta(index);
          if (meta.hidden) {
            return;
          }
          meta.data.forEach(function (bar, i) {
            var value = dataset.data[i];
            if (value === null || value === undefined || (spec.stacked && value === 0)) {
              return;
            }
            var text = format(value);
            var width = ctx.measureText(text).width;
            var p = bar.getProps(["x", "y", "base"], true);
            if (spec.stacked) {
              if (Math.abs(p.x - p.base) < width + 10) {
                return; // too narrow to label: the table carries the figure
              }
              var left = (p.x + p.base) / 2 - width / 2;
              ctx.fillStyle = "#ffffff";
              ctx.fillRect(left - 3, p.y - 9, width + 6, 18);
              ctx.fillStyle = INK;
              ctx.fillText(text, left, p.y);
            } else {
              ctx.fillStyle = INK;
              ctx.fillText(text, value < 0 ? p.x - 6 - width : p.x + 6, p.y);
            }
          });
        });
        ctx.restore();
      }
    };
  }

  function wrap(label, perLine) {
    var lines = [];
    label.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= perLine) {
        lines[last] += " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines;
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    if (!spec || !spec.labels || !spec.labels.length) {
      return;
    }
    var wrapper = canvas.parentElement;
    var legend = spec.datasets.length > 1;
    wrapper.hidden = false;
    // Long names wrap instead of being cut off at the canvas edge on a phone.
    var narrow = wrapper.clientWidth < 480;
    var perLine = narrow ? 12 : 30;
    var labels = spec.labels.map(function (label) {
      return wrap(label, perLine);
    });
    var rows = labels.reduce(function (sum, lines) {
      return sum + Math.max(44, lines.length * 18 + 12);
    }, 0);
    wrapper.style.height = rows + (legend ? 110 : 70) + "px";
    var format = formatter(spec);
    var padding = spec.stacked ? 8 : 56;

    new Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: spec.datasets.map(function (dataset) {
          var style = STYLES[dataset.style % STYLES.length];
          return {
            label: dataset.label,
            data: dataset.data,
            backgroundColor: fill(style),
            borderColor: style.colour,
            borderWidth: 1,
            borderSkipped: false
          };
        })
      },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: lang,
        layout: { padding: { left: spec.signed ? padding : 8, right: padding } },
        plugins: {
          legend: {
            display: legend,
            position: "top",
            labels: { color: INK, boxWidth: 22, boxHeight: 14, font: { size: 14 } }
          },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + ": " + format(item.raw);
              }
            }
          }
        },
        scales: {
          x: {
            stacked: spec.stacked,
            beginAtZero: true,
            max: spec.max === null ? undefined : spec.max,
            title: { display: true, text: spec.axis, color: INK, font: { size: 14 } },
            ticks: { color: INK, precision: spec.decimals ? undefined : 0 },
            grid: { color: GRID }
          },
          y: {
            stacked: spec.stacked,
            ticks: { color: INK, autoSkip: false, font: { size: narrow ? 12 : 14 } },
            grid: { display: false }
          }
        }
      },
      plugins: [valueLabels(spec)]
    });
  }

  Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = INK;
  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
