// theodoi: the report form's safety net. The form works without it (plain POST); with it,
// the draft is saved every 30 s while something changed (htmx), and a copy of what was typed
// stays in this browser (localStorage) until the server has it, so a closed tab or an expired
// session loses nothing: after signing in again the form comes back with the typed values.
(() => {
  "use strict";
  const AUTOSAVE_MS = 30_000;
  const CHANGE_DELAY_MS = 2_000;

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function fieldsOf(form) {
    return Array.from(form.elements).filter(
      (el) => el.name && el.name !== "csrfmiddlewaretoken" && el.name !== "version" && el.type !== "file" && el.type !== "submit",
    );
  }

  function snapshot(form) {
    const values = {};
    for (const el of fieldsOf(form)) {
      values[el.name] = el.type === "checkbox" || el.type === "radio" ? el.checked : el.value;
    }
    return values;
  }

  function apply(form, values) {
    for (const el of fieldsOf(form)) {
      if (!(el.name in values)) continue;
      if (el.type === "checkbox" || el.type === "radio") el.checked = Boolean(values[el.name]);
      else el.value = values[el.name];
    }
  }

  function same(a, b) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (String(a[k] ?? "") !== String(b[k] ?? "")) return false;
    return true;
  }

  function time(ms) {
    const d = new Date(ms);
    return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")} ngày ${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;
  }

  function setupReport(article) {
    const form = article.querySelector("#report-form");
    if (!form) return;
    const key = `theodoi:bao-cao:${article.dataset.report}`;
    const editable = article.dataset.editable === "1";
    const versionInput = () => form.querySelector("#report-version");
    const status = () => document.getElementById("trang-thai-luu");
    let dirty = false;
    let stopped = false;
    let typedDuringRequest = false;
    let changeTimer = null;

    const read = () => {
      try { return JSON.parse(localStorage.getItem(key) || "null"); } catch { return null; }
    };
    const keep = () => {
      try {
        localStorage.setItem(key, JSON.stringify({ version: versionInput()?.value, at: Date.now(), values: snapshot(form) }));
      } catch { /* storage full or refused: the server copy still stands */ }
    };
    const drop = () => { try { localStorage.removeItem(key); } catch { /* nothing to drop */ } };

    if (article.dataset.clearLocal === "1" || !editable) drop();
    const stored = read();
    if (editable && stored && stored.values && !same(stored.values, snapshot(form))) {
      const box = document.getElementById("khoi-phuc");
      if (String(stored.version) === String(article.dataset.version)) {
        apply(form, stored.values);
        dirty = true;
        box.innerHTML = `<p>Đã khôi phục nội dung bạn nhập lúc ${time(stored.at)} trên máy này nhưng chưa kịp lưu (ví dụ do phiên đăng nhập hết hạn). Hãy kiểm tra rồi bấm “Lưu nháp”. <button type="button" class="link-button" data-drop>Bỏ bản khôi phục</button></p>`;
      } else {
        box.innerHTML = `<p>Máy này còn một bản nhập lúc ${time(stored.at)} chưa được lưu, nhưng báo cáo trên máy chủ đã thay đổi sau đó. <button type="button" class="button button--small" data-restore>Khôi phục bản trên máy này</button> <button type="button" class="link-button" data-drop>Bỏ</button></p>`;
      }
      box.hidden = false;
      box.addEventListener("click", (event) => {
        if (event.target.closest("[data-restore]")) {
          apply(form, stored.values);
          dirty = true;
          box.innerHTML = "<p>Đã khôi phục. Hãy đối chiếu rồi bấm “Lưu nháp”.</p>";
        } else if (event.target.closest("[data-drop]")) {
          drop();
          window.location.reload();
        }
      });
    }
    if (!editable) return;

    const autosave = () => {
      if (!dirty || stopped || form.classList.contains("htmx-request") || !window.htmx) return;
      dirty = false;
      typedDuringRequest = false;
      const s = status();
      if (s) { s.className = "autosave autosave--saving"; s.textContent = "Đang lưu nháp"; }
      window.htmx.trigger(form, "autosave");
    };
    const touched = () => { dirty = true; typedDuringRequest = true; keep(); };
    form.addEventListener("input", touched);
    form.addEventListener("change", () => {
      touched();
      clearTimeout(changeTimer);
      changeTimer = setTimeout(autosave, CHANGE_DELAY_MS);
    });
    setInterval(autosave, AUTOSAVE_MS);

    document.body.addEventListener("htmx:beforeSwap", (event) => {
      if (event.detail.requestConfig?.elt !== form) return;
      for (const p of form.querySelectorAll(".field__error")) p.textContent = "";
      for (const f of form.querySelectorAll(".field--error")) f.classList.remove("field--error");
    });
    document.body.addEventListener("htmx:afterSettle", (event) => {
      if (event.detail.requestConfig?.elt !== form) return;
      for (const p of form.querySelectorAll(".field__error")) {
        if (p.textContent.trim()) p.closest(".field")?.classList.add("field--error");
      }
      const state = status()?.dataset.state;
      if (state === "saved") {
        if (typedDuringRequest) keep(); else drop();
        article.dataset.version = versionInput()?.value || article.dataset.version;
      } else if (state === "conflict" || state === "expired" || state === "closed") {
        stopped = true;
      }
    });
    document.body.addEventListener("htmx:responseError", (event) => {
      if (event.detail.requestConfig?.elt !== form) return;
      dirty = true;
      const s = status();
      if (s) { s.className = "autosave autosave--expired"; s.textContent = "Chưa tự động lưu được (mất kết nối?). Nội dung vẫn được giữ trên máy này."; }
    });
    document.body.addEventListener("htmx:sendError", (event) => {
      if (event.detail.requestConfig?.elt !== form) return;
      dirty = true;
      const s = status();
      if (s) { s.className = "autosave autosave--expired"; s.textContent = "Mất kết nối: chưa lưu lên máy chủ. Nội dung vẫn được giữ trên máy này."; }
    });

    // A plain save while an autosave is on its way would name an old version: wait for it.
    form.addEventListener("submit", (event) => {
      keep();
      stopped = true;
      if (!form.classList.contains("htmx-request")) return;
      event.preventDefault();
      const submitter = event.submitter;
      form.addEventListener("htmx:afterRequest", () => form.requestSubmit(submitter), { once: true });
    });
  }

  // Proof files: refuse a file over the limit before sending it; clear the picker after an upload.
  document.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.dataset.maxBytes) return;
    const max = Number(input.dataset.maxBytes);
    const file = input.files && input.files[0];
    const slot = document.getElementById(`err-${input.id}`);
    if (slot) slot.textContent = "";
    if (file && file.size > max) {
      if (slot) slot.textContent = `Tệp “${file.name}” lớn quá ${Math.floor(max / 1048576)} MB; hãy nén hoặc gửi đường dẫn tới tệp.`;
      input.value = "";
    }
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    const elt = event.detail.elt;
    if (elt instanceof HTMLFormElement && elt.id.startsWith("up-")) {
      const input = document.querySelector(`input[type=file][form="${elt.id}"]`);
      if (input) input.value = "";
    }
  });

  ready(() => {
    const article = document.querySelector("article.report[data-report]");
    if (article) setupReport(article);
  });
})();
