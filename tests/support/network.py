"""Notes every internet socket or name lookup made anywhere in the test process (an audit hook conftest installs)."""

from __future__ import annotations

import socket

_NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}

network_use: list[str] = []  # what was opened, in order; the guard in conftest fails the test that added to it


def watch_for_network_use(event: str, args: tuple) -> None:
    """An audit hook (sys.addaudithook): note any internet socket or name lookup."""
    if not event.startswith("socket."):
        return
    if event == "socket.__new__" and len(args) > 1 and args[1] in _NETWORK_FAMILIES:
        network_use.append(f"{event}{args[1:]}")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.connect"):
        network_use.append(f"{event}{args}")
