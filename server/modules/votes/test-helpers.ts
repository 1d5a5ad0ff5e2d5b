// Shared set-up for the votes module's API tests: a body with members who have logins.
import { addPeople, addResidentUser, type Person } from "../../../test/people.js";
import type { Client, TestContext } from "../../../test/harness.js";
import { hashPassword } from "../identity/service.js";

let seq = 0;

/** A representatives' body of community c1 with `n` resident members (the first `logins` can log in). */
export async function bodyWithMembers(ctx: TestContext, n: number, logins = n, quorumRatio = "0.6667") {
  const { db, fx } = ctx;
  const body = await db
    .insertInto("bodies")
    .values({
      district_id: fx.districtId,
      area_id: fx.areas.c1.id,
      area_path: fx.areas.c1.path,
      kind: "representatives",
      name: `东一社区居民代表会议${++seq}`,
      quorum_ratio: quorumRatio,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const people = await addPeople(ctx, { grid: "g1", households: n });
  const members: { id: string; residentId: string; client?: Client; username?: string }[] = [];
  for (const [i, p] of people.entries()) {
    const m = await db
      .insertInto("body_members")
      .values({
        body_id: body.id,
        district_id: fx.districtId,
        resident_id: p.residentId,
        name: `代表${seq}-${i + 1}`,
        role: i === 0 ? "chair" : "member",
        term_start: "2020-01-01",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const entry: (typeof members)[number] = { id: m.id, residentId: p.residentId };
    if (i < logins) {
      entry.username = `rep${seq}_${i + 1}`;
      await addResidentUser(ctx, p.residentId, entry.username);
    }
    members.push(entry);
  }
  return { bodyId: body.id, members, people };
}

/** Resident logins for people (usernames prefix_i). */
export async function loginsFor(ctx: TestContext, people: Person[], prefix: string): Promise<Client[]> {
  const out: Client[] = [];
  for (const [i, p] of people.entries()) {
    await addResidentUser(ctx, p.residentId, `${prefix}_${i}`);
    out.push(await ctx.login(`${prefix}_${i}`));
  }
  return out;
}

/** Community staff of the other community (c2), logged in. */
export async function westStaff(ctx: TestContext): Promise<Client> {
  const username = `community2_${++seq}`;
  const row = await ctx.db
    .insertInto("users")
    .values({
      username,
      display_name: username,
      kind: "staff",
      role: "community",
      password_hash: await hashPassword(ctx.fx.password),
      resident_id: null,
      department: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto("user_scopes").values({ user_id: row.id, area_id: ctx.fx.areas.c2.id }).execute();
  return ctx.login(username);
}
