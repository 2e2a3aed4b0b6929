"""``main(argv)`` called from Python (a script, a test) leaves the caller's process as it was: only the
program itself (``saiga-desk``, ``python -m saiga_desk.cli.main``) leaves what it loaded out of the garbage
collector's passes (start-up speed)."""

from __future__ import annotations

import gc

from saiga_desk.cli.main import main


def test_a_caller_keeps_its_garbage_collector_as_it_was(demo_path, capsys):
    frozen = gc.get_freeze_count()
    assert main(["--database", str(demo_path), "list", "signatories", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("id,name,")
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()
