/**
 * The parts of one service request's page that the company's view (/requests/:ref) and the
 * desk's view (/desk/requests/:ref) share: the heading, the type's field values, the files,
 * the conversation, the history and a form's error notice (browser-safe: no server imports).
 */
import { useTranslation } from "~/i18n/use-translation";
import { pick } from "~/i18n/i18n";
import { useErrorText } from "~/components/forms";
import { useLocale } from "~/lib/root-data";
import type { TypeField } from "./catalogue.server";
import { formatBytes, useFormatDate, useStateLabel } from "./components";
import type { ChangeError } from "./service-requests.server";
import type { RequestState } from "./workflow";

type When = string | Date;

export interface ThreadFile {
  id: string;
  file_name: string;
  size_bytes: number;
  message_id: string | null;
  field_key: string | null;
}

export interface ThreadMessage {
  id: string;
  body: string;
  from_staff: boolean;
  created_at: When;
  author_name: string | null;
  visibility?: string;
  /** "email" for a reply that came in by email (ADR 0034). */
  via?: string;
  /** The duplicate it was written on, when that request was merged into this one (ADR 0038). */
  from_ref?: string | null;
}

export interface ThreadEvent {
  id: string | number;
  at: When;
  kind: string;
  from_value: string | null;
  to_value: string | null;
  actor_name?: string | null;
}

/** The i18n key shown on the form for a refused change (ADR 0025 codes). */
export function changeErrorKey(error: ChangeError): string {
  if (error === "conflict") return "services:staff.conflict";
  if (error === "transition" || error === "rated") return "services:staff.transition";
  if (error === "file") return "services:errors.file";
  return "services:staff.invalid";
}

/** Reference, category and type above the subject. */
export function RequestHeading({
  request: r,
}: {
  request: {
    ref: string;
    subject: string;
    category_name_en: string;
    category_name_zh: string;
    type_name_en: string;
    type_name_zh: string;
  };
}) {
  const locale = useLocale();
  return (
    <>
      <p className="muted">
        {r.ref} · {pick(locale, r.category_name_en, r.category_name_zh)} ·{" "}
        {pick(locale, r.type_name_en, r.type_name_zh)}
      </p>
      <h1>{r.subject}</h1>
    </>
  );
}

export function FileList({
  files,
}: {
  files: Pick<ThreadFile, "id" | "file_name" | "size_bytes">[];
}) {
  if (!files.length) return null;
  return (
    <ul className="sr-files">
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/requests/files/${f.id}`}>{f.file_name}</a>{" "}
          <span className="muted">({formatBytes(f.size_bytes)})</span>
        </li>
      ))}
    </ul>
  );
}

/** The answers to the type's extra fields, then the files attached to the request itself. */
export function FieldValues({
  fields,
  values,
  files,
}: {
  fields: Pick<TypeField, "id" | "key" | "kind" | "label_en" | "label_zh" | "options">[];
  values: Record<string, string>;
  files: ThreadFile[];
}) {
  const locale = useLocale();
  const answer = (f: (typeof fields)[number]) => {
    if (f.kind === "file")
      return files
        .filter((x) => x.field_key === f.key)
        .map((x) => (
          <a key={x.id} href={`/requests/files/${x.id}`}>
            {x.file_name}
          </a>
        ));
    if (f.kind === "choice") {
      const o = f.options.find((x) => x.value === values[f.key]);
      return o ? pick(locale, o.en, o.zh) : "–";
    }
    return values[f.key] || "–";
  };
  return (
    <>
      {fields.length ? (
        <dl className="details">
          {fields.map((f) => (
            <div key={f.id}>
              <dt>{pick(locale, f.label_en, f.label_zh)}</dt>
              <dd>{answer(f)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <FileList files={files.filter((f) => !f.message_id && !f.field_key)} />
    </>
  );
}

/** The rating a company gave, if any. */
export function RatingLine({ rating, comment }: { rating: number | null; comment: string | null }) {
  const { t } = useTranslation("services");
  if (!rating) return null;
  return (
    <p>
      {t("detail.rated", { rating: String(rating) })} {comment ? <q>{comment}</q> : null}
    </p>
  );
}

/**
 * The conversation. Staff see internal notes, marked, and every author by name; the company
 * sees the park as "the park" and its own people by name.
 */
export function MessageList({
  messages,
  files,
  staff = false,
}: {
  messages: ThreadMessage[];
  files: ThreadFile[];
  staff?: boolean;
}) {
  const { t } = useTranslation("services");
  const { t: tm } = useTranslation("inbound");
  const date = useFormatDate();
  if (!messages.length) return <p className="muted">{t("detail.noMessages")}</p>;
  const tone = (m: ThreadMessage) =>
    staff && m.visibility === "internal"
      ? "sr-message-internal"
      : m.from_staff
        ? "sr-message-park"
        : "sr-message-company";
  return (
    <ol className="sr-messages">
      {messages.map((m) => (
        <li key={m.id} className={`sr-message ${tone(m)}`}>
          <p className="muted">
            {staff ? (
              <>
                {m.visibility === "internal" ? (
                  <span className="badge badge-warning">{t("staff.internalBadge")}</span>
                ) : (
                  <span className="badge">{t("staff.publicBadge")}</span>
                )}{" "}
                <strong>{m.author_name ?? "–"}</strong>
              </>
            ) : (
              <strong>
                {m.from_staff ? t("detail.park") : (m.author_name ?? t("detail.you"))}
              </strong>
            )}{" "}
            · {date(m.created_at)}
            {m.via === "email" ? <> · {tm("viaEmail")}</> : null}
            {m.from_ref ? (
              <>
                {" "}
                <span className="badge badge-muted">
                  {t("relations.fromRef", { ref: m.from_ref })}
                </span>
              </>
            ) : null}
          </p>
          <p className="sr-body">{m.body}</p>
          <FileList files={files.filter((f) => f.message_id === m.id)} />
        </li>
      ))}
    </ol>
  );
}

/**
 * The request's history. `describe` words the kinds only staff see (team, assignee, SLA);
 * with `staff`, each line names who did it and the desk's wording of the states is used.
 */
export function HistoryList({
  history,
  staff = false,
  describe,
}: {
  history: ThreadEvent[];
  staff?: boolean;
  describe?: (h: ThreadEvent) => string;
}) {
  const { t } = useTranslation("services");
  const date = useFormatDate();
  const stateLabel = useStateLabel(staff);
  const text = (h: ThreadEvent) => {
    if (h.kind === "created") return t("history.created");
    if (h.kind === "state")
      return t("history.state", {
        from: stateLabel(h.from_value as RequestState),
        to: stateLabel(h.to_value as RequestState),
      });
    if (h.kind === "rating") return t("history.rating", { to: h.to_value ?? "" });
    if (h.kind === "merged_into" || h.kind === "merged_from")
      return t(`history.${h.kind}`, { ref: h.to_value ?? "" });
    if (h.kind === "priority")
      return t("history.priority", {
        from: t(`priorities.${h.from_value as "low"}`),
        to: t(`priorities.${h.to_value as "low"}`),
      });
    return describe ? describe(h) : t("history.sla");
  };
  return (
    <section className="card">
      <h2>{t("detail.history")}</h2>
      <ol className="sr-history">
        {history.map((h) => (
          <li key={h.id}>
            <span className="muted">{date(h.at)}</span> {text(h)}
            {staff ? (
              <>
                {" "}
                <span className="muted">
                  {h.actor_name ? t("history.by", { name: h.actor_name }) : t("history.system")}
                </span>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A form's own errors (not a field's), as i18n keys. */
export function FormErrorNotice({ errors }: { errors?: string[] | null }) {
  const errorText = useErrorText();
  if (!errors?.length) return null;
  return (
    <div className="notice notice-danger" role="alert">
      {errors.map((e) => (
        <p key={e}>{errorText(e)}</p>
      ))}
    </div>
  );
}
