import { afterEach, vi } from "vitest";

// A test that logs console.error fails: errors must be expected and asserted, not printed.
// Test files share a worker's modules (`isolate: false`, ADR 0042), so this file runs once per
// test file in the same global scope: console.error is wrapped once, and each file's
// afterEach reads and empties the one list.
const state = globalThis as typeof globalThis & { __consoleErrors?: unknown[][] };
if (!state.__consoleErrors) {
  state.__consoleErrors = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    state.__consoleErrors!.push(args);
    original(...args);
  };
}
afterEach(() => {
  const errors = state.__consoleErrors!.splice(0);
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called: ${String(errors[0]?.[0])}`);
});
