// Residents decide: evaluation surveys (评议) and direct rating of cadres.
export const name = "0009_evaluation";

export const up: string[] = [];
