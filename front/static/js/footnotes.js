// Progressive enhancement: a footnote marker shows its source in place. Pointing at a
// marker, focusing it or tapping it opens a small preview of its notes (a copy of their
// entries in the page's source list); following the link still goes to the list. Without
// JavaScript the markers are plain links to the list.
//
// From the keyboard the preview is a disclosure (WAI-ARIA Authoring Practices), not a
// tooltip, since it holds links: it follows its marker in the page's order, so Tab goes on
// into it (the source's page, "Go to the list of sources") and out of it to what follows the
// marker; Shift+Tab goes back. Escape closes it, from the marker or from inside it (focus then
// goes back to the marker); leaving it with the keyboard or a tap elsewhere closes it too.
(() => {
  let preview = null;
  let owner = null;
  let hideTimer = null;
  let returning = false; // focus is being put back on the marker: it must not reopen

  function notesOf(link) {
    return (link.dataset.fn || "").split(" ").map((n) => document.getElementById("fn-" + n)).filter(Boolean);
  }

  function build(link) {
    const box = document.createElement("div");
    box.className = "fn-preview";
    box.id = "fn-preview";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Preview of " + (link.getAttribute("aria-label") || "the note"));
    box.lang = document.documentElement.lang; // not the language of the text it sits in
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
    link.after(preview); // next in the page's order: Tab from the marker goes into it
    owner = link;
    link.setAttribute("aria-describedby", preview.id);
    link.setAttribute("aria-controls", preview.id);
    link.setAttribute("aria-expanded", "true");
    place(link);
  }

  function place(link) {
    const rect = link.getBoundingClientRect();
    const width = Math.min(28 * 16, document.documentElement.clientWidth - 16);
    preview.style.width = width + "px";
    // Page coordinates, less those of the box the preview is placed in (the page itself,
    // unless an ancestor of the marker is positioned).
    const parent = preview.offsetParent;
    let originX = 0;
    let originY = 0;
    if (parent && parent !== document.body && parent !== document.documentElement) {
      const box = parent.getBoundingClientRect();
      originX = box.left + window.scrollX + parent.clientLeft - parent.scrollLeft;
      originY = box.top + window.scrollY + parent.clientTop - parent.scrollTop;
    }
    const left = Math.max(8, Math.min(rect.left + window.scrollX - width / 2, window.scrollX + document.documentElement.clientWidth - width - 8));
    preview.style.left = left - originX + "px";
    preview.style.top = rect.bottom + window.scrollY + 6 - originY + "px";
    const box = preview.getBoundingClientRect();
    if (box.bottom > window.innerHeight && rect.top > box.height + 12) {
      preview.style.top = rect.top + window.scrollY - box.height - 6 - originY + "px";
    }
  }

  function hide() {
    clearTimeout(hideTimer);
    if (preview) preview.remove();
    if (owner) {
      owner.removeAttribute("aria-describedby");
      owner.removeAttribute("aria-controls");
      owner.setAttribute("aria-expanded", "false");
    }
    preview = null;
    owner = null;
  }

  // Pointing away closes it after a moment, unless the keyboard is in it or on its marker.
  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      const focused = document.activeElement;
      if (preview && (focused === owner || preview.contains(focused))) return;
      hide();
    }, 300);
  }

  // Escape: closed, and the focus, if it was inside, back on the marker.
  function dismiss() {
    const link = owner;
    const inside = preview.contains(document.activeElement);
    hide();
    if (link && inside) {
      returning = true;
      link.focus();
      returning = false;
    }
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
  // A press focuses what it presses before its click (after the finger is lifted, for a
  // tap): the click decides, not the focus. Until then, or until a key is pressed.
  let pressed = null;
  document.addEventListener("focusin", (event) => {
    const link = marker(event);
    if (link && link !== pressed && !returning) show(link);
    else if (preview && !preview.contains(event.target) && event.target !== owner) hide();
  });
  // A tap (or a click) on a marker whose preview is not open opens it; a second one follows
  // the link to the list of sources.
  let pointer = "mouse";
  document.addEventListener("pointerdown", (event) => {
    pointer = event.pointerType;
    pressed = event.target.closest ? event.target.closest("a") : null;
  });
  document.addEventListener("click", (event) => {
    pressed = null;
    const link = marker(event);
    if (link && pointer !== "mouse" && owner !== link) {
      event.preventDefault();
      show(link);
      return;
    }
    if (link) { hide(); return; }
    if (preview && preview.contains(event.target)) {
      // followed to the list of sources: closed, so that Tab goes on from the list
      if (event.target.closest("a[href^='#']")) setTimeout(hide, 0);
      return;
    }
    if (preview) hide();
  });
  document.addEventListener("keydown", (event) => {
    pressed = null;
    if (event.key === "Escape" && preview) {
      event.preventDefault();
      dismiss();
    }
  });
})();
