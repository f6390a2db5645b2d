import { afterEach, describe, expect, it } from "vitest";
import { Deadlines, type Expiring } from "../../src/runtime/deadlines.js";
import { delay } from "./harness.js";

interface Entry extends Expiring {
  readonly name: string;
}

const entry = (name: string, timeoutMs: number): Entry => ({ name, timeoutMs, deadline: 0 });

describe("Deadlines: one timer for many timeouts (docs/protocol.md#correlation-data)", () => {
  const expired: { name: string; lateMs: number }[] = [];
  const started = new Map<string, number>();
  const deadlines = new Deadlines<Entry>((e) =>
    expired.push({ name: e.name, lateMs: performance.now() - (started.get(e.name) ?? 0) - e.timeoutMs }),
  );
  const add = (e: Entry) => {
    started.set(e.name, performance.now());
    deadlines.add(e);
  };
  afterEach(() => {
    expired.length = 0;
    started.clear();
  });

  it("expires entries with different timeouts in deadline order, none early", async () => {
    // Added in an order that is not deadline order, with repeated and distinct timeouts.
    const entries = [entry("c", 90), entry("a", 20), entry("b", 50), entry("a2", 20), entry("d", 0)];
    for (const e of entries) add(e);
    await delay(140);
    // Deadline order is ["d", "a", "a2", "b", "c"] when the adds take no time; on a loaded machine they can
    // take longer than 20 ms, so the order expected is that of the deadlines the entries were given.
    const byDeadline = [...entries].sort((x, y) => x.deadline - y.deadline).map((e) => e.name);
    expect(expired.map((e) => e.name)).toEqual(byDeadline);
    for (const e of expired) expect(e.lateMs).toBeGreaterThanOrEqual(0);
  });

  it("never expires an entry deleted before its deadline, including the one the timer is armed for", async () => {
    const first = entry("first", 20);
    const second = entry("second", 120);
    add(first);
    add(second);
    add(entry("third", 150));
    deadlines.delete(first);
    await delay(30);
    deadlines.delete(second);
    await delay(170);
    expect(expired.map((e) => e.name)).toEqual(["third"]);
    // Deleting an entry again, or one that already expired, does nothing.
    deadlines.delete(second);
    deadlines.delete(first);
  });

  it("re-arms for a later entry added after an earlier one was deleted", async () => {
    const early = entry("early", 10);
    add(early);
    deadlines.delete(early);
    add(entry("late", 120));
    await delay(25);
    expect(expired).toEqual([]);
    await delay(145);
    expect(expired.map((e) => e.name)).toEqual(["late"]);
  });

  it("arms earlier when a shorter timeout comes after a longer one", async () => {
    add(entry("long", 200));
    add(entry("short", 15));
    await delay(60);
    expect(expired.map((e) => e.name)).toEqual(["short"]);
    await delay(180);
    expect(expired.map((e) => e.name)).toEqual(["short", "long"]);
  });
});
