/** Who watches the request, and watch or stop watching it (ADR 0056): one plain POST button. */
import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";

export function Watchers({
  watchers,
  me,
}: {
  watchers: { id: string; name: string; via: string }[];
  me: string;
}) {
  const { t } = useTranslation("desk");
  const watching = watchers.some((w) => w.id === me);
  return (
    <section className="card" aria-labelledby="watchers-title" data-testid="watchers">
      <h2 id="watchers-title">{t("watch.title")}</h2>
      <p className="field-hint">{t("watch.lead")}</p>
      {watchers.length ? (
        <ul className="sr-watchers" data-testid="watcher-list">
          {watchers.map((w) => (
            <li key={w.id}>
              {w.name}
              {w.via === "mention" ? <span className="muted"> {t("watch.viaMention")}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("watch.none")}</p>
      )}
      {watching ? <p>{t("watch.youWatch")}</p> : null}
      <Form method="post" encType="multipart/form-data">
        <SubmitButton
          name="intent"
          value={watching ? "unwatch" : "watch"}
          className="button button-secondary"
        >
          {watching ? t("watch.unwatch") : t("watch.watch")}
        </SubmitButton>
      </Form>
    </section>
  );
}
