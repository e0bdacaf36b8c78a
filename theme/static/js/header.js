// Every page: "/" focuses the search box; focusing the header box warms up
// Pagefind so that the search page answers at once.
const base = document.querySelector('meta[name="dossier:base"]')?.getAttribute("content") ?? "";
let warmed = false;

function warm() {
  if (warmed) return;
  warmed = true;
  // The index is in parts (pagefind/<part>/); the first one's Pagefind is the one
  // the search page loads.
  fetch(`${base}/pagefind/parts.json`)
    .then((response) => response.json())
    .then(({ parts }) => (parts.length ? import(`${base}/pagefind/${parts[0]}/pagefind.js`) : null))
    .then((pagefind) => pagefind?.init())
    .catch(() => {});
}

function typingIn(target) {
  return target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) {
    return;
  }
  const box = document.getElementById("q") ?? document.getElementById("site_q");
  if (box) {
    event.preventDefault();
    box.focus();
    box.select();
  }
});

document.getElementById("site_q")?.addEventListener("focus", warm, { once: true });
