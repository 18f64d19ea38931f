"""``quizlib plugins``: what is installed, where it comes from, what it registers."""

from __future__ import annotations

import argparse
import json

from quizlib.commands.common import SubParsers, load_host, plugin_options


def add_parser(sub: SubParsers) -> None:
    """Register ``plugins``."""
    parser = sub.add_parser(
        "plugins",
        parents=[plugin_options()],
        help="list plugins, their origin and what they register",
        description="List every plugin (built-in, entry point, plugins dir), what it registers, "
        "and the plugins that failed to load.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the plugins and load errors."""
    host = load_host(args, quiet=True)
    if args.json:
        payload = {
            "plugins": [info._asdict() for info in host.infos.values()],
            "sections": {
                name: {"fields": sorted(s.fields), "question_types": [qt.name for qt in host.types_for(name)]}
                for name, s in sorted(host.sections.items())
            },
            "errors": [e._asdict() for e in host.errors],
            "warnings": host.warnings,
        }
        print(json.dumps(payload, indent=2))
        return 0
    for info in host.infos.values():
        version = f" {info.version}" if info.version and info.version not in info.location else ""
        print(f"{info.name}  ({info.origin}: {info.location}{version})")
        if info.sections:
            print(f"    sections: {', '.join(info.sections)}")
        if info.question_types:
            types = ", ".join(
                f"{t} - {host.question_types[t].description}" if t in host.question_types else t
                for t in info.question_types
            )
            print(f"    question types: {types}")
    for error in host.errors:
        print(f"FAILED {error}")
    for warning in host.warnings:
        print(f"WARNING {warning}")
    return 0
