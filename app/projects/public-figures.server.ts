/**
 * Public figures (issue 13, ADR 0046): staff make a figure of the promotion report public and
 * it shows, computed when the page is read, on the park's invest page in both languages.
 * Publishing and withdrawing are audited in the same transaction as the row.
 */
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can, type Actor } from "~/auth/permissions";
import { Forbidden, ok, type Result } from "~/lib/result";
import type { ChangeMeta, ProjectActor } from "./projects.server";
import {
  PUBLIC_FIGURES,
  isPublicFigure,
  periodBounds,
  shanghaiDay,
  type FigureValue,
  type PublicFigure,
} from "./report";
import { arrivedFacts, signedFacts } from "./reports.server";

/** Every figure's value now (this park year). */
export async function figureValues(db: Executor, now = new Date()): Promise<FigureValue[]> {
  const year = Number(shanghaiDay(now).slice(0, 4));
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const { start, end } = periodBounds(period);
  const signed = await signedFacts(db, start, end);
  const arrived = await arrivedFacts(db, period.from, period.to);
  const landed = await db
    .selectFrom("project")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("stage", "in", ["registered", "moved_in", "producing"])
    .executeTakeFirstOrThrow();
  const sum = (facts: typeof signed, pick: (f: (typeof signed)[number]) => number) =>
    facts.reduce((n, f) => n + pick(f), 0);
  const cny = (f: { currency: string }) => f.currency === "CNY";
  const values: Record<PublicFigure, Omit<FigureValue, "figure">> = {
    signed_investment_year: {
      year,
      value: sum(signed.filter(cny), (f) => f.minor),
      currency: "CNY",
    },
    capital_arrived_year: {
      year,
      value: sum(arrived.filter(cny), (f) => f.minor),
      currency: "CNY",
    },
    projects_signed_year: { year, value: sum(signed, (f) => f.n), currency: null },
    projects_landed: { year, value: Number(landed.n), currency: null },
  };
  return PUBLIC_FIGURES.map((figure) => ({ figure, ...values[figure] }));
}

async function publishedSet(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom("promotion_public_figure").select("figure").execute();
  return new Set(rows.map((r) => r.figure));
}

/** For the public page: the published figures only, in the catalogue's order. */
export async function publicFigures(db: Executor, now = new Date()): Promise<FigureValue[]> {
  const published = await publishedSet(db);
  if (published.size === 0) return [];
  return (await figureValues(db, now)).filter((f) => published.has(f.figure));
}

/** For promotion staff: every figure, its value and whether it is public. */
export async function staffFigures(
  db: Executor,
  actor: Actor,
  now = new Date(),
): Promise<(FigureValue & { public: boolean })[]> {
  if (!can(actor, "read:project:any")) throw new Forbidden();
  const published = await publishedSet(db);
  return (await figureValues(db, now)).map((f) => ({ ...f, public: published.has(f.figure) }));
}

/** Makes a figure public or withdraws it; doing what is already so changes nothing. */
export async function setFigurePublic(
  db: Executor,
  actor: ProjectActor,
  figure: PublicFigure,
  makePublic: boolean,
  meta: ChangeMeta = {},
): Promise<Result<{ changed: boolean }>> {
  if (!can(actor, "update:project:any")) throw new Forbidden();
  if (!isPublicFigure(figure)) throw new Forbidden();
  return inTransaction(db, async (trx) => {
    const changed = makePublic
      ? await trx
          .insertInto("promotion_public_figure")
          .values({ figure, published_by: actor.id })
          .onConflict((oc) => oc.column("figure").doNothing())
          .returning("figure")
          .executeTakeFirst()
      : await trx
          .deleteFrom("promotion_public_figure")
          .where("figure", "=", figure)
          .returning("figure")
          .executeTakeFirst();
    if (changed)
      await audit(trx, {
        actorId: actor.id,
        action: makePublic ? "project_figure.published" : "project_figure.withdrawn",
        entityType: "project_figure",
        entityId: figure,
        details: { figure },
        ip: meta.ip ?? null,
      });
    return ok({ changed: !!changed });
  });
}
