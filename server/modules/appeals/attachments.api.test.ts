import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.js";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 2, 3]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF = new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n");
const WEBP = new Uint8Array([...new TextEncoder().encode("RIFF"), 0x24, 0, 0, 0, ...new TextEncoder().encode("WEBPVP8 ")]);
const GIF = new TextEncoder().encode("GIF89a\x01\x00\x01\x00");
const EXE = new TextEncoder().encode("MZ\x90\x00 this is not a picture");
const HTML = new TextEncoder().encode("<html><script>alert(1)</script></html>");

function form(bytes: Uint8Array, name: string, type: string, stage?: string) {
  const f = new FormData();
  f.append("file", new File([bytes as BlobPart], name, { type }));
  if (stage !== undefined) f.append("stage", stage);
  return f;
}

async function newOrder(as = "resident") {
  const c = await t.login(as);
  const r = await c.json("POST", "/api/orders", {
    appealType: "complaint",
    categoryCode: "t_noise",
    content: "楼下商铺夜间噪音扰民,影响休息",
    gridId: t.fx.areas.g1.id,
  });
  expect(r.status).toBe(201);
  return r.body as { id: string; number: string };
}

describe("attachments", () => {
  it("stores a photo for the reporter, by its bytes, and serves it back inline to whoever may read the order", async () => {
    const order = await newOrder();
    const resident = await t.login("resident");
    // The client claims a PDF with a .pdf name; the bytes say JPEG, and JPEG it is.
    const up = await resident.json("POST", `/api/orders/${order.id}/attachments`, form(JPEG, "现场照片.pdf", "application/pdf"));
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ fileName: "现场照片.pdf", mime: "image/jpeg", size: JPEG.length, stage: "intake" });
    expect(up.body.url).toBe(`/api/attachments/${up.body.id}`);

    const row = await t.db.selectFrom("order_attachments").selectAll().where("id", "=", up.body.id).executeTakeFirstOrThrow();
    expect(row.storage_key).toBe(`orders/${order.id}/${up.body.id}.jpg`);
    expect(row.order_id).toBe(order.id);
    expect(new Uint8Array(await t.deps.appeals.storage.get(row.storage_key))).toEqual(JPEG);

    for (const who of ["resident", "community1", "street1", "district", "grid-a"]) {
      const res = await (await t.login(who)).request("GET", up.body.url);
      expect(res.status, who).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-disposition")).toMatch(/^inline; /);
      expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''");
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(JPEG);
    }

    const detail = await resident.json("GET", `/api/orders/${order.id}`);
    expect(detail.body.attachments).toEqual([{ ...up.body }]);
    const attach = detail.body.timeline.find((e: { action: string }) => e.action === "attach");
    expect(attach).toBeDefined();
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "order.attach")
      .where("target_id", "=", order.id)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("keeps JPEG, PNG, GIF, WebP and PDF and names the stage", async () => {
    const order = await newOrder("operator");
    const op = await t.login("operator");
    const cases: [Uint8Array, string, string][] = [
      [PNG, "a.png", "image/png"],
      [GIF, "b.gif", "image/gif"],
      [WEBP, "c.webp", "image/webp"],
      [PDF, "d.pdf", "application/pdf"],
    ];
    for (const [bytes, name, mime] of cases) {
      const r = await op.json(
        "POST",
        `/api/orders/${order.id}/attachments`,
        form(bytes, name, "application/octet-stream", "progress"),
      );
      expect(r.status, name).toBe(201);
      expect(r.body.mime).toBe(mime);
      expect(r.body.stage).toBe("progress");
      const key = (
        await t.db.selectFrom("order_attachments").select("storage_key").where("id", "=", r.body.id).executeTakeFirstOrThrow()
      ).storage_key;
      expect(key.endsWith(`.${name.split(".")[1]}`)).toBe(true);
    }
  });

  it("refuses what is not an allowed type, whatever the client says, with a field error on file", async () => {
    const order = await newOrder("operator");
    const op = await t.login("operator");
    for (const [bytes, name, type] of [
      [EXE, "photo.jpg", "image/jpeg"],
      [HTML, "page.png", "image/png"],
      [new Uint8Array(), "empty.jpg", "image/jpeg"],
    ] as const) {
      const r = await op.json("POST", `/api/orders/${order.id}/attachments`, form(bytes, name, type));
      expect(r.status, name).toBe(400);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain("file");
    }
    const none = await op.json("POST", `/api/orders/${order.id}/attachments`, new FormData());
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].path).toBe("file");
    const stage = await op.json("POST", `/api/orders/${order.id}/attachments`, form(JPEG, "a.jpg", "image/jpeg", "later"));
    expect(stage.status).toBe(400);
    expect(stage.body.error.details[0].path).toBe("stage");
    expect(await t.db.selectFrom("order_attachments").select("id").where("order_id", "=", order.id).execute()).toHaveLength(0);
  });

  it("refuses a file over 10 MB", async () => {
    const order = await newOrder("operator");
    const op = await t.login("operator");
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(JPEG);
    const r = await op.json("POST", `/api/orders/${order.id}/attachments`, form(big, "big.jpg", "image/jpeg"));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("payload_too_large");
    expect(r.body.error.details[0].path).toBe("file");
    const exact = new Uint8Array(10 * 1024 * 1024);
    exact.set(JPEG);
    expect((await op.json("POST", `/api/orders/${order.id}/attachments`, form(exact, "ok.jpg", "image/jpeg"))).status).toBe(201);
  });

  it("takes at most 9 files per order", async () => {
    const order = await newOrder("operator");
    const op = await t.login("operator");
    for (let i = 0; i < 9; i++) {
      expect((await op.json("POST", `/api/orders/${order.id}/attachments`, form(PNG, `${i}.png`, "image/png"))).status).toBe(201);
    }
    const r = await op.json("POST", `/api/orders/${order.id}/attachments`, form(PNG, "10.png", "image/png"));
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe("file");
    expect(await t.db.selectFrom("order_attachments").select("id").where("order_id", "=", order.id).execute()).toHaveLength(9);
  });

  it("answers 404 to those who may not read the order, for upload and download alike", async () => {
    const order = await newOrder();
    const up = await (await t.login("resident")).json(
      "POST",
      `/api/orders/${order.id}/attachments`,
      form(JPEG, "a.jpg", "image/jpeg"),
    );
    expect(up.status).toBe(201);
    // grid-b works another grid; the auditor and the system administrator hold no appeal rights in scope here.
    for (const who of ["grid-b", "auditor"]) {
      const c = await t.login(who);
      expect((await c.json("POST", `/api/orders/${order.id}/attachments`, form(JPEG, "x.jpg", "image/jpeg"))).status, who).toBe(
        404,
      );
      expect((await c.request("GET", up.body.url)).status, who).toBe(404);
    }
    expect((await t.anonymous.request("GET", up.body.url)).status).toBe(401);
    expect(
      (await (await t.login("district")).request("GET", "/api/attachments/00000000-0000-4000-8000-000000000000")).status,
    ).toBe(404);
    expect(await t.db.selectFrom("order_attachments").select("id").where("order_id", "=", order.id).execute()).toHaveLength(1);
  });
});
