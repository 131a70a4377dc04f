import pino from "pino";
import { env } from "~/env.server";

/** JSON logs. Never log passwords, tokens, cookies or query strings (they can hold tokens). */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { app: "park-portal", pid: process.pid },
  redact: {
    paths: [
      ...["password", "passwordHash", "password_hash", "token", "secret", "cookie"].flatMap((k) => [
        k,
        `*.${k}`,
      ]),
      "authorization",
      "*.authorization",
      ...["headers", "*.headers"].flatMap((h) => [
        `${h}.cookie`,
        `${h}.authorization`,
        `${h}["set-cookie"]`,
      ]),
    ],
    censor: "[redacted]",
  },
});

export function logLevel() {
  return env().LOG_LEVEL;
}
