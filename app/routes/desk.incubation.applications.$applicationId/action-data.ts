import type { TransitionAction } from "~/incubation/workflow";
import type { loader } from "./route";

/** What the page's forms get back: field errors by name, a form error, the values typed. */
export type ActionData = {
  intent: string;
  errors?: Record<string, string[]>;
  values?: Record<string, string>;
  error?: string;
};

/** Screening buttons: everything staff may do but the two with their own forms (and decisions). */
export const BUTTON_ACTIONS: TransitionAction[] = ["start_screening", "send_to_review"];

/** The application as the page's loader sends it. */
export type StaffApp = Awaited<ReturnType<typeof loader>>["app"];
