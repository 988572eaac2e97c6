import { describeMachine } from '@app/testkit';
import { formatFigure, type TargetResult } from '../targets.js';
import type { BenchReport, ComparisonSection } from './bench-report.js';

/** Where the markdown goes: its own file (headings from `##`) or the README's section (from `###`). */
export interface MarkdownOptions {
  /** Level of the top headings (2 for latest.md, 3 inside the README's Performance section). */
  readonly headingLevel: number;
  /** The chart's path relative to the markdown file. */
  readonly chartPath: string;
  /** A title line for a file of its own; none inside the README. */
  readonly title?: string;
}

/** A table cell: no raw pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function limitText(t: TargetResult): string {
  return `${t.op} ${formatFigure(t.limit, t.unit)}`;
}

function statusText(t: TargetResult): string {
  const label = t.status === 'met' ? 'met' : t.status === 'NOT met' ? '**NOT met**' : t.status;
  return t.detail ? `${label} (${t.detail})` : label;
}

function sectionTable(section: ComparisonSection): string {
  return table(
    ['server', 'req/s', 'p50', 'p99', 'server CPU per request', 'checked responses'],
    section.rows.map((r) => [
      r.label,
      Number.isFinite(r.rps) ? String(Math.round(r.rps)) : 'n/a',
      `${r.p50Ms} ms`,
      `${r.p99Ms} ms`,
      Number.isFinite(r.cpuUs) ? `${Math.round(r.cpuUs)} µs` : 'n/a',
      r.problems.length === 0 ? `all as expected (${r.rounds} rounds)` : `INVALID: ${r.problems.join('; ')}`,
    ]),
  );
}

/** The results as markdown: settings and machine, the targets (met or not), each comparison, the other figures. */
export function renderMarkdown(report: BenchReport, options: MarkdownOptions): string {
  const h = (level: number) => '#'.repeat(options.headingLevel + level);
  const s = report.settings;
  const parts: string[] = [];
  if (options.title) parts.push(`${'#'.repeat(Math.max(1, options.headingLevel - 1))} ${options.title}`);
  parts.push(
    [
      `Measured ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${describeMachine(report.machine)}.`,
      `Command: \`${s.command}\` (${s.rounds} alternated rounds of ${s.durationS} s per contender after a ${s.warmupS} s warm-up, ` +
        `${s.connections} connections, suites ${s.suites.join(', ')}; ${report.elapsedS} s in all). ` +
        'The load generator (autocannon) runs in the bench process and shares the cores with the server under test.',
    ].join('\n'),
  );
  parts.push(`${h(0)} Targets`);
  parts.push(table(['target', 'measured', 'limit', 'status'], report.targets.map((t) => [t.description, formatFigure(t.measured, t.unit), limitText(t), statusText(t)])));
  parts.push(`![Ratios against the targets](${options.chartPath})`);
  for (const section of report.sections) {
    parts.push(`${h(0)} ${section.title}`);
    if (section.note) parts.push(section.note);
    parts.push(sectionTable(section));
  }
  if (report.facts.length > 0) {
    parts.push(`${h(0)} Other figures`);
    parts.push(report.facts.map((f) => `- ${f.label}: ${f.value}`).join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
