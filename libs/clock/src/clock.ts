/** Where every service reads the time, so tests and demos can move it (docs/ARCHITECTURE.md#scheduling). */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** Real time shifted by an offset; the offset is set through /internal/clock in tests and demos. */
export class AdjustableClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Makes `now()` read `instant` at this moment; time then keeps running from there. */
  setNow(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
}
