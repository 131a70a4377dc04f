/**
 * One saved view on the manage page: its filters in words, a link that opens it, and for its
 * owner a rename form (name, shared) and a delete button behind a confirmation (a dialog with
 * JavaScript, a confirmation in the page without). A refused form comes back with what was
 * typed and the reason.
 */
import { Form, Link } from "@remix-run/react";
import { ConfirmDialog, ConfirmTrigger } from "~/components/confirm-dialog";
import { useErrorText } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { pick } from "~/i18n/i18n";
import { useProjectLabels } from "~/projects/ui";
import { VIEW_NAME_MAX } from "~/projects/view-schema";
import type { ViewChoice } from "../desk.projects._index/saved-views";

export interface ViewReply {
  intent: "save" | "rename";
  viewId?: string;
  name: string;
  shared: boolean;
  query?: string;
  error: string;
}

export interface Names {
  owners: { id: string; name: string }[];
  industries: { id: string; name_en: string; name_zh: string }[];
}

/** A view's filters in words ("Stage: Negotiating · Country: Japan"). */
export function useFilterWords(names: Names) {
  const { t } = useTranslation("projects");
  const l = useProjectLabels();
  return (query: string) => {
    const p = new URLSearchParams(query);
    const words: string[] = [];
    const add = (label: string, value: string | null | undefined) => {
      if (value) words.push(`${label}: ${value}`);
    };
    const stage = p.get("stage");
    add(t("filters.stage"), stage === "all" ? t("filters.all") : stage ? l.stage(stage) : null);
    const owner = p.get("owner");
    add(
      t("filters.owner"),
      owner === "me"
        ? t("filters.me")
        : owner === "none"
          ? t("filters.nobody")
          : owner
            ? (names.owners.find((o) => o.id === owner)?.name ?? "?")
            : null,
    );
    const industry = names.industries.find((i) => i.id === p.get("industry"));
    add(
      t("filters.industry"),
      industry ? pick(l.locale, industry.name_en, industry.name_zh) : null,
    );
    add(t("filters.country"), p.get("country") ? l.country(p.get("country")) : null);
    add(t("filters.source"), p.get("source") ? l.source(p.get("source")!) : null);
    const size = p.get("size");
    const sizeKey = {
      small: "sizeSmall",
      medium: "sizeMedium",
      large: "sizeLarge",
      unknown: "sizeUnknown",
    } as const;
    add(t("filters.size"), size ? t(`filters.${sizeKey[size as keyof typeof sizeKey]}`) : null);
    const flag = p.get("flag");
    add(
      t("filters.flag"),
      flag === "any"
        ? t("filters.flagAny")
        : flag === "none"
          ? t("filters.flagNone")
          : flag
            ? l.flag(flag as "stale")
            : null,
    );
    return words.length ? words.join(" · ") : t("views.noFilters");
  };
}

export function ViewRow({
  view,
  words,
  reply,
}: {
  view: ViewChoice;
  words: string;
  reply?: ViewReply;
}) {
  const { t } = useTranslation("projects");
  const errorText = useErrorText();
  const mine = reply?.intent === "rename" && reply.viewId === view.id ? reply : undefined;
  const id = `view-${view.id}`;
  return (
    <li className="project-view-row stack">
      <p>
        <strong>{view.name}</strong>{" "}
        {view.shared ? <span className="badge badge-muted">{t("views.shared")}</span> : null}{" "}
        {!view.mine && view.owner_name ? (
          <span className="muted">{t("views.by", { name: view.owner_name })}</span>
        ) : null}
      </p>
      <p className="muted">
        {t("views.filters")}: {words}
      </p>
      <p>
        <Link to={`/desk/projects${view.query ? `?${view.query}` : ""}`}>
          {t("views.open")}: {view.name}
        </Link>
      </p>
      {view.mine ? (
        <>
          <Form
            method="post"
            className="sr-filters"
            aria-label={`${t("views.rename")}: ${view.name}`}
          >
            <input type="hidden" name="viewId" value={view.id} />
            <div className="field">
              <label htmlFor={`${id}-name`}>{t("views.name")}</label>
              <input
                id={`${id}-name`}
                name="name"
                required
                maxLength={VIEW_NAME_MAX}
                defaultValue={mine?.name ?? view.name}
                aria-invalid={mine ? true : undefined}
                aria-describedby={mine ? `${id}-error` : undefined}
                key={mine ? `typed-${mine.name}` : view.name}
              />
              {mine ? (
                <div id={`${id}-error`} className="field-errors" role="alert">
                  <p>{errorText(mine.error)}</p>
                </div>
              ) : null}
            </div>
            <label className="checkbox">
              <input
                type="checkbox"
                name="shared"
                defaultChecked={mine?.shared ?? view.shared}
                key={`${view.id}-${String(mine?.shared ?? view.shared)}`}
              />{" "}
              {t("views.share")}
            </label>
            <button
              type="submit"
              name="intent"
              value="rename"
              className="button button-secondary button-small"
            >
              {t("views.rename")}
            </button>
          </Form>
          <p>
            <ConfirmTrigger
              name={`delete-${view.id}`}
              className="button button-danger button-small"
            >
              {t("views.delete")}
              <span className="visually-hidden">: {view.name}</span>
            </ConfirmTrigger>
          </p>
          <ConfirmDialog
            name={`delete-${view.id}`}
            title={t("views.deleteTitle", { name: view.name })}
            cancelLabel={t("views.cancel")}
          >
            <p>{t("views.deleteBody")}</p>
            <Form method="post" action="/desk/projects/views">
              <input type="hidden" name="viewId" value={view.id} />
              <button type="submit" name="intent" value="delete" className="button button-danger">
                {t("views.deleteConfirm")}
              </button>
            </Form>
          </ConfirmDialog>
        </>
      ) : null}
    </li>
  );
}
