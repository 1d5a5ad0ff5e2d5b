// Real pabulib elections (read at run time from the shared data folder, never copied here):
// approvals counted from the ballots, winners by greedyBudget, compared with what the cities funded.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type PabulibInstance, approvalsOf, countApprovals, parsePabulib } from "./pabulib.js";
import { greedyBudget } from "./tally.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function pabulibDir(): string {
  const candidates = [process.env.PABULIB_DIR, path.resolve(repoRoot, "../shared/data/pabulib"), "/work/shared/data/pabulib"];
  for (const dir of candidates) if (dir && existsSync(dir)) return dir;
  throw new Error(`pabulib data folder not found (tried ${candidates.filter(Boolean).join(", ")}); set PABULIB_DIR`);
}

const FILES = [
  "poland_warszawa_2019_nadwisle.pb",
  "poland_warszawa_2019_obszar-5-powazki.pb",
  "poland_lodz_2022_im-jozefa-montwilla-mireckiego.pb",
  "poland_warszawa_2019_grochow-kinowa.pb",
  "poland_zabrze_2021_centrum-poludnie.pb",
  "poland_lodz_2022_katedralna.pb",
  "poland_warszawa_2017_saska-kepa.pb",
  "poland_warszawa_2019_brodno.pb",
  "poland_warszawa_2023_wesola.pb",
  "poland_warszawa_2020_srodmiescie.pb",
];
const ZABRZE = "poland_zabrze_2021_centrum-poludnie.pb";

const cache = new Map<string, PabulibInstance>();
function load(file: string): PabulibInstance {
  let inst = cache.get(file);
  if (!inst) {
    inst = parsePabulib(readFileSync(path.join(pabulibDir(), file), "utf8"));
    cache.set(file, inst);
  }
  return inst;
}

/** greedyBudget over approvals counted from the VOTES section, with the META budget. */
function tallyFromBallots(inst: PabulibInstance, adjust: Record<string, number> = {}) {
  const counts = countApprovals(inst);
  const candidates = inst.projects.map((p) => ({
    id: p.project_id,
    cost: p.cost,
    votes: (counts.get(p.project_id) ?? 0) + (adjust[p.project_id] ?? 0),
  }));
  return greedyBudget(candidates, inst.meta.budget);
}

const selectedOf = (inst: PabulibInstance) =>
  inst.projects
    .filter((p) => p.selected === "1")
    .map((p) => p.project_id)
    .sort();
const sorted = (ids: string[]) => [...ids].sort();

describe("pabulib data folder", () => {
  it("holds all ten files", () => {
    const present = readdirSync(pabulibDir()).filter((f) => f.endsWith(".pb"));
    expect(sorted(present)).toEqual(sorted(FILES));
  });
});

describe.each(FILES)("%s", (file) => {
  it("parses META, PROJECTS and VOTES consistently", () => {
    const inst = load(file);
    expect(inst.meta.vote_type).toBe("approval");
    expect(inst.projects.length).toBe(Number(inst.meta.num_projects));
    expect(inst.votes.length).toBe(Number(inst.meta.num_votes));
    expect(new Set(inst.projects.map((p) => p.project_id)).size).toBe(inst.projects.length);
  });

  it("approvals counted from VOTES equal the PROJECTS votes column", () => {
    const inst = load(file);
    const counts = countApprovals(inst);
    for (const p of inst.projects) expect([p.project_id, counts.get(p.project_id)]).toEqual([p.project_id, Number(p.votes)]);
  });

  it("greedy steps are consistent: funded sum within budget, skipped ones no longer fit", () => {
    const inst = load(file);
    const out = tallyFromBallots(inst);
    expect(out.tieRule).toBe("lower_cost_then_id");
    expect(out.steps.length).toBe(inst.projects.length);
    let cents = 0n;
    for (const s of out.steps) {
      const cost = BigInt(s.cost.replace(".", ""));
      const before = BigInt(s.remainingBefore.replace(".", ""));
      if (s.decision === "funded") {
        cents += cost;
        expect(cost <= before).toBe(true);
      } else if (s.votes > 0) expect(cost > before).toBe(true);
    }
    expect(BigInt(out.spent.replace(".", ""))).toBe(cents);
    // every file here binds: greedy skips a project and then still funds a cheaper, lower-ranked one
    const firstSkip = out.steps.findIndex((s) => s.decision === "skipped");
    expect(firstSkip).toBeGreaterThanOrEqual(0);
    expect(out.steps.slice(firstSkip + 1).some((s) => s.decision === "funded")).toBe(true);
  });

  if (file !== ZABRZE) {
    it("winners equal the city's selected projects", () => {
      const inst = load(file);
      expect(sorted(tallyFromBallots(inst).winners)).toEqual(selectedOf(inst));
    });
  }
});

describe("Zabrze 2021: the city did not use plain greedy", () => {
  it("greedy winners from the ballots are P0040 and P0033 (checked by hand)", () => {
    // By hand, fund 310000: P0040 (433 votes, 240000) funded → 70000 left; P0062 299/310000,
    // P0052 249/309927, P0045 230/310000, P0016 70/310000 skipped; P0033 17/48600 funded → 21400;
    // P0073 4/41000 skipped; the 0-vote projects P0046, P0021, P0034, P0023 are not funded.
    const inst = load(ZABRZE);
    const out = tallyFromBallots(inst);
    expect(out.winners).toEqual(["P0040", "P0033"]);
    expect(out.spent).toBe("288600.00");
    expect(out.remaining).toBe("21400.00");
    expect(out.steps.map((s) => [s.id, s.decision])).toEqual([
      ["P0040", "funded"],
      ["P0062", "skipped"],
      ["P0052", "skipped"],
      ["P0045", "skipped"],
      ["P0016", "skipped"],
      ["P0033", "funded"],
      ["P0073", "skipped"],
      ["P0046", "skipped"],
      ["P0021", "skipped"],
      ["P0034", "skipped"],
      ["P0023", "skipped"],
    ]);
  });

  it("differs from the city's selection (this copy has no selected column: nothing is marked)", () => {
    const inst = load(ZABRZE);
    expect(inst.projectColumns).not.toContain("selected");
    expect(selectedOf(inst)).not.toEqual(sorted(tallyFromBallots(inst).winners));
  });

  it("ballots have max_length 1", () => {
    const inst = load(ZABRZE);
    expect(inst.meta.max_length).toBe("1");
    for (const v of inst.votes) expect(approvalsOf(v).length).toBe(1);
  });
});

describe("Bródno 2019: ties on approvals", () => {
  const file = "poland_warszawa_2019_brodno.pb";

  it("has the two tied pairs", () => {
    const counts = countApprovals(load(file));
    expect(counts.get("1267")).toBe(counts.get("1782"));
    expect(counts.get("2091")).toBe(counts.get("2162"));
  });

  it("lower cost first funds 2162 (13940) and then skips 2091 (35000): the city's result", () => {
    const inst = load(file);
    const out = tallyFromBallots(inst);
    const ids = out.steps.map((s) => s.id);
    expect(ids.indexOf("2162")).toBe(ids.indexOf("2091") - 1);
    const s2162 = out.steps.find((s) => s.id === "2162")!;
    const s2091 = out.steps.find((s) => s.id === "2091")!;
    expect(s2162).toMatchObject({ decision: "funded", remainingBefore: "48175.00", remainingAfter: "34235.00" });
    expect(s2091).toMatchObject({ decision: "skipped", remainingBefore: "34235.00" });
    expect(sorted(out.winners)).toEqual(selectedOf(inst));
  });

  it("the other order (2091 first) would not reproduce the city's result", () => {
    const inst = load(file);
    // One extra approval for 2091 ranks it just above 2162, as a higher-cost-first tie rule would.
    const out = tallyFromBallots(inst, { "2091": 1 });
    expect(out.winners).toContain("2091");
    expect(out.winners).not.toContain("2162");
    expect(sorted(out.winners)).not.toEqual(selectedOf(inst));
  });

  it("1267/1782 tie: lower cost (1267, 22233) goes first; both are funded", () => {
    const out = tallyFromBallots(load(file));
    const ids = out.steps.map((s) => s.id);
    expect(ids.indexOf("1267")).toBe(ids.indexOf("1782") - 1);
    expect(out.winners).toEqual(expect.arrayContaining(["1267", "1782"]));
  });
});

describe("fractional budgets are exact", () => {
  it("Saska Kępa 2017: 740793.05 leaves exactly 159.05", () => {
    const inst = load("poland_warszawa_2017_saska-kepa.pb");
    expect(inst.meta.budget).toBe("740793.05");
    const out = tallyFromBallots(inst);
    expect(out.spent).toBe("740634.00");
    expect(out.remaining).toBe("159.05");
    expect(out.steps.at(-1)!.remainingAfter).toBe("159.05");
    // a float subtraction would not give this exactly
    expect(740793.05 - 740634).not.toBe(159.05);
  });

  it("Grochów Kinowa 2019: 222176.85 leaves exactly 17436.85", () => {
    const inst = load("poland_warszawa_2019_grochow-kinowa.pb");
    expect(inst.meta.budget).toBe("222176.85");
    const out = tallyFromBallots(inst);
    expect(out.spent).toBe("204740.00");
    expect(out.remaining).toBe("17436.85");
  });
});

describe("ballots capped at 15 (max_length)", () => {
  it.each(["poland_warszawa_2020_srodmiescie.pb", "poland_warszawa_2023_wesola.pb"])("%s", (file) => {
    const inst = load(file);
    expect(inst.meta.max_length).toBe("15");
    const lengths = inst.votes.map((v) => approvalsOf(v).length);
    expect(Math.max(...lengths)).toBe(15);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(Number(inst.meta.min_length ?? "1"));
    expect(sorted(tallyFromBallots(inst).winners)).toEqual(selectedOf(inst));
  });
});

describe("parsePabulib", () => {
  it("reads a small instance with and without the META header", () => {
    const body = "PROJECTS\nproject_id;cost;votes\n1;100;2\n2;50.5;1\nVOTES\nvoter_id;vote\na;1,2\nb;1\n";
    for (const meta of ["META\nkey;value\nbudget;120\n", "META\nbudget;120\n"]) {
      const inst = parsePabulib(meta + body);
      expect(inst.meta).toEqual({ budget: "120" });
      expect(inst.projects).toEqual([
        { project_id: "1", cost: "100", votes: "2" },
        { project_id: "2", cost: "50.5", votes: "1" },
      ]);
      expect([...countApprovals(inst)]).toEqual([
        ["1", 2],
        ["2", 1],
      ]);
    }
  });

  it("refuses malformed input", () => {
    expect(() => parsePabulib("PROJECTS\nproject_id;cost\n1;2\n")).toThrow(/META/);
    expect(() => parsePabulib("META\nbudget;1\nPROJECTS\nproject_id;cost\n1\nVOTES\nvoter_id;vote\n")).toThrow(/line 5/);
    const unknown = parsePabulib("META\nbudget;1\nPROJECTS\nproject_id;cost\n1;2\nVOTES\nvoter_id;vote\nx;9\n");
    expect(() => countApprovals(unknown)).toThrow(/unknown project 9/);
  });
});
