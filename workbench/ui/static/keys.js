// Keyboard shortcuts of the review screen, as in CAT tools. j/k: next/previous bead, n: next
// unreviewed bead, q: next bead with a QA finding, a: accept, e: edit, Ctrl+Enter: confirm the
// bead and go to the next one (in the flag or comment box: flag, comment), s: mark the words
// selected in a cell as an MQM error, d: dismiss the bead's QA finding (type why, then Enter),
// i: put the best memory match in the edit box (1-5: that match; not saved until Save/confirm),
// f: flag, c: comment, u: undo, [ ]: pages, Esc: leave a field.
// After an action the focus comes back where the reviewer works: the edit box of the bead now
// chosen after Ctrl+Enter, the box they were in after any other action.
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
  const send = (id, value) => {
    const box = field(id);
    if (!box) return;
    box.value = value;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const pick = (row) => {
    if (!row) return;
    rows().forEach((r) => r.classList.toggle("wb-selected", r === row));
    row.scrollIntoView({ block: "nearest" });
    const box = field("wb-bead-pick");
    if (!box || box.value === row.dataset.bead) return;
    send("wb-bead-pick", row.dataset.bead);
  };
  const move = (step) => {
    const all = rows();
    if (!all.length) return;
    const now = all.findIndex((r) => r.classList.contains("wb-selected"));
    pick(all[now < 0 ? 0 : Math.min(all.length - 1, Math.max(0, now + step))]);
  };
  // What "next with a QA finding" looks for in a row: its QA cell (ui/columns.py) says how many
  // findings are in effect in data-findings.
  const hasFindings = (row) => Number(row.querySelector("td.wb-qa")?.dataset.findings || 0) > 0;
  const wanted = { unreviewed: (row) => row.classList.contains("wb-auto"), qa: hasFindings };
  let reveal = false; // a point of the path picture was clicked: show its row when it comes
  let seeking = null; // {kind, page}: looking on the next page for what this one lacked
  const seek = (kind) => {
    const all = rows();
    const now = all.findIndex((r) => r.classList.contains("wb-selected"));
    const found = all.slice(now + 1).find(wanted[kind]);
    if (found) return pick(found);
    const table = document.querySelector("#wb-review-table .wb-table");
    if (table) {
      seeking = { kind, page: table.dataset.page };
      press("wb-next-page");
    }
  };
  const focus = (...ids) => {
    for (const id of ids) {
      if (id === ROW) {  // the chosen row: the table's keys work from there
        const row = document.querySelector("#wb-review-table tr.wb-selected");
        if (row) { row.focus({ preventScroll: true }); return true; }
        continue;
      }
      const el = field(id);
      if (el && el.offsetParent !== null) {
        el.focus();
        if (el.setSelectionRange) el.setSelectionRange(el.value.length, el.value.length);
        return true;
      }
    }
    return false;
  };
  const ROW = "@row";
  const EDIT_BOXES = ["wb-edit-1", "wb-edit-0"];
  // Where the focus goes back to when the answer to an action arrives.
  let returnTo = null;
  const remember = (ids) => { returnTo = ids; };
  const settle = () => {
    if (!returnTo) return;
    const ids = returnTo;
    returnTo = null;
    // Gradio fills the boxes in the same update; wait a frame so the caret lands after the text.
    requestAnimationFrame(() => requestAnimationFrame(() => focus(...ids)));
  };
  const watch = () => {
    const panel = document.getElementById("wb-panel");
    const table = document.getElementById("wb-review-table");
    if (!panel || !table) return setTimeout(watch, 300);
    new MutationObserver(settle).observe(panel, { childList: true, subtree: true, characterData: true });
    const message = document.getElementById("wb-message");
    if (message) new MutationObserver(settle).observe(message, { childList: true, subtree: true });
    new MutationObserver(() => {
      const chosen = table.querySelector("tr.wb-selected");
      if (reveal && chosen) {
        reveal = false;
        chosen.scrollIntoView({ block: "center" });
      }
      const shown = table.querySelector(".wb-table");
      if (!seeking || !shown || shown.dataset.page === seeking.page) return;
      const kind = seeking.kind;
      seeking = null;
      const found = rows().find(wanted[kind]);
      if (found) pick(found);
    }).observe(table, { childList: true, subtree: true });
  };
  watch();
  // The words selected in one text cell: its bead, column and character offsets in its text.
  const selectedWords = () => {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    const cell = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest("td.wb-text[data-column]");
    const td = cell(range.startContainer);
    if (!td || td !== cell(range.endContainer) || td.classList.contains("wb-mt")) return null;
    const before = document.createRange();
    before.selectNodeContents(td);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const text = range.toString();
    return {
      bead: Number(td.closest("tr[data-bead]").dataset.bead), column: Number(td.dataset.column),
      lang: td.getAttribute("lang"), start, end: start + text.length, text,
    };
  };
  // A memory match into the edit box: the server looks the match up again for the chosen bead.
  const insertMatch = (place) => {
    if (!document.querySelector("#wb-review-table tr.wb-selected")) return;
    remember(["wb-edit-1"]);
    send("wb-match-key", place + "@" + Date.now());
  };
  const markSelection = () => {
    const chosen = selectedWords();
    if (!chosen) return false;
    const row = document.querySelector(`#wb-review-table tr[data-bead="${chosen.bead}"]`);
    if (row && !row.classList.contains("wb-selected")) pick(row);
    send("wb-span-pick", JSON.stringify(chosen));
    return true;
  };
  document.addEventListener("click", (ev) => {
    const target = ev.target;
    const remove = target.closest && target.closest(".wb-span-remove[data-span]");
    if (remove) {
      ev.preventDefault();
      remember([ROW]);
      return send("wb-span-drop", remove.dataset.span + "@" + Date.now());
    }
    const point = target.closest && target.closest("#wb-path a");
    if (point) {
      ev.preventDefault();
      const href = point.getAttribute("href") || point.getAttribute("xlink:href") || "";
      const bead = href.match(/^#bead-(\d+)$/);
      if (bead) {
        reveal = true;
        send("wb-path-pick", bead[1] + "@" + Date.now());
      }
      return;
    }
    if (target.closest && target.closest("#wb-confirm")) remember(EDIT_BOXES);
    if (target.closest && target.closest("#wb-span-add")) remember([ROW]);
    const row = target.closest && target.closest("#wb-review-table tr[data-bead]");
    if (row && !(window.getSelection() && !window.getSelection().isCollapsed)) pick(row);
  });
  // d: the reason box of the QA panel, opened if it was folded; Enter there dismisses the
  // finding chosen in the panel, or the bead's first one.
  const askWhy = () => {
    if (!document.querySelector("#wb-review-table tr.wb-selected")) return;
    const box = document.getElementById("wb-qa-box");
    if (box && !field("wb-dismiss-why")?.offsetParent) box.querySelector("button")?.click();
    setTimeout(() => focus("wb-dismiss-why"), 50);
  };
  document.addEventListener("keydown", (ev) => {
    const whyBox = ev.target.closest && ev.target.closest("#wb-dismiss-why");
    if (ev.key === "Enter" && whyBox && !ev.shiftKey) {
      ev.preventDefault();
      remember([ROW]);
      return press("wb-dismiss");
    }
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      const where = ev.target.closest && ev.target.closest("#wb-editor, #wb-flagger, #wb-commenter, #wb-spans");
      if (where) {
        ev.preventDefault();
        const buttons = { "wb-editor": "wb-confirm", "wb-flagger": "wb-flag", "wb-commenter": "wb-comment", "wb-spans": "wb-span-add" };
        const back = { "wb-flagger": ["wb-flag-comment"], "wb-commenter": ["wb-comment-text"], "wb-spans": [ROW] };
        remember(back[where.id] || EDIT_BOXES);
        press(buttons[where.id]);
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
      n: () => seek("unreviewed"),
      q: () => seek("qa"),
      a: () => press("wb-accept"),
      e: () => focus(...EDIT_BOXES),
      s: () => markSelection() && setTimeout(() => focus("wb-span-category"), 50),
      d: askWhy,
      f: () => focus("wb-flag-comment"),
      c: () => focus("wb-comment-text"),
      u: () => press("wb-undo"),
      m: () => press("wb-merge"),
      i: () => insertMatch("i"),
      ...Object.fromEntries(["1", "2", "3", "4", "5"].map((n) => [n, () => insertMatch(n)])),
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
