"""``dossier build``: the whole site, or nothing; or, where the last build
left its stamps, only what changed.

A clean build writes the site into a fresh folder beside the output folder,
swapped in only when the build succeeded, so a failed build leaves the
previous output byte-identical, and a server never sees a half-written site.

The weekly update: when the last build into the same output folder left its
stamps (:mod:`dossier.stamps`) under the same key (code, settings, theme,
registries), the content is read and checked first (errors stop the build,
the output unchanged), then only the files whose inputs changed are written,
each replaced whole, and those no longer planned removed, in the output
folder itself. Its stamps are removed before the first write and kept again
after the last, so a build that stops half-way is followed by a clean one.
``--clean`` asks for a clean build.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .. import defaults, pipeline, stamps
from ..config import OUTPUT_MARKER, Config, display_path
from ..errors import SearchIndexError, SettingsError
from ..glue import run as runs
from ..index import BUNDLE
from ..progress import Lines, Progress, plural, spinner
from ..report import report, tally

log = logging.getLogger("dossier")
SETTINGS_FILE = "pelicanconf.py"


def add_parser(subparsers: Any) -> None:
    """Declare the ``build`` sub-command."""
    parser = subparsers.add_parser("build", help="build the whole site")
    add_build_options(parser)
    parser.set_defaults(run=run)


def add_build_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``build`` and ``serve``."""
    add_content_options(parser)
    parser.add_argument("--output", help="output folder (default: from settings)")
    parser.add_argument(
        "--site-url", dest="site_url", help="public URL, e.g. https://org.github.io/repo"
    )
    parser.add_argument(
        "--keep-going", action="store_true", help="build every good briefing, skip the bad ones"
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument(
        "--no-search", dest="search", action="store_false", help="skip the search index"
    )
    parser.add_argument(
        "--clean",
        action="store_true",
        help="build every file afresh, not only what changed since the last build",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the output folder even if it is not an earlier Dossier output",
    )


def pelican_settings(args: argparse.Namespace) -> dict[str, Any]:
    """Pelican settings: Dossier's defaults, under the settings file (if there
    is one), under the command-line options.

    Relative paths in the file are relative to the file, as in Pelican; with
    no file, to the working directory.
    """
    from pelican.settings import get_settings_from_file, read_settings

    settings: dict[str, Any] = defaults.settings()
    base = os.getcwd()
    if args.settings:
        base = os.path.dirname(os.path.abspath(args.settings))
        try:
            settings.update(get_settings_from_file(args.settings))
        except Exception as exc:  # a settings file is Python: it can raise anything
            raise SettingsError(f"{display_path(args.settings)}: {_why(exc)}") from None
    for key in ("PATH", "OUTPUT_PATH", "THEME", "CACHE_PATH"):
        value = settings.get(key)
        absolute = os.path.normpath(os.path.join(base, str(value))) if value else None
        # THEME may name one of Pelican's themes rather than a folder.
        if absolute and (key != "THEME" or os.path.exists(absolute)):
            settings[key] = absolute
    settings["PLUGIN_PATHS"] = [
        os.path.normpath(os.path.join(base, p)) for p in settings.get("PLUGIN_PATHS") or []
    ]
    if getattr(args, "content", None):
        settings["PATH"] = os.path.abspath(args.content)
    if getattr(args, "output", None):
        settings["OUTPUT_PATH"] = os.path.abspath(args.output)
    if getattr(args, "site_url", None) is not None:
        settings["SITEURL"] = args.site_url.rstrip("/")
    settings["DOSSIER_KEEP_GOING"] = bool(getattr(args, "keep_going", False))
    settings["DOSSIER_STRICT"] = bool(getattr(args, "strict", False))
    if not getattr(args, "search", True):
        settings["DOSSIER_SEARCH"] = False
    where = display_path(args.settings) if args.settings else "the built-in settings"
    settings["DOSSIER_SETTINGS_FILE"] = where
    try:
        full: dict[str, Any] = read_settings(None, override=settings)
    except Exception as exc:  # Pelican's own checks (a missing theme, say)
        raise SettingsError(f"{where}: {_why(exc)}") from None
    return full


def _why(exc: BaseException) -> str:
    if isinstance(exc, SyntaxError):
        return f"not valid Python, line {exc.lineno}: {exc.msg}"
    text = str(exc) or type(exc).__name__
    if text.startswith("Could not find the theme"):
        return f"{text.rstrip('.')}: set THEME to a folder that exists"
    return f"the settings could not be loaded: {type(exc).__name__}: {text}"


def unsafe_output(
    settings: dict[str, Any], settings_file: str | None = None, force: bool = False
) -> str | None:
    """Why the output folder must not be replaced, or None when it is safe.

    A build replaces the whole output folder, so it must never be (or hold)
    the content, the settings, the project or the working directory; and,
    unless ``force``, it must be new, empty or an earlier Dossier output
    (one that holds the marker file).
    """
    given = Path(settings["OUTPUT_PATH"])
    if given.is_symlink():
        return "is a symbolic link"
    output = given.resolve()
    if output.exists() and not output.is_dir():
        return "is a file"
    precious = {
        "the content folder": Path(settings["PATH"]).resolve(),
        "the working directory": Path.cwd().resolve(),
        "the theme": Path(settings.get("THEME") or output / "__none__").resolve(),
    }
    if settings_file:
        precious["the settings file"] = Path(settings_file).resolve()
    for name, path in precious.items():
        if path == output or output in path.parents:
            return f"holds {name} ({path})"
    if output.parent == output or output == Path.home().resolve():
        return "is a root or home folder"
    foreign = output.is_dir() and not (output / OUTPUT_MARKER).is_file()
    if not force and foreign and any(output.iterdir()):
        return (
            f"is not an earlier Dossier output (it has no {OUTPUT_MARKER} file) and a build "
            "would replace everything in it; choose a new or empty folder, or pass --force "
            "to replace it"
        )
    return None


def build(
    settings: dict[str, Any],
    settings_file: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
    on_built: Callable[[runs.Run], None] | None = None,
    carry_bundle: bool = False,
    clean: bool = False,
) -> int:
    """Run the pipeline, then Pelican into a fresh folder, and swap it in; the
    exit code. ``on_built`` gets what a successful Pelican run kept (its
    :class:`~dossier.glue.run.Run`, which it then holds and ends), once the
    new output is in place.
    ``carry_bundle``: a build without search takes the previous output's
    search bundle along (``serve`` indexes afresh in the background).
    ``clean``: a clean build even where the last one left its stamps."""
    from pelican import Pelican
    from pelican.log import console as pelican_console

    progress = progress or Lines()
    problem = unsafe_output(settings, settings_file, force)
    if problem:
        log.error("dossier: error: the output folder %s %s",
                  display_path(settings["OUTPUT_PATH"]), problem)  # fmt: skip
        return 2
    output = Path(settings["OUTPUT_PATH"]).resolve()
    started = time.perf_counter()
    config = Config.from_settings(settings)
    progress.stage("Reading content")
    result = pipeline.run(config)
    progress.done(_read_line(result, time.perf_counter() - started))
    report(result.diagnostics)
    if result.failing(config.strict) and not config.keep_going:
        log.error("build failed: %s; %s is unchanged", tally(result.diagnostics),
                  display_path(str(output)))  # fmt: skip
        return 1
    key = _site_key(settings, settings_file, config)
    last = None if clean else _last_stamps(config, output, key)
    if last is not None:
        # Updated in place: from here on the stamps no longer say what is there.
        stamps.forget(config.cache_dir, str(output))
        target = output
    else:
        target = output.parent / f".{output.name}.building-{os.getpid()}"
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            _sweep(output)
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
        except OSError as exc:
            log.error("dossier: error: cannot write the output folder %s: %s",
                      display_path(str(output)), exc.strerror or exc)  # fmt: skip
            return 1
    progress.stage("Rendering pages" if last is None else "Updating pages")
    # Pelican's closing "Done: Processed …" counts drafts it never saw (the
    # reader skips them); the lines above say what happened.
    quiet, pelican_console.quiet = pelican_console.quiet, True
    run_settings = {**settings, "OUTPUT_PATH": str(target)}
    run = runs.begin(run_settings, result, progress, last=last)
    unchanged = "" if last is not None else f"; {display_path(str(output))} is unchanged"
    try:
        Pelican(run_settings).run()
    except SearchIndexError as exc:
        runs.end(run_settings)
        if last is None:
            shutil.rmtree(target, ignore_errors=True)
        log.error("dossier: error: %s%s", exc, unchanged)
        return 1
    except KeyboardInterrupt:
        runs.end(run_settings)
        if last is None:
            shutil.rmtree(target, ignore_errors=True)
            raise  # the output is as it was: the command line says so
        log.error("dossier: interrupted; %s is partly updated, and the next build rebuilds "
                  "it whole", display_path(str(output)))  # fmt: skip
        return 130
    except BaseException:
        runs.end(run_settings)
        if last is None:
            shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        pelican_console.quiet = quiet
    if last is None:
        if carry_bundle and (output / BUNDLE).is_dir() and not (target / BUNDLE).exists():
            (output / BUNDLE).rename(target / BUNDLE)
        _swap(target, output)
    if run.stamps is not None:
        shards: Mapping[str, str] = stamps.members(run.shards)
        searched: Mapping[str, str | None] = run.searched
        if not config.search:
            # The index is as the last indexed build left it: the next build
            # with search compares with what that build indexed.
            shards, searched = (last.shards, last.searched) if last else ({}, {})
        pictures = run.maps.pictures() if run.maps is not None else {}
        kept = stamps.Last(run.stamps, shards, searched, pictures)
        stamps.save(config.cache_dir, str(output), key, kept)
    if on_built is not None:
        on_built(run)  # which now holds the run, and ends it when done with it
    else:
        runs.end(run_settings)
    elapsed = time.perf_counter() - started
    for b in result.resolved.scheduled:
        log.info("left out %s: scheduled for %s", b.path, f"{b.date:%Y-%m-%d %H:%M}")
    if result.skipped:
        log.error("built %s in %.2f s, skipping %d file(s) with errors:",
                  display_path(str(output)), elapsed, len(result.skipped))  # fmt: skip
        for path in sorted(result.skipped):
            log.error("  %s", path)
        return 1
    log.info("built %s in %.2f s", display_path(str(output)), elapsed)
    return 0


def _site_key(settings: dict[str, Any], settings_file: str | None, config: Config) -> str:
    folders = (config.actors_dir, config.places_dir)
    registries = tuple(os.path.join(config.content_path, folder) for folder in folders)
    return stamps.site_key(settings, settings_file, str(settings.get("THEME") or ""), registries)


def _last_stamps(config: Config, output: Path, key: str) -> stamps.Last | None:
    # An update needs the output the stamps describe: an earlier Dossier
    # output, at the same place, stamped under the same key.
    if not (output / OUTPUT_MARKER).is_file() or output.is_symlink():
        return None
    return stamps.load(config.cache_dir, str(output), key)


def _read_line(result: pipeline.Result, seconds: float) -> str:
    """'read 18 briefings (1 draft left out), 31 actors, 40 places and 1 page in 0.12 s'."""
    corpus = result.corpus
    drafts = sum(1 for b in corpus.briefings if b.status == "draft")
    later = len(result.resolved.scheduled)
    if result.config.preview:  # the preview shows them, marked
        drafts = sum(1 for why in result.archive.unpublished.values() if why == "draft")
        later = len(result.archive.unpublished) - drafts
    notes = [f"{corpus.cached} unchanged, from the cache"] if corpus.cached else []
    held = " and ".join(
        ([plural(drafts, "draft")] if drafts else []) + ([f"{later} scheduled"] if later else [])
    )
    if held:
        notes += [f"{held} {'shown, marked' if result.config.preview else 'left out'}"]
    # Briefings that could not be read are in no count above: say they exist.
    read = {b.path for b in corpus.briefings}
    broken = {d.path for d in result.diagnostics if d.severity == "error"} - read
    notes += [f"{plural(len(broken), 'other file')} with errors"] if broken else []
    left = f" ({'; '.join(notes)})" if notes else ""
    return (
        f"read {plural(len(corpus.briefings), 'briefing')}{left}, "
        f"{plural(len(result.archive.actors), 'actor')}, "
        f"{plural(len(result.archive.places), 'place')} and "
        f"{plural(len(corpus.pages), 'page')} in {seconds:.2f} s"
    )


def _swap(staging: Path, output: Path) -> None:
    # Two renames on one file system: readers see the old site or the new
    # one. The old one is deleted last, once the new one is in place, by a
    # process of its own: removing 10,000 pages takes seconds nobody need wait.
    # The pid says whose it is (see _sweep); the clock keeps the names of
    # one process's successive builds (serve) apart.
    retired = output.parent / f".{output.name}.old-{os.getpid()}-{time.monotonic_ns()}"
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    if retired.exists():
        _remove_later(retired)


def _remove_later(folder: Path) -> None:
    try:
        subprocess.Popen(
            [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)",
             str(folder)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def _sweep(output: Path) -> None:
    """Remove what an earlier build left beside the output (a folder it was
    still deleting, or one a killed build was writing), never a live one."""
    for prefix in (f".{output.name}.old-", f".{output.name}.building-"):
        for leftover in output.parent.glob(f"{prefix}*"):
            pid = leftover.name[len(prefix) :].split("-")[0]
            if pid.isdigit() and not _alive(int(pid)) and leftover.is_dir():
                _remove_later(leftover)  # never wait: it may be a big old site


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but belongs to someone else
        return True
    return True


def run(args: argparse.Namespace) -> int:
    """``dossier build``."""
    from rich.console import Console

    if not usable(args):
        return 2
    settings = pelican_settings(args)
    console = Console(stderr=True)
    if not console.is_terminal:
        return build(settings, args.settings, args.force, clean=args.clean)
    with spinner(console, "Building") as progress:
        return build(settings, args.settings, args.force, progress, clean=args.clean)


def add_content_options(parser: argparse.ArgumentParser) -> None:
    """``--content`` and ``--settings``, shared by every command."""
    parser.add_argument("--content", help="content folder (default: from settings)")
    parser.add_argument(
        "--settings",
        help=(
            f"Pelican settings (default: ./{SETTINGS_FILE}, else the one beside --content, "
            "else the built-in settings)"
        ),
    )


def load_config(args: argparse.Namespace) -> Config | None:
    """The typed config for a command, or None after printing why not."""
    if not usable(args):
        return None
    return Config.from_settings(pelican_settings(args))


def usable(args: argparse.Namespace) -> bool:
    """False, after one line on standard error, when the settings file or the
    content folder does not exist (a usage error: the caller exits 2).

    Without ``--settings``, the settings are ``./pelicanconf.py``, else the
    ``pelicanconf.py`` of the archive the ``--content`` folder belongs to
    (beside it), as in a desk's repository, else the built-in settings;
    ``args.settings`` is set to the file, or None.
    """
    problem = None
    content = getattr(args, "content", None)
    if args.settings is None:
        candidates = [SETTINGS_FILE]
        if content:
            candidates.append(
                os.path.join(os.path.dirname(os.path.abspath(content)), SETTINGS_FILE)
            )
        args.settings = next((c for c in candidates if os.path.isfile(c)), None)
    elif not os.path.isfile(args.settings):
        problem = f"{args.settings}: error: settings file not found"
    if content and not os.path.isdir(content):
        problem = f"{content}: error: content folder not found"
    elif not content and args.settings is None and not os.path.isdir(str(defaults.PATH)):
        problem = (
            f"dossier: error: no {SETTINGS_FILE} and no {defaults.PATH}/ folder here; "
            "run this in an archive's folder, pass --content, or start one with "
            "`dossier init my-archive`"
        )
    if problem:
        print(problem, file=sys.stderr)
    return problem is None
