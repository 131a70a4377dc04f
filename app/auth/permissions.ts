/**
 * Typed permissions `action:entity:access` (ADR 0004). `any` reaches every record; `own` only
 * the records of the actor's own company. Shared by server (enforcing) and UI (offering).
 */
export type ParkRole = "staff" | "reviewer" | "admin";
export type CompanyRole = "owner" | "member";

export const PARK_ROLES: readonly ParkRole[] = ["staff", "reviewer", "admin"];

export type Permission =
  | "read:company:own"
  | "update:company:own"
  | "manage:company_member:own"
  | "read:company:any"
  | "read:user:any"
  | "update:user_role:any"
  | "update:user_status:any"
  | "read:audit_log:any"
  | "create:company:own";

const PARK_ROLE_PERMISSIONS: Record<ParkRole, readonly Permission[]> = {
  staff: ["read:company:any"],
  reviewer: [],
  admin: ["read:company:any", "read:user:any", "update:user_role:any", "update:user_status:any", "read:audit_log:any"],
};

const COMPANY_ROLE_PERMISSIONS: Record<CompanyRole, readonly Permission[]> = {
  owner: ["read:company:own", "update:company:own", "manage:company_member:own"],
  member: ["read:company:own"],
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
