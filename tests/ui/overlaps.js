// Pairs of visible boxes in `root` that overlap by more than a pixel each way (tests/ui/test_screens.py),
// and boxes cut across by the top edge of a scrolled column (the side panel scrolled down to a
// field shows half of the one above it: a clipped row, not a place to stop).
// A box is first cut to what its scrolling or clipping ancestors show; a box and what it holds,
// and two cells of one table, are never compared; a mark on a cell's words must stay in its cell.
(root) => {
  const shown = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none" || !el.checkVisibility()) return null;
    const r = el.getBoundingClientRect();
    let [l, t, rr, b] = [r.left, r.top, r.right, r.bottom];
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== "visible" || s.overflowY !== "visible") {
        const q = p.getBoundingClientRect();
        [l, t, rr, b] = [Math.max(l, q.left), Math.max(t, q.top), Math.min(rr, q.right), Math.min(b, q.bottom)];
      }
    }
    return rr - l >= 2 && b - t >= 2 ? {l, t, r: rr, b} : null;
  };
  const tab = document.querySelector(root);
  const leaves = [...tab.querySelectorAll(".block")].filter((b) => !b.querySelector(".block"));
  const others = [...tab.querySelectorAll("button, th, td, [role=gridcell]")];
  const boxes = [...new Set([...leaves, ...others])]
    .map((el) => ({el, box: shown(el)})).filter((x) => x.box);
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).slice(0, 2).join(".") : "") +
    " '" + (el.innerText || "").trim().slice(0, 30) + "'";
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      if (a.el.closest("table") && a.el.closest("table") === b.el.closest("table")) continue;
      const w = Math.min(a.box.r, b.box.r) - Math.max(a.box.l, b.box.l);
      const h = Math.min(a.box.b, b.box.b) - Math.max(a.box.t, b.box.t);
      if (w > 1 && h > 1) found.push(`${name(a.el)} overlaps ${name(b.el)} (${w.toFixed(0)}×${h.toFixed(0)} px)`);
    }
  }
  for (const {el} of boxes) {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (!/(auto|scroll|hidden)/.test(s.overflowY) || p.scrollTop < 1) continue;
      const top = p.getBoundingClientRect().top, r = el.getBoundingClientRect();
      // (a box taller than the column can only ever show in part)
      if (r.top < top - 1 && r.bottom > top + 1 && r.height < p.clientHeight)
        found.push(`${name(el)} is cut by the top of the scrolled ${name(p)} (${(top - r.top).toFixed(0)} px hidden)`);
      break;
    }
  }
  // Marks on a cell's words (MQM error spans, QA findings' spans) stay inside their cell.
  for (const mark of tab.querySelectorAll("td mark")) {
    if (!shown(mark)) continue;
    const cell = mark.closest("td").getBoundingClientRect();
    const out = [...mark.getClientRects()].some((r) => r.left < cell.left - 1 ||
      r.right > cell.right + 1 || r.top < cell.top - 1 || r.bottom > cell.bottom + 1);
    if (out) found.push(`${name(mark)} spills out of its cell`);
  }
  return found;
}
