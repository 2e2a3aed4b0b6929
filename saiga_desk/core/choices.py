"""Words for the fixed choices: the database stores English keys, the officer sees words."""

from __future__ import annotations

from sqlalchemy import case

from saiga_desk.i18n import N_, _

# Labels of the fixed choices (stored values are English keys; the officer sees words).
CHOICE_LABELS = {
    "government": N_("Government"), "intergovernmental": N_("Intergovernmental"), "ngo": N_("NGO"),
    "secretariat": N_("Secretariat"), "donor": N_("Donor"), "academic": N_("Academic"), "other": N_("Other"),
    "state": N_("State"), "organization": N_("Cooperating Organization"), "signatory": N_("Signatory"),
    "withdrawn": N_("Withdrawn"), "primary": N_("Primary"), "alternate": N_("Alternate"),
    "technical": N_("Technical"), "mos": N_("Meeting of Signatories"), "workshop": N_("Workshop"),
    "cami": N_("CAMI meeting"), "cop": N_("CMS COP"), "in_person": N_("In person"), "online": N_("Online"),
    "hybrid": N_("Hybrid"), "planned": N_("Planned"), "postponed": N_("Postponed"), "held": N_("Held"),
    "cancelled": N_("Cancelled"), "head_of_delegation": N_("Head of delegation"), "delegate": N_("Delegate"),
    "observer": N_("Observer"), "expert": N_("Expert"), "invited": N_("Invited"),
    "registered": N_("Registered"), "confirmed": N_("Confirmed"), "attended": N_("Attended"),
    "signatory_state": N_("Signatory State"), "cooperating_organization": N_("Cooperating Organization"),
    "draft": N_("Draft"), "issued": N_("Issued"), "day": N_("Day"), "month": N_("Month"), "year": N_("Year"),
    "ongoing": N_("Ongoing"), "completed": N_("Completed"), "objective": N_("Objective"),
    "measure": N_("Measure"), "activity": N_("Activity"), "target": N_("Target"), "adopted": N_("Adopted"),
    "superseded": N_("Superseded"), "en": N_("English"), "ru": N_("Russian"), "kk": N_("Kazakh"),
    "mn": N_("Mongolian"), "uz": N_("Uzbek"), "tk": N_("Turkmen"), "de": N_("German"), "fr": N_("French"),
    "Doc": N_("Doc (working document)"), "Inf": N_("Inf (information document)"),
    "CRP": N_("CRP (conference room paper)"), "Report": N_("Report"), "Rev": N_("Rev (revision)"),
    "Corr": N_("Corr (corrigendum)"), "Add": N_("Add (addendum)"),
    "to_invite": N_("To invite"), "sent": N_("Sent"), "failed": N_("Failed"),  # participants; the mail log
}  # fmt: skip
# national reports and the depositary record (issue 16)
CHOICE_LABELS.update({
    "not_started": N_("Not started"), "requested": N_("Requested"), "in_preparation": N_("In preparation"),
    "submitted": N_("Submitted"), "late": N_("Submitted late"), "waived": N_("Waived"), "signed": N_("Signed"),
    "accepted_amendment": N_("Accepted the amendment"), "withdrew": N_("Withdrew"),
    "status_changed": N_("Status changed"),
})  # fmt: skip

# what an audit entry records (core/services.py, core/merges.py) and the kinds of messages in the mail log
CHOICE_LABELS.update({
    "create": N_("Created"), "update": N_("Changed"), "delete": N_("Deleted"), "undo": N_("Undone"),
    "merge": N_("Merged"), "not-duplicate": N_("Marked as not a duplicate"),
    "invitation": N_("Invitation to a meeting"), "reminder": N_("Reminder for a national report"),
    "review_pack": N_("Review pack request"), "letter": N_("Letter to the contact points"),
})  # fmt: skip
#: the audit entries' actions
AUDIT_ACTIONS = ("create", "update", "delete", "undo", "merge", "not-duplicate")


def choice_label(value: str | None) -> str:
    if value is None or value == "":
        return ""
    label = CHOICE_LABELS.get(value)
    return _(label) if label else value.replace("_", " ").capitalize()


def rank(choices: tuple[str, ...], value: str | None) -> int:
    """Where ``value`` sorts among ``choices`` (the models' order: "primary" before "alternate", "head of
    delegation" before "delegate"); an unknown value after the known ones."""
    try:
        return choices.index(value)
    except ValueError:
        return len(choices)


def rank_sql(choices: tuple[str, ...], expr):
    """The SQL twin of ``rank`` over the column ``expr``."""
    return case(*((expr == c, i) for i, c in enumerate(choices)), else_=len(choices))


# Printed documents pick their language per document, independently of the interface: these words come in
# both languages. The English one is also a msgid, for the badges and the GUI.
#: the heading of each participant category in a list of participants ("Signatory States")
CATEGORY_HEADINGS: dict[str, tuple[str, str]] = {
    "signatory_state": (N_("Signatory States"), "Подписавшие государства"),
    "cooperating_organization": (N_("Cooperating Organizations"), "Сотрудничающие организации"),
    "observer": (N_("Observers"), "Наблюдатели"),
    "expert": (N_("Experts"), "Эксперты"),
    "secretariat": (N_("Secretariat"), "Секретариат"),
}
#: the title of each participant role on a list of participants and a badge ("Head of Delegation")
ROLE_TITLES: dict[str, tuple[str, str]] = {
    "head_of_delegation": (N_("Head of Delegation"), "Глава делегации"),
    "delegate": (N_("Delegate"), "Делегат"),
    "observer": (N_("Observer"), "Наблюдатель"),
    "expert": (N_("Expert"), "Эксперт"),
    "secretariat": (N_("Secretariat"), "Секретариат"),
}


def in_language(words: dict[str, tuple[str, str]], key: str | None, language: str) -> str:
    """The English or Russian word for ``key`` in one of the tables above (the key itself when unknown)."""
    en, ru = words.get(key, (key or "", key or ""))
    return ru if language == "ru" else en
