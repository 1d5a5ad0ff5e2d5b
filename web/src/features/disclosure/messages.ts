// UI strings of the disclosure pages (merged into i18n/messages.ts). Keys are unique across the app.
export const disclosureMessages = {} satisfies Record<string, { zh: string; en: string }>;
