import { describe, expect, it } from "vitest";
import {
  canTransition,
  nextStates,
  STATES,
  TRANSITIONS,
  type RequestState,
  type WorkflowActor,
} from "./workflow";

// The expected table, written out independently of TRANSITIONS: [from, to, actors allowed].
const ALLOWED: [RequestState, RequestState, WorkflowActor[]][] = [
  ["new", "triaged", ["staff"]],
  ["new", "in_progress", ["staff"]],
  ["new", "waiting_on_requester", ["staff"]],
  ["new", "closed", ["staff", "requester"]],
  ["triaged", "in_progress", ["staff"]],
  ["triaged", "waiting_on_requester", ["staff"]],
  ["triaged", "waiting_on_third_party", ["staff"]],
  ["triaged", "resolved", ["staff"]],
  ["triaged", "closed", ["staff", "requester"]],
  ["in_progress", "waiting_on_requester", ["staff"]],
  ["in_progress", "waiting_on_third_party", ["staff"]],
  ["in_progress", "resolved", ["staff"]],
  ["in_progress", "closed", ["staff", "requester"]],
  ["waiting_on_requester", "in_progress", ["staff", "requester"]],
  ["waiting_on_requester", "waiting_on_third_party", ["staff"]],
  ["waiting_on_requester", "resolved", ["staff"]],
  ["waiting_on_requester", "closed", ["staff", "requester"]],
  ["waiting_on_third_party", "in_progress", ["staff"]],
  ["waiting_on_third_party", "waiting_on_requester", ["staff"]],
  ["waiting_on_third_party", "resolved", ["staff"]],
  ["waiting_on_third_party", "closed", ["staff", "requester"]],
  ["resolved", "closed", ["staff", "requester", "system"]],
  ["resolved", "reopened", ["staff", "requester"]],
  ["closed", "reopened", ["staff", "requester"]],
  ["reopened", "in_progress", ["staff"]],
  ["reopened", "waiting_on_requester", ["staff"]],
  ["reopened", "waiting_on_third_party", ["staff"]],
  ["reopened", "resolved", ["staff"]],
  ["reopened", "closed", ["staff", "requester"]],
];
const ACTORS: WorkflowActor[] = ["staff", "requester", "system"];

describe("service request workflow", () => {
  for (const from of STATES) {
    for (const to of STATES) {
      for (const by of ACTORS) {
        const row = ALLOWED.find(([f, t]) => f === from && t === to);
        const allowed = !!row && row[2].includes(by);
        it(`${allowed ? "allows" : "refuses"} ${from} -> ${to} by ${by}`, () => {
          expect(canTransition(from, to, by)).toBe(allowed);
        });
      }
    }
  }

  it("has no duplicate rows and no self-transitions", () => {
    const keys = TRANSITIONS.map((t) => `${t.from}>${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(TRANSITIONS.some((t) => t.from === t.to)).toBe(false);
  });

  it("offers a requester only closing, reopening and answering", () => {
    expect(nextStates("new", "requester")).toEqual(["closed"]);
    expect(nextStates("waiting_on_requester", "requester")).toEqual(["in_progress", "closed"]);
    expect(nextStates("resolved", "requester")).toEqual(["closed", "reopened"]);
    expect(nextStates("closed", "requester")).toEqual(["reopened"]);
  });

  it("lets the worker only auto-close a resolved request", () => {
    const system = TRANSITIONS.filter((t) => t.by.includes("system"));
    expect(system).toEqual([
      { from: "resolved", to: "closed", by: ["staff", "requester", "system"] },
    ]);
  });
});
