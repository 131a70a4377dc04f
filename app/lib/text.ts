/**
 * Control characters in text that people send (query values, search boxes). PostgreSQL refuses
 * NUL in text outright (a 500 if it gets that far), and the others have no place in a search.
 * Tab, line feed and carriage return are kept. Shared by the browser and the server.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function withoutControlChars(value: string): string {
  return value.replace(CONTROL, "");
}

export function hasControlChars(value: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(value);
  CONTROL.lastIndex = 0;
  return found;
}
