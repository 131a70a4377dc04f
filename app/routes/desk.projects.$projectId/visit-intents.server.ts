/**
 * The project page's visit forms (ADR 0041): plan, change, cancel, mark held. Each parses its
 * schema, calls the domain and answers a redirect with a toast, or the form with its errors
 * and the input kept.
 */
import { data } from "@remix-run/node";
import { db } from "~/db.server";
import { parseForm } from "~/lib/form.server";
import { statusOf } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import type { ProjectActor } from "~/projects/projects.server";
import {
  visitCancelSchema,
  visitHeldSchema,
  visitRefSchema,
  visitSchema,
} from "~/projects/visit-schema";
import { VISIT_INTENTS, type VisitIntent, type VisitReply } from "~/projects/visits-ui";
import { cancelVisit, markVisitHeld, planVisit, rescheduleVisit } from "~/projects/visits.server";

export function isVisitIntent(value: unknown): value is VisitIntent {
  return typeof value === "string" && (VISIT_INTENTS as readonly string[]).includes(value);
}

interface Ctx {
  user: ProjectActor;
  id: string;
  form: FormData;
  ip: string | null;
}

const ERROR_KEY: Record<string, string> = {
  host: "projects:errors.visit_host",
  unit: "projects:errors.visit_unit",
  conflict: "projects:errors.visitConflict",
  notPlanned: "projects:errors.visitNotPlanned",
  notAllowed: "projects:errors.notAllowed",
};

const done = (id: string, key: string) =>
  redirectWithToast(`/desk/projects/${id}#visits`, {
    type: "success",
    key: `projects:toast.${key}`,
  });

function versionOf(form: FormData): number {
  const v = Number(form.get("version"));
  return Number.isInteger(v) ? v : -1;
}

function answer(
  intent: VisitIntent,
  visitId: string | undefined,
  result: VisitReply["result"],
  status: number,
) {
  return data<VisitReply>({ intent, visitId, result }, { status });
}

export async function runVisitIntent(intent: VisitIntent, { user, id, form, ip }: Ctx) {
  const meta = { ip };
  const ref = visitRefSchema.safeParse({ visitId: form.get("visitId") });
  const visitId = ref.success ? ref.data.visitId : undefined;
  switch (intent) {
    case "visit-plan": {
      const s = parseForm(form, { schema: visitSchema });
      if (s.status !== "success") return answer(intent, undefined, s.reply(), 400);
      const r = await planVisit(db(), user, id, s.value, meta);
      if (r.ok) return done(id, "visitPlanned");
      return answer(intent, undefined, s.reply({ formErrors: [ERROR_KEY[r.error]!] }), statusOf(r));
    }
    case "visit-change": {
      const s = parseForm(form, { schema: visitSchema });
      if (s.status !== "success" || !visitId)
        return answer(
          intent,
          visitId,
          s.reply({ formErrors: visitId ? [] : ["projects:errors.visit_visit"] }),
          400,
        );
      const r = await rescheduleVisit(db(), user, id, visitId, versionOf(form), s.value, meta);
      if (r.ok) return done(id, "visitRescheduled");
      return answer(intent, visitId, s.reply({ formErrors: [ERROR_KEY[r.error]!] }), statusOf(r));
    }
    case "visit-cancel": {
      const s = parseForm(form, { schema: visitCancelSchema });
      if (s.status !== "success") return answer(intent, visitId, s.reply(), 400);
      const r = await cancelVisit(
        db(),
        user,
        id,
        s.value.visitId,
        versionOf(form),
        s.value.reason,
        meta,
      );
      if (r.ok) return done(id, "visitCancelled");
      return answer(intent, visitId, s.reply({ formErrors: [ERROR_KEY[r.error]!] }), statusOf(r));
    }
    case "visit-held": {
      const s = parseForm(form, { schema: visitHeldSchema });
      if (s.status !== "success") return answer(intent, visitId, s.reply(), 400);
      const r = await markVisitHeld(
        db(),
        user,
        id,
        s.value.visitId,
        versionOf(form),
        s.value,
        meta,
      );
      if (r.ok) return done(id, r.moved ? "visitHeldMoved" : "visitHeld");
      return answer(intent, visitId, s.reply({ formErrors: [ERROR_KEY[r.error]!] }), statusOf(r));
    }
  }
}
