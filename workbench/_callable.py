"""Packages that are also the public function of the same name.

`workbench.translate` and `workbench.align` name both a package and the API function users
call (`workbench.translate(texts, src="en", tgt="ar")`). Once the package is imported, Python
binds its name on `workbench` to the module, hiding the lazy function; making the package
module callable keeps `workbench.translate(...)` working either way.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any


def make_callable(package: str, function: str) -> None:
    """Calling the module `package` calls `function` ("module:name", imported on first call)."""
    module_name, attr = function.split(":")

    class CallablePackage(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return getattr(importlib.import_module(module_name), attr)(*args, **kwargs)

    sys.modules[package].__class__ = CallablePackage
