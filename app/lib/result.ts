/**
 * The one error contract of the domain (ADR 0025). A domain function that can fail for a
 * reason the user should see returns a `Result`: `{ ok: true, ...value }` or
 * `{ ok: false, error, ...details }`, with `error` a camelCase code from a closed union.
 * Throwing is kept for two cases only: the actor may not do this (`Forbidden`) and the
 * record does not exist for this actor (`NotFound`); `app/lib/http.server.ts` maps both,
 * and the common codes, to HTTP.
 */
export type Success<T extends object = object> = { ok: true } & T;
export type Failure<E extends string = string, D extends object = object> = {
  ok: false;
  error: E;
} & D;
export type Result<T extends object = object, E extends string = string, D extends object = object> =
  | Success<T>
  | Failure<E, D>;

export function ok(): Success;
export function ok<T extends object>(value: T): Success<T>;
export function ok<T extends object>(value?: T): Success<T> {
  return { ok: true, ...(value as T) };
}

export function fail<E extends string>(error: E): Failure<E>;
export function fail<E extends string, D extends object>(error: E, details: D): Failure<E, D>;
export function fail<E extends string, D extends object>(error: E, details?: D): Failure<E, D> {
  return { ok: false, error, ...(details as D) };
}

/** The actor may not do this: an authorization failure (HTTP 403). */
export class Forbidden extends Error {
  constructor(message = "Forbidden") {
    super(message);
    this.name = "Forbidden";
  }
}

/** The record does not exist, or the actor may not know that it does (HTTP 404). */
export class NotFound extends Error {
  constructor(message = "Not found") {
    super(message);
    this.name = "NotFound";
  }
}
