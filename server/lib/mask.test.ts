import { describe, expect, it } from "vitest";
import { FieldCipher } from "./crypto.js";
import { maskDocument, maskName, maskPhone } from "./mask.js";

describe("masking", () => {
  it("keeps the first six and last four characters of an 18-character ID number", () => {
    expect(maskDocument("110105199001011234")).toBe("110105********1234");
    expect(maskDocument("11010519491231002X")).toBe("110105********002X");
  });
  it("masks short documents but keeps two characters at each end", () => {
    expect(maskDocument("E12345678")).toBe("E1*****78");
    expect(maskDocument("1234")).toBe("****");
  });
  it("masks the middle four digits of a mobile number", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("02887654321")).toBe("028****4321");
    expect(maskPhone("057487654321")).toBe("********4321");
  });
  it("keeps only the surname of a name", () => {
    expect(maskName("张三丰")).toBe("张**");
    expect(maskName("李")).toBe("李");
  });
});

describe("field encryption and blind index", () => {
  const a = new FieldCipher(Buffer.alloc(32, 1));
  const b = new FieldCipher(Buffer.alloc(32, 2));
  it("round-trips and never repeats a ciphertext", () => {
    const x = a.encrypt("110105199001011234");
    expect(a.decrypt(x)).toBe("110105199001011234");
    expect(a.encrypt("110105199001011234")).not.toBe(x);
    expect(x).not.toContain("1234");
  });
  it("refuses a tampered ciphertext or the wrong key", () => {
    const x = a.encrypt("13812345678");
    const parts = x.split(".");
    parts[3] = Buffer.from("99999999999").toString("base64url");
    expect(() => a.decrypt(parts.join("."))).toThrow();
    expect(() => b.decrypt(x)).toThrow();
  });
  it("gives a stable blind index per key and domain", () => {
    expect(a.blindIndex("doc", "x")).toBe(a.blindIndex("doc", "x"));
    expect(a.blindIndex("doc", "x")).not.toBe(a.blindIndex("phone", "x"));
    expect(a.blindIndex("doc", "x")).not.toBe(b.blindIndex("doc", "x"));
  });
});
