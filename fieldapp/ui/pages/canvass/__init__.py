"""Canvass entry: type a turf's walk sheets in at the speed of a stack of paper.

Keyboard first, mouse optional. The flow for one door:

* the **result** row has the focus: a number key picks the result
  (1 Canvassed, 2 Not home ... 0 Do not knock);
* after "Canvassed" the focus jumps to **who** was spoken with (keys 1..n;
  a one-resident door chooses itself), then **support** (keys 1-5), then each
  **survey question** in turn (a number key picks the answer; follow-up
  questions appear when their answer is given): support and answers belong to
  one person, never the whole household (0), which is for not home, refused,
  moved and the like (:func:`fieldapp.services.knocks.record_knock` holds the rule);
* the **canvasser** is asked once per sitting, before the first save (F4
  changes it);
* **Enter** saves and moves to the next door that may be knocked (do-not-knock
  doors are skipped but stay in the list with the reason);
* Page Down / Page Up move between doors without saving; Esc clears the form.

Saving is a :func:`fieldapp.services.knocks.record_knock` call on the task
runner's database worker; a correction (pick an attempt in the history and
press "Correct") supersedes every record that knock wrote
(:func:`fieldapp.services.knocks.correct_knock`).

The page is a package with a module per job: :mod:`.keypicker` (the row of
keyed options), :mod:`.form` (the result form and its survey questions),
:mod:`.doorlist` (the turf's doors, loading and the contact history) and
:mod:`.page` (the page: the toolbar, saving, wiring).
"""

from fieldapp.ui.pages.canvass.keypicker import RESULT_KEYS, KeyPicker
from fieldapp.ui.pages.canvass.page import Page

__all__ = ["RESULT_KEYS", "KeyPicker", "Page"]
