// A briefing page: each reference record (BibTeX, RIS) shown as text gets a
// button that downloads it as a file, made here from that very text; without
// script the text is still there to copy.

for (const record of document.querySelectorAll("pre[data-cite-file]")) {
  const name = record.dataset.citeFile;
  const isRis = name.endsWith(".ris");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "cite-download";
  button.textContent = `Download ${name}`;
  button.addEventListener("click", () => {
    // RIS lines end with CR LF; HTML keeps the text's line ends as LF alone.
    const text = isRis ? record.textContent.replace(/\r?\n/g, "\r\n") : record.textContent;
    const type = isRis ? "application/x-research-info-systems" : "application/x-bibtex";
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  });
  record.after(button);
}
