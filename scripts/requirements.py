"""Print the requirements declared in pyproject.toml, one per line, for pip.

The Makefile installs from this list so that pyproject.toml stays the one place
where dependencies are declared.
"""

import argparse
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def requirements(*, dev: bool, extras: tuple[str, ...] = ()) -> list[str]:
    """The app's dependencies, plus the dev tools and the named optional extras."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    found: list[str] = list(project["dependencies"])
    optional = project["optional-dependencies"]
    for extra in ("dev", *extras) if dev else extras:
        found += optional[extra]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", action="store_true", help="include test and build tools")
    parser.add_argument(
        "--extra", action="append", default=[], help="include an optional extra (e.g. batch)"
    )
    args = parser.parse_args()
    print("\n".join(requirements(dev=args.dev, extras=tuple(args.extra))))


if __name__ == "__main__":
    main()
