import { cpus, loadavg, totalmem } from 'node:os';
import type { SavedCase } from './case-report.js';

/** The machine the figures were measured on, in one line, with how busy it was (`load` = 1-minute load average). */
export function machineLine(load: number = loadavg()[0] ?? 0): string {
  const cpu = cpus();
  return (
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}, ` +
    `load average ${load.toFixed(1)} when the run started`
  );
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The markdown results: how it was run, then one row per case. */
export function formatResults(cases: readonly SavedCase[], when: Date, machine: string): string {
  const profile = cases[0]?.profile ?? 'unknown';
  const rows = [...cases]
    .sort((a, b) => a.order - b.order)
    .map((c) => `| ${cell(c.title)} | ${cell(c.load)} | ${cell(c.measured)} | ${cell(c.target)} | ${c.passed ? 'yes' : '**no**'} |`);
  return [
    `Profile \`${profile}\`, ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC, on ${machine}; the load generator runs on the same machine as both services.`,
    '',
    '| Case | Load and fault | Measured | Target | Met |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** `text` with the part between `<!-- reliability:start -->` and `<!-- reliability:end -->` replaced by `block`. */
export function replaceReliabilitySection(text: string, block: string): string {
  const pattern = /(<!-- reliability:start -->\n)[\s\S]*?(<!-- reliability:end -->)/;
  if (!pattern.test(text)) throw new Error('the README lacks the <!-- reliability:start --> / <!-- reliability:end --> markers');
  return text.replace(pattern, (_m, open: string, close: string) => `${open}${block}${close}`);
}
