/** Renders rows as an aligned plain-text table for the terminal. Numbers align right. */
export function textTable(headers: string[], rows: string[][], maxRows = 50): string {
  const shown = rows.slice(0, maxRows);
  const widths = headers.map((h, i) => Math.max(h.length, ...shown.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map(
    (_, i) => shown.length > 0 && shown.every((r) => /^[-+−$]?[\d,.]+[%KMB]?$|^n\/a$/.test(r[i] ?? '')),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...shown.map(line)];
  if (rows.length > shown.length) out.push(`… ${rows.length - shown.length} more rows`);
  return out.join('\n');
}
