"""The package's rooms and the import contract between them (pyproject.toml [tool.importlinter])."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "unionstate_timeline"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
ROOMS = ("reading", "nlp", "extract", "temporal", "assemble", "outputs", "evaluation", "cli")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def _lint(package_parent: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=package_parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_layout_contract_is_kept() -> None:
    result = _lint(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "backward_import"),
    [
        ("outputs/show.py", "from ..extract import document as _backward\n"),
        ("temporal/values.py", "from ..assemble import merge as _backward\n"),
        ("reading/load.py", "from .. import cli as _backward\n"),
    ],
)
def test_layout_contract_fails_on_a_backward_import(
    tmp_path: Path, module: str, backward_import: str
) -> None:
    copy = tmp_path / "unionstate_timeline"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + "\n" + backward_import, "utf-8")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout


def test_layout_every_room_says_what_it_does() -> None:
    for room in ROOMS:
        init = PACKAGE / room / "__init__.py"
        text = init.read_text(encoding="utf-8")
        assert text.startswith('"""') and len(text.strip().strip('"').split()) >= 12, room


def test_layout_no_module_is_too_long() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450
    }
    assert not long, long
