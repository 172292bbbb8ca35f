"""The survey script editor: add a translated question with a branch, reorder, refuse bad input."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from fieldapp.core.models import Campaign
from fieldapp.services import canvass


def test_script_editor_adds_reorders_and_refuses(ctx, qtbot, shots_dir: Path) -> None:
    from fieldapp.ui.script_editor import ScriptEditor

    ctx.tasks.dialog_delay_ms = 60_000
    with ctx.store.session() as s:
        cid = s.scalar(select(Campaign.id))
    editor = ScriptEditor(ctx, cid)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.list.count() == 3
    editor.list.setCurrentRow(1)  # volunteer: shown only if rent_cap = yes
    assert editor.parent_box.currentData() == editor.questions[0].id
    assert editor.answer_box.currentData() == "yes"
    editor.grab().save(str(shots_dir / "script_editor.png"))

    editor.new_question()
    editor.key_edit.setText("landlord_repairs")
    editor.en_edit.setText("Does your landlord make repairs on time?")
    editor.es_edit.setText("¿Su arrendador hace las reparaciones a tiempo?")
    editor._add_choice_row("yes", "Yes", "Sí")
    editor._add_choice_row("no", "No", "No")
    tenure = next(q for q in editor.questions if q.key == "tenure")
    editor.parent_box.setCurrentIndex(editor.parent_box.findData(tenure.id))
    editor.answer_box.setCurrentIndex(editor.answer_box.findData("rent"))
    editor.save()
    qtbot.waitUntil(lambda: not ctx.tasks.busy and editor.list.count() == 4, timeout=5000)
    with ctx.store.session() as s:
        new = next(q for q in canvass.script(s, cid) if q.key == "landlord_repairs")
    assert new.text_in("es").startswith("¿Su arrendador")
    assert new.choice("yes").label_in("es") == "Sí"
    assert (new.show_if_question_id, new.show_if_answer) == (tenure.id, "rent")

    # moving the follow-up above its question is refused, with the reason beside the form
    editor.list.setCurrentRow(3)
    editor._move(-1)
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=5000)
    assert "must come after" in editor.message.text()
    # a duplicate key is refused too, and nothing is written
    editor.new_question()
    editor.key_edit.setText("tenure")
    editor.en_edit.setText("Again?")
    editor.save()
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=5000)
    assert "already has a question 'tenure'" in editor.message.text()
    with ctx.store.session() as s:
        assert [q.key for q in canvass.script(s, cid)] == ["rent_cap", "volunteer", "tenure", "landlord_repairs"]
    # the canvass form shows the new branch only after "rent"
    editor.list.setCurrentRow(2)  # tenure
    editor._move(-2)
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=5000)
    with ctx.store.session() as s:
        assert [q.key for q in canvass.script(s, cid)] == ["tenure", "rent_cap", "volunteer", "landlord_repairs"]
    editor.grab().save(str(shots_dir / "script_editor_after.png"))
