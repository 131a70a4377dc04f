/**
 * The shape another language must give for the English strings: the same keys, any text. Plural
 * forms other than `_other` are optional, since languages differ in which forms they have
 * (Chinese has only `_other`; i18next picks the form with Intl.PluralRules).
 */
type PluralOnly = `${string}_${"zero" | "one" | "two" | "few" | "many"}`;
export type Translation<T> = {
  [K in keyof T as K extends PluralOnly ? never : K]: T[K] extends string
    ? string
    : Translation<T[K]>;
} & {
  [K in keyof T as K extends PluralOnly ? K : never]?: string;
};
