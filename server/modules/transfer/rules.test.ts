import { describe, expect, it } from "vitest";
import { makeCitizenId } from "../registry/citizen-id.js";
import {
  type AreaRef,
  COLUMNS,
  gridOverlaps,
  type ImportKind,
  mapColumns,
  messageOf,
  parseCsv,
  RowReader,
  type RuleContext,
  splitTags,
  validateResident,
} from "./rules.js";

const grid = (code: string, path: string): AreaRef => ({
  id: `id-${code}`,
  code,
  name: `网格${code}`,
  level: "grid",
  path,
  parentId: "c",
  districtId: "d",
  polygon: null,
});

function context(): RuleContext {
  const g1 = grid("510199001001001", "city.d.s1.c1.g1");
  const g2 = grid("510199001001002", "city.d.s1.c1.g2");
  return {
    scope: { paths: ["city.d.s1.c1.g1"] },
    canSetSensitive: false,
    today: new Date("2026-01-01T00:00:00Z"),
    areas: new Map([
      [g1.code, g1],
      [g2.code, g2],
    ]),
    households: new Map([
      ["东一路1号101", [{ id: "h1", gridId: g1.id, address: "东一路1号101", path: g1.path, districtId: "d" }]],
    ]),
    buildings: new Map(),
    tags: [
      { code: "elderly", nameZh: "老年人", nameEn: "Elderly", sensitive: false },
      { code: "disabled", nameZh: "残疾人", nameEn: "Disabled", sensitive: false },
      { code: "low_income", nameZh: "低保户", nameEn: "Low income", sensitive: true },
    ],
    seen: new Map(),
  };
}

const header = COLUMNS.residents.map((c) => c.header);
const good = makeCitizenId("110105", "1980-03-15", 11);
const goodB = makeCitizenId("320102", "1950-12-31", 24);

function residentRow(row: number, values: Partial<Record<string, string>>): RowReader {
  const cells = COLUMNS.residents.map((c) => values[c.key] ?? "");
  return new RowReader("residents", { row, cells }, mapColumns("residents", header).map);
}

const base = { name: "张伟", docNumber: good, residenceType: "户籍", gridCode: "510199001001001" };

describe("resident rows", () => {
  it("accepts a good row and resolves its grid, household and tags", () => {
    const v = validateResident(
      residentRow(2, { ...base, address: "东一路1号101", tags: "老年人、残疾人", phone: "138 1234 5678" }),
      context(),
    );
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value.docType).toBe("resident_id");
    expect(v.value.sex).toBe("male");
    expect(v.value.birthDate).toBe("1980-03-15");
    expect(v.value.phone).toBe("13812345678");
    expect(v.value.household?.id).toBe("h1");
    expect(v.value.newAddress).toBeNull();
    expect(v.value.tags).toEqual(["elderly", "disabled"]);
  });

  it("names the row, the column and the reason of a bad ID number, in both languages", () => {
    const bad = `${good.slice(0, 17)}${good[17] === "0" ? "1" : "0"}`;
    const v = validateResident(residentRow(7, { ...base, docNumber: bad }), context());
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toEqual([{ row: 7, column: "证件号码", code: "citizen_id_check_digit" }]);
    expect(messageOf(v.errors[0], "zh")).toBe("身份证号码校验位错误");
    expect(messageOf(v.errors[0], "en")).toBe("the check digit of the ID number is wrong");
  });

  it("reports the second occurrence of an ID number in the file", () => {
    const ctx = context();
    expect(validateResident(residentRow(2, base), ctx).ok).toBe(true);
    const again = validateResident(residentRow(5, { ...base, name: "张伟伟" }), ctx);
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.errors).toEqual([{ row: 5, column: "证件号码", code: "duplicate_in_file", params: { row: 2 } }]);
    expect(messageOf(again.errors[0], "zh")).toBe("与第2行重复");
  });

  it("refuses unknown tags and sensitive tags without the permission", () => {
    const v = validateResident(residentRow(3, { ...base, tags: "老年人,外星人;低保户" }), context());
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors.map((e) => [e.column, e.code, e.params?.tag])).toEqual([
      ["标签", "unknown_tag", "外星人"],
      ["标签", "sensitive_tag", "低保户"],
    ]);
  });

  it("refuses a grid outside the importer's scope and an unknown grid code", () => {
    const out = validateResident(residentRow(4, { ...base, gridCode: "510199001001002" }), context());
    expect(!out.ok && out.errors.map((e) => e.code)).toEqual(["not_in_scope"]);
    const unknown = validateResident(residentRow(4, { ...base, gridCode: "510199001001999" }), context());
    expect(!unknown.ok && unknown.errors.map((e) => e.code)).toEqual(["unknown_grid"]);
  });

  it("needs a grid code or an address; a new address with a grid code becomes a new household", () => {
    const none = validateResident(residentRow(2, { ...base, gridCode: "" }), context());
    expect(!none.ok && none.errors.map((e) => e.code)).toEqual(["grid_or_address"]);
    const unknownAddress = validateResident(residentRow(2, { ...base, gridCode: "", address: "无此地址" }), context());
    expect(!unknownAddress.ok && unknownAddress.errors.map((e) => e.code)).toEqual(["household_not_found"]);
    const fresh = validateResident(residentRow(2, { ...base, docNumber: goodB, address: "东一路9号" }), context());
    expect(fresh.ok && fresh.value.newAddress).toBe("东一路9号");
  });

  it("checks required fields, options, phones and other documents", () => {
    const v = validateResident(
      residentRow(9, {
        name: "",
        docType: "驾照",
        docNumber: "X",
        residenceType: "暂住",
        phone: "12345",
        gridCode: "510199001001001",
      }),
      context(),
    );
    expect(!v.ok && v.errors.map((e) => `${e.column}:${e.code}`)).toEqual([
      "姓名:required",
      "证件类型:unknown_option",
      "手机号码:phone_format",
      "居住类型:unknown_option",
    ]);
    const passport = validateResident(residentRow(2, { ...base, docType: "护照", docNumber: "e1234567" }), context());
    expect(passport.ok && passport.value.docKey).toBe("passport:E1234567");
  });

  it("flags long numbers that Excel stored as numbers", () => {
    const r = new RowReader(
      "residents",
      { row: 2, cells: COLUMNS.residents.map((c) => (base as Record<string, string>)[c.key] ?? ""), lossy: [2] },
      mapColumns("residents", header).map,
    );
    const v = validateResident(r, context());
    expect(!v.ok && v.errors.map((e) => e.code)).toEqual(["stored_as_number"]);
  });
});

describe("headers", () => {
  it("finds columns in any order, tolerating marks, and lists missing required ones", () => {
    const { map, missing } = mapColumns("residents", ["证件号码*", "姓名(必填)", "居住类型", "网格编码"]);
    expect(map.get("docNumber")).toBe(0);
    expect(map.get("name")).toBe(1);
    expect(missing).toEqual([]);
    const kinds: ImportKind[] = ["households", "buildings", "grids"];
    for (const kind of kinds) expect(mapColumns(kind, []).missing.length).toBeGreaterThan(0);
    expect(mapColumns("residents", ["姓名", "证件号码", "居住类型"]).missing.map((c) => c.header)).toEqual(["网格编码"]);
  });

  it("splits tags on 、 , , ; and spaces", () => {
    expect(splitTags("老年人、残疾人,党员,志愿者; 退役军人 ")).toEqual(["老年人", "残疾人", "党员", "志愿者", "退役军人"]);
  });
});

describe("CSV", () => {
  it("parses quoted fields with commas, quotes and line breaks, and strips the BOM", () => {
    const text = '\ufeff姓名,地址,备注\r\n张伟,"东一路1号,1栋","他说""你好"""\r\n李娜,"两行\n地址",\r\n';
    expect(parseCsv(text)).toEqual([
      ["姓名", "地址", "备注"],
      ["张伟", "东一路1号,1栋", '他说"你好"'],
      ["李娜", "两行\n地址", ""],
    ]);
  });

  it("keeps empty fields and a last line without a line break", () => {
    expect(parseCsv("a,,c\n,,\nx")).toEqual([["a", "", "c"], ["", "", ""], ["x"]]);
    expect(parseCsv("")).toEqual([]);
  });
});

describe("grid overlaps within a file", () => {
  const sq = (x: number, size = 0.01) => ({
    type: "Polygon" as const,
    coordinates: [
      [
        [x, 30],
        [x + size, 30],
        [x + size, 30 + size],
        [x, 30 + size],
        [x, 30],
      ],
    ],
  });
  it("flags the later of two overlapping rows, and lets neighbours share an edge", () => {
    const errors = gridOverlaps([
      { row: 2, polygon: sq(104) },
      { row: 3, polygon: sq(104.01) },
      { row: 4, polygon: sq(104.005) },
    ]);
    expect(errors).toEqual([{ row: 4, column: "边界GeoJSON", code: "overlap_row", params: { row: 2 } }]);
  });
});
