// Residents decide: disclosure (公开), opinions, and public listings such as 阳光低保.
export const name = "0008_disclosure";

export const up: string[] = [];
