// Residents decide: meetings, attendance, votes, electorates and ballots (helper B).
export const name = "0005_votes";

export const up: string[] = [];
