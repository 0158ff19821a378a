"""The hand-out meets the importer: the response template the designer exports (CSV or Excel), filled in by staff
and imported back, reproduces exactly the answers written in it."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from swhc_desktop.storage import HealthCheckFile

from .support.import_support import filled_template, new_file, run_cli, stored_answers, written_answers


def questionnaire_of(path):
    with HealthCheckFile.open(path, read_only=True) as hc:
        return hc.questionnaires.load(hc.cycles.by_name("2024").id)


def exported_headings_csv(path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle))


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_the_exported_template_filled_in_imports_back_exactly(tmp_path, folders, capsys, form):
    survey = new_file(tmp_path, folders)
    template = tmp_path / f"template.{form}"
    code, _, err = run_cli(capsys, "export", survey, "2024", "--what", "template", "--format", form, "--out", template)
    assert code == 0, err
    questionnaire = questionnaire_of(survey)
    headings, rows = filled_template(questionnaire, 40)
    if form == "csv":
        assert exported_headings_csv(template) == headings  # staff fill in the very file they were given
        with template.open("a", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(
                [[cell.strftime("%d/%m/%Y") if hasattr(cell, "strftime") else cell for cell in row] for row in rows]
            )
    else:
        workbook = openpyxl.load_workbook(template)
        sheet = workbook["Responses"]
        assert [cell.value for cell in sheet[1]] == headings
        for row in rows:
            sheet.append(row)
        workbook.save(template)
    code, out, err = run_cli(capsys, "import", survey, "2024", template)
    assert code == 0, err
    assert "Not mapped" not in out
    assert stored_answers(survey) == written_answers(questionnaire, headings, rows)
