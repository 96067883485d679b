"""Write a library folder of hostile and broken files: what a scraped archive holds after years.

Used by the tests (``make_hostile(root)``) and by hand, to look at the app on it:
``python tests/hostile/make_hostile.py DIR`` then ``newsreader --library DIR``.

Large files are sparse or generated here rather than committed. ``EXPECTED_PROBLEMS`` and
``EXPECTED_TITLES`` say what a scan must make of the folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

MARKUP_TITLE = "[bold red]ALERT[/] [link=https://evil.example]click[/link]"
ESCAPE_TITLE = (
    "Escape \x1b[2J\x1b[31mRed\x1b[0m \x1b]52;c;ZXZpbA==\x07Clip \x1b]0;pwned\x07Title "
    "\x1b]8;;https://evil.example\x1b\\Link\x1b]8;;\x1b\\ \x9b31mC1 \u202eDesrever\u202c Bidi "
    "\u2066Isolate\u2069 End"
)
WIDE_TITLE = "東京で会議 🎉🎉 Zalgo z̸̢̛̤a̶̧͎l̷̡̛g̵̨̛o̸̢̧ Wide Title"

# name -> reason, for files that must be refused (paths relative to the folder)
EXPECTED_PROBLEMS = {
    "empty.txt": "empty file",
    "whitespace.txt": "no text",
    "nul.txt": "binary file (NUL bytes)",
    "image.txt": "binary file (PNG image)",
    "huge.txt": "too large (50.0 MB > 5.0 MB limit)",
    "broken-link.txt": "broken symbolic link",
}
# a file name -> the title it must parse to, for the files that load despite being odd
EXPECTED_TITLES = {
    "markup.txt": MARKUP_TITLE,
    "wide.txt": WIDE_TITLE,
    "truncated-utf8.txt": "Truncated UTF-8 Article Still Loads Fine",
    "truncated-utf16.txt": "Truncated UTF-16 Article Still Loads Fine",
    "mixed.txt": "Mixed Encodings In One File Still Load",
    "many-lines.txt": "A File With One Hundred Thousand Lines",
    "x.txt/inside.txt": "An Article In A Folder Named Like A File",
    "javascript-url.md": "A Link That Must Never Be Opened",
    "file-url.md": "A File Url That Must Never Be Opened",
}
NON_UTF8_NAME = b"caf\xe9-latin1-name.txt"


def _article(title: str, *paragraphs: str) -> str:
    return "\n\n".join([title, *paragraphs]) + "\n"


def make_hostile(root: Path) -> Path:
    """Fill ``root`` (created) with the hostile corpus; returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    body = "This paragraph is ordinary text, so that the article has a body to read."

    (root / "markup.txt").write_text(
        _article(MARKUP_TITLE, "[italic]not italic[/italic] and [@click=app.quit]quit[/]", body)
    )
    (root / "escapes.txt").write_text(
        _article(ESCAPE_TITLE, f"Body \x1b[2J with \x1b]52;c;aGk=\x07 clipboard. {body}")
    )
    (root / "wide.txt").write_text(_article(WIDE_TITLE, "漢字の本文です。" * 20, body))
    (root / "javascript-url.md").write_text(
        "---\ntitle: A Link That Must Never Be Opened\nurl: javascript:alert(1)\n---\n\n"
        + body + "\n"
    )  # fmt: skip
    (root / "file-url.md").write_text(
        "---\ntitle: A File Url That Must Never Be Opened\nurl: file:///etc/passwd\n---\n\n"
        + body + "\n"
    )  # fmt: skip

    (root / "empty.txt").write_bytes(b"")
    (root / "whitespace.txt").write_text("   \n\n\t  \r\n  \n")
    (root / "nul.txt").write_bytes(b"Title\x00\x00\x00 binary junk \x00" * 50)
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with (root / "huge.txt").open("wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # sparse: 50 MB that costs no disk
    (root / "broken-link.txt").symlink_to(root / "does-not-exist.txt")
    (root / "self-loop.txt").symlink_to(root / "self-loop.txt")
    (root / "folder-loop").symlink_to(root)

    utf8 = _article(
        "Truncated UTF-8 Article Still Loads Fine", body, "Ends mid character: caf"
    ).encode()
    (root / "truncated-utf8.txt").write_bytes(utf8 + "é".encode()[:1])
    utf16 = _article("Truncated UTF-16 Article Still Loads Fine", body).encode("utf-16")
    (root / "truncated-utf16.txt").write_bytes(utf16 + b"\x41")
    mixed = _article("Mixed Encodings In One File Still Load", "Zürich is UTF-8. " + body)
    (root / "mixed.txt").write_bytes(mixed.encode() + "Café in cp1252.\n".encode("cp1252"))
    lines = "\n".join(f"line {i} of a very long file" for i in range(100_000))
    (root / "many-lines.txt").write_text(_article("A File With One Hundred Thousand Lines", lines))
    (root / "long-line.txt").write_text("word " * 200_000 + "\n")
    (root / "x.txt").mkdir()
    (root / "x.txt" / "inside.txt").write_text(
        _article("An Article In A Folder Named Like A File", body)
    )
    name = os.path.join(os.fsencode(root), NON_UTF8_NAME)
    with open(name, "wb") as latin:
        latin.write(_article("A File Whose Name Is Not UTF-8", body).encode())
    evil_name = root / "evil\x1b]0;pwned\x07\x1b[31mname.txt"
    evil_name.write_text(_article("A File Whose Name Holds Escape Sequences", body))
    return root


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_hostile.py DIR")
    print(make_hostile(Path(sys.argv[1])))
