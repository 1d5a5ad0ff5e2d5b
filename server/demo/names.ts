// Plausible Chinese personal names for the demo population: surnames weighted by how common they
// are (national frequency, nudged towards Sichuan), given names drawn from the fashions of the
// decade a person was born in, so a grandmother is 秀英 and her granddaughter 梓涵.
import type { Rng } from "./random.js";

/** Surname and weight (≈ per mille of the population). */
// biome-ignore format: a table reads better in rows
export const SURNAMES: readonly (readonly [string, number])[] = [
  ["李", 75], ["王", 68], ["张", 64], ["刘", 55], ["陈", 48], ["杨", 34], ["黄", 25], ["赵", 21],
  ["吴", 20], ["周", 19], ["罗", 15], ["何", 15], ["徐", 14], ["孙", 13], ["胡", 13], ["朱", 12],
  ["马", 12], ["郭", 11], ["高", 11], ["林", 10], ["邓", 10], ["曾", 10], ["彭", 9], ["唐", 9],
  ["郑", 8], ["梁", 8], ["谢", 8], ["宋", 7], ["许", 7], ["韩", 6], ["冯", 6], ["曹", 6],
  ["肖", 6], ["廖", 6], ["袁", 6], ["田", 5], ["董", 5], ["潘", 5], ["蔡", 5], ["蒋", 5],
  ["余", 5], ["于", 4], ["杜", 4], ["叶", 4], ["程", 4], ["魏", 4], ["苏", 4], ["吕", 4],
  ["丁", 4], ["任", 4], ["卢", 4], ["姚", 4], ["沈", 3], ["钟", 3], ["姜", 3], ["崔", 3],
  ["谭", 3], ["陆", 3], ["范", 3], ["汪", 3], ["石", 3], ["金", 3], ["贾", 3], ["夏", 3],
  ["付", 3], ["方", 3], ["邹", 3], ["熊", 3], ["白", 3], ["孟", 2], ["秦", 2], ["邱", 2],
  ["侯", 2], ["江", 2], ["尹", 2], ["薛", 2], ["段", 2], ["雷", 2], ["龙", 2], ["黎", 2],
  ["史", 2], ["陶", 2], ["贺", 2], ["毛", 2], ["郝", 2], ["顾", 2], ["龚", 2], ["邵", 2],
  ["万", 2], ["严", 1], ["戴", 1], ["莫", 1], ["孔", 1], ["向", 1], ["汤", 1], ["康", 1],
  ["易", 1], ["赖", 1], ["文", 1], ["冉", 1], ["欧阳", 0.6], ["司马", 0.1], ["上官", 0.1],
];

type Era = "old" | "middle" | "young" | "child";
type Pool = { male: readonly string[]; female: readonly string[] };

// Given names popular in each period; single characters are names of their own.
const GIVEN: Record<Era, Pool> = {
  old: {
    male: "建国 国强 建华 志明 德明 永福 国庆 福贵 荣华 文华 玉林 学文 长林 树林 德胜 振华 卫东 建军 保国 光明 世华 志刚 德才 桂林 明德 洪 军 华 明 忠".split(
      " ",
    ),
    female:
      "秀英 桂英 秀兰 玉兰 桂兰 淑珍 玉珍 凤英 秀珍 桂芳 素芳 玉梅 秀芳 淑英 金凤 兰英 春兰 淑华 素珍 玉华 翠兰 慧 芳 英 珍".split(
        " ",
      ),
  },
  middle: {
    male: "伟 强 勇 军 磊 涛 斌 杰 刚 平 辉 鹏 建华 志强 海涛 建平 晓东 文斌 小龙 红兵 卫国 志勇 晓明 宏伟 永刚 国华 俊峰 利民 春雷 建兵 德勇".split(
      " ",
    ),
    female:
      "丽 静 敏 燕 艳 娟 霞 芳 红 玲 丽华 秀梅 红梅 晓燕 海燕 雪梅 春燕 丽娟 晓红 玉洁 美玲 小红 冬梅 丽萍 彩霞 晓丽 建英 莉".split(
        " ",
      ),
  },
  young: {
    male: "浩 宇 鑫 杰 超 帅 鹏 浩然 宇航 子豪 俊杰 文博 志鹏 明轩 一帆 天宇 嘉豪 晨阳 思远 泽宇 博文 家豪 皓轩 子健 振宇 雨泽 凯 晨".split(
      " ",
    ),
    female: "婷 雪 倩 悦 琳 佳 欣 婷婷 雨欣 思雨 佳怡 欣怡 梦琪 诗涵 雨婷 晓雪 佳琪 可欣 心怡 雅婷 静怡 梦瑶 蕾 颖 璐".split(" "),
  },
  child: {
    male: "子轩 浩宇 宇轩 梓豪 沐辰 一诺 俊宇 奕辰 子墨 宇泽 梓睿 铭泽 锦程 博远 子皓 梓航 承泽 景行 睿 辰 皓 航 泽".split(" "),
    female: "梓涵 欣妍 子涵 梓萱 可馨 语桐 若汐 雨桐 依诺 思彤 芷若 一一 语汐 沐晴 安琪 语嫣 星冉 芊芊 诗琪 悦 彤 萱".split(" "),
  },
};

/** Non-Chinese holders of passports (transliterated as they would be registered). */
export const FOREIGN_NAMES = [
  "约翰·史密斯",
  "玛丽亚·加西亚",
  "大卫·米勒",
  "安娜·施密特",
  "金敏俊",
  "佐藤健",
  "阮文雄",
  "田中由美",
  "朴智妍",
  "彼得·约翰逊",
  "露西·马丁",
  "伊万·彼得罗夫",
] as const;

const twoChar = (pool: Pool): Pool => ({
  male: pool.male.filter((n) => n.length === 2),
  female: pool.female.filter((n) => n.length === 2),
});
const TWO_CHAR: Record<Era, Pool> = {
  old: twoChar(GIVEN.old),
  middle: twoChar(GIVEN.middle),
  young: twoChar(GIVEN.young),
  child: twoChar(GIVEN.child),
};

function eraOf(birthYear: number): Era {
  if (birthYear < 1962) return "old";
  if (birthYear < 1987) return "middle";
  if (birthYear < 2008) return "young";
  return "child";
}

export function pickSurname(rng: Rng, not?: string): string {
  for (;;) {
    const s = rng.weighted(SURNAMES);
    if (s !== not) return s;
  }
}

/** A given name in the fashion of the birth year: mostly a known name, sometimes two of its characters recombined. */
export function givenName(rng: Rng, sex: "male" | "female", birthYear: number): string {
  const pool = GIVEN[eraOf(birthYear)][sex];
  const name = rng.pick(pool);
  if (name.length === 1 || rng.chance(0.65)) return name;
  const other = rng.pick(TWO_CHAR[eraOf(birthYear)][sex]);
  return name[0] + other[1];
}

export function personName(rng: Rng, sex: "male" | "female", birthYear: number, surname?: string): string {
  return (surname ?? pickSurname(rng)) + givenName(rng, sex, birthYear);
}
