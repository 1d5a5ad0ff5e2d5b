// UI strings of the budget pages (merged into i18n/messages.ts). Keys are unique across the app.
export const budgetMessages = {} satisfies Record<string, { zh: string; en: string }>;
