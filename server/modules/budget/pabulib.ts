// Pure parser for the pabulib .pb format (pabulib.org/format): sections META, PROJECTS and VOTES,
// PROJECTS and VOTES start with a header line (META's key;value header is optional); fields are semicolon-separated; `vote` lists approved project ids.

export type PabulibRow = Record<string, string>;
export type PabulibInstance = {
  meta: Record<string, string>;
  projectColumns: string[];
  projects: PabulibRow[];
  voteColumns: string[];
  votes: PabulibRow[];
};

const SECTIONS = ["META", "PROJECTS", "VOTES"] as const;
type Section = (typeof SECTIONS)[number];

export class PabulibFormatError extends Error {
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = "PabulibFormatError";
  }
}

/** Splits a record on semicolons; the last column may itself contain none (names never do in practice). */
function fields(line: string): string[] {
  return line.split(";").map((f) => f.trim());
}

export function parsePabulib(text: string): PabulibInstance {
  const out: PabulibInstance = { meta: {}, projectColumns: [], projects: [], voteColumns: [], votes: [] };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let section: Section | null = null;
  let header: string[] | null = null;
  const seen = new Set<Section>();
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === "") return;
    const upper = line.toUpperCase();
    if ((SECTIONS as readonly string[]).includes(upper)) {
      section = upper as Section;
      if (seen.has(section)) throw new PabulibFormatError(lineNo, `section ${section} appears twice`);
      seen.add(section);
      header = null;
      return;
    }
    if (section === null) throw new PabulibFormatError(lineNo, "data before the first section");
    const row = fields(line);
    if (section === "META") {
      // The key;value header is optional in META (some published files omit it).
      if (header === null && row[0] === "key" && row[1] === "value" && row.length === 2) {
        header = row;
        return;
      }
      if (row.length < 2) throw new PabulibFormatError(lineNo, "META line must be key;value");
      const [key, ...rest] = row;
      out.meta[key] = rest.join(";");
      return;
    }
    if (header === null) {
      header = row;
      if (section === "PROJECTS") {
        if (!header.includes("project_id")) throw new PabulibFormatError(lineNo, "PROJECTS header lacks project_id");
        out.projectColumns = header;
      }
      if (section === "VOTES") {
        if (!header.includes("voter_id")) throw new PabulibFormatError(lineNo, "VOTES header lacks voter_id");
        out.voteColumns = header;
      }
      return;
    }
    if (row.length !== header.length) {
      throw new PabulibFormatError(lineNo, `expected ${header.length} fields, found ${row.length}`);
    }
    const record: PabulibRow = {};
    header.forEach((column, i) => {
      record[column] = row[i];
    });
    (section === "PROJECTS" ? out.projects : out.votes).push(record);
  });
  for (const s of SECTIONS) if (!seen.has(s)) throw new PabulibFormatError(lines.length, `section ${s} missing`);
  return out;
}

/** The approved project ids of one VOTES row (empty list for an empty vote). */
export function approvalsOf(vote: PabulibRow): string[] {
  const v = (vote.vote ?? "").trim();
  return v === "" ? [] : v.split(",").map((id) => id.trim());
}

/** Counts approvals per project from the VOTES section; projects nobody approved count 0. */
export function countApprovals(instance: PabulibInstance): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of instance.projects) counts.set(p.project_id, 0);
  for (const v of instance.votes) {
    const ids = approvalsOf(v);
    if (new Set(ids).size !== ids.length) throw new Error(`voter ${v.voter_id} approves a project twice`);
    for (const id of ids) {
      const n = counts.get(id);
      if (n === undefined) throw new Error(`voter ${v.voter_id} approves unknown project ${id}`);
      counts.set(id, n + 1);
    }
  }
  return counts;
}
