"""Meetings: the front door to the Secretariat's verbs about a meeting, kept in one module per noun.

- ``meeting_status``: finding a meeting, its status and history, its organizers;
- ``invitations``: inviting the current contact points of every Signatory;
- ``participants``: the participants' progress and counts;
- ``meeting_documents``: the register of documents and their symbols;
- ``document_files``: the files attached to documents.

No Qt, no openpyxl, no reportlab here: the CLI, the GUI and the reports call these functions.
"""

from __future__ import annotations

from saiga_desk.core.document_files import attach_file, document_file_path, store_file
from saiga_desk.core.invitations import InviteResult, Skipped, invite_signatories
from saiga_desk.core.meeting_documents import (
    REVISION_KINDS,
    add_document,
    document_values,
    list_documents,
    next_symbol,
    revision_symbol,
    symbol_prefix,
)
from saiga_desk.core.meeting_status import (
    change_status,
    current_meeting_id,
    find_meeting,
    meeting_organizations,
    status_history,
)
from saiga_desk.core.participants import (
    PARTICIPANT_STATUS_FIELDS,
    STATUS_DATE_FIELD,
    apply_participant_values,
    participant_counts,
    participant_values,
    set_participant_status,
    update_participants,
)

__all__ = [
    "InviteResult",
    "Skipped",
    "invite_signatories",
    "change_status",
    "status_history",
    "meeting_organizations",
    "set_participant_status",
    "participant_values",
    "apply_participant_values",
    "update_participants",
    "participant_counts",
    "next_symbol",
    "revision_symbol",
    "add_document",
    "document_values",
    "store_file",
    "list_documents",
    "attach_file",
    "document_file_path",
    "find_meeting",
    "current_meeting_id",
    "symbol_prefix",
    "STATUS_DATE_FIELD",
    "PARTICIPANT_STATUS_FIELDS",
    "REVISION_KINDS",
]
