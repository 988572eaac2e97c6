/** A clock tests move by hand, so time-dependent behaviour needs no sleeps. */
export class TestClock {
  constructor(public nowMs = Date.UTC(2026, 11, 4, 10, 0, 0)) {}

  /** Usable as a `Clock`. */
  readonly now = (): number => this.nowMs;

  advance(seconds: number): void {
    this.nowMs += seconds * 1000;
  }
}
