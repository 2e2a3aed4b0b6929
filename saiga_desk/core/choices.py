"""Words for the fixed choices: the database stores English keys, the officer sees words."""

from __future__ import annotations

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


def choice_label(value: str | None) -> str:
    if value is None or value == "":
        return ""
    label = CHOICE_LABELS.get(value)
    return _(label) if label else value.replace("_", " ").capitalize()
