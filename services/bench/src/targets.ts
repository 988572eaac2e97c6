/** How a figure is compared with its limit. */
export type TargetOp = '>=' | '<=' | '>';

/** A target from the performance issue, before it is measured. */
export interface TargetDef {
  readonly id: string;
  readonly description: string;
  readonly unit: 'x' | 'ms' | 'MB' | 'fetches';
  readonly op: TargetOp;
  readonly limit: number;
}

/** met / NOT met; `invalid` when a run it depends on answered wrongly; `skipped` when not run. */
export type TargetStatus = 'met' | 'NOT met' | 'invalid' | 'skipped';

/** A target with its measured figure. */
export interface TargetResult extends TargetDef {
  readonly measured: number | undefined;
  readonly status: TargetStatus;
  /** Why it is invalid or skipped, or what bounds it. */
  readonly detail?: string;
}

function holds(value: number, op: TargetOp, limit: number): boolean {
  switch (op) {
    case '>=':
      return value >= limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
  }
}

/**
 * Checks a measured figure against its target; problems of the runs behind it make it invalid.
 * `note` (e.g. the CPU-based ratio) is kept as the detail of a met or missed target.
 */
export function checkTarget(def: TargetDef, measured: number | undefined, problems: readonly string[] = [], note?: string): TargetResult {
  if (problems.length > 0) return { ...def, measured, status: 'invalid', detail: problems.join('; ') };
  if (measured === undefined || !Number.isFinite(measured)) return { ...def, measured: undefined, status: 'skipped', detail: 'not measured' };
  return { ...def, measured, status: holds(measured, def.op, def.limit) ? 'met' : 'NOT met', ...(note ? { detail: note } : {}) };
}

/** A target that was not run in this invocation (e.g. `--only`, or PostgreSQL unreachable). */
export function skippedTarget(def: TargetDef, why: string): TargetResult {
  return { ...def, measured: undefined, status: 'skipped', detail: why };
}

/** A figure with its unit, as the tables print it. */
export function formatFigure(value: number | undefined, unit: TargetDef['unit']): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'x':
      return `${value.toFixed(2)}x`;
    case 'ms':
      return `${Math.round(value)} ms`;
    case 'MB':
      return `${value.toFixed(1)} MB`;
    case 'fetches':
      return String(value);
  }
}
