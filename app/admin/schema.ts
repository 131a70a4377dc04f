/**
 * Admin forms and query strings, shared by the browser (Conform) and the server.
 * Error messages are i18n keys in the `admin` namespace.
 */
import * as z from "zod";
import { PARK_ROLES } from "~/auth/permissions";
import { uuidSchema } from "~/lib/ids";
import { hasControlChars, multilineText } from "~/lib/text";

export const USER_STATUSES = ["active", "disabled", "unverified"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** An empty query-string value counts as "not given". */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
/** Search text: at most 100 characters, no control characters (else: no search). */
const searchText = z
  .string()
  .trim()
  .max(100)
  .refine((v) => !hasControlChars(v));

const uuid = uuidSchema();

/** GET /admin/users?q=&role=&status=&cursor= — anything malformed is ignored, never an error. */
export const userSearchSchema = z.object({
  q: optional(searchText).catch(undefined),
  role: optional(z.enum([...PARK_ROLES, "none"])).catch(undefined),
  status: optional(z.enum(USER_STATUSES)).catch(undefined),
  cursor: optional(z.string().max(200)).catch(undefined),
});
export type UserSearch = z.infer<typeof userSearchSchema>;

export const companySearchSchema = z.object({
  q: optional(searchText).catch(undefined),
  resident: optional(z.enum(["yes", "no"])).catch(undefined),
  cursor: optional(z.string().max(200)).catch(undefined),
});
export type CompanySearch = z.infer<typeof companySearchSchema>;

export const auditFilterSchema = z.object({
  action: optional(
    z
      .string()
      .trim()
      .max(100)
      .regex(/^[a-z0-9_.]+$/),
  ).catch(undefined),
  actor: optional(uuid).catch(undefined),
  before: optional(z.coerce.number().int().positive()).catch(undefined),
});

/** The forms on a user's page: each posts an `intent`. */
export const roleChangeSchema = z.object({
  intent: z.enum(["grant-role", "revoke-role"], { error: "admin:errors.unknownIntent" }),
  role: z.enum(PARK_ROLES, { error: "admin:errors.unknownRole" }),
});

export const statusChangeSchema = z.object({
  intent: z.enum(["disable", "enable"], { error: "admin:errors.unknownIntent" }),
  reason: optional(multilineText(500, { tooLong: "admin:errors.reasonTooLong" })),
});

export function paramsOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}
