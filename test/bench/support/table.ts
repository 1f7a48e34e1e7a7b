// Prints a benchmark table: case, Berth, baseline, ratio, target, and whether the target is met.
export interface BenchRow {
  case: string;
  berth: number;
  baseline: number;
  unit: string;
  /** Largest acceptable berth/baseline ratio. */
  maxRatio: number;
}

export function printTable(title: string, rows: BenchRow[]): void {
  const lines = rows.map((r) => {
    const ratio = r.baseline > 0 ? r.berth / r.baseline : Number.NaN;
    return [
      r.case,
      `${r.berth.toFixed(1)} ${r.unit}`,
      `${r.baseline.toFixed(1)} ${r.unit}`,
      Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—',
      `≤ ${r.maxRatio.toFixed(2)}×`,
      Number.isFinite(ratio) && ratio <= r.maxRatio ? 'met' : 'MISSED',
    ];
  });
  const header = ['case', 'Berth', 'baseline', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${title}\n${row(header)}\n${row(widths.map((w) => '-'.repeat(w)))}\n${lines.map(row).join('\n')}\n`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
