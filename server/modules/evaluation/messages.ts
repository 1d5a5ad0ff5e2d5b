// Error codes and field reasons of the evaluation module, in Chinese and English (merged into lib/i18n.ts).
export const evaluationMessages = {} satisfies Record<string, { zh: string; en: string }>;
export const evaluationFieldMessages = {} satisfies Record<string, { zh: string; en: string }>;
