// What the appeals module keeps in memory: the working calendar, the current dispatch model and
// the file store. Rebuilt from the database at start and whenever they change.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Calendar } from "./calendar.js";
import { loadCalendar } from "./repository.js";

export type Suggestion = { label: string; confidence: number };
export type Predictor = (text: string, k: number) => Suggestion[];

/** Where photos and files go; a directory today, an S3-compatible store behind the same two calls. */
export interface Storage {
  put(key: string, data: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array>;
}

export class DirectoryStorage implements Storage {
  constructor(private readonly root: string) {}
  private file(key: string) {
    if (!/^[a-zA-Z0-9/_.-]+$/.test(key) || key.includes("..")) throw new Error(`bad storage key ${key}`);
    return path.join(this.root, key);
  }
  async put(key: string, data: Uint8Array) {
    const f = this.file(key);
    await mkdir(path.dirname(f), { recursive: true });
    await writeFile(f, data, { flag: "wx" });
  }
  async get(key: string) {
    return readFile(this.file(key));
  }
}

export class MemoryStorage implements Storage {
  private readonly files = new Map<string, Uint8Array>();
  async put(key: string, data: Uint8Array) {
    this.files.set(key, data);
  }
  async get(key: string) {
    const f = this.files.get(key);
    if (!f) throw new Error("not found");
    return f;
  }
}

// Categories change rarely and are read by every intake: kept for a short while. An edit in this
// process clears them at once; other processes see it within the time to live.
const CATEGORY_TTL_MS = 30_000;

export class AppealsRuntime {
  calendar: Calendar = { holidays: new Set(), workdays: new Set() };
  predictor: Predictor | null = null;
  private readonly categories = new Map<string, { at: number; row: Selectable<DB["categories"]> | undefined }>();
  constructor(readonly storage: Storage) {}

  async activeCategory(db: Kysely<DB>, code: string) {
    const hit = this.categories.get(code);
    if (hit && Date.now() - hit.at < CATEGORY_TTL_MS) return hit.row;
    const row = await db
      .selectFrom("categories")
      .selectAll()
      .where("code", "=", code)
      .where("active", "=", true)
      .executeTakeFirst();
    this.categories.set(code, { at: Date.now(), row });
    return row;
  }

  forgetCategories() {
    this.categories.clear();
  }

  async reloadCalendar(db: Kysely<DB>) {
    this.calendar = await loadCalendar(db);
  }
}
