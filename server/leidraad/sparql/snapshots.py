"""Where the query workers' snapshot lives, and removing those a killed server left behind.

A pool writes its store once into a folder of its own, ``leidraad-workers-<pid>-<random>``, in the temporary
directory (or ``WORKERS_DIR``), and removes it when it closes or its process exits.  A process that got to neither
-- killed, or ended by a signal it had no handler for, as a test run stopped by ``timeout`` is -- leaves the folder
behind: the pid in its name lets the next pool made there see that its process is gone and remove it, so the
folders do not pile up in ``/tmp`` however servers and test runs end.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

#: How a snapshot folder is named: this, the pid of the process that made it, a hyphen, a random part.
PREFIX = "leidraad-workers-"


def new_folder(parent: Path | None = None) -> Path:
    """A fresh folder for this process's snapshot in ``parent`` (default: the temporary directory), after
    removing the folders there of processes that no longer run."""
    parent = parent or Path(tempfile.gettempdir())
    parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(parent)
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=parent))


def remove_abandoned(parent: Path) -> list[Path]:
    """Remove the snapshot folders in ``parent`` whose process no longer runs; the folders removed.

    A folder of a process that still runs (or of another user's, which this one may not signal) is kept, and so
    is one named without a pid (made before folders carried one): nothing says whose it is.
    """
    removed = []
    for folder in sorted(parent.glob(PREFIX + "*-*")):
        pid = folder.name[len(PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or _runs(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _runs(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # not ours to signal: it runs
        return True
    return True
