export type Lang = "zh" | "en";

const KEY = "gz_lang";
let current: Lang = readStored();

function readStored(): Lang {
  try {
    return typeof localStorage !== "undefined" && localStorage.getItem(KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // storage unavailable: keep in memory only
  }
  if (typeof document !== "undefined") document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
}
