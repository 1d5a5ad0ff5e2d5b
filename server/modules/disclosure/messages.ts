// Error codes and field reasons of the disclosure module, in Chinese and English (merged into lib/i18n.ts).
export const disclosureMessages = {} satisfies Record<string, { zh: string; en: string }>;
export const disclosureFieldMessages = {} satisfies Record<string, { zh: string; en: string }>;
