/**
 * The iCalendar part of a site visit (ADR 0041), written with ical-generator: one VEVENT whose
 * UID stays the visit's for its whole life and whose SEQUENCE goes up on every reschedule or
 * cancellation, so a calendar that has the invitation replaces it (RFC 5546). Times are UTC
 * instants (`...Z`): every calendar shows them in its own zone, the Shanghai wall-clock time
 * is in the description. What people typed goes into properties that ical-generator escapes.
 */
import ical, { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus } from "ical-generator";

export interface VisitCalendarInput {
  uid: string;
  sequence: number;
  startsAt: Date;
  durationMinutes: number;
  summary: string;
  place: string;
  description: string;
  organizer: { name: string; email: string };
  attendees: { name: string; email: string }[];
  cancelled: boolean;
  /** When this version was made (DTSTAMP). */
  stamp?: Date;
  url?: string;
}

export type IcsMethod = "REQUEST" | "CANCEL";

export function visitCalendar(input: VisitCalendarInput): { method: IcsMethod; ics: string } {
  const method = input.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = ical({
    prodId: { company: "Zizhu High-Tech Park", product: "Park Portal", language: "EN" },
    method,
  });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.stamp ?? new Date(),
    start: input.startsAt,
    end: new Date(input.startsAt.getTime() + input.durationMinutes * 60_000),
    summary: input.summary,
    location: input.place,
    description: input.description,
    organizer: input.organizer,
    attendees: input.attendees.map((a) => ({
      name: a.name || undefined,
      email: a.email,
      role: ICalAttendeeRole.REQ,
      rsvp: !input.cancelled,
    })),
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    url: input.url ?? null,
  });
  return { method: input.cancelled ? "CANCEL" : "REQUEST", ics: calendar.toString() };
}

/** The address part of `Name <address>` (or the value itself). */
export function addressOf(from: string): { name: string; email: string } {
  const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  return m ? { name: m[1]!.replace(/^"|"$/g, ""), email: m[2]! } : { name: "", email: from.trim() };
}
