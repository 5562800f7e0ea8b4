"""o2o demo DIR: write the demo world (captures, CRM, receipts, partner, registers,
truth.json) and a demo workspace DIR/demo.o2o built from it by the real importers."""
from __future__ import annotations

from pathlib import Path

from app.cli._common import add_json_arg, stderr_progress


def register(sub) -> None:
    demo = sub.add_parser("demo", help="generate the demo world and its workspace into DIR")
    demo.add_argument("dir", type=Path, metavar="DIR")
    demo.add_argument("--seed", type=int, default=7, help="same seed, same bytes (default 7)")
    demo.add_argument("--scale", choices=("small", "medium", "large"), default="small",
                      help="small: 3 days, ~0.2 M frames; medium: a mall month; large: benchmark size")
    demo.add_argument("--no-workspace", action="store_true",
                      help="only write the files and truth.json, do not build demo.o2o")
    add_json_arg(demo)
    demo.set_defaults(func=cmd_demo)


def cmd_demo(args):
    from engine.demo import build_demo

    result = build_demo(args.dir, seed=args.seed, scale=args.scale, workspace=not args.no_workspace,
                        progress=stderr_progress(not args.json))
    if args.json:
        return 0, result
    lines = [f"demo world (seed {result['seed']}, {result['scale']}) written to {result['out_dir']}: "
             f"{result['files']} files, {result['frames']:,} frames in {result['generation_s']:.1f} s"]
    if "workspace" in result:
        lines.append(f"workspace {result['workspace']}: {len(result['imported'])} files imported")
    for item in result.get("skipped", []):
        lines.append(f"  not imported: {item['path']} ({item.get('reason') or item.get('message')})")
    lines.append(f"total {result['seconds']:.1f} s; the planted truth is in truth.json")
    return 0, "\n".join(lines)
