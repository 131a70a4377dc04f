/** The form field of idempotency keys, shared by the form component and the server (ADR 0020). */
export const IDEMPOTENCY_FIELD = "idempotencyKey";
/** What a key looks like: `newIdempotencyKey()` makes 22 characters (and a UUID fits). */
export const KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
