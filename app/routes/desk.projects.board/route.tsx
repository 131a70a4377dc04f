import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { useTranslation } from "~/i18n/use-translation";
import { parseForm, readForm } from "~/lib/form.server";
import { orHttp, statusOf } from "~/lib/http.server";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { parseProjectFilters, projectBoard, projectParams } from "~/projects/list.server";
import { moveProject } from "~/projects/projects.server";
import { stageSchema } from "~/projects/schema";
import { shortMoney } from "~/projects/report";
import { useProjectLabels } from "~/projects/ui";
import { useLocale } from "~/lib/root-data";
import { BoardCard, type MoveReply } from "./board-card";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Project board · 项目看板 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:project:any");
  const url = new URL(request.url);
  const { stage: _all, ...filters } = parseProjectFilters(url.searchParams, user.id);
  const columns = await projectBoard(db(), user, filters, {
    staleDays: env().PROJECT_STALE_DAYS,
  });
  return { columns, params: projectParams(url.searchParams) };
}

/** A move from a card: the board's only form. Answers a redirect back to the same board. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:project:any");
  const form = await readForm(request);
  const projectId = String(form.get("projectId") ?? "");
  const submission = parseForm(form, { schema: stageSchema });
  if (form.get("intent") !== "move" || submission.status !== "success")
    return data<MoveReply>({ projectId, error: "projects:errors.stage" }, { status: 400 });
  const version = Number(form.get("version"));
  const r = await orHttp(
    moveProject(db(), user, projectId, Number.isInteger(version) ? version : -1, submission.value, {
      ip: requestMeta(request, context).ip,
    }),
  );
  if (!r.ok) {
    const error =
      r.error === "conflict" ? "projects:detail.conflict" : `projects:errors.${r.error}`;
    return data<MoveReply>({ projectId, error }, { status: statusOf(r) });
  }
  const url = new URL(request.url);
  return redirectWithToast(`/desk/projects/board${url.search}`, {
    type: "success",
    key: "projects:toast.moved",
  });
}

export default function ProjectBoard() {
  const { columns, params } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("projects");
  const l = useProjectLabels();
  const locale = useLocale();
  const search = new URLSearchParams(params).toString();
  const here = `/desk/projects/board${search ? `?${search}` : ""}`;
  const tableOf = (stage: string) =>
    `/desk/projects?${new URLSearchParams({ ...params, stage }).toString()}`;
  return (
    <div className="container wide">
      <header className="page-header spread">
        <div>
          <h1>{t("boardPage.title")}</h1>
          <p className="lead">{t("boardPage.lead")}</p>
        </div>
        <Link
          to={`/desk/projects${search ? `?${search}` : ""}`}
          className="button button-secondary"
        >
          {t("table")}
        </Link>
      </header>
      <Form method="get" className="row project-board-filter">
        <label htmlFor="board-owner">{t("filters.owner")}</label>
        <select id="board-owner" name="owner" defaultValue={params.owner ?? ""}>
          <option value="">{t("boardPage.everyone")}</option>
          <option value="me">{t("boardPage.mine")}</option>
        </select>
        <button type="submit" className="button button-secondary button-small">
          {t("boardPage.show")}
        </button>
      </Form>
      <div className="project-board">
        {columns.map((c) => (
          <section
            key={c.stage}
            className="project-column"
            aria-labelledby={`col-${c.stage}`}
            data-stage={c.stage}
          >
            <h2 id={`col-${c.stage}`} className="project-column-title">
              {l.stage(c.stage)}{" "}
              <span className="badge badge-muted">{t("boardPage.count", { count: c.count })}</span>
            </h2>
            {c.investment.length ? (
              <p className="project-column-sum" data-testid="column-investment">
                <span className="muted">{t("boardPage.planned")}</span>{" "}
                {c.investment.map((m, i) => (
                  <span key={m.currency} title={l.money(m.minor, m.currency)}>
                    {i ? " · " : ""}
                    {shortMoney(m.minor, m.currency, locale)}
                  </span>
                ))}
              </p>
            ) : null}
            {c.cards.length ? (
              <ul className="project-cards">
                {c.cards.map((card) => (
                  <BoardCard
                    key={card.id}
                    card={card}
                    action={here}
                    error={reply?.projectId === card.id ? reply.error : undefined}
                  />
                ))}
              </ul>
            ) : (
              <p className="muted">{t("boardPage.empty")}</p>
            )}
            {c.count > c.cards.length ? (
              <p>
                <Link to={tableOf(c.stage)}>{t("boardPage.showAll", { count: c.count })}</Link>
              </p>
            ) : null}
          </section>
        ))}
      </div>
    </div>
  );
}
