// UI strings of the projects pages (merged into i18n/messages.ts). Keys are unique across the app.
export const projectsMessages = {} satisfies Record<string, { zh: string; en: string }>;
