// Progressive enhancement of the comment form; without this file the form and Reply links still work.
// 1. The form on a baked page carries a token signed when the page was baked; as the page is shown,
//    ask for a fresh one, so the minimum time between showing the form and posting counts from now.
// 2. "Reply" moves the form under the comment instead of reloading the page with ?replytocom=N.
(() => {
  const form = document.getElementById("commentform");
  if (!form) return;
  const respond = document.getElementById("respond");
  const home = respond.parentNode;
  const homeNext = respond.nextSibling;
  const parentField = form.querySelector("#id_parent");
  const title = document.getElementById("reply-title");
  const titleText = title.textContent;

  async function refreshToken() {
    try {
      const response = await fetch(form.dataset.tokenUrl, { credentials: "omit", cache: "no-store" });
      if (!response.ok) return;
      const data = await response.json();
      if (typeof data.token === "string") form.querySelector("#id_token").value = data.token;
    } catch {
      // Offline or blocked: the baked token still works.
    }
  }
  refreshToken();
  // A page restored from the back/forward cache is "shown" again without reloading.
  window.addEventListener("pageshow", (event) => { if (event.persisted) refreshToken(); });

  let cancel = null;
  function resetReply() {
    parentField.value = "";
    title.textContent = titleText;
    home.insertBefore(respond, homeNext);
    if (cancel) { cancel.remove(); cancel = null; }
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-reply-to]");
    if (!link) return;
    event.preventDefault();
    const comment = document.getElementById(`comment-${link.dataset.replyTo}`);
    const name = comment.querySelector(".comment__author").textContent.trim();
    parentField.value = link.dataset.replyTo;
    title.textContent = `Reply to ${name}`;
    link.closest(".comment__card").after(respond);
    if (!cancel) {
      cancel = document.createElement("button");
      cancel.type = "button";
      cancel.className = "comment-form__cancel";
      cancel.textContent = "Cancel reply";
      cancel.addEventListener("click", resetReply);
      form.querySelector(".comment-form__submit").append(" ", cancel);
    }
    form.querySelector("#id_comment").focus();
  });
})();
