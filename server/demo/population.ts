// The demo district's people: households of realistic shapes (people living alone, couples,
// nuclear families, three generations, grandparents raising grandchildren, flat-shares), with
// valid citizen ID numbers, phones, residence types and the care tags of categorised service.
import type { DocType, ResidenceType } from "../db/schema.js";
import { makeCitizenId } from "../modules/registry/citizen-id.js";
import type { BuildingPlan, GridPlan } from "./layout.js";
import { FOREIGN_NAMES, personName, pickSurname } from "./names.js";
import type { Rng } from "./random.js";

/** Ages and tags are taken on this day, so the same seed always tags the same people. */
export const REFERENCE_DATE = "2026-07-01";
const DAY = 86_400_000;

export type Sex = "male" | "female";
export type Relation = "户主" | "配偶" | "子女" | "父母" | "孙子女" | "兄弟姐妹" | "其他";

export type HouseholdPlan = {
  id: string;
  gridId: string;
  areaPath: string;
  buildingId: string;
  address: string;
  unitNo: string;
  roomNo: string;
  floorArea: string;
  headId: string;
  residents: ResidentPlan[];
};

export type ResidentPlan = {
  id: string;
  householdId: string;
  gridId: string;
  areaPath: string;
  name: string;
  docType: DocType;
  docNumber: string;
  sex: Sex | null;
  birthDate: string | null;
  phone: string | null;
  residenceType: ResidenceType;
  relation: Relation;
  ethnicity: string | null;
  tags: string[];
};

// Where people's ID numbers were issued, by residence type (GB/T 2260 county codes).
const HOME_REGIONS = ["510199", "510199", "510199", "510104", "510105", "510106", "510107", "510108", "510112", "510114"];
const SICHUAN_REGIONS = [
  "510302",
  "510402",
  "510504",
  "510603",
  "510703",
  "510802",
  "510903",
  "511002",
  "511102",
  "511302",
  "511402",
  "511502",
  "511602",
  "511702",
  "511802",
  "511902",
  "512002",
  "513401",
];
const OTHER_REGIONS = [
  "500101",
  "500103",
  "500112",
  "500229",
  "530102",
  "520102",
  "520302",
  "610102",
  "610113",
  "420102",
  "430102",
  "410102",
  "360102",
  "450102",
  "620102",
  "370102",
  "320102",
  "330102",
  "440106",
  "130102",
  "230102",
  "340102",
];

const ETHNICITIES: readonly (readonly [string, number])[] = [
  ["汉族", 955],
  ["彝族", 12],
  ["藏族", 10],
  ["回族", 5],
  ["土家族", 5],
  ["羌族", 4],
  ["苗族", 4],
  ["满族", 2],
  ["壮族", 2],
  ["蒙古族", 1],
];

const PHONE_PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "153",
  "155",
  "156",
  "157",
  "158",
  "159",
  "173",
  "176",
  "177",
  "178",
  "180",
  "181",
  "182",
  "183",
  "186",
  "187",
  "188",
  "189",
  "191",
  "198",
  "199",
];

type Template = "single" | "couple" | "nuclear" | "single_parent" | "three_generations" | "grandparents" | "shared";

const TEMPLATES: readonly (readonly [Template, number])[] = [
  ["single", 24],
  ["couple", 28],
  ["nuclear", 27],
  ["single_parent", 5],
  ["three_generations", 11],
  ["grandparents", 1.5],
  ["shared", 3.5],
];

type Draft = { relation: Relation; sex: Sex; age: number; surname: string };

/** Keeps the district-wide uniqueness of ID numbers and phones while people are drawn. */
export class Registry {
  private readonly idSeqs = new Map<string, Set<number>>();
  private readonly phones = new Set<string>();
  private readonly docs = new Set<string>();

  constructor(private readonly rng: Rng) {}

  citizenId(region: string, birthDate: string, sex: Sex): string {
    const key = region + birthDate;
    let used = this.idSeqs.get(key);
    if (!used) {
      used = new Set();
      this.idSeqs.set(key, used);
    }
    for (;;) {
      // Odd sequence numbers are men's, even ones women's (GB 11643).
      const seq = this.rng.int(0, 499) * 2 + (sex === "male" ? 1 : 0);
      if (!used.has(seq)) {
        used.add(seq);
        return makeCitizenId(region, birthDate, seq);
      }
    }
  }

  phone(): string {
    for (;;) {
      const p = this.rng.pick(PHONE_PREFIXES) + String(this.rng.int(0, 99_999_999)).padStart(8, "0");
      if (!this.phones.has(p)) {
        this.phones.add(p);
        return p;
      }
    }
  }

  otherDocument(type: Exclude<DocType, "resident_id" | "foreign_permanent">): string {
    for (;;) {
      const digits = (n: number) => Array.from({ length: n }, () => this.rng.int(0, 9)).join("");
      let v: string;
      if (type === "hk_macao") v = this.rng.pick(["H", "M"]) + digits(this.rng.chance(0.7) ? 8 : 10);
      else if (type === "taiwan") v = digits(8);
      else v = String.fromCharCode(65 + this.rng.int(0, 25), 65 + this.rng.int(0, 25)) + digits(7);
      if (!this.docs.has(v)) {
        this.docs.add(v);
        return v;
      }
    }
  }
}

/** A birth date on which a person is exactly `age` years old on the reference date. */
export function birthDateForAge(rng: Rng, age: number): string {
  const latest = Date.UTC(2026 - age, 6, 1); // turned `age` on the reference day at the latest
  const earliest = Date.UTC(2025 - age, 6, 2);
  const t = earliest + rng.int(0, Math.round((latest - earliest) / DAY)) * DAY;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole years between a birth date and the reference date. */
export function ageOn(birthDate: string, reference = REFERENCE_DATE): number {
  const [y, m, d] = birthDate.split("-").map(Number);
  const [ry, rm, rd] = reference.split("-").map(Number);
  return ry - y - (rm < m || (rm === m && rd < d) ? 1 : 0);
}

function draftHousehold(rng: Rng): { template: Template; members: Draft[] } {
  const template = rng.weighted(TEMPLATES);
  const surname = pickSurname(rng);
  const members: Draft[] = [];
  const head = (sex: Sex, age: number) => members.push({ relation: "户主", sex, age, surname });
  const spouseOf = (h: Draft) =>
    members.push({
      relation: "配偶",
      sex: h.sex === "male" ? "female" : "male",
      age: clamp(h.age + (h.sex === "male" ? rng.int(-6, 2) : rng.int(-2, 6)), 20, 99),
      surname: pickSurname(rng, surname),
    });
  const children = (parentAge: number, n: number, relation: Relation = "子女", maxAge = 40) => {
    for (let i = 0; i < n; i++) {
      const age = clamp(parentAge - rng.int(23, 36), 0, maxAge);
      members.push({ relation, sex: rng.chance(0.51) ? "male" : "female", age, surname });
    }
  };
  const adultAge = () =>
    rng.weighted<[number, number]>([
      [[20, 35], 35],
      [[36, 59], 25],
      [[60, 92], 40],
    ]);
  switch (template) {
    case "single": {
      const [lo, hi] = adultAge();
      head(rng.chance(0.45) ? "male" : "female", rng.int(lo, hi));
      break;
    }
    case "couple": {
      const [lo, hi] = rng.weighted<[number, number]>([
        [[24, 40], 30],
        [[41, 59], 25],
        [[60, 88], 45],
      ]);
      head(rng.chance(0.72) ? "male" : "female", rng.int(lo, hi));
      spouseOf(members[0]);
      break;
    }
    case "nuclear": {
      head(rng.chance(0.75) ? "male" : "female", rng.int(26, 58));
      spouseOf(members[0]);
      children(members[0].age, rng.chance(0.7) ? 1 : 2);
      break;
    }
    case "single_parent": {
      head(rng.chance(0.7) ? "female" : "male", rng.int(28, 55));
      children(members[0].age, 1);
      break;
    }
    case "three_generations": {
      head(rng.chance(0.75) ? "male" : "female", rng.int(30, 55));
      spouseOf(members[0]);
      children(members[0].age, rng.chance(0.7) ? 1 : 2);
      const parentAge = Math.min(98, members[0].age + rng.int(24, 34));
      if (rng.chance(0.5)) {
        members.push({ relation: "父母", sex: "male", age: parentAge, surname });
        members.push({
          relation: "父母",
          sex: "female",
          age: clamp(parentAge - rng.int(-1, 4), 40, 98),
          surname: pickSurname(rng, surname),
        });
      } else {
        const sex: Sex = rng.chance(0.7) ? "female" : "male";
        members.push({ relation: "父母", sex, age: parentAge, surname: sex === "male" ? surname : pickSurname(rng, surname) });
      }
      break;
    }
    case "grandparents": {
      head(rng.chance(0.6) ? "male" : "female", rng.int(58, 78));
      if (rng.chance(0.7)) spouseOf(members[0]);
      const n = rng.chance(0.6) ? 1 : 2;
      for (let i = 0; i < n; i++)
        members.push({ relation: "孙子女", sex: rng.chance(0.51) ? "male" : "female", age: rng.int(3, 15), surname });
      break;
    }
    case "shared": {
      head(rng.chance(0.55) ? "male" : "female", rng.int(20, 40));
      const n = rng.int(1, 3);
      for (let i = 0; i < n; i++) {
        if (rng.chance(0.4)) {
          members.push({
            relation: "兄弟姐妹",
            sex: rng.chance(0.5) ? "male" : "female",
            age: clamp(members[0].age + rng.int(-8, 8), 18, 60),
            surname,
          });
        } else {
          members.push({
            relation: "其他",
            sex: rng.chance(0.5) ? "male" : "female",
            age: rng.int(20, 40),
            surname: pickSurname(rng),
          });
        }
      }
      break;
    }
  }
  return { template, members };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function residenceFor(rng: Rng, template: Template, headAge: number): ResidenceType {
  // Flat-shares and young people living alone are where the floating population lives.
  if (template === "shared")
    return rng.weighted([
      ["floating", 45],
      ["resident", 35],
      ["registered", 20],
    ] as const);
  if (template === "single" && headAge < 40)
    return rng.weighted([
      ["floating", 20],
      ["resident", 30],
      ["registered", 50],
    ] as const);
  return rng.weighted([
    ["registered", 74],
    ["resident", 19],
    ["floating", 7],
  ] as const);
}

function regionFor(rng: Rng, type: ResidenceType): string {
  if (type === "registered") return rng.pick(HOME_REGIONS);
  if (type === "resident") return rng.chance(0.75) ? rng.pick(SICHUAN_REGIONS) : rng.pick(OTHER_REGIONS);
  return rng.pick(OTHER_REGIONS);
}

/** Picks `count` distinct flats in the grid's buildings and fills each with a household. */
export function planGridPopulation(
  rng: Rng,
  ids: Rng,
  registry: Registry,
  grid: GridPlan,
  buildings: BuildingPlan[],
  count: number,
): HouseholdPlan[] {
  type Flat = { b: BuildingPlan; unit: number; floor: number; room: number };
  const flats: Flat[] = [];
  for (const b of buildings) {
    for (let unit = 1; unit <= b.unitCount; unit++) {
      for (let floor = 1; floor <= b.floorCount; floor++) {
        for (let room = 1; room <= b.roomsPerFloor; room++) flats.push({ b, unit, floor, room });
      }
    }
  }
  // A partial shuffle takes `count` flats without repeats; the chosen ones are then put in
  // address order so households read naturally building by building.
  const n = Math.min(count, flats.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng.float() * (flats.length - i));
    [flats[i], flats[j]] = [flats[j], flats[i]];
  }
  const order = new Map(buildings.map((b, i) => [b.id, i]));
  const chosen = flats
    .slice(0, n)
    .sort(
      (x, y) => (order.get(x.b.id) ?? 0) - (order.get(y.b.id) ?? 0) || x.unit - y.unit || x.floor - y.floor || x.room - y.room,
    );

  return chosen.map((f) => {
    const id = ids.uuid();
    const unitNo = `${f.unit}单元`;
    const roomNo = `${f.floor}${String(f.room).padStart(2, "0")}`;
    const [minArea, maxArea] = f.b.kind === "compound" ? [4500, 9000] : [6000, 16000];
    const { template, members } = draftHousehold(rng);
    const residenceType = residenceFor(rng, template, members[0].age);
    const headRegion = regionFor(rng, residenceType);
    const headEthnicity = rng.weighted(ETHNICITIES);
    const residents: ResidentPlan[] = members.map((m) => {
      const birthDate = birthDateForAge(rng, m.age);
      const region =
        m.relation === "配偶" || m.relation === "其他"
          ? rng.chance(0.6)
            ? headRegion
            : regionFor(rng, residenceType)
          : headRegion;
      const ethnicity =
        m.relation === "配偶" || m.relation === "其他"
          ? rng.chance(0.9)
            ? headEthnicity
            : rng.weighted(ETHNICITIES)
          : headEthnicity;
      const hasPhone = m.age >= 18 && rng.chance(m.age >= 80 ? 0.6 : 0.88);
      return {
        id: ids.uuid(),
        householdId: id,
        gridId: grid.area.id,
        areaPath: grid.area.path,
        name: personName(rng, m.sex, Number(birthDate.slice(0, 4)), m.surname),
        docType: "resident_id",
        docNumber: registry.citizenId(region, birthDate, m.sex),
        sex: m.sex,
        birthDate,
        phone: hasPhone ? registry.phone() : null,
        residenceType,
        relation: m.relation,
        ethnicity,
        tags: [],
      };
    });
    const household: HouseholdPlan = {
      id,
      gridId: grid.area.id,
      areaPath: grid.area.path,
      buildingId: f.b.id,
      address: `${f.b.address}${unitNo}${roomNo}`,
      unitNo,
      roomNo,
      floorArea: (rng.int(minArea, maxArea) / 100).toFixed(2),
      headId: residents[0].id,
      residents,
    };
    tagHousehold(rng, household, template);
    return household;
  });
}

/**
 * Gives a handful of people living alone a non-mainland document (港澳, 台湾 or a foreign
 * passport) so the registry's other document types have data; some passports carry no birth date or sex.
 */
export function assignOtherDocuments(rng: Rng, registry: Registry, households: HouseholdPlan[], count = 20): void {
  const candidates = rng.shuffle(
    households.filter((h) => h.residents.length === 1 && ageOn(h.residents[0].birthDate ?? REFERENCE_DATE) < 60),
  );
  const types: ("hk_macao" | "taiwan" | "passport")[] = [];
  for (let i = 0; i < count; i++) types.push(i % 5 < 2 ? "hk_macao" : i % 5 < 4 ? "taiwan" : "passport");
  // Fewer passports than the others: the pattern above gives 8 港澳, 8 台湾, 4 passports per 20.
  candidates.slice(0, count).forEach((h, i) => {
    const r = h.residents[0];
    const type = types[i];
    r.docType = type;
    r.docNumber = registry.otherDocument(type);
    r.residenceType = "resident";
    if (type === "passport") {
      r.name = FOREIGN_NAMES[i % FOREIGN_NAMES.length];
      r.ethnicity = null;
      if (i % 2 === 1) {
        r.birthDate = null;
        r.sex = null;
      }
    }
    r.tags = r.tags.filter((t) => t !== "childbearing_women" || (r.sex === "female" && r.birthDate !== null));
  });
}

function tagHousehold(rng: Rng, h: HouseholdPlan, template: Template): void {
  const ages = h.residents.map((r) => ageOn(r.birthDate ?? REFERENCE_DATE));
  const allElderly = ages.every((a) => a >= 60);
  const lowIncome = rng.chance(template === "single_parent" ? 0.08 : template === "single" && ages[0] >= 60 ? 0.045 : 0.014);
  h.residents.forEach((r, i) => {
    const age = ages[i];
    const tags = r.tags;
    const adult = age >= 18;
    if (age >= 60) {
      tags.push("elderly");
      if (h.residents.length === 1) tags.push("elderly_alone");
      else if (allElderly) tags.push("empty_nest");
    }
    if (rng.chance(age < 18 ? 0.012 : age < 60 ? 0.045 : age < 80 ? 0.11 : 0.22)) tags.push("disabled");
    if (lowIncome) tags.push("low_income");
    if (lowIncome ? rng.chance(0.6) : rng.chance(0.006)) tags.push("difficulty");
    if (r.sex === "female" && age >= 15 && age <= 49) tags.push("childbearing_women");
    if (template === "grandparents" && r.relation === "孙子女" && age < 16 && rng.chance(0.6)) tags.push("left_behind_child");
    if (age >= 25 && rng.chance(r.sex === "male" ? 0.03 : 0.002)) tags.push("veteran");
    if (adult && rng.chance(age < 36 ? 0.05 : age < 60 ? 0.07 : 0.1)) tags.push("party_member");
    if (age >= 16 && age <= 75 && rng.chance(0.065)) tags.push("volunteer");
    if (age >= 18 && age <= 60 && rng.chance(0.0015)) tags.push("community_correction");
    if (age >= 25 && age <= 70 && rng.chance(r.sex === "male" ? 0.004 : 0.0005)) tags.push("released_prisoner");
    if (age >= 18 && age <= 55 && rng.chance(0.0008)) tags.push("drug_user");
    if (adult && rng.chance(0.003)) tags.push("mental_disorder");
    if (age >= 12 && age <= 25 && rng.chance(0.012)) tags.push("youth_at_risk");
  });
}
