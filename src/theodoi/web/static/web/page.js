// theodoi: what the pages used to say inline, bound by data attributes instead, so that the
// Content-Security-Policy can refuse every inline script, handler and style attribute
// (theodoi.core.security).
//
//   <button data-print>            prints the page (was onclick="window.print()")
//   <div data-rows="34">           sets the CSS variable --rows (a chart's height by its rows)
//   <span data-grow="12">          sets flex-grow (a part of a progress bar, by its count)
//
// Setting a style property from a script is allowed by the policy; a style="" attribute is not.

(() => {
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print]")) window.print();
  });

  const size = (root) => {
    for (const el of root.querySelectorAll("[data-rows]")) el.style.setProperty("--rows", el.dataset.rows);
    for (const el of root.querySelectorAll("[data-grow]")) el.style.flexGrow = el.dataset.grow;
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => size(document));
  } else {
    size(document);
  }
  // Parts swapped in by htmx (the dashboard's filters) carry their own sizes.
  document.addEventListener("htmx:afterSwap", () => size(document));
})();
