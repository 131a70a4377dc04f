/** A refused publishing step or cover upload: which form, the error key, what was typed. */
export type ActionError = {
  kind: "actionError";
  intent: string;
  error: string;
  fields?: Record<string, string>;
};
