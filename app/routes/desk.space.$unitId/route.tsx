import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { useTranslation } from "~/i18n/use-translation";
import { isoDay } from "~/lib/format";
import { parseForm, readForm } from "~/lib/form.server";
import { orHttp, statusOf } from "~/lib/http.server";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { rentText } from "~/projects/space";
import { unitSchema } from "~/projects/space-schema";
import { getUnit, updateUnit } from "~/projects/space.server";
import { UnitFactsLine, UnitForm, UnitStateBadge, useSpaceLabels } from "~/projects/space-ui";
import { StageBadge } from "~/projects/ui";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  {
    title: `${d ? `${d.unit.building}-${d.unit.unit_no}` : ""} · Space · 载体空间 | Zizhu Park Portal`,
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:project:any");
  const found = await orHttp(getUnit(db(), user, params.unitId ?? ""));
  return { ...found, canEdit: can(user, "update:project:any") };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:project:any");
  const id = params.unitId ?? "";
  await orHttp(getUnit(db(), user, id));
  const form = await readForm(request);
  const submission = parseForm(form, { schema: unitSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const version = Number(form.get("version"));
  const r = await orHttp(
    updateUnit(db(), user, id, Number.isInteger(version) ? version : -1, submission.value, {
      ip: requestMeta(request, context).ip,
    }),
  );
  if (!r.ok) {
    const reply =
      r.error === "duplicate"
        ? submission.reply({ fieldErrors: { unitNo: ["space:errors.duplicate"] } })
        : submission.reply({ formErrors: ["space:errors.conflict"] });
    return data(reply, { status: statusOf(r) });
  }
  return redirectWithToast(`/desk/space/${id}`, { type: "success", key: "space:toast.saved" });
}

export default function UnitPage() {
  const { unit, offers, holds, canEdit } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("space");
  const l = useSpaceLabels();
  const num = (v: number | null) => (v === null ? "" : String(v));
  return (
    <div className="container">
      <p>
        <Link to="/desk/space">← {t("title")}</Link>
      </p>
      <header className="page-header">
        <h1>{l.unit(unit)}</h1>
        <p className="muted">
          {t("floorN", { floor: unit.floor })} · {l.kind(unit.kind)} · {l.area(unit.area_m2)} ·{" "}
          <UnitStateBadge state={unit.shown_state} />
          {unit.shown_state === "held" && unit.hold_reference ? (
            <> {t("list.heldFor", { reference: unit.hold_reference, date: unit.held_until })}</>
          ) : null}
        </p>
      </header>
      <div className="project-layout">
        <div className="stack">
          <section className="card" aria-labelledby="unit-facts">
            <h2 id="unit-facts">{t("list.unit")}</h2>
            <dl className="details">
              <dt>{t("fields.rent")}</dt>
              <dd>{l.rent(unit.rent_minor)}</dd>
              <dt>{t("fields.availableFrom")}</dt>
              <dd>{unit.available_from}</dd>
              <dt>{t("fields.features")}</dt>
              <dd>
                <UnitFactsLine unit={unit} />
              </dd>
            </dl>
            {l.description(unit) ? <p className="inquiry-message">{l.description(unit)}</p> : null}
          </section>
          {canEdit ? (
            <details className="card project-edit" open={!!lastResult}>
              <summary>{t("form.edit")}</summary>
              <UnitForm
                mode="edit"
                lastResult={lastResult}
                defaultValue={{
                  building: unit.building,
                  floor: String(unit.floor),
                  unitNo: unit.unit_no,
                  kind: unit.kind,
                  area: String(unit.area_m2),
                  rent: rentText(unit.rent_minor),
                  availableFrom: unit.available_from ?? "",
                  features: unit.features,
                  powerKva: num(unit.power_kva),
                  floorLoad: num(unit.floor_load_kn_m2),
                  ceilingHeight: num(unit.ceiling_height_m),
                  descriptionEn: unit.description_en,
                  descriptionZh: unit.description_zh,
                  state: unit.state,
                }}
                hidden={<input type="hidden" name="version" value={unit.version} />}
              />
            </details>
          ) : null}
        </div>
        <div className="stack">
          <section className="card" aria-labelledby="unit-offers">
            <h2 id="unit-offers">{t("detail.offers")}</h2>
            {offers.length ? (
              <ul className="unit-list">
                {offers.map((o) => (
                  <li key={o.id}>
                    <Link to={`/desk/projects/${o.project_id}`}>{o.organisation}</Link>{" "}
                    <span className="muted">{o.reference}</span> <StageBadge stage={o.stage} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("detail.noOffers")}</p>
            )}
          </section>
          <section className="card" aria-labelledby="unit-holds">
            <h2 id="unit-holds">{t("detail.holds")}</h2>
            {holds.length ? (
              <ul className="unit-list">
                {holds.map((h) => (
                  <li key={h.id}>
                    <Link to={`/desk/projects/${h.project_id}`}>{h.reference}</Link>{" "}
                    {t("detail.heldUntil", { date: h.held_until })}
                    {h.released_at ? (
                      <span className="muted">
                        {" "}
                        ·{" "}
                        {t("detail.released", {
                          date: isoDay(h.released_at),
                          reason: t(
                            `detail.reasons.${(h.release_reason ?? "released") as "released"}`,
                          ),
                        })}
                      </span>
                    ) : null}
                    {h.held_by_name ? (
                      <span className="muted"> · {t("detail.by", { name: h.held_by_name })}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("detail.noHolds")}</p>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
