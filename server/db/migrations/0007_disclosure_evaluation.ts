// Residents decide: disclosure, opinions, public listings, evaluations (helper D).
export const name = "0007_disclosure_evaluation";

export const up: string[] = [];
