/**
 * Saved views on the project table (ADR 0047): a menu of one's own and the team's shared views
 * (links to the table with their filters; the one being looked at is marked), a form that saves
 * the filters in use under a name (posted to /desk/projects/views), and a link to manage them.
 * Plain links and a plain form: it all works without JavaScript.
 */
import { Form, Link } from "@remix-run/react";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import { VIEW_NAME_MAX } from "~/projects/view-schema";

export interface ViewChoice {
  id: string;
  name: string;
  query: string;
  shared: boolean;
  mine: boolean;
  owner_name: string | null;
}

export function SavedViews({ views, current }: { views: ViewChoice[]; current: string }) {
  const { t } = useTranslation("projects");
  const active = views.find((v) => v.query === current);
  return (
    <section className="card project-views" aria-labelledby="project-views-title">
      <details className="project-views-menu">
        <summary id="project-views-title">
          {t("views.menu")}
          {active ? `: ${active.name}` : ""}{" "}
          <span className="badge badge-muted">{views.length}</span>
        </summary>
        {views.length ? (
          <ul className="project-views-list">
            {views.map((v) => (
              <li key={v.id}>
                <Link
                  to={`/desk/projects${v.query ? `?${v.query}` : ""}`}
                  aria-current={v === active ? "page" : undefined}
                >
                  {v.name}
                </Link>{" "}
                {v.shared ? <span className="badge badge-muted">{t("views.shared")}</span> : null}{" "}
                {!v.mine && v.owner_name ? (
                  <span className="muted">{t("views.by", { name: v.owner_name })}</span>
                ) : null}
                {v === active ? (
                  <span className="visually-hidden">{t("views.current")}</span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("views.none")}</p>
        )}
        <p>
          <Link to="/desk/projects/views">{t("views.manage")}</Link>
        </p>
      </details>
      <details className="project-views-save">
        <summary>{t("views.save")}</summary>
        <Form method="post" action="/desk/projects/views" className="stack">
          <IdempotencyKey />
          <input type="hidden" name="query" value={current} />
          <div className="field">
            <label htmlFor="view-name">{t("views.name")}</label>
            <input id="view-name" name="name" required maxLength={VIEW_NAME_MAX} />
          </div>
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" name="shared" aria-describedby="view-shared-hint" />{" "}
              {t("views.share")}
            </label>
            <p id="view-shared-hint" className="field-hint">
              {t("views.shareHint")}
            </p>
          </div>
          <button type="submit" name="intent" value="save" className="button button-secondary">
            {t("views.saveButton")}
          </button>
        </Form>
      </details>
    </section>
  );
}
