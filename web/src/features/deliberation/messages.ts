// UI strings of the deliberation pages (merged into i18n/messages.ts). Keys are unique across the app.
export const deliberationMessages = {} satisfies Record<string, { zh: string; en: string }>;
