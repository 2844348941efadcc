// theodoi charts: draws each <canvas data-chart="ID"> from the JSON in <script id="ID">
// (Django's json_script). The numbers are also in a table beside every chart, so nothing is
// lost without JavaScript or for screen readers (the canvas is aria-hidden). Large fonts, thick
// lines and strong colours: the dashboards are shown on projectors in meetings.
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;

  const INK = "#1c2430";
  const GRID = "#c9d1dc";
  const COLORS = {
    not_started: "#6b7687",
    in_progress_on_time: "#1559a3",
    in_progress_overdue: "#b3261e",
    done_on_time: "#1e6b34",
    done_late: "#b06d00",
    on_time: "#1e6b34",
    late: "#b06d00",
    missing: "#b3261e",
    not_due: "#6b7687",
  };
  const SERIES = "#1559a3";
  const TARGET = "#b3261e";

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 15;
  Chart.defaults.color = INK;
  Chart.defaults.animation = false; // projectors and print: draw at once
  Chart.defaults.maintainAspectRatio = false;

  const number = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
  const fmt = (v) => (v === null || v === undefined ? "—" : number.format(v));
  const big = () => (window.matchMedia("(min-width: 760px)").matches ? 16 : 13);

  function axis(extra) {
    return Object.assign(
      { ticks: { color: INK, font: { size: big(), weight: "600" } }, grid: { color: GRID } },
      extra || {},
    );
  }

  function follow(links) {
    return (event, elements) => {
      if (!links || !elements.length) return;
      const url = links[elements[0].index];
      if (url) window.location.assign(url);
    };
  }

  function pointer(links) {
    return (event, elements) => {
      event.native.target.style.cursor = links && elements.length && links[elements[0].index] ? "pointer" : "default";
    };
  }

  function bar(data) {
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          {
            data: data.values,
            backgroundColor: (data.colors || []).map((c) => COLORS[c] || SERIES),
            borderWidth: 0,
            barPercentage: 0.85,
          },
        ],
      },
      options: {
        indexAxis: "y",
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => fmt(c.parsed.x) } } },
        scales: {
          x: axis({ beginAtZero: true, ticks: { precision: 0, color: INK, font: { size: big() } } }),
          y: axis({ grid: { display: false } }),
        },
        onClick: follow(data.links),
        onHover: pointer(data.links),
      },
    };
  }

  function line(data) {
    const datasets = [
      {
        label: "Giá trị",
        data: data.values,
        borderColor: SERIES,
        backgroundColor: SERIES,
        borderWidth: 4,
        pointRadius: 5,
        tension: 0,
      },
    ];
    if (data.target !== null && data.target !== undefined) {
      datasets.push({
        label: "Mục tiêu",
        data: data.labels.map(() => data.target),
        borderColor: TARGET,
        borderDash: [10, 6],
        borderWidth: 3,
        pointRadius: 0,
      });
    }
    return {
      type: "line",
      data: { labels: data.labels, datasets: datasets },
      options: {
        plugins: {
          legend: { labels: { font: { size: big(), weight: "600" }, boxWidth: 24 } },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt(c.parsed.y)} ${data.unit || ""}` } },
        },
        scales: {
          x: axis({ grid: { display: false } }),
          y: axis({ ticks: { color: INK, font: { size: big() }, callback: (v) => fmt(v) } }),
        },
      },
    };
  }

  function stacked(data) {
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map((s) => ({ label: s.label, data: s.values, backgroundColor: COLORS[s.status] || SERIES })),
      },
      options: {
        indexAxis: "y",
        plugins: { legend: { position: "bottom", labels: { font: { size: big() }, boxWidth: 18 } } },
        scales: {
          x: axis({ stacked: true, beginAtZero: true, ticks: { precision: 0, color: INK, font: { size: big() } } }),
          y: axis({ stacked: true, grid: { display: false } }),
        },
        onClick: follow(data.links),
        onHover: pointer(data.links),
      },
    };
  }

  function compare(data) {
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Mục tiêu", data: data.targets, backgroundColor: "#9db7d8" },
          { label: "Giá trị mới nhất", data: data.values, backgroundColor: SERIES },
        ],
      },
      options: {
        indexAxis: "y",
        plugins: {
          legend: { position: "bottom", labels: { font: { size: big() } } },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt(c.parsed.x)} ${data.unit || ""}` } },
        },
        scales: {
          x: axis({ beginAtZero: true, ticks: { color: INK, font: { size: big() }, callback: (v) => fmt(v) } }),
          y: axis({ grid: { display: false } }),
        },
      },
    };
  }

  const MAKERS = { bar: bar, line: line, stacked: stacked, compare: compare };

  function draw(canvas) {
    if (canvas.dataset.drawn) return;
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    let data = JSON.parse(source.textContent);
    if (canvas.dataset.index !== undefined) data = data[Number(canvas.dataset.index)];
    const make = data && MAKERS[data.type];
    if (!make) return;
    canvas.dataset.drawn = "1";
    new Chart(canvas, make(data));
  }

  function drawAll(root) {
    (root || document).querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  drawAll();
  document.addEventListener("htmx:afterSwap", (event) => drawAll(event.target));
  // Printing resizes the page: redraw at the paper's width.
  window.addEventListener("beforeprint", () => {
    for (const id in Chart.instances) Chart.instances[id].resize();
  });
})();
