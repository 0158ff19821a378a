"""Functions whose modules are imported on first call: reportlab, XlsxWriter and matplotlib would otherwise cost
the app a large part of a second at every start, for features a session may never use."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def imported_when_called(module: str, name: str) -> Callable[..., Any]:
    """A stand-in for `module.name` that imports the module the first time it is called."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = name
    call.__qualname__ = f"{module}.{name}"
    return call
