import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { idempotent } from "~/forms/idempotency.server";
import { requestMeta } from "~/lib/request.server";
import { useLocale } from "~/lib/root-data";
import { listStaff, listTeams } from "~/service-requests/catalogue.server";
import { StateBadge } from "~/service-requests/components";
import { readRequestForm } from "~/service-requests/files.server";
import { getRequestForStaff } from "~/service-requests/service-requests.server";
import {
  HistoryList,
  MessageList,
  RequestHeading,
  type ThreadEvent,
} from "~/service-requests/thread";
import { Composer } from "./composer";
import { snippetsFor } from "./snippets.server";
import { SnippetPicker } from "./snippet-picker";
import {
  isDeskIntent,
  runDeskIntent,
  runKbDraft,
  runWatchIntent,
  type DeskReply,
} from "./intents.server";
import { KbDraftCard } from "./kb-draft";
import { Properties } from "./properties";
import { Relations } from "./relations";
import {
  isRelationIntent,
  loadRelations,
  runRelationIntent,
  type RelationReply,
} from "./relations.server";
import { RequestCard } from "./request-card";
import { Watchers } from "./watchers";
import { listWatchers } from "~/service-requests/watchers.server";
import { pageTitle } from "~/lib/page-title";
import { useMacroSummary } from "~/service-requests/snippet-ui";

export const meta: MetaFunction = ({ params, matches }) => [
  { title: pageTitle(matches, `${params.ref ?? ""} · Service desk · 服务台 | Zizhu Park Portal`) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:service_request:any");
  const found = await getRequestForStaff(db(), params.ref ?? "");
  invariantFound(found);
  const [teams, staff] = [await listTeams(db()), await listStaff(db())];
  return {
    ...found,
    teams: teams.map(({ id, name_en, name_zh }) => ({ id, name_en, name_zh })),
    staff,
    snippets: await snippetsFor(request, user, found.request.ref),
    relations: await loadRelations(found.request.id, found.request.ref, new URL(request.url)),
    watchers: await listWatchers(db(), found.request.id),
    me: user.id,
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:service_request:any");
  const ref = params.ref ?? "";
  const read = await readRequestForm(request);
  if ("refused" in read)
    return data<DeskReply>(
      { intent: "message", result: { status: "error", error: { "": [read.refused] } } },
      { status: read.refused === "services:errors.file" ? 413 : 400 },
    );
  const intent = String(read.form.get("intent") ?? "");
  if (intent === "kb-draft") return runKbDraft(user, ref);
  if (intent === "watch" || intent === "unwatch")
    return runWatchIntent(user, ref, intent === "watch");
  if (isRelationIntent(intent))
    return runRelationIntent(intent, user, ref, read.form, requestMeta(request, context).origin);
  if (isDeskIntent(intent))
    return runDeskIntent(intent, {
      user,
      ref,
      form: read.form,
      uploads: read.uploads,
      origin: requestMeta(request, context).origin,
    });
  invariantFound(await getRequestForStaff(db(), ref));
  return data<DeskReply>({ intent: "none", result: null }, { status: 400 });
}

export default function StaffRequest() {
  const {
    request: r,
    sla,
    teams,
    staff,
    snippets,
    relations,
    watchers,
    me,
    ...thread
  } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const actionData = posted && "result" in posted ? posted : undefined;
  const relationError =
    posted && "relationError" in posted
      ? { intent: posted.intent, key: (posted as RelationReply).relationError }
      : null;
  const { t } = useTranslation("services");
  const locale = useLocale();
  const teamName = (id: string | null) => {
    const team = teams.find((x) => x.id === id);
    return team ? pick(locale, team.name_en, team.name_zh) : "–";
  };
  const sets = useMacroSummary(teams, staff, locale);
  const personName = (id: string | null) => staff.find((s) => s.id === id)?.name ?? "–";
  const describe = (h: ThreadEvent) =>
    h.kind === "team"
      ? `${t("history.team")}: ${teamName(h.from_value)} → ${teamName(h.to_value)}`
      : h.kind === "assignee"
        ? `${t("history.assignee")}: ${personName(h.from_value)} → ${personName(h.to_value)}`
        : h.kind === "linked" || h.kind === "unlinked"
          ? t(`history.${h.kind}`, { ref: h.to_value ?? "" })
          : h.kind === "rule"
            ? t("history.rule", { name: h.to_value ?? "" })
            : h.to_value === "restarted"
              ? t("history.slaRestarted")
              : t("history.sla");
  const resultOf = (intent: DeskReply["intent"]) =>
    actionData?.intent === intent ? actionData.result : undefined;
  return (
    <div className="container">
      <p>
        <Link to="/desk/requests">← {t("desk.title")}</Link>
      </p>
      <header className="page-header">
        <RequestHeading request={r} />
        <p>
          <StateBadge state={r.state} staff />{" "}
          <span className="badge badge-muted">{t(`priorities.${r.priority}`)}</span>{" "}
          {sla.breached ? <span className="badge badge-danger">{t("sla.breached")}</span> : null}
          {r.tags.map((tag) => (
            <span key={tag} className="badge badge-muted" data-testid="request-tag">
              #{tag}
            </span>
          ))}
        </p>
      </header>
      {relations.mergedInto ? (
        <p className="notice notice-info" role="status" data-testid="merged-into">
          {t("relations.mergedInto", { ref: relations.mergedInto.ref })}{" "}
          <Link to={`/desk/requests/${relations.mergedInto.ref}`}>
            {t("relations.mergedIntoLink", { ref: relations.mergedInto.ref })}
          </Link>
        </p>
      ) : null}
      <div className="sr-layout">
        <div className="stack">
          <RequestCard
            request={r}
            sla={sla}
            fields={thread.fields}
            fieldValues={thread.fieldValues}
            files={thread.files}
          />
          <section className="card">
            <h2>{t("detail.conversation")}</h2>
            <MessageList messages={thread.messages} files={thread.files} staff />
            <SnippetPicker
              q={snippets.q}
              using={snippets.using?.id ?? null}
              snippets={snippets.list.map((s) => ({
                id: s.id,
                title: s.title,
                shared: !s.owner_id,
                sets: sets(s),
              }))}
            />
            <Composer
              key={`${r.version}-${snippets.using?.id ?? ""}`}
              using={
                snippets.using
                  ? {
                      ...snippets.using,
                      sets: sets(snippets.using),
                      setsState: !!snippets.using.set_state,
                    }
                  : null
              }
              lastResult={resultOf("message")}
              version={r.version}
              state={r.state}
              colleagues={staff.filter((s) => s.id !== me).map(({ id, name }) => ({ id, name }))}
              recipient={{
                name: r.requester_name ?? "–",
                email: r.requester_email ?? "",
                company: pick(locale, r.company_name_en, r.company_name_zh),
              }}
            />
          </section>
        </div>
        <aside className="stack">
          <Properties
            key={r.version}
            lastResult={resultOf("properties")}
            request={{
              version: r.version,
              state: r.state,
              priority: r.priority,
              teamId: r.team_id,
              assigneeId: r.assignee_id,
            }}
            teams={teams}
            staff={staff}
          />
          <Watchers watchers={watchers} me={me} />
          <Relations
            ref_={r.ref}
            version={r.version}
            related={relations.related}
            mergedFrom={relations.mergedFrom}
            mergedInto={relations.mergedInto}
            preview={relations.preview}
            error={relationError}
          />
          {r.state === "resolved" || r.state === "closed" ? (
            <KbDraftCard result={resultOf("kb-draft")} />
          ) : null}
          <HistoryList history={thread.history} staff describe={describe} />
        </aside>
      </div>
    </div>
  );
}
