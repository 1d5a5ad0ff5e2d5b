// Residents decide: participatory budget funds, rounds and project ideas.
export const name = "0006_budget";

export const up: string[] = [];
