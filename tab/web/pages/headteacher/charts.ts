// Inline SVG charts, drawn from the same numbers as the table beside each one. Colours come from the
// theme's CSS (classes, not inline fills), so the three Teams themes each get a legible chart.
const SVG = "http://www.w3.org/2000/svg";

function svgEl(tag: string, attributes: Readonly<Record<string, string | number>> = {}, text?: string): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

export interface StackedBar {
  readonly label: string;
  readonly parts: ReadonlyArray<{ readonly value: number; readonly className: string; readonly name: string }>;
}

let chartCount = 0;

/** Horizontal stacked bars, one per row, each with its numbers written beside it. */
export function stackedBarChart(title: string, bars: readonly StackedBar[]): SVGElement {
  const id = `chart-${++chartCount}`;
  const width = 800;
  const labelWidth = 230;
  const barWidth = 220;
  const rowHeight = 34;
  const height = bars.length * rowHeight + 8;
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-labelledby": `${id}-title`, class: "chart" });
  svg.append(svgEl("title", { id: `${id}-title` }, title));
  bars.forEach((bar, row) => {
    const y = row * rowHeight + 4;
    const total = bar.parts.reduce((sum, part) => sum + part.value, 0);
    svg.append(svgEl("text", { x: 0, y: y + 18, class: "chart-label" }, truncate(bar.label, 30)));
    let x = labelWidth;
    for (const part of bar.parts) {
      const w = total ? (part.value / total) * barWidth : 0;
      if (w > 0) svg.append(svgEl("rect", { x, y, width: w, height: 24, class: `bar ${part.className}` }));
      x += w;
    }
    const numbers = bar.parts.map((part) => `${part.value} ${part.name}`).join(", ");
    svg.append(svgEl("text", { x: labelWidth + barWidth + 8, y: y + 18, class: "chart-number" }, numbers));
  });
  return svg;
}

export interface Series {
  readonly name: string;
  readonly className: string;
  readonly values: readonly number[];
}

/** Lines over weeks (or months), scaled to `max`, with the last value of each series written at its end. */
export function lineChart(title: string, xLabels: readonly string[], series: readonly Series[], max: number): SVGElement {
  const id = `chart-${++chartCount}`;
  const width = 640;
  const height = 220;
  const left = 40;
  const right = 150;
  const top = 10;
  const bottom = 30;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-labelledby": `${id}-title`, class: "chart" });
  svg.append(svgEl("title", { id: `${id}-title` }, title));
  const scaleMax = Math.max(1, max);
  const xAt = (i: number) => left + (xLabels.length > 1 ? (i / (xLabels.length - 1)) * plotWidth : plotWidth / 2);
  const yAt = (v: number) => top + plotHeight - (v / scaleMax) * plotHeight;
  svg.append(svgEl("line", { x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight, class: "axis" }));
  svg.append(svgEl("line", { x1: left, y1: top, x2: left, y2: top + plotHeight, class: "axis" }));
  svg.append(svgEl("text", { x: left - 6, y: top + 4, class: "chart-number", "text-anchor": "end" }, String(scaleMax)));
  svg.append(svgEl("text", { x: left - 6, y: top + plotHeight, class: "chart-number", "text-anchor": "end" }, "0"));
  const step = Math.max(1, Math.ceil(xLabels.length / 6));
  xLabels.forEach((label, i) => {
    if (i % step === 0 || i === xLabels.length - 1) {
      svg.append(svgEl("text", { x: xAt(i), y: height - 8, class: "chart-label", "text-anchor": "middle" }, label));
    }
  });
  series.forEach((line, index) => {
    const points = line.values.map((v, i) => `${xAt(i)},${yAt(v)}`).join(" ");
    svg.append(svgEl("polyline", { points, class: `line ${line.className}`, fill: "none" }));
    // A dot per week, so a campaign one week old still shows its point.
    line.values.forEach((v, i) => svg.append(svgEl("circle", { cx: xAt(i), cy: yAt(v), r: 3.5, class: `dot ${line.className}` })));
    const last = line.values.at(-1) ?? 0;
    svg.append(svgEl("text", { x: left + plotWidth + 8, y: top + 14 + index * 18, class: `chart-number ${line.className}-text` }, `${truncate(line.name, 16)}: ${last}`));
  });
  return svg;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
