// Small shared pieces of the budget pages: phase tag and steps, idea status, rule text.
import { Button, Steps, Tag } from "antd";
import { Link } from "react-router-dom";
import type { MessageKey } from "../../i18n";
import { useI18n } from "../../i18n";
import { type BudgetIdea, type BudgetPhase, type BudgetRound, formatYuan, PHASES } from "./queries";

export const phaseKey: Record<BudgetPhase, MessageKey> = {
  collect: "budPhaseCollect",
  costing: "budPhaseCosting",
  voting: "budPhaseVoting",
  results: "budPhaseResults",
  implementation: "budPhaseImplementation",
  cancelled: "budPhaseCancelled",
};

const phaseColor: Record<BudgetPhase, string> = {
  collect: "blue",
  costing: "gold",
  voting: "purple",
  results: "green",
  implementation: "cyan",
  cancelled: "default",
};

export function PhaseTag({ phase }: { phase: BudgetPhase }) {
  const { t } = useI18n();
  return (
    <Tag color={phaseColor[phase]} data-testid="budget-phase">
      {t(phaseKey[phase])}
    </Tag>
  );
}

/** The phases as Steps; `compact` (phones): small dots with the titles underneath, never stacked. */
export function PhaseSteps({ phase, compact }: { phase: BudgetPhase; compact?: boolean }) {
  const { t } = useI18n();
  const current = phase === "cancelled" ? 0 : PHASES.indexOf(phase);
  return (
    <Steps
      size="small"
      type={compact ? "dot" : undefined}
      responsive={!compact}
      titlePlacement={compact ? "vertical" : undefined}
      current={current}
      status={phase === "cancelled" ? "error" : phase === "implementation" ? "finish" : "process"}
      items={PHASES.map((p) => ({ title: t(phaseKey[p]) }))}
      data-testid="budget-steps"
    />
  );
}

export function IdeaStatusTag({ idea }: { idea: BudgetIdea }) {
  const { t } = useI18n();
  if (idea.feasible === null) return <Tag>{t("budIdeaPending")}</Tag>;
  return idea.feasible ? <Tag color="green">{t("budIdeaFeasible")}</Tag> : <Tag color="red">{t("budIdeaInfeasible")}</Tag>;
}

/** "Approve projects within the fund of 240,000.00 yuan" or "Approve up to 3 projects". */
export function useRuleText() {
  const { t } = useI18n();
  return (r: Pick<BudgetRound, "ballotRule" | "maxChoices" | "fund">) =>
    r.ballotRule === "up_to_k" ? t("budRuleUpToK", { k: r.maxChoices ?? 1 }) : t("budRuleKnapsack", { fund: formatYuan(r.fund) });
}

/** What a resident can do in a round now, as one button. */
export function ResidentAction({ round, size }: { round: BudgetRound; size?: "small" | "middle" }) {
  const { t } = useI18n();
  const to = `/decide/budget/${round.id}`;
  if (round.phase === "collect") {
    return (
      <Link to={to}>
        <Button type="primary" size={size} block={size !== "small"}>
          {t("budActSubmit")}
        </Button>
      </Link>
    );
  }
  if (round.phase === "voting") {
    return (
      <Link to={to}>
        <Button type="primary" size={size} block={size !== "small"}>
          {t("budActVote")}
        </Button>
      </Link>
    );
  }
  if (round.phase === "results" || round.phase === "implementation") {
    return (
      <Link to={`${to}/results`}>
        <Button size={size} block={size !== "small"}>
          {t("budActResults")}
        </Button>
      </Link>
    );
  }
  return (
    <Link to={to}>
      <Button size={size} block={size !== "small"}>
        {t("budActView")}
      </Button>
    </Link>
  );
}
