/**
 * @mentions in the composer (ADR 0056). Without JavaScript the note is plain text and the
 * server finds "@Name" itself; with it, typing "@" and the start of a name suggests colleagues
 * below the message box (arrow keys, Enter or Tab to choose, Escape to close; or click), and
 * choosing writes "@Name " into the text.
 */
import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { mentionQuery, suggestMentions, type Mentionable } from "~/service-requests/mentions";

interface Open {
  start: number;
  items: Mentionable[];
  active: number;
}

export function MentionArea({
  colleagues,
  enabled,
  children,
}: {
  colleagues: Mentionable[];
  enabled: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation("desk");
  const [open, setOpen] = useState<Open | null>(null);
  const box = useRef<HTMLTextAreaElement | null>(null);
  const skip = useRef(false);

  const onInput = (e: React.FormEvent<HTMLDivElement>) => {
    const el = e.target;
    if (!(el instanceof HTMLTextAreaElement)) return;
    box.current = el;
    if (skip.current || !enabled) {
      setOpen(null);
      return;
    }
    const before = el.value.slice(0, el.selectionStart ?? el.value.length);
    const q = mentionQuery(before);
    const items = q === null ? [] : suggestMentions(q, colleagues);
    setOpen(
      q !== null && items.length ? { start: before.length - q.length - 1, items, active: 0 } : null,
    );
  };

  const choose = (person: Mentionable) => {
    const el = box.current;
    if (!el || !open) return;
    const caret = el.selectionStart ?? el.value.length;
    const text = `@${person.name} `;
    el.value = el.value.slice(0, open.start) + text + el.value.slice(caret);
    const at = open.start + text.length;
    el.setSelectionRange(at, at);
    el.focus();
    setOpen(null);
    // Conform reads the box from its input event; this one is not a new query.
    skip.current = true;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    skip.current = false;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!open || !(e.target instanceof HTMLTextAreaElement)) return;
    const n = open.items.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : n - 1;
      setOpen({ ...open, active: (open.active + step) % n });
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      choose(open.items[open.active]!);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setOpen(null);
    }
  };

  return (
    <div onInput={onInput} onKeyDown={onKeyDown}>
      {children}
      {open ? (
        <ul
          className="sr-mention-list"
          role="listbox"
          aria-label={t("watch.suggestions")}
          data-testid="mention-suggestions"
        >
          {open.items.map((p, i) => (
            <li
              key={p.id}
              role="option"
              aria-selected={i === open.active}
              className={i === open.active ? "is-active" : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(p);
              }}
            >
              @{p.name}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
