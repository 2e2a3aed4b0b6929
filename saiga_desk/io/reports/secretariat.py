"""Draft Report of the Secretariat: the sections of the report to MOS4, generated from the data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.platypus import Paragraph

from saiga_desk.core import names, report_data
from saiga_desk.core.periods import format_period
from saiga_desk.io.reports import national_reports, projects
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


# Country names that take "the" in running English text.


def number_word(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def join_and(items: list[str], language: str) -> str:
    conj = " и " if language == "ru" else " and "
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + conj + items[-1]


def signatures_paragraph(db, language: str) -> str:
    """ "To date, the Saiga MOU has five Signatory States - Kazakhstan, Mongolia, the Russian Federation, ..."."""
    states = report_data.signatories(db, language, "state")
    if language == "ru":
        listed = [report_data.signatory_name(x, "ru") for x in states]
        text = f"В настоящее время Меморандум о сайгаке подписали государства ({len(states)}): {join_and(listed, 'ru')}."
        if states and all(x.range_state for x in states):
            text += " Все нынешние государства ареала сайгака являются Сторонами Меморандума."
        return text
    listed = [names.with_article(report_data.signatory_name(x, "en")) for x in states]
    noun = "Signatory State" if len(states) == 1 else "Signatory States"
    text = f"To date, the Saiga MOU has {number_word(len(states))} {noun} - {join_and(listed, 'en')}."
    if states and all(x.range_state for x in states):
        text += " All current Saiga spp. Range States are Signatories to the MOU."
    return text


def cooperating_paragraph(db, meeting, language: str) -> str:
    orgs = report_data.signatories(db, language, "organization")
    listed = [report_data.signatory_name(x, language) for x in orgs]
    coordinators = [
        names.signatory_short(x.country, x.organization, language) for x in orgs if x.technical_coordination
    ]
    doc = report_data.find_document(db, meeting, "Technical coordination")
    if language == "ru":
        text = (f"Помимо государств, Меморандум в качестве сотрудничающих организаций подписали организации "
                f"({len(orgs)}), активно работающие над сохранением сайгака: {join_and(listed, 'ru')}.")  # fmt: skip
        if coordinators:
            text += (f" Организации {join_and(coordinators, 'ru')} по соглашению с Секретариатом КМВ "
                     "обеспечивают техническую координацию выполнения Меморандума")  # fmt: skip
            text += f" (см. документ «{doc.title_ru or doc.title_en}», {doc.symbol})." if doc else "."
        return text
    noun = "organization has" if len(orgs) == 1 else "organizations have"
    text = (f"In addition to the Signatory States, {number_word(len(orgs))} governmental and international "
            f"non-governmental {noun} signed the MOU as Cooperating Organizations. These are: "
            f"{join_and(listed, 'en')}.")  # fmt: skip
    if coordinators:
        count = number_word(len(coordinators)).capitalize()
        who = join_and([f"the {c}" if c.isupper() else c for c in coordinators], "en")
        verb = "organization" if len(coordinators) == 1 else "organizations"
        text += (f" {count} {verb}, {who}, have additionally signed an agreement with the CMS Secretariat, according "
                 "to which they currently provide technical coordination of the MOU’s implementation")  # fmt: skip
        text += f" (see the document titled “{doc.title_en}”, {doc.symbol})." if doc else "."
    return text


_short = names.organization_short


def meeting_paragraph(db, mt, language: str) -> str:
    when = meeting_dates(mt, language)
    where = ", ".join(x for x in (mt.venue or "", meeting_place(mt, language)) if x)
    title = meeting_title(mt, language)
    organizers = [_short(o, language) for o in report_data.meeting_organizations(db, mt, "organizer")]
    supporters = [_short(o, language) for o in report_data.meeting_organizations(db, mt, "support")]
    funders = [_short(o, language) for o in report_data.meeting_organizations(db, mt, "funder")]
    postponed = [c for c in report_data.status_changes(db, mt) if c.status == "postponed"]
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
                before = " from " + format_period(c.previous_start_date, p, c.previous_end_date, p, "en")
            parts.append(
                f"The meeting was postponed{before}" + (f" due to: {c.reason}." if c.reason else ".")
            )
    if mt.notes:
        parts.append(mt.notes)
    return " ".join(parts)


def project_paragraph(p, language: str) -> str:
    when = projects.project_dates(p, language)
    impl = join_and([_short(o, language) for o in p.implementers], language)
    funders = join_and([_short(o, language) for o, _f in p.funders], language)
    mandate = p.mandate_text
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


def report(db, path: Path, *, meeting, as_at: dt.date, language: str, progress=None) -> None:
    info = document_info(db, meeting, label("sr_title", language), language,
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
        out.append(numbered(signatures_paragraph(db, lang)))
        out.append(numbered(cooperating_paragraph(db, meeting, lang)))
        out.append(numbered(national_reports.signatures_paragraph(db, lang)))  # depositary record
        for key, kinds in (
            ("meetings_mou", ("mos", "workshop")),
            ("meetings_other", ("cami", "cop", "other")),
        ):
            out += section(label(key, lang), st)
            found = report_data.meetings_since_previous_mos(db, meeting, kinds)
            for mt in found:
                out.append(numbered(meeting_paragraph(db, mt, lang)))
            if not found:
                out.append(numbered(label("none_recorded", lang)))
        out += section(label("projects_comm", lang), st)
        table = report_data.projects(db, table_only=True)
        others = [p for p in report_data.projects(db, table_only=False) if not p.in_project_table]
        for p in others:
            out.append(numbered(project_paragraph(p, lang)))
        if table:
            funders = sorted({_short(o, lang) for p in table for o, _f in p.funders})
            impl = sorted({_short(o, lang) for p in table for o in p.implementers})
            if lang == "ru":
                intro = (f"При поддержке добровольных взносов ({join_and(funders, 'ru')}) Секретариат КМВ также "
                         f"финансировал следующие мероприятия организаций {join_and(impl, 'ru')}:")  # fmt: skip
            else:
                intro = (f"With the help of voluntary contributions of {join_and(funders, 'en')}, the CMS Secretariat "
                         f"has also supported financially the following activities of {join_and(impl, 'en')}:")  # fmt: skip
            out.append(numbered(intro))
            out.append(projects.project_table(table, lang, font_size=8))
        reports_text = national_reports.paragraph(db, meeting, lang, as_at) if meeting is not None else ""
        if reports_text:  # national reports to this meeting (issue 16)
            out += section(national_reports.section_title(lang), st)
            out.append(numbered(reports_text))
        out += section(label("ncp_section", lang), st)
        ncp = report_data.find_document(db, meeting, "List of Designated National Contact Points")
        count = report_data.count_designations(db, as_at)
        sigs = report_data.count_designating_signatories(db, as_at)
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
