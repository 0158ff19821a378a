"""Who made a change and when, as the file records them beside each change and in its audit log."""

from __future__ import annotations

import datetime as dt
import getpass


def now_timestamp() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser() raises several kinds of error when no login name can be found
        return "unknown user"
