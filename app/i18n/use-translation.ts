import type { FlatNamespace, i18n as I18n, TFunction } from "i18next";
import { useContext } from "react";
import { type FallbackNs, getI18n, I18nContext, type UseTranslationResponse } from "react-i18next";

/**
 * `useTranslation` for this app's i18next setup: one instance per language, made once, whose
 * language never changes and whose resources are all bundled (app/i18n/i18n.ts). react-i18next's
 * hook is built for instances that change language and load namespaces: on every call it copies
 * the instance's property descriptors into a wrapper, makes a new fixed `t` and sets up
 * subscriptions, which on the server is repeated for every component of every render (about a
 * twentieth of an uncached page's server time, docs/performance.md). Here the fixed `t` of each
 * instance and namespace is made once and returned as is; a language switch renders with the
 * other language's instance (root.tsx), which has its own.
 */
const fixedTs = new WeakMap<I18n, Map<string, TFunction>>();

export function useTranslation<const Ns extends FlatNamespace | undefined = undefined>(
  ns?: Ns,
): UseTranslationResponse<FallbackNs<Ns>, undefined> {
  const i18n = useContext(I18nContext)?.i18n ?? getI18n();
  let byNs = fixedTs.get(i18n);
  if (!byNs) fixedTs.set(i18n, (byNs = new Map()));
  const key = ns ?? "";
  let t = byNs.get(key);
  if (!t) {
    t = i18n.getFixedT(null, ns ?? null) as TFunction;
    byNs.set(key, t);
  }
  const response = [t, i18n, true] as unknown as UseTranslationResponse<FallbackNs<Ns>, undefined>;
  response.t = t as UseTranslationResponse<FallbackNs<Ns>, undefined>["t"];
  response.i18n = i18n;
  response.ready = true;
  return response;
}

/** `t` for a key known only at run time: an action's error, a toast, a schema's field error. */
export type KeyText = (key: string, values?: Record<string, string | number>) => string;

/**
 * The text of an i18n key that arrives as a string at run time (`"ns:key"`, or a key of `ns`),
 * with its values. The typed `t` of `useTranslation` accepts only keys it knows at compile time;
 * this is the one place that lets a plain string through.
 */
export function useKeyText<const Ns extends FlatNamespace | undefined = undefined>(
  ns?: Ns,
): KeyText {
  const { t } = useTranslation(ns);
  const untyped = t as unknown as (
    key: string,
    options?: Record<string, string | number>,
  ) => string;
  return (key, values) => untyped(key, values);
}
