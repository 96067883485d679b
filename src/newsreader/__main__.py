"""``newsreader``: a command when one is given, else the app."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from .cli import CommandError, build_parser, resolve_library, run
    from .library import load_config

    args = build_parser().parse_args(argv)
    if args.command:
        return run(args)
    config = load_config()
    try:
        root = resolve_library(args.library, config)
    except CommandError as error:
        # the app would have shown the config's warnings; without it they go where the error goes
        for warning in config.warnings:
            print(f"newsreader: warning: {warning}", file=sys.stderr)
        print(f"newsreader: error: {error}", file=sys.stderr)
        return 1
    from .tui.app import run_app

    return run_app(root, config)


if __name__ == "__main__":
    sys.exit(main())
