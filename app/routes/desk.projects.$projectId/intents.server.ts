/**
 * The project page's forms, one handler per intent: edit, stage, next step, tranche add and
 * remove. Each parses its schema, calls the domain and answers a redirect (with a toast) or
 * the form with its errors and the input kept (ADR 0025 statuses).
 */
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { db } from "~/db.server";
import { parseForm } from "~/lib/form.server";
import { statusOf } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import {
  addTranche,
  moveProject,
  removeTranche,
  setNextStep,
  updateProject,
  type ProjectActor,
} from "~/projects/projects.server";
import {
  nextStepSchema,
  projectSchema,
  removeTrancheSchema,
  stageSchema,
  trancheSchema,
} from "~/projects/schema";

export const INTENTS = ["edit", "stage", "next-step", "tranche-add", "tranche-remove"] as const;
export type ProjectIntent = (typeof INTENTS)[number];

export interface ProjectReply {
  intent: ProjectIntent | "none";
  result: SubmissionResult<string[]> | null;
}

export function isProjectIntent(value: unknown): value is ProjectIntent {
  return typeof value === "string" && (INTENTS as readonly string[]).includes(value);
}

interface Ctx {
  user: ProjectActor;
  id: string;
  form: FormData;
  ip: string | null;
}

const ERROR_KEY: Record<string, string> = {
  conflict: "projects:detail.conflict",
  notAllowed: "projects:errors.notAllowed",
  lostReason: "projects:errors.lostReason",
  owner: "projects:errors.owner",
  industry: "projects:errors.industry",
  notFound: "projects:errors.tranche",
};

function versionOf(form: FormData): number {
  const v = Number(form.get("version"));
  return Number.isInteger(v) ? v : -1;
}

async function done(id: string, key: string) {
  return redirectWithToast(`/desk/projects/${id}`, {
    type: "success",
    key: `projects:toast.${key}`,
  });
}

function refused(
  intent: ProjectIntent,
  reply: (o?: { formErrors?: string[] }) => SubmissionResult<string[]>,
  failure: { error: string },
) {
  return data<ProjectReply>(
    { intent, result: reply({ formErrors: [ERROR_KEY[failure.error] ?? failure.error] }) },
    { status: statusOf(failure) },
  );
}

export async function runProjectIntent(intent: ProjectIntent, { user, id, form, ip }: Ctx) {
  const meta = { ip };
  switch (intent) {
    case "edit": {
      const s = parseForm(form, { schema: projectSchema });
      if (s.status !== "success") return invalid(intent, s.reply());
      const r = await updateProject(db(), user, id, versionOf(form), s.value, meta);
      return r.ok ? done(id, "saved") : refused(intent, s.reply, r);
    }
    case "stage": {
      const s = parseForm(form, { schema: stageSchema });
      if (s.status !== "success") return invalid(intent, s.reply());
      const r = await moveProject(db(), user, id, versionOf(form), s.value, meta);
      return r.ok ? done(id, "moved") : refused(intent, s.reply, r);
    }
    case "next-step": {
      const s = parseForm(form, { schema: nextStepSchema });
      if (s.status !== "success") return invalid(intent, s.reply());
      const r = await setNextStep(db(), user, id, versionOf(form), s.value, meta);
      return r.ok ? done(id, "nextStep") : refused(intent, s.reply, r);
    }
    case "tranche-add": {
      const s = parseForm(form, { schema: trancheSchema });
      if (s.status !== "success") return invalid(intent, s.reply());
      await addTranche(db(), user, id, s.value, meta);
      return done(id, "trancheAdded");
    }
    case "tranche-remove": {
      const s = parseForm(form, { schema: removeTrancheSchema });
      if (s.status !== "success") return invalid(intent, s.reply());
      const r = await removeTranche(db(), user, id, s.value.trancheId, meta);
      return r.ok ? done(id, "trancheRemoved") : refused(intent, s.reply, r);
    }
  }
}

function invalid(intent: ProjectIntent, result: SubmissionResult<string[]>) {
  return data<ProjectReply>({ intent, result }, { status: 400 });
}
