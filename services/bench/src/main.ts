/**
 * `npm run bench`: runs the benchmark suites, prints every target as met / NOT met, and writes
 * results/latest.md, latest.json and ratios.svg (and, with --write-readme, the README section).
 */
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE, UsageError } from './bench-options.js';
import { writeResults } from './report/write-results.js';
import { runBench } from './run-bench.js';
import { formatFigure } from './targets.js';

const argv = process.argv.slice(2);
const log = (line: string) => process.stdout.write(`${line}\n`);
// An interrupted run still stops its servers (a ServiceProcess of @app/testkit kills its child when this process exits).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

let options;
try {
  options = parseBenchArgs(argv, fileURLToPath(new URL('../results', import.meta.url)));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  process.stderr.write(`${err.message}\n${USAGE}\n`);
  process.exit(2);
}
if (options === 'help') {
  log(USAGE);
  process.exit(0);
}

try {
  const report = await runBench(options, ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '), log);
  log('\n== targets');
  for (const t of report.targets) {
    log(`${t.status.padEnd(8)} ${t.description}: ${formatFigure(t.measured, t.unit)} (target ${t.op} ${formatFigure(t.limit, t.unit)})${t.detail ? ` - ${t.detail}` : ''}`);
  }
  for (const f of report.facts) log(`${f.label}: ${f.value}`);
  const readme = options.writeReadme ? fileURLToPath(new URL('../../../README.md', import.meta.url)) : undefined;
  const written = await writeResults(report, options.outDir, readme);
  log(`\nwrote ${Object.values(written).join(', ')}`);
  process.exit(0);
} catch (err) {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}
