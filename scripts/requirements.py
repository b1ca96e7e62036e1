"""Print the requirements declared in pyproject.toml, one per line, for pip.

The Makefile installs from this list so that pyproject.toml stays the one place
where dependencies are declared.
"""

import argparse
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def requirements(*, dev: bool) -> list[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    found: list[str] = list(project["dependencies"])
    if dev:
        found += project["optional-dependencies"]["dev"]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", action="store_true", help="include test and build tools")
    args = parser.parse_args()
    print("\n".join(requirements(dev=args.dev)))


if __name__ == "__main__":
    main()
