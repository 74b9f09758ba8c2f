#!/usr/bin/env python3
"""Install kzviewer from this checkout into its own virtual environment, .venv.

    python3 scripts/bootstrap.py              # the app:      then .venv/bin/kzviewer
    python3 scripts/bootstrap.py --test       # and the tests: then .venv/bin/python -m pytest
    python3 scripts/bootstrap.py --dev        # and the quality gates (scripts/lint)
    python3 scripts/bootstrap.py --test --dev --editable   # to work on the code itself

A virtual environment, because Debian's and Ubuntu's own Python refuse
``pip install`` into themselves (PEP 668, "externally-managed-environment"),
and because kzviewer's dependencies then stay out of the system's.  Where the
system Python cannot give a new environment its own pip (Debian and Ubuntu
without the python3-venv package), the environment is made without one and
the system's pip installs into it (``pip --python``, pip 22.3 or newer).
On Windows run ``py scripts\\bootstrap.py``; the app is then
``.venv\\Scripts\\kzviewer``.  Uses only the standard library.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = ROOT / ".venv"


def python_of(env: Path) -> Path:
    return env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*command: str | Path) -> None:
    print("bootstrap:", " ".join(str(c) for c in command), file=sys.stderr, flush=True)
    subprocess.run([str(c) for c in command], check=True)


def has_pip(python: Path) -> bool:
    return subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True).returncode == 0


def create(env: Path) -> Path:
    """The environment's interpreter, the environment made (or found) with a pip of its own."""
    python = python_of(env)
    if python.exists() and has_pip(python):
        return python
    try:
        if importlib.util.find_spec("ensurepip") is None:
            raise OSError("no ensurepip")
        venv.EnvBuilder(with_pip=True, upgrade_deps=False).create(env)
    except (subprocess.CalledProcessError, OSError, SystemExit):  # Debian's venv exits when it lacks ensurepip
        # No ensurepip (Debian, Ubuntu without python3-venv): an environment
        # without pip, and the system's pip puts one into it.
        venv.EnvBuilder(with_pip=False, clear=True).create(env)
        if subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode != 0:
            sys.exit(
                "bootstrap: this Python can neither make an environment with pip nor run pip itself;\n"
                "install one of them and run this again (Debian, Ubuntu: sudo apt install python3-venv)"
            )
        try:
            run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "pip")
        except subprocess.CalledProcessError:
            sys.exit(
                "bootstrap: the system's pip could not put pip into the environment (it needs pip 22.3 or\n"
                "newer, and the network); or install python3-venv (Debian, Ubuntu: sudo apt install\n"
                "python3-venv) and run this again"
            )
    return python


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", action="store_true", help="also the test extras (pytest, pytest-qt, …)")
    parser.add_argument("--dev", action="store_true", help="also the quality gates (ruff, mypy, import-linter)")
    parser.add_argument(
        "--editable", action="store_true", help="install the checkout itself (pip -e), for those changing the code"
    )
    args = parser.parse_args()
    if sys.version_info < (3, 10):  # noqa: UP036 - this runs on whatever python3 the system has
        sys.exit(f"bootstrap: kzviewer needs Python 3.10 or newer; this is {sys.version.split()[0]}")
    python = create(ENV)
    version = subprocess.run([str(python), "-c", "import sys; print(sys.version_info >= (3, 10))"], capture_output=True)
    if version.stdout.strip() != b"True":
        sys.exit(f"bootstrap: {ENV.relative_to(ROOT)} was made with an older Python; delete it and run this again")
    extras = [name for name, wanted in (("test", args.test), ("dev", args.dev)) if wanted]
    target = f"{ROOT}[{','.join(extras)}]" if extras else str(ROOT)
    try:
        run(python, "-m", "pip", "install", "--disable-pip-version-check", *(["-e"] if args.editable else []), target)
    except subprocess.CalledProcessError as err:
        return err.returncode
    app = ENV / ("Scripts/kzviewer.exe" if os.name == "nt" else "bin/kzviewer")
    print(f"bootstrap: done; start the app with {app.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
