// The whole demo district as plain data, drawn from one seed with no I/O: the generator only
// encrypts and writes it. Keeping the plan pure makes it cheap to test for determinism.
import type { Role } from "../modules/identity/rules.js";
import { type BuildingPlan, type Layout, planBuildings, planLayout } from "./layout.js";
import { personName } from "./names.js";
import { type HouseholdPlan, Registry, type ResidentPlan, assignOtherDocuments, planGridPopulation } from "./population.js";
import { Rng } from "./random.js";

export const DEFAULT_SEED = 2026;
export const DEMO_PASSWORD = "Demo-2026-gz";

export type DemoLogin = {
  username: string;
  displayName: string;
  role: Role;
  kind: "staff" | "resident";
  department: string | null;
  /** What the user's data scope is bound to, in words (for the CLI and the login page). */
  scopeLabel: string;
};

export type PlannedUser = DemoLogin & { id: string; areaId: string; residentId: string | null };

export type StaffPlan = {
  id: string;
  gridId: string;
  role: "leader" | "assistant" | "informant" | "officer";
  name: string;
  title: string;
  userId: string | null;
};

export type MovePlan = {
  id: string;
  residentId: string;
  fromHouseholdId: string | null;
  toHouseholdId: string;
  movedAt: string;
  reason: string;
};

export type DemoPlan = {
  seed: number;
  layout: Layout;
  buildings: BuildingPlan[];
  households: HouseholdPlan[];
  residents: ResidentPlan[];
  staff: StaffPlan[];
  moves: MovePlan[];
  users: PlannedUser[];
  /** Grid area id → the demo user who leads it. */
  gridLeaders: Map<string, string>;
};

const ASSISTANT_TITLES = ["党小组长", "居民小组长", "物业人员", "治安人员"] as const;
const INFORMANT_TITLES = ["居民代表", "楼栋长", "志愿者"] as const;
const OFFICER_TITLES = ["社区民警", "城管队员", "市场监管员"] as const;
const MOVE_REASONS = ["购房迁入", "租房迁入", "投靠亲属", "婚姻迁入", "工作调动", "房屋拆迁安置"] as const;

export function planDemo(seed = DEFAULT_SEED): DemoPlan {
  const rng = new Rng(seed);
  // Ids come from their own stream so that tuning the population does not renumber the areas.
  const ids = new Rng((seed ^ 0x5bd1e995) >>> 0);
  const layout = planLayout(ids);
  const registry = new Registry(rng);

  const buildings: BuildingPlan[] = [];
  const households: HouseholdPlan[] = [];
  const doorNumbers = new Map<string, number>();
  const gridHouseholds = new Map<string, HouseholdPlan[]>();
  for (const grid of layout.grids) {
    const gb = planBuildings(rng, ids, grid, doorNumbers);
    buildings.push(...gb);
    const hs = planGridPopulation(rng, ids, registry, grid, gb, rng.around(167, 45, 120, 210));
    households.push(...hs);
    gridHouseholds.set(grid.area.id, hs);
  }
  assignOtherDocuments(rng, registry, households);
  const residents = households.flatMap((h) => h.residents);

  // The demo logins sit in the first street, its first community and that community's first grids.
  const [street] = layout.streets;
  const community = layout.communities[0];
  const [gridA, gridB] = layout.grids.filter((g) => g.communityId === community.id);
  const resident = (gridHouseholds.get(gridA.area.id) ?? [])
    .map((h) => h.residents[0])
    .find((r) => r.docType === "resident_id" && r.phone !== null && r.tags.length > 0 && r.tags.includes("elderly") === false);
  if (!resident) throw new Error("demo: no resident fits the demo-resident login");
  const logins: (DemoLogin & { areaId: string; residentId?: string })[] = [
    {
      username: "demo-admin",
      displayName: "系统管理员",
      role: "sysadmin",
      kind: "staff",
      department: null,
      scopeLabel: "锦华区",
      areaId: layout.districtId,
    },
    {
      username: "demo-security",
      displayName: "安全管理员",
      role: "secadmin",
      kind: "staff",
      department: null,
      scopeLabel: "锦华区",
      areaId: layout.districtId,
    },
    {
      username: "demo-auditor",
      displayName: "安全审计员",
      role: "auditor",
      kind: "staff",
      department: null,
      scopeLabel: "锦华区",
      areaId: layout.districtId,
    },
    {
      username: "demo-district",
      displayName: "周海涛",
      role: "district",
      kind: "staff",
      department: null,
      scopeLabel: "锦华区",
      areaId: layout.districtId,
    },
    {
      username: "demo-street",
      displayName: "陈静",
      role: "street",
      kind: "staff",
      department: null,
      scopeLabel: street.name,
      areaId: street.id,
    },
    {
      username: "demo-community",
      displayName: "王芳",
      role: "community",
      kind: "staff",
      department: null,
      scopeLabel: community.name,
      areaId: community.id,
    },
    {
      username: "demo-grid-a",
      displayName: "张伟",
      role: "grid",
      kind: "staff",
      department: null,
      scopeLabel: gridA.area.name,
      areaId: gridA.area.id,
    },
    {
      username: "demo-grid-b",
      displayName: "李娜",
      role: "grid",
      kind: "staff",
      department: null,
      scopeLabel: gridB.area.name,
      areaId: gridB.area.id,
    },
    {
      username: "demo-department",
      displayName: "赵强",
      role: "department",
      kind: "staff",
      department: "城管执法局",
      scopeLabel: "锦华区",
      areaId: layout.districtId,
    },
    {
      username: "demo-operator",
      displayName: "孙丽",
      role: "operator",
      kind: "staff",
      department: null,
      scopeLabel: "锦华区",
      areaId: layout.districtId,
    },
    {
      username: "demo-resident",
      displayName: resident.name,
      role: "resident",
      kind: "resident",
      department: null,
      scopeLabel: gridA.area.name,
      areaId: gridA.area.id,
      residentId: resident.id,
    },
  ];
  const users: PlannedUser[] = logins.map((l) => ({ ...l, id: ids.uuid(), residentId: l.residentId ?? null }));
  const userOf = (username: string) => users.find((u) => u.username === username) as PlannedUser;
  const gridLeaders = new Map([
    [gridA.area.id, userOf("demo-grid-a").id],
    [gridB.area.id, userOf("demo-grid-b").id],
  ]);

  const staff = planStaff(rng, ids, layout, gridHouseholds, gridLeaders, users);
  const moves = planMoves(rng, ids, households, 300);
  return { seed, layout, buildings, households, residents, staff, moves, users, gridLeaders };
}

/** "1+X+Y" grid staffing plus the departments' officers (1+N) attached to each grid. */
function planStaff(
  rng: Rng,
  ids: Rng,
  layout: Layout,
  gridHouseholds: Map<string, HouseholdPlan[]>,
  gridLeaders: Map<string, string>,
  users: PlannedUser[],
): StaffPlan[] {
  const out: StaffPlan[] = [];
  const outsider = () => {
    const sex = rng.chance(0.5) ? "male" : "female";
    return personName(rng, sex, 2026 - rng.int(26, 55));
  };
  for (const grid of layout.grids) {
    const gridId = grid.area.id;
    // Assistants and informants are residents of the grid (楼栋长, 居民代表 …); leaders and officers come from outside.
    const locals = (gridHouseholds.get(gridId) ?? [])
      .flatMap((h) => h.residents)
      .filter(
        (r) => r.docType === "resident_id" && r.birthDate !== null && r.birthDate < "2000-01-01" && r.birthDate > "1950-01-01",
      );
    const taken = new Set<string>();
    const local = (prefer?: string) => {
      const pool = prefer ? locals.filter((r) => r.tags.includes(prefer) && !taken.has(r.id)) : [];
      const from = pool.length > 0 ? pool : locals.filter((r) => !taken.has(r.id));
      if (from.length === 0) return outsider();
      const r = rng.pick(from);
      taken.add(r.id);
      return r.name;
    };
    const leaderUserId = gridLeaders.get(gridId) ?? null;
    const leaderName = users.find((u) => u.id === leaderUserId)?.displayName ?? outsider();
    out.push({ id: ids.uuid(), gridId, role: "leader", name: leaderName, title: "网格长", userId: leaderUserId });
    for (const title of rng.shuffle([...ASSISTANT_TITLES]).slice(0, rng.int(2, 4))) {
      const name = title === "党小组长" ? local("party_member") : title === "居民小组长" ? local() : outsider();
      out.push({ id: ids.uuid(), gridId, role: "assistant", name, title, userId: null });
    }
    const informants = rng.int(3, 6);
    for (let i = 0; i < informants; i++) {
      const title = INFORMANT_TITLES[i % INFORMANT_TITLES.length];
      out.push({
        id: ids.uuid(),
        gridId,
        role: "informant",
        name: local(title === "志愿者" ? "volunteer" : undefined),
        title,
        userId: null,
      });
    }
    for (const title of rng.shuffle([...OFFICER_TITLES]).slice(0, rng.int(1, 2))) {
      out.push({ id: ids.uuid(), gridId, role: "officer", name: outsider(), title, userId: null });
    }
  }
  return out;
}

/** A few hundred past moves: people who came from another household of the district or from outside it. */
function planMoves(rng: Rng, ids: Rng, households: HouseholdPlan[], count: number): MovePlan[] {
  const out: MovePlan[] = [];
  const start = Date.UTC(2023, 0, 1);
  const span = Date.UTC(2026, 5, 30) - start;
  for (let i = 0; i < count; i++) {
    const to = rng.pick(households);
    const r = rng.pick(to.residents);
    let from: string | null = null;
    if (rng.chance(0.6)) {
      const other = rng.pick(households);
      from = other.id === to.id ? null : other.id;
    }
    const at = new Date(start + Math.floor(rng.float() * span));
    at.setUTCSeconds(0, 0);
    out.push({
      id: ids.uuid(),
      residentId: r.id,
      fromHouseholdId: from,
      toHouseholdId: to.id,
      movedAt: at.toISOString(),
      reason: rng.pick(MOVE_REASONS),
    });
  }
  return out;
}
