import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { safeRedirect } from "~/lib/redirect";
import { SubmitButton, useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import {
  listCategories,
  listStaff,
  listTeams,
  listTypes,
} from "~/service-requests/catalogue.server";
import { StateBadge, useFormatDate } from "~/service-requests/components";
import {
  countQueue,
  deleteView,
  listQueue,
  listViews,
  parseFilters,
  queueParams,
  saveView,
} from "~/service-requests/queue.server";
import { bulkSchema, saveViewSchema, SORTS } from "~/service-requests/schema";
import { bulkChange, bulkToast, seenVersions } from "~/service-requests/service-requests.server";
import { PRIORITIES, STATES } from "~/service-requests/workflow";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/lib/idempotency.server";
import { parseForm, readForm } from "~/lib/form.server";

export const meta: MetaFunction = () => [{ title: "Service queue · 服务队列 | Zizhu Park Portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:service_request:any");
  const url = new URL(request.url);
  const filters = parseFilters(url.searchParams, user.id);
  const now = new Date();
  const page = await listQueue(db(), filters, url.searchParams.get("after"), now);
  const count = await countQueue(db(), filters, now);
  const [types, categories, teams, staff, views] = [
    await listTypes(db()),
    await listCategories(db()),
    await listTeams(db()),
    await listStaff(db()),
    await listViews(db(), user.id),
  ];
  const companies = await db()
    .selectFrom("company")
    .select(["id", "name_en", "name_zh"])
    .orderBy("name_en")
    .limit(500)
    .execute();
  return {
    me: user.id,
    page,
    count,
    params: queueParams(url.searchParams),
    options: {
      types: types.map((x) => ({ id: x.id, en: x.name_en, zh: x.name_zh })),
      categories: categories.map((x) => ({ id: x.id, en: x.name_en, zh: x.name_zh })),
      teams: teams.map((x) => ({ id: x.id, en: x.name_en, zh: x.name_zh })),
      staff: staff.map((x) => ({ id: x.id, name: x.name })),
      companies: companies.map((x) => ({ id: x.id, en: x.name_en, zh: x.name_zh })),
    },
    views,
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:service_request:any");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const query = String(form.get("back") ?? "");
  const back = safeRedirect(
    `/desk/requests${query.startsWith("?") ? query : ""}`,
    "/desk/requests",
  );
  if (intent === "save-view") {
    const submission = parseForm(form, { schema: saveViewSchema });
    if (submission.status !== "success")
      return data({ kind: "view" as const, error: "services:errors.name" }, { status: 400 });
    await saveView(db(), user.id, {
      name: submission.value.name,
      query: submission.value.query,
      shared: !!submission.value.shared,
    });
    return redirectWithToast(back, { type: "success", key: "services:toast.viewSaved" });
  }
  if (intent === "delete-view") {
    await deleteView(db(), user.id, String(form.get("viewId") ?? ""));
    return redirectWithToast(back, { type: "success", key: "services:toast.viewDeleted" });
  }
  if (intent === "bulk-review" || intent === "bulk-apply") {
    const submission = parseForm(form, { schema: bulkSchema });
    const v = submission.status === "success" ? submission.value : null;
    const assigneeId = v?.assigneeId === "none" ? null : v?.assigneeId || undefined;
    if (!v || (assigneeId === undefined && !v.priority && !v.state))
      return data({ kind: "bulk" as const, error: "services:desk.bulkNothing" }, { status: 400 });
    if (intent === "bulk-review") {
      return {
        kind: "review" as const,
        refs: v.refs,
        assigneeId: v.assigneeId ?? "",
        priority: v.priority ?? "",
        state: v.state ?? "",
        seen: (v.seen ?? []).filter((x) => v.refs.includes(x.split("@")[0]!)),
      };
    }
    const result = await bulkChange(
      db(),
      user,
      v.refs,
      { assigneeId, priority: v.priority, state: v.state },
      requestMeta(request, context).origin,
      undefined,
      seenVersions(v.seen),
    );
    return redirectWithToast(back, bulkToast(result));
  }
  return data({ kind: "bulk" as const, error: "services:staff.invalid" }, { status: 400 });
}

export default function Queue() {
  const { page, count, params, options, views, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("services");
  const locale = useLocale();
  const date = useFormatDate();
  const errorText = useErrorText();
  const location = useLocation();
  const query = new URLSearchParams(location.search);
  query.delete("after");
  const base = query.toString();
  const sel = (name: string) => params[name] ?? "";
  const staffName = (id: string) =>
    id === "none" ? t("desk.none") : (options.staff.find((s) => s.id === id)?.name ?? id);

  return (
    <div className="container">
      <header className="page-header spread">
        <div>
          <h1>{t("desk.title")}</h1>
          <p className="lead">{t("desk.lead")}</p>
        </div>
        <Link to="/desk/reports">{t("desk.reports")}</Link>
      </header>

      <section className="card">
        <h2 className="visually-hidden">{t("desk.views")}</h2>
        <div className="sr-views">
          <strong>{t("desk.views")}:</strong>{" "}
          {views.length ? (
            views.map((v) => (
              <span key={v.id} className="sr-view">
                <Link to={`/desk/requests?${v.query}`}>{v.name}</Link>
                {v.shared ? <span className="badge badge-muted">{t("desk.shared")}</span> : null}
                {v.owner_id === me ? (
                  <Form method="post" className="sr-inline">
                    <input type="hidden" name="viewId" value={v.id} />
                    <input type="hidden" name="back" value={location.search} />
                    <button
                      type="submit"
                      name="intent"
                      value="delete-view"
                      className="link-button"
                      aria-label={`${t("desk.deleteView")}: ${v.name}`}
                    >
                      ×
                    </button>
                  </Form>
                ) : null}
              </span>
            ))
          ) : (
            <span className="muted">{t("desk.noViews")}</span>
          )}
        </div>
        <details>
          <summary>{t("desk.saveView")}</summary>
          <Form method="post" className="sr-filters">
            <IdempotencyKey />
            <input type="hidden" name="query" value={base} />
            <input type="hidden" name="back" value={location.search} />
            <div className="field">
              <label htmlFor="view-name">{t("desk.viewName")}</label>
              <input id="view-name" name="name" required maxLength={80} />
            </div>
            <label className="checkbox">
              <input type="checkbox" name="shared" /> {t("desk.viewShared")}
            </label>
            <button
              type="submit"
              name="intent"
              value="save-view"
              className="button button-secondary button-small"
            >
              {t("desk.saveView")}
            </button>
          </Form>
        </details>
      </section>

      <Form method="get" className="card sr-filters" aria-label={t("desk.filters")}>
        <Select
          name="state"
          label={t("desk.state")}
          value={sel("state") || "open"}
          options={[
            { value: "open", label: t("desk.openStates") },
            { value: "all", label: t("desk.allStates") },
            ...STATES.map((s) => ({ value: s, label: t(`states.${s}`) })),
          ]}
        />
        <Select
          name="category"
          label={t("desk.category")}
          value={sel("category")}
          options={[
            { value: "", label: t("desk.any") },
            ...options.categories.map((c) => ({ value: c.id, label: pick(locale, c.en, c.zh) })),
          ]}
        />
        <Select
          name="type"
          label={t("desk.type")}
          value={sel("type")}
          options={[
            { value: "", label: t("desk.any") },
            ...options.types.map((c) => ({ value: c.id, label: pick(locale, c.en, c.zh) })),
          ]}
        />
        <Select
          name="team"
          label={t("desk.team")}
          value={sel("team")}
          options={[
            { value: "", label: t("desk.any") },
            { value: "none", label: t("desk.noTeam") },
            ...options.teams.map((c) => ({ value: c.id, label: pick(locale, c.en, c.zh) })),
          ]}
        />
        <Select
          name="assignee"
          label={t("desk.assignee")}
          value={sel("assignee")}
          options={[
            { value: "", label: t("desk.any") },
            { value: "me", label: t("desk.me") },
            { value: "none", label: t("desk.none") },
            ...options.staff.map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <Select
          name="priority"
          label={t("desk.priority")}
          value={sel("priority")}
          options={[
            { value: "", label: t("desk.any") },
            ...PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) })),
          ]}
        />
        <Select
          name="sla"
          label={t("desk.sla")}
          value={sel("sla")}
          options={[
            { value: "", label: t("desk.any") },
            { value: "breached", label: t("desk.breached") },
            { value: "due_soon", label: t("desk.dueSoon") },
          ]}
        />
        <Select
          name="company"
          label={t("desk.company")}
          value={sel("company")}
          options={[
            { value: "", label: t("desk.any") },
            ...options.companies.map((c) => ({ value: c.id, label: pick(locale, c.en, c.zh) })),
          ]}
        />
        <div className="field">
          <label htmlFor="q">{t("desk.search")}</label>
          <input id="q" name="q" type="search" defaultValue={sel("q")} />
        </div>
        <Select
          name="sort"
          label={t("desk.sort")}
          value={sel("sort") || "due"}
          options={SORTS.map((s) => ({ value: s, label: t(`desk.sorts.${s}`) }))}
        />
        <div className="row">
          <button type="submit" className="button">
            {t("desk.apply")}
          </button>
          <Link to="/desk/requests">{t("desk.reset")}</Link>
        </div>
      </Form>

      {actionData && "error" in actionData ? (
        <div className="notice notice-danger" role="alert">
          <p>{errorText(actionData.error)}</p>
        </div>
      ) : null}

      {actionData && actionData.kind === "review" ? (
        <Form method="post" className="card notice-warning sr-confirm">
          <h2>{t("desk.bulkConfirmTitle")}</h2>
          <p>{t("desk.bulkConfirmLead", { count: actionData.refs.length })}</p>
          <ul>
            {actionData.assigneeId ? (
              <li>
                {t("desk.bulkAssign")}: {staffName(actionData.assigneeId)}
              </li>
            ) : null}
            {actionData.priority ? (
              <li>
                {t("desk.bulkPriority")}: {t(`priorities.${actionData.priority as "low"}`)}
              </li>
            ) : null}
            {actionData.state ? (
              <li>
                {t("desk.bulkState")}: {t(`states.${actionData.state as "new"}`)}
              </li>
            ) : null}
          </ul>
          <p className="muted">{actionData.refs.join(", ")}</p>
          {actionData.refs.map((r: string) => (
            <input key={r} type="hidden" name="refs" value={r} />
          ))}
          <input type="hidden" name="assigneeId" value={actionData.assigneeId} />
          {actionData.priority ? (
            <input type="hidden" name="priority" value={actionData.priority} />
          ) : null}
          {actionData.state ? <input type="hidden" name="state" value={actionData.state} /> : null}
          {actionData.seen.map((x: string) => (
            <input key={x} type="hidden" name="seen" value={x} />
          ))}
          <input type="hidden" name="back" value={location.search} />
          <div className="row">
            <SubmitButton name="intent" value="bulk-apply">
              {t("desk.bulkConfirm", { count: actionData.refs.length })}
            </SubmitButton>
            <Link to={`/desk/requests${location.search}`}>{t("desk.bulkCancel")}</Link>
          </div>
        </Form>
      ) : null}

      <Form method="post" className="section">
        <input type="hidden" name="back" value={location.search} />
        <p className="muted" data-testid="queue-count">
          {count.capped
            ? t("desk.countCapped", { count: count.count })
            : t("desk.count", { count: count.count })}
        </p>
        {page.items.length ? (
          <div className="table-wrap">
            <table className="table sr-queue">
              <thead>
                <tr>
                  <th>
                    <span className="visually-hidden">{t("desk.select")}</span>
                  </th>
                  <th>{t("list.ref")}</th>
                  <th>{t("list.subject")}</th>
                  <th>{t("desk.company")}</th>
                  <th>{t("list.state")}</th>
                  <th>{t("desk.priority")}</th>
                  <th>{t("desk.team")}</th>
                  <th>{t("desk.assignee")}</th>
                  <th>{t("desk.due")}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => (
                  <tr key={r.id} className={r.breached ? "sr-row-breached" : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        name="refs"
                        value={r.ref}
                        aria-label={`${t("desk.select")} ${r.ref}`}
                      />
                      <input type="hidden" name="seen" value={`${r.ref}@${r.version}`} />
                    </td>
                    <td>
                      <Link to={`/desk/requests/${r.ref}`}>{r.ref}</Link>
                    </td>
                    <td>
                      {r.subject}
                      <br />
                      <span className="muted">{pick(locale, r.typeEn, r.typeZh)}</span>
                    </td>
                    <td>{pick(locale, r.companyEn, r.companyZh)}</td>
                    <td>
                      <StateBadge state={r.state} staff />
                    </td>
                    <td>{t(`priorities.${r.priority}`)}</td>
                    <td>{r.teamEn ? pick(locale, r.teamEn, r.teamZh) : "–"}</td>
                    <td>{r.assignee ?? "–"}</td>
                    <td>
                      {r.dueAt ? date(r.dueAt) : "–"}{" "}
                      {r.breached ? (
                        <span className="badge badge-danger">{t("sla.breached")}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="card muted">{t("desk.empty")}</p>
        )}
        <nav className="row sr-pager" aria-label="pagination">
          {params.after ? (
            <Link to={`/desk/requests${base ? `?${base}` : ""}`}>{t("desk.firstPage")}</Link>
          ) : null}
          {page.next ? (
            <Link to={`/desk/requests?${base ? `${base}&` : ""}after=${page.next}`}>
              {t("desk.nextPage")} →
            </Link>
          ) : null}
        </nav>
        {page.items.length ? (
          <fieldset className="card sr-filters">
            <legend>{t("desk.bulkTitle")}</legend>
            <Select
              prefix="bulk-"
              name="assigneeId"
              label={t("desk.bulkAssign")}
              value=""
              options={[
                { value: "", label: t("desk.bulkNoChange") },
                { value: "none", label: t("desk.none") },
                ...options.staff.map((s) => ({ value: s.id, label: s.name })),
              ]}
            />
            <Select
              prefix="bulk-"
              name="priority"
              label={t("desk.bulkPriority")}
              value=""
              options={[
                { value: "", label: t("desk.bulkNoChange") },
                ...PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) })),
              ]}
            />
            <Select
              prefix="bulk-"
              name="state"
              label={t("desk.bulkState")}
              value=""
              options={[
                { value: "", label: t("desk.bulkNoChange") },
                ...STATES.map((s) => ({ value: s, label: t(`states.${s}`) })),
              ]}
            />
            <button
              type="submit"
              name="intent"
              value="bulk-review"
              className="button button-secondary"
            >
              {t("desk.bulkReview")}
            </button>
          </fieldset>
        ) : null}
      </Form>
    </div>
  );
}

function Select({
  name,
  label,
  value,
  options,
  prefix = "f-",
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  prefix?: string;
}) {
  const id = `${prefix}${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
