"""``newsreader``: a command when one is given, else the app."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from .cli import CommandError, build_parser, resolve_library, run

    args = build_parser().parse_args(argv)
    if args.command:
        return run(args)
    try:
        root = resolve_library(args.library)
    except CommandError as error:
        print(f"newsreader: error: {error}", file=sys.stderr)
        return 1
    from .tui.app import run_app

    return run_app(root)


if __name__ == "__main__":
    sys.exit(main())
