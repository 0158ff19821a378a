"""Every change the PSW can undo is an invertible change in the core: making it and then its inverse leaves every
table exactly as it was; making the inverse's inverse (redo) gives exactly the changed file again, with the same ids;
a change is one transaction, all of it saved or none; and each is noted in the audit log."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swhc_desktop.analysis.indicators import ChangeIndicators, load_indicators, save_indicators
from swhc_desktop.analysis.national_score_changes import put_national_scores
from swhc_desktop.domain.changes import Change, make
from swhc_desktop.domain.errors import InvalidInput, SaveFailed, SwhcError
from swhc_desktop.domain.records import (
    BY_SECTION,
    ActionDraft,
    ActionStatus,
    CycleDetails,
    FindingKind,
    Rag,
    ReportChoices,
    Service,
)
from swhc_desktop.figures.employer_return import ChangeReturnAnswer, ReturnAnswer, return_questionnaire, save_answers
from swhc_desktop.figures.workforce import ChangeWorkforceFigure
from swhc_desktop.importing.batch_changes import RemoveBatch
from swhc_desktop.questionnaires.cycle_changes import ChangeCycleDetails, DeleteCycle
from swhc_desktop.questionnaires.edits import AnswerCounts, QuestionnaireChange, QuestionnaireDesign
from swhc_desktop.questionnaires.standard_statements import switch_statement
from swhc_desktop.screens.action_changes import (
    AddAction,
    AddProgressUpdate,
    ChangeAction,
    ChangeProgressUpdate,
    DeleteAction,
    RemoveProgressUpdate,
)
from swhc_desktop.screens.comment_changes import AddTheme, RemoveTheme, RenameTheme, TagComments
from swhc_desktop.screens.finding_changes import (
    AddFinding,
    ChangeFinding,
    DeleteFinding,
    DismissSuggestion,
    MoveFinding,
)
from swhc_desktop.screens.report_changes import ChangeReportChoices
from swhc_desktop.storage import HealthCheckFile

# When a row was written: a row put back by undo is stamped when it is put back, and nothing reads these.
WHEN_WRITTEN = {"created_at", "dismissed_at", "changed_at"}
# Questionnaire edits find sections, questions and options by place and code, "the names that stay the same however
# often a change is undone and redone" (questionnaires/edits.py); a question put back gets a new row id. So these
# ids are compared by those names, which name one row at any moment: (table, column) -> the kind of id it holds.
NAMED = {
    ("sections", "id"): "section",
    ("questions", "id"): "question",
    ("questions", "section_id"): "section",
    ("questions", "parent_question_id"): "question",
    ("options", "id"): "option",
    ("options", "question_id"): "question",
    ("follow_up_triggers", "question_id"): "question",
    ("follow_up_triggers", "option_id"): "option",
    ("comment_tags", "question_id"): "question",
    ("wording_changes", "question_id"): "question",
}
UNREFERENCED_IDS = {("wording_changes", "id")}


def _names(hc: HealthCheckFile) -> dict[str, dict[int, tuple]]:
    sections = {r["id"]: (r["cycle_id"], r["position"]) for r in hc.rows("SELECT id, cycle_id, position FROM sections")}
    questions = {r["id"]: (r["cycle_id"], r["code"]) for r in hc.rows("SELECT id, cycle_id, code FROM questions")}
    options = {
        r["id"]: (*questions[r["question_id"]], r["code"]) for r in hc.rows("SELECT id, question_id, code FROM options")
    }
    return {"section": sections, "question": questions, "option": options}


def _sortable(values: tuple) -> tuple:
    return tuple((value is None, 0 if value is None else value) for value in values)


def stored(hc: HealthCheckFile) -> dict[str, list]:
    """Every row of every table but the audit log (which only grows), so that two states can be compared whole."""
    names = _names(hc)
    tables = [
        name
        for (name,) in hc.tuples(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT IN ('audit_log', 'answers')"
        )
    ]
    state = {}
    for table in tables:
        rows = hc.rows(f"SELECT * FROM {table}")
        columns = [c for c in (rows[0] if rows else {}) if c not in WHEN_WRITTEN and (table, c) not in UNREFERENCED_IDS]
        renamed = {c: names[NAMED[table, c]] for c in columns if (table, c) in NAMED}
        values = [tuple(renamed[c].get(row[c]) if c in renamed else row[c] for c in columns) for row in rows]
        state[table] = (columns, sorted(values, key=_sortable))
    # The answers (thousands of rows) are named and ordered by SQLite, which is quicker.
    state["answers"] = hc.tuples(
        "SELECT a.response_id, q.cycle_id, q.code, o.code, a.number_value, a.text_value FROM answers a "
        "JOIN questions q ON q.id = a.question_id LEFT JOIN options o ON o.id = a.option_id ORDER BY 1, 2, 3, 4, 5, 6"
    )
    # A finding's evidence keeps its order; the row ids that give the order are never referred to.
    evidence: dict[int, list] = defaultdict(list)
    for row in hc.rows("SELECT * FROM finding_evidence ORDER BY id"):
        evidence[row["finding_id"]].append((row["question_code"], row["indicator_key"]))
    state["finding_evidence"] = sorted(evidence.items())
    return state


def audit_count(hc: HealthCheckFile) -> int:
    return hc.value("SELECT count(*) FROM audit_log")


@pytest.fixture
def hc(demo_path, folders):
    with HealthCheckFile.open(demo_path, folders=folders) as opened:
        yield opened


def cycle_id(hc: HealthCheckFile, name: str = "2025") -> int:
    return hc.cycles.by_name(name).id


# --------------------------------------------------------------------------- one of every change, on the demo file
# Each case may first put the file in the state it needs (through the stores), then returns the change to make.


def _action(hc):
    return next(a for a in hc.actions.for_cycle(cycle_id(hc)) if a.updates and a.finding_ids)


def _designer(hc, name="2025") -> QuestionnaireDesign:
    cid = cycle_id(hc, name)
    return QuestionnaireDesign(hc.questionnaires.load(cid), AnswerCounts.of(hc, cid))


def _tagged_comments(hc):
    """Some comments tagged with the first theme and some not, with the theme's id."""
    theme = hc.themes.all()[0]
    question_ids = [q.id for q in hc.questionnaires.load(cycle_id(hc)).questions() if q.qtype.value == "text"]
    tags = hc.themes.tags(question_ids)
    tagged = [key for key, themes in sorted(tags.items()) if theme.id in themes][:3]
    untagged = [key for key, themes in sorted(tags.items()) if theme.id not in themes][:3]
    if not (tagged and untagged):
        raise LookupError("no comments to tag")  # the batch that held them was removed
    return theme, tuple(tagged + untagged)


def _stored_report_choices(hc):
    hc.report_choices.save(cycle_id(hc), ReportChoices(purpose="Our purpose", left_out=frozenset({"comments"})))
    return ChangeReportChoices(cycle_id(hc), ReportChoices(background="Background", arrangement=BY_SECTION))


def _stored_indicators(hc):
    indicators = load_indicators(hc)
    save_indicators(hc, [replace(indicators[0], enabled=False)] + indicators[1:])
    return ChangeIndicators(tuple(replace(i, enabled=True) for i in load_indicators(hc)))


def _moved_with_gaps(hc):
    """A finding moved in a list whose places have a gap (a finding in the middle was deleted): undo puts every
    place back, gap and all."""
    findings = hc.findings.for_cycle(cycle_id(hc))
    hc.findings.delete(findings[1].id)
    return MoveFinding(findings[2].id, +1)


def _return_answer(hc):
    question = next(q for q in return_questionnaire().questions() if q.qtype.has_options and q.other_option)
    return ChangeReturnAnswer(
        cycle_id(hc), question.code, ReturnAnswer(option_codes=(question.other_option.code,), text="Our own way")
    )


def _return_answer_cleared(hc):
    question = next(q for q in return_questionnaire().questions() if q.qtype.value == "number")
    save_answers(hc, cycle_id(hc), {question.code: ReturnAnswer(number=12)})
    return ChangeReturnAnswer(cycle_id(hc), question.code, None)


CASES: dict[str, Callable[[HealthCheckFile], Change]] = {
    "add an action": lambda hc: AddAction(
        cycle_id(hc),
        ActionDraft(
            standard=3,
            title="Caseload review",
            owner="Head of Service",
            due_on=dt.date(2027, 3, 31),
            status=ActionStatus.IN_PROGRESS,
            rag=Rag.AMBER,
            finding_ids=(hc.findings.for_cycle(cycle_id(hc))[0].id,),
            question_codes=("caseload_manageable",),
        ),
    ),
    "change an action": lambda hc: ChangeAction(
        _action(hc).id,
        replace(
            _action(hc).draft, title="Changed", status=ActionStatus.COMPLETE, finding_ids=(), question_codes=("team",)
        ),
    ),
    "drop an action": lambda hc: ChangeAction(
        _action(hc).id, replace(_action(hc).draft, status=ActionStatus.DROPPED, dropped_reason="Overtaken by events")
    ),
    "delete an action": lambda hc: DeleteAction(_action(hc).id),
    "add a progress update": lambda hc: AddProgressUpdate(_action(hc).id, dt.date(2027, 1, 1), "Done half of it"),
    "remove a progress update": lambda hc: RemoveProgressUpdate(_action(hc).id, _action(hc).updates[0].id),
    "change a progress update": lambda hc: ChangeProgressUpdate(
        _action(hc).id, _action(hc).updates[0].id, dt.date(2027, 2, 3), "Put right: booked, not held"
    ),
    "add a finding": lambda hc: AddFinding(
        cycle_id(hc), FindingKind.IMPROVEMENT, "Supervision is too rare", ("supervision",), ("valued",)
    ),
    "accept a suggested finding": lambda hc: AddFinding(
        cycle_id(hc), FindingKind.STRENGTH, "Staff feel valued", (), ("valued",), suggestion_key="indicator:valued"
    ),
    "change a finding": lambda hc: ChangeFinding(
        hc.findings.for_cycle(cycle_id(hc))[0].id, FindingKind.IMPROVEMENT, "Now an area for improvement", ("team",), ()
    ),
    "delete a finding that actions answer": lambda hc: DeleteFinding(_action(hc).finding_ids[0]),
    "move a finding down": lambda hc: MoveFinding(hc.findings.for_cycle(cycle_id(hc))[0].id, +1),
    "move a finding up": lambda hc: MoveFinding(hc.findings.for_cycle(cycle_id(hc))[-1].id, -1),
    "move a finding in a list with a gap": _moved_with_gaps,
    "dismiss a suggestion": lambda hc: DismissSuggestion(cycle_id(hc), "indicator:valued", "Staff feel valued"),
    "bring back a suggestion": lambda hc: (
        hc.findings.dismiss(cycle_id(hc), "indicator:valued"),
        DismissSuggestion(cycle_id(hc), "indicator:valued", dismissed=False),
    )[1],
    "dismiss a suggestion dismissed already": lambda hc: (
        hc.findings.dismiss(cycle_id(hc), "indicator:valued"),
        DismissSuggestion(cycle_id(hc), "indicator:valued"),
    )[1],
    "add a theme": lambda hc: AddTheme("  Working   from home "),
    "rename a theme": lambda hc: RenameTheme(hc.themes.all()[0].id, "Caseloads and cover"),
    "remove a theme that tags comments": lambda hc: RemoveTheme(_tagged_comments(hc)[0].id),
    "tag comments, some tagged already": lambda hc: TagComments(_tagged_comments(hc)[1], _tagged_comments(hc)[0].id),
    "untag comments, some untagged already": lambda hc: TagComments(
        _tagged_comments(hc)[1], _tagged_comments(hc)[0].id, tagged=False
    ),
    "change a cycle's window and staff invited": lambda hc: ChangeCycleDetails(
        cycle_id(hc), CycleDetails("2025", None, dt.date(2025, 6, 30), 250)
    ),
    "delete a cycle with responses, findings and actions": lambda hc: DeleteCycle(cycle_id(hc, "2024")),
    "remove a batch of responses": lambda hc: RemoveBatch(hc.responses.batches(cycle_id(hc))[0].id),
    "change the headline indicators (none stored)": lambda hc: ChangeIndicators(
        tuple(replace(i, enabled=False) if i.key == "valued" else i for i in load_indicators(hc))
    ),
    "change the headline indicators (some stored)": _stored_indicators,
    "choose for the report (none stored)": lambda hc: ChangeReportChoices(
        cycle_id(hc), ReportChoices(purpose="Why we asked", left_out=frozenset({"comments"}), comments=((1, 2),))
    ),
    "choose for the report (some stored)": _stored_report_choices,
    "answer the employer return": _return_answer,
    "clear an answer of the employer return": _return_answer_cleared,
    "change a workforce figure": lambda hc: ChangeWorkforceFigure(cycle_id(hc), "turnover_percent", 12.5),
    "clear a workforce figure": lambda hc: ChangeWorkforceFigure(cycle_id(hc), "agency_workers", None),
    "add a section": lambda hc: QuestionnaireChange(cycle_id(hc), _designer(hc).add_section(0)),
    "duplicate a section": lambda hc: QuestionnaireChange(cycle_id(hc), _designer(hc).duplicate_section(0)),
    "move a section": lambda hc: QuestionnaireChange(cycle_id(hc), _designer(hc).move_section(0, 1)),
    "move a question": lambda hc: QuestionnaireChange(cycle_id(hc), _designer(hc).question_moved_by("team", +1)),
    "add a question to a questionnaire without answers": lambda hc: QuestionnaireChange(
        _new_cycle(hc), _designer(hc, "2026").add_question(0, 1)
    ),
    "delete a section of a questionnaire without answers": lambda hc: QuestionnaireChange(
        _new_cycle(hc), _designer(hc, "2026").delete_section(1)
    ),
    "delete a reworded question of a questionnaire without answers": lambda hc: QuestionnaireChange(
        _reworded(hc), _designer(hc, "2026").delete_question("caseload_manageable")
    ),
    "reword a question asked before": lambda hc: _reworded_now(hc),
    "leave a statement out of its Standard's score": lambda hc: QuestionnaireChange(
        cycle_id(hc), switch_statement(_designer(hc).questionnaire, "valued", False)
    ),
    "count a statement towards its Standard's score": lambda hc: _statement_counted_again(hc),
    "enter the national Standards scores": lambda hc: put_national_scores(
        Service.CHILDREN, 2025, {1: 71, 4: 68.5, 8: 80}, "LGA health check 2025: national summary"
    ),
    "change and remove national Standards scores": lambda hc: _national_scores_changed(hc),
}


def _statement_counted_again(hc) -> QuestionnaireChange:
    from swhc_desktop.questionnaires.edits import apply_edit

    apply_edit(hc, cycle_id(hc), switch_statement(_designer(hc).questionnaire, "valued", False))
    return QuestionnaireChange(cycle_id(hc), switch_statement(_designer(hc).questionnaire, "valued", True))


def _national_scores_changed(hc):
    """Scores kept for two years; then one year's changed, one of its Standards left empty (so taken away)."""
    for year in (2024, 2025):
        make(hc, put_national_scores(Service.CHILDREN, year, dict.fromkeys(range(1, 9), 70), f"LGA {year}"))
    return put_national_scores(Service.CHILDREN, 2025, {**dict.fromkeys(range(1, 8), 72)}, "LGA 2025, revised")


def _new_cycle(hc) -> int:
    """Next year's cycle, its questionnaire copied from this year's, with no answers yet."""
    from swhc_desktop.questionnaires.cycles import start_cycle

    start_cycle(hc, "2026", copy_from="2025")
    return cycle_id(hc, "2026")


def _question(hc, code: str):
    return hc.questionnaires.load(cycle_id(hc, "2026")).question(code)


def _reworded_now(hc) -> QuestionnaireChange:
    cid = _new_cycle(hc)
    before = _question(hc, "caseload_manageable")
    return QuestionnaireChange(cid, _designer(hc, "2026").change_question(before, replace(before, text="Manageable?")))


def _reworded(hc) -> int:
    """Next year's cycle, with a question worded otherwise than before: the file notes the change of wording."""
    from swhc_desktop.questionnaires.edits import apply_edit

    cid = _new_cycle(hc)
    before = _question(hc, "caseload_manageable")
    apply_edit(hc, cid, _designer(hc, "2026").change_question(before, replace(before, text="Is it manageable?")))
    assert hc.questionnaire_edits.wording_changes(cid)
    return cid


# Cases that first change the file through the stores, outside any undo: left out of the sequences below.
SETS_UP_FIRST = {
    "move a finding in a list with a gap",
    "bring back a suggestion",
    "dismiss a suggestion dismissed already",
    "change the headline indicators (some stored)",
    "choose for the report (some stored)",
    "clear an answer of the employer return",
    "add a question to a questionnaire without answers",
    "delete a section of a questionnaire without answers",
    "delete a reworded question of a questionnaire without answers",
    "reword a question asked before",
    "count a statement towards its Standard's score",
    "change and remove national Standards scores",
}
# A change that finds the file as it would leave it: it is still noted, and still undone exactly.
CHANGES_NOTHING = {"dismiss a suggestion dismissed already"}


@pytest.fixture(params=list(CASES))
def case(request):
    return request.param


def test_undo_puts_back_every_table_and_redo_the_change_however_often(hc, case):
    change = CASES[case](hc)
    before, audited = stored(hc), audit_count(hc)
    undo = make(hc, change)
    after = stored(hc)
    if case not in CHANGES_NOTHING:
        assert after != before, "the change changed nothing"
    for _ in range(2):
        redo = make(hc, undo)
        assert stored(hc) == before
        undo = make(hc, redo)
        assert stored(hc) == after
    assert audit_count(hc) >= audited + 5, "the change, and each undo and redo, is noted in the audit log"
    assert undo.description == redo.description == change.description  # Undo and Redo name what the PSW did


def failing(*args, **kwargs):
    raise SaveFailed("The drive went away.")


def audits_of(hc: HealthCheckFile, change: Change, monkeypatch) -> tuple[int, Change]:
    """How many audit entries making a change writes, and its undo."""
    entries: list[tuple] = []
    audit = hc.audit
    with monkeypatch.context() as patched:
        patched.setattr(hc, "audit", lambda *args: (entries.append(args), audit(*args))[1])
        undo = make(hc, change)
    return len(entries), undo


def last_audit_fails(hc: HealthCheckFile, count: int, monkeypatch) -> None:
    """The change fails at its last audit entry, once all or nearly all of it has been written."""
    audit, written = hc.audit, []

    def fails_at_the_end(*args) -> None:
        written.append(args)
        if len(written) == count:
            raise SaveFailed("The drive went away.")
        audit(*args)

    monkeypatch.setattr(hc, "audit", fails_at_the_end)


def test_a_change_and_its_undo_are_each_one_transaction_all_saved_or_none(hc, case, monkeypatch):
    """Whatever part of a change fails (here its last audit entry), nothing of it is left in the file."""
    change = CASES[case](hc)
    before = stored(hc)
    count, undo = audits_of(hc, change, monkeypatch)
    after = stored(hc)
    undo_count, redo = audits_of(hc, undo, monkeypatch)
    assert stored(hc) == before
    with monkeypatch.context() as patched:
        last_audit_fails(hc, count, patched)
        with pytest.raises(SaveFailed):
            make(hc, redo)
    assert stored(hc) == before and not hc.conn.in_transaction
    make(hc, redo)
    assert stored(hc) == after
    last_audit_fails(hc, undo_count, monkeypatch)
    with pytest.raises(SaveFailed):
        make(hc, undo)
    assert stored(hc) == after and not hc.conn.in_transaction


def test_a_refused_change_leaves_the_file_as_it_was(hc):
    before, audited = stored(hc), audit_count(hc)
    refused = [
        AddAction(cycle_id(hc), ActionDraft(standard=3, title="   ")),
        ChangeAction(_action(hc).id, replace(_action(hc).draft, status=ActionStatus.DROPPED, dropped_reason="")),
        AddProgressUpdate(_action(hc).id, dt.date(2027, 1, 1), "  "),
        AddFinding(cycle_id(hc), FindingKind.STRENGTH, " "),
        AddTheme(hc.themes.all()[0].name.upper()),
        RenameTheme(hc.themes.all()[0].id, hc.themes.all()[1].name),
        RemoveProgressUpdate(_action(hc).id, 999_999),
        ChangeProgressUpdate(_action(hc).id, 999_999, dt.date(2027, 1, 1), "Gone"),
        ChangeProgressUpdate(_action(hc).id, _action(hc).updates[0].id, dt.date(2027, 1, 1), "  "),
        RenameTheme(999_999, "Anything"),
        RemoveBatch(999_999),
        ChangeReturnAnswer(
            cycle_id(hc),
            next(
                q.code
                for q in return_questionnaire().questions()
                if q.qtype.value == "number" and q.max_value is not None
            ),
            ReturnAnswer(number=1e9),
        ),
    ]
    for change in refused:
        with pytest.raises(SwhcError):
            make(hc, change)
    with pytest.raises(InvalidInput):
        make(
            hc,
            ChangeIndicators(
                tuple(replace(i, green=i.amber - 10) if i.higher_is_better else i for i in load_indicators(hc))
            ),
        )
    assert stored(hc) == before and audit_count(hc) == audited


def test_undoing_a_designer_edit_is_noted_as_an_undoing(hc):
    change = QuestionnaireChange(cycle_id(hc), _designer(hc).add_section(0))
    start = audit_count(hc)
    make(hc, make(hc, make(hc, change)))
    entries = hc.rows("SELECT action, detail FROM audit_log ORDER BY id")[start:]
    assert [e["action"] for e in entries] == [
        "Changed a questionnaire",
        "Undid a change to a questionnaire",
        "Changed a questionnaire",
    ]
    assert {e["detail"] for e in entries} == {"2025: add a section"}


# --------------------------------------------------------------------------- changes one after another


def test_a_finding_at_the_end_of_its_list_does_not_move_and_nor_does_its_undo(hc):
    before = stored(hc)
    undo = make(hc, MoveFinding(hc.findings.for_cycle(cycle_id(hc))[0].id, -1))
    assert stored(hc) == before
    make(hc, undo)
    assert stored(hc) == before


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=st.lists(st.sampled_from(sorted(set(CASES) - SETS_UP_FIRST)), min_size=2, max_size=6, unique=True))
def test_changes_undone_in_turn_and_redone_give_back_each_state(demo_path, folders, tmp_path_factory, chosen):
    """Several changes made one after another, as on the undo stack: undoing them in turn goes back through every
    state the file was in, and redoing them all gives the last state again."""
    import shutil

    copy = tmp_path_factory.mktemp("sequence") / "demo.swhc"
    shutil.copyfile(demo_path, copy)
    with HealthCheckFile.open(copy, folders=folders) as hc:
        states, undos = [], []
        for name in chosen:
            try:
                change = CASES[name](hc)
            except (StopIteration, LookupError):
                continue  # an earlier change took away what this one is made on (the action it changes)
            before = stored(hc)
            try:
                undos.append(make(hc, change))
            except SwhcError:
                assert stored(hc) == before  # refused in this state (the action it changes was deleted)
                continue
            states.append(before)
        last = stored(hc)
        redos = []
        for undo, state in zip(reversed(undos), reversed(states), strict=True):
            redos.append(make(hc, undo))
            assert stored(hc) == state
        for redo in reversed(redos):
            make(hc, redo)
        assert stored(hc) == last
