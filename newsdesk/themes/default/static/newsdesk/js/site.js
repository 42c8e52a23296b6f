// Progressive enhancement only: every page works without this file.
// "Copy link" copies the article's address and says so; without JavaScript it is an ordinary link.
document.addEventListener("click", async (event) => {
  const link = event.target.closest("[data-copy-link]");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  const status = link.parentElement.querySelector(".share__status");
  try {
    await navigator.clipboard.writeText(link.href);
    if (status) status.textContent = "Link copied";
  } catch {
    if (status) status.textContent = "Copy failed: press and hold the link to copy it";
  }
});
