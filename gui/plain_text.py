"""Filing text is untrusted: it is shown as the characters it holds, never as markup.

Qt guesses whether a string is rich text (Qt.mightBeRichText) in labels, tooltips and message
boxes: a heading holding `<img width=20000 …>` would otherwise draw an image and stretch the
window. Labels and dialogs are set to plain text where they are made; a tooltip cannot be, so
tooltip text is escaped and wrapped as rich text that shows exactly the original characters.

>>> tooltip_text("<b>Risk</b> & more")
'<p style="white-space:pre-wrap">&lt;b&gt;Risk&lt;/b&gt; &amp; more</p>'
"""

from __future__ import annotations

import html


def tooltip_text(text: str) -> str:
    """A tooltip that shows `text` as written (line breaks kept); "" stays "" (no tooltip)."""
    if not text:
        return ""
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def menu_text(text: str) -> str:
    """`text` as a menu or button title: an "&" is a letter, not a keyboard mnemonic."""
    return text.replace("&", "&&")
