// One typed, validated place for every setting. The process refuses to start on a bad setting
// and lists every problem at once, so an operator fixes them in one go.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  GONGZHI_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters (32 bytes)")
    .optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  DEMO_ON_EMPTY: z.enum(["true", "false"]).default("true"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secretKey: Buffer;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  demoOnEmpty: boolean;
  logLevel: "debug" | "info" | "warn" | "error";
  trustProxy: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Reads the key from the environment, or (embedded mode only) from DATA_DIR/secret.key, creating it once. */
function resolveSecretKey(env: z.infer<typeof schema>): Buffer {
  if (env.GONGZHI_SECRET_KEY) return Buffer.from(env.GONGZHI_SECRET_KEY, "hex");
  if (env.DATABASE_URL) {
    throw new ConfigError([
      "GONGZHI_SECRET_KEY: required when DATABASE_URL is set (the key must be shared by every server instance)",
    ]);
  }
  const dir = path.resolve(env.DATA_DIR);
  const file = path.join(dir, "secret.key");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  }
  chmodSync(file, 0o600);
  const hex = readFileSync(file, "utf8").trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new ConfigError([`${file}: not a 64-hex-character key`]);
  return Buffer.from(hex, "hex");
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    secretKey: resolveSecretKey(e),
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    demoOnEmpty: e.DEMO_ON_EMPTY === "true",
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === "true",
  };
}
