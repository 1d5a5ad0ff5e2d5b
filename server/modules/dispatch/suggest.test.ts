import { describe, expect, it } from "vitest";
import { trainTokens } from "./classifier.js";
import { labelledAppeals } from "./dataset.js";
import { train } from "./classifier.js";
import { suggest } from "./suggest.js";

describe("dispatch suggestion", () => {
  const model = train(labelledAppeals(7, 40));

  it("dispatches a clear appeal to the category's unit", () => {
    const s = suggest(model, "青桐路上的井盖被偷了，露出一个大洞，晚上很危险");
    expect(s.suggestions[0].code).toBe("0402");
    expect(s.suggestions).toHaveLength(3);
    expect(s).toMatchObject({ auto: true, unit: "cgw", reason: "confident", possiblyUrgent: true });
  });

  it("sends to the grid centre when unsure, without a model or without text", () => {
    expect(suggest(model, "你好", { threshold: 0.99 })).toMatchObject({ auto: false, unit: "street", reason: "low_confidence" });
    expect(suggest(null, "井盖没了")).toMatchObject({ auto: false, unit: "street", reason: "no_model", suggestions: [] });
    expect(suggest(model, "   ")).toMatchObject({ auto: false, reason: "empty_text" });
  });

  it("skips labels the catalogue does not know", () => {
    const old = trainTokens(
      [
        { tokens: ["井盖"], label: "retired" },
        { tokens: ["井盖"], label: "0402" },
      ],
      { calibrate: false },
    );
    expect(suggest(old, "井盖").suggestions.map((s) => s.code)).toEqual(["0402"]);
  });
});
