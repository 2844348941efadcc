// theodoi: plan import pages. The forms work without this; it adds drag-and-drop, the
// source lines lit beside the cell being looked at, agency chips and a few confirmations.
(() => {
  "use strict";

  // --- upload: drop a file on the zone, show its name -------------------------------------------
  const showName = (input) => {
    const label = input.form?.querySelector("[data-file-name]");
    if (label) label.textContent = input.files.length ? `Đã chọn: ${input.files[0].name}` : "";
  };
  document.addEventListener("change", (event) => {
    if (event.target.matches(".dropzone__input")) showName(event.target);
  });
  for (const type of ["dragenter", "dragover"]) {
    document.addEventListener(type, (event) => {
      const zone = event.target.closest?.("[data-dropzone]");
      if (!zone) return;
      event.preventDefault();
      zone.classList.add("is-over");
    });
  }
  document.addEventListener("dragleave", (event) => {
    event.target.closest?.("[data-dropzone]")?.classList.remove("is-over");
  });
  document.addEventListener("drop", (event) => {
    const zone = event.target.closest?.("[data-dropzone]");
    if (!zone) return;
    event.preventDefault();
    zone.classList.remove("is-over");
    const input = document.getElementById(zone.htmlFor);
    if (input && event.dataTransfer?.files.length) {
      input.files = event.dataTransfer.files;
      showName(input);
    }
  });

  // --- confirmations for plain forms --------------------------------------------------------------
  document.addEventListener("submit", (event) => {
    const message = event.target.dataset?.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // --- the draft's version: every write names the one the page last saw -----------------------
  document.addEventListener("htmx:configRequest", (event) => {
    const current = document.getElementById("phien-ban");
    const data = event.detail.formData;
    if (current && data?.has("version")) data.set("version", current.value);
  });

  // --- source lines lit for the cell looked at ------------------------------------------------------
  const lightLines = (cell) => {
    const pane = document.querySelector("[data-source-lines]");
    if (!pane || !cell) return;
    for (const lit of pane.querySelectorAll(".is-lit")) lit.classList.remove("is-lit");
    const numbers = (cell.dataset.lines || "").split(",").filter(Boolean);
    let first = null;
    for (const n of numbers) {
      const line = document.getElementById(`dong-${n}`);
      if (!line) continue;
      line.classList.add("is-lit");
      first ??= line;
    }
    const scroller = pane.closest(".review__source");
    if (first && scroller && getComputedStyle(scroller).overflowY !== "visible") {
      scroller.scrollTo({ top: first.offsetTop - scroller.clientHeight / 3, behavior: "smooth" });
    }
  };
  document.addEventListener("click", (event) => {
    const cell = event.target.closest?.(".review__tables [data-lines]");
    if (cell && cell.dataset.lines) lightLines(cell);
  });
  const focusOpenCell = () => {
    const open = document.querySelector(".review__tables .cell--editing");
    if (!open) return;
    lightLines(open);
    open.scrollIntoView({ block: "center" });
    open.querySelector("textarea, input:not([type=hidden]), select")?.focus({ preventScroll: true });
  };
  document.addEventListener("DOMContentLoaded", focusOpenCell);
  document.addEventListener("htmx:afterSettle", (event) => {
    if (event.detail.target?.id === "bang") focusOpenCell();
    else if (event.detail.target?.classList?.contains("cell--editing")) lightLines(event.detail.target);
  });

  // --- agency chips: add from the suggestions (or as typed), remove with × --------------------------
  const addChip = (form, name) => {
    const list = form.querySelector("[data-chips]");
    if (!list || !name.trim()) return;
    const exists = [...list.querySelectorAll("input[name=value]")].some((i) => i.value === name);
    if (!exists) {
      const item = document.createElement("li");
      item.className = "chip";
      const hidden = Object.assign(document.createElement("input"), { type: "hidden", name: "value", value: name });
      const text = Object.assign(document.createElement("span"), { textContent: name });
      const remove = Object.assign(document.createElement("button"), {
        type: "button",
        className: "chip__remove",
        textContent: "×",
      });
      remove.dataset.removeChip = "";
      remove.setAttribute("aria-label", `Bỏ ${name}`);
      item.append(hidden, text, " ", remove);
      list.append(item);
    }
    const search = form.querySelector("[data-typeahead]");
    if (search) {
      search.value = "";
      search.focus();
    }
    const box = form.querySelector(".suggest");
    if (box) box.textContent = "";
  };
  document.addEventListener("click", (event) => {
    const pick = event.target.closest?.("[data-add-chip]");
    if (pick) {
      addChip(pick.closest("form"), pick.dataset.addChip);
      return;
    }
    const remove = event.target.closest?.("[data-remove-chip]");
    if (remove) {
      const form = remove.closest("form");
      remove.closest(".chip")?.remove();
      form?.querySelector("[data-typeahead]")?.focus();
      return;
    }
    const dismiss = event.target.closest?.("[data-dismiss-row]");
    if (dismiss) dismiss.closest("tr")?.remove();
  });
  // Escape in an open editor gives the cell back unchanged (its "Hủy" button).
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const form = event.target.closest?.(".cell-form");
    form?.querySelector(".cell-form__actions .button--quiet")?.click();
  });

  // Enter in the type-ahead picks the first suggestion instead of saving half a list.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !event.target.matches?.("[data-typeahead]")) return;
    event.preventDefault();
    const form = event.target.closest("form");
    const first = form.querySelector(".suggest [data-add-chip]");
    if (first) addChip(form, first.dataset.addChip);
  });

  // --- split: the cursor in the text says where to cut --------------------------------------------
  const syncSplit = (event) => {
    const text = event.target.closest?.("[data-split-text]");
    if (!text) return;
    const at = text.form.querySelector("[data-split-at]");
    if (at && text.selectionStart > 0) at.value = text.selectionStart;
  };
  for (const type of ["click", "keyup", "select"]) document.addEventListener(type, syncSplit);

  // --- close an open row menu when clicking elsewhere, or once an action is chosen -------------------
  document.addEventListener("click", (event) => {
    const chosen = event.target.closest?.(".row-menu__panel button");
    for (const menu of document.querySelectorAll("details.row-menu[open]")) {
      if (!menu.contains(event.target) || (chosen && menu.contains(chosen))) menu.removeAttribute("open");
    }
  });
})();
