// The 404 page: the open data files were gzipped in December 2026
// (data/briefings.json is now data/briefings.json.gz). GitHub Pages cannot
// redirect, so a link to an old file lands here and is sent on to its new one.

const note = document.querySelector("[data-moved-data]");
if (note) {
  const folder = new URL(note.dataset.movedData, document.baseURI).pathname;
  const path = window.location.pathname;
  const name = path.startsWith(folder) ? path.slice(folder.length) : "";
  if (/^(?:(?:briefings|actors|places)\.(?:csv|json)|mentions\.csv)$/.test(name)) {
    window.location.replace(`${path}.gz`);
  }
}
