// Residents decide: bodies and members, proposals and their backing, decision flows (helper A).
export const name = "0004_deliberation";

export const up: string[] = [];
