// Progressive enhancement: a link to a collapsed record (a source's page lists its records
// in <details>) opens it. Without JavaScript the record's heading is shown and opens on a click.
(() => {
  function openTarget() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    const details = target && target.closest("details");
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);
})();
