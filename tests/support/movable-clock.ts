// A clock the test moves on by whole days, e.g. to make a reminder or the digest fall due.
import type { Clock } from "../../records/types.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export class MovableClock implements Clock {
  private at: number;
  constructor(start: Date | string) {
    this.at = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  advanceDays(days: number): void {
    this.at += days * DAY_MS;
  }
}
