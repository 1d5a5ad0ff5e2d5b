import { describe, expect, it } from "vitest";
import { canonicalJson, entryHash, firstBrokenLink, GENESIS, type StoredEntry } from "./chain.js";

function chain(n: number): StoredEntry[] {
  const out: StoredEntry[] = [];
  let prev = GENESIS;
  for (let i = 1; i <= n; i++) {
    const e = {
      seq: String(i),
      at: new Date(Date.UTC(2026, 10, 25, 0, 0, i)),
      actorId: null,
      actorName: "u",
      action: `a${i}`,
      targetType: null,
      targetId: null,
      summary: { i, nested: { b: 1, a: 2 } },
      ip: "x",
    };
    const hash = entryHash(prev, e);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe("audit hash chain", () => {
  it("holds for an untouched chain", () => {
    expect(firstBrokenLink(chain(5))).toBeNull();
  });
  it("finds an edited entry", () => {
    const c = chain(5);
    c[2] = { ...c[2], summary: { i: 99 } };
    expect(firstBrokenLink(c)).toEqual({ seq: "3", reason: "hash" });
  });
  it("finds a removed entry at the link after it", () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(firstBrokenLink(c)).toEqual({ seq: "3", reason: "prev_hash" });
  });
  it("does not depend on object key order", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe(canonicalJson({ a: [{ c: 2, d: 1 }], b: 1 }));
  });
});
