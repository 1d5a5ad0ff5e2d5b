// UI strings of the evaluation pages (merged into i18n/messages.ts). Keys are unique across the app.
export const evaluationMessages = {} satisfies Record<string, { zh: string; en: string }>;
