// theodoi: the little the pages need beyond htmx. Everything works without it.

// Close the user menu (a <details>) on a click elsewhere or on Escape, as menus do.
document.addEventListener("click", (event) => {
  for (const menu of document.querySelectorAll("details.user-menu[open]")) {
    if (!menu.contains(event.target)) menu.removeAttribute("open");
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const menu of document.querySelectorAll("details.user-menu[open]")) {
    menu.removeAttribute("open");
    menu.querySelector("summary")?.focus();
  }
});
