// Hover cards: pointing at or keyboard-focusing an actor's or a place's
// mention shows who or what it is (kind, a line of profile, how many
// briefings, first and last seen, the latest trend), from a small file of
// cards, fetched the first time it is wanted. Nothing here is needed:
// the links work without it, and on touch-only screens it does nothing.
// The card stays while the pointer is over it, and Esc dismisses it.
const anyHover = window.matchMedia("(any-hover: hover)");
const ARROWS = {
  deteriorated: "M8 15 1.5 8.5H6V1h4v7.5h4.5z",
  improved: "M8 1l6.5 6.5H10V15H6V7.5H1.5z",
  unchanged: "M1.5 6h13v4h-13z",
};
const SHOW_AFTER = 250; // ms of pointing before a card opens: passing over a link is not asking
const HIDE_AFTER = 200; // ms to reach the card from its link
const loaded = new Map(); // card URL -> Promise of its data (null if it cannot be had)
let card = null;
let shownFor = null;
let showing = 0; // the timer of a card about to open
let hiding = 0; // the timer of a card about to close

// A mention's data-card is the file its card is in, shared with other
// entities' cards and keyed by their pages' links, as the mention's href.
async function data(link) {
  const url = link.dataset.card;
  if (!loaded.has(url)) {
    loaded.set(url, fetch(url).then((r) => (r.ok ? r.json() : null)).catch(() => null));
  }
  const cards = await loaded.get(url);
  return cards?.[link.getAttribute("href")] ?? null;
}

function node(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function trendMark(trend) {
  const mark = node("span", `trend trend-${trend.direction}`);
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "trend-icon");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", ARROWS[trend.direction] ?? ARROWS.unchanged);
  svg.append(path);
  mark.append(svg, node("span", "trend-word", trend.direction));
  for (const flag of trend.flags) {
    mark.append(" ", node("span", `trend-flag trend-flag-${flag}`, flag === "alert" ? "risk alert" : "opportunity"));
  }
  return mark;
}

function fill(element, info) {
  const parts = [node("p", "card-kind", info.kind), node("p", "card-name", info.name)];
  if (info.line) parts.push(node("p", "card-line", info.line));
  let seen = plural(info.briefings, "briefing", "briefings");
  if (info.mentioned) seen += `, named in ${info.mentioned} more`;
  if (info.first) seen += info.first === info.last ? ` · ${info.first}` : ` · ${info.first} to ${info.last}`;
  parts.push(node("p", "card-stats", seen));
  if (info.trend) {
    const line = node("p", "card-trend");
    line.append("Latest trend: ", trendMark(info.trend), ` (${info.trend.when})`);
    parts.push(line);
  }
  element.replaceChildren(...parts);
}

function cardElement() {
  if (!card) {
    card = node("div", "hovercard");
    card.id = "dossier_card";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("mouseenter", () => clearTimeout(hiding));
    card.addEventListener("mouseleave", () => {
      hiding = window.setTimeout(hide, HIDE_AFTER);
    });
    document.body.append(card);
  }
  return card;
}

function place(element, link) {
  const box = link.getBoundingClientRect();
  const width = Math.min(element.offsetWidth, document.documentElement.clientWidth - 16);
  const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
  const below = box.bottom + 6;
  const fitsBelow = below + element.offsetHeight < window.innerHeight;
  const top = fitsBelow ? below : Math.max(8, box.top - element.offsetHeight - 6);
  element.style.left = `${left + window.scrollX}px`;
  element.style.top = `${top + window.scrollY}px`;
}

async function show(link) {
  const info = await data(link);
  // The reader may have moved on while the card was on its way.
  if (!info || shownFor !== link) return;
  const element = cardElement();
  fill(element, info);
  element.hidden = false;
  place(element, link);
  link.setAttribute("aria-describedby", element.id);
}

function hide() {
  clearTimeout(showing);
  clearTimeout(hiding);
  if (shownFor) shownFor.removeAttribute("aria-describedby");
  shownFor = null;
  if (card) card.hidden = true;
}

function mentionIn(event) {
  return event.target instanceof Element ? event.target.closest("a[data-card]") : null;
}

function open(link, delay) {
  if (shownFor === link) {
    // Back on the same link (or moving within it): keep it, and let a card
    // that is on its way still come.
    clearTimeout(hiding);
    return;
  }
  hide();
  shownFor = link;
  showing = window.setTimeout(() => show(link), delay);
}

document.addEventListener("pointerover", (event) => {
  const link = mentionIn(event);
  if (link && event.pointerType !== "touch" && anyHover.matches) open(link, SHOW_AFTER);
});

document.addEventListener("pointerout", (event) => {
  const link = mentionIn(event);
  if (link && link === shownFor && !link.contains(event.relatedTarget) && document.activeElement !== link) {
    clearTimeout(hiding);
    hiding = window.setTimeout(hide, HIDE_AFTER);
  }
});

document.addEventListener("focusin", (event) => {
  const link = mentionIn(event);
  if (link && anyHover.matches && link.matches(":focus-visible")) open(link, 0);
  else if (shownFor && !card?.contains(event.target)) hide();
});

document.addEventListener("focusout", (event) => {
  if (mentionIn(event) === shownFor) hide();
});

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && shownFor) hide();
});
