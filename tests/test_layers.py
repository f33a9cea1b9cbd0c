"""The layers of the project (pyproject.toml's import-linter contract) hold, and the check
would catch a lower layer importing a higher one."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("catalog", "people", "coproductions", "search", "front", "api", "curation", "benchmarks")
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def lint_imports(folder):
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=folder, capture_output=True, text=True, timeout=120
    )


def test_every_app_imports_only_from_the_layers_below_it():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_check_fails_when_the_catalogue_imports_a_page(tmp_path):
    for name in (*APPS, "nkfilms"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with open(tmp_path / "catalog" / "validators.py", "a") as module:
        module.write("\nfrom front.views import films  # a core module reaching up\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "catalog.validators -> front.views.films" in result.stdout
