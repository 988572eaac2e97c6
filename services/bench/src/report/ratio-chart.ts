import type { TargetResult } from '../targets.js';

const PLOT_WIDTH = 360;
const VALUE_WIDTH = 110;
/** Rough width of a 12px sans-serif character, to size the label column. */
const CHAR_WIDTH = 6.6;
const ROW = 26;
const TOP = 34;
const BAR_HEIGHT = 16;
const COLORS = { met: '#2e7d32', 'NOT met': '#c62828', invalid: '#9e9e9e', skipped: '#9e9e9e' } as const;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A horizontal bar chart of every ratio target that was measured: one bar per target (green
 * met, red not met, grey invalid), its limit as a black tick. Plain SVG written by hand.
 */
export function renderRatioChart(targets: readonly TargetResult[]): string {
  const ratios = targets.filter((t) => t.unit === 'x' && t.measured !== undefined);
  const scaleMax = Math.max(1, ...ratios.flatMap((t) => [t.measured!, t.limit])) * 1.05;
  const LABEL_WIDTH = Math.ceil(Math.max(200, ...ratios.map((t) => t.description.length * CHAR_WIDTH)) + 20);
  const WIDTH = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
  const x = (value: number) => LABEL_WIDTH + (value / scaleMax) * PLOT_WIDTH;
  const height = TOP + Math.max(1, ratios.length) * ROW + 28;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">Measured ratios (bars) against their targets (black ticks)</text>`,
  ];
  ratios.forEach((t, i) => {
    const y = TOP + i * ROW;
    const measured = t.measured!;
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + 12}" text-anchor="end">${escapeXml(t.description)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${(x(measured) - LABEL_WIDTH).toFixed(1)}" height="${BAR_HEIGHT}" fill="${COLORS[t.status]}"/>`,
      `<line x1="${x(t.limit).toFixed(1)}" y1="${y - 3}" x2="${x(t.limit).toFixed(1)}" y2="${y + BAR_HEIGHT + 3}" stroke="#000000" stroke-width="2"/>`,
      `<text x="${(x(Math.max(measured, t.limit)) + 8).toFixed(1)}" y="${y + 12}">${measured.toFixed(2)}x (${escapeXml(t.op)} ${t.limit}x)</text>`,
    );
  });
  if (ratios.length === 0) parts.push(`<text x="10" y="${TOP + 12}">no ratio was measured</text>`);
  const axisY = TOP + Math.max(1, ratios.length) * ROW + 4;
  parts.push(
    `<line x1="${LABEL_WIDTH}" y1="${axisY}" x2="${x(scaleMax).toFixed(1)}" y2="${axisY}" stroke="#666666"/>`,
    `<line x1="${x(1).toFixed(1)}" y1="${TOP - 6}" x2="${x(1).toFixed(1)}" y2="${axisY}" stroke="#666666" stroke-dasharray="3,3"/>`,
    `<text x="${x(1).toFixed(1)}" y="${axisY + 16}" text-anchor="middle">1x</text>`,
    `<text x="${LABEL_WIDTH}" y="${axisY + 16}" text-anchor="middle">0</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
