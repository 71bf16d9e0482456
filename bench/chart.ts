// The chart of bench/scaling.png: wall time of each Pulumi operation against the number of records,
// for the Bluejay program on loopback and against the SaaS (with its floor), and for the no-HTTP
// program; as SVG text, and the PNG of it. No files are read or written here.
import { Resvg } from "@resvg/resvg-js";
import { OP_LABELS, OPS } from "./config";
import type { BenchResults, Environment, OpRow } from "./results";
import { fmt, round } from "./stats";

/** The chart of a results file's rows. */
export function renderResultsChart(results: BenchResults): string {
  const saas = results.settings.profiles.find((p) => p.name === "saas")?.label ?? "SaaS";
  return renderChart(results.rows, results.environment, saas);
}

/** PNG bytes of an SVG, with the system's fonts (DejaVu Sans preferred). */
export function renderPng(svg: string): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } })
    .render()
    .asPng();
}

interface Series {
  label: string;
  color: string;
  dash: string;
  marker: "circle" | "square" | "triangle" | "none";
  /** The value at each size (median) and the rounds behind it, or undefined where not measured. */
  point(row: OpRow | undefined, trivial: OpRow | undefined): { value: number; runs: number[] } | undefined;
  /** Which rows feed it. */
  profile: "loopback" | "saas";
}

export function renderChart(rows: readonly OpRow[], environment: Environment, saasLabel: string): string {
  const W = 1400;
  const H = 1070;
  const font = "DejaVu Sans, sans-serif";
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const series: Series[] = [
    {
      label: "Bluejay program, loopback",
      color: "#1f5fbf",
      dash: "",
      marker: "circle",
      profile: "loopback",
      point: (r) => r && { value: r.seconds, runs: r.samples },
    },
    {
      label: "no-HTTP program (engine alone)",
      color: "#e07b00",
      dash: "8 6",
      marker: "square",
      profile: "loopback",
      point: (r) =>
        r?.trivialSeconds === undefined
          ? undefined
          : { value: r.trivialSeconds, runs: r.trivialSamples ?? [] },
    },
    {
      label: `Bluejay program, ${saasLabel}`,
      color: "#2a9d3f",
      dash: "",
      marker: "triangle",
      profile: "saas",
      point: (r) => r && { value: r.seconds, runs: r.samples },
    },
    {
      label: `floor at ${saasLabel}`,
      color: "#888888",
      dash: "3 5",
      marker: "none",
      profile: "saas",
      point: (r) => (r && r.floorSeconds > 0 ? { value: r.floorSeconds, runs: [] } : undefined),
    },
  ];
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  parts.push(
    `<text x="${W / 2}" y="40" font-family="${font}" font-size="26" font-weight="bold" text-anchor="middle">` +
      "pulumi-bluejay: wall time of each Pulumi operation vs records in the environment</text>",
    `<text x="${W / 2}" y="70" font-family="${font}" font-size="16" fill="#444" text-anchor="middle">` +
      esc(
        `examples/bootstrap's shape · local file backend · emulator in process · ` +
          `${String(environment.cpuModel)}, ${String(environment.cpus)} CPUs · ${String(environment.date).slice(0, 10)}`,
      ) +
      "</text>",
    `<text x="${W / 2}" y="92" font-family="${font}" font-size="15" fill="#444" text-anchor="middle">` +
      esc(
        "Each point is the median over the rounds run for that size; whiskers span the fastest and slowest.",
      ) +
      "</text>",
  );
  const legendY = 124;
  let lx = 60;
  for (const s of series) {
    parts.push(
      `<line x1="${lx}" y1="${legendY}" x2="${lx + 44}" y2="${legendY}" stroke="${s.color}" stroke-width="3"` +
        `${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
      marker(s, lx + 22, legendY),
      `<text x="${lx + 54}" y="${legendY + 6}" font-family="${font}" font-size="16">${esc(s.label)}</text>`,
    );
    lx += 330;
  }

  const ns = [...new Set(rows.map((r) => r.records))].sort((a, b) => a - b);
  const xMin = Math.log10(Math.min(...ns) / 1.6);
  const xMax = Math.log10(Math.max(...ns) * 1.8);
  const xTicks = [1, 2, 5, 10, 12, 20, 50, 100, 120, 200, 500, 600, 1000, 2000, 5000]
    .filter((t) => ns.includes(t) || [10, 100, 1000].includes(t))
    .filter((t) => Math.log10(t) >= xMin && Math.log10(t) <= xMax);
  const panelW = (W - 60) / 2;
  const panelH = (H - 160) / 2;
  for (const [i, op] of OPS.entries()) {
    const px = 30 + (i % 2) * panelW;
    const py = 150 + Math.floor(i / 2) * panelH;
    const plot = { x: px + 90, y: py + 50, w: panelW - 130, h: panelH - 130 };
    const rowAt = (n: number, profile: "loopback" | "saas") =>
      rows.find((r) => r.records === n && r.op === op && r.profile === profile);
    const points = series.map((s) =>
      ns.flatMap((n) => {
        const p = s.point(rowAt(n, s.profile), rowAt(n, "loopback"));
        return p ? [{ n, ...p }] : [];
      }),
    );
    const maxY = Math.max(0.001, ...points.flat().flatMap((p) => [p.value, ...p.runs]));
    const { step, top } = niceScale(maxY * 1.12);
    const sx = (n: number) => plot.x + ((Math.log10(n) - xMin) / (xMax - xMin)) * plot.w;
    const sy = (v: number) => plot.y + plot.h - (v / top) * plot.h;
    parts.push(
      `<text x="${plot.x + plot.w / 2}" y="${py + 30}" font-family="${font}" font-size="20" font-weight="bold" text-anchor="middle">` +
        `${esc(OP_LABELS[op])}</text>`,
    );
    for (let v = 0; v <= top + step / 1000; v += step) {
      const y = sy(v);
      parts.push(
        `<line x1="${plot.x}" y1="${y}" x2="${plot.x + plot.w}" y2="${y}" stroke="#e3e3e3" stroke-width="1"/>`,
        `<text x="${plot.x - 10}" y="${y + 5}" font-family="${font}" font-size="14" text-anchor="end">${formatTick(v, step)}</text>`,
      );
    }
    for (const t of xTicks) {
      const x = sx(t);
      parts.push(
        `<line x1="${x}" y1="${plot.y}" x2="${x}" y2="${plot.y + plot.h}" stroke="#efefef" stroke-width="1"/>`,
        `<text x="${x}" y="${plot.y + plot.h + 22}" font-family="${font}" font-size="14" text-anchor="middle"` +
          `${ns.includes(t) ? ' font-weight="bold"' : ' fill="#777"'}>${t}</text>`,
      );
    }
    parts.push(
      `<rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}" fill="none" stroke="#333" stroke-width="1.2"/>`,
      `<text x="${plot.x + plot.w / 2}" y="${plot.y + plot.h + 50}" font-family="${font}" font-size="15" text-anchor="middle">` +
        "records in the environment (log scale)</text>",
    );
    const ly = plot.y + plot.h / 2;
    parts.push(
      `<text x="${px + 28}" y="${ly}" font-family="${font}" font-size="15" text-anchor="middle" transform="rotate(-90 ${px + 28} ${ly})">` +
        "wall time (s)</text>",
    );
    for (const [k, s] of series.entries()) {
      const pts = points[k]!;
      if (pts.length === 0) continue;
      parts.push(
        `<polyline points="${pts.map((p) => `${fmt(sx(p.n), 1)},${fmt(sy(p.value), 1)}`).join(" ")}" fill="none" stroke="${s.color}" stroke-width="${s.marker === "none" ? 2 : 3}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
      );
      for (const p of pts) {
        const x = sx(p.n);
        if (p.runs.length > 1) {
          // Whisker: the fastest and slowest of the rounds (the point is their median).
          const wx = x + (k - 1) * 4;
          const [lo, hi] = [sy(Math.min(...p.runs)), sy(Math.max(...p.runs))];
          parts.push(
            `<line x1="${fmt(wx, 1)}" y1="${fmt(lo, 1)}" x2="${fmt(wx, 1)}" y2="${fmt(hi, 1)}" stroke="${s.color}" stroke-width="1.5"/>`,
          );
        }
        parts.push(marker(s, x, sy(p.value)));
        if (s.marker !== "none") {
          parts.push(
            `<text x="${fmt(x + 8, 1)}" y="${fmt(sy(p.value) - 8, 1)}" font-family="${font}" font-size="12" fill="${s.color}">${fmt(p.value, p.value < 10 ? 2 : 1)}</text>`,
          );
        }
      }
    }
  }
  parts.push("</svg>");
  return parts.join("\n");
}

function marker(s: Series, x: number, y: number): string {
  const [cx, cy] = [fmt(x, 1), fmt(y, 1)];
  switch (s.marker) {
    case "circle":
      return `<circle cx="${cx}" cy="${cy}" r="6" fill="${s.color}" stroke="#fff" stroke-width="1.5"/>`;
    case "square":
      return `<rect x="${fmt(x - 6, 1)}" y="${fmt(y - 6, 1)}" width="12" height="12" fill="${s.color}" stroke="#fff" stroke-width="1.5"/>`;
    case "triangle":
      return `<polygon points="${fmt(x, 1)},${fmt(y - 7, 1)} ${fmt(x - 7, 1)},${fmt(y + 6, 1)} ${fmt(x + 7, 1)},${fmt(y + 6, 1)}" fill="${s.color}" stroke="#fff" stroke-width="1.5"/>`;
    case "none":
      return "";
  }
}

function niceScale(max: number): { step: number; top: number } {
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return { step, top: Math.ceil(max / step) * step };
}

function formatTick(value: number, step: number): string {
  const text = String(round(step, 6));
  return value.toFixed(text.includes(".") ? text.split(".")[1]!.length : 0);
}
