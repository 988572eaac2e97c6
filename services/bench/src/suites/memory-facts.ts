import type { ServiceProcess } from '@app/testkit';
import type { Fact } from '../report/bench-report.js';
import { checkTarget, type TargetResult } from '../targets.js';

/** The services of this repository; the rest are peers, reported for comparison. */
const SERVICES = new Set(['auth', 'posts-sqlite', 'posts-pg']);
const LIMIT_MB = 150;

/** Peak RSS (VmHWM) of every process after all the load, with the target for the services. */
export async function memoryFacts(processes: readonly ServiceProcess[]): Promise<{ facts: Fact[]; targets: TargetResult[] }> {
  const peaks = await Promise.all(processes.map(async (p) => ({ name: p.name, bytes: await p.peakRss() })));
  const mb = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / 2 ** 20);
  return {
    facts: [
      {
        label: 'peak RSS (VmHWM) after the load',
        value: peaks.map((p) => `${p.name} ${mb(p.bytes)?.toFixed(1) ?? 'n/a'} MB`).join(', '),
      },
    ],
    targets: peaks
      .filter((p) => SERVICES.has(p.name))
      .map((p) =>
        checkTarget({ id: `memory/${p.name}`, description: `${p.name} peak RSS under the load above`, unit: 'MB', op: '<=', limit: LIMIT_MB }, mb(p.bytes)),
      ),
  };
}
