/**
 * The incubatee's mentors on the desk's incubatee page (ADR 0049): who they are, a remove
 * button each, and a plain form to assign one of the people with the mentor role.
 */
import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";

interface Person {
  id: string;
  name: string;
  email: string;
}

export function MentorsSection({
  mentors,
  candidates,
}: {
  mentors: readonly Person[];
  candidates: readonly Person[];
}) {
  const { t: td } = useTranslation("desk");
  const assigned = new Set(mentors.map((m) => m.id));
  const free = candidates.filter((c) => !assigned.has(c.id));
  return (
    <section className="card stack" aria-labelledby="mentors-heading" data-testid="mentors">
      <h2 id="mentors-heading">{td("mentors.title")}</h2>
      <p className="muted">{td("mentors.lead")}</p>
      {mentors.length ? (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {mentors.map((m) => (
            <li key={m.id} className="row">
              <span>
                {m.name} · {m.email}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="remove_mentor" />
                <input type="hidden" name="mentorId" value={m.id} />
                <SubmitButton className="button button-secondary">
                  {td("mentors.remove", { name: m.name })}
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{td("mentors.none")}</p>
      )}
      {candidates.length ? (
        free.length ? (
          <Form method="post" className="form-stack">
            <input type="hidden" name="intent" value="assign_mentor" />
            <div className="field">
              <label htmlFor="mentor-id">{td("mentors.choose")}</label>
              <select id="mentor-id" name="mentorId" required>
                {free.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} · {c.email}
                  </option>
                ))}
              </select>
            </div>
            <SubmitButton className="button">{td("mentors.assign")}</SubmitButton>
          </Form>
        ) : null
      ) : (
        <p className="muted">{td("mentors.noCandidates")}</p>
      )}
    </section>
  );
}
