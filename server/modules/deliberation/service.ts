// What the deliberation module offers the other decision areas and the lead's scheduler.
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

export {
  currentMemberCount,
  endMemberTx,
  isCurrentMember,
  representativeBodies,
  representativesBodyOver,
} from "./bodies.service.js";
export { fileOwnerPath } from "./files.service.js";
export { sweepProposals } from "./proposals.service.js";
export { ensureFlowTemplates } from "./templates.service.js";

/** A proposal's title, area and status, for agenda items, votes and projects that refer to it. */
export async function proposalRef(
  db: Kysely<DB>,
  id: string,
): Promise<{ id: string; title: string; areaPath: string; districtId: string; status: string } | null> {
  const p = await db
    .selectFrom("proposals")
    .select(["id", "title", "area_path", "district_id", "status"])
    .where("id", "=", id)
    .executeTakeFirst();
  return p ? { id: p.id, title: p.title, areaPath: p.area_path, districtId: p.district_id, status: p.status } : null;
}
