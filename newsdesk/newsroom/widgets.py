"""The article body's editor: Markdown with a toolbar, a live preview, and the word count and reading
time as the site will compute them (the preview endpoint runs the site's own functions)."""

from django import forms


class MarkdownEditor(forms.Textarea):
    template_name = "newsroom/widgets/markdown_editor.html"

    class Media:
        css = {"all": ["newsroom/editor.css"]}
        js = ["newsroom/editor.js"]

    def __init__(self, attrs=None):
        super().__init__({"rows": 24, "class": "markdown-editor__input", "spellcheck": "true", **(attrs or {})})
