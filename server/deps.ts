import type { Kysely } from "kysely";
import type { Config } from "./config.js";
import type { DatabaseKind } from "./db/database.js";
import type { DB } from "./db/schema.js";
import type { FieldCipher } from "./lib/crypto.js";
import type { AppealsRuntime } from "./modules/appeals/runtime.js";
import type { GridIndex } from "./modules/registry/grid-index.js";

/** What request handlers need, built once at start and passed in (tests build their own). */
export type Deps = {
  config: Config;
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  cipher: FieldCipher;
  gridIndex: GridIndex;
  appeals: AppealsRuntime;
};
