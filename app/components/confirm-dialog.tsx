/**
 * A confirmation for something that cannot simply be taken back (issue 16): with JavaScript the
 * trigger opens a modal dialog where the person is; without, the trigger is a link to the same
 * page with `?confirm=<name>`, which renders the dialog open in the page's flow (a confirmation
 * page). The loader reads nothing from the query but the page does: `open` says whether the
 * address asked for it. Cancel closes the dialog (or leads back to the page without the query).
 */
import { Link, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";

/** Whether the address asks for the confirmation named `name` (a page without JavaScript). */
export function useConfirmOpen(name: string): boolean {
  const location = useLocation();
  return new URLSearchParams(location.search).get("confirm") === name;
}

function withoutConfirm(search: string): string {
  const q = new URLSearchParams(search);
  q.delete("confirm");
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function ConfirmTrigger({
  name,
  className,
  children,
}: {
  name: string;
  className?: string;
  children: ReactNode;
}) {
  const location = useLocation();
  const q = new URLSearchParams(location.search);
  q.set("confirm", name);
  return (
    <Link
      to={`${location.pathname}?${q.toString()}`}
      className={className ?? "button button-danger"}
      preventScrollReset
      onClick={(e) => {
        const d = document.getElementById(`confirm-${name}`);
        if (d instanceof HTMLDialogElement && typeof d.showModal === "function") {
          e.preventDefault();
          if (!d.open) d.showModal();
        }
      }}
      data-testid={`confirm-trigger-${name}`}
    >
      {children}
    </Link>
  );
}

export function ConfirmDialog({
  name,
  title,
  cancelLabel,
  children,
}: {
  name: string;
  title: string;
  cancelLabel: string;
  /** The explanation and the form whose submit button confirms. */
  children: ReactNode;
}) {
  const open = useConfirmOpen(name);
  const location = useLocation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    // Server-rendered open (a confirmation page): with JavaScript, a modal in view instead.
    const d = ref.current;
    if (!d || typeof d.showModal !== "function") return;
    d.close();
    if (open) d.showModal();
  }, [open]);
  return (
    <dialog
      ref={ref}
      id={`confirm-${name}`}
      open={open || undefined}
      className="card notice-warning sr-confirm stack"
      aria-labelledby={`confirm-${name}-title`}
    >
      <h2 id={`confirm-${name}-title`}>{title}</h2>
      {children}
      <p>
        <Link
          to={`${location.pathname}${withoutConfirm(location.search)}`}
          preventScrollReset
          onClick={(e) => {
            const d = ref.current;
            if (d?.open && typeof d.close === "function" && !open) {
              e.preventDefault();
              d.close();
            }
          }}
        >
          {cancelLabel}
        </Link>
      </p>
    </dialog>
  );
}
