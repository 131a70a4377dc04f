/**
 * Autosave of an answers step (issue 16, with JavaScript): each change schedules a save of the
 * whole step a moment after the person stops typing (a fetcher post, intent "autosave", which
 * answers the new version without leaving the page). While a change is not yet saved, leaving
 * the page asks first (beforeunload), and a link inside the portal waits for the save, then
 * goes. A form submit (save, save and continue, a step tab) waits for a save in flight and
 * posts with the version it answered, so the two never race each other into a conflict.
 */
import {
  useBeforeUnload,
  useBlocker,
  useFetcher,
  useNavigation,
  useSubmit,
} from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";

export const AUTOSAVE_DELAY_MS = 800;

export type AutosaveReply =
  | { kind: "saved"; version: number; savedAt: string }
  | { kind: "conflict"; version: number }
  | { kind: "error"; fieldErrors?: Record<string, string> };

export type AutosaveState = "idle" | "dirty" | "saving" | "saved" | "conflict" | "error";

export function useAutosave(initialVersion: number) {
  const fetcher = useFetcher<AutosaveReply>();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [version, setVersion] = useState(initialVersion);
  const [state, setState] = useState<AutosaveState>("idle");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  /** Changes made since the save in flight was sent. */
  const changedSince = useRef(false);
  /** A form submit waiting for the save in flight. */
  const waiting = useRef<HTMLElement | null>(null);

  useEffect(() => setVersion(initialVersion), [initialVersion]);

  const save = useCallback(() => {
    timer.current = null;
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    data.set("intent", "autosave");
    data.set("version", String(version));
    changedSince.current = false;
    setState("saving");
    fetcher.submit(data, { method: "post" });
  }, [fetcher, version]);

  // A reply: adopt the new version; after a conflict, stop until the person saves by hand.
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    const reply = fetcher.data;
    if (reply.kind === "saved") {
      setVersion(reply.version);
      setSavedAt(reply.savedAt);
      setState(changedSince.current ? "dirty" : "saved");
    } else if (reply.kind === "conflict") {
      setVersion(reply.version);
      setState("conflict");
    } else setState("error");
  }, [fetcher.state, fetcher.data]);

  // A submit that waited for the save in flight goes now, with the version that save answered.
  useEffect(() => {
    if (fetcher.state !== "idle" || !waiting.current || !formRef.current) return;
    const submitter = waiting.current;
    waiting.current = null;
    const form = formRef.current;
    const reply = fetcher.data;
    const latest = reply && reply.kind !== "error" ? reply.version : version;
    const input = form.elements.namedItem("version");
    if (input instanceof HTMLInputElement) input.value = String(latest);
    submit(submitter instanceof HTMLButtonElement ? submitter : form, { method: "post" });
  }, [fetcher.state, fetcher.data, version, submit]);

  const onChange = useCallback(() => {
    if (state === "conflict") return;
    changedSince.current = true;
    setState("dirty");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(save, AUTOSAVE_DELAY_MS);
  }, [save, state]);

  // A form post saves everything itself: while it runs nothing is "unsaved" (its redirect must
  // not be held by the blocker below); when it is over the page shows its outcome.
  const submitting = useRef(false);
  const navigation = useNavigation();
  useEffect(() => {
    if (navigation.state === "idle" && submitting.current) {
      submitting.current = false;
      setState("idle");
    }
  }, [navigation.state]);

  const onSubmit = useCallback(
    (e: FormEvent<HTMLFormElement>) => {
      submitting.current = true;
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
      }
      if (fetcher.state !== "idle") {
        e.preventDefault();
        const native = e.nativeEvent as SubmitEvent;
        waiting.current = native.submitter ?? e.currentTarget;
      }
    },
    [fetcher.state],
  );

  const pending = state === "dirty" || state === "saving";
  useBeforeUnload(
    useCallback(
      (e: BeforeUnloadEvent) => {
        if (!pending) return;
        e.preventDefault();
        // Older browsers show the prompt only when returnValue is set.
        e.returnValue = "";
      },
      [pending],
    ),
  );
  // A link inside the portal while a change is unsaved: save now, then go.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      pending && !submitting.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (state === "dirty") {
      if (timer.current) clearTimeout(timer.current);
      save();
    } else if (state !== "saving") blocker.proceed();
  }, [blocker, state, save]);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (state === "saved" || state === "idle") blocker.proceed();
    // The save was refused: stay, and show why.
    else if (state === "conflict" || state === "error") blocker.reset();
  }, [blocker, state]);

  return { formRef, version, state, savedAt, onChange, onSubmit };
}
