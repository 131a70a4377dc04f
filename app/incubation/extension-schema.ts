/**
 * The extension form of the end-of-incubation review (ADR 0055), shared by the server and the
 * page. Its own module, not schema.ts: its messages are staff strings (desk namespace), and
 * schema.ts is read by public incubation pages, which load only their own namespaces (ADR 0057).
 */
import * as z from "zod";
import { multilineText } from "~/lib/text";

/** An extension at the end-of-incubation review (ADR 0055): a later planned end and why. */
export const extensionSchema = z.object({
  intent: z.literal("extend_incubation"),
  plannedEndDate: z
    .string({ error: "desk:extensions.errors.date" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "desk:extensions.errors.date")
    .refine((v) => {
      const t = Date.parse(`${v}T00:00:00Z`);
      return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
    }, "desk:extensions.errors.date"),
  reason: multilineText(4000, {
    min: 1,
    required: "desk:extensions.errors.reasonRequired",
    tooLong: "desk:extensions.errors.tooLong",
  }),
});
export type ExtensionForm = z.infer<typeof extensionSchema>;
