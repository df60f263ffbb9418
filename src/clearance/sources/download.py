"""Downloading official lists from their publishers (or a mirror) into a staging folder.

Downloads go to a fresh folder; nothing is loaded until every required file of a list has
arrived whole, so a failed or partial download never reaches the store.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from clearance import __version__
from clearance.sources.publishers import Publisher, file_url

USER_AGENT = f"clearance/{__version__} (sanctions list update)"
CHUNK = 1 << 16


class DownloadError(Exception):
    """A publisher could not be reached or refused a required file."""


def download_publisher(
    publisher: Publisher,
    target: Path,
    mirror: str | None = None,
    timeout: float = 60.0,
    progress: Callable[[int], None] | None = None,
) -> Path:
    """Download a publisher's files into ``target/{source}``; returns that folder."""
    folder = target / publisher.source
    folder.mkdir(parents=True, exist_ok=True)
    for published in publisher.files:
        url = file_url(publisher, published, mirror)
        destination = folder / published.file_name
        try:
            _fetch(url, destination, timeout, progress)
        except DownloadError:
            if published.file_name in publisher.required:
                raise
            destination.unlink(missing_ok=True)  # an optional companion file: read without it
    return folder


def _fetch(
    url: str, destination: Path, timeout: float, progress: Callable[[int], None] | None
) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    partial = destination.with_suffix(destination.suffix + ".part")
    try:
        with (
            urllib.request.urlopen(request, timeout=timeout) as response,
            partial.open("wb") as out,
        ):
            while chunk := response.read(CHUNK):
                out.write(chunk)
                if progress:
                    progress(len(chunk))
    except urllib.error.HTTPError as exc:
        partial.unlink(missing_ok=True)
        raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        partial.unlink(missing_ok=True)
        reason = getattr(exc, "reason", exc)
        raise DownloadError(f"cannot reach {url}: {reason}") from exc
    shutil.move(partial, destination)
