/**
 * Typed permissions `action:entity:access` (ADR 0004). `any` reaches every record; `own` only
 * the records of the actor's own company. Shared by server (enforcing) and UI (offering).
 */
/** The park's roles, in the order the admin pages list them. */
export const PARK_ROLES = [
  "staff",
  "reviewer",
  "admin",
  "promotion",
  "statistics",
  "mentor",
] as const;
export type ParkRole = (typeof PARK_ROLES)[number];
export type CompanyRole = "owner" | "member";

export type Permission =
  | "read:company:own"
  | "update:company:own"
  | "manage:company_member:own"
  | "read:company:any"
  | "read:user:any"
  | "update:user_role:any"
  | "update:user_status:any"
  | "read:audit_log:any"
  | "create:company:own"
  // Incubation (issue 4)
  | "create:application:own"
  | "read:application:own"
  | "read:application:any"
  | "manage:application:any"
  | "decide:application:any"
  | "manage:incubation_call:any"
  | "review:application:assigned"
  // Mentors (ADR 0049): the incubatees staff assigned to them, read-only plus report comments
  | "read:incubatee:assigned"
  // Service requests (issue 5)
  | "create:service_request:own"
  | "read:service_request:own"
  | "read:service_request:any"
  | "update:service_request:any"
  | "manage:service_catalogue:any"
  // The desk's toolkit (issue 17, ADR 0030): knowledge base, canned replies and macros
  | "manage:kb_article:any"
  // The desk's rules (ADR 0050): desk admins only
  | "manage:service_rule:any"
  // Promotion (issue 3)
  | "create:news:any"
  | "publish:news:any"
  | "manage:news_taxonomy:any"
  | "manage:park:any"
  | "read:inquiry:any"
  | "update:inquiry:any"
  // Investment-promotion pipeline (issue 13): its own role, not the desk's (ADR 0026)
  | "read:project:any"
  | "update:project:any"
  // Company statistics (issue 14): a company's figures, its own role (ADR 0033)
  | "read:statistics:any"
  | "manage:statistics:any"
  // Policies (issue 15, ADR 0036): the library, matching previews, claims and awards
  | "manage:policy:any"
  | "create:policy_claim:own"
  | "read:policy_claim:own";

const INCUBATION_STAFF: readonly Permission[] = [
  "read:application:any",
  "manage:application:any",
  "decide:application:any",
  "manage:incubation_call:any",
];

const SERVICE_STAFF: readonly Permission[] = [
  "read:service_request:any",
  "update:service_request:any",
  "manage:kb_article:any",
];

const PROMOTION_STAFF: readonly Permission[] = [
  "create:news:any",
  "publish:news:any",
  "manage:news_taxonomy:any",
  "manage:park:any",
  "read:inquiry:any",
  "update:inquiry:any",
];

/** The pipeline: projects from first contact to production, and the inquiries they start from. */
const PIPELINE: readonly Permission[] = [
  "read:project:any",
  "update:project:any",
  "read:inquiry:any",
  "update:inquiry:any",
];

/** Company figures: only this role and admins, never plain desk staff (ADR 0033). */
const STATISTICS: readonly Permission[] = [
  "read:statistics:any",
  "manage:statistics:any",
  "read:company:any",
];

/** The policy office: the library, previews of matches, claims, awards and payments. */
const POLICY_STAFF: readonly Permission[] = ["manage:policy:any"];

const PARK_ROLE_PERMISSIONS: Record<ParkRole, readonly Permission[]> = {
  staff: [
    "read:company:any",
    ...INCUBATION_STAFF,
    ...SERVICE_STAFF,
    ...PROMOTION_STAFF,
    ...POLICY_STAFF,
  ],
  reviewer: ["review:application:assigned"],
  mentor: ["read:incubatee:assigned"],
  promotion: PIPELINE,
  statistics: STATISTICS,
  admin: [
    ...STATISTICS,
    ...PIPELINE,
    ...INCUBATION_STAFF,
    ...SERVICE_STAFF,
    ...PROMOTION_STAFF,
    ...POLICY_STAFF,
    "manage:service_catalogue:any",
    "manage:service_rule:any",
    "read:company:any",
    "read:user:any",
    "update:user_role:any",
    "update:user_status:any",
    "read:audit_log:any",
  ],
};

const COMPANY_ROLE_PERMISSIONS: Record<CompanyRole, readonly Permission[]> = {
  owner: [
    "read:company:own",
    "update:company:own",
    "manage:company_member:own",
    "create:application:own",
    "read:application:own",
    "create:service_request:own",
    "read:service_request:own",
    "create:policy_claim:own",
    "read:policy_claim:own",
  ],
  member: [
    "read:company:own",
    "create:application:own",
    "read:application:own",
    "create:service_request:own",
    "read:service_request:own",
    "read:policy_claim:own",
  ],
};

export interface Actor {
  roles: readonly ParkRole[];
  company: { role: CompanyRole } | null;
}

export function permissionsOf(actor: Actor | null): Set<Permission> {
  const set = new Set<Permission>();
  if (!actor) return set;
  for (const role of actor.roles) for (const p of PARK_ROLE_PERMISSIONS[role]) set.add(p);
  if (actor.company) for (const p of COMPANY_ROLE_PERMISSIONS[actor.company.role]) set.add(p);
  // Any signed-in user without a company may create one.
  else set.add("create:company:own");
  return set;
}

export function can(actor: Actor | null, permission: Permission): boolean {
  return permissionsOf(actor).has(permission);
}

export function isParkStaff(actor: Actor | null): boolean {
  return !!actor && actor.roles.some((r) => r === "staff" || r === "admin");
}
