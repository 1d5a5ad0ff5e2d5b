import { describe, expect, it } from "vitest";
import { checkDigit, makeCitizenId, parseCitizenId } from "./citizen-id.js";

const today = new Date("2026-11-25T00:00:00Z");

describe("GB 11643 citizen ID numbers", () => {
  it("accepts a well-known valid number and derives sex and birth date", () => {
    // 11010519491231002X is the standard's own example: a woman born 1949-12-31.
    const r = parseCitizenId("11010519491231002X", today);
    expect(r).toEqual({
      ok: true,
      value: "11010519491231002X",
      info: { sex: "female", birthDate: "1949-12-31", region: "110105" },
    });
  });

  it("accepts a lower-case x and normalises it", () => {
    const r = parseCitizenId("11010519491231002x", today);
    expect(r.ok && r.value).toBe("11010519491231002X");
  });

  it("computes the check digit mod 11, including X for 10", () => {
    expect(checkDigit("11010519491231002")).toBe("X");
    expect(checkDigit("44052418800101001")).toBe("4");
  });

  it("gives an odd sequence a man and an even one a woman", () => {
    const man = parseCitizenId(makeCitizenId("510104", "1990-01-01", 11), today);
    const woman = parseCitizenId(makeCitizenId("510104", "1990-01-01", 12), today);
    expect(man.ok && man.info.sex).toBe("male");
    expect(woman.ok && woman.info.sex).toBe("female");
  });

  it.each([
    ["1101051949123100", "length"],
    ["1101051949123100201", "length"],
    ["11010519491231002Y", "format"],
    ["A1010519491231002X", "format"],
    ["99010519491231002X", "region"],
    ["00010519491231002X", "region"],
  ] as const)("refuses %s (%s)", (value, problem) => {
    expect(parseCitizenId(value, today)).toEqual({ ok: false, problem });
  });

  it("refuses impossible and future birth dates", () => {
    expect(parseCitizenId(makeCitizenId("110105", "1990-02-30", 1), today)).toEqual({ ok: false, problem: "birth_date" });
    expect(parseCitizenId(makeCitizenId("110105", "1899-12-31", 1), today)).toEqual({ ok: false, problem: "birth_date" });
    expect(parseCitizenId(makeCitizenId("110105", "2026-11-26", 1), today)).toEqual({ ok: false, problem: "birth_date" });
    expect(parseCitizenId(makeCitizenId("110105", "2026-11-25", 1), today).ok).toBe(true);
    expect(parseCitizenId(makeCitizenId("110105", "2000-02-29", 1), today).ok).toBe(true);
  });

  it("refuses a wrong check digit", () => {
    expect(parseCitizenId("110105194912310021", today)).toEqual({ ok: false, problem: "check_digit" });
  });
});
