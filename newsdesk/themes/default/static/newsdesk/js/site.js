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

// "Share…" opens the device's own share sheet (Web Share API) with the headline and the canonical address.
// It stays hidden where the browser has no share sheet; nothing is sent anywhere until the reader picks a target.
if (navigator.share) {
  for (const item of document.querySelectorAll("[data-share-native]")) item.hidden = false;
}
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-share-native] button");
  if (!button || !navigator.share) return;
  const { shareTitle: title, shareUrl: url } = button.dataset;
  try {
    await navigator.share({ title, text: title, url });
  } catch {
    // The reader closed the share sheet (AbortError) or the target refused: there is nothing to report.
  }
});
