// Keyboard shortcuts of the review screen. j/k: next/previous bead, a: accept, e: edit,
// Ctrl+Enter: save the edit (or the flag), f: flag, c: comment, u: undo, [ ]: pages, Esc: leave a field.
(() => {
  const typing = (el) =>
    !!el && (el.isContentEditable || ["TEXTAREA", "SELECT"].includes(el.tagName) ||
      (el.tagName === "INPUT" && !["checkbox", "radio", "button", "submit"].includes(el.type)));
  const rows = () => Array.from(document.querySelectorAll("#wb-review-table tr[data-bead]"));
  const field = (id) => document.querySelector(`#${id} textarea, #${id} input`);
  const press = (id) => {
    const el = document.getElementById(id);
    (el && el.tagName === "BUTTON" ? el : el?.querySelector("button"))?.click();
  };
  const pick = (row) => {
    if (!row) return;
    rows().forEach((r) => r.classList.toggle("wb-selected", r === row));
    row.scrollIntoView({ block: "nearest" });
    const box = field("wb-bead-pick");
    if (!box || box.value === row.dataset.bead) return;
    box.value = row.dataset.bead;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const move = (step) => {
    const all = rows();
    if (!all.length) return;
    const now = all.findIndex((r) => r.classList.contains("wb-selected"));
    pick(all[now < 0 ? 0 : Math.min(all.length - 1, Math.max(0, now + step))]);
  };
  const focus = (...ids) => {
    for (const id of ids) {
      const el = field(id);
      if (el && el.offsetParent !== null) {
        el.focus();
        if (el.setSelectionRange) el.setSelectionRange(el.value.length, el.value.length);
        return;
      }
    }
  };
  document.addEventListener("click", (ev) => {
    const row = ev.target.closest && ev.target.closest("#wb-review-table tr[data-bead]");
    if (row) pick(row);
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      const where = ev.target.closest && ev.target.closest("#wb-editor, #wb-flagger, #wb-commenter");
      if (where) {
        ev.preventDefault();
        press({ "wb-editor": "wb-save", "wb-flagger": "wb-flag", "wb-commenter": "wb-comment" }[where.id]);
      }
      return;
    }
    if (ev.key === "Escape" && typing(document.activeElement)) {
      document.activeElement.blur();
      return;
    }
    if (typing(ev.target) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const keys = {
      j: () => move(1),
      k: () => move(-1),
      a: () => press("wb-accept"),
      e: () => focus("wb-edit-1", "wb-edit-0"),
      f: () => focus("wb-flag-comment"),
      c: () => focus("wb-comment-text"),
      u: () => press("wb-undo"),
      m: () => press("wb-merge"),
      "]": () => press("wb-next-page"),
      "[": () => press("wb-prev-page"),
    };
    const table = document.getElementById("wb-review-table");
    if (keys[ev.key] && table && table.offsetParent !== null) {
      ev.preventDefault();
      keys[ev.key]();
    }
  });
})();
