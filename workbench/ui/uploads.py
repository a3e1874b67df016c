"""Which files a page may name: only those this server's Gradio received from a browser.

A page's request names a file by its path on the server, and a forged one could name any file
there (/etc/passwd, another session's export, a link into /etc). Every handler that takes a
file from the page calls `uploaded_file` first; `app.UploadsOnly` calls it too, before Gradio
copies anything (and refuses URLs, which Gradio would download).
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.errors import InputError
from workbench.review.transfer import safe_filename


def upload_folder() -> Path:
    """Where this server's Gradio keeps what browsers upload (and its own file cache):
    GRADIO_TEMP_DIR, else <system temporary folder>/gradio; links in it resolved."""
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder()).resolve()


def uploaded_file(path: str | Path) -> Path:
    """`path` if it names something inside this server's upload folder, else an InputError.

    The path is made absolute and every link in it is followed before it is compared, so
    neither `..` nor a link can lead out of the folder. Every handler that takes a file from
    the page calls this first, whatever Gradio checked before (`app.UploadsOnly` also calls it
    before Gradio copies anything, and refuses URLs, which Gradio would download)."""
    given = os.fspath(path)
    if "://" in given or not os.path.isabs(given):
        raise _not_uploaded()
    folder = upload_folder()
    real = Path(os.path.realpath(given))
    if real == folder or not real.is_relative_to(folder):
        if os.path.islink(given):  # only someone on the server can have put a link there
            raise InputError(
                f"{safe_filename(Path(given).name)} is a symbolic link to a file outside this "
                "server's upload folder: upload the file itself."
            )
        raise _not_uploaded()
    return Path(given)


def _not_uploaded() -> InputError:
    return InputError(
        "That file was not uploaded to this server: choose it with the file box on the page "
        "(the server reads only files the browser has uploaded)."
    )
