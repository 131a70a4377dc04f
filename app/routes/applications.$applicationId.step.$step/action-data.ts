import type { Gap } from "~/incubation/incubation.server";
import type { loader } from "./route";

type Errors = Record<string, string>;

/** What a step's form gets back: a conflict (with what was typed), an error, gaps or an upload error. */
export type ActionData =
  | { kind: "conflict"; values: Record<string, string>; version: number }
  | { kind: "error"; error: string; values?: Record<string, string>; fieldErrors?: Errors }
  | { kind: "gaps"; gaps: Gap[] }
  | { kind: "upload"; fieldErrors: Errors };

/** The application as the page's loader sends it. */
export type CompanyApp = Awaited<ReturnType<typeof loader>>["app"];
