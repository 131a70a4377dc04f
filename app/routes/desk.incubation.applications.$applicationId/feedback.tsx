import { useErrorText } from "~/components/forms";
import type { ActionData } from "./action-data";

/** Field errors and the form error of the form that was posted (`intent`), for each part. */
export function useFeedback(actionData: ActionData | undefined) {
  const errorText = useErrorText();
  const errs = (intent: string, name: string) =>
    actionData?.intent === intent ? (actionData.errors?.[name] ?? []) : [];
  const formError = (intent: string) =>
    actionData?.intent === intent && actionData.error ? (
      <p className="notice notice-danger" role="alert">
        {errorText(actionData.error)}
      </p>
    ) : null;
  const values = (...intents: string[]) =>
    actionData && intents.includes(actionData.intent) ? actionData.values : undefined;
  return { errs, formError, values, errorText };
}
export type Feedback = ReturnType<typeof useFeedback>;

/** A field's error lines under it. */
export function ErrorLines({ errors, feedback }: { errors: string[]; feedback: Feedback }) {
  return (
    <div className="field-errors">
      {errors.map((e) => (
        <p key={e}>{feedback.errorText(e)}</p>
      ))}
    </div>
  );
}
