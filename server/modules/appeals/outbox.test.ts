import { describe, expect, it } from "vitest";
import { LoggingChannel, messageOf, retryDelayMs } from "./outbox.js";

describe("outbox retries", () => {
  it("backs off exponentially from 5 s and caps at an hour", () => {
    expect([0, 1, 2, 3, 4].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(9)).toBe(2_560_000);
    expect(retryDelayMs(10)).toBe(3_600_000);
    expect(retryDelayMs(40)).toBe(3_600_000);
  });
});

describe("notification texts", () => {
  const o = { number: "GZ202603020000001", title: "噪音扰民", resolve_due_at: new Date("2026-03-12T02:00:00Z") };

  it("names the order in Chinese for every notified topic", () => {
    for (const topic of [
      "order.dispatch",
      "order.redispatch",
      "order.warn",
      "order.overdue",
      "order.supervise",
      "order.answer",
      "order.callback",
      "order.return",
      "order.whistle",
    ]) {
      const m = messageOf(topic, o, { reportDueAt: "2026-03-02T04:00:00Z" });
      expect(m?.title).toContain(o.number);
      expect(m?.body).toContain(o.number);
      expect(m?.body).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("gives deadlines in China Standard Time", () => {
    expect(messageOf("order.warn", o, {})?.body).toContain("2026-03-12 10:00");
    expect(messageOf("order.whistle", o, { reportDueAt: "2026-03-02T04:00:00Z" })?.body).toContain("2026-03-02 12:00");
  });

  it("says nothing about topics nobody is notified of", () => {
    expect(messageOf("order.accepted", o, {})).toBeNull();
  });

  it("logs one line per message", async () => {
    const lines: string[] = [];
    await new LoggingChannel((l) => lines.push(l)).send({
      outboxId: "7",
      topic: "order.warn",
      orderId: "x",
      number: o.number,
      title: "t",
      body: "b",
      userIds: ["a", "b"],
    });
    expect(lines).toEqual([`[outbox 7] order.warn ${o.number} → 2 user(s): t`]);
  });
});
