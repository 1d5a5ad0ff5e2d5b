// Open311 GeoReport v2: the service catalogue from the active leaf categories, public reads of
// service requests (work orders) without any personal data, and submissions from API clients that
// become work orders through the same intake as every other channel.
import type { Deps } from "../../deps.js";
import { randomToken, sha256Hex } from "../../lib/crypto.js";
import { AppError } from "../../lib/errors.js";
import type { Lang } from "../../lib/i18n.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor } from "../identity/types.js";
import * as appealsRepo from "../appeals/repository.js";
import { intake } from "../appeals/service.js";
import { cstIso, Open311Error } from "./format.js";
import * as repo from "./repository.js";

export const CHANGESET = "2026-11-25T00:00:00+08:00";
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
export const WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

const say = (lang: Lang, zh: string, en: string) => (lang === "en" ? en : zh);

export function discovery(baseUrl: string) {
  return {
    changeset: CHANGESET,
    contact: "共治平台 Gongzhi — 请联系平台系统管理员 / contact the platform's system administrator",
    key_service: "API key 由系统管理员在「Open311 接入」中签发 / API keys are issued by the system administrator",
    endpoints: [
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: baseUrl,
        changeset: CHANGESET,
        type: "production",
        formats: ["application/json", "text/xml"],
      },
    ],
  };
}

type Category = Awaited<ReturnType<typeof repo.leafCategories>>[number];

function limitText(c: Category): string {
  if (c.resolve_hours !== null) return `办理时限 ${c.resolve_hours} 小时`;
  if (c.resolve_days !== null) return `办理时限 ${c.resolve_days} 个工作日`;
  return "按诉求类型的办理时限办理";
}

function serviceOf(c: Category) {
  return {
    service_code: c.code,
    service_name: c.name_zh,
    description: `${c.group_name ? `${c.group_name} / ` : ""}${c.name_zh}(${c.name_en})。${limitText(c)}${c.urgent ? ",紧急事项" : ""}`,
    metadata: false,
    type: "realtime",
    keywords: [c.name_zh, c.name_en, c.group_name].filter(Boolean).join(","),
    group: c.group_name ?? null,
  };
}

export async function services(deps: Deps) {
  return (await repo.leafCategories(deps.db)).map(serviceOf);
}

export async function serviceDefinition(deps: Deps, code: string, lang: Lang) {
  const [c] = await repo.leafCategories(deps.db, code);
  if (!c) throw new Open311Error(404, say(lang, `service_code 不存在:${code}`, `service_code not found: ${code}`));
  return { service_code: c.code, attributes: [] as never[] };
}

const STATUS_NOTES: Record<string, string> = {
  accepted: "已受理",
  dispatched: "已派单至承办单位",
  signed: "承办单位已签收",
  in_progress: "办理中",
  returned: "退回,等待重新派单",
  suspended: "暂停办理",
  answered: "已答复",
  archived: "已办结",
  voided: "已作废",
  merged: "已合并",
};

// Numbers a resident may have typed into the text: mobile phones and ID numbers are masked before
// the text leaves the platform.
const PHONE_IN_TEXT = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const ID_IN_TEXT = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;

export function publicText(text: string): string {
  return text.replace(ID_IN_TEXT, "$1********$2").replace(PHONE_IN_TEXT, "$1****$2");
}

/** A work order as a GeoReport v2 request: public fields only. */
export function requestOf(r: repo.RequestRow) {
  const closed = repo.CLOSED_STATUSES.includes(r.status);
  const notes =
    r.status === "merged" && r.merged_into_number
      ? `${STATUS_NOTES.merged}至 ${r.merged_into_number}`
      : (STATUS_NOTES[r.status] ?? null);
  return {
    service_request_id: r.number,
    status: closed ? "closed" : "open",
    status_notes: notes,
    service_name: r.category_name,
    service_code: r.category_code,
    description: publicText(r.content),
    agency_responsible: r.unit_name ?? null,
    service_notice: closed ? null : `将于 ${cstIso(r.resolve_due_at)?.slice(0, 10)} 前办结`,
    requested_datetime: cstIso(r.accepted_at),
    updated_datetime: cstIso(r.updated_at),
    expected_datetime: cstIso(r.resolve_due_at),
    address: r.address ?? null,
    address_id: null,
    zipcode: null,
    lat: r.lat ?? null,
    long: r.lng ?? null,
    media_url: r.media_url ?? null,
  };
}

export type RequestQuery = {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
  page?: string;
  page_size?: string;
};

function parseDate(value: string, name: string, lang: Lang): Date {
  // ISO 8601 date or date-time; a date-time without a zone is read as China Standard Time.
  const m = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  let text = value.trim();
  if (m && !m[4]) text = m[1] ? `${text}+08:00` : `${text}T00:00:00+08:00`;
  const d = m ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(d.getTime()))
    throw new Open311Error(400, say(lang, `${name} 不是 ISO 8601 时间`, `${name} is not an ISO 8601 date-time`));
  return d;
}

function parsePositiveInt(value: string | undefined, name: string, fallback: number, max: number, lang: Lang): number {
  if (value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new Open311Error(400, say(lang, `${name} 应为 1 到 ${max} 的整数`, `${name} must be an integer from 1 to ${max}`));
  }
  return Number(value);
}

const list = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export async function findRequests(deps: Deps, q: RequestQuery, lang: Lang, now = new Date()) {
  const page = parsePositiveInt(q.page, "page", 1, 1_000_000, lang);
  const pageSize = parsePositiveInt(q.page_size, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, lang);
  const paging = { limit: pageSize, offset: (page - 1) * pageSize };
  const numbers = list(q.service_request_id);
  if (numbers.length) {
    if (numbers.length > MAX_PAGE_SIZE)
      throw new Open311Error(400, say(lang, "service_request_id 过多", "too many service_request_id values"));
    return (await repo.findRequests(deps.db, { numbers, ...paging })).map(requestOf);
  }
  const status = list(q.status).map((s) => s.toLowerCase());
  for (const s of status) {
    if (s !== "open" && s !== "closed")
      throw new Open311Error(400, say(lang, "status 只能是 open 或 closed", "status must be open or closed"));
  }
  let from = q.start_date ? parseDate(q.start_date, "start_date", lang) : undefined;
  let to = q.end_date ? parseDate(q.end_date, "end_date", lang) : undefined;
  // The spec's window: at most 90 days; without dates, the last 90 days.
  if (!from && !to) {
    to = now;
    from = new Date(now.getTime() - WINDOW_DAYS * DAY_MS);
  } else if (from && !to) to = new Date(from.getTime() + WINDOW_DAYS * DAY_MS);
  else if (!from && to) from = new Date(to.getTime() - WINDOW_DAYS * DAY_MS);
  if ((from as Date) > (to as Date))
    throw new Open311Error(400, say(lang, "start_date 晚于 end_date", "start_date is after end_date"));
  if ((to as Date).getTime() - (from as Date).getTime() > WINDOW_DAYS * DAY_MS) {
    throw new Open311Error(
      400,
      say(lang, "查询时间跨度不能超过 90 天", "start_date and end_date may not span more than 90 days"),
    );
  }
  const rows = await repo.findRequests(deps.db, {
    serviceCodes: list(q.service_code),
    from,
    to,
    status: status as ("open" | "closed")[],
    ...paging,
  });
  return rows.map(requestOf);
}

export async function requestByNumber(deps: Deps, number: string, lang: Lang) {
  const r = await repo.requestByNumber(deps.db, number);
  if (!r)
    throw new Open311Error(404, say(lang, `service_request_id 不存在:${number}`, `service_request_id not found: ${number}`));
  return [requestOf(r)];
}

export async function requestByToken(deps: Deps, token: string, lang: Lang) {
  const r = await repo.requestByToken(deps.db, token);
  if (!r) throw new Open311Error(404, say(lang, "token 不存在", "token not found"));
  return [{ service_request_id: r.number, token: r.open311_token }];
}

export type PostForm = Record<string, string | undefined>;

function number(value: string | undefined, name: string, min: number, max: number, lang: Lang): number | null {
  if (value === undefined || value.trim() === "") return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Open311Error(400, say(lang, `${name} 不是有效坐标`, `${name} is not a valid coordinate`));
  return n;
}

export async function clientOf(deps: Deps, apiKey: string | undefined, lang: Lang) {
  if (!apiKey) throw new Open311Error(403, say(lang, "缺少 api_key", "api_key was not provided"));
  const client = await repo.activeClientByKeyHash(deps.db, sha256Hex(apiKey));
  if (!client) throw new Open311Error(403, say(lang, "api_key 无效或已吊销", "api_key is invalid or revoked"));
  return client;
}

/** POST requests: a submission from an API client becomes a work order on the open311 channel. */
export async function createRequest(deps: Deps, form: PostForm, ip: string, lang: Lang) {
  const client = await clientOf(deps, form.api_key, lang);
  const code = form.service_code?.trim();
  if (!code) throw new Open311Error(400, say(lang, "缺少 service_code", "service_code was not provided"));
  const [category] = await repo.leafCategories(deps.db, code);
  if (!category) throw new Open311Error(400, say(lang, `service_code 不存在:${code}`, `service_code not found: ${code}`));
  const lat = number(form.lat, "lat", -90, 90, lang);
  const lng = number(form.long, "long", -180, 180, lang);
  const address = form.address_string?.trim() || null;
  if ((lat === null) !== (lng === null))
    throw new Open311Error(400, say(lang, "lat 与 long 须同时提供", "lat and long must be given together"));
  if (lat === null && !address) {
    throw new Open311Error(
      400,
      say(lang, "须提供位置:lat 和 long,或 address_string", "a location is required: lat and long, or address_string"),
    );
  }
  if (address && address.length > 200)
    throw new Open311Error(400, say(lang, "address_string 过长", "address_string is too long"));
  const description = form.description?.trim() || `${category.name_zh}(经 Open311 上报)`;
  if (description.length > 2000)
    throw new Open311Error(400, say(lang, "description 不能超过 2000 字", "description is longer than 2000 characters"));
  const mediaUrl = form.media_url?.trim() || null;
  if (mediaUrl && (!/^https?:\/\/\S+$/i.test(mediaUrl) || mediaUrl.length > 1000)) {
    throw new Open311Error(400, say(lang, "media_url 不是有效的 http(s) 地址", "media_url is not a valid http(s) URL"));
  }
  // Chinese order: family name first.
  const name = [form.last_name?.trim(), form.first_name?.trim()].filter(Boolean).join("").slice(0, 50) || null;
  const phone = form.phone?.trim() || null;

  const actor: Actor = { userId: null, username: `open311:${client.name}`, ip };
  const token = randomToken(18);
  let created: { id: string; number: string };
  try {
    created = await intake(
      deps,
      null,
      actor,
      {
        appealType: "complaint",
        categoryCode: category.code,
        content: description,
        lng,
        lat,
        address,
        reporterName: name,
        reporterPhone: phone,
      },
      { channel: "open311", open311Token: token },
    );
  } catch (e) {
    if (e instanceof AppError && e.fields.some((f) => f.path === "location" || f.path === "gridId")) {
      throw new Open311Error(
        400,
        say(
          lang,
          "位置不在本辖区任何网格内:lat/long 未落入网格,address_string 也未匹配到已登记的楼栋地址",
          "the location is not inside any grid of this jurisdiction: lat/long fall in no grid and address_string matches no registered building",
        ),
      );
    }
    if (e instanceof AppError && e.fields.some((f) => f.path === "reporterPhone")) {
      throw new Open311Error(400, say(lang, "phone 不是有效的手机或固定电话号码", "phone is not a valid phone number"));
    }
    throw e;
  }
  if (mediaUrl) {
    // Kept as a link on the timeline; the platform does not fetch it.
    const o = await deps.db.selectFrom("orders").select(["district_id"]).where("id", "=", created.id).executeTakeFirstOrThrow();
    await appealsRepo.addEvent(deps.db, {
      orderId: created.id,
      districtId: o.district_id,
      actorId: null,
      actorName: actor.username,
      action: "attach",
      from: null,
      to: null,
      note: mediaUrl,
      data: { mediaUrl },
    });
  }
  const r = await repo.requestByNumber(deps.db, created.number);
  const due = cstIso(r?.resolve_due_at)?.slice(0, 10);
  return [
    {
      service_request_id: created.number,
      token,
      service_notice: say(
        lang,
        `诉求已受理,工单号 ${created.number},将于 ${due} 前办结`,
        `Accepted as ${created.number}; due by ${due}`,
      ),
      account_id: null,
    },
  ];
}

export const API_KEY_PREFIX = "gz311_";

export async function createClient(deps: Deps, actor: Actor, name: string) {
  const apiKey = `${API_KEY_PREFIX}${randomToken(24)}`;
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("open311_clients")
      .values({ name, key_hash: sha256Hex(apiKey), created_by: actor.userId })
      .returning(["id", "name", "created_at"])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "open311.client.create",
      targetType: "open311_client",
      targetId: row.id,
      summary: { name },
    });
    return { id: row.id, name: row.name, apiKey, createdAt: row.created_at.toISOString() };
  });
}

export async function revokeClient(deps: Deps, actor: Actor, id: string) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("open311_clients")
      .set({ revoked_at: new Date() })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .returning(["id", "name", "revoked_at"])
      .executeTakeFirst();
    if (!row) {
      const exists = await trx.selectFrom("open311_clients").select("revoked_at").where("id", "=", id).executeTakeFirst();
      if (!exists) throw new AppError(404, "not_found");
      throw new AppError(409, "bad_request", { reason: "the client is already revoked" });
    }
    await appendAudit(trx, actor, {
      action: "open311.client.revoke",
      targetType: "open311_client",
      targetId: row.id,
      summary: { name: row.name },
    });
    return { id: row.id, name: row.name, revokedAt: (row.revoked_at as Date).toISOString() };
  });
}
