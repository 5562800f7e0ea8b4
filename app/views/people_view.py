"""People: the resolved persons behind CRM rows, receipts and partner-matched devices.

KPI tiles on top, a lazy table over millions of people (sorted and filtered by the query,
filter debounced as you type, Ctrl+F), and on the right the selected person's profile:
contacts with the source of each identity link, consents, receipts, visits.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSplitter, QTableView, QTextBrowser,
                               QWidget)

from app.formatting import count_text, roubles
from app.query_model import QueryTableModel
from app.views.base import View
from app.widgets import EmptyState, KpiTile, debounce
from app.worker import TaskRunner
from engine.people_queries import PEOPLE_SEARCH_COLUMNS, filter_terms, people_filter, people_sql

__all__ = ["PeopleView", "filter_terms"]  # filter_terms: the phone spelling rule lives in the engine

FILTER_DEBOUNCE_MS = 250
PEOPLE_COLUMNS = {
    "person_id": QT_TRANSLATE_NOOP("PeopleView", "Person"),
    "name": QT_TRANSLATE_NOOP("PeopleView", "Name"),
    "phone": QT_TRANSLATE_NOOP("PeopleView", "Phone"),
    "email": QT_TRANSLATE_NOOP("PeopleView", "E-mail"),
    "card": QT_TRANSLATE_NOOP("PeopleView", "Card"),
    "crm_id": QT_TRANSLATE_NOOP("PeopleView", "CRM id"),
    "gender": QT_TRANSLATE_NOOP("PeopleView", "Gender"),
    "birth_date": QT_TRANSLATE_NOOP("PeopleView", "Birth date"),
    "consent": QT_TRANSLATE_NOOP("PeopleView", "Consent"),
    "phones": QT_TRANSLATE_NOOP("PeopleView", "Phones"),
    "emails": QT_TRANSLATE_NOOP("PeopleView", "E-mails"),
    "cards": QT_TRANSLATE_NOOP("PeopleView", "Cards"),
    "devices": QT_TRANSLATE_NOOP("PeopleView", "Devices"),
    "receipts": QT_TRANSLATE_NOOP("PeopleView", "Receipts"),
    "revenue_rub": QT_TRANSLATE_NOOP("PeopleView", "Revenue, ₽"),
    "last_purchase_local": QT_TRANSLATE_NOOP("PeopleView", "Last purchase"),  # the till's local time, as the profile
    "sources": QT_TRANSLATE_NOOP("PeopleView", "Sources"),
}


def share_text(part, whole) -> str:
    """A share that never rounds 504 of 506 up to 100%."""
    if not whole:
        return ""
    share = part / whole
    return f"{share:.0%}" if part in (0, whole) else f"{share:.1%}"


def _esc(value) -> str:
    return html.escape("" if value is None else str(value))


def _when(value) -> str:
    """A timestamp to the minute (receipts and visits carry no meaningful seconds)."""
    return _esc(value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else value)


ID_TYPES = [("phone", QT_TRANSLATE_NOOP("PeopleView", "Phones")), ("email", QT_TRANSLATE_NOOP("PeopleView", "E-mails")),
            ("card", QT_TRANSLATE_NOOP("PeopleView", "Loyalty cards")),
            ("crm_id", QT_TRANSLATE_NOOP("PeopleView", "CRM ids")),
            ("device", QT_TRANSLATE_NOOP("PeopleView", "Devices (keyed hash)"))]


class LabelledQueryModel(QueryTableModel):
    """QueryTableModel with translated headers, right-aligned numbers and flagged rows tinted."""

    def __init__(self, workspace, sql, params=None, *, labels: dict[str, str], context: str,
                 flag_column: str | None = None, **kwargs):
        self.labels, self.label_context, self.flag_column = labels, context, flag_column
        super().__init__(workspace, sql, params, **kwargs)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            from PySide6.QtCore import QCoreApplication

            name = self.columns[section]
            return QCoreApplication.translate(self.label_context, self.labels[name]) if name in self.labels \
                else name.replace("_", " ")
        return super().headerData(section, orientation, role)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid():
            value = self._raw(index.row(), index.column())
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and self.flag_column and index.isValid():
            values = self.row_values(index.row())
            if values and values.get(self.flag_column):
                return QColor("#fee2e2")
            return None
        return super().data(index, role)

    def _raw(self, row: int, column: int):
        values = self.row_values(row)
        return None if values is None else values[self.columns[column]]


class PeopleQueryModel(LabelledQueryModel):
    """The people table: the filter matches the name and every identity of a person (all phones,
    e-mails, cards, CRM ids), and `phone:916`-style keys (engine.people_queries.people_filter)."""

    def _query(self, select: str, tail: str = "") -> tuple[str, list]:
        # the condition goes inside people_sql: it reads the stored search columns, not shown
        condition, params = people_filter(self.filter_text) if self.filter_text else ("", [])
        return f"SELECT {select} FROM ({people_sql(condition)}) AS q{tail}", self.params + params


def make_table() -> QTableView:
    table = QTableView()
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setDefaultSectionSize(110)
    table.horizontalHeader().setSortIndicatorShown(True)
    return table


class PeopleView(View):
    NAME = "people"
    TITLE = QT_TRANSLATE_NOOP("Views", "People")
    WATCHES = frozenset({"people", "identities", "contacts", "receipts", "partner_matches", "imports", "visits"})

    def __init__(self, context, monitor, parent=None):
        super().__init__(context, monitor, parent)
        self.model: PeopleQueryModel | None = None
        self.model_workspace = None
        self.profile_runner = TaskRunner(monitor, self)
        self.profile: dict | None = None
        tiles = QHBoxLayout()
        self.tiles = {
            "people": KpiTile(self.tr("People"), self.tr(
                "Resolved persons: CRM rows, receipts and partner matches that share a phone, e-mail, card or "
                "CRM id are one person")),
            "with_phone": KpiTile(self.tr("With phone"), self.tr("People with at least one valid phone (E.164)")),
            "with_email": KpiTile(self.tr("With e-mail"), self.tr("People with at least one valid e-mail")),
            "with_card": KpiTile(self.tr("With card"), self.tr("People with at least one loyalty card number")),
            "with_device": KpiTile(self.tr("With device"), self.tr(
                "People linked to a (non-randomized) phone seen by the sensors, through a partner match")),
            "with_receipts": KpiTile(self.tr("With receipts"), self.tr(
                "People with at least one fiscal receipt (by buyer phone, e-mail or loyalty card)")),
        }
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        self.body.addLayout(tiles)
        filter_row = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr(
            "Filter by name or any phone, e-mail, card, CRM id; phone:916, email:, card:, name:, last: (Ctrl+F)"))
        self.filter_edit.setToolTip(self.tr(
            "Matches the name and every phone, e-mail, loyalty card and CRM id of a person, not only the "
            "main ones shown, ignoring case; е finds ё. Digits (3 or more, with spaces, +, -, brackets) are the "
            "start of a phone: 8 916, +7 916 and 916 find the same people; 6 or more digits also match "
            "anywhere in phones, cards and CRM ids. Narrow to one kind with "
            "phone:, email:, card:, crm:, name:, id:, gender:, sources: or last: (the last purchase's local date "
            "and time, e.g. last:2024-09); several at once: all must match."))
        self.count_label = QLabel()
        filter_row.addWidget(self.filter_edit, 1)
        filter_row.addWidget(self.count_label)
        self.filter_widget = QWidget()
        self.filter_widget.setLayout(filter_row)
        filter_row.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.filter_widget)
        self.empty = EmptyState(self.tr(
            "No people yet — import a CRM export or receipts (File ▸ Import files…)"))
        self.empty.hide()
        self.body.addWidget(self.empty)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = make_table()
        self.inspector = QTextBrowser()
        self.inspector.setObjectName("inspector")
        self.inspector.setOpenLinks(False)
        self.inspector.setMinimumWidth(300)
        self.inspector.setHtml(self._hint_html())
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.inspector)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([840, 420])
        self.body.addWidget(self.splitter, 1)
        self.filter_timer = debounce(self, self.filter_edit.textChanged, self.apply_filter, FILTER_DEBOUNCE_MS)

    def _hint_html(self) -> str:
        hint = self.tr("Select a person to see the profile.")  # outside the f-string so lupdate finds it
        return f"<p style='color:#6b7280'>{hint}</p>"

    # --- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        ws = self.context.workspace
        if ws is None:
            self._show_empty(self.tr("No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)"))
            return

        def load(w, progress, cancel):
            from engine.people import ensure_people

            # people are re-resolved here when an import happened since the last build
            return ensure_people(w, progress=progress, cancel=cancel)

        self.runner.run(self.tr("Resolving people"), load, workspace=ws, on_done=self.show_summary,
                        on_error=lambda e: self.count_label.setText(e.message), quiet=True)

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.empty.show()
        self.splitter.hide()
        self.filter_widget.hide()

    def show_summary(self, summary: dict) -> None:
        for key, tile in self.tiles.items():
            value = summary.get(key, 0)
            share = share_text(value, summary.get("people")) if key != "people" else ""
            tile.set_value(count_text(value), share and self.tr("%1 of people").replace("%1", share))
        if not summary.get("people"):
            self._show_empty(self.tr("No people yet — import a CRM export or receipts (File ▸ Import files…)"))
            return
        self.empty.hide()
        self.splitter.show()
        self.filter_widget.show()
        ws = self.context.workspace
        if self.model is None or self.model_workspace is not ws:
            self._build_model(ws)
        else:
            self.model.reload()

    def _build_model(self, ws) -> None:
        old = self.model
        self.model = PeopleQueryModel(ws, people_sql(), labels=PEOPLE_COLUMNS, context="PeopleView",
                                      search_columns=PEOPLE_SEARCH_COLUMNS, parent=self)
        self.model_workspace = ws
        self.model.filter_text = self.filter_edit.text().strip()
        self.model.loaded.connect(self._counted)
        self.model.error.connect(self.count_label.setText)
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self.select_row(current.row()))
        header = self.table.horizontalHeader()
        self.table.setColumnHidden(self.model.columns.index("person_id"), True)
        for name, width in (("name", 230), ("phone", 120), ("email", 190), ("card", 120), ("receipts", 70),
                            ("revenue_rub", 100), ("last_purchase_local", 130), ("devices", 70), ("sources", 140)):
            header.resizeSection(self.model.columns.index(name), width)
        # the biggest buyers first: what an analyst looks at first
        self.table.sortByColumn(self.model.columns.index("revenue_rub"), Qt.SortOrder.DescendingOrder)
        if old is not None:
            old.deleteLater()
        self.inspector.setHtml(self._hint_html())

    def _counted(self, rows: int) -> None:
        text = self.tr("%1 people").replace("%1", count_text(rows))
        if self.model and self.model.filter_text:
            text = self.tr("%1 match the filter").replace("%1", count_text(rows))
        self.count_label.setText(text)

    # --- filter, selection ----------------------------------------------------------------
    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def apply_filter(self) -> None:
        if self.model is not None:
            self.model.set_filter(self.filter_edit.text())
            self.inspector.setHtml(self._hint_html())

    def select_row(self, row: int) -> None:
        values = self.model.row_values(row) if self.model is not None and row >= 0 else None
        if not values:
            return
        person_id = values["person_id"]

        def load(w, _progress, _cancel):
            from engine.people import person_profile

            return person_profile(w, person_id)

        self.profile_runner.run(self.tr("Loading profile"), load, workspace=self.context.workspace,
                                on_done=self.show_profile, quiet=True,
                                on_error=lambda e: self.inspector.setPlainText(e.message))

    def show_profile(self, profile: dict) -> None:
        self.profile = profile
        self.inspector.setHtml(self.profile_html(profile))

    def profile_html(self, p: dict) -> str:
        """The inspector's text: who, how to reach them, where each link comes from, what they bought."""
        gender = {"m": self.tr("male"), "f": self.tr("female")}.get(p.get("gender") or "", "")
        facts = [x for x in (gender, _esc(p.get("birth_date") or "")) if x]
        out = [f"<h2 style='margin-bottom:0'>{_esc(p.get('name') or self.tr('(no name)'))}</h2>",
               f"<p style='color:#6b7280'>{self.tr('person')} {_esc(p['person_id'])}"
               + (" · " + " · ".join(facts) if facts else "") + "</p>"]
        out.append(f"<h3>{self.tr('Contacts and their sources')}</h3>")
        contacts = p.get("contacts") or {}
        for key, title in ID_TYPES:
            values = contacts.get(key) or {}
            if not values:
                continue
            out.append(f"<p><b>{self.tr(title)}</b></p><ul style='margin-top:0'>")
            for value, links in values.items():
                sources = "; ".join(
                    f"{_esc(link.get('file') or link.get('source'))} · {_esc(link.get('rule'))}"
                    + (f" · {_esc(link['evidence'])}" if link.get("evidence") else "") for link in links[:5])
                more = f" {self.tr('(+%1 more)').replace('%1', str(len(links) - 5))}" if len(links) > 5 else ""
                out.append(f"<li><b>{_esc(value)}</b><br><span style='color:#6b7280'>{sources}{more}</span></li>")
            out.append("</ul>")
        out.append(f"<h3>{self.tr('Consent to contact')}</h3>")
        consents = p.get("consents") or []
        if consents:
            out.append("<ul style='margin-top:0'>" + "".join(
                f"<li>{self.tr('yes') if c['consent'] else self.tr('no')} — {_esc(c['file'])}, "
                f"{self.tr('line')} {_esc(c['line'])}</li>" for c in consents) + "</ul>")
        else:
            out.append(f"<p style='color:#6b7280'>{self.tr('not stated in any import')}</p>")
        receipts = p.get("receipts") or {}
        out.append(f"<h3>{self.tr('Receipts')}</h3>")
        if receipts.get("count"):
            latest = receipts.get("latest") or []
            # the till's local time of the newest receipt; the UTC time when the local one is unknown
            last = _when(latest[0].get("local_ts")) if latest and latest[0].get("local_ts") else \
                _when(receipts.get("last_purchase")) + " UTC"
            out.append("<p>" + self.tr("%1 receipt(s), revenue %2, last purchase %3")
                       .replace("%1", count_text(receipts["count"])).replace("%2", roubles(receipts.get("revenue_kop")))
                       .replace("%3", last) + "</p>")
            rows = "".join(
                f"<tr><td>{_when(r.get('local_ts') or r.get('ts'))}</td>"
                f"<td align='right'>&nbsp;{roubles(r.get('total_kop'))}&nbsp;</td>"
                f"<td>{_esc(r.get('seller'))}</td><td style='color:#b91c1c'>{_esc(r.get('flag') or '')}</td></tr>"
                for r in latest[:10])
            out.append(f"<table cellspacing='0' cellpadding='3'>{rows}</table>")
        else:
            out.append(f"<p style='color:#6b7280'>{self.tr('no receipts linked')}</p>")
        visits = p.get("visits")
        if visits is not None:
            out.append(f"<h3>{self.tr('Visits')}</h3>")
            if visits.get("count"):
                hours = (visits.get("dwell_s") or 0) / 3600
                out.append("<p>" + self.tr("%1 visit(s) (%2 short) at %3, %4 h in total, last %5 (local time)")
                           .replace("%1", count_text(visits["count"])).replace("%2", count_text(visits.get("short")))
                           .replace("%3", _esc(", ".join(visits.get("site_names") or [])))
                           .replace("%4", f"{hours:.1f}").replace("%5", _when(visits.get("last_visit"))) + "</p>")
            if visits.get("passes"):
                passes = self.tr("walked past %1 time(s) without coming in")  # lupdate needs the literal here
                out.append(f"<p style='color:#6b7280'>{passes.replace('%1', count_text(visits['passes']))}</p>")
            if not (visits.get("count") or visits.get("passes")):
                none = self.tr("no visits of the linked device(s)") if p.get("devices") else \
                    self.tr("no device linked (a device joins a person through a partner match)")
                out.append(f"<p style='color:#6b7280'>{none}</p>")
        sources = p.get("sources") or []
        if sources:
            out.append(f"<h3>{self.tr('Where this person comes from')}</h3><ul style='margin-top:0'>")
            out.extend(f"<li>{_esc(s.get('file') or s.get('kind'))} ({_esc(s.get('kind'))}): "
                       f"{self.tr('%1 link(s)').replace('%1', count_text(s.get('links')))}</li>" for s in sources)
            out.append("</ul>")
        return "".join(out)


if __name__ == "__main__":  # preview: python -m app.views.people_view [WORKSPACE.o2o]
    import sys

    from app.views.preview import preview

    sys.exit(preview(PeopleView))
