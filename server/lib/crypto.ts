// Field encryption (AES-256-GCM) and blind indexes (HMAC-SHA256) for personal data.
// Two sub-keys are derived from the one secret so that the index key never encrypts and vice versa.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";

export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(secret: Buffer) {
    this.encKey = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), "gongzhi/field-encryption", 32));
    this.indexKey = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), "gongzhi/blind-index", 32));
  }

  /** Returns `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `v1.${iv.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}.${body.toString("base64url")}`;
  }

  decrypt(token: string): string {
    const [version, iv, tag, body] = token.split(".");
    if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("unknown ciphertext format");
    const decipher = createDecipheriv("aes-256-gcm", this.encKey, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }

  /** Deterministic keyed digest for exact-match lookup; `domain` keeps ID and phone indexes apart. */
  blindIndex(domain: string, value: string): string {
    return createHmac("sha256", this.indexKey).update(`${domain}\u0000${value}`).digest("base64url");
  }
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
