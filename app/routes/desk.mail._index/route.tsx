/**
 * Incoming mail that was not added to a request (ADR 0034): staff read it here, by tab
 * (needs a look, automatic, added to requests, set aside), newest first, keyset-paged.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { listInbound } from "~/service-requests/inbound-mail.server";
import { MailCard } from "./mail-card";

export const meta: MetaFunction = () => [
  { title: "Incoming mail · 收到的邮件 | Zizhu Park Portal" },
];

const TABS = ["unmatched", "ignored", "posted", "dismissed"] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return (TABS as readonly (string | null)[]).includes(value);
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:service_request:any");
  const url = new URL(request.url);
  const given = url.searchParams.get("status");
  const status: Tab = isTab(given) ? given : "unmatched";
  const page = await listInbound(db(), {
    status,
    cursor: url.searchParams.get("after") ?? undefined,
  });
  return { status, page };
}

export default function IncomingMail() {
  const { status, page } = useLoaderData<typeof loader>();
  const { t } = useTranslation("inbound");
  return (
    <div className="container">
      <p>
        <Link to="/desk/requests">← {t("nav")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
      </header>
      <nav className="tabs" aria-label={t("title")}>
        {TABS.map((s) => (
          <Link
            key={s}
            to={s === "unmatched" ? "/desk/mail" : `/desk/mail?status=${s}`}
            aria-current={status === s ? "page" : undefined}
          >
            {t(`tabs.${s}`)}
          </Link>
        ))}
      </nav>
      {page.items.length === 0 ? (
        <p className="notice">{t("empty")}</p>
      ) : (
        <ul className="inbound-list">
          {page.items.map((m) => (
            <MailCard key={m.id} mail={m} />
          ))}
        </ul>
      )}
      {page.nextCursor ? (
        <p>
          <Link
            className="button button-secondary"
            to={`/desk/mail?${new URLSearchParams({ status, after: page.nextCursor })}`}
          >
            {t("more")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
