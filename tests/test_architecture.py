"""The model knows nothing of Streamlit (DESIGN.md): importing every planner module loads no streamlit."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import planner


def test_planner_never_imports_streamlit():
    modules = [m.name for m in pkgutil.iter_modules(planner.__path__) if m.name != "__main__"]
    assert {"model", "foods", "targets", "shopping", "charts", "cli"} <= set(modules)
    code = "import sys\n" + "".join(f"import planner.{m}\n" for m in modules) + \
        "print(sorted(k for k in sys.modules if k.split('.')[0] == 'streamlit'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "[]", out.stdout


def test_streamlit_never_phones_home():
    config = (Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text()
    assert "gatherUsageStats = false" in config
    assert 'serverAddress = "localhost"' in config  # else a headless start looks up its external IP online


def test_no_module_is_far_over_300_lines():
    """STYLE.md: one module per idea, under ~300 lines; 330 leaves room for planner/planfile.py (313 lines)."""
    root = Path(__file__).resolve().parents[1]
    modules = sorted([*root.glob("*.py"), *(root / "planner").glob("*.py")])
    assert {"app.py", "household_view.py", "model.py"} <= {m.name for m in modules}
    lengths = {str(m.relative_to(root)): len(m.read_text().splitlines()) for m in modules}
    assert {name: n for name, n in lengths.items() if n > 330} == {}
