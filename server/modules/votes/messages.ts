// Error codes and field reasons of the votes module, in Chinese and English (merged into lib/i18n.ts).
export const votesMessages = {} satisfies Record<string, { zh: string; en: string }>;
export const votesFieldMessages = {} satisfies Record<string, { zh: string; en: string }>;
