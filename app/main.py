"""`o2o-workstation [WORKSPACE] [--view NAME] [--screenshot FILE.png]`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SCREENSHOT_TIMEOUT_MS = 180_000


def parse_args(argv: list[str]) -> argparse.Namespace:
    from app.views import view_names

    parser = argparse.ArgumentParser(prog="o2o-workstation", description="O2O Workstation")
    parser.add_argument("workspace", nargs="?", type=Path,
                        help="workspace (.o2o) to open; default: the last one, else a fresh demo")
    parser.add_argument("--view", choices=view_names(), help="screen to open")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="render the window to a PNG once loaded, then exit")
    parser.add_argument("--lang", choices=["en", "ru"], help="interface language (default: settings)")
    parser.add_argument("--size", default="1280x800", help="window size, e.g. 1440x900")
    return parser.parse_args(argv)


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    translators = []
    # numbers and dates follow the interface language (2 999,00 in Russian)
    QLocale.setDefault(QLocale(QLocale.Language.Russian if language == "ru" else QLocale.Language.English,
                               QLocale.Country.Russia if language == "ru" else QLocale.Country.UnitedKingdom))
    if language == "en":
        return translators
    ours = QTranslator(app)
    if ours.load(str(RESOURCES / "translations" / f"o2o_{language}.qm")):
        app.installTranslator(ours)
        translators.append(ours)
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translators.append(qt)
    return translators


def default_demo_dir() -> Path:
    from app.settings import data_dir

    return data_dir() / "demo"


def build_demo_task(out_dir: Path):
    def run(_ws, progress, cancel):
        from engine.demo import build_demo

        build_demo(out_dir, seed=7, scale="small", progress=progress, cancel=cancel)
        return out_dir / "demo.o2o"
    return run


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from app.settings import Settings
    from app.window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("O2O Workstation")
    app.setOrganizationName("O2O")
    settings = Settings()
    install_translations(app, args.lang or settings.language)
    style = RESOURCES / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))

    window = MainWindow()
    width, _, height = args.size.partition("x")
    window.resize(int(width), int(height))
    if args.view:
        window.show_view(args.view)
    window.show()

    target = args.workspace or settings.last_workspace()
    if target is not None:
        if not window.open_workspace(target, create=False) and args.screenshot:
            print(f"o2o-workstation: error: {window.notifications.entries[-1][1]}", file=sys.stderr)
            return 2
    else:
        demo = default_demo_dir()
        if (demo / "demo.o2o").exists():
            window.open_workspace(demo / "demo.o2o")
        else:
            window.runner.run(window.tr("Building the demo workspace"), build_demo_task(demo), workspace=None,
                              on_done=window.open_workspace,
                              on_error=lambda e: window.show_error(window.tr("Demo workspace"), e.message, e.details),
                              done_message=lambda p: window.tr("Demo workspace ready: ") + str(p))

    if args.screenshot:
        schedule_screenshot(app, window, args.screenshot)
    return app.exec()


def schedule_screenshot(app: QApplication, window, path: Path) -> None:
    """Grab the window once every task (demo build, screen loads) has finished."""
    waited = {"ms": 0, "quiet": 0}

    def poll() -> None:
        waited["ms"] += 100
        busy = bool(window.monitor.running)
        waited["quiet"] = 0 if busy else waited["quiet"] + 1
        if waited["quiet"] >= 5 or waited["ms"] >= SCREENSHOT_TIMEOUT_MS:
            timer.stop()
            app.processEvents()
            path.parent.mkdir(parents=True, exist_ok=True)
            ok = window.grab().save(str(path))
            print(f"screenshot {'written to' if ok else 'FAILED:'} {path}", flush=True)
            window.close()
            app.exit(0 if ok else 1)

    timer = QTimer(window)
    timer.timeout.connect(poll)
    timer.start(100)


if __name__ == "__main__":
    sys.exit(main())
