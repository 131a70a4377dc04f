import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import {
  getCall,
  listCallApplications,
  listPendingDecisions,
  releaseDecisions,
  type SortKey,
} from "~/incubation/incubation.server";
import { isUuid } from "~/lib/ids";
import { ctxOf } from "~/incubation/route-helpers.server";
import { Paragraphs, StatusBadge, useParkTime, usePick } from "~/incubation/ui";
import { STATUSES } from "~/incubation/workflow";
import { redirectWithToast } from "~/lib/toast.server";
import { ConfirmDialog, ConfirmTrigger } from "~/components/confirm-dialog";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Call · 批次 | Zizhu Park Portal") },
];

const SORTS: SortKey[] = ["mean", "normalised", "company", "status", "submitted"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:application:any");
  const call = isUuid(params.callId) ? await getCall(db(), params.callId) : undefined;
  invariantFound(call);
  const url = new URL(request.url);
  const status = url.searchParams.get("status") ?? "";
  const sortParam = url.searchParams.get("sort") as SortKey | null;
  const sort = sortParam && SORTS.includes(sortParam) ? sortParam : "mean";
  const minRaw = url.searchParams.get("min") ?? "";
  const minMean = minRaw && Number.isFinite(Number(minRaw)) ? Number(minRaw) : undefined;
  return {
    call: {
      id: call.id,
      slug: call.slug,
      programme_id: call.programme_id,
      title_en: call.title_en,
      title_zh: call.title_zh,
      closes_at: call.closes_at,
      places: call.places,
    },
    applications: await listCallApplications(db(), call.id, { status, sort, minMean }),
    pending: await listPendingDecisions(db(), call.id),
    filter: { status, sort, min: minRaw },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "decide:application:any");
  const call = isUuid(params.callId) ? await getCall(db(), params.callId) : undefined;
  invariantFound(call);
  const form = await readForm(request);
  if (form.get("intent") !== "release")
    return data({ error: "incubation:errors.refused" }, { status: 400 });
  const seen = form.getAll("seen").map(String);
  const result = await releaseDecisions(db(), ctxOf(request, context, user), call.id, seen);
  return redirectWithToast(`/desk/incubation/calls/${call.id}`, {
    type: result.changed ? "info" : "success",
    key: result.changed ? "incubation:toast.releasedChanged" : "incubation:toast.released",
    values: { count: result.released, changed: result.changed },
  });
}

export default function CallDesk() {
  const { call, applications, pending, filter } = useLoaderData<typeof loader>();
  const { t } = useTranslation("incubation");
  const { t: tDesk } = useTranslation("desk");
  const pick = usePick();
  const time = useParkTime();
  const fmt = (n: number | null) => (n === null ? "—" : n.toFixed(2));
  return (
    <div className="container">
      <p>
        <Link to="/desk/incubation">← {tDesk("incubation.home.backToDesk")}</Link>
      </p>
      <header className="page-header spread">
        <div>
          <h1>{pick(call.title_en, call.title_zh)}</h1>
          <p className="muted">
            {t("time.closes", { date: time(call.closes_at) })} ·{" "}
            {t("time.places", { count: call.places })}
          </p>
        </div>
        <div className="row">
          <Link className="button button-secondary" to={`/desk/incubation/calls/${call.id}/edit`}>
            {tDesk("incubation.callDesk.editCall")}
          </Link>
          <Link
            className="button button-secondary"
            to={`/desk/incubation/programmes/${call.programme_id}?call=${call.id}`}
          >
            {t("programme.manage")}
          </Link>
          <Link className="button button-secondary" to={`/incubation/calls/${call.slug}`}>
            {tDesk("incubation.callDesk.publicPage")}
          </Link>
          <a
            className="button button-secondary"
            href={`/desk/incubation/calls/${call.id}/export.csv`}
            download
          >
            {tDesk("incubation.callDesk.export")}
          </a>
        </div>
      </header>

      <Form method="get" className="row card incubation-filter" aria-label={tDesk("incubation.callDesk.filter")}>
        <div className="field">
          <label htmlFor="f-status">{tDesk("incubation.callDesk.status")}</label>
          <select id="f-status" name="status" defaultValue={filter.status}>
            <option value="">{tDesk("incubation.callDesk.anyStatus")}</option>
            {STATUSES.filter((s) => s !== "draft").map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-sort">{tDesk("incubation.callDesk.sort")}</label>
          <select id="f-sort" name="sort" defaultValue={filter.sort}>
            {(["mean", "normalised", "company", "status", "submitted"] as const).map((s) => (
              <option key={s} value={s}>
                {tDesk(`incubation.callDesk.sortBy.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-min">{tDesk("incubation.callDesk.minMean")}</label>
          <input id="f-min" name="min" type="number" min={0} max={100} defaultValue={filter.min} />
        </div>
        <button type="submit" className="button button-secondary">
          {tDesk("incubation.callDesk.apply")}
        </button>
      </Form>

      {applications.length ? (
        <div className="table-wrap">
          <table className="table table-cards">
            <thead>
              <tr>
                <th>{tDesk("incubation.callDesk.company")}</th>
                <th>{tDesk("incubation.callDesk.status")}</th>
                <th>{tDesk("incubation.callDesk.submitted")}</th>
                <th>{tDesk("incubation.callDesk.reviewers")}</th>
                <th>{tDesk("incubation.callDesk.reviews")}</th>
                <th>{tDesk("incubation.callDesk.mean")}</th>
                <th>{tDesk("incubation.callDesk.normalised")}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td className="card-title">
                    <Link to={`/desk/incubation/applications/${a.id}`}>
                      {pick(a.company_en, a.company_zh)}
                    </Link>
                  </td>
                  <td className="card-inline card-first">
                    <StatusBadge status={a.status} />
                    {a.decision_outcome && !a.decision_released_at ? (
                      <div className="muted">
                        → {t(`status.${a.decision_outcome as "accepted"}`)}
                      </div>
                    ) : null}
                  </td>
                  <td className="nowrap card-inline" data-label={tDesk("incubation.callDesk.submitted")}>
                    {a.submitted_at ? time(a.submitted_at) : "—"}
                  </td>
                  <td className="card-inline" data-label={tDesk("incubation.callDesk.reviewers")}>
                    {a.assigned}
                  </td>
                  <td className="card-inline" data-label={tDesk("incubation.callDesk.reviews")}>
                    {a.reviews}
                  </td>
                  <td className="card-inline card-key" data-label={tDesk("incubation.callDesk.mean")}>
                    {fmt(a.weightedMean)}
                  </td>
                  <td className="card-inline card-key" data-label={tDesk("incubation.callDesk.normalised")}>
                    {fmt(a.normalised)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{tDesk("incubation.callDesk.none")}</p>
      )}
      <p className="field-hint">{tDesk("incubation.callDesk.scoreNote")}</p>

      <section className="section card">
        <h2>{tDesk("incubation.callDesk.pending")}</h2>
        {pending.length ? (
          <>
            <ul>
              {pending.map((p) => (
                <li key={p.id}>
                  <Link to={`/desk/incubation/applications/${p.id}`}>
                    {pick(p.company_en, p.company_zh)}
                  </Link>
                  : {t(`status.${p.decision_outcome as "accepted"}`)}
                  <details>
                    <summary>{t("staffApp.letter")}</summary>
                    <Paragraphs text={p.decision_letter ?? ""} />
                  </details>
                </li>
              ))}
            </ul>
            <p>{tDesk("incubation.callDesk.releaseLead")}</p>
            <p>
              <ConfirmTrigger name="release" className="button">
                {tDesk("incubation.callDesk.releaseAsk", { count: pending.length })}
              </ConfirmTrigger>
            </p>
            <ConfirmDialog
              name="release"
              title={tDesk("incubation.callDesk.releaseTitle", { count: pending.length })}
              cancelLabel={tDesk("incubation.callDesk.releaseCancel")}
            >
              <p>{tDesk("incubation.callDesk.releaseWho")}</p>
              <ul className="stack" data-testid="release-list">
                {pending.map((p) => (
                  <li key={p.id}>
                    <strong>{pick(p.company_en, p.company_zh)}</strong>:{" "}
                    {t(`status.${p.decision_outcome as "accepted"}`)}
                    <div className="muted">
                      {p.recipients.length
                        ? p.recipients.map((r) => `${r.name} <${r.email}>`).join(", ")
                        : tDesk("incubation.callDesk.noRecipients")}
                    </div>
                  </li>
                ))}
              </ul>
              <Form method="post">
                <input type="hidden" name="intent" value="release" />
                {pending.map((p) => (
                  <input key={p.id} type="hidden" name="seen" value={p.stamp} />
                ))}
                <button type="submit" className="button">
                  {tDesk("incubation.callDesk.release", { count: pending.length })}
                </button>
              </Form>
            </ConfirmDialog>
          </>
        ) : (
          <p className="muted">{tDesk("incubation.callDesk.pendingNone")}</p>
        )}
      </section>
    </div>
  );
}
