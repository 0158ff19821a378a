"""The import wizard: choose a file, check its layout, match columns and answers, see the rows that fail,
import, summary."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QFileDialog, QHeaderView, QTableWidget, QTableWidgetItem, QWidget, QWizard

from ...analysis.frequencies import whole_percent
from ...domain.changes import Change, make
from ...domain.errors import InvalidInput, SwhcError
from ...domain.labels import EDIT_CYCLE_BUTTON, NEW_CYCLE, RESPONSES_PAGE, RESTORE_FROM_BACKUP, UNDO
from ...domain.plurals import agrees, counted
from ...domain.records import Cycle, CycleDetails
from ...domain.rules import check_staff_invited_covers_responses
from ...domain.titles import question_titles
from ...importing.importer import (
    ImportPreview,
    ImportResult,
    InvalidRows,
    check_import,
    matched_but_unanswered,
    preview_import,
    run_import,
    scan_values,
    values_to_choose,
)
from ...importing.layouts import Layout, column_labels, column_letter, describe_identifying
from ...importing.mapping import NO_ANSWER, OTHER_TEXT, Mapping, QuestionMatch
from ...importing.rows import ImportOptions, RowsSummary
from ...questionnaires.cycle_changes import ChangeCycleDetails
from ...storage import HealthCheckFile
from ..common.forms import load_form
from ..common.messages import on_background_error, show_problem
from ..common.table_columns import fill_with_column
from ..common.tasks import TaskRunner
from ..common.unsaved import AsksBeforeDiscarding

FILE_PAGE, MAPPING_PAGE, VALUES_PAGE, CHECK_PAGE, SUMMARY_PAGE = range(5)
EXPORT_FILTER = "Survey exports (*.csv *.tsv *.txt *.xlsx *.xlsm);;All files (*)"
LEAVE_OUT = "(leave out)"
PROBLEMS_SHOWN = 500
WARNING_COLOUR = "#a4262c"


def _item(text: str, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(tooltip or text)
    return item


def _were(count: int) -> str:
    return "was" if count == 1 else "were"


def _earlier_not_in_file(summary: RowsSummary) -> str:
    count = summary.earlier_not_in_file
    return (
        f"{counted(count, 'response')} imported earlier from this form {'is' if count == 1 else 'are'} not in this "
        "file: edited or deleted in the form since? They stay in the cycle. If answers were edited, remove the "
        "earlier batch and import this file on its own, so that no one is counted twice."
    )


def _nothing_to_import(summary: RowsSummary) -> bool:
    """No response would be added, and not for rows that could be skipped: all are in the cycle, unfinished or empty."""
    return not summary.responses and not summary.invalid_rows


def _fill_header(table: QTableWidget, headings: list[str], stretch: int) -> None:
    table.setColumnCount(len(headings))
    table.setHorizontalHeaderLabels(headings)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    for column in range(len(headings)):
        header.setSectionResizeMode(
            column, QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
        )


class ImportWizard(AsksBeforeDiscarding, QWizard):
    """Brings one export file into one cycle. Slow steps (reading every row) run in the background with progress."""

    def __init__(
        self,
        hc: HealthCheckFile,
        cycle: Cycle,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        start_folder: Path | None = None,
    ):
        super().__init__(parent)
        load_form("import_wizard", self)
        self.hc = hc
        self.cycle = cycle
        # The window's runner, so the wizard's slow steps wait their turn with any other work on the file; their
        # progress dialogs show above the wizard, so that Cancel can be pressed.
        self.tasks = tasks.shown_over(self)
        self.start_folder = start_folder or Path.home()
        self.preview: ImportPreview | None = None
        self.chosen_sheet: str | None = None  # a workbook's sheet the user chose (else the likeliest is read)
        self.already_imported: int | None = None  # the batch that imported this very file already
        self.mapping: Mapping | None = None
        self.value_counts: dict[str, Counter] = {}
        self.check: RowsSummary | None = None
        self.import_result: ImportResult | None = None
        self.staff_invited_undo: Change | None = None  # what undoes the staff invited kept on Finish
        self._ready = {VALUES_PAGE: False, CHECK_PAGE: False}
        self._importing = False
        self._decided = False  # a column's match or an answer's meaning chosen by the user, not proposed
        self._step_failed = on_background_error(self, tell=self._step_refused, after=self._stopped)
        self.setWindowTitle(f"Import responses into {cycle.name}")
        self.checkPage.setButtonText(QWizard.WizardButton.NextButton, "&Import")
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.browseButton.clicked.connect(self.browse)
        self.layoutCombo.addItem("As detected", None)
        for layout in Layout:
            self.layoutCombo.addItem(layout.label, str(layout))
        self.layoutCombo.currentIndexChanged.connect(self._layout_chosen)
        self.sheetCombo.currentIndexChanged.connect(self._sheet_chosen)
        self._show_sheets([], "")
        self.keepIdentifyingCheck.toggled.connect(self._identifying_toggled)
        self.detectedLabel.setTextFormat(Qt.TextFormat.RichText)  # so that a file's name is never read as markup
        self._identifying_toggled(False)
        self._open_the_way()  # Next stays greyed out until a file that can be imported is read
        for table in (self.previewTable, self.mappingTable, self.valuesTable, self.problemTable):
            table.setWordWrap(False)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """As large as a laptop's screen allows (1366x768 less its taskbar), so that a column's heading has room."""
        screen = (self.parentWidget() or self).screen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = (1300, 700) if room is None else (min(1300, room.width() - 40), min(700, room.height() - 60))
        self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))

    def _open_the_way(self) -> None:
        """Next (Import on the check page) is enabled exactly when pressing it would go on: never for a file imported
        already or not yet read, while the answers or the rows are still being read, while importing, or when there is
        nothing to import. A refusal that needs words (no column matched, rows to skip) is said when pressed."""
        self.filePage.set_ready(self.preview is not None and self.already_imported is None)
        self.valuesPage.set_ready(self._ready[VALUES_PAGE])
        nothing_new = self.check is not None and _nothing_to_import(self.check)
        self.checkPage.set_ready(
            self.import_result is not None or (self._ready[CHECK_PAGE] and not self._importing and not nothing_new)
        )

    # ------------------------------------------------------------------ page 1: the file

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the export of responses", str(self.start_folder), EXPORT_FILTER
        )
        if path:
            self.chosen_sheet = None
            self.load(Path(path))

    def load(self, path: Path, layout: Layout | None = None) -> None:
        """Open a file in the background (a large file takes a moment to fingerprint) and show how it will be read,
        or say plainly why it cannot be."""
        self.pathEdit.setText(str(path))
        self.preview = None
        self._open_the_way()
        self.detectedLabel.setText(html.escape(f"Reading {path.name}…", quote=False))
        hc, cycle_id, sheet = self.hc, self.cycle.id, self.chosen_sheet
        self.tasks.run(
            f"Reading {path.name}…",
            lambda progress: preview_import(hc, cycle_id, path, layout, progress=progress, sheet=sheet),
            on_done=self._loaded,
            on_error=on_background_error(self, tell=self._load_refused),
            on_cancelled=lambda: self.detectedLabel.clear(),
        )

    def _load_refused(self, problem: SwhcError) -> None:
        """Why the file cannot be read is said on the wizard's first page, where another file can be chosen."""
        self._say(self.detectedLabel, str(problem))
        self.previewTable.clear()
        self.previewTable.setRowCount(0)

    def _loaded(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.mapping = self.preview.mapping
        found = self.preview.file_layout
        last_time = " Columns are matched as they were last time." if self.preview.previous_mapping_used else ""
        dropped = found.identifying_columns()
        identifying = (
            f" {counted(len(dropped), 'column')} that identify people will not be "
            f"stored: {describe_identifying(dropped)}."
            if dropped
            else ""
        )
        self.detectedLabel.setText(
            html.escape(
                f"{found.layout.label}: {self.preview.source.describe()}; "
                f"{counted(len(found.questions), 'question')} found.{identifying}{last_time}",
                quote=False,
            )
        )
        self.keepIdentifyingCheck.setEnabled(bool(dropped))
        self._show_sheets(self.preview.source.sheet_names, self.preview.source.sheet)
        self.already_imported = self.hc.responses.batch_of_file(self.cycle.id, self.preview.source.sha256)
        if self.already_imported is not None:
            self._say(
                self.detectedLabel,
                f"{self.preview.source.name} has already been imported into {self.cycle.name} "
                f"(batch {self.already_imported}). Each file is imported once: to import it again, remove that "
                "batch first.",
            )
        self._open_the_way()
        self._show_preview()

    def _show_sheets(self, names: list[str], current: str) -> None:
        """The workbook's sheets to choose from; hidden for a CSV file or a workbook of one sheet."""
        self.sheetCombo.blockSignals(True)
        self.sheetCombo.clear()
        for name in names:
            self.sheetCombo.addItem(name, name)
        self.sheetCombo.setCurrentIndex(max(self.sheetCombo.findData(current), 0))
        self.sheetCombo.blockSignals(False)
        self.sheetCombo.setVisible(len(names) > 1)
        self.sheetLabel.setVisible(len(names) > 1)

    def _layout_chosen(self, index: int) -> None:
        if self.pathEdit.text():
            chosen = self.layoutCombo.itemData(index)
            self.load(Path(self.pathEdit.text()), Layout(chosen) if chosen else None)

    def _sheet_chosen(self, index: int) -> None:
        if self.pathEdit.text() and index >= 0:
            self.chosen_sheet = self.sheetCombo.itemData(index)
            chosen = self.layoutCombo.currentData()
            self.load(Path(self.pathEdit.text()), Layout(chosen) if chosen else None)

    def _show_preview(self) -> None:
        assert self.preview is not None
        rows = self.preview.sample[:12]
        table = self.previewTable
        width = max((len(r) for r in rows), default=0)
        table.clear()
        table.setColumnCount(width)
        table.setRowCount(len(rows))
        table.setHorizontalHeaderLabels([column_letter(i) for i in range(width)])
        header_rows = self.preview.file_layout.header_rows
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = _item(value[:80].replace("\n", " "), value)
                if r < header_rows:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(r, c, item)
        table.setVerticalHeaderLabels(
            [("Heading " if r < header_rows else "Row ") + str(r + 1) for r in range(len(rows))]
        )

    def _identifying_toggled(self, on: bool) -> None:
        self.reasonEdit.setEnabled(on)
        self.reasonLabel.setEnabled(on)

    def import_options(self) -> ImportOptions:
        keep = self.keepIdentifyingCheck.isChecked() and self.reasonEdit.text().strip()
        return ImportOptions(
            skip_invalid_rows=self.skipRowsCheck.isChecked(),
            include_incomplete=self.incompleteCheck.isChecked(),
            identifying_kept_reason=self.reasonEdit.text().strip() if keep else None,
        )

    # ------------------------------------------------------------------ page 2: columns to questions

    def _fill_mapping(self) -> None:
        assert self.preview is not None and self.mapping is not None
        questionnaire = self.preview.questionnaire
        numbers = questionnaire.numbering()
        titles = question_titles(questionnaire.questions(), 80)  # a matrix's statements told apart, not cut alike
        choices = [(LEAVE_OUT, None)] + [
            (f"{numbers[q.code]}. {titles[q.code]} [{q.code}]", q.code) for q in questionnaire.questions()
        ]
        table = self.mappingTable
        table.clear()
        table.setRowCount(len(self.preview.file_layout.questions))
        _fill_header(table, ["Column in the file", "Question", "Match", "Answers in the file"], 1)
        labels = column_labels([source.text for source in self.preview.file_layout.questions])
        for row, (source, label) in enumerate(zip(self.preview.file_layout.questions, labels, strict=True)):
            match = self.mapping.match(source.key)
            table.setItem(row, 0, _item(label, source.text))
            combo = QComboBox()
            # Sized by its column, not by its longest choice, so that the table never scrolls sideways.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)
            combo.setAccessibleName(f"Question for the column {source.text[:60]}")
            for label, code in choices:
                combo.addItem(label, code)
            combo.setCurrentIndex(max(combo.findData(match.question_code), 0) if match.question_code else 0)
            combo.currentIndexChanged.connect(lambda _, r=row, k=source.key, c=combo: self._question_chosen(r, k, c))
            table.setCellWidget(row, 1, combo)
            table.setItem(row, 2, self._confidence_item(match))
            samples = self.preview.sample_values(source.key)
            table.setItem(row, 3, _item("; ".join(samples)[:80], "\n".join(samples)))
        # A column's heading is wrapped, never cut: at 1366x768 a told-apart heading takes two or three lines. The
        # question chosen must stay readable whatever the answers in the file are: they get a fixed share.
        header = table.horizontalHeader()
        for column, width in ((0, 340), (3, 170)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(column, width)
        fill_with_column(table, 1, 240)
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # if a word is longer than the column, keep its end
        table.resizeRowsToContents()
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
        self._summarise_mapping()

    @staticmethod
    def _confidence_item(match: QuestionMatch) -> QTableWidgetItem:
        if not match.question_code:
            return _item("not matched")
        item = _item(f"{match.confidence}% · {match.how}")
        if match.confidence < 90:
            item.setForeground(QColor(WARNING_COLOUR))
        return item

    def _question_chosen(self, row: int, key: str, combo: QComboBox) -> None:
        assert self.mapping is not None
        code = combo.currentData()
        match = QuestionMatch(key, code, 100 if code else 0, "chosen by you" if code else "left out")
        self.mapping = self.mapping.with_match(match)
        self._decided = True
        self.mappingTable.setItem(row, 2, self._confidence_item(match))
        self._summarise_mapping()

    def _summarise_mapping(self) -> None:
        assert self.preview is not None and self.mapping is not None
        mapped = len(self.mapping.mapped())
        total = len(self.preview.file_layout.questions)
        unsure = sum(1 for m in self.mapping.mapped() if m.confidence < 90)
        if not mapped:
            self.mappingSummaryLabel.setText(self._nothing_matched())
            return
        self.mappingSummaryLabel.setText(
            f"{mapped} of {counted(total, 'column')} matched to questions"
            + (f"; {unsure} to check (in red)." if unsure else ".")
        )

    def _nothing_matched(self) -> str:
        """No column matches a question of the cycle: a file of another survey, most likely. Two ways on, said."""
        return (
            f"None of the file's columns matches a question of {self.cycle.name}. Choose the question for each "
            "column below; or, if this survey was run outside the app, cancel and start a cycle built from this "
            f"file: {NEW_CYCLE}, then 'Build it from an export of a survey run outside the app'."
        )

    # ------------------------------------------------------------------ page 3: values that match no option

    def _scan_values(self) -> None:
        self._ready[VALUES_PAGE] = False
        self._open_the_way()
        self.valuesTable.setRowCount(0)
        self.valuesSummaryLabel.setText("Reading the answers…")
        preview, mapping = self.preview, self.mapping
        self.tasks.run(
            "Reading the answers in the file…",
            lambda progress: scan_values(preview, mapping, progress),
            on_done=self._values_scanned,
            on_error=self._step_failed,
            on_cancelled=lambda: self.back(),
        )

    def _values_scanned(self, counts: dict[str, Counter]) -> None:
        assert self.preview is not None and self.mapping is not None
        self.value_counts = counts
        choices = values_to_choose(self.preview, self.mapping, counts)
        titles = question_titles(self.preview.questionnaire.questions(), 60)
        table = self.valuesTable
        table.clear()
        table.setRowCount(len(choices))
        _fill_header(table, ["Question", "Answer in the file", "Times", "Means"], 1)
        for row, choice in enumerate(choices):
            question = self.preview.questionnaire.question(choice.question_code)
            table.setItem(row, 0, _item(f"{titles[question.code]} [{question.code}]", question.text))
            table.setItem(row, 1, _item(choice.value[:100], choice.value))
            table.setItem(row, 2, _item(str(choice.times)))
            combo = QComboBox()
            combo.setAccessibleName(f"What '{choice.value[:40]}' means")
            combo.addItem("Leave as no answer", NO_ANSWER)
            if question.other_option is not None:
                combo.addItem("Keep as the text of 'Other'", OTHER_TEXT)
            for option in question.options:
                combo.addItem(option.label, option.code)
            combo.setCurrentIndex(max(combo.findData(choice.proposal), 0))
            combo.currentIndexChanged.connect(
                lambda _, c=choice, box=combo: self._value_chosen(c.source_key, c.value, box, by_user=True)
            )
            self._value_chosen(choice.source_key, choice.value, combo)
            table.setCellWidget(row, 3, combo)
        # The question keeps its told-apart title and the choice of meaning its longest option, whatever the answer.
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(0, 320)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        widest = max((table.cellWidget(r, 3).sizeHint().width() for r in range(table.rowCount())), default=0)
        table.setColumnWidth(3, max(220, min(widest, 420)))
        table.setWordWrap(True)  # a long question or answer is wrapped whole, never cut
        table.resizeRowsToContents()
        self.valuesSummaryLabel.setText(
            f"{counted(len(choices), 'answer')} {agrees(len(choices), 'matches', 'match')} no option. Check what "
            "each means; the likeliest meaning is chosen."
            if choices
            else "Every answer matches an option. Nothing to choose here."
        )
        self._ready[VALUES_PAGE] = True
        self._open_the_way()

    def _value_chosen(self, key: str, value: str, combo: QComboBox, by_user: bool = False) -> None:
        assert self.mapping is not None
        self._decided = self._decided or by_user
        match = self.mapping.match(key)
        self.mapping = self.mapping.with_match(replace(match, values={**match.values, value: combo.currentData()}))

    # ------------------------------------------------------------------ page 4: the rows checked

    def _run_check(self) -> None:
        self._ready[CHECK_PAGE] = False
        self._open_the_way()
        self.problemTable.setRowCount(0)
        self.checkSummaryLabel.setText("Checking every row…")
        self.skipRowsCheck.setVisible(False)
        hc, cycle_id, preview, mapping, options = (
            self.hc,
            self.cycle.id,
            self.preview,
            self.mapping,
            self.import_options(),
        )
        self.tasks.run(
            "Checking every row…",
            lambda progress: check_import(hc, cycle_id, preview, mapping, options, progress),
            on_done=self._checked,
            on_error=self._step_failed,
            on_cancelled=lambda: self.back(),
        )

    def _checked(self, summary: RowsSummary) -> None:
        self.check = summary
        lines = [f"{counted(summary.rows_read, 'row')} read: {counted(summary.responses, 'response')} will be added."]
        warnings: list[str] = []

        def warn(text: str) -> None:
            warnings.append(text)
            lines.append(f'<span style="color:{WARNING_COLOUR}">{text}</span>')

        nothing_new = _nothing_to_import(summary)
        if summary.already_present:
            lines.append(
                f"{counted(summary.already_present, 'response')} {_were(summary.already_present)} already in "
                f"this cycle ({summary.recognised_by}) and will not be added again."
            )
        if summary.earlier_not_in_file:
            warn(_earlier_not_in_file(summary))
        if summary.incomplete:
            lines.append(
                f"{counted(summary.incomplete, 'unfinished response')} left out (see the first page to include them)."
            )
        if summary.empty:
            lines.append(f"{counted(summary.empty, 'row')} with no answers left out.")
        if summary.invalid_rows:
            warn(
                f"<b>{counted(summary.invalid_rows, 'row')} cannot be imported as they are</b> (listed below). Skip "
                "them, or go Back, or correct the file and start again."
            )
        after = self.cycle.response_count + summary.responses
        if self.cycle.staff_invited and after > self.cycle.staff_invited:
            warn(
                f"That would give {self.cycle.name} {counted(after, 'response')} from "
                f"{self.cycle.staff_invited:,} staff invited. Check that this file is this cycle's (and not imported "
                "already), and the number of staff "
                "invited."
            )
        # With no response to add, no question is answered: that says nothing about the columns' matches.
        unanswered = [] if nothing_new else matched_but_unanswered(self.preview, self.mapping, summary)
        if unanswered:
            names = "; ".join(html.escape(f"{q.title} [{q.code}]") for q in unanswered[:5])
            more = f" and {len(unanswered) - 5} more" if len(unanswered) > 5 else ""
            warn(
                f"<b>No row gives an answer to {counted(len(unanswered), 'matched question')}:</b> {names}{more}. "
                "Go Back to check the column's match, or what its answers mean."
            )
        dropped = sum(sum(c.values()) for c in summary.dropped.values())
        if dropped:
            warn(
                f"<b>{counted(dropped, 'answer')} match no option</b> and would be left out: go Back and say what "
                "each means."
            )
        if nothing_new:
            why = (
                f"Every response in this file is in {html.escape(self.cycle.name)} already"
                if summary.already_present
                else "No row of this file is a response to add"
            )
            lines.append(f"<b>{why}: there is nothing to import.</b> Press Cancel to close.")
        elif not warnings:  # an all-clear never stands beside a warning
            lines.append("No problems found: every row can be imported.")
        self.checkSummaryLabel.setText("<br>".join(lines))
        self.problemTable.setVisible(bool(summary.problems))
        table = self.problemTable
        table.clear()
        table.setRowCount(min(len(summary.problems), PROBLEMS_SHOWN))
        _fill_header(table, ["Row", "Response id", "Column", "Value", "Problem"], 4)
        for row, problem in enumerate(summary.problems[:PROBLEMS_SHOWN]):
            for column, text in enumerate(
                (str(problem.row), problem.response_id, problem.column, problem.value, problem.message)
            ):
                table.setItem(row, column, _item(text))
        self.skipRowsCheck.setVisible(bool(summary.invalid_rows))
        self.skipRowsCheck.setChecked(False)
        self._ready[CHECK_PAGE] = True
        self._open_the_way()
        import_button = self.button(QWizard.WizardButton.NextButton)
        if not nothing_new:
            import_button.setDefault(True)  # Enter imports, wherever the focus was left
            import_button.setFocus()

    def _start_import(self) -> None:
        hc, cycle_id, preview, mapping, options = (
            self.hc,
            self.cycle.id,
            self.preview,
            self.mapping,
            self.import_options(),
        )
        self._importing = True
        self._open_the_way()
        self.tasks.run(
            f"Importing {preview.source.name}…",
            lambda progress: run_import(hc, cycle_id, preview, mapping, options, progress),
            on_done=self._imported,
            on_error=self._step_failed,
            on_cancelled=self._import_cancelled,
        )

    def _imported(self, result: ImportResult) -> None:
        self._importing = False
        self.import_result = result
        self._open_the_way()
        self.next()

    def _import_cancelled(self) -> None:
        self._importing = False
        self._open_the_way()
        self.checkSummaryLabel.setText("The import was cancelled. Nothing was changed.")

    def _stopped(self) -> None:
        self._importing = False
        self._open_the_way()

    def _step_refused(self, problem: SwhcError) -> None:
        if isinstance(problem, InvalidRows):
            self._checked(problem.summary)  # the rows that failed are listed on the page
        show_problem(self, problem)

    # ------------------------------------------------------------------ page 5: summary

    def _show_summary(self) -> None:
        result = self.import_result
        assert result is not None and self.preview is not None
        summary = result.summary
        lines = [
            f"<b>{counted(summary.responses, 'response')} added</b> from {self.preview.source.name} "
            f"(batch {result.batch_id})."
        ]
        skipped = [
            (summary.invalid_rows if self.skipRowsCheck.isChecked() else 0, "row", "with problems skipped"),
            (summary.incomplete, "unfinished response", "left out"),
            (summary.empty, "empty row", "left out"),
        ]
        if summary.already_present:
            lines.append(
                f"{counted(summary.already_present, 'response')} {_were(summary.already_present)} already in "
                f"this cycle ({summary.recognised_by}) and {_were(summary.already_present)} not added again."
            )
        lines += [f"{counted(count, noun)} {what}." for count, noun, what in skipped if count]
        if summary.earlier_not_in_file:
            lines.append(_earlier_not_in_file(summary))
        if result.response_rate is not None:
            lines.append(
                f"{self.cycle.name} now has {counted(result.response_count, 'response')} from {result.staff_invited:,} "
                f"staff invited: a response rate of {whole_percent(result.response_rate)}."
            )
        else:
            lines.append(
                f"{self.cycle.name} now has {counted(result.response_count, 'response')}. Type the number of staff "
                f"invited below to see the response rate (or later, with {EDIT_CYCLE_BUTTON})."
            )
        self._offer_staff_invited(result)
        dropped = sum(sum(c.values()) for c in summary.dropped.values())
        kept = sum(sum(c.values()) for c in summary.unmatched.values()) - dropped
        if kept:
            lines.append(f"{counted(kept, 'answer')} that matched no option kept as the text of 'Other'.")
        if dropped:
            lines.append(f"{counted(dropped, 'answer')} that matched no option left as no answer.")
        if result.backup is not None:
            lines.append(
                html.escape(
                    f"To take this import out again, use {UNDO} or remove its batch on the {RESPONSES_PAGE} page. "
                    f"A backup was taken just before it: {RESTORE_FROM_BACKUP} puts the file back as it was."
                )
            )
        self.resultLabel.setText("<p>" + "</p><p>".join(lines) + "</p>")

    def _offer_staff_invited(self, result: ImportResult) -> None:
        """Where the number of staff invited is not known yet, the last page asks for it: it is kept on Finish, as a
        step of Undo of its own."""
        unknown = result.staff_invited is None
        for widget in (self.invitedLabel, self.invitedSpin, self.invitedRateLabel):
            widget.setVisible(unknown)
        if unknown:
            self.invitedSpin.setMinimum(0)
            self.invitedSpin.setValue(0)
            self.invitedSpin.valueChanged.connect(lambda _: self._show_invited_rate())
            self._show_invited_rate()
            self.invitedSpin.setFocus()
            self.invitedSpin.selectAll()  # what is typed replaces 'Not known yet'

    def _invited_problem(self) -> str:
        assert self.import_result is not None
        try:
            check_staff_invited_covers_responses(self.invitedSpin.value() or None, self.import_result.response_count)
        except InvalidInput as problem:
            return str(problem)
        return ""

    def _show_invited_rate(self) -> None:
        assert self.import_result is not None
        invited, responses = self.invitedSpin.value(), self.import_result.response_count
        problem = self._invited_problem()
        if problem:
            self._say(self.invitedRateLabel, problem)
        elif invited:
            self.invitedRateLabel.setText(f"A response rate of {whole_percent(100 * responses / invited)}.")
        else:
            self.invitedRateLabel.setText("")

    def _keep_staff_invited(self) -> bool:
        """On Finish: keep the number of staff invited typed on the last page. False (the wizard stays open, saying
        why) when it cannot be kept."""
        if not self.invitedSpin.isVisible() or not self.invitedSpin.value():
            return True
        problem = self._invited_problem()
        if problem:
            self._say(self.invitedRateLabel, problem)
            self.invitedSpin.setFocus()
            return False
        cycle = self.hc.cycles.get(self.cycle.id)
        details = replace(CycleDetails.of(cycle), staff_invited=self.invitedSpin.value())
        try:
            self.staff_invited_undo = make(self.hc, ChangeCycleDetails(cycle.id, details, "set the staff invited"))
        except SwhcError as problem:
            show_problem(self, problem)
            return False
        return True

    def accept(self) -> None:
        if self.currentId() == SUMMARY_PAGE and self.staff_invited_undo is None and not self._keep_staff_invited():
            return
        super().accept()

    # ------------------------------------------------------------------ moving between pages

    def initializePage(self, page_id: int) -> None:
        super().initializePage(page_id)
        if page_id == MAPPING_PAGE:
            self._fill_mapping()
        elif page_id == VALUES_PAGE:
            self._scan_values()
        elif page_id == CHECK_PAGE:
            self._run_check()
        elif page_id == SUMMARY_PAGE:
            self._show_summary()

    def validateCurrentPage(self) -> bool:
        page = self.currentId()
        if page == FILE_PAGE:
            if self.preview is None:
                self._say(self.detectedLabel, "Choose the file to import first.")
                return False
            if self.already_imported is not None:
                return False  # said when the file was read
            if self.keepIdentifyingCheck.isChecked() and not self.reasonEdit.text().strip():
                self._say(self.detectedLabel, "Say why the identifying details are needed, or untick the box.")
                self.reasonEdit.setFocus()
                return False
        elif page == MAPPING_PAGE:
            if not self.mapping or not self.mapping.mapped():
                self._say(self.mappingSummaryLabel, self._nothing_matched())
                return False
        elif page in (VALUES_PAGE, CHECK_PAGE) and not self._ready[page]:
            return False
        if page == CHECK_PAGE:
            if self.import_result is not None:
                return True
            if self.check and _nothing_to_import(self.check):
                return False  # said on the page
            if self.check and self.check.invalid_rows and not self.skipRowsCheck.isChecked():
                self._say(self.checkSummaryLabel, "Some rows cannot be imported. Tick 'Skip these rows', or go Back.")
                return False
            if not self._importing:
                self._start_import()
            return False
        return True

    def reject(self) -> None:
        if self.tasks.shows_work:
            return  # the running step has its own Cancel; closing now would leave it without a window
        super().reject()

    def has_unsaved_changes(self) -> bool:
        """Choices the user made (a column's match, an answer's meaning, a reason typed) and not yet imported; a file
        only opened and looked at is not work to lose."""
        if self.import_result is not None:
            return False
        return self._decided or bool(self.reasonEdit.text().strip())

    @staticmethod
    def _say(label, message: str) -> None:
        """A warning in red; what it quotes (a file's name, an answer) is shown as written, never as markup."""
        label.setText(f'<span style="color:{WARNING_COLOUR}">{html.escape(message, quote=False)}</span>')
