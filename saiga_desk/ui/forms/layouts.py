"""The field layout of each record form: sections of fields, in the Secretariat's words.

A spec is ``(name, label, kind)`` with kind one of: text, email, multiline, longtext, date, bool, int, number,
``choice`` (values from the services' choices or ``CHOICES`` here) or ``ref:<source>`` (a picker over
``references.SOURCES``). Sections go in the left (0) or right (1) column of the form.
"""

from __future__ import annotations

from dataclasses import dataclass

from saiga_desk.core import models as m
from saiga_desk.i18n import N_


@dataclass(frozen=True)
class Spec:
    name: str
    label: str
    kind: str = "text"


@dataclass(frozen=True)
class Section:
    title: str
    fields: tuple[Spec, ...]
    column: int = 0


S = Spec

# choice lists the services do not restrict (free text in the database, offered as a list here)
CHOICES = {
    ("documents", "revision_kind"): ("Rev", "Corr", "Add"),
    ("documents", "original_language"): m.LANGUAGES,
    ("work-programmes", "status"): ("draft", "adopted", "superseded"),
    ("publications", "language"): m.LANGUAGES,
}

LAYOUTS: dict[str, tuple[Section, ...]] = {
    "organizations": (
        Section(N_("Organization"), (
            S("name_en", N_("Name"), "multiline"), S("name_ru", N_("Name (Russian)"), "multiline"),
            S("acronym", N_("Acronym")), S("kind", N_("Kind"), "choice"),
            S("country_id", N_("Country"), "ref:countries"),
            S("parent_id", N_("Part of"), "ref:organizations"),
        )),
        Section(N_("Contact"), (
            S("website", N_("Website")), S("email", N_("Email"), "email"), S("phone", N_("Phone")),
            S("address", N_("Address"), "multiline"), S("notes", N_("Notes"), "multiline"),
        ), 1),
    ),
    "signatories": (
        Section(N_("Signatory"), (
            S("kind", N_("Signatory is a"), "choice"),
            S("country_id", N_("State (country)"), "ref:countries"),
            S("organization_id", N_("Cooperating Organization"), "ref:organizations"),
            S("range_state", N_("Range State of the saiga antelope"), "bool"),
            S("status", N_("Status"), "choice"),
            S("technical_coordination", N_("Technical coordination role"), "bool"),
        )),
        Section(N_("Signature"), (
            S("signed_on", N_("Signed on"), "date"), S("signed_at", N_("Signed at")),
            S("notes", N_("Notes"), "multiline"),
        ), 1),
    ),
    "persons": (
        Section(N_("Full name"), (  # not "Name": an organization's name is another word in Russian
            S("honorific", N_("Title (Mr., Ms., Dr.)")), S("given_name", N_("Given name")),
            S("family_name", N_("Family name")), S("given_name_latin", N_("Given name (Latin)")),
            S("family_name_latin", N_("Family name (Latin)")),
            S("preferred_language", N_("Preferred language"), "choice"),
        )),
        Section(N_("Work"), (
            S("position", N_("Position"), "multiline"),
            S("organization_id", N_("Organization"), "ref:organizations"),
            S("department", N_("Department")),
        )),
        Section(N_("Contact"), (
            S("email", N_("Email"), "email"), S("other_emails", N_("Other emails (one a line)"), "multiline"),
            S("phone", N_("Phone")), S("mobile", N_("Mobile")),
            S("address", N_("Postal address"), "multiline"), S("city", N_("City")),
            S("country_id", N_("Country"), "ref:countries"),
        ), 1),
        Section(N_("Notes"), (S("notes", N_("Notes"), "multiline"),), 1),
    ),
    "designations": (
        Section(N_("National Contact Point"), (
            S("signatory_id", N_("Signatory"), "ref:signatories"),
            S("person_id", N_("Person"), "ref:persons"),
            S("authority_id", N_("Competent authority"), "ref:organizations"),
            S("role", N_("Role"), "choice"),
        )),
        Section(N_("Designation"), (
            S("designated_on", N_("Designated on"), "date"),
            S("source_reference", N_("Source (note verbale, letter)")),
            S("valid_from", N_("Valid from"), "date"), S("valid_to", N_("Valid to (empty = current)"), "date"),
            S("last_confirmed_on", N_("Last confirmed on"), "date"),
            S("notes", N_("Notes"), "multiline"),
        ), 1),
    ),
    "meetings": (
        Section(N_("Meeting"), (
            S("code", N_("Code (e.g. MOS4)")), S("title_en", N_("Title"), "multiline"),
            S("title_ru", N_("Title (Russian)"), "multiline"), S("kind", N_("Kind"), "choice"),
            S("status", N_("Status"), "choice"), S("symbol_prefix", N_("Document symbol prefix")),
        )),
        Section(N_("Dates and place"), (
            S("start_date", N_("Start"), "date"), S("end_date", N_("End"), "date"),
            S("date_precision", N_("Dates precise to the"), "choice"), S("mode", N_("Mode"), "choice"),
            S("venue", N_("Venue")), S("venue_ru", N_("Venue (Russian)")), S("city", N_("City")),
            S("country_id", N_("Country"), "ref:countries"),
            S("host_country_id", N_("Host country"), "ref:countries"),
        ), 1),
        Section(N_("More"), (S("url", N_("Web page")), S("notes", N_("Notes"), "multiline"),
                             S("notes_ru", N_("Notes (Russian)"), "multiline")), 1),
    ),
    "participants": (
        Section(N_("Participant"), (
            S("meeting_id", N_("Meeting"), "ref:meetings"), S("person_id", N_("Person"), "ref:persons"),
            S("signatory_id", N_("Represents (Signatory)"), "ref:signatories"),
            S("organization_id", N_("Represents (organization)"), "ref:organizations"),
            S("secretariat", N_("Member of the Secretariat"), "bool"),
            S("category", N_("Category"), "choice"), S("role", N_("Role"), "choice"),
        )),
        Section(N_("Registration"), (
            S("status", N_("Status"), "choice"), S("invited_on", N_("Invited on"), "date"),
            S("registered_on", N_("Registered on"), "date"), S("confirmed_on", N_("Confirmed on"), "date"),
            S("attended_on", N_("Attended on"), "date"), S("cancelled_on", N_("Cancelled on"), "date"),
            S("credentials_received", N_("Credentials received"), "bool"),
            S("credentials_verified", N_("Credentials verified"), "bool"),
            S("funded", N_("Participation funded"), "bool"), S("notes", N_("Notes"), "multiline"),
        ), 1),
    ),
    "documents": (
        Section(N_("Document"), (
            S("meeting_id", N_("Meeting"), "ref:meetings"), S("symbol", N_("Symbol")),
            S("series", N_("Series"), "choice"), S("number", N_("Number"), "int"),
            S("revision_kind", N_("Revision"), "choice"), S("revision_number", N_("Revision number"), "int"),
            S("original_id", N_("Revises document"), "ref:documents"),
        )),
        Section(N_("Title and issue"), (
            S("title_en", N_("Title"), "multiline"), S("title_ru", N_("Title (Russian)"), "multiline"),
            S("agenda_item", N_("Agenda item")), S("languages", N_("Languages (e.g. en,ru)")),
            S("original_language", N_("Original language"), "choice"),
            S("issued_on", N_("Issued on"), "date"), S("status", N_("Status"), "choice"),
            S("file_name", N_("File")), S("link", N_("Link")), S("notes", N_("Notes"), "multiline"),
        ), 1),
    ),
    "projects": (
        Section(N_("Project"), (
            S("title", N_("Title"), "multiline"), S("title_ru", N_("Title (Russian)"), "multiline"),
            S("status", N_("Status"), "choice"),
            S("start_date", N_("Start"), "date"), S("start_precision", N_("Start precise to the"), "choice"),
            S("end_date", N_("End"), "date"), S("end_precision", N_("End precise to the"), "choice"),
            S("commissioned", N_("Commissioned by the Secretariat"), "bool"),
            S("in_project_table", N_("Listed in the report's project table"), "bool"),
        )),
        Section(N_("Substance"), (
            S("objectives", N_("Objectives"), "longtext"), S("mandate", N_("Mandate"), "multiline"),
            S("outcome", N_("Outcome"), "longtext"), S("notes", N_("Notes"), "multiline"),
        ), 1),
        Section(N_("In Russian (what the Russian documents print)"), (
            S("objectives_ru", N_("Objectives (Russian)"), "longtext"),
            S("mandate_ru", N_("Mandate (Russian)"), "multiline"),
            S("outcome_ru", N_("Outcome (Russian)"), "longtext"), S("notes_ru", N_("Notes (Russian)"), "multiline"),
        ), 1),
    ),
    "work-programmes": (
        Section(N_("Work programme"), (
            S("code", N_("Code")), S("title", N_("Title"), "multiline"), S("instrument", N_("Instrument")),
            S("start_year", N_("From year"), "int"), S("end_year", N_("To year"), "int"),
            S("status", N_("Status"), "choice"), S("adopted_by", N_("Adopted by"), "multiline"),
            S("url", N_("Web page")), S("notes", N_("Notes"), "multiline"),
        )),
    ),
    "work-programme-items": (
        Section(N_("Work programme item"), (
            S("programme_id", N_("Work programme"), "ref:work-programmes"),
            S("parent_id", N_("Part of item"), "ref:work-programme-items"), S("code", N_("Code (e.g. 1.3.1)")),
            S("kind", N_("Kind"), "choice"), S("title", N_("Title"), "multiline"),
        )),
    ),
    "publications": (
        Section(N_("Publication"), (
            S("title", N_("Title"), "multiline"), S("language", N_("Language"), "choice"),
            S("year", N_("Year"), "int"), S("url", N_("Link")),
        )),
    ),
}  # fmt: skip

# fields a copy must not keep as they are (unique in the database, or the bookkeeping of the original)
UNIQUE_SUFFIXED = {"meetings": ("code",), "documents": ("symbol",), "work-programmes": ("code",),
                   "work-programme-items": ("code",)}  # fmt: skip
CLEARED_ON_COPY = {
    "signatories": ("country_id", "organization_id"),
    "designations": ("superseded_by_id", "import_batch_id"),
    "persons": ("import_batch_id",),
    "participants": ("import_batch_id", "person_id"),
    "documents": ("file_hash",),
}


def fields_of(entity: str) -> list[Spec]:
    return [f for section in LAYOUTS[entity] for f in section.fields]
