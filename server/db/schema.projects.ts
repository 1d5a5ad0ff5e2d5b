// Kysely table types for migration(s) of the projects area. Keep in step with server/db/migrations.
// biome-ignore lint/suspicious/noEmptyInterface: filled as tables are added
export interface ProjectsTables {}
