// A tiny XML writer for the GeoReport v2 documents: plain nested elements, no attributes, every text
// escaped and characters XML 1.0 forbids removed.

export type XmlScalar = string | number | boolean | null | undefined;
export type XmlValue = XmlScalar | XmlValue[] | { [key: string]: XmlValue };

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function checkName(tag: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(tag)) throw new Error(`not an XML element name: ${tag}`);
  return tag;
}

/**
 * One element. An object becomes child elements in key order; an array becomes one child per item,
 * named by `itemNames[tag]` (e.g. services → service); null and undefined become an empty element.
 */
export function element(tag: string, value: XmlValue, itemNames: Record<string, string> = {}): string {
  const name = checkName(tag);
  if (value === null || value === undefined) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = itemNames[tag];
    if (!item) throw new Error(`no item element name for the list ${tag}`);
    return `<${name}>${value.map((v) => element(item, v, itemNames)).join("")}</${name}>`;
  }
  if (typeof value === "object") {
    const inner = Object.entries(value)
      .map(([k, v]) => element(k, v, itemNames))
      .join("");
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function xmlDocument(root: string, value: XmlValue, itemNames: Record<string, string> = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemNames)}\n`;
}
