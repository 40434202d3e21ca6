"""Command line: python -m dlplay train|bench|info ..."""
from __future__ import annotations

import argparse
import ast
import platform
import runpy
import sys
import time

import numpy
import onnxruntime as ort

from dlplay import recipes, runtime, settings, shipped


def _parse_sets(pairs: list[str]) -> dict:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise SystemExit(f"--set expects key=value, got '{pair}'")
        key, raw = pair.split("=", 1)
        try:
            out[key] = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            out[key] = raw
    return out


def _progress_printer():
    last = [0.0]

    def show(p):
        now = time.time()
        if p.event == "epoch" or now - last[0] > 2:
            last[0] = now
            values = p.history[-1] if p.event == "epoch" and p.history else p.values
            shown = " ".join(f"{k}={v:.4f}" for k, v in values.items()
                             if isinstance(v, float) and not k.startswith("_") and k != "elapsed")
            eta = f" eta {p.eta:.0f}s" if p.eta is not None else ""
            print(f"  epoch {p.epoch}/{p.epochs} step {p.step}/{p.steps} {shown}{eta}", flush=True)
    return show


def cmd_train(args) -> int:
    from dlplay import export, train  # torch: only the commands that train load it

    train.use_threads(settings.TRAIN_THREADS or settings.CPU_COUNT)  # the CLI trains alone
    recipe = recipes.get(args.recipe)
    config = {**recipe.DEFAULTS, **getattr(recipe, "SHIPPED", {}), **_parse_sets(args.set)}
    if args.seed is not None:
        config["seed"] = args.seed
    print(f"training {args.recipe} with {config}", flush=True)
    try:
        result = recipe.train(config, callback=_progress_printer())
    except export.ExportError as e:
        print(f"export refused: {e}\nnothing written to models/", file=sys.stderr)
        return 1
    print(result.outcome.message)
    if result.outcome.status != "finished":
        print("nothing written to models/", file=sys.stderr)
        return 1
    print("metrics:", {k: v for k, v in result.metrics.items()})
    if args.dry_run or not result.artifacts:
        print("dry run: nothing written" if args.dry_run else "this recipe ships no files")
        return 0
    entries = export.save(args.recipe, result.artifacts, config=result.config, metrics=result.metrics,
                          data=recipe.DATA, models_dir=args.models_dir, extra_files=result.files)
    for name, entry in entries.items():
        print(f"wrote {name} ({entry['bytes']} bytes, sha256 {entry['sha256'][:12]})")
    return 0


def cmd_bench(args) -> int:
    path = settings.ROOT / "bench" / f"{args.name}.py"
    if not path.is_file():
        names = sorted(p.stem for p in (settings.ROOT / "bench").glob("*.py"))
        raise SystemExit(f"no benchmark '{args.name}'; choose one of: {', '.join(names)}")
    sys.argv = [str(path), *args.rest]
    runpy.run_path(str(path), run_name="__main__")
    return 0


def cmd_info(args) -> int:
    print(f"python       {platform.python_version()} on {platform.platform()} ({settings.CPU_COUNT} cores)")
    print(f"numpy        {numpy.__version__}")
    print(f"onnxruntime  {ort.__version__} (available: {', '.join(ort.get_available_providers())})")
    print(f"serving on   {runtime.device_summary()} (providers asked: {', '.join(runtime.wanted_providers())})")
    try:
        import torch  # optional here: a serving-only host has none
        cuda = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no CUDA device"
        print(f"torch        {torch.__version__} (training on {cuda})")
    except ImportError:
        print("torch        not installed (serving only; training disabled)")
    print(f"models dir   {settings.MODELS_DIR}")
    manifest = runtime.manifest()
    for name in sorted(recipes.REGISTRY):
        for f in shipped.FILES.get(name, []):
            path = settings.MODELS_DIR / f
            expected = manifest.get(f, {}).get("sha256")
            state = ("MISSING" if not path.exists() else
                     "ALTERED" if expected and runtime.sha256(path.read_bytes()) != expected else "ok")
            print(f"  {f:28s} {state:8s} {manifest.get(f, {}).get('metrics', '')}")
    print("limits:")
    for k, v in settings.as_table():
        print(f"  {k:24s} {v}")
    return 0


def cmd_i18n(args) -> int:
    from dlplay import i18n_tools  # Babel is a development requirement; the other commands work without it

    if args.action == "extract":
        for domain, n in i18n_tools.extract(args.domains).items():
            print(f"{domain:12s} {n} strings")
        return 0
    if args.action == "compile":
        for path in i18n_tools.compile_all(args.domains):
            print(f"wrote {path.relative_to(settings.ROOT)}")
        return 0
    gaps = i18n_tools.missing()
    for domain, strings in gaps.items():
        for text in strings:
            print(f"{domain}: {text!r}")
    total = sum(len(v) for v in gaps.values())
    print(f"{total} string(s) without a Chinese translation")
    return 1 if total else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dlplay", description="DL Playground command line.")
    sub = ap.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="train a shipped model and write it into models/ (with its manifest entry)")
    t.add_argument("recipe", choices=sorted(recipes.REGISTRY))
    t.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a setting")
    t.add_argument("--seed", type=int)
    t.add_argument("--models-dir", default=None, help="write somewhere else than models/")
    t.add_argument("--dry-run", action="store_true", help="train and report, write nothing")
    t.set_defaults(func=cmd_train)
    b = sub.add_parser("bench", help="run bench/<name>.py, which prints a table")
    b.add_argument("name")
    b.add_argument("rest", nargs=argparse.REMAINDER)
    b.set_defaults(func=cmd_bench)
    i = sub.add_parser("info", help="versions, providers, device, shipped models, limits")
    i.set_defaults(func=cmd_info)
    n = sub.add_parser("i18n", help="translation catalogs: extract new strings, list missing ones, compile")
    n.add_argument("action", choices=["extract", "missing", "compile"])
    n.add_argument("domains", nargs="*", metavar="catalog",
                   help="only these catalogs (default: all); helpers editing one page touch one catalog")
    n.set_defaults(func=cmd_i18n)
    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
