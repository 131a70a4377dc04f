/**
 * Awards without applying (issue 15, ADR 0048): staff run the match of an `auto_award` policy,
 * choose companies (select all with or without JavaScript), review the choice on a confirmation
 * step rendered by the server (so it works without JavaScript), then grant in one transaction.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { readForm } from "~/lib/form.server";
import { isUuid } from "~/lib/ids";
import { pageTitle } from "~/lib/page-title";
import { field, parseQuery } from "~/lib/query.server";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { awardCandidates, grantAwards, MAX_AWARDS_AT_ONCE } from "~/policies/awards.server";
import { pageList, resolveSelection } from "~/policies/lists";
import { awardsSchema } from "~/policies/claim-schema";
import { useMoney } from "~/policies/claim-ui";
import { CandidateForm, ConfirmAwards } from "./parts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Award without applying · 免申即享 | Zizhu Park Portal") },
];

async function load(request: Request, policyId: string | undefined) {
  const user = await requirePermission(request, "manage:policy:any");
  const id = policyId ?? "";
  if (!isUuid(id)) throw new Response("Not found", { status: 404 });
  const found = await awardCandidates(db(), user, id);
  if (!found) throw new Response("Not found", { status: 404 });
  return { user, found };
}

/** The match comes 50 a page, with a search by company name (ADR 0058). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await load(request, params.policyId);
  const query = parseQuery(request, { q: field.text(100), page: field.int(1, 10_000) });
  const { candidates, ...rest } = found;
  return { ...rest, list: pageList(candidates, query) };
}

/** Names shown on the confirmation step (the count covers all of them). */
const CONFIRM_NAMES = 50;

type Named = { companyId: string; nameEn: string; nameZh: string };
type Reply =
  | { step: "select"; selected: string[]; noneChosen?: boolean }
  | {
      step: "confirm";
      selected: string[];
      names: Named[];
      count: number;
      wanted: number;
      capped: boolean;
    };

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params }: ActionFunctionArgs) {
  const { user, found } = await load(request, params.policyId);
  const form = await readForm(request);
  const parsed = awardsSchema.safeParse({
    intent: form.get("intent") ?? undefined,
    companyId: form.getAll("companyId"),
    q: form.get("q") ?? undefined,
  });
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const { intent, companyId: ticked, q } = parsed.data;
  if (intent === "change") return data<Reply>({ step: "select", selected: ticked });
  if (intent === "grant" && !ticked.length)
    return data<Reply>({ step: "select", selected: [], noneChosen: true }, { status: 400 });
  // What will be granted: the choice among today's candidates, said before confirming.
  const chosen = resolveSelection(
    found.candidates,
    intent === "reviewAll" ? { all: true, q } : { all: false, ids: ticked },
    MAX_AWARDS_AT_ONCE,
  );
  const selected = chosen.rows.map((c) => c.companyId);
  if (intent !== "grant" && !selected.length)
    return data<Reply>({ step: "select", selected, noneChosen: true }, { status: 400 });
  if (intent !== "grant")
    return data<Reply>({
      step: "confirm",
      selected,
      names: chosen.rows
        .slice(0, CONFIRM_NAMES)
        .map(({ companyId, nameEn, nameZh }) => ({ companyId, nameEn, nameZh })),
      count: chosen.count,
      wanted: chosen.wanted,
      capped: chosen.capped,
    });
  const here = `/desk/policies/${found.policy.id}/awards`;
  // The ids confirmed; each is checked again in the grant's transaction, never granted twice.
  const result = await grantAwards(db(), user, found.policy.id, { companyIds: ticked });
  if (!result.ok) {
    if (result.error === "notFound") throw new Response("Not found", { status: 404 });
    return redirectWithToast(here, { type: "error", key: `claims:awards.errors.${result.error}` });
  }
  return redirectWithToast(here, {
    type: result.skipped ? "info" : "success",
    key: "claims:awards.granted",
    values: { granted: String(result.granted), skipped: String(result.skipped) },
  });
}

export default function PolicyAwards() {
  const { policy, list, holding, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("claims");
  const locale = useLocale();
  const money = useMoney();
  const all = new URLSearchParams(useLocation().search).get("all") === "1";
  const title = pick(locale, policy.title_en, policy.title_zh);
  const selected = reply?.selected ?? (all ? list.rows.map((c) => c.companyId) : []);
  const usable = policy.auto_award && policy.status === "published";
  return (
    <div className="container stack">
      <p>
        <Link to={`/desk/policies/${policy.id}`}>← {title}</Link>
      </p>
      <header className="page-header">
        <h1>{t("awards.title", { title })}</h1>
        <p className="lead">{t("awards.lead", { today })}</p>
      </header>
      {!policy.auto_award ? <p className="notice notice-warning">{t("awards.notAuto")}</p> : null}
      {policy.status !== "published" ? <p className="notice">{t("awards.draft")}</p> : null}
      <p>
        {t("awards.amountEach", { amount: money(policy.benefit_max_minor) })}
        <br />
        <Link to={`/desk/policies/${policy.id}/uptake`}>
          {t("awards.holding", { count: holding })}
        </Link>
      </p>
      {!usable ? null : reply?.step === "confirm" ? (
        <ConfirmAwards
          names={reply.names}
          count={reply.count}
          wanted={reply.wanted}
          capped={reply.capped}
          selected={reply.selected}
        />
      ) : (
        <CandidateForm
          key={`${all}:${list.q}:${list.page}:${selected.join(",")}`}
          path={`/desk/policies/${policy.id}/awards`}
          list={list}
          selected={selected}
          noneChosen={!!reply && "noneChosen" in reply && !!reply.noneChosen}
        />
      )}
    </div>
  );
}
