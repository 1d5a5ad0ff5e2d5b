// Error codes and field reasons of the budget module, in Chinese and English (merged into lib/i18n.ts).
export const budgetMessages = {} satisfies Record<string, { zh: string; en: string }>;
export const budgetFieldMessages = {} satisfies Record<string, { zh: string; en: string }>;
