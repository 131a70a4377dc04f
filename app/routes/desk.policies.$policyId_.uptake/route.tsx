import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { readForm } from "~/lib/form.server";
import { isUuid } from "~/lib/ids";
import { pageTitle } from "~/lib/page-title";
import { field, parseQuery } from "~/lib/query.server";
import { requestMeta } from "~/lib/request.server";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { ListPager, ListSearch } from "~/policies/list-ui";
import { listHref, pageList } from "~/policies/lists";
import { getPolicy } from "~/policies/policies.server";
import { notClaimed, openOutreach, policyUptake } from "~/policies/uptake.server";
import { ClaimedTable, NotClaimedTable, UptakeFigures } from "./parts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Policy uptake · 政策落实情况 | Zizhu Park Portal") },
];

async function load(request: Request, policyId: string | undefined) {
  const user = await requirePermission(request, "manage:policy:any");
  const id = policyId ?? "";
  if (!isUuid(id)) throw new Response("Not found", { status: 404 });
  const policy = await getPolicy(db(), id);
  if (!policy) throw new Response("Not found", { status: 404 });
  return { user, policy };
}

/** The list's search and page (server only: `field` is not in the browser's bundle). */
function listQuery(request: Request) {
  return parseQuery(request, { q: field.text(100), page: field.int(1, 10_000) });
}

/**
 * The policy office's view of one policy's reach this year (ADR 0044); the eligible companies
 * not claimed come 50 a page with a search by name (ADR 0058).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, policy } = await load(request, params.policyId);
  const query = listQuery(request);
  const uptake = (await policyUptake(db(), user, policy.id))!;
  return {
    policy: {
      id: policy.id,
      title_en: policy.title_en,
      title_zh: policy.title_zh,
      status: policy.status,
    },
    uptake: { ...uptake, rows: uptake.rows.filter((r) => r.claimStatus) },
    notClaimed: pageList(notClaimed(uptake), query),
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const { user, policy } = await load(request, params.policyId);
  const form = await readForm(request);
  if (form.get("intent") !== "outreach") throw new Response("Bad request", { status: 400 });
  const companyId = String(form.get("companyId") ?? "");
  // Back to the page and search the button was on.
  const query = listQuery(request);
  const here = listHref(`/desk/policies/${policy.id}/uptake`, query.q ?? "", query.page ?? 1);
  const result = await openOutreach(
    db(),
    user,
    policy.id,
    companyId,
    requestMeta(request, context).origin,
  );
  if (!result.ok) {
    if (result.error === "notFound") throw new Response("Not found", { status: 404 });
    return redirectWithToast(here, { type: "error", key: `claims:uptake.errors.${result.error}` });
  }
  return redirectWithToast(here, {
    type: result.created ? "success" : "info",
    key: result.created ? "claims:uptake.toastOpened" : "claims:uptake.already",
    values: { ref: result.ref },
  });
}

export default function PolicyUptake() {
  const { policy, uptake, notClaimed: open } = useLoaderData<typeof loader>();
  const path = `/desk/policies/${policy.id}/uptake`;
  const { t } = useTranslation("claims");
  const { t: td } = useTranslation("desk");
  const locale = useLocale();
  return (
    <div className="container stack">
      <p>
        <Link to={`/desk/policies/${policy.id}`}>
          ← {pick(locale, policy.title_en, policy.title_zh)}
        </Link>
      </p>
      <header className="page-header spread">
        <div>
          <h1>{t("uptake.title", { title: pick(locale, policy.title_en, policy.title_zh) })}</h1>
          <p className="lead">
            {t("uptake.lead", { year: String(uptake.year), today: uptake.today })}
          </p>
        </div>
        <a
          className="button button-secondary"
          href={`/desk/policies/${policy.id}/uptake.csv`}
          download
        >
          {t("uptake.csv")}
        </a>
      </header>
      <UptakeFigures uptake={uptake} />
      <section className="section stack" aria-labelledby="uptake-open">
        <h2 id="uptake-open">{t("uptake.notClaimed", { count: open.total })}</h2>
        <p className="muted">{t("uptake.notClaimedLead")}</p>
        {policy.status !== "published" ? (
          <p className="notice">{t("uptake.draft")}</p>
        ) : (
          <>
            {open.total > 0 ? <ListSearch id="uptake-q" path={path} list={open} /> : null}
            {open.q && !open.matched ? (
              <p className="muted">{td("policyLists.noneMatch", { q: open.q })}</p>
            ) : (
              <NotClaimedTable rows={open.rows} />
            )}
            {open.pages > 1 ? <ListPager path={path} list={open} /> : null}
          </>
        )}
      </section>
      <section className="section stack" aria-labelledby="uptake-claims">
        <h2 id="uptake-claims">{t("uptake.claims", { year: String(uptake.year) })}</h2>
        <ClaimedTable rows={uptake.rows} />
      </section>
    </div>
  );
}
