// Error codes and field reasons of the deliberation module, in Chinese and English (merged into lib/i18n.ts).
export const deliberationMessages = {} satisfies Record<string, { zh: string; en: string }>;
export const deliberationFieldMessages = {} satisfies Record<string, { zh: string; en: string }>;
