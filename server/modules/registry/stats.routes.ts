import { createRoute, z } from "@hono/zod-openapi";
import { type SqlBool, sql } from "kysely";
import { createRouter, errorResponses, json, requirePermission } from "../../lib/http.js";
import { inScope } from "./scope.js";

export const statsRoutes = createRouter();

statsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/stats/overview",
    tags: ["registry"],
    summary: "Counts of areas, places, people and care tags in the caller's scope",
    responses: {
      200: json(
        z.object({
          streets: z.number(),
          communities: z.number(),
          grids: z.number(),
          buildings: z.number(),
          households: z.number(),
          residents: z.number(),
          tagCounts: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), count: z.number() })),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.read");
    const db = c.get("deps").db;
    const levels = await db
      .selectFrom("areas")
      .select(["level", (eb) => eb.fn.countAll<string>().as("n")])
      .where(inScope("path", user.scope))
      .groupBy("level")
      .execute();
    const count = async (table: "buildings" | "households" | "residents") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where(inScope("area_path", user.scope))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const seeSensitive = user.permissions.includes("registry.sensitive");
    const tags = await db
      .selectFrom("tags as t")
      .leftJoin("resident_tags as rt", "rt.tag_code", "t.code")
      .leftJoin("residents as r", (j) => j.onRef("r.id", "=", "rt.resident_id").on(inScope("r.area_path", user.scope)))
      .select(["t.code", "t.name_zh", "t.name_en", "t.sensitive", (eb) => eb.fn.count<string>("r.id").as("n")])
      .where(seeSensitive ? sql<SqlBool>`true` : sql<SqlBool>`t.sensitive = false`)
      .groupBy(["t.code", "t.name_zh", "t.name_en", "t.sensitive", "t.sort"])
      .orderBy("t.sort")
      .execute();
    const lv = (l: string) => Number(levels.find((x) => x.level === l)?.n ?? 0);
    return c.json(
      {
        streets: lv("street"),
        communities: lv("community"),
        grids: lv("grid"),
        buildings: await count("buildings"),
        households: await count("households"),
        residents: await count("residents"),
        tagCounts: tags.map((t) => ({ code: t.code, nameZh: t.name_zh, nameEn: t.name_en, count: Number(t.n) })),
      },
      200,
    );
  },
);
