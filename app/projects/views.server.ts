/**
 * Saved views of the project table (issue 13, ADR 0047): a name for the table's filters, kept
 * in PostgreSQL by one member of the promotion staff, personal or shared with everyone who may
 * read the pipeline. Only the owner renames, shares or deletes a view; every change is one
 * transaction with its audit entry. The query kept is rebuilt from the filters that are known
 * and valid, so a view never carries anything else (nor a page cursor); `owner=me` stays "me",
 * so a shared "My projects" shows each person their own.
 */
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can, type Actor } from "~/auth/permissions";
import { isUuid } from "~/lib/ids";
import { fail, Forbidden, NotFound, ok, type Result } from "~/lib/result";
import { isCountry } from "./countries";
import { FLAG_FILTERS, SIZE_FILTERS } from "./list.server";
import { isStage, SOURCES } from "./pipeline";
import type { ChangeMeta, ProjectActor } from "./projects.server";
import { MAX_VIEWS_PER_PERSON, type ViewInput } from "./view-schema";

/** The filter names a view keeps, in the table form's order. */
const VIEW_PARAMS = ["stage", "owner", "industry", "country", "source", "size", "flag"] as const;

const valid: Record<(typeof VIEW_PARAMS)[number], (v: string) => boolean> = {
  stage: (v) => v === "open" || v === "all" || isStage(v),
  owner: (v) => v === "me" || v === "none" || isUuid(v),
  industry: isUuid,
  country: (v) => isCountry(v),
  source: (v) => (SOURCES as readonly string[]).includes(v),
  size: (v) => (SIZE_FILTERS as readonly string[]).includes(v),
  flag: (v) => (FLAG_FILTERS as readonly string[]).includes(v),
};

/**
 * The canonical query of a table's filters: known names with valid values only, in a fixed
 * order, the default stage ("open") and empty values left out. Two equal filter sets give the
 * same text, so the menu can mark the view being looked at.
 */
export function viewQuery(params: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const name of VIEW_PARAMS) {
    const value = params.get(name);
    if (!value || (name === "stage" && value === "open")) continue;
    if (valid[name](value)) out.set(name, value);
  }
  return out.toString();
}

function requireRead(actor: Actor) {
  if (!can(actor, "read:project:any")) throw new Forbidden();
}

export interface ProjectView {
  id: string;
  name: string;
  query: string;
  shared: boolean;
  owner_id: string;
  owner_name: string | null;
  mine: boolean;
}

/** One's own views and those shared by others, by name. */
export async function listProjectViews(db: Executor, actor: ProjectActor): Promise<ProjectView[]> {
  requireRead(actor);
  const rows = await db
    .selectFrom("project_view")
    .leftJoin("app_user", "app_user.id", "project_view.owner_id")
    .select([
      "project_view.id",
      "project_view.name",
      "project_view.query",
      "project_view.shared",
      "project_view.owner_id",
      "app_user.name as owner_name",
    ])
    .where((eb) =>
      eb.or([eb("project_view.owner_id", "=", actor.id), eb("project_view.shared", "=", true)]),
    )
    .orderBy("project_view.name")
    .orderBy("project_view.id")
    .execute();
  return rows.map((r) => ({ ...r, mine: r.owner_id === actor.id }));
}

export type ViewError = "duplicate" | "tooMany";

/** Saves the filters of `params` under a name; a name one already uses is refused. */
export async function saveProjectView(
  db: Executor,
  actor: ProjectActor,
  input: ViewInput,
  params: URLSearchParams,
  meta: ChangeMeta = {},
): Promise<Result<{ id: string }, ViewError>> {
  requireRead(actor);
  const query = viewQuery(params);
  return inTransaction(db, async (trx) => {
    // One person's saves run one after another (the count below stays true).
    const me = await trx
      .selectFrom("app_user")
      .select("id")
      .where("id", "=", actor.id)
      .forUpdate()
      .executeTakeFirst();
    if (!me) throw new Forbidden();
    const { n } = await trx
      .selectFrom("project_view")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("owner_id", "=", actor.id)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_VIEWS_PER_PERSON) return fail("tooMany");
    const row = await trx
      .insertInto("project_view")
      .values({ owner_id: actor.id, name: input.name, query, shared: input.shared })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return fail("duplicate");
    await audit(trx, {
      actorId: actor.id,
      action: "project_view.saved",
      entityType: "project_view",
      entityId: row.id,
      details: { name: input.name, query, shared: input.shared },
      ip: meta.ip ?? null,
    });
    return ok({ id: row.id });
  });
}

/** The owner's view, locked; someone else's (even shared) or none at all is NotFound. */
async function ownView(trx: Executor, actor: ProjectActor, viewId: string) {
  if (!isUuid(viewId)) throw new NotFound();
  const view = await trx
    .selectFrom("project_view")
    .selectAll()
    .where("id", "=", viewId)
    .where("owner_id", "=", actor.id)
    .forUpdate()
    .executeTakeFirst();
  if (!view) throw new NotFound();
  return view;
}

/** Renames a view and says whether it is shared. */
export async function renameProjectView(
  db: Executor,
  actor: ProjectActor,
  viewId: string,
  input: ViewInput,
  meta: ChangeMeta = {},
): Promise<Result<object, "duplicate">> {
  requireRead(actor);
  return inTransaction(db, async (trx) => {
    const view = await ownView(trx, actor, viewId);
    const clash = await trx
      .selectFrom("project_view")
      .select("id")
      .where("owner_id", "=", actor.id)
      .where((eb) => eb(eb.fn("lower", ["name"]), "=", input.name.toLowerCase()))
      .where("id", "<>", viewId)
      .executeTakeFirst();
    if (clash) return fail("duplicate");
    await trx
      .updateTable("project_view")
      .set({ name: input.name, shared: input.shared, updated_at: new Date() })
      .where("id", "=", viewId)
      .execute();
    await audit(trx, {
      actorId: actor.id,
      action: "project_view.renamed",
      entityType: "project_view",
      entityId: viewId,
      details: { from: view.name, to: input.name, shared: input.shared },
      ip: meta.ip ?? null,
    });
    return ok();
  });
}

/** Deletes one's own view (the page asks first). */
export async function deleteProjectView(
  db: Executor,
  actor: ProjectActor,
  viewId: string,
  meta: ChangeMeta = {},
): Promise<void> {
  requireRead(actor);
  await inTransaction(db, async (trx) => {
    const view = await ownView(trx, actor, viewId);
    await trx.deleteFrom("project_view").where("id", "=", viewId).execute();
    await audit(trx, {
      actorId: actor.id,
      action: "project_view.deleted",
      entityType: "project_view",
      entityId: viewId,
      details: { name: view.name, query: view.query, shared: view.shared },
      ip: meta.ip ?? null,
    });
  });
}
