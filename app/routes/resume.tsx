/**
 * After signing in: the forms this browser posted when its session had ended (ADR 0018).
 * Each is shown with its text (editable) and sent with one button to /resume?send=<id>, which
 * takes the kept row (single use) and answers 307 to the original action: the browser posts
 * the same fields there, with their original names, so that action validates and answers as
 * it always does. Only a signed-in user with the browser's cookie sees anything here.
 */
import type { RouteHandle } from "~/i18n/client-strings";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { isUuid } from "~/lib/ids";
import {
  listKept,
  readKeptKey,
  takeKept,
  TECHNICAL_FIELDS,
  type KeptForm,
} from "~/forms/kept-input.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["accounts", "kept"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "What you typed is kept · 您填写的内容已保留 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const kept = await listKept(db(), await readKeptKey(request), user);
  return {
    kept: kept.map((k) => ({
      ...k,
      fields: k.fields.map(([name, value]) => ({ name, value, kind: kindOf(name, value) })),
    })),
  };
}

/** How a field is shown: typed text to check and change, a choice to see, or the app's own. */
function kindOf(name: string, value: string): "text" | "choice" | "hidden" {
  if (TECHNICAL_FIELDS.has(name) || value.trim() === "") return "hidden";
  return isUuid(value) ? "choice" : "text";
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const query = new URL(request.url).searchParams;
  const id = query.get("send") ?? query.get("discard") ?? "";
  const taken = await takeKept(db(), await readKeptKey(request), user, id);
  if (!taken)
    return redirectWithToast("/resume", { type: "error", key: "kept:toast.gone" }, { status: 303 });
  // The browser posts the body it sent here (the kept fields) on to the original action.
  if (query.has("send")) return redirect(taken.postTo, 307);
  return redirectWithToast(
    "/resume",
    { type: "success", key: "kept:toast.discarded" },
    {
      status: 303,
    },
  );
}

type Shown = Omit<KeptForm, "fields"> & {
  fields: { name: string; value: string; kind: "text" | "choice" | "hidden" }[];
};

export default function Resume() {
  const { kept } = useLoaderData<typeof loader>();
  const { t } = useTranslation("kept");
  return (
    <div className="container medium">
      <header className="page-header">
        <h1>{t("title")}</h1>
        {kept.length ? <p className="muted">{t("lead")}</p> : null}
      </header>
      {kept.length ? (
        kept.map((k) => <KeptCard key={k.id} kept={k} />)
      ) : (
        <div className="card">
          <p>{t("none")}</p>
          <p>
            <Link to="/">{t("home")}</Link>
          </p>
        </div>
      )}
    </div>
  );
}

function KeptCard({ kept }: { kept: Shown }) {
  const { t } = useTranslation("kept");
  const choices = kept.fields.filter((f) => f.kind === "choice");
  return (
    <section className="card stack" aria-labelledby={`kept-${kept.id}`}>
      <h2 id={`kept-${kept.id}`}>{t("onPage", { page: kept.target })}</h2>
      {kept.droppedFiles.length ? (
        <p className="notice notice-warning" role="status">
          {t("filesNotKept", { files: kept.droppedFiles.join(", ") })}
        </p>
      ) : null}
      {kept.droppedFields ? (
        <p className="notice notice-warning" role="status">
          {t("fieldsNotKept", { count: kept.droppedFields })}
        </p>
      ) : null}
      {/* A plain form: the 307 from /resume must reach the browser, which posts on. */}
      <form
        method="post"
        action={`/resume?send=${kept.id}`}
        encType={kept.enctype}
        className="form-stack"
      >
        {kept.fields.map((f, i) =>
          f.kind === "text" ? (
            <div className="field" key={i}>
              <label htmlFor={`kept-${kept.id}-${i}`}>{f.name}</label>
              <textarea
                id={`kept-${kept.id}-${i}`}
                name={f.name}
                defaultValue={f.value}
                rows={Math.min(
                  12,
                  Math.max(2, Math.ceil(f.value.split("\n").length + f.value.length / 80)),
                )}
              />
            </div>
          ) : (
            <input type="hidden" name={f.name} value={f.value} key={i} />
          ),
        )}
        {choices.length ? (
          <dl className="muted">
            {choices.map((f, i) => (
              <div key={i}>
                <dt>{f.name}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        <div className="row">
          <button type="submit" className="button">
            {t("send")}
          </button>
          <a href={kept.target}>{t("openPage")}</a>
        </div>
      </form>
      <form method="post" action={`/resume?discard=${kept.id}`}>
        <button type="submit" className="button button-secondary">
          {t("discard")}
        </button>
      </form>
    </section>
  );
}
