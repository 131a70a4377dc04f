import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { useRootData } from "~/lib/root-data";
import { Toast } from "./toast";
import { VerifyBanner } from "./verify-banner";

/** The page frame: skip link, header with navigation and language switch, main, footer. */
export function Shell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const { t: tIncubation } = useTranslation("incubation");
  const { t: tServices } = useTranslation("services");
  const { t: tNotifications } = useTranslation("notifications");
  const { t: tInvestor } = useTranslation("investor");
  const root = useRootData();
  const user = root?.user ?? null;
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  // After moving to another page in the app (not on the first load, not when only the query
  // changes, e.g. a filter), focus goes to the page's content as after a full page load with
  // the skip link: keyboard and screen-reader users start on the new page, not on a link
  // that is gone.
  const firstPath = useRef(location.pathname);
  useEffect(() => {
    if (firstPath.current === location.pathname) return;
    firstPath.current = "";
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [location.pathname]);
  const isParkSide = !!user?.roles.length;

  return (
    <>
      <a className="skip-link" href="#main">
        {t("site.skipToContent")}
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              紫
            </span>
            <span className="brand-text">
              <span className="brand-name">{t("site.parkName")}</span>
              <span className="brand-tagline">{t("site.tagline")}</span>
            </span>
          </Link>
          <details
            className="nav-toggle"
            open={menuOpen}
            onToggle={(e) => setMenuOpen(e.currentTarget.open)}
          >
            <summary aria-label={t("nav.menu")}>
              <span aria-hidden="true">☰</span>{" "}
              <span className="nav-toggle-label">{t("nav.menu")}</span>
            </summary>
          </details>
          <nav aria-label={t("nav.main")} className={`site-nav${menuOpen ? " is-open" : ""}`}>
            <ul>
              <li>
                <NavLink to="/news">{t("nav.news")}</NavLink>
              </li>
              <li>
                <NavLink to="/park">{t("nav.park")}</NavLink>
              </li>
              <li>
                <NavLink to="/incubation">{t("nav.incubation")}</NavLink>
              </li>
              <li>
                <NavLink to="/services">{t("nav.services")}</NavLink>
              </li>
            </ul>
            <ul className="nav-secondary">
              {user ? (
                <>
                  {isParkSide ? (
                    <li>
                      <NavLink to="/desk">{t("nav.desk")}</NavLink>
                    </li>
                  ) : null}
                  <li>
                    <NotificationsLink unread={root?.unread ?? 0} label={tNotifications("title")} />
                  </li>
                  <li>
                    <UserMenu name={user.name}>
                      {root?.investor ? (
                        <li>
                          <NavLink to="/projects">{tInvestor("list.title")}</NavLink>
                        </li>
                      ) : null}
                      {user.company ? (
                        <li>
                          <NavLink to="/applications">{tIncubation("dashboard.title")}</NavLink>
                        </li>
                      ) : null}
                      {user.company ? (
                        <li>
                          <NavLink to="/requests">{tServices("list.title")}</NavLink>
                        </li>
                      ) : null}
                      {/* Park staff work for the park: no company link unless they have one. */}
                      {user.company || !isParkSide ? (
                        <li>
                          <NavLink to="/company">{t("nav.company")}</NavLink>
                        </li>
                      ) : null}
                      <li>
                        <NavLink to="/account">{t("nav.account")}</NavLink>
                      </li>
                      <li>
                        <Form method="post" action="/logout">
                          <button type="submit" className="link-button">
                            {t("nav.signOut")}
                          </button>
                        </Form>
                      </li>
                    </UserMenu>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/login">{t("nav.signIn")}</NavLink>
                  </li>
                  <li>
                    <Link to="/signup" className="button button-small">
                      {t("nav.signUp")}
                    </Link>
                  </li>
                </>
              )}
              <li>
                <LanguageSwitch />
              </li>
            </ul>
          </nav>
        </div>
      </header>
      {root?.toast ? <Toast toast={root.toast} /> : null}
      <main id="main" tabIndex={-1}>
        <VerifyBanner />
        {children}
      </main>
      <footer className="site-footer">
        <div className="container footer-inner">
          <div>
            <p className="footer-brand">{t("site.parkName")}</p>
            <p className="muted">{t("footer.about")}</p>
            <p className="muted">{t("footer.address")}</p>
          </div>
          <ul className="footer-links">
            <li>
              <Link to="/news">{t("nav.news")}</Link>
            </li>
            <li>
              <Link to="/park">{t("nav.park")}</Link>
            </li>
            <li>
              <Link to="/incubation">{t("nav.incubation")}</Link>
            </li>
            <li>
              <Link to="/services">{t("nav.services")}</Link>
            </li>
            <li>
              <Link to="/help">{t("nav.help")}</Link>
            </li>
            {root?.mailbox ? (
              <li>
                <Link to="/dev/mailbox">{t("nav.mailbox")}</Link>
              </li>
            ) : null}
          </ul>
        </div>
        <div className="container footer-bottom muted">
          © {new Date().getFullYear()} {t("footer.rights")}
        </div>
      </footer>
    </>
  );
}

/**
 * The signed-in person's links (their company, requests, applications, account, sign out) in a
 * disclosure: a native <details>, so it opens and closes with a click, Enter or Space without
 * JavaScript. With JavaScript it also closes on Escape (focus back on its button), on a click
 * outside and after moving to another page. It is a list of links, not an ARIA menu: Tab walks
 * through it like any other links.
 */
export function UserMenu({ name, children }: { name: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.pathname]);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || !details.open) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    };
    const onClick = (e: MouseEvent) => {
      if (details.open && e.target instanceof Node && !details.contains(e.target))
        details.open = false;
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, []);
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? "?";
  return (
    <details className="user-menu" ref={ref}>
      <summary>
        <span className="user-avatar" aria-hidden="true">
          {initial}
        </span>
        <span className="user-menu-name">{name}</span>
        <span className="visually-hidden">{t("nav.userMenu")}</span>
        <svg
          className="user-menu-caret"
          viewBox="0 0 12 12"
          width="12"
          height="12"
          aria-hidden="true"
        >
          <path d="M2 4l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.75" />
        </svg>
      </summary>
      <ul className="user-menu-panel">{children}</ul>
    </details>
  );
}

/** The bell: a link to /notifications with the unread count as a badge (named for readers). */
export function NotificationsLink({ unread, label }: { unread: number; label: string }) {
  const { t } = useTranslation();
  const shown = unread >= 100 ? "99+" : String(unread);
  return (
    <NavLink
      to="/notifications"
      className="nav-icon-link"
      aria-label={unread > 0 ? t("nav.notificationsUnread", { label, unread: shown }) : label}
    >
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" className="icon">
        <path
          d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15L6 16zM10 20a2 2 0 0 0 4 0"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.75"
          strokeLinejoin="round"
        />
      </svg>
      <span className="nav-icon-text">{label}</span>
      {unread > 0 ? (
        <span className="unread-badge" aria-hidden="true">
          {shown}
        </span>
      ) : null}
    </NavLink>
  );
}

/** A form, so the switch works without JavaScript; remembered in a cookie and the profile. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const next = i18n.language === "zh-CN" ? "en" : "zh-CN";
  return (
    // A document load: the browser holds one language's strings (entry.client.tsx).
    <Form method="post" action="/language" className="lang-switch" reloadDocument>
      <input type="hidden" name="locale" value={next} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button
        type="submit"
        className="link-button"
        lang={next}
        aria-label={`${t("language.label")}: ${t(`language.${next}`)}`}
      >
        <span aria-hidden="true">文/A</span> {t("language.switchTo")}
      </button>
    </Form>
  );
}

/** The heading of a table's column of buttons and links: named for screen readers, not shown. */
export function ActionsHeader() {
  const { t } = useTranslation("common");
  return (
    <th scope="col">
      <span className="visually-hidden">{t("table.actions")}</span>
    </th>
  );
}
