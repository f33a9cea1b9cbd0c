// Progressive enhancement: a footnote marker shows its source in place. Pointing at a
// marker, focusing it or tapping it opens a small preview of its notes (a copy of their
// entries in the page's source list); following the link still goes to the list. Without
// JavaScript the markers are plain links to the list.
(() => {
  let preview = null;
  let owner = null;
  let hideTimer = null;

  function notesOf(link) {
    return (link.dataset.fn || "").split(" ").map((n) => document.getElementById("fn-" + n)).filter(Boolean);
  }

  function build(link) {
    const box = document.createElement("div");
    box.className = "fn-preview";
    box.id = "fn-preview";
    box.setAttribute("role", "tooltip");
    for (const note of notesOf(link)) {
      const item = document.createElement("p");
      const number = document.createElement("strong");
      number.textContent = note.id.slice(3) + ". ";
      item.append(number);
      const text = note.querySelector(".note-text");
      item.append(...Array.from((text || note).childNodes, (node) => node.cloneNode(true)));
      box.append(item);
    }
    const more = document.createElement("a");
    more.href = link.getAttribute("href");
    more.className = "fn-preview-more";
    more.textContent = "Go to the list of sources";
    box.append(more);
    box.addEventListener("pointerenter", () => clearTimeout(hideTimer));
    box.addEventListener("pointerleave", () => hideSoon());
    return box;
  }

  function show(link) {
    clearTimeout(hideTimer);
    if (owner === link) return;
    hide();
    if (!notesOf(link).length) return;
    preview = build(link);
    document.body.append(preview);
    owner = link;
    link.setAttribute("aria-describedby", preview.id);
    link.setAttribute("aria-expanded", "true");
    place(link);
  }

  function place(link) {
    const rect = link.getBoundingClientRect();
    const width = Math.min(28 * 16, document.documentElement.clientWidth - 16);
    preview.style.width = width + "px";
    const left = Math.max(8, Math.min(rect.left + window.scrollX - width / 2, window.scrollX + document.documentElement.clientWidth - width - 8));
    preview.style.left = left + "px";
    const below = rect.bottom + window.scrollY + 6;
    preview.style.top = below + "px";
    const box = preview.getBoundingClientRect();
    if (box.bottom > window.innerHeight && rect.top > box.height + 12) {
      preview.style.top = rect.top + window.scrollY - box.height - 6 + "px";
    }
  }

  function hide() {
    clearTimeout(hideTimer);
    if (preview) preview.remove();
    if (owner) {
      owner.removeAttribute("aria-describedby");
      owner.setAttribute("aria-expanded", "false");
    }
    preview = null;
    owner = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  const marker = (event) => event.target.closest && event.target.closest("sup.fn a[data-fn]");

  document.addEventListener("pointerover", (event) => {
    const link = marker(event);
    if (link && event.pointerType === "mouse") show(link);
  });
  document.addEventListener("pointerout", (event) => {
    const link = marker(event);
    if (link && event.pointerType === "mouse") hideSoon();
  });
  let pressing = false; // a press focuses the link first: the click that follows decides
  document.addEventListener("focusin", (event) => {
    const link = marker(event);
    if (link && !pressing) show(link);
    else if (preview && !preview.contains(event.target)) hide();
  });
  // A tap (or a click) on a marker whose preview is not open opens it; a second one follows
  // the link to the list of sources.
  let pointer = "mouse";
  document.addEventListener("pointerdown", (event) => { pointer = event.pointerType; pressing = true; });
  document.addEventListener("pointerup", () => { setTimeout(() => { pressing = false; }, 0); });
  document.addEventListener("click", (event) => {
    pressing = false;
    const link = marker(event);
    if (link && pointer !== "mouse" && owner !== link) {
      event.preventDefault();
      show(link);
      return;
    }
    if (link) { hide(); return; }
    if (preview && !preview.contains(event.target)) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && preview) hide();
  });
})();
