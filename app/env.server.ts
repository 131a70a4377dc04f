import net from "node:net";
import * as z from "zod";

/**
 * TRUST_PROXY: how many proxies stand in front of the app (a hop count), or their addresses
 * (IPs, CIDRs, or Express's names loopback / linklocal / uniquelocal). Never "trust everything":
 * `true` is refused at start-up because it lets any client choose its address (ADR 0018).
 */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  if (rest.length || !address) return false;
  const family = net.isIP(address);
  if (!family) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? "").trim().toLowerCase();
  if (value === "" || value === "false" || value === "0" || value === "off") return false;
  if (value === "true" || value === "*" || value === "all")
    throw new Error(
      "TRUST_PROXY=true would believe any client's X-Forwarded-For (anyone could choose their " +
        "address). Set the number of proxies in front of the portal (usually TRUST_PROXY=1) or " +
        "their addresses (TRUST_PROXY=10.0.0.5,10.0.1.0/24).",
    );
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new Error(`TRUST_PROXY=${value}: at most 10 proxy hops`);
    return hops;
  }
  const list = value.split(",").map((s) => s.trim());
  const bad = list.filter((s) => !isProxyAddress(s));
  if (bad.length)
    throw new Error(
      `TRUST_PROXY: not a hop count, IP address or CIDR: ${bad.join(", ")} ` +
        "(examples: 1, or 10.0.0.5,10.0.1.0/24, or loopback)",
    );
  return list;
}

/** Every environment variable the portal reads, validated once at start-up (see README). */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().positive().max(65535).default(3000),
  // Loopback by default: a fresh `npm start` is a local demo (ADR 0018). Containers set 0.0.0.0.
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  PGLITE_DATA_DIR: z.string().default(".data/pglite"),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Zizhu Park Portal <no-reply@portal.zizhupark.example>"),
  SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  WORKER: z.enum(["on", "off"]).default("on"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z.string().optional(),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(20_000_000),
  // An active project without activity for this many days is flagged stale (issue 13).
  PROJECT_STALE_DAYS: z.coerce.number().int().positive().max(365).default(14),
  // Email both ways (issue 17, ADR 0034): the domain of reply addresses (request+<ref>.<token>@
  // it), the SMTP listener's port and address, the inbound webhook's shared secret, and the
  // largest inbound message.
  REPLY_TO_DOMAIN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^(?=.{1,200}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, {
        error: "a domain name such as reply.portal.example.com",
      })
      .optional(),
  ),
  INBOUND_SMTP_PORT: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().positive().max(65535).optional(),
  ),
  INBOUND_SMTP_HOST: z.string().min(1).default("127.0.0.1"),
  INBOUND_MAIL_SECRET: z.preprocess(
    blankToUndefined,
    z.string().min(24, { error: "at least 24 characters" }).optional(),
  ),
  INBOUND_MAX_BYTES: z.coerce.number().int().positive().default(20_000_000),
});

function blankToUndefined(value: unknown): unknown {
  return value === "" ? undefined : value;
}

type Parsed = z.infer<typeof schema>;
export type Env = Omit<Parsed, "PUBLIC_URL" | "TRUST_PROXY"> & {
  /** The address people use; defaults to http://localhost:PORT so email links follow PORT. */
  PUBLIC_URL: string;
  TRUST_PROXY: TrustProxy;
};

let cached: Env | undefined;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  const lines = parsed.success
    ? []
    : parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  let trustProxy: TrustProxy = false;
  try {
    trustProxy = parseTrustProxy(source.TRUST_PROXY);
  } catch (error) {
    lines.push(`  TRUST_PROXY: ${(error as Error).message}`);
  }
  if (!parsed.success || lines.length) throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  const data = parsed.data;
  return {
    ...data,
    PUBLIC_URL: data.PUBLIC_URL || `http://localhost:${data.PORT}`,
    TRUST_PROXY: trustProxy,
    DATABASE_URL: data.DATABASE_URL || undefined,
    SMTP_URL: data.SMTP_URL || undefined,
  };
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Cookies are Secure (and `__Host-` prefixed) whenever the portal is served over HTTPS. */
export function isHttps(): boolean {
  return env().PUBLIC_URL.startsWith("https://");
}

// ---------------------------------------------------------------------------------------
// Local demo or shared (ADR 0018)

/** A host name or address that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  if (net.isIPv4(h)) return h.startsWith("127.");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  return !!mapped && mapped[1]!.startsWith("127.");
}

export interface DeploymentMode {
  /**
   * `local`: only this machine can reach the portal: demo logins with the published password,
   * the development mailbox open to every visitor. `shared`: anyone else might: no published
   * passwords, the mailbox for admins only.
   */
  mode: "local" | "shared";
  /** Why, in one sentence for the start-up banner and the log. */
  reason: string;
}

export function deploymentModeOf(config: Pick<Env, "HOST" | "PUBLIC_URL">): DeploymentMode {
  const publicHost = new URL(config.PUBLIC_URL).hostname;
  if (!isLoopbackHost(config.HOST))
    return {
      mode: "shared",
      reason: `HOST=${config.HOST} accepts connections from other machines`,
    };
  if (!isLoopbackHost(publicHost))
    return {
      mode: "shared",
      reason: `PUBLIC_URL=${config.PUBLIC_URL} is an address other people use`,
    };
  return {
    mode: "local",
    reason: `HOST=${config.HOST} and PUBLIC_URL=${config.PUBLIC_URL} are this machine only`,
  };
}

export function deploymentMode(): DeploymentMode {
  return deploymentModeOf(env());
}

/** The development mailbox exists only while no SMTP server is configured. */
export function mailboxEnabled(): boolean {
  return !env().SMTP_URL;
}

/**
 * Who may read the development mailbox: anyone on a local demo, only admins on a shared
 * start (it holds every password-reset and invitation link).
 */
export function mailboxOpenTo(user: { roles: readonly string[] } | null | undefined): boolean {
  if (!mailboxEnabled()) return false;
  if (deploymentMode().mode === "local") return true;
  return !!user?.roles.includes("admin");
}
