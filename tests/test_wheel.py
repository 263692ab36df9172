"""A wheel built from a clean clone carries the lexicons and runs `framing score`."""

import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def tracked_files() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: cannot tell which files a clean clone has")
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [name for name in listing.split("\0") if name]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    clone = tmp_path_factory.mktemp("clone")
    for name in tracked_files():
        if (ROOT / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    dist = tmp_path_factory.mktemp("dist")
    # No build isolation: an isolated build would download setuptools. The build
    # requirements (setuptools>=77) are in the test extra, so this environment has them.
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(dist), str(clone)],
        capture_output=True, text=True, check=False,
    )
    assert built.returncode == 0, built.stderr
    (built,) = dist.glob("framing-*.whl")
    return built


def test_wheel_contains_lexicons_and_sample(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tsv = [n for n in names if n.startswith("framing/lexicons/") and n.endswith(".tsv")]
    shipped = [Path(n).name for n in tracked_files() if n.startswith("lexicons/") and n.endswith(".tsv")]
    assert sorted(Path(n).name for n in tsv) == sorted(shipped)
    assert "framing/lexicons/abbreviations.txt" in names
    assert any(n.startswith("framing/examples/") and n.endswith(".txt") for n in names)
    assert "framing/report/templates/page.html.j2" in names and "framing/report/templates/report.css" in names
    assert "framing/models/slant.npz" in names and "framing/models/slant.json" in names
    assert "framing/evaluation/gold/frames.tsv" in names  # issue 7: `framing evaluate frames` installed
    assert "framing/lexicons/frames/policy.tsv" in names
    assert "framing/lexicons/frames/moral.tsv" in names


def test_wheel_installs_into_a_fresh_venv_and_scores(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # Reuse this interpreter's installed dependencies; the wheel itself goes into the venv.
    # A .pth line, not --system-site-packages: when the tests run inside a venv, "system"
    # would mean the base interpreter, which lacks them. A plain path line does not run
    # the .pth files there, so an editable install of framing stays out of the new venv.
    own = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                         capture_output=True, text=True, check=True).stdout.strip()
    parents = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib"), *site.getsitepackages()}
    Path(own, "parent_site.pth").write_text("\n".join(sorted(parents)) + "\n", encoding="utf-8")
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True)
    where = subprocess.run(
        [python, "-c", "import framing; print(framing.__file__)"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert where.startswith(str(venv)), f"framing imported from {where}, not the venv"
    result = subprocess.run(
        [venv / "bin" / "framing", "score", "--format", "json"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"so-called"' in result.stdout
    assert '"classifier+density"' in result.stdout  # the shipped model loaded from the wheel
    report = subprocess.run([venv / "bin" / "framing", "report", "-o", str(tmp_path / "r.html")],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert report.returncode == 0, report.stderr
    assert "<html" in (tmp_path / "r.html").read_text(encoding="utf-8")
    frames = subprocess.run([venv / "bin" / "framing", "evaluate", "frames", "--split", "test"],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert frames.returncode == 0, frames.stderr
    assert "split test: 75 sentences, primary-frame accuracy" in frames.stdout
