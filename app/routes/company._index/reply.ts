import type { SubmissionResult } from "@conform-to/react";

/** What the company page's action answers to a refused form: its intent, the form's reply or an error key. */
export interface CompanyReply {
  intent: string | null;
  result: SubmissionResult<string[]> | null;
  error: string | null;
}
