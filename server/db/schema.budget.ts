// Kysely table types for migration(s) of the budget area. Keep in step with server/db/migrations.
import type { ColumnType, Generated } from "kysely";
import type { Json, Timestamp } from "./schema.js";

type Money = ColumnType<string, string | number, string | number>;
type MoneyNull = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export type BudgetPhase = "collect" | "costing" | "voting" | "results" | "implementation" | "cancelled";

export interface BudgetFundsTable {
  id: Generated<string>;
  district_id: string;
  area_id: string;
  area_path: string;
  year: number;
  amount: Money;
  note: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BudgetRoundsTable {
  id: Generated<string>;
  district_id: string;
  area_id: string;
  area_path: string;
  year: number;
  title: string;
  description: string | null;
  phase: Generated<BudgetPhase>;
  fund: Money;
  ballot_rule: Generated<"knapsack" | "up_to_k">;
  max_choices: number | null;
  electorate: Generated<"residents" | "households">;
  vote_id: string | null;
  outcome: Json<unknown> | null;
  disclosure_id: string | null;
  cancel_reason: string | null;
  created_by: string | null;
  phase_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BudgetIdeasTable {
  id: Generated<string>;
  round_id: string;
  district_id: string;
  area_id: string;
  area_path: string;
  title: string;
  description: string | null;
  location: string | null;
  estimated_cost: MoneyNull;
  resident_id: string | null;
  submitted_by: string | null;
  cost: MoneyNull;
  feasible: boolean | null;
  feasibility_note: string | null;
  costed_by: string | null;
  costed_at: Timestamp | null;
  project_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BudgetTables {
  budget_funds: BudgetFundsTable;
  budget_rounds: BudgetRoundsTable;
  budget_ideas: BudgetIdeasTable;
}
