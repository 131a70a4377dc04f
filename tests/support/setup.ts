import { afterEach, vi } from "vitest";

// A test that logs console.error fails: errors must be expected and asserted, not printed.
const original = console.error;
let logged: unknown[][] = [];
console.error = (...args: unknown[]) => {
  logged.push(args);
  original(...args);
};
afterEach(() => {
  const errors = logged;
  logged = [];
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called: ${String(errors[0]?.[0])}`);
});
