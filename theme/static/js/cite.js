// A briefing page: its reference records (BibTeX and RIS), for Zotero,
// EndNote, Mendeley or LaTeX, made here from the page's Highwire citation_*
// tags (which reference managers read by themselves), each shown to copy and
// with a button that downloads it as a file. Without script the formatted
// citation is still on the page. The records are those of
// plugins/dossier/makers/citation.py, which the tests hold this to.

const section = document.querySelector("section.cite[data-cite-key]");

const TEX = {
  "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "&": "\\&", "%": "\\%", "$": "\\$",
  "#": "\\#", "_": "\\_", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}",
};

// Runs of white space as one space, none at either end (as Python's split()).
const squash = (text) => text.split(/\s+/).filter(Boolean).join(" ");
const tex = (text) => Array.from(squash(text), (char) => TEX[char] ?? char).join("");

function meta(name) {
  return Array.from(document.querySelectorAll(`meta[name="${name}"]`), (tag) => tag.content);
}

// What the tags say: title, authors, date (YYYY/MM/DD), publisher, address, abstract.
function reference() {
  const [year, month, day] = (meta("citation_publication_date")[0] ?? "").split("/");
  return {
    key: section.dataset.citeKey,
    title: meta("citation_title")[0] ?? "",
    authors: meta("citation_author"),
    year, month, day,
    site: meta("citation_publisher")[0] ?? "",
    url: meta("citation_public_url")[0] ?? "",
    summary: meta("description")[0] ?? "",
  };
}

function bibtex(r) {
  const fields = [["title", `{${tex(r.title)}}`]];
  if (r.authors.length) fields.push(["author", r.authors.map((a) => `{${tex(a)}}`).join(" and ")]);
  fields.push(
    ["organization", tex(r.site)], ["date", `${r.year}-${r.month}-${r.day}`],
    ["year", r.year], ["month", String(Number(r.month))], ["url", r.url],
  );
  if (squash(r.summary)) fields.push(["abstract", tex(r.summary)]);
  const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(",\n");
  return `@online{${r.key.replaceAll("-", "_")},\n${body}\n}\n`;
}

// RIS lines end with CR LF; shown on the page with LF alone, downloaded with CR LF.
function ris(r) {
  const line = (tag, value) => `${tag}  - ${squash(value)}\n`;
  const date = `${r.year}/${r.month}/${r.day}/`;
  let text = line("TY", "ELEC") + line("TI", r.title);
  for (const author of r.authors) text += line("AU", author);
  text += line("PY", date) + line("DA", date) + line("T2", r.site) + line("PB", r.site) + line("UR", r.url);
  if (squash(r.summary)) text += line("AB", r.summary);
  return `${text}ER  - \n`;
}

function download(name, text, type) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

function record(label, name, text, type) {
  const details = document.createElement("details");
  details.className = "cite-record";
  const summary = document.createElement("summary");
  summary.textContent = label;
  const pre = document.createElement("pre");
  pre.dataset.citeFile = name;
  pre.textContent = text;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "cite-download";
  button.textContent = `Download ${name}`;
  const saved = type.endsWith("research-info-systems") ? text.replace(/\n/g, "\r\n") : text;
  button.addEventListener("click", () => download(name, saved, type));
  details.append(summary, pre, button);
  return details;
}

if (section) {
  const r = reference();
  const intro = document.createElement("p");
  intro.className = "cite-files";
  intro.textContent = "The reference for Zotero, EndNote, Mendeley or LaTeX, to copy or download:";
  section.append(
    intro,
    record("BibTeX", `${r.key}.bib`, bibtex(r), "application/x-bibtex"),
    record("RIS", `${r.key}.ris`, ris(r), "application/x-research-info-systems"),
  );
}
