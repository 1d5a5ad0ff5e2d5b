import { describe, expect, it } from "vitest";
import { BIGRAM_MARK, STOP_WORDS, searchTokens, tokens } from "./tokenize.js";

describe("dispatch tokens", () => {
  const text = "我是翠微花园3号楼的住户，楼下的井盖不见了！！请你们尽快处理，2024年已经反映过。";
  const words = tokens(text).filter((t) => !t.startsWith(BIGRAM_MARK));

  it("keeps the content words", () => {
    expect(words).toEqual(expect.arrayContaining(["井盖", "不见", "尽快", "处理", "反映"]));
  });

  it("drops stop words, punctuation, whitespace and bare numbers", () => {
    for (const w of words) {
      expect(STOP_WORDS.has(w)).toBe(false);
      expect(w).not.toMatch(/^[\p{P}\p{S}\s]*$/u);
      expect(w).not.toMatch(/^\d+$/);
    }
    expect(words).not.toContain("的");
    expect(words).not.toContain("我");
    expect(words).not.toContain("请");
    expect(words).not.toContain("3");
    expect(words).not.toContain("2024");
  });

  it("adds character bigrams that do not cross punctuation or stop words", () => {
    const bigrams = tokens("私装地锁，占用车位").filter((t) => t.startsWith(BIGRAM_MARK));
    expect(bigrams).toEqual(expect.arrayContaining(["#私装", "#装地", "#地锁", "#占用", "#用车", "#车位"]));
    expect(bigrams).not.toContain("#锁占");
    expect(tokens("井盖的边").filter((t) => t.startsWith(BIGRAM_MARK))).not.toContain("#盖边");
  });

  it("lower-cases Latin words and survives empty or symbol-only text", () => {
    expect(tokens("KTV 半夜很吵")).toContain("ktv");
    expect(tokens("")).toEqual([]);
    expect(tokens("！？。… 123")).toEqual([]);
  });

  it("gives unique search words without bigrams", () => {
    const s = searchTokens("路灯不亮，路灯杆歪了，路灯");
    expect(new Set(s).size).toBe(s.length);
    expect(s).toContain("路灯");
    expect(s.some((t) => t.startsWith(BIGRAM_MARK))).toBe(false);
  });
});
