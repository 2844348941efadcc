// theodoi: the bell's unread count and the inbox badge, fetched after the page so that no page
// pays for them; refreshed every two minutes. Plain fetch, not htmx: the counts must never touch
// the requests and swaps of the page itself. Without script the bell is a plain link.
(() => {
  "use strict";
  const REFRESH_MS = 120_000;
  const START_DELAY_MS = 800;

  async function refresh(bell) {
    let response;
    try {
      response = await fetch(bell.dataset.countsUrl, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" });
    } catch {
      return; // offline: keep what is shown
    }
    if (response.status !== 200) return;
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const count = doc.querySelector(".bell__count");
    const current = bell.querySelector(".bell__count");
    if (count && current) current.replaceWith(count);
    const inbox = doc.getElementById("hop-thu-dem");
    const badge = document.getElementById("hop-thu-dem");
    if (inbox && badge) {
      inbox.removeAttribute("hx-swap-oob");
      badge.replaceWith(inbox);
    }
  }

  // Ask only when the page is quiet (no htmx request in flight), so the counts never compete
  // with what the user is doing.
  function whenQuiet(fn) {
    const idle = window.requestIdleCallback || ((cb) => setTimeout(cb, 50));
    const attempt = () => {
      if (document.querySelector(".htmx-request")) setTimeout(attempt, 1000);
      else idle(fn, { timeout: 3000 });
    };
    setTimeout(attempt, START_DELAY_MS);
  }

  function start() {
    const bell = document.querySelector("a.bell[data-counts-url]");
    if (!bell) return;
    whenQuiet(() => refresh(bell));
    setInterval(() => whenQuiet(() => refresh(bell)), REFRESH_MS);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
