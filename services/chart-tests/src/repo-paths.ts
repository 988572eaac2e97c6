import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in services/chart-tests/{src,dist}). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the charts live. */
export const CHARTS_DIR = resolve(REPO_ROOT, 'charts');

/** The script that puts helm and kubectl into `.tools/bin`. */
export const ENSURE_TOOLS = resolve(REPO_ROOT, 'k8s/scripts/ensure-tools.sh');

/** The helm binary ensure-tools.sh provides (v3 or v4 from PATH, else v4). */
export const TOOLS_HELM = resolve(REPO_ROOT, '.tools/bin/helm');

/** The Helm 3 binary ensure-tools.sh provides, to prove the charts with Helm 3 too. */
export const TOOLS_HELM3 = resolve(REPO_ROOT, '.tools/bin/helm3');

/** The compiled entry point of a service, as the image's `CMD ["node", "dist/main.js"]` runs it. */
export function serviceDir(app: string): string {
  return resolve(REPO_ROOT, 'services', app);
}
