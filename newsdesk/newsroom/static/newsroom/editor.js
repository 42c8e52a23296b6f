// The article editor: toolbar, live preview, word count and reading time as the site computes them.
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function wrap(textarea, before, after, placeholder) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var selected = textarea.value.slice(start, end) || placeholder;
    textarea.setRangeText(before + selected + after, start, end, "end");
    textarea.focus();
    textarea.dispatchEvent(new Event("input"));
  }

  function prefixLines(textarea, prefix) {
    var value = textarea.value;
    var start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    var end = textarea.selectionEnd;
    var block = value.slice(start, end) || "Text";
    var replaced = block.split("\n").map(function (line) { return prefix + line.replace(/^(#{1,6} |> |- )/, ""); }).join("\n");
    textarea.setRangeText(replaced, start, end, "end");
    textarea.focus();
    textarea.dispatchEvent(new Event("input"));
  }

  function setUp(editor) {
    var textarea = editor.querySelector("textarea");
    var previewPane = editor.querySelector(".markdown-editor__preview");
    var words = editor.querySelector("[data-figure=words]");
    var minutes = editor.querySelector("[data-figure=minutes]");
    var library = editor.querySelector(".markdown-editor__library");
    var languageSelect = document.getElementById("id_language");
    var timer = null, sent = 0;

    function refresh() {
      var ticket = ++sent;
      var body = new FormData();
      body.append("body", textarea.value);
      body.append("language", languageSelect ? languageSelect.value : "");
      fetch(editor.dataset.previewUrl, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken() },
      }).then(function (response) { return response.json(); }).then(function (data) {
        if (ticket !== sent || data.error) { return; }
        previewPane.innerHTML = data.html; // sanitised by the server (nh3), as on the site
        words.textContent = data.word_count;
        minutes.textContent = data.reading_time;
      }).catch(function () { /* the next keystroke tries again */ });
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
    if (languageSelect) { languageSelect.addEventListener("change", refresh); }

    var actions = {
      h2: function () { prefixLines(textarea, "## "); },
      h3: function () { prefixLines(textarea, "### "); },
      bold: function () { wrap(textarea, "**", "**", "bold text"); },
      italic: function () { wrap(textarea, "_", "_", "italic text"); },
      quote: function () { prefixLines(textarea, "> "); },
      list: function () { prefixLines(textarea, "- "); },
      link: function () {
        var url = window.prompt("Link address (https://…)", "https://");
        if (url) { wrap(textarea, "[", "](" + url + ")", "link text"); }
      },
      image: function () { library.hidden = false; searchLibrary(""); library.querySelector("input").focus(); },
    };
    editor.querySelectorAll("[data-md]").forEach(function (button) {
      button.addEventListener("click", function () { actions[button.dataset.md](); });
    });

    var results = library.querySelector(".markdown-editor__library-results");
    function searchLibrary(query) {
      fetch(editor.dataset.libraryUrl + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          results.textContent = "";
          (data.images || data.results || []).forEach(function (image) {
            var item = document.createElement("li");
            var button = document.createElement("button");
            button.type = "button";
            var img = document.createElement("img");
            img.src = image.thumbnail_url || image.url;
            img.alt = image.alt || image.alt_text || "";
            button.appendChild(img);
            button.appendChild(document.createTextNode(img.alt));
            button.addEventListener("click", function () {
              var snippet = image.markdown || "![" + img.alt + "](" + (image.url || img.src) + ")";
              textarea.setRangeText("\n" + snippet + "\n", textarea.selectionStart, textarea.selectionEnd, "end");
              library.hidden = true;
              textarea.focus();
              textarea.dispatchEvent(new Event("input"));
            });
            item.appendChild(button);
            results.appendChild(item);
          });
          if (!results.children.length) { results.textContent = "No images found."; }
        })
        .catch(function () { results.textContent = "The media library could not be reached."; });
    }
    var searchTimer = null;
    library.querySelector("input").addEventListener("input", function (event) {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(function () { searchLibrary(event.target.value); }, 200);
    });
    library.querySelector(".markdown-editor__library-close").addEventListener("click", function () { library.hidden = true; });
    refresh();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".markdown-editor").forEach(setUp);
  });
})();
