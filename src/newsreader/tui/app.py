"""NewsReaderApp: the terminal app over one library folder.

The app itself is thin: it opens the library and the saved state, pushes the main screen, owns
the keys that work on every screen (help, quit) and keeps the chosen theme in the config file.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable
from functools import partial
from multiprocessing import resource_tracker
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ..library import Config, ConfigError, Library, StateStore, load_config, save_setting
from ..library.locations import state_file
from .malloc_arenas import use_few_arenas
from .screens.help import HelpScreen, binding_groups
from .screens.main import MainScreen
from .session import Session

DEFAULT_THEME = "textual-dark"


class NewsReaderApp(App[None]):
    """Browse, search and read the articles in a folder."""

    CSS_PATH = "newsreader.tcss"
    TITLE = "newsreader"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", tooltip="Show every key"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, root: Path, config: Config | None = None) -> None:
        """``config`` as the command line loaded it, else the config file is read here."""
        super().__init__()
        _start_resource_tracker()
        use_few_arenas()  # before the app's threads start: each would make its own
        self.root = root
        config = config or load_config()
        self.config_warnings = list(config.warnings)
        self.reader_width = config.reader_width
        self.library = Library(root, max_bytes=config.max_bytes)
        self.state = StateStore(state_file())
        self.session = Session(self.state, self.library.key, self.library.folder)
        if config.theme is not None and config.theme not in self.available_themes:
            self.config_warnings.append(
                f"config {config.path}: theme {config.theme!r} is not one of the app's themes; "
                f"using {DEFAULT_THEME}"
            )
        saved = config.theme if config.theme in self.available_themes else None
        self.theme = saved or DEFAULT_THEME
        self._saved_theme = self.theme

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, lambda theme: self._save_theme(theme.name))
        self.push_screen(MainScreen(self.library, self.session, reader_width=self.reader_width))
        for warning in self.config_warnings:
            self.notify(warning, severity="warning", timeout=10, markup=False)

    def _save_theme(self, name: str) -> None:
        if name == self._saved_theme:
            return
        try:
            save_setting("theme", name)
        except (OSError, ConfigError) as error:
            self.notify(f"cannot save the theme: {error}", severity="error", markup=False)
            return
        self._saved_theme = name

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key's action in the command palette too, with the same words as the help."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            for binding in MainScreen.BINDINGS:
                assert isinstance(binding, Binding)
                if screen.check_action(binding.action, ()):
                    run = partial(screen.run_action, binding.action)
                    yield SystemCommand(binding.description, binding.tooltip or "", run)
        yield SystemCommand("Help", "Show every key", self.action_help)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        screen_bindings = list(MainScreen.BINDINGS)
        self.push_screen(HelpScreen(binding_groups(screen_bindings, list(self.BINDINGS))))

    async def action_quit(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.save_places()
        self.exit()

    def on_unmount(self) -> None:
        self.library.close()
        self.state.close()
        gc.unfreeze()  # what the main screen froze may be collected again once the app is gone


def _start_resource_tracker() -> None:
    """Start multiprocessing's helper now, while ``sys.stderr`` is still the real one.

    A big scan parses in worker processes, and the first of them starts a resource tracker that
    is handed ``sys.stderr.fileno()``; once Textual has replaced stderr that is not a valid
    descriptor and the scan would fail with "bad value(s) in fds_to_keep".
    """
    with contextlib.suppress(OSError, ValueError):  # then the first big scan fails and says so
        resource_tracker.ensure_running()


def run_app(root: Path, config: Config | None = None) -> int:
    """Run the app on the library folder ``root``; the exit status for the command line."""
    NewsReaderApp(root, config).run()
    return 0
