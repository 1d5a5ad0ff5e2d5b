// UI strings of the resident's hub (merged into i18n/messages.ts).
export const decideMessages = {
  navDecideHub: { zh: "社区议事", en: "Community affairs" },
  decideHubTitle: { zh: "社区议事", en: "Community affairs" },
  decideHubIntro: {
    zh: "{name},这里是您所在社区需要您参与的事:附议提案、投票、项目进展、公开事项和评议。",
    en: "{name}, here is what your community asks of you: proposals to back, votes, projects, disclosures and evaluations.",
  },
} satisfies Record<string, { zh: string; en: string }>;
