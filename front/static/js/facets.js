// Progressive enhancement: a long facet gets a box that narrows its list as you type.
// Without JavaScript the box stays hidden and the whole list shows.
(() => {
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f'’-]/g, "").toLowerCase();
  for (const input of document.querySelectorAll("input[data-facet-filter]")) {
    const list = document.getElementById(input.dataset.facetFilter);
    if (!list) continue;
    input.closest(".facet-filter").hidden = false;
    const status = document.createElement("p");
    status.className = "meta facet-filter-status";
    status.setAttribute("aria-live", "polite");
    list.after(status);
    input.addEventListener("input", () => {
      const wanted = fold(input.value.trim());
      let shown = 0;
      for (const item of list.children) {
        const match = !wanted || fold(item.textContent).includes(wanted);
        item.hidden = !match;
        if (match) shown += 1;
      }
      status.textContent = wanted ? (shown ? `${shown} shown` : "None match: clear the box to see all") : "";
    });
  }
})();
