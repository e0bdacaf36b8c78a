// The search page: Pagefind's JS API with our own faceted interface.
//
// The whole state lives in the URL (?q=…&actor=…&actor=…&place=…&tag=…&year=…&sort=date),
// so a search can be shared, bookmarked, reloaded and walked with Back.
// A query goes to Pagefind. Filters without a query read small lists written
// at build time (search/lists/<facet>/<slug>.json): a filter-only Pagefind
// search would download the whole word index.

const base = document.querySelector('meta[name="dossier:base"]')?.getAttribute("content") ?? "";
// Where the browse files are (search/ by default; DOSSIER_BROWSE_URL moves them).
const browse = document.querySelector('meta[name="dossier:browse"]')?.getAttribute("content") ?? `${base}/search/`;
const FACETS = [
  { key: "actor", label: "Actors", searchable: true },
  { key: "place", label: "Places", searchable: true },
  { key: "tag", label: "Themes", searchable: false },
  { key: "year", label: "Years", searchable: false },
];
const PAGE = 10;
const TOP = 8;

const root = document.getElementById("search");
const form = document.getElementById("search-form");
const input = document.getElementById("q");
const statusLine = document.getElementById("search-status");
const list = document.getElementById("results");
const offer = document.getElementById("entity-offer");
const moreButton = document.getElementById("more");
const facetsBox = document.getElementById("facets");
const facetsDisclosure = document.getElementById("facets-box");
const wide = window.matchMedia("(min-width: 52rem)");

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
});

let state = readState();
let counts = null; // per-facet counts for the current query, or null for totals
let uncounted = null; // the search whose counts wait for the filters to open
let shown = []; // the current result set: functions or records, see render()
let visible = 0;
let generation = 0;
let typing = false; // true while keystrokes refine one history entry
const expanded = new Set(); // facets showing all their values
const facetQueries = {}; // text typed into each facet's own filter box

// ---- Pagefind -------------------------------------------------------------
//
// The index is in parts, one Pagefind bundle each (a year: its briefings and
// the actors and places last seen that year, newest first; then those no
// briefing names), merged here with mergeIndex, each part's pages carrying its
// name as a filter ("part"). A build re-indexes only the parts that changed.
// Facet counts add up across parts, as in one index.
//
// Two instances of the same bundles: Pagefind computes facet counts on every
// search once its filter index is loaded, which costs a second or more for a
// common word at 10,000 pages. Results come from an instance that never loads
// it; counts from a second one (a second module URL), after the results show.

const parts = (document.querySelector('meta[name="dossier:search-parts"]')?.getAttribute("content") ?? "")
  .split(" ").filter(Boolean);

function loadInstance(tag) {
  const path = (part) => `${base}/pagefind/${part}/`;
  const [first, ...rest] = parts;
  if (!first) return Promise.reject(new Error("this site has no search index"));
  return import(`${path(first)}pagefind.js${tag}`).then(async (module) => {
    await module.options({ baseUrl: `${base}/`, bundlePath: path(first), mergeFilter: { part: first } });
    await module.init();
    await Promise.all(rest.map((part) => module.mergeIndex(path(part), { mergeFilter: { part } })));
    return module;
  });
}

let resultsIndex = null;
function pagefind() {
  resultsIndex ??= loadInstance("");
  return resultsIndex;
}

let countsIndex = null;
function countingPagefind() {
  countsIndex ??= loadInstance("?counts").then(async (module) => {
    await module.filters();
    return module;
  });
  return countsIndex;
}

// One index of the whole site is what the parts must answer as. Two things
// Pagefind does within one index differ when each part is one:
// - it leaves out of a search a word the index does not hold at all: a part
//   without "Kobler" would answer "Misrata Kobler" with every page that names
//   Misrata, and a word with a filter, with every page the filter keeps;
// - for a word it holds no word starting with, it searches the longest word
//   it holds that the word starts with instead: a part without "abroad"
//   answers with its pages holding "a".
// So each word of a query is first looked up as a word of its own (a quoted,
// exact search: the word as Pagefind stems it, no longer ones, no shorter
// ones; no filter index is fetched, the part filter being the parts' own),
// and only the parts that hold every word the site holds answer. A word no
// part holds as it is (one being typed: "Hafta") is the start of longer
// words, as one index reads it: the parts holding such words answer (see
// extendingParts); where none does, every part.
const answering = new Map(); // query -> its parts, for the counts that follow
async function answeringParts(pf, query) {
  const words = [...new Set(query.replace(/"/g, " ").trim().split(/\s+/).filter(Boolean))];
  const exact = /^\s*".+"\s*$/.test(query); // Pagefind finds nothing where a word is missing
  if (exact || words.length === 0 || parts.length < 2) return parts;
  const key = JSON.stringify(words);
  if (!answering.has(key)) {
    answering.set(key, (async () => {
      let holding = parts;
      for (const word of words) {
        const per = await partCounts(pf, `"${word}"`);
        let here = parts.filter((part) => per[part] > 0);
        if (!here.length) here = await extendingParts(pf, word);
        if (here.length) holding = holding.filter((part) => here.includes(part));
      }
      return holding;
    })());
  }
  return answering.get(key);
}

// How many pages of each part a search finds (the parts' own filter: no
// filter index is fetched), each search once.
const counted = new Map();
function partCounts(pf, query) {
  if (!counted.has(query)) counted.set(query, pf.search(query).then((found) => found.filters?.part ?? {}));
  return counted.get(query);
}

// The parts holding a word that starts with `word`. Searched as it is typed,
// a part holding one answers with its pages; a part holding none answers
// instead with the pages of the longest shorter word it holds that `word`
// starts with ("a" for "akya", "to" for "tobr"): exactly as many pages as
// that word finds there searched alone. Those parts are left out.
async function extendingParts(pf, word) {
  const typed = await partCounts(pf, word);
  let open = parts.filter((part) => typed[part] > 0);
  const extending = new Set();
  for (let end = word.length - 1; end > 0 && open.length; end--) {
    const shorter = await partCounts(pf, `"${word.slice(0, end)}"`);
    const left = [];
    for (const part of open) {
      if (!(shorter[part] > 0)) left.push(part);
      else if (shorter[part] !== typed[part]) extending.add(part);
    }
    open = left;
  }
  // Those still open found pages without a shorter word to fall back on.
  return parts.filter((part) => extending.has(part) || open.includes(part));
}

function inParts(filters, chosen) {
  return chosen.length === parts.length ? filters : { ...filters, part: { any: chosen } };
}

// A search over the parts that can answer it. "Newest first": a sorted search
// scores each page by its place in its own part, and merged results are
// ordered by score, so the parts are asked one after the other, newest first,
// and their results put end to end.
async function searchParts(query, filters, newestFirst) {
  if (!parts.length) return { results: [] }; // an archive with nothing to find yet
  const pf = await pagefind();
  const chosen = await answeringParts(pf, query);
  if (!chosen.length) return { results: [] };
  if (!newestFirst) return pf.search(query, { filters: inParts(filters, chosen) });
  const results = [];
  for (const part of chosen) {
    const one = await pf.search(query, { filters: { ...filters, part: { any: [part] } }, sort: { date: "desc" } });
    results.push(...one.results);
  }
  return { results };
}

function pagefindFilterOptions(except) {
  const filters = {};
  for (const { key } of FACETS) {
    if (key !== except && state.filters[key].length) filters[key] = { any: state.filters[key] };
  }
  return filters;
}

// ---- State and URL ----------------------------------------------------------

function readState() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const { key } of FACETS) filters[key] = [...new Set(params.getAll(key).filter(Boolean))];
  return {
    q: (params.get("q") ?? "").trim(),
    sort: params.get("sort") === "date" ? "date" : "",
    filters,
  };
}

function stateUrl() {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const { key } of FACETS) for (const value of state.filters[key]) params.append(key, value);
  if (state.sort) params.set("sort", state.sort);
  const query = params.toString();
  return window.location.pathname + (query ? `?${query}` : "");
}

function commit({ push }) {
  const url = stateUrl();
  if (url === window.location.pathname + window.location.search) return;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

function hasFilters() {
  return FACETS.some(({ key }) => state.filters[key].length > 0);
}

// ---- Helpers --------------------------------------------------------------

function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

function formatDate(iso) {
  if (!iso) return "";
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

async function fetchJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

// Each browse file is fetched once; a failed fetch is forgotten, so the next
// use tries again rather than failing for good.
const jsonCache = new Map();
function cachedJson(path) {
  if (!jsonCache.has(path)) {
    jsonCache.set(path, fetchJson(path).catch((error) => {
      jsonCache.delete(path);
      throw error;
    }));
  }
  return jsonCache.get(path);
}

// facets.json: {chunk, actor: [{name, slug, count, aliases, kind, url}], place, tag, year}
function loadFacets() {
  return cachedJson(`${browse}facets.json`);
}

// lists/<facet>/<slug>.json: {at: positions of the value's briefings,
// counts: among them, how many have each value of every facet}
function loadValue(facet, slug) {
  return cachedJson(`${browse}lists/${facet}/${slug}.json`);
}

// ---- Searching ------------------------------------------------------------

// A query that is an entity's name or alias, in any script, offers that
// entity above the results: its briefings are one click away.
function entitiesNamed(facets, query) {
  const wanted = fold(query.replace(/\s+/g, " ").trim());
  const found = [];
  for (const key of ["actor", "place"]) {
    for (const value of facets[key] ?? []) {
      if ([value.name, ...(value.aliases ?? [])].some((name) => fold(name) === wanted)) {
        found.push({ key, value });
      }
    }
  }
  return found;
}

function renderOffer(found) {
  offer.replaceChildren();
  offer.hidden = found.length === 0;
  for (const { key, value } of found) {
    const noun = key === "actor" ? "actor" : "place";
    const plural = value.count === 1 ? "" : "s";
    const button = element("button", {
      type: "button", className: "offer-apply", "data-offer-facet": key, "data-offer-value": value.name,
    }, `Show its ${value.count} briefing${plural}`);
    offer.append(element("div", { className: "offer" },
      element("p", { className: "offer-title" },
        element("a", { href: `${base}/${value.url}` }, value.name),
        ` — ${value.count} briefing${plural}`),
      element("p", { className: "offer-meta" }, [noun, value.kind].filter(Boolean).join(" · ")),
      button));
  }
}

async function runQuery(current) {
  // The search and the entity offer's facets.json load side by side: on a
  // cold page neither waits for the other.
  const searching = searchParts(state.q, pagefindFilterOptions(null), state.sort === "date");
  const facets = await loadFacets().catch(() => null);
  if (current === generation) renderOffer(facets ? entitiesNamed(facets, state.q) : []);
  const search = await searching;
  if (current !== generation) return null;
  return { items: search.results.map((r) => ({ load: r.data })), counts: null, query: true };
}

async function queryCounts(current) {
  // For each facet with a selection, the counts ignore that facet's own
  // selection: values within a facet combine with OR.
  if (!parts.length) return null;
  const pf = await countingPagefind();
  const facetCounts = {};
  let plain = null;
  for (const { key } of FACETS) {
    if (current !== generation) return null;
    const filters = pagefindFilterOptions(state.filters[key].length ? key : null);
    const chosen = await answeringParts(await pagefind(), state.q);
    const search = () => pf.search(state.q, { filters: inParts(filters, chosen) });
    if (!chosen.length) {
      facetCounts[key] = {};
    } else if (state.filters[key].length === 0) {
      plain ??= await search();
      facetCounts[key] = plain.filters?.[key] ?? {};
    } else {
      facetCounts[key] = (await search()).filters?.[key] ?? {};
    }
  }
  return current === generation ? facetCounts : null;
}

async function runBrowse(current) {
  const facets = await loadFacets();
  const unions = {}; // facet -> positions of its chosen values' briefings (OR)
  for (const { key } of FACETS) {
    const values = state.filters[key];
    if (!values.length) continue;
    const slugs = values.map((name) => slugOf(facets, key, name)).filter(Boolean);
    const lists = await Promise.all(slugs.map((slug) => loadValue(key, slug)));
    unions[key] = new Set(lists.flatMap((list) => list.at));
  }
  const chosen = intersect(Object.values(unions)); // across facets: AND
  const browseCounts = await countsWhileBrowsing(facets, unions).catch((error) => {
    console.warn(error);
    return null;
  });
  if (current !== generation) return null;
  // Positions count from the oldest briefing: the newest first is the largest first.
  const positions = [...(chosen ?? new Set())].sort((a, b) => b - a);
  const chunk = facets.chunk;
  const items = positions.map((p) => ({
    load: async () => {
      const rows = await loadChunk(Math.floor(p / chunk));
      const [url, title, date] = rows[p % chunk];
      return { url: `${base}/${url}`, meta: { title, date, kind: "briefing" }, excerpt: "" };
    },
  }));
  return { items, counts: browseCounts };
}

function slugOf(facets, key, name) {
  return facets[key].find((v) => v.name === name)?.slug;
}

function intersect(sets) {
  if (!sets.length) return null;
  const [first, ...rest] = sets;
  return new Set([...first].filter((p) => rest.every((s) => s.has(p))));
}

// The counts beside each filter while browsing: for a facet, those among the
// briefings the *other* facets' choices leave (values within a facet combine
// with OR). No other choice: the archive's counts. One other value: the
// counts in its list file (search/lists/<facet>/<slug>.json). Several: tallied from the
// filter values of just those briefings (search/values/<n>.json).
async function countsWhileBrowsing(facets, unions) {
  const counts = {};
  for (const { key } of FACETS) {
    const others = Object.keys(unions).filter((k) => k !== key);
    let bySlug;
    if (!others.length) {
      bySlug = Object.fromEntries(facets[key].map((v) => [v.slug, v.count]));
    } else if (others.length === 1 && state.filters[others[0]].length === 1) {
      const slug = slugOf(facets, others[0], state.filters[others[0]][0]);
      bySlug = (await loadValue(others[0], slug)).counts[key] ?? {};
    } else {
      bySlug = await tally(intersect(others.map((k) => unions[k])), key, facets.chunk);
    }
    counts[key] = Object.fromEntries(facets[key].map((v) => [v.name, bySlug[v.slug] ?? 0]));
  }
  return counts;
}

const FACET_COLUMN = { actor: 0, place: 1, tag: 2, year: 3 };

async function tally(positions, key, chunk) {
  const byChunk = new Map();
  for (const p of positions) {
    const n = Math.floor(p / chunk);
    if (!byChunk.has(n)) byChunk.set(n, []);
    byChunk.get(n).push(p % chunk);
  }
  const found = {};
  await Promise.all([...byChunk].map(async ([n, offsets]) => {
    const rows = await cachedJson(`${browse}values/${n}.json`);
    for (const offset of offsets) {
      for (const slug of rows[offset][FACET_COLUMN[key]]) found[slug] = (found[slug] ?? 0) + 1;
    }
  }));
  return found;
}

function loadChunk(n) {
  return cachedJson(`${browse}briefings/${n}.json`);
}

async function update() {
  const current = ++generation;
  syncForm();
  // Busy until the filters show their final counts (a query's come last).
  facetsBox.setAttribute("aria-busy", "true");
  let outcome;
  if (!state.q) renderOffer([]);
  try {
    if (state.q) outcome = await runQuery(current);
    else if (hasFilters()) outcome = await runBrowse(current);
    else outcome = { items: [], counts: null, idle: true };
  } catch (error) {
    if (current !== generation) return;
    statusLine.textContent = "Search is not available right now.";
    console.warn(error);
    return;
  }
  if (outcome === null || current !== generation) return;
  shown = outcome.items;
  counts = outcome.counts;
  visible = 0;
  list.replaceChildren();
  await renderFacets().catch((error) => console.warn(error));
  if (outcome.idle) {
    statusLine.textContent = "Type a word or a name, or choose a filter to browse.";
    moreButton.hidden = true;
    facetsBox.setAttribute("aria-busy", "false");
    return;
  }
  await showMore(current);
  announce();
  if (outcome.query) {
    // The counts need every part's filter index (the most a shared link
    // fetches): on a phone, where the filters are folded, not until opened.
    if (facetsDisclosure.open) await refreshCounts(current);
    else uncounted = current;
  }
  if (current === generation) facetsBox.setAttribute("aria-busy", "false");
}


async function refreshCounts(current) {
  const fresh = await queryCounts(current).catch(() => null);
  if (fresh && current === generation) {
    counts = fresh;
    await renderFacets().catch((error) => console.warn(error));
  }
}

facetsDisclosure.addEventListener("toggle", async () => {
  if (!facetsDisclosure.open || uncounted !== generation) return;
  const current = uncounted;
  uncounted = null;
  facetsBox.setAttribute("aria-busy", "true");
  await refreshCounts(current);
  if (current === generation) facetsBox.setAttribute("aria-busy", "false");
});

function announce() {
  const n = shown.length;
  const what = state.q ? ` for “${state.q}”` : "";
  const narrowed = hasFilters() ? " with the chosen filters" : "";
  statusLine.textContent = n === 0
    ? `No results${what}${narrowed}.`
    : `${n} result${n === 1 ? "" : "s"}${what}${narrowed}.`;
}

async function showMore(current = generation) {
  // Claim the slice before waiting, so a double click cannot show it twice.
  const slice = shown.slice(visible, visible + PAGE);
  visible += slice.length;
  moreButton.hidden = visible >= shown.length;
  const records = await Promise.all(slice.map((item) => item.record ?? item.load()));
  if (current !== generation) return;
  for (const record of records) list.append(renderResult(record));
}

// A briefing page's hidden list of names is the last text Pagefind reads of
// it, and its "names" meta says how many words that is.
function foundByNamesAlone(result) {
  const names = Number(result.meta?.names ?? 0);
  const at = result.locations ?? [];
  if (!names || !result.meta?.summary || !at.length || !result.word_count) return false;
  return at.every((word) => word >= result.word_count - names);
}

function renderResult(result) {
  const meta = result.meta ?? {};
  const kind = meta.kind ?? "page";
  const heading = element("h2", { className: "result-title" },
    element("a", { href: result.url }, meta.title ?? result.url));
  const line = element("p", { className: "result-meta" },
    element("span", { className: `kind kind-${kind}` }, kind));
  if (meta.detail) line.append(" · ", meta.detail);
  if (meta.span) {
    // An actor or place: the years it appears in, not a publication date.
    line.append(" · ", element("span", { className: "span" }, meta.span));
  } else if (meta.date) {
    line.append(" · ", element("time", { datetime: meta.date.slice(0, 10) }, formatDate(meta.date)));
  }
  const item = element("li", { className: "result" }, line, heading);
  const byNames = foundByNamesAlone(result);
  if (byNames) {
    // Found only in the hidden list of the names of its entities (a Latin
    // spelling of a briefing written in Arabic): that list is no excerpt.
    item.append(element("p", { className: "result-excerpt" }, meta.summary));
  } else if (result.excerpt) {
    const excerpt = element("p", { className: "result-excerpt" });
    // Pagefind escapes the page text and adds only <mark> elements.
    excerpt.innerHTML = result.excerpt;
    item.append(excerpt);
  }
  // (The list of names follows the last heading: it is in no section.)
  const sections = byNames ? [] : (result.sub_results ?? []).filter((sub) => sub.url.includes("#")).slice(0, 2);
  if (sections.length) {
    const links = element("ul", { className: "result-sections" });
    for (const sub of sections) links.append(element("li", {}, element("a", { href: sub.url }, sub.title)));
    item.append(links);
  }
  return item;
}

// ---- Facets ---------------------------------------------------------------

function syncDisclosure() {
  // Beside the results on a wide screen, always open; on a phone, folded
  // above the results unless a filter is on.
  const chosen = FACETS.reduce((n, { key }) => n + state.filters[key].length, 0);
  facetsDisclosure.querySelector("summary").textContent = chosen ? `Filters (${chosen})` : "Filters";
  if (wide.matches || chosen) facetsDisclosure.open = true;
}
wide.addEventListener("change", syncDisclosure);

async function renderFacets() {
  syncDisclosure();
  const facets = await loadFacets();
  const boxes = [];
  for (const facet of FACETS) {
    const values = facets[facet.key] ?? [];
    if (!values.length) continue;
    boxes.push(renderFacet(facet, values));
  }
  // Rebuilding the panel must not drop the keyboard user's place: the same
  // checkbox, button or text box gets the focus back (their ids are stable).
  const active = document.activeElement;
  const refocus = facetsBox.contains(active) ? active.id : "";
  facetsBox.replaceChildren(...boxes);
  if (hasFilters()) {
    facetsBox.prepend(element("button", {
      type: "button", className: "clear-filters", id: "facets-clear",
    }, "Clear all filters"));
  }
  const again = refocus ? document.getElementById(refocus) : null;
  if (again) {
    again.focus();
    if (again.type === "search") again.setSelectionRange(again.value.length, again.value.length);
  } else if (refocus) {
    input.focus();
  }
}

function countFor(facet, value) {
  if (counts) return counts[facet.key]?.[value.name] ?? 0;
  return value.count;
}

function renderFacet(facet, values) {
  const selected = new Set(state.filters[facet.key]);
  const typed = fold(facetQueries[facet.key] ?? "");
  let candidates = values.map((value) => ({ value, count: countFor(facet, value) }));
  if (counts) candidates = candidates.filter((c) => c.count > 0 || selected.has(c.value.name));
  if (counts && facet.key !== "year") candidates.sort((a, b) => b.count - a.count);
  if (typed) {
    candidates = candidates.filter(({ value }) =>
      [value.name, ...(value.aliases ?? [])].some((name) => fold(name).includes(typed)));
  }
  const all = expanded.has(facet.key) || typed;
  const top = all ? candidates : candidates.slice(0, TOP);
  // A chosen value always stays in view, even when it is not among the top.
  for (const c of candidates) if (selected.has(c.value.name) && !top.includes(c)) top.push(c);

  const box = element("fieldset", { className: "facet", "data-facet": facet.key },
    element("legend", {}, facet.label));
  if (facet.searchable && values.length > TOP) {
    const id = `facet-filter-${facet.key}`;
    box.append(
      element("label", { className: "visually-hidden", for: id }, `Find ${facet.label.toLowerCase()}`),
      element("input", {
        id, type: "search", className: "facet-filter", autocomplete: "off",
        placeholder: `Find ${facet.label.toLowerCase()}…`, value: facetQueries[facet.key] ?? "",
        "data-facet-filter": facet.key,
      }),
    );
  }
  const items = element("ul", { className: "facet-values" });
  for (const { value, count } of top) {
    const id = `f-${facet.key}-${value.slug}`;
    const checkbox = element("input", {
      type: "checkbox", id, value: value.name, checked: selected.has(value.name),
      "data-facet": facet.key,
    });
    items.append(element("li", {}, checkbox,
      element("label", { for: id }, element("span", { className: "facet-name" }, value.name),
        " ", element("span", { className: "count" }, String(count)))));
  }
  if (!top.length) items.append(element("li", { className: "facet-empty" }, "No match"));
  box.append(items);
  if (!typed && candidates.length > TOP) {
    box.append(element("button", {
      type: "button", className: "facet-more", "data-facet-more": facet.key,
      id: `facet-more-${facet.key}`,
      "aria-expanded": expanded.has(facet.key) ? "true" : "false",
    }, expanded.has(facet.key) ? "Show fewer" : `Show all ${candidates.length}`));
  }
  return box;
}

// ---- Events ---------------------------------------------------------------

function syncForm() {
  if (input.value.trim() !== state.q) input.value = state.q;
  for (const radio of form.querySelectorAll('input[name="sort"]')) {
    radio.checked = radio.value === state.sort;
  }
}

let debounce = null;
input.addEventListener("input", () => {
  pagefind().then((pf) => pf.preload(input.value.trim())).catch(() => {});
  clearTimeout(debounce);
  debounce = setTimeout(() => {
    const q = input.value.trim();
    if (q === state.q) return;
    state.q = q;
    // The first keystroke of a new query makes a history entry; the rest
    // refine it, so Back goes to the previous search, not the previous letter.
    commit({ push: !typing });
    typing = true;
    update();
  }, 120);
});
input.addEventListener("blur", () => { typing = false; });

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(debounce);
  typing = false;
  state.q = input.value.trim();
  commit({ push: true });
  update();
});

form.addEventListener("change", (event) => {
  if (event.target.name !== "sort") return;
  typing = false;
  state.sort = event.target.value;
  commit({ push: true });
  update();
});

facetsBox.addEventListener("change", (event) => {
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || target.type !== "checkbox") return;
  const key = target.dataset.facet;
  const values = new Set(state.filters[key]);
  if (target.checked) values.add(target.value);
  else values.delete(target.value);
  state.filters[key] = [...values];
  typing = false;
  commit({ push: true });
  update();
});

facetsBox.addEventListener("input", (event) => {
  const key = event.target?.dataset?.facetFilter;
  if (!key) return;
  facetQueries[key] = event.target.value;
  renderFacets();
});

facetsBox.addEventListener("click", (event) => {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return;
  if (target.dataset.facetMore) {
    const key = target.dataset.facetMore;
    if (expanded.has(key)) expanded.delete(key);
    else expanded.add(key);
    renderFacets().then(() => facetsBox.querySelector(`[data-facet-more="${key}"]`)?.focus());
  } else if (target.classList.contains("clear-filters")) {
    for (const { key } of FACETS) state.filters[key] = [];
    typing = false;
    commit({ push: true });
    update();
  }
});

moreButton.addEventListener("click", () => showMore());

offer.addEventListener("click", (event) => {
  const target = event.target;
  if (!(target instanceof HTMLElement) || !target.dataset.offerFacet) return;
  for (const { key } of FACETS) state.filters[key] = [];
  state.filters[target.dataset.offerFacet] = [target.dataset.offerValue];
  state.q = "";
  typing = false;
  commit({ push: true });
  update().then(() => statusLine.focus());
});

window.addEventListener("popstate", () => {
  state = readState();
  typing = false;
  update();
});

root.hidden = false;
document.getElementById("search-needs-js")?.remove();
// Warm Pagefind up for a query, or for the query about to be typed into the
// empty page; a filter-only browse reads our own lists and never needs it.
if (parts.length && (state.q || !hasFilters())) pagefind().catch(() => {});
if (parts.length) input.addEventListener("focus", () => pagefind().catch(() => {}), { once: true });
update();
if (!state.q && !hasFilters()) input.focus();
