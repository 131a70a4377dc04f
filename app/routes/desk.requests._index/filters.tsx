/** The queue's filter form (GET): state, category, type, team, assignee, priority, SLA, company. */
import { Form, Link } from "@remix-run/react";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import { SORTS } from "~/service-requests/schema";
import { useStateLabel } from "~/service-requests/components";
import { PRIORITIES, STATES } from "~/service-requests/workflow";
import { Select } from "./select";
import type { Named, QueueOptions } from "./types";

export function Filters({
  params,
  options,
}: {
  params: Record<string, string>;
  options: QueueOptions;
}) {
  const { t } = useTranslation("services");
  const stateLabel = useStateLabel(true);
  const locale = useLocale();
  const sel = (name: string) => params[name] ?? "";
  const any = { value: "", label: t("desk.any") };
  const named = (list: Named[]) =>
    list.map((c) => ({ value: c.id, label: pick(locale, c.en, c.zh) }));
  return (
    <Form method="get" className="card sr-filters" aria-label={t("desk.filters")}>
      <Select
        name="state"
        label={t("desk.state")}
        value={sel("state") || "open"}
        options={[
          { value: "open", label: t("desk.openStates") },
          { value: "all", label: t("desk.allStates") },
          ...STATES.map((s) => ({ value: s, label: stateLabel(s) })),
        ]}
      />
      <Select
        name="category"
        label={t("desk.category")}
        value={sel("category")}
        options={[any, ...named(options.categories)]}
      />
      <Select
        name="type"
        label={t("desk.type")}
        value={sel("type")}
        options={[any, ...named(options.types)]}
      />
      <Select
        name="team"
        label={t("desk.team")}
        value={sel("team")}
        options={[any, { value: "none", label: t("desk.noTeam") }, ...named(options.teams)]}
      />
      <Select
        name="assignee"
        label={t("desk.assignee")}
        value={sel("assignee")}
        options={[
          any,
          { value: "me", label: t("desk.me") },
          { value: "none", label: t("desk.none") },
          ...options.staff.map((s) => ({ value: s.id, label: s.name })),
        ]}
      />
      <Select
        name="priority"
        label={t("desk.priority")}
        value={sel("priority")}
        options={[any, ...PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))]}
      />
      <Select
        name="sla"
        label={t("desk.sla")}
        value={sel("sla")}
        options={[
          any,
          { value: "breached", label: t("desk.breached") },
          { value: "due_soon", label: t("desk.dueSoon") },
        ]}
      />
      <Select
        name="company"
        label={t("desk.company")}
        value={sel("company")}
        options={[any, ...named(options.companies)]}
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
  );
}
