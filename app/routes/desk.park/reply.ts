/** What the desk's action answers to a refused form: which form, why, which fields, what was typed. */
export interface DeskParkReply {
  formKey: string;
  message: string;
  fields: string[];
  values: Record<string, string>;
}
