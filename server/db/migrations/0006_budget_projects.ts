// Residents decide: participatory budget funds and rounds, practical projects, agreements (helper C).
export const name = "0006_budget_projects";

export const up: string[] = [];
