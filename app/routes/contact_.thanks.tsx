import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { thanksReference } from "~/inquiries/thanks.server";
import { pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["inquiries"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Thank you · 谢谢 | Zizhu Park Portal") },
  { name: "robots", content: "noindex" },
];

/** The thank-you page after the contact form: only the browser that sent it has a reference. */
export async function loader({ request }: LoaderFunctionArgs) {
  const reference = await thanksReference(request);
  if (!reference) throw redirect("/contact");
  return { reference };
}

export default function ContactThanks() {
  const { reference } = useLoaderData<typeof loader>();
  const { t } = useTranslation("inquiries");
  return (
    <div className="container narrow">
      <div className="card" role="status">
        <h1>{t("thanks.title")}</h1>
        <p>{t("thanks.body", { reference })}</p>
        <p className="stat inquiry-reference">{reference}</p>
        <Link to="/">{t("thanks.back")}</Link>
      </div>
    </div>
  );
}
