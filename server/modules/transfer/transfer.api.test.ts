import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.js";
import { ROLE_PERMISSIONS } from "../identity/rules.js";
import type { SessionUser } from "../identity/types.js";
import { makeCitizenId } from "../registry/citizen-id.js";
import * as service from "./service.js";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const HEADER = ["姓名", "证件类型", "证件号码", "手机号码", "居住类型", "与户主关系", "民族", "网格编码", "户地址", "标签"];
const G1 = "510199001001001";
const G2 = "510199001001002";
const G3 = "510199002001001";

async function xlsx(rows: (string | number)[][], header = HEADER): Promise<Blob> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("居民");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return new Blob([await wb.xlsx.writeBuffer()]);
}

async function read(buf: ArrayBuffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf);
  return wb;
}

const sheetRows = (ws: ExcelJS.Worksheet) => {
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
  return out;
};

async function upload(c: Client, kind: string, file: Blob, name: string) {
  const form = new FormData();
  form.append("file", file, name);
  return c.json("POST", `/api/import/${kind}`, form);
}

async function validated(c: Client, id: string) {
  for (let i = 0; i < 500; i++) {
    const r = await c.json("GET", `/api/import/jobs/${id}`);
    expect(r.status).toBe(200);
    if (r.body.status !== "validating" && r.body.status !== "importing") return r.body;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error("job never settled");
}

const count = async () =>
  Number(
    (
      await t.db
        .selectFrom("residents")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const id1 = makeCitizenId("110101", "1970-01-02", 101);
const id2 = makeCitizenId("110101", "1985-06-30", 202);
const id3 = makeCitizenId("440305", "2001-11-11", 303);
const badId = `${id1.slice(0, 10)}1301${id1.slice(14)}`; // 13th month

// Rows 2, 4 and 6 are good; row 3 has a bad ID number, row 5 an unknown tag.
const fileRows = [
  ["赵一", "居民身份证", id1, "13800000001", "户籍", "户主", "汉族", G1, "东一路1号1栋103", "老年人、党员"],
  ["钱二", "", badId, "", "常住", "", "", G1, "", ""],
  ["孙三", "", id2, "", "常住", "配偶", "回族", "", "东一路1号1栋101", ""],
  ["李四", "", makeCitizenId("110101", "1990-01-01", 404), "", "流动", "", "", G1, "", "外星人"],
  ["周五", "", id3, "13800000003", "流动", "", "", G2, "", "志愿者"],
];

describe("templates", () => {
  it("downloads a template with the Chinese headers, an example row and a 说明 sheet", async () => {
    const c = await t.login("community1");
    const res = await c.request("GET", "/api/import/templates/residents.xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    const wb = await read(await res.arrayBuffer());
    const rows = sheetRows(wb.worksheets[0]);
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(2);
    const help = wb.getWorksheet("说明");
    expect(help).toBeDefined();
    expect(sheetRows(help as ExcelJS.Worksheet).map((r) => r[0])).toContain("居住类型");
  });

  it("needs import rights, and area.write for grids", async () => {
    expect((await (await t.login("department")).request("GET", "/api/import/templates/residents.xlsx")).status).toBe(403);
    expect((await (await t.login("admin")).request("GET", "/api/import/templates/grids.xlsx")).status).toBe(200);
    expect((await (await t.login("community1")).request("GET", "/api/import/templates/nope.xlsx")).status).toBe(400);
  });
});

describe("importing residents", () => {
  let jobId = "";

  it("refuses a file that is neither .xlsx nor .csv", async () => {
    const c = await t.login("community1");
    const r = await upload(c, "residents", new Blob(["hello"]), "people.txt");
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(["file"]);
  });

  it("validates the whole file and reports exactly the bad rows with row, column and reason", async () => {
    const c = await t.login("community1");
    const r = await upload(c, "residents", await xlsx(fileRows), "居民.xlsx");
    expect(r.status).toBe(202);
    expect(r.body.fileName).toBe("居民.xlsx");
    jobId = r.body.id;
    const job = await validated(c, jobId);
    expect(job.status).toBe("validated");
    expect(job.totalRows).toBe(5);
    expect(job.processedRows).toBe(5);
    expect(job.errorCount).toBe(2);
    expect(job.errors).toEqual([
      { row: 3, column: "证件号码", message: "身份证号码中的出生日期无效" },
      { row: 5, column: "标签", message: "未知标签:外星人" },
    ]);
    const en = await c.json("GET", `/api/import/jobs/${jobId}`, undefined, { "accept-language": "en" });
    expect(en.body.errors[1].message).toBe("unknown tag: 外星人");
  });

  it("shows the job only to its creator and same-scope staff", async () => {
    expect((await (await t.login("district")).json("GET", `/api/import/jobs/${jobId}`)).status).toBe(200);
    expect((await (await t.login("grid-a")).json("GET", `/api/import/jobs/${jobId}`)).status).toBe(404);
  });

  it("gives the failed rows back with an 错误原因 column", async () => {
    const c = await t.login("community1");
    const res = await c.request("GET", `/api/import/jobs/${jobId}/errors.xlsx`);
    expect(res.status).toBe(200);
    const rows = sheetRows((await read(await res.arrayBuffer())).worksheets[0]);
    expect(rows[0]).toEqual([...HEADER, "错误原因"]);
    expect(rows).toHaveLength(3);
    expect(rows[1][0]).toBe("钱二");
    expect(rows[1][2]).toBe(badId);
    expect(rows[1][10]).toContain("证件号码");
    expect(rows[2][10]).toContain("外星人");
  });

  it("imports nothing with all_or_nothing when any row is bad", async () => {
    const c = await t.login("community1");
    const before = await count();
    const r = await c.json("POST", `/api/import/jobs/${jobId}/commit`, { mode: "all_or_nothing" });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain("2");
    expect(await count()).toBe(before);
  });

  it("imports the good rows in one go with good_rows, audited", async () => {
    const c = await t.login("community1");
    const before = await count();
    const r = await c.json("POST", `/api/import/jobs/${jobId}/commit`, { mode: "good_rows" });
    expect(r.status).toBe(200);
    const job = r.body.status === "done" ? r.body : await validated(c, jobId);
    expect(job.status).toBe("done");
    expect(job.insertedRows).toBe(3);
    expect(job.updatedRows).toBe(0);
    expect(job.importedRows).toBe(3);
    expect(await count()).toBe(before + 3);

    const zhao = await c.json("GET", `/api/residents?idNumber=${id1}`);
    expect(zhao.body.items).toHaveLength(1);
    expect(zhao.body.items[0].address).toBe("东一路1号1栋103"); // a new household in g1
    expect(zhao.body.items[0].tags.map((x: { code: string }) => x.code).sort()).toEqual(["elderly", "party_member"]);
    const sun = await c.json("GET", `/api/residents?idNumber=${id2}`);
    expect(sun.body.items[0].householdId).toBe(t.fx.households.h1);
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "import.residents").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toMatchObject({ file: "居民.xlsx", inserted: 3, updated: 0, skipped: 2 });

    const again = await c.json("POST", `/api/import/jobs/${jobId}/commit`, { mode: "good_rows" });
    expect(again.status).toBe(409);
  });

  it("updates the same people on re-import instead of duplicating them", async () => {
    const c = await t.login("community1");
    const before = await count();
    const changed = fileRows.map((r) => [...r]);
    changed[0][3] = "13900000009";
    changed[0][9] = "残疾人";
    const r = await upload(c, "residents", await xlsx(changed), "居民.xlsx");
    await validated(c, r.body.id);
    const commit = await c.json("POST", `/api/import/jobs/${r.body.id}/commit`, { mode: "good_rows" });
    const job = commit.body.status === "done" ? commit.body : await validated(c, r.body.id);
    expect(job.insertedRows).toBe(0);
    expect(job.updatedRows).toBe(3);
    expect(await count()).toBe(before);
    const zhao = await c.json("GET", `/api/residents?idNumber=${id1}`);
    expect(zhao.body.items[0].phoneMasked).toBe("139****0009");
    expect(zhao.body.items[0].tags.map((x: { code: string }) => x.code).sort()).toEqual(["disabled", "elderly", "party_member"]);
  });

  it("reads CSV with the same headers, quotes and a BOM", async () => {
    const c = await t.login("community1");
    const id = makeCitizenId("110101", "1966-06-06", 66);
    const csv = `\ufeff${HEADER.join(",")}\r\n"吴,六",,${id},,户籍,,,${G2},"东一路2号2栋201",\r\n`;
    const r = await upload(c, "residents", new Blob([csv]), "people.csv");
    const job = await validated(c, r.body.id);
    expect(job.errors).toEqual([]);
    const done = await c.json("POST", `/api/import/jobs/${r.body.id}/commit`, { mode: "all_or_nothing" });
    expect(done.body.insertedRows).toBe(1);
    const wu = await c.json("GET", `/api/residents?idNumber=${id}`);
    expect(wu.body.items[0].name).toBe("吴,六");
    expect(wu.body.items[0].householdId).toBe(t.fx.households.h3);
  });

  it("refuses rows for grids outside the importer's scope", async () => {
    const c = await t.login("community1");
    const r = await upload(
      c,
      "residents",
      await xlsx([["郑七", "", makeCitizenId("110101", "1977-07-07", 77), "", "户籍", "", "", G3, "", ""]]),
      "x.xlsx",
    );
    const job = await validated(c, r.body.id);
    expect(job.errors).toEqual([{ row: 2, column: "网格编码", message: "不在您的管辖范围内" }]);
  });

  it("keeps a grid worker's import to their own grid", async () => {
    // Grid workers import into their own grid: the rules see grid-a's scope (g1) and refuse g2.
    const gridA: SessionUser = {
      id: t.fx.users["grid-a"],
      username: "grid-a",
      displayName: "grid-a",
      kind: "staff",
      role: "grid",
      permissions: [...ROLE_PERMISSIONS.grid, "registry.import"],
      residentId: null,
      scope: { paths: [t.fx.areas.g1.path] },
      areas: [],
      csrfToken: "",
    };
    const file = await xlsx([
      ["王八", "", makeCitizenId("110101", "1988-08-08", 88), "", "户籍", "", "", G1, "", ""],
      ["冯九", "", makeCitizenId("110101", "1999-09-09", 99), "", "户籍", "", "", G2, "", ""],
    ]);
    const started = await service.startImport(
      t.deps,
      gridA,
      "residents",
      "g.xlsx",
      "xlsx",
      new Uint8Array(await file.arrayBuffer()),
    );
    await started.done;
    const job = started.view("zh");
    expect(job.errors).toEqual([{ row: 3, column: "网格编码", message: "不在您的管辖范围内" }]);
    // Through the API the answer depends on whether the grid role carries registry.import.
    const c = await t.login("grid-a");
    const r = await upload(c, "residents", file, "g.xlsx");
    if (ROLE_PERMISSIONS.grid.includes("registry.import")) {
      expect(r.status).toBe(202);
      expect((await validated(c, r.body.id)).errors).toEqual(job.errors);
    } else expect(r.status).toBe(403);
  });

  it("refuses a file without the required columns", async () => {
    const c = await t.login("community1");
    const r = await upload(c, "residents", await xlsx([["x"]], ["姓名"]), "bad.xlsx");
    const job = await validated(c, r.body.id);
    expect(job.status).toBe("failed");
    expect(job.errors.map((e: { column: string }) => e.column)).toEqual(["证件号码", "居住类型", "网格编码"]);
  });

  it("answers 409 on commit when the validated data is gone (restart)", async () => {
    const c = await t.login("community1");
    const row = await t.db
      .insertInto("import_jobs")
      .values({ kind: "residents", file_name: "old.xlsx", status: "validated", errors: "[]", created_by: t.fx.users.community1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const r = await c.json("POST", `/api/import/jobs/${row.id}/commit`, { mode: "good_rows" });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain("重新上传");
  });
});

describe("importing places and grids", () => {
  it("imports households, then buildings, then a grid (re-import updates)", async () => {
    const c = await t.login("community1");
    const hh = await xlsx(
      [
        [G1, "东一路5号1栋101", "", "1单元", "101", 90.5],
        [G1, "东一路5号1栋101", "", "", "", ""],
        [G3, "西一路1号", "", "", "", ""],
      ],
      ["网格编码", "地址", "楼栋名称", "单元", "房号", "建筑面积"],
    );
    const up = await upload(c, "households", hh, "hh.xlsx");
    const job = await validated(c, up.body.id);
    expect(job.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(["3:地址", "4:网格编码"]);
    const done = await c.json("POST", `/api/import/jobs/${up.body.id}/commit`, { mode: "good_rows" });
    expect(done.body.insertedRows).toBe(1);

    const bl = await xlsx(
      [
        [G1, "楼栋", "5号1栋", "东一路5号1栋", 104.005, 30.005, 2, 6],
        [G1, "院落", "外面", "东一路", 105, 31, "", ""],
      ],
      ["网格编码", "类型", "名称", "地址", "经度", "纬度", "单元数", "层数"],
    );
    const bj = await upload(c, "buildings", bl, "b.xlsx");
    const bjob = await validated(c, bj.body.id);
    expect(bjob.errors).toEqual([{ row: 3, column: "经度", message: "坐标不在该网格范围内" }]);
    expect((await c.json("POST", `/api/import/jobs/${bj.body.id}/commit`, { mode: "good_rows" })).body.insertedRows).toBe(1);

    const gridsFile = (level: string) =>
      xlsx(
        [
          ["510199001001", "510199001001009", "东一第9网格", level, JSON.stringify(t.fx.polygons.g1)],
          [
            "510199001001",
            "510199001001008",
            "东一第8网格",
            "",
            JSON.stringify({
              ...t.fx.polygons.g3,
              coordinates: [
                [
                  [104.5, 30],
                  [104.51, 30],
                  [104.51, 30.01],
                  [104.5, 30.01],
                  [104.5, 30],
                ],
              ],
            }),
          ],
        ],
        ["社区编码", "网格编码", "网格名称", "网格层级", "边界GeoJSON"],
      );
    const g = await upload(c, "grids", await gridsFile("小"), "g.xlsx");
    const gjob = await validated(c, g.body.id);
    expect(gjob.errors).toHaveLength(1);
    expect(gjob.errors[0]).toMatchObject({ row: 2, column: "边界GeoJSON" });
    expect(gjob.errors[0].message).toContain("东一第1网格");
    const gd = await c.json("POST", `/api/import/jobs/${g.body.id}/commit`, { mode: "good_rows" });
    expect(gd.body.insertedRows).toBe(1);
    expect(t.gridIndex.locate(104.505, 30.005)?.code).toBe("510199001001008");
    const again = await upload(c, "grids", await gridsFile("小"), "g.xlsx");
    await validated(c, again.body.id);
    const gd2 = await c.json("POST", `/api/import/jobs/${again.body.id}/commit`, { mode: "good_rows" });
    expect(gd2.body).toMatchObject({ insertedRows: 0, updatedRows: 1 });
  });
});

describe("export", () => {
  it("exports the caller's residents only, masked, and audits it", async () => {
    const c = await t.login("community1");
    const res = await c.request("GET", "/api/export/residents.xlsx");
    expect(res.status).toBe(200);
    const disposition = res.headers.get("content-disposition") as string;
    expect(disposition).toMatch(/filename\*=UTF-8''%E5%B1%85%E6%B0%91%E5%90%8D%E5%8D%95-\d{8}\.xlsx/);
    const rows = sheetRows((await read(await res.arrayBuffer())).worksheets[0]);
    const head = rows[0];
    const data = rows.slice(1);
    const inC1 = await t.db
      .selectFrom("residents")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where(sql<boolean>`area_path <@ ${t.fx.areas.c1.path}::ltree`)
      .executeTakeFirstOrThrow();
    expect(data).toHaveLength(Number(inC1.n));
    expect(data.map((r) => r[head.indexOf("姓名")])).not.toContain("陈静"); // the other community
    for (const r of data) {
      expect(r[head.indexOf("证件号码")]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(r[head.indexOf("网格编码")]).toMatch(/^51019900100100\d$/);
    }
    expect(data.find((r) => r[0] === "张伟")?.[head.indexOf("手机号码")]).toBe("138****5678");
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "export.residents").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toMatchObject({ rows: data.length });
  });

  it("applies the list filters, masks numbers in the audit, and hides sensitive tags without permission", async () => {
    const c = await t.login("district");
    const r = await c.request("GET", `/api/export/residents.xlsx?idNumber=${t.fx.residents.r2.doc}`);
    const rows = sheetRows((await read(await r.arrayBuffer())).worksheets[0]);
    expect(rows.slice(1).map((x) => x[0])).toEqual(["李娜"]);
    expect(rows[1][rows[0].indexOf("标签")]).toBe("低保户");
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "export.residents")
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.summary)).not.toContain(t.fx.residents.r2.doc);

    const admin = await t.login("admin"); // no registry.sensitive
    const ra = await admin.request("GET", `/api/export/residents.xlsx?idNumber=${t.fx.residents.r2.doc}`);
    const arows = sheetRows((await read(await ra.arrayBuffer())).worksheets[0]);
    expect(arows[1][arows[0].indexOf("标签")] ?? "").toBe(""); // trailing empty cells are not stored
  });

  it("exports households, buildings and grids in scope", async () => {
    const c = await t.login("grid-a");
    for (const kind of ["households", "buildings", "grids"]) {
      const res = await c.request("GET", `/api/export/${kind}.xlsx`);
      expect(res.status).toBe(200);
      const rows = sheetRows((await read(await res.arrayBuffer())).worksheets[0]);
      expect(rows.length).toBeGreaterThan(1);
      const codeCol = rows[0].indexOf("网格编码");
      for (const r of rows.slice(1)) expect(r[codeCol]).toBe(G1);
    }
  });

  it("refuses staff without registry.export", async () => {
    const c = await t.login("department");
    expect((await c.request("GET", "/api/export/residents.xlsx")).status).toBe(403);
  });
});
