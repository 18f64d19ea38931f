"""Print pip constraints pinning each runtime dependency to the lowest version pyproject allows.

Used by .ci/run to prove the bottom of every range: `pip install -c <(python this) '.[test]'`.
A dependency without a lower bound is an error: its lowest version would be unknowable.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_LOWER = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)$")


def lowest(requirement: str) -> str:
    """``name==version`` for the ``>=`` (or ``==``/``~=``) bound of a requirement."""
    match = _LOWER.match(requirement.split(";")[0])
    if match is None:
        raise ValueError(f"cannot read requirement {requirement!r}")
    name, spec = match.groups()
    for clause in spec.split(","):
        bound = re.match(r"\s*(>=|==|~=)\s*([^\s,]+)", clause)
        if bound:
            return f"{name}=={bound.group(2)}"
    raise ValueError(f"{requirement!r} has no lower bound")


def main() -> int:
    pyproject = Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml")
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    for requirement in data["project"]["dependencies"]:
        print(lowest(requirement))
    return 0


if __name__ == "__main__":
    sys.exit(main())
