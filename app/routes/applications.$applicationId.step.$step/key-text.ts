import { useTranslation } from "~/i18n/use-translation";

/** The text of an i18n key that the action sent back (with values such as the size limit). */
export function useKeyText() {
  const { t } = useTranslation();
  return (key: string, values?: Record<string, string>) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- i18n keys from the action
    t(key as any, values as any) as string;
}
