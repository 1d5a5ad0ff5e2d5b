// Chinese tokens for the dispatch classifier and the appeal search index: jieba words (dictionary
// only, no HMM, so results do not depend on the HMM's guesses) without punctuation, numbers and stop
// words, plus character bigrams of the remaining Chinese text, which still match when jieba cuts a
// phrase differently in two appeals (私装地锁 → 私/装/地/锁 here, but 私装/装地/地锁 as bigrams).
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

// Loading the dictionary takes about a quarter of a second; it happens once, on first use.
let jieba: Jieba | undefined;
const cutter = (): Jieba => {
  jieba ??= Jieba.withDict(dict);
  return jieba;
};

/** Words that say nothing about what an appeal is about. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "的 得 了 着 过 在 是 我 我们 我家 有 和 与 及 或 就 都 也 很 请 您 你 你们 他 他们 她 她们 它 它们 这 那 这个 那个 " +
    "这里 那里 这边 那边 这些 那些 个 一个 吗 呢 啊 呀 吧 嘛 哦 嗯 哈 么 把 被 给 让 对 向 从 于 为 以 之 其 该 此 而 并 " +
    "但 但是 还 还是 又 再 就是 已经 一下 一些 有些 自己 大家 人家 现在 目前 因为 所以 如果 然后 而且 并且 比较 非常 特别 " +
    "真的 实在 一直 总是 您好 你好 谢谢 麻烦 同志 那么 这么 这样 那样 什么 能 能否 能不能 可以 可否 要 想 会 去 来 到 说 " +
    "称 上 下 中 里 内 等 等等 啦 哎 唉 喂 吧 呢 咯 哇"
  ).split(/\s+/),
);

const HAN = /\p{Script=Han}/u;
const ALL_HAN = /^\p{Script=Han}+$/u;
const NOISE = /^[\p{P}\p{S}\p{Z}\s]*$/u; // punctuation, symbols and whitespace only
const NUMBER = /^[\d０-９.,:：%％]+$/u; // digits only (house numbers, dates, phone fragments)

/** Marks a bigram feature so it never merges with a two-character word. */
export const BIGRAM_MARK = "#";

function keep(word: string): boolean {
  return !NOISE.test(word) && !NUMBER.test(word) && !STOP_WORDS.has(word);
}

/**
 * Classifier features of a text: kept words (Latin lower-cased) followed by `#xy` bigrams of each run
 * of kept Chinese words; runs break at anything dropped, so a bigram never spans a comma or stop word.
 */
export function tokens(text: string): string[] {
  const out: string[] = [];
  const bigrams: string[] = [];
  let run = "";
  const flush = () => {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) bigrams.push(BIGRAM_MARK + chars[i] + chars[i + 1]);
    run = "";
  };
  for (const raw of cutter().cut(text.normalize("NFKC"), false)) {
    const word = raw.trim().toLowerCase();
    if (!keep(word)) {
      flush();
      continue;
    }
    out.push(word);
    if (ALL_HAN.test(word)) run += word;
    else flush();
  }
  flush();
  return out.concat(bigrams);
}

/** Unique words for a search index (search-mode cut, which also yields the parts of long words). */
export function searchTokens(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of cutter().cutForSearch(text.normalize("NFKC"), false)) {
    const word = raw.trim().toLowerCase();
    if (keep(word) && (word.length > 1 || HAN.test(word))) seen.add(word);
  }
  return [...seen];
}
