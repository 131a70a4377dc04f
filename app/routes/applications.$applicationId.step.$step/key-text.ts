/** The text of an i18n key that the action sent back (with values such as the size limit). */
export { useKeyText } from "~/i18n/use-translation";
