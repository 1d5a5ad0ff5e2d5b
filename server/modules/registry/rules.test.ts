import { describe, expect, it } from "vitest";
import { square } from "../../../test/fixtures.js";
import { codeProblem } from "./areas.rules.js";
import { isValidPolygon, overlaps } from "./geo.js";
import { GridIndex } from "./grid-index.js";
import { ageOn, checkDocument, normalisePhone } from "./residents.rules.js";
import { ngramQuery, pathInScope } from "./scope.js";

describe("data scope", () => {
  const scope = { paths: ["a.b", "a.c.d"] };
  it("sees its own areas and everything below them", () => {
    expect(pathInScope("a.b", scope)).toBe(true);
    expect(pathInScope("a.b.x.y", scope)).toBe(true);
    expect(pathInScope("a.c.d.e", scope)).toBe(true);
  });
  it("does not see parents, siblings or look-alike labels", () => {
    expect(pathInScope("a", scope)).toBe(false);
    expect(pathInScope("a.c", scope)).toBe(false);
    expect(pathInScope("a.bb", scope)).toBe(false);
    expect(pathInScope("a.c.dd.e", scope)).toBe(false);
    expect(pathInScope("a.b", { paths: [] })).toBe(false);
  });
});

describe("grid geometry", () => {
  it("lets neighbours share an edge but refuses any overlap", () => {
    expect(overlaps(square(0, 0, 1), square(1, 0, 1))).toBe(false);
    expect(overlaps(square(0, 0, 1), square(0.999, 0, 1))).toBe(true);
    expect(overlaps(square(0, 0, 1), square(0.25, 0.25, 0.5))).toBe(true);
    expect(overlaps(square(0, 0, 1), square(5, 5, 1))).toBe(false);
  });
  it("refuses open rings and out-of-range coordinates", () => {
    expect(isValidPolygon(square(0, 0))).toBe(true);
    expect(
      isValidPolygon({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      }),
    ).toBe(false);
    expect(
      isValidPolygon({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [200, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toBe(false);
  });
  it("locates points through the index and reports overlapping grids by name", () => {
    const index = new GridIndex();
    index.build([
      { id: "1", name: "一", code: "1", polygon: square(0, 0, 1) },
      { id: "2", name: "二", code: "2", polygon: square(1, 0, 1) },
    ]);
    expect(index.locate(0.5, 0.5)?.id).toBe("1");
    expect(index.locate(1.5, 0.5)?.id).toBe("2");
    expect(index.locate(2.5, 0.5)).toBeNull();
    expect(index.overlapping(square(0.5, 0, 1)).map((g) => g.name)).toEqual(["一", "二"]);
    expect(index.overlapping(square(0, 0, 1), "1")).toEqual([]);
  });
});

describe("area codes", () => {
  it("checks length and the parent prefix per level", () => {
    expect(codeProblem("street", "510199001", "510199")).toBeNull();
    expect(codeProblem("street", "51019900", "510199")).toMatch(/9 digits/);
    expect(codeProblem("community", "510198001001", "510199001")).toMatch(/parent/);
    expect(codeProblem("grid", "510199001001000", "510199001001")).toMatch(/zeros/);
    expect(codeProblem("district", "510199", "510100")).toBeNull();
    expect(codeProblem("district", "520199", "510100")).toMatch(/city/);
  });
});

describe("resident rules", () => {
  it("names the field and reason of a bad ID number", () => {
    expect(checkDocument("resident_id", "110105194912310021")).toEqual({
      ok: false,
      problem: { path: "docNumber", code: "citizen_id_check_digit" },
    });
  });
  it("accepts other documents by shape", () => {
    expect(checkDocument("hk_macao", "H12345678").ok).toBe(true);
    expect(checkDocument("passport", "E1234567").ok).toBe(true);
    expect(checkDocument("taiwan", "1234567").ok).toBe(false);
  });
  it("normalises phone numbers", () => {
    expect(normalisePhone("138 1234 5678")).toBe("13812345678");
    expect(normalisePhone("+8613812345678")).toBe("13812345678");
    expect(normalisePhone("028-87654321")).toBe("02887654321");
    expect(normalisePhone("12812345678")).toBeNull();
  });
  it("counts age in whole years, turning on the birthday itself", () => {
    expect(ageOn("1966-11-25", new Date("2026-11-24T12:00:00Z"))).toBe(59);
    expect(ageOn("1966-11-25", new Date("2026-11-25T00:00:00Z"))).toBe(60);
  });
  it("builds n-gram queries that escape quotes", () => {
    expect(ngramQuery("张三丰")).toBe("'张三' & '三丰'");
    expect(ngramQuery("张")).toBe("'张'");
    expect(ngramQuery("a'b")).toBe("'a''' & '''b'");
    expect(ngramQuery("  ")).toBeNull();
  });
});
