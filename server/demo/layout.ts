// The demo district's places: 蓉城市 → 锦华区 → 4 streets → 16 communities → 120 grids → buildings.
// The district is a rectangle cut on an integer lattice (16 columns × 8 rows of cells), so every
// shared edge is computed from the same lattice index and neighbours meet exactly: no gap, no
// overlap (无缝隙全覆盖), as the grid rules demand.
import type { GeoPolygon } from "../db/schema.js";
import type { Rng } from "./random.js";

export const CITY = { code: "510100", name: "蓉城市" } as const;
export const DISTRICT = { code: "510199", name: "锦华区" } as const;

/** Street names with their communities and each community's two main roads. */
const STREETS: readonly { name: string; communities: readonly [name: string, roads: readonly [string, string]][] }[] = [
  {
    name: "春熙街道",
    communities: [
      ["春熙社区", ["春熙路", "总府街"]],
      ["红星社区", ["红星路", "大慈寺路"]],
      ["锦绣社区", ["锦绣巷", "中纱帽街"]],
      ["福兴社区", ["福兴街", "北纱帽街"]],
    ],
  },
  {
    name: "水井坊街道",
    communities: [
      ["水井坊社区", ["水井街", "古卧龙桥街"]],
      ["兴隆社区", ["兴隆街", "金泉街"]],
      ["望江社区", ["望江路", "星桥街"]],
      ["天仙桥社区", ["天仙桥街", "莲桂路"]],
    ],
  },
  {
    name: "合江亭街道",
    communities: [
      ["合江亭社区", ["滨江东路", "新南路"]],
      ["安顺社区", ["安顺街", "锦官驿街"]],
      ["九眼桥社区", ["九眼桥路", "致民路"]],
      ["锦官社区", ["锦官路", "青莲上街"]],
    ],
  },
  {
    name: "书院街街道",
    communities: [
      ["书院社区", ["书院南街", "书院西街"]],
      ["文庙社区", ["文庙后街", "东城根街"]],
      ["玉带社区", ["玉带桥街", "沙河堡路"]],
      ["芙蓉社区", ["芙蓉路", "菱角堰路"]],
    ],
  },
];

// Lattice: 16 × 8 cells over lng 104.05–104.13, lat 30.62–30.68. Coordinates are an exact
// integer divided by a power of ten, so the same index always yields the same double.
const lngAt = (i: number) => (104_050 + 5 * i) / 1000;
const latAt = (j: number) => (306_200 + 75 * j) / 10_000;

export type Rect = { minLng: number; minLat: number; maxLng: number; maxLat: number };

export type AreaPlan = {
  id: string;
  parentId: string | null;
  level: "city" | "district" | "street" | "community" | "grid";
  code: string;
  name: string;
  path: string;
  districtId: string | null;
};

export type GridPlan = {
  area: AreaPlan;
  /** 1-based number within its community. */
  number: number;
  streetName: string;
  communityName: string;
  communityId: string;
  roads: readonly [string, string];
  gridLevel: "small" | null;
  rect: Rect;
  polygon: GeoPolygon;
};

export type BuildingPlan = {
  id: string;
  gridId: string;
  areaPath: string;
  kind: "building" | "compound";
  name: string;
  address: string;
  lng: number;
  lat: number;
  unitCount: number;
  floorCount: number;
  /** Flats per floor in each unit: not stored, it only shapes the room numbers. */
  roomsPerFloor: number;
};

export type Layout = {
  areas: AreaPlan[];
  districtId: string;
  streets: AreaPlan[];
  communities: AreaPlan[];
  grids: GridPlan[];
};

const label = (id: string) => id.replaceAll("-", "");

export function rectPolygon(r: Rect): GeoPolygon {
  // Counter-clockwise exterior ring, closed (RFC 7946).
  return {
    type: "Polygon",
    coordinates: [
      [
        [r.minLng, r.minLat],
        [r.maxLng, r.minLat],
        [r.maxLng, r.maxLat],
        [r.minLng, r.maxLat],
        [r.minLng, r.minLat],
      ],
    ],
  };
}

/** Builds the area tree and the grid rectangles; `ids` supplies the uuids. */
export function planLayout(ids: Rng): Layout {
  const areas: AreaPlan[] = [];
  const city: AreaPlan = {
    id: ids.uuid(),
    parentId: null,
    level: "city",
    code: CITY.code,
    name: CITY.name,
    path: "",
    districtId: null,
  };
  city.path = label(city.id);
  const districtId = ids.uuid();
  const district: AreaPlan = {
    id: districtId,
    parentId: city.id,
    level: "district",
    code: DISTRICT.code,
    name: DISTRICT.name,
    path: `${city.path}.${label(districtId)}`,
    districtId,
  };
  areas.push(city, district);
  const child = (parent: AreaPlan, level: AreaPlan["level"], code: string, name: string): AreaPlan => {
    const id = ids.uuid();
    const a: AreaPlan = { id, parentId: parent.id, level, code, name, path: `${parent.path}.${label(id)}`, districtId };
    areas.push(a);
    return a;
  };

  const streets: AreaPlan[] = [];
  const communities: AreaPlan[] = [];
  const grids: GridPlan[] = [];
  let communityIndex = 0;
  STREETS.forEach((s, si) => {
    const street = child(district, "street", `${DISTRICT.code}${String(si + 1).padStart(3, "0")}`, s.name);
    streets.push(street);
    // Streets fill the quadrants NW, NE, SW, SE; communities do the same inside their street.
    const streetCol = (si % 2) * 8;
    const streetRow = si < 2 ? 4 : 0;
    s.communities.forEach(([cname, roads], ci) => {
      const community = child(street, "community", `${street.code}${String(ci + 1).padStart(3, "0")}`, cname);
      communities.push(community);
      const col0 = streetCol + (ci % 2) * 4;
      const rowTop = streetRow + (ci < 2 ? 4 : 2); // lattice row index of the community's north edge
      const gridCount = communityIndex % 2 === 0 ? 8 : 7;
      const gridLevel = si === 0 ? "small" : null;
      communityIndex++;
      for (let k = 0; k < gridCount; k++) {
        const row = Math.floor(k / 4); // 0 = northern row of cells
        const col = k % 4;
        // In a seven-grid community the last grid takes the last two cells of the southern row.
        const colEnd = gridCount === 7 && k === 6 ? 4 : col + 1;
        const rect: Rect = {
          minLng: lngAt(col0 + col),
          maxLng: lngAt(col0 + colEnd),
          maxLat: latAt(rowTop - row),
          minLat: latAt(rowTop - row - 1),
        };
        const number = k + 1;
        const area = child(community, "grid", `${community.code}${String(number).padStart(3, "0")}`, `${cname}第${number}网格`);
        grids.push({
          area,
          number,
          streetName: s.name,
          communityName: cname,
          communityId: community.id,
          roads,
          gridLevel,
          rect,
          polygon: rectPolygon(rect),
        });
      }
    });
  });
  return { areas, districtId, streets, communities, grids };
}

/**
 * Places 5–9 buildings on a small lattice strictly inside the grid: one or two housing estates
 * (小区, a door number with numbered blocks) and now and then an old courtyard compound (院落).
 */
export function planBuildings(rng: Rng, ids: Rng, grid: GridPlan, doorNumbers: Map<string, number>): BuildingPlan[] {
  const count = rng.int(5, 9);
  const cols = grid.rect.maxLng - grid.rect.minLng > 0.006 ? 6 : 3;
  const rows = 3;
  const slots = rng
    .shuffle(Array.from({ length: cols * rows }, (_, i) => i))
    .slice(0, count)
    .sort((a, b) => a - b);
  const prefix = `${DISTRICT.name}${grid.streetName}${grid.communityName}`;
  const nextDoor = (road: string) => {
    const n = (doorNumbers.get(road) ?? 0) + rng.int(1, 4) * 2;
    doorNumbers.set(road, n);
    return n;
  };
  let estate = { road: rng.pick(grid.roads), door: 0, blocks: 0 };
  const out: BuildingPlan[] = [];
  for (const slot of slots) {
    const c = slot % cols;
    const r = Math.floor(slot / cols);
    const w = grid.rect.maxLng - grid.rect.minLng;
    const h = grid.rect.maxLat - grid.rect.minLat;
    const lng = round6(grid.rect.minLng + ((c + 0.5 + (rng.float() - 0.5) * 0.5) / cols) * w);
    const lat = round6(grid.rect.minLat + ((r + 0.5 + (rng.float() - 0.5) * 0.5) / rows) * h);
    const compound = rng.chance(0.15);
    if (compound) {
      const road = rng.pick(grid.roads);
      const door = nextDoor(road);
      out.push({
        id: ids.uuid(),
        gridId: grid.area.id,
        areaPath: grid.area.path,
        kind: "compound",
        name: `${road}${door}号院`,
        address: `${prefix}${road}${door}号院`,
        lng,
        lat,
        unitCount: rng.int(1, 4),
        floorCount: rng.int(6, 7),
        roomsPerFloor: 2,
      });
      continue;
    }
    if (estate.door === 0 || estate.blocks >= rng.int(3, 6)) {
      const road = rng.pick(grid.roads);
      estate = { road, door: nextDoor(road), blocks: 0 };
    }
    estate.blocks++;
    const tall = rng.weighted<[number, number]>([
      [[6, 7], 30],
      [[11, 18], 30],
      [[24, 33], 40],
    ]);
    const name = `${estate.road}${estate.door}号${estate.blocks}栋`;
    out.push({
      id: ids.uuid(),
      gridId: grid.area.id,
      areaPath: grid.area.path,
      kind: "building",
      name,
      address: `${prefix}${name}`,
      lng,
      lat,
      unitCount: rng.int(1, 4),
      floorCount: rng.int(tall[0], tall[1]),
      roomsPerFloor: rng.int(2, 4),
    });
  }
  return out;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
