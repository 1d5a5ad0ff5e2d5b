import { describe, expect, it } from "vitest";
import { cstIso, ITEM_NAMES, splitFormat } from "./format.js";
import { publicText } from "./service.js";
import { element, escapeXml, xmlDocument } from "./xml.js";

describe("xml", () => {
  it("escapes markup and drops characters XML forbids", () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>\u0001\u0008ok\t\n`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;ok\t\n",
    );
  });

  it("writes objects in key order, lists under their item names, and empty elements for null", () => {
    const xml = xmlDocument(
      "service_requests",
      [{ service_request_id: "GZ1", lat: 30.5, media_url: null, ok: true }],
      ITEM_NAMES,
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>GZ1</service_request_id><lat>30.5</lat><media_url></media_url><ok>true</ok></request></service_requests>\n',
    );
    expect(element("formats", ["text/xml"], ITEM_NAMES)).toBe("<formats><format>text/xml</format></formats>");
    expect(() => element("bad name", "x")).toThrow();
    expect(() => element("things", [1])).toThrow();
  });
});

describe("format", () => {
  it("writes times in China Standard Time with the offset", () => {
    expect(cstIso(new Date("2026-11-25T02:00:00Z"))).toBe("2026-11-25T10:00:00+08:00");
    expect(cstIso(new Date("2026-11-25T20:30:05.123Z"))).toBe("2026-11-26T04:30:05+08:00");
    expect(cstIso(null)).toBeNull();
  });

  it("splits the format from a path segment", () => {
    expect(splitFormat("services.json")).toEqual({ name: "services", format: "json" });
    expect(splitFormat("GZ2026.xml")).toEqual({ name: "GZ2026", format: "xml" });
    expect(splitFormat("services.csv")).toBeNull();
    expect(splitFormat("services")).toBeNull();
  });

  it("masks phone and ID numbers typed into public text, and leaves other numbers", () => {
    expect(publicText("电话13812345678,身份证11010519800315001X,门牌 1001 号")).toBe(
      "电话138****5678,身份证110105********001X,门牌 1001 号",
    );
    expect(publicText("订单 213812345678901")).toBe("订单 213812345678901");
  });
});
