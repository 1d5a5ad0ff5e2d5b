// Photos and documents on a work order. The type is decided by the file's first bytes, never by
// the name or the Content-Type the client sent; the bytes go to the file store first, then the row,
// the timeline event and the audit entry commit together.
import { randomUUID } from "node:crypto";
import type { Deps } from "../../deps.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import * as repo from "./repository.js";
import { readOrderOrNotFound } from "./service.js";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_ORDER = 9;
export const STAGES = ["intake", "progress", "answer"] as const;
export type Stage = (typeof STAGES)[number];

export type Sniffed = { mime: string; ext: string };

const startsWith = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));

/** The file's real type from its magic bytes: JPEG, PNG, GIF, WebP or PDF; anything else is null. */
export function sniff(bytes: Uint8Array): Sniffed | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: "image/jpeg", ext: "jpg" };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: "image/png", ext: "png" };
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return { mime: "image/gif", ext: "gif" };
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return { mime: "image/webp", ext: "webp" };
  if (startsWith(bytes, ascii("%PDF-"))) return { mime: "application/pdf", ext: "pdf" };
  return null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f"]/g;

/** A display name safe to store and to send back in Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string | undefined, ext: string): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base.replace(UNSAFE_IN_NAME, "").trim().slice(0, 200);
  return clean || `attachment.${ext}`;
}

const tooMany = () =>
  new AppError(400, "bad_request", { reason: `at most ${MAX_ATTACHMENTS_PER_ORDER} files per order` }, [
    { path: "file", code: "invalid_value" },
  ]);

export const tooLarge = () => new AppError(400, "payload_too_large", {}, [{ path: "file", code: "invalid_value" }]);

async function countFor(db: Deps["db"], orderId: string): Promise<number> {
  const r = await db
    .selectFrom("order_attachments")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("order_id", "=", orderId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function addAttachment(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  orderId: string,
  file: { name: string; bytes: Uint8Array },
  stage: Stage,
) {
  const { order: o } = await readOrderOrNotFound(deps, user, orderId);
  if (file.bytes.length === 0) throw fieldError("file", "required");
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw tooLarge();
  const kind = sniff(file.bytes);
  if (!kind) throw fieldError("file", "invalid_value");
  if ((await countFor(deps.db, o.id)) >= MAX_ATTACHMENTS_PER_ORDER) throw tooMany();

  const id = randomUUID();
  const key = `orders/${o.id}/${id}.${kind.ext}`;
  const fileName = cleanFileName(file.name, kind.ext);
  // File first: a row never points at bytes that are not there. A crash in between leaves an
  // unreferenced file, which is harmless.
  await deps.appeals.storage.put(key, file.bytes);
  await deps.db.transaction().execute(async (trx) => {
    // The order row is locked so that two uploads at once cannot both take the ninth place.
    await trx.selectFrom("orders").select("id").where("id", "=", o.id).forUpdate().executeTakeFirstOrThrow();
    if ((await countFor(trx, o.id)) >= MAX_ATTACHMENTS_PER_ORDER) throw tooMany();
    await trx
      .insertInto("order_attachments")
      .values({
        id,
        order_id: o.id,
        district_id: o.district_id,
        stage,
        file_name: fileName,
        mime: kind.mime,
        size: file.bytes.length,
        storage_key: key,
        uploaded_by: user.id,
      })
      .execute();
    await repo.addEvent(trx, {
      orderId: o.id,
      districtId: o.district_id,
      actorId: user.id,
      actorName: user.displayName,
      action: "attach",
      from: null,
      to: null,
      note: fileName,
      data: { attachmentId: id, stage, mime: kind.mime, size: file.bytes.length },
    });
    await appendAudit(trx, actor, {
      action: "order.attach",
      targetType: "order",
      targetId: o.id,
      summary: { number: o.number, attachmentId: id, stage, mime: kind.mime, size: file.bytes.length },
    });
  });
  return { id, fileName, mime: kind.mime, size: file.bytes.length, stage, url: `/api/attachments/${id}` };
}

/** The bytes of an attachment, for whoever may read its order; everyone else is told it does not exist. */
export async function readAttachment(deps: Deps, user: SessionUser, id: string) {
  const a = await deps.db.selectFrom("order_attachments").selectAll().where("id", "=", id).executeTakeFirst();
  if (!a) throw new AppError(404, "not_found");
  await readOrderOrNotFound(deps, user, a.order_id);
  const bytes = await deps.appeals.storage.get(a.storage_key);
  return { attachment: a, bytes };
}
