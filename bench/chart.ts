// The chart of bench/scaling.png: wall time of each Pulumi operation against N, for the Bluejay
// program and the trivial one, as SVG text; and the PNG of it. No files are read or written here.
import { Resvg } from "@resvg/resvg-js";
import { OP_LABELS, SCALED_OPS, type Program } from "./config";
import type { BenchResults, Environment, ScalingRow } from "./results";
import { fmt, round } from "./stats";

/** The chart of a results file's scaling rows. */
export function renderResultsChart(results: BenchResults): string {
  return renderChart(results.scaling.rows, results.environment);
}

/** PNG bytes of an SVG, with the system's fonts (DejaVu Sans preferred). */
export function renderPng(svg: string): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } })
    .render()
    .asPng();
}

export function renderChart(rows: ScalingRow[], environment: Environment): string {
  const W = 1400;
  const H = 1070;
  const font = "DejaVu Sans, sans-serif";
  const colors: Record<Program, string> = { bluejay: "#1f5fbf", trivial: "#e07b00" };
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  parts.push(
    `<text x="${W / 2}" y="40" font-family="${font}" font-size="26" font-weight="bold" text-anchor="middle">` +
      "pulumi-bluejay: wall time of each Pulumi operation vs number of resources N</text>",
  );
  parts.push(
    `<text x="${W / 2}" y="70" font-family="${font}" font-size="16" fill="#444" text-anchor="middle">` +
      esc(
        `Bluejay Community program vs trivial dynamic resources (no HTTP) · local file backend · emulator on loopback · ` +
          `${String(environment.cpuModel)}, ${String(environment.cpus)} CPUs · ${String(environment.date).slice(0, 10)}`,
      ) +
      "</text>",
    `<text x="${W / 2}" y="92" font-family="${font}" font-size="15" fill="#444" text-anchor="middle">` +
      esc(
        "Each point is the median over the rounds run for that N; whiskers span the fastest and slowest round.",
      ) +
      "</text>",
  );
  // Legend
  const legendY = 124;
  const legend: [Program, string, string][] = [
    ["bluejay", "Bluejay program (N Community resources)", ""],
    ["trivial", "Trivial program (N no-op dynamic resources)", "8 6"],
  ];
  let lx = W / 2 - 420;
  for (const [program, label, dash] of legend) {
    parts.push(
      `<line x1="${lx}" y1="${legendY}" x2="${lx + 50}" y2="${legendY}" stroke="${colors[program]}" stroke-width="3"` +
        `${dash ? ` stroke-dasharray="${dash}"` : ""}/>`,
    );
    parts.push(marker(program, lx + 25, legendY, colors[program]));
    parts.push(
      `<text x="${lx + 62}" y="${legendY + 6}" font-family="${font}" font-size="17">${esc(label)}</text>`,
    );
    lx += 440;
  }

  const ns = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
  const xMin = Math.log10(Math.min(...ns) / 1.6);
  const xMax = Math.log10(Math.max(...ns) * 1.8);
  const xTicks = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].filter(
    (t) => Math.log10(t) >= xMin && Math.log10(t) <= xMax,
  );
  const panelW = (W - 60) / 2;
  const panelH = (H - 160) / 2;
  for (const [i, op] of SCALED_OPS.entries()) {
    const px = 30 + (i % 2) * panelW;
    const py = 150 + Math.floor(i / 2) * panelH;
    const plot = { x: px + 90, y: py + 50, w: panelW - 130, h: panelH - 130 };
    const opRows = rows.filter((r) => r.op === op).sort((a, b) => a.n - b.n);
    const maxY = Math.max(...opRows.flatMap((r) => [...r.bluejaySamples, ...r.trivialSamples]), 0.001);
    const { step, top } = niceScale(maxY * 1.12);
    const sx = (n: number) => plot.x + ((Math.log10(n) - xMin) / (xMax - xMin)) * plot.w;
    const sy = (v: number) => plot.y + plot.h - (v / top) * plot.h;
    parts.push(
      `<text x="${plot.x + plot.w / 2}" y="${py + 30}" font-family="${font}" font-size="20" font-weight="bold" text-anchor="middle">` +
        `${esc(OP_LABELS[op])}</text>`,
    );
    // Grid and y ticks
    for (let v = 0; v <= top + step / 1000; v += step) {
      const y = sy(v);
      parts.push(
        `<line x1="${plot.x}" y1="${y}" x2="${plot.x + plot.w}" y2="${y}" stroke="#e3e3e3" stroke-width="1"/>`,
      );
      parts.push(
        `<text x="${plot.x - 10}" y="${y + 5}" font-family="${font}" font-size="14" text-anchor="end">${formatTick(v, step)}</text>`,
      );
    }
    for (const t of xTicks) {
      const x = sx(t);
      parts.push(
        `<line x1="${x}" y1="${plot.y}" x2="${x}" y2="${plot.y + plot.h}" stroke="#efefef" stroke-width="1"/>`,
      );
      parts.push(
        `<text x="${x}" y="${plot.y + plot.h + 22}" font-family="${font}" font-size="14" text-anchor="middle"` +
          `${ns.includes(t) ? ' font-weight="bold"' : ' fill="#777"'}>${t}</text>`,
      );
    }
    parts.push(
      `<rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}" fill="none" stroke="#333" stroke-width="1.2"/>`,
    );
    parts.push(
      `<text x="${plot.x + plot.w / 2}" y="${plot.y + plot.h + 50}" font-family="${font}" font-size="15" text-anchor="middle">` +
        "N, resources in the stack (log scale)</text>",
    );
    const ly = plot.y + plot.h / 2;
    parts.push(
      `<text x="${px + 28}" y="${ly}" font-family="${font}" font-size="15" text-anchor="middle" transform="rotate(-90 ${px + 28} ${ly})">` +
        "wall time (s)</text>",
    );
    for (const program of ["trivial", "bluejay"] as const) {
      const points = opRows.map(
        (r) => [sx(r.n), sy(program === "bluejay" ? r.bluejaySeconds : r.trivialSeconds)] as const,
      );
      const dash = program === "trivial" ? ' stroke-dasharray="8 6"' : "";
      parts.push(
        `<polyline points="${points.map(([x, y]) => `${fmt(x, 1)},${fmt(y, 1)}`).join(" ")}" fill="none" stroke="${colors[program]}" stroke-width="3"${dash}/>`,
      );
      for (const [j, [x, y]] of points.entries()) {
        const row = opRows[j]!;
        const runs = program === "bluejay" ? row.bluejaySamples : row.trivialSamples;
        if (runs.length > 1) {
          // Whisker: the fastest and slowest of the rounds (the point is their median).
          const wx = x + (program === "bluejay" ? -4 : 4);
          const [lo, hi] = [sy(Math.min(...runs)), sy(Math.max(...runs))];
          parts.push(
            `<line x1="${fmt(wx, 1)}" y1="${fmt(lo, 1)}" x2="${fmt(wx, 1)}" y2="${fmt(hi, 1)}" stroke="${colors[program]}" stroke-width="1.5"/>`,
            `<line x1="${fmt(wx - 4, 1)}" y1="${fmt(lo, 1)}" x2="${fmt(wx + 4, 1)}" y2="${fmt(lo, 1)}" stroke="${colors[program]}" stroke-width="1.5"/>`,
            `<line x1="${fmt(wx - 4, 1)}" y1="${fmt(hi, 1)}" x2="${fmt(wx + 4, 1)}" y2="${fmt(hi, 1)}" stroke="${colors[program]}" stroke-width="1.5"/>`,
          );
        }
        parts.push(marker(program, x, y, colors[program]));
        const value = program === "bluejay" ? row.bluejaySeconds : row.trivialSeconds;
        // Bluejay labels above-left of the point, trivial below-right: times grow with N, so the
        // lines leave each point towards the upper right and arrive from the lower left.
        const [lx, ly2, anchor] =
          program === "bluejay"
            ? [x - 8, Math.min(...runs.map(sy), y) - 9, "end"]
            : [x + 8, Math.min(Math.max(...runs.map(sy), y) + 20, plot.y + plot.h - 5), "start"];
        parts.push(
          `<text x="${fmt(lx, 1)}" y="${fmt(ly2, 1)}" font-family="${font}" font-size="13" fill="${colors[program]}" text-anchor="${anchor}">${fmt(value, value < 10 ? 2 : 1)} s</text>`,
        );
      }
    }
    const r100 = opRows.find((r) => r.n === 100);
    const r500 = opRows.find((r) => r.n === 500);
    if (r100 && r500) {
      parts.push(
        `<text x="${plot.x + 12}" y="${plot.y + 22}" font-family="${font}" font-size="14" fill="#333">` +
          esc(
            `t(500)/t(100): Bluejay ${fmt(r500.bluejaySeconds / r100.bluejaySeconds)}×, ` +
              `trivial ${fmt(r500.trivialSeconds / r100.trivialSeconds)}×`,
          ) +
          "</text>",
      );
    }
  }
  parts.push("</svg>");
  return parts.join("\n");
}

function marker(program: Program, x: number, y: number, color: string): string {
  return program === "bluejay"
    ? `<circle cx="${fmt(x, 1)}" cy="${fmt(y, 1)}" r="6" fill="${color}" stroke="#fff" stroke-width="1.5"/>`
    : `<rect x="${fmt(x - 6, 1)}" y="${fmt(y - 6, 1)}" width="12" height="12" fill="${color}" stroke="#fff" stroke-width="1.5"/>`;
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
