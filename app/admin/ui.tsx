/** Small pieces shared by the admin pages. */
import { Link } from "@remix-run/react";
import { useKeyText, useTranslation } from "~/i18n/use-translation";
import { isoSecond } from "~/lib/format";

export function StatusBadge({ disabled, verified }: { disabled: boolean; verified: boolean }) {
  const { t } = useTranslation("admin");
  if (disabled) return <span className="badge badge-danger">{t("status.disabled")}</span>;
  if (!verified) return <span className="badge badge-warning">{t("status.unverified")}</span>;
  return <span className="badge badge-success">{t("status.active")}</span>;
}

/** A moment in UTC and in Shanghai time (UTC+8), the two clocks park staff work with. */
export function BothTimes({ value }: { value: Date | string }) {
  const { t } = useTranslation("admin");
  const iso = (typeof value === "string" ? new Date(value) : value).toISOString();
  return (
    <time dateTime={iso} className="admin-times">
      <span>
        {isoSecond(value, "UTC")} <span className="muted">{t("audit.utc")}</span>
      </span>
      <span>
        {isoSecond(value)} <span className="muted">{t("audit.shanghai")}</span>
      </span>
    </time>
  );
}

/** The action code, with a readable name when we have one. */
export function ActionName({ action }: { action: string }) {
  const { i18n } = useTranslation("admin");
  const keyText = useKeyText("admin");
  const key = `actions.${action.replace(/\./g, "_")}`;
  const known = i18n.exists(key, { ns: "admin" });
  return (
    <span className="admin-action">
      {known ? <span>{keyText(key)}</span> : null}
      <code>{action}</code>
    </span>
  );
}

/** An audit entry's details as "key: value" lines (values are data, never markup). */
export function AuditDetails({ details }: { details: unknown }) {
  if (!details || typeof details !== "object" || Array.isArray(details)) return null;
  const entries = Object.entries(details as Record<string, unknown>);
  if (!entries.length) return null;
  return (
    <dl className="admin-kv">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{typeof v === "string" ? v : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ActorLink({ id, name }: { id: string | null; name: string | null }) {
  const { t } = useTranslation("admin");
  if (!id) return <span className="muted">{t("audit.system")}</span>;
  if (!name) return <span className="muted">{t("audit.deletedUser")}</span>;
  return <Link to={`/admin/users/${id}`}>{name}</Link>;
}

export interface ActivityRow {
  id: number | string;
  at: Date | string;
  action: string;
  details: unknown;
  actor_id: string | null;
  actor_name: string | null;
  actor_email?: string | null;
  ip?: string | null;
}

/**
 * The head of an audit table: when, who, what and details; `full` (the audit log) adds the
 * subject and the address.
 */
export function AuditHead({ full }: { full?: boolean }) {
  const { t } = useTranslation("admin");
  return (
    <thead>
      <tr>
        <th scope="col">{t("audit.when")}</th>
        <th scope="col">{t("audit.who")}</th>
        <th scope="col">{t("audit.what")}</th>
        {full ? <th scope="col">{t("audit.subject")}</th> : null}
        <th scope="col">{t("audit.details")}</th>
        {full ? <th scope="col">{t("audit.ip")}</th> : null}
      </tr>
    </thead>
  );
}

/** One audit entry as a row of `AuditHead`'s table; `subject` given makes it a full row. */
export function AuditRow({ entry: a, subject }: { entry: ActivityRow; subject?: React.ReactNode }) {
  const full = subject !== undefined;
  return (
    <tr>
      <td>
        <BothTimes value={a.at} />
      </td>
      <td>
        <ActorLink id={a.actor_id} name={a.actor_name} />
        {full && a.actor_email ? <div className="muted admin-break">{a.actor_email}</div> : null}
      </td>
      <td>
        <ActionName action={a.action} />
      </td>
      {full ? <td>{subject}</td> : null}
      <td>
        <AuditDetails details={a.details} />
      </td>
      {full ? <td>{a.ip ?? <span className="muted">–</span>}</td> : null}
    </tr>
  );
}

/** A detail page's recent audit entries (when, who, what, details), or `empty` when none. */
export function ActivityCard({
  id,
  title,
  empty,
  rows,
  children,
}: {
  id: string;
  title: string;
  empty: string;
  rows: ActivityRow[];
  children?: React.ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table admin-table">
            <AuditHead />
            <tbody>
              {rows.map((a) => (
                <AuditRow key={a.id} entry={a} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {children}
    </section>
  );
}
