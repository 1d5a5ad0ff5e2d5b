// UI strings of the votes pages (merged into i18n/messages.ts). Keys are unique across the app.
export const votesMessages = {} satisfies Record<string, { zh: string; en: string }>;
