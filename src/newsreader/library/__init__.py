"""The library under the app: finds, parses, caches and searches article files.

It never imports Textual (a test makes sure), so the command line and any other tool can use it.
"""

from .catalog import SORTS, Catalog, LookupProblem, Sort
from .catalog_columns import folder_of
from .config import Config, ConfigError, load_config, save_setting
from .id_sets import IdSet
from .library import CacheRebuilt, Library, LibraryClosed
from .models import Article, Entry, Problem, ScanReport, skipped_summary
from .query import Query, parse_query
from .scan_run import Progress
from .scanner import LibraryMissing
from .search import SearchResults
from .state import Bookmark, StateError, StateStore
from .stories import Stories, Story
from .tally import Group, Tally, tally
from .watching import Batch, FolderWatch, Update, follow

__all__ = [
    "SORTS",
    "Article",
    "Batch",
    "Bookmark",
    "CacheRebuilt",
    "Catalog",
    "Config",
    "ConfigError",
    "Entry",
    "FolderWatch",
    "Group",
    "IdSet",
    "Library",
    "LibraryClosed",
    "LibraryMissing",
    "LookupProblem",
    "Problem",
    "Progress",
    "Query",
    "ScanReport",
    "SearchResults",
    "Sort",
    "StateError",
    "StateStore",
    "Stories",
    "Story",
    "Tally",
    "Update",
    "folder_of",
    "follow",
    "load_config",
    "parse_query",
    "save_setting",
    "skipped_summary",
    "tally",
]
