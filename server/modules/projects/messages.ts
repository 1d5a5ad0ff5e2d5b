// Error codes and field reasons of the projects module, in Chinese and English (merged into lib/i18n.ts).
export const projectsMessages = {} satisfies Record<string, { zh: string; en: string }>;
export const projectsFieldMessages = {} satisfies Record<string, { zh: string; en: string }>;
