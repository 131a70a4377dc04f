/**
 * Saved views of the project table (ADR 0047): the one schema of the save and rename forms,
 * read by the action and shown by the page. Messages are i18n keys. No server imports.
 */
import * as z from "zod";
import { text } from "~/lib/text";

export const VIEW_NAME_MAX = 80;
/** Views one person may keep: the menu stays a menu. */
export const MAX_VIEWS_PER_PERSON = 50;

export const viewSchema = z.object({
  name: text(VIEW_NAME_MAX, {
    min: 1,
    required: "projects:views.errors.name",
    tooLong: "projects:views.errors.tooLong",
  }),
  shared: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
});
export type ViewInput = z.infer<typeof viewSchema>;
