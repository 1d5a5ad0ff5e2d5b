// Decision flows as templates: pure data. The three built-ins are seeded into flow_templates;
// districts add their own there. A proposal copies its template's steps when it is submitted, so a
// later change of the template never rewrites a proposal already under way.
import type { BodyKind } from "../../db/schema.deliberation.js";
import { BODY_KINDS } from "./rules.js";

export const STEP_KINDS = [
  "discuss", // 讨论
  "review", // 审议
  "vote", // 表决 (a vote of helper B's votes table may be attached)
  "implement", // 实施
  "supervise", // 监督
  "evaluate", // 评议
  "hearing", // 听证
  "coordinate", // 协调
  "collect", // 征集
  "choose_form", // 选择形式
  "draft", // 起草
  "sign", // 签订
  "publish", // 公布
  "execute", // 执行
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export type FlowStep = {
  key: string;
  kind: StepKind;
  nameZh: string;
  nameEn: string;
  /** The body that normally holds this step, if any. */
  bodyKind?: BodyKind | null;
  /** Passing this step adopts the proposal (at most one per flow; else the last step does). */
  decides?: boolean;
};

export type FlowTemplate = { code: string; nameZh: string; nameEn: string; steps: FlowStep[] };

export const BUILTIN_FLOWS: FlowTemplate[] = [
  {
    code: "statutory",
    nameZh: "法定程序(两委讨论—党员审议—代表表决)",
    nameEn: "Statutory flow (joint committees, party members, representatives' vote)",
    steps: [
      {
        key: "discuss",
        kind: "discuss",
        nameZh: "两委联席会议讨论",
        nameEn: "Joint meeting of the two committees",
        bodyKind: "two_committees",
      },
      {
        key: "review",
        kind: "review",
        nameZh: "党员大会审议",
        nameEn: "Party members' meeting review",
        bodyKind: "party_members",
      },
      {
        key: "vote",
        kind: "vote",
        nameZh: "居民代表会议表决",
        nameEn: "Residents' representatives meeting vote",
        bodyKind: "representatives",
        decides: true,
      },
      { key: "implement", kind: "implement", nameZh: "实施", nameEn: "Implementation", bodyKind: "residents_committee" },
      { key: "supervise", kind: "supervise", nameZh: "监督", nameEn: "Supervision", bodyKind: "rep_working_committee" },
      { key: "evaluate", kind: "evaluate", nameZh: "评议", nameEn: "Evaluation", bodyKind: "representatives" },
    ],
  },
  {
    code: "three_meetings",
    nameZh: "三会(听证会—协调会—评议会)",
    nameEn: "Three meetings (hearing, coordination, evaluation)",
    steps: [
      { key: "hearing", kind: "hearing", nameZh: "听证会", nameEn: "Hearing" },
      { key: "coordination", kind: "coordinate", nameZh: "协调会", nameEn: "Coordination meeting", decides: true },
      { key: "evaluation", kind: "evaluate", nameZh: "评议会", nameEn: "Evaluation meeting" },
    ],
  },
  {
    code: "zhangjiagang",
    nameZh: "张家港三约流程(征集—选择形式—起草—签订—公布—执行监督)",
    nameEn: "Zhangjiagang agreement flow (collect, choose form, draft, sign, publish, execute)",
    steps: [
      { key: "collect", kind: "collect", nameZh: "征集", nameEn: "Collect" },
      { key: "choose_form", kind: "choose_form", nameZh: "选择形式", nameEn: "Choose the form" },
      { key: "draft", kind: "draft", nameZh: "起草", nameEn: "Draft" },
      { key: "sign", kind: "sign", nameZh: "签订", nameEn: "Sign", decides: true },
      { key: "publish", kind: "publish", nameZh: "公布", nameEn: "Publish" },
      { key: "execute", kind: "execute", nameZh: "执行监督", nameEn: "Execute and supervise" },
    ],
  },
];

export const DEFAULT_FLOW = "statutory";

export type FlowProblem = { path: string; reason: "required" | "invalid_value" | "duplicate_key" | "two_deciding_steps" };

/** Checks a template a district defines; returns the problems (empty when fine). */
export function checkFlow(t: FlowTemplate): FlowProblem[] {
  const out: FlowProblem[] = [];
  if (!/^[a-z][a-z0-9_]{1,39}$/.test(t.code)) out.push({ path: "code", reason: "invalid_value" });
  if (!t.nameZh.trim()) out.push({ path: "nameZh", reason: "required" });
  if (!t.nameEn.trim()) out.push({ path: "nameEn", reason: "required" });
  if (t.steps.length === 0 || t.steps.length > 20) out.push({ path: "steps", reason: "invalid_value" });
  const keys = new Set<string>();
  let deciding = 0;
  t.steps.forEach((s, i) => {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(s.key)) out.push({ path: `steps.${i}.key`, reason: "invalid_value" });
    else if (keys.has(s.key)) out.push({ path: `steps.${i}.key`, reason: "duplicate_key" });
    keys.add(s.key);
    if (!(STEP_KINDS as readonly string[]).includes(s.kind)) out.push({ path: `steps.${i}.kind`, reason: "invalid_value" });
    if (!s.nameZh.trim()) out.push({ path: `steps.${i}.nameZh`, reason: "required" });
    if (!s.nameEn.trim()) out.push({ path: `steps.${i}.nameEn`, reason: "required" });
    if (s.bodyKind && !(BODY_KINDS as readonly string[]).includes(s.bodyKind))
      out.push({ path: `steps.${i}.bodyKind`, reason: "invalid_value" });
    if (s.decides) deciding += 1;
  });
  if (deciding > 1) out.push({ path: "steps", reason: "two_deciding_steps" });
  return out;
}

/** The index of the step whose pass adopts the proposal: the marked one, else the last. */
export function decidingStep(steps: FlowStep[]): number {
  const i = steps.findIndex((s) => s.decides);
  return i >= 0 ? i : steps.length - 1;
}
