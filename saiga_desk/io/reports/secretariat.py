"""Draft Report of the Secretariat: the sections of the report to MOS4, generated from the data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.platypus import Paragraph
from sqlalchemy.orm import Session

from saiga_desk.core import models as m
from saiga_desk.io.reports import data, projects
from saiga_desk.io.reports.common import build, document_info, meeting_dates, meeting_place, meeting_title
from saiga_desk.io.reports.document import section, title_block
from saiga_desk.io.reports.labels import label, long_date
from saiga_desk.io.reports.safe_text import markup

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")  # fmt: skip

BACKGROUND = (
    "The Memorandum of Understanding Concerning Conservation, Restoration and Sustainable Use of the Saiga "
    "Antelope (Saiga spp.) (Saiga MOU) was concluded under the auspices of CMS and the CMS Secretariat acts as "
    "the Secretariat of the MOU (Saiga MOU, Paragraph 10). The Secretariat acts as the Depositary of the MOU, "
    "convenes regular meetings of the Signatories and facilitates the implementation of the MOU and the "
    "associated Medium-Term International Work Programme (MTIWP).",
    "Меморандум о взаимопонимании относительно сохранения, восстановления и устойчивого использования сайгака "
    "(Saiga spp.) заключён под эгидой КМВ; функции секретариата Меморандума выполняет Секретариат КМВ (пункт 10 "
    "Меморандума). Секретариат является депозитарием Меморандума, созывает регулярные совещания Сторон и "
    "содействует выполнению Меморандума и Среднесрочной международной программы работы (СМПР).",
)
ACTIONS = (
    ("Take note of the report", "Принять к сведению доклад"),
    ("Review the list of National Contact Points and provide an update, where necessary.",
     "Рассмотреть список национальных контактных лиц и при необходимости представить обновлённые сведения."),
)  # fmt: skip


def number_word(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def join_and(items: list[str], language: str) -> str:
    conj = " и " if language == "ru" else " and "
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + conj + items[-1]


def signatures_paragraph(s: Session, language: str) -> str:
    """ "To date, the Saiga MOU has five Signatory States - Kazakhstan, Mongolia, the Russian Federation, ..."."""
    states = data.signatories(s, language, "state")
    if language == "ru":
        names = [data.signatory_name(x, "ru") for x in states]
        text = f"В настоящее время Меморандум о сайгаке подписали государства ({len(states)}): {join_and(names, 'ru')}."
        if states and all(x.range_state for x in states):
            text += " Все нынешние государства ареала сайгака являются Сторонами Меморандума."
        return text
    names = [data.with_article(data.signatory_name(x, "en")) for x in states]
    noun = "Signatory State" if len(states) == 1 else "Signatory States"
    text = f"To date, the Saiga MOU has {number_word(len(states))} {noun} - {join_and(names, 'en')}."
    if states and all(x.range_state for x in states):
        text += " All current Saiga spp. Range States are Signatories to the MOU."
    return text


def cooperating_paragraph(s: Session, meeting: m.Meeting | None, language: str) -> str:
    orgs = data.signatories(s, language, "organization")
    names = [data.signatory_name(x, language) for x in orgs]
    coordinators = [
        x.organization.acronym or data.signatory_name(x, language) for x in orgs if x.technical_coordination
    ]
    doc = data.find_document(s, meeting, "Technical coordination")
    if language == "ru":
        text = (f"Помимо государств, Меморандум в качестве сотрудничающих организаций подписали организации "
                f"({len(orgs)}), активно работающие над сохранением сайгака: {join_and(names, 'ru')}.")  # fmt: skip
        if coordinators:
            text += (f" Организации {join_and(coordinators, 'ru')} по соглашению с Секретариатом КМВ "
                     "обеспечивают техническую координацию выполнения Меморандума")  # fmt: skip
            text += f" (см. документ «{doc.title_ru or doc.title_en}», {doc.symbol})." if doc else "."
        return text
    noun = "organization has" if len(orgs) == 1 else "organizations have"
    text = (f"In addition to the Signatory States, {number_word(len(orgs))} governmental and international "
            f"non-governmental {noun} signed the MOU as Cooperating Organizations. These are: "
            f"{join_and(names, 'en')}.")  # fmt: skip
    if coordinators:
        count = number_word(len(coordinators)).capitalize()
        who = join_and([f"the {c}" if c.isupper() else c for c in coordinators], "en")
        verb = "organization" if len(coordinators) == 1 else "organizations"
        text += (f" {count} {verb}, {who}, have additionally signed an agreement with the CMS Secretariat, according "
                 "to which they currently provide technical coordination of the MOU’s implementation")  # fmt: skip
        text += f" (see the document titled “{doc.title_en}”, {doc.symbol})." if doc else "."
    return text


def _short(o: m.Organization, language: str) -> str:
    return o.acronym or data.organization_name(o, language)


def meeting_paragraph(s: Session, mt: m.Meeting, language: str) -> str:
    when = meeting_dates(mt, language)
    where = ", ".join(x for x in (mt.venue or "", meeting_place(mt, language)) if x)
    title = meeting_title(mt, language)
    organizers = [_short(o, language) for o in data.meeting_organizations(s, mt, "organizer")]
    supporters = [_short(o, language) for o in data.meeting_organizations(s, mt, "support")]
    funders = [_short(o, language) for o in data.meeting_organizations(s, mt, "funder")]
    postponed = [c for c in data.status_changes(s, mt) if c.status == "postponed"]
    if language == "ru":
        parts = [f"{when}: {title}" + (f", {where}" if where else "") + "."]
        if organizers:
            parts.append(f"Организаторы: {join_and(organizers, 'ru')}.")
        if supporters:
            parts.append(f"При поддержке: {join_and(supporters, 'ru')}.")
        if funders:
            parts.append(f"Финансирование: {join_and(funders, 'ru')}.")
        for c in postponed:
            parts.append("Совещание было перенесено" + (f" ({c.reason})." if c.reason else "."))
    else:
        prep = "on" if (mt.date_precision or "day") == "day" and mt.start_date else "in"
        lead = f"{prep.capitalize()} {when}, " if when else ""
        verb = {"planned": "is planned to take place", "cancelled": "was cancelled"}.get(
            mt.status, "took place"
        )
        parts = [f"{lead}the {title} {verb}" + (f" ({where})" if where else "") + "."]
        if organizers:
            parts.append(f"It was organized by {join_and(organizers, 'en')}"
                         + (f", supported by {join_and(supporters, 'en')}" if supporters else "")
                         + (f", with funding from {join_and(funders, 'en')}" if funders else "") + ".")  # fmt: skip
        for c in postponed:
            before = ""
            if c.previous_start_date:
                p = c.previous_date_precision or "day"
                from saiga_desk.core.periods import format_period

                before = " from " + format_period(c.previous_start_date, p, c.previous_end_date, p, "en")
            parts.append(
                f"The meeting was postponed{before}" + (f" due to: {c.reason}." if c.reason else ".")
            )
    if mt.notes:
        parts.append(mt.notes)
    return " ".join(parts)


def _meetings(s: Session, meeting: m.Meeting | None, kinds: tuple[str, ...]) -> list[m.Meeting]:
    from sqlalchemy import select

    since = data.previous_mos(s, meeting) if meeting else None
    q = select(m.Meeting).where(m.Meeting.kind.in_(kinds), m.Meeting.status != "cancelled")
    found = [x for x in s.scalars(q) if x.start_date is not None]
    if since is not None and since.end_date:
        found = [x for x in found if x.start_date > since.end_date]
    found = [x for x in found if meeting is None or x.id == meeting.id or x.kind != "mos"]
    found.sort(key=lambda x: x.start_date)
    return found


def project_paragraph(s: Session, p: m.Project, language: str) -> str:
    when = projects.project_dates(p, language)
    impl = join_and([_short(o, language) for o in data.implementers(s, p)], language)
    funders = join_and([_short(o, language) for o, _f in data.funders(s, p)], language)
    mandate = data.mandate_text(s, p)
    if language == "ru":
        parts = [f"«{p.title}»" + (f" ({when})" if when else "") + "."]
        parts += [f"Исполнитель: {impl}." if impl else "", f"Финансирование: {funders}." if funders else "",
                  f"Мандат: {mandate}." if mandate else "", f"Результат: {p.outcome}." if p.outcome else ""]  # fmt: skip
    else:
        parts = [f"The CMS Secretariat commissioned “{p.title}”" + (f" ({when})" if when else "") + "."]
        parts += [f"Objectives: {p.objectives}." if p.objectives else "", f"Implemented by {impl}." if impl else "",
                  f"Funded by {funders}." if funders else "", f"Mandate: {mandate}." if mandate else "",
                  f"Outcome: {p.outcome}." if p.outcome else ""]  # fmt: skip
    return " ".join(x.replace("..", ".") for x in parts if x)


def report(s: Session, path: Path, *, meeting: m.Meeting | None, as_at: dt.date, language: str,
           progress=None) -> None:  # fmt: skip
    info = document_info(s, meeting, label("sr_title", language), language,
                         document_title_en="Report of the Secretariat", draft=True)  # fmt: skip
    lang = language
    counter = iter(range(1, 10_000))

    def story(doc):
        st = doc.styles

        def numbered(text: str) -> Paragraph:
            return Paragraph(markup(text), st.numbered, bulletText=f"{next(counter)}.")

        out = title_block(info, st)
        out.append(Paragraph(f"<b>{markup(label('action', lang))}</b>", st.body))
        for en, ru in ACTIONS:
            out.append(Paragraph(markup(ru if lang == "ru" else en), st.bullet, bulletText="•"))
        out += section(label("background", lang), st)
        out.append(numbered(BACKGROUND[1] if lang == "ru" else BACKGROUND[0]))
        out += section(label("status_sig", lang), st)
        out.append(numbered(signatures_paragraph(s, lang)))
        out.append(numbered(cooperating_paragraph(s, meeting, lang)))
        for key, kinds in (
            ("meetings_mou", ("mos", "workshop")),
            ("meetings_other", ("cami", "cop", "other")),
        ):
            out += section(label(key, lang), st)
            found = _meetings(s, meeting, kinds)
            for mt in found:
                out.append(numbered(meeting_paragraph(s, mt, lang)))
            if not found:
                out.append(numbered(label("none_recorded", lang)))
        out += section(label("projects_comm", lang), st)
        table = data.projects(s, table_only=True)
        others = [p for p in data.projects(s, table_only=False) if not p.in_project_table]
        for p in others:
            out.append(numbered(project_paragraph(s, p, lang)))
        if table:
            funders = sorted({_short(o, lang) for p in table for o, _f in data.funders(s, p)})
            impl = sorted({_short(o, lang) for p in table for o in data.implementers(s, p)})
            if lang == "ru":
                intro = (f"При поддержке добровольных взносов ({join_and(funders, 'ru')}) Секретариат КМВ также "
                         f"финансировал следующие мероприятия организаций {join_and(impl, 'ru')}:")  # fmt: skip
            else:
                intro = (f"With the help of voluntary contributions of {join_and(funders, 'en')}, the CMS Secretariat "
                         f"has also supported financially the following activities of {join_and(impl, 'en')}:")  # fmt: skip
            out.append(numbered(intro))
            out.append(projects.project_table(s, table, lang, font_size=8))
        out += section(label("ncp_section", lang), st)
        ncp = data.find_document(s, meeting, "List of Designated National Contact Points")
        count = data.count_designations(s, as_at)
        sigs = data.count_designating_signatories(s, as_at)
        if lang == "ru":
            text = ("Пункт 5 Меморандума предлагает Сторонам назначить компетентный орган в качестве контактного "
                    "лица по всем вопросам выполнения Меморандума. Секретариат обновил Список назначенных "
                    f"национальных контактных лиц на основе сведений, полученных от Сторон (на {long_date(as_at, 'ru')}: "
                    f"контактных лиц — {count}, назначивших их Сторон — {sigs}).")  # fmt: skip
            text += f" Список издан как информационный документ {ncp.symbol}." if ncp else ""
        else:
            text = ("Paragraph 5 of the Saiga MOU invites Signatories to designate a competent authority as a contact "
                    "point for all matters relating to the MOU’s implementation and to communicate the name and "
                    "address of the authority and appointed person to the Secretariat. The Secretariat has updated "
                    "the List of Designated National Contact Points, based on the information received from the "
                    f"Signatories ({count} designations by {sigs} Signatories as at {long_date(as_at, 'en')}).")  # fmt: skip
            text += f" This document is uploaded as an Information Document ({ncp.symbol})." if ncp else ""
        out.append(numbered(text))
        if progress is not None:
            progress.report(1, 1, info.title)
        return out

    build(path, info, story)
