/** The figures of a benchmark run: the table printed to the terminal and the JSON kept in bench/results/. */

export interface Target {
  /** `max`: the value must be at most `value`; `min`: at least. */
  kind: "max" | "min";
  value: number;
}

export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** How many runs the median (or the figure) is taken over. */
  runs: number;
  target?: Target;
  /** Set from the target: whether the value meets it. */
  met?: boolean;
  note?: string;
}

export function figure(fields: Omit<Figure, "met">): Figure {
  const { target, value } = fields;
  if (!Number.isFinite(value)) return { ...fields };
  return target ? { ...fields, met: target.kind === "max" ? value <= target.value : value >= target.value } : { ...fields };
}

/** A number with about three significant digits, grouped by thousands. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function cell(value: number, unit: string): string {
  return unit === "×" ? `${formatNumber(value)}×` : `${formatNumber(value)} ${unit}`;
}

/** The figures as a Markdown table (readable in a terminal and pasteable into bench/README.md). */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.section,
    f.name,
    cell(f.value, f.unit),
    f.target ? `${f.target.kind === "max" ? "≤" : "≥"} ${cell(f.target.value, f.unit)}` : "",
    f.met === undefined ? "" : f.met ? "yes" : "NO",
    String(f.runs),
    f.note ?? "",
  ]);
  const header = ["area", "figure", "value", "target", "met", "runs", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
