// A long archive is cut by year (one page per year): a link to a month or a
// year that is not on this page ("archive/#y2019-03", as every briefing's
// kicker has it) goes on to the page that holds it. Without script the link
// lands on the archive, whose list of years is one click from it.
const wanted = /^#y(\d{4})(?:-\d{2})?$/.exec(decodeURIComponent(location.hash));
if (wanted && !document.getElementById(location.hash.slice(1))) {
  const link = document.querySelector(`nav.year-nav a[data-year="${wanted[1]}"]`);
  if (link) location.replace(link.href.split("#")[0] + location.hash);
}
