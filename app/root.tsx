import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
} from "@remix-run/react";
import { useEffect } from "react";
import { I18nextProvider } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Shell } from "~/components/shell";
import {
  namespacesOf,
  serializeStrings,
  stringsFor,
  type RouteHandle,
} from "~/i18n/client-strings";
import { useI18nSource } from "~/i18n/instance";
import { useNonce } from "~/lib/nonce";
import { useLocale, useRootData } from "~/lib/root-data";
import stylesheet from "~/styles/app.css";
import { getSession } from "~/auth/guards.server";
import { permissionsOf } from "~/auth/permissions";
import { mailboxOpenTo } from "~/env.server";
import { detectLocale } from "~/i18n/locale.server";
import { readToast } from "~/lib/toast.server";
import { db } from "~/db.server";
import { countUnread } from "~/notifications/notifications.server";
import { isInvestor } from "~/projects/investor.server";
import { pageTitle } from "~/lib/page-title";

// Zod 4 checks once whether `new Function` works (to compile fast parsers); under the CSP
// (no 'unsafe-eval') the browser reports that caught probe as a violation (Lighthouse best
// practices: "Issues were logged"). `jitless` skips the probe. Zod keeps its config on
// globalThis (what `z.config()` sets); setting it here costs no import of Zod on pages without
// forms, and runs before any route module parses. The server keeps the fast parsers.
if (typeof document !== "undefined") {
  const zodConfig = ((
    globalThis as { __zod_globalConfig?: { jitless?: boolean } }
  ).__zod_globalConfig ??= {});
  zodConfig.jitless = true;
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Zizhu Park Portal · 紫竹园区门户") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const user = session?.user ?? null;
  const locale = detectLocale(request, user?.locale);
  const { toast, clear } = await readToast(request);
  // The header's badge: a count that stops at 100 on a partial index (cheap on every page).
  const unread = user ? await countUnread(db(), user.id) : 0;
  // "My projects" in the account menu for an account linked to an investment project (an
  // indexed lookup; park staff follow projects from the desk instead).
  const investor = user && !user.roles.length ? await isInvestor(db(), user.id) : false;
  const headers = new Headers();
  if (clear) headers.append("Set-Cookie", clear);
  return data(
    {
      locale,
      user: user && {
        id: user.id,
        name: user.name,
        email: user.email,
        emailVerified: user.emailVerified,
        roles: user.roles,
        company: user.company,
        permissions: [...permissionsOf(user)],
      },
      toast,
      unread,
      investor,
      // The footer links the development mailbox only where this reader may open it.
      mailbox: mailboxOpenTo(user),
    },
    { headers },
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const locale = useLocale();
  const nonce = useNonce();
  const source = useI18nSource();
  const i18n = source.instance(locale);
  // In the browser the instance holds the document's language: a change of language without a
  // document load (the profile's language saved) loads the page again.
  useEffect(() => {
    if (i18n.language !== locale) window.location.reload();
  }, [i18n, locale]);
  const matches = useMatches();
  const rootData = useRootData();
  // The namespaces this page needs (ADR 0057): its routes' `handle.i18n` for a visitor, all
  // when signed in. In the browser, a page reached by a client-side navigation (or a sign-in
  // without a document load) that needs namespaces not loaded yet waits for them here: the
  // navigation is a transition, so the previous page stays on screen meanwhile.
  const strings = stringsFor(!!rootData?.user, matches, rootData?.toast?.key);
  const loading = source.ensure?.(namespacesOf(strings));
  if (loading) throw loading;
  // A route with `handle = { hydrate: false }` (a reading page: every link and form works
  // without JavaScript) is sent without the app's scripts (ADR 0016: page weight).
  const hydrate = !matches.some((m) => (m.handle as RouteHandle | undefined)?.hydrate === false);
  return (
    <html lang={locale} dir="ltr" data-strings={serializeStrings(strings)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f4c5c" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  return (
    <Shell>
      <GeneralErrorBoundary />
    </Shell>
  );
}
