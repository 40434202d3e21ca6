"""Rules for a public demo, each checked here (uploads have their own tests in test_uploads.py)."""
import ast
from pathlib import Path

from dlplay.ui.training import safe_filename

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("dlplay/ui/*.py"), ROOT / "app.py"])


def _unsafe_html_calls():
    for path in UI_FILES:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and any(
                    k.arg == "unsafe_allow_html" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
                    for k in node.keywords):
                yield path, node


def test_no_html_rendering_of_anything_dynamic():
    """unsafe_allow_html is only allowed with a literal string (fixed styling), never with text built at run time."""
    offenders = [f"{p.relative_to(ROOT)}:{n.lineno}" for p, n in _unsafe_html_calls()
                 if not (n.args and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str))]
    assert offenders == []


def test_pages_load_models_only_through_runtime():
    """Pages never open ONNX files by path; runtime.shipped only takes bare names inside models/."""
    for path in ROOT.glob("pages/*.py"):
        text = path.read_text()
        assert "InferenceSession(" not in text and "session_from_path(" not in text, path.name


def test_download_names_are_safe():
    assert safe_filename("../../etc/passwd") == "etc_passwd"
    assert safe_filename("my run #3 cnn.onnx") == "my_run_3_cnn.onnx"
    assert safe_filename("<script>.onnx") == "script_.onnx"
    assert safe_filename("...") == "model"


def test_table_cells_cannot_break_out_of_markdown():
    from dlplay.ui.tables import markdown_table
    text = markdown_table({"a": ["x | y", "<img src=x onerror=alert(1)>", "[link](javascript:alert(1))"]})
    import re
    lines = text.splitlines()
    unescaped_pipes = [len(re.findall(r"(?<!\\)\|", line)) for line in lines[2:]]
    assert len(lines) == 5 and unescaped_pipes == [2, 2, 2]
    assert not re.search(r"(?<!\\)<img", text) and not re.search(r"(?<!\\)\]\(", text)
