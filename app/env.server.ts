import { z } from "zod";

/** Every environment variable the portal reads, validated once at start-up (see README). */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  DATABASE_URL: z.string().optional(),
  PGLITE_DATA_DIR: z.string().default(".data/pglite"),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Zizhu Park Portal <no-reply@portal.zizhupark.example>"),
  SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  WORKER: z.enum(["on", "off"]).default("on"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(20_000_000),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment:\n${lines.join("\n")}`);
    }
    cached = {
      ...parsed.data,
      DATABASE_URL: parsed.data.DATABASE_URL || undefined,
      SMTP_URL: parsed.data.SMTP_URL || undefined,
    };
  }
  return cached;
}

/** Cookies are Secure (and `__Host-` prefixed) whenever the portal is served over HTTPS. */
export function isHttps(): boolean {
  return env().PUBLIC_URL.startsWith("https://");
}

/** The development mailbox exists only while no SMTP server is configured. */
export function mailboxEnabled(): boolean {
  return !env().SMTP_URL;
}
