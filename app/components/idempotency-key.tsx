/**
 * The hidden `idempotencyKey` of a create or reply form (issue 11, ADR 0020): put
 * `<IdempotencyKey />` inside the form (first, in a multipart form) and run the route's action
 * through `idempotent(post, args)` (app/forms/idempotency.server.ts). A second post of the same
 * form (a double click, a retry, back and resubmit) then answers the first post's redirect and
 * creates nothing.
 *
 * One key per form instance: made at render (the server's, kept on hydration), and a new one
 * after every navigation, so the next reply on the same page is a new post.
 */
import { useLocation } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { IDEMPOTENCY_FIELD } from "~/lib/idempotency";

/** 128 random bits, base64url (works outside secure contexts, unlike `randomUUID`). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

let hydrated = false;

function initialKey(id: string): string {
  if (typeof document !== "undefined" && !hydrated) {
    // Hydrating: keep the key the server rendered (the page may already be posting it).
    const el = document.getElementById(id);
    if (el instanceof HTMLInputElement && el.value) return el.value;
  }
  return newIdempotencyKey();
}

export function IdempotencyKey() {
  const id = useId();
  const { key: navigation } = useLocation();
  const [state, setState] = useState(() => ({ navigation, value: initialKey(id) }));
  if (state.navigation !== navigation) setState({ navigation, value: newIdempotencyKey() });
  useEffect(() => {
    hydrated = true;
  }, []);
  return <input type="hidden" id={id} name={IDEMPOTENCY_FIELD} value={state.value} />;
}
