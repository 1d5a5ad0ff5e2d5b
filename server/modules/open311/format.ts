// GeoReport v2 on the wire: the two formats, the element names of each document, times in China
// Standard Time with their offset, and the spec's error bodies.
import type { Context } from "hono";
import { xmlDocument, type XmlValue } from "./xml.js";

export type Format = "json" | "xml";

/** `services.json` → { name: "services", format: "json" }; anything else is null. */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { name: m[1], format: m[2] as Format } : null;
}

/** The element names of list items in the XML documents. */
export const ITEM_NAMES: Record<string, string> = {
  services: "service",
  service_requests: "request",
  endpoints: "endpoint",
  formats: "format",
  attributes: "attribute",
  values: "value",
  errors: "error",
};

const CST_OFFSET_MS = 8 * 3_600_000;

/** ISO 8601 in China Standard Time with its offset: 2026-11-25T10:00:00+08:00. */
export function cstIso(d: Date | null | undefined): string | null {
  if (!d) return null;
  return `${new Date(d.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 500,
    readonly description: string,
  ) {
    super(description);
  }
}

const CONTENT_TYPES: Record<Format, string> = {
  json: "application/json; charset=utf-8",
  xml: "text/xml; charset=utf-8",
};

/** A document: JSON as is, or XML under `root` (a list's items named from ITEM_NAMES). */
export function send(c: Context, format: Format, root: string, body: XmlValue, status: 200 | 201 | 400 | 403 | 404 | 500 = 200) {
  const text = format === "xml" ? xmlDocument(root, body, ITEM_NAMES) : JSON.stringify(body);
  return c.body(text, status, { "content-type": CONTENT_TYPES[format] });
}

/** The spec's error body: [{code, description}] or <errors><error>…</error></errors>. */
export function sendError(c: Context, format: Format, e: Open311Error) {
  return send(c, format, "errors", [{ code: e.status, description: e.description }], e.status);
}

/** The format a failed request asked for, read from the path; JSON when it cannot be told. */
export function formatOfPath(path: string): Format {
  return path.endsWith(".xml") ? "xml" : "json";
}
