"""Draft Report of the Secretariat: the sections of the report to MOS4, generated from the data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.platypus import Paragraph

from saiga_desk.core import names as naming
from saiga_desk.core import report_data
from saiga_desk.core.text import join_and
from saiga_desk.io.reports import national_reports, projects, prose
from saiga_desk.io.reports.bidi_paragraph import paragraph
from saiga_desk.io.reports.common import build, document_info
from saiga_desk.io.reports.declension import head_gender, inflect
from saiga_desk.io.reports.document import section, title_block
from saiga_desk.io.reports.labels import label, long_date
from saiga_desk.io.reports.russian import plural_ru, russian_places
from saiga_desk.io.reports.safe_text import markup
from saiga_desk.io.reports.secretariat_texts import ACTIONS, BACKGROUND, CAMI

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")  # fmt: skip


def number_word(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def signatures_paragraph(db, language: str) -> str:
    """ "To date, the Saiga MOU has five Signatory States - Kazakhstan, Mongolia, the Russian Federation, ..."."""
    states = report_data.signatories(db, language, "state")
    if language == "ru":
        listed = [report_data.signatory_name(x, "ru") for x in states]
        text = f"В настоящее время Меморандум о сайгаке подписали государства ({len(states)}): {join_and(listed, 'ru')}."
        if states and all(x.range_state for x in states):
            text += " Все нынешние государства ареала сайгака являются Сторонами Меморандума."
        return text
    listed = [naming.with_article(report_data.signatory_name(x, "en")) for x in states]
    noun = "Signatory State" if len(states) == 1 else "Signatory States"
    text = f"To date, the Saiga MOU has {number_word(len(states))} {noun} - {join_and(listed, 'en')}."
    if states and all(x.range_state for x in states):
        text += " All current Saiga spp. Range States are Signatories to the MOU."
    return text


def cooperating_paragraph(db, meeting, language: str) -> str:
    orgs = report_data.signatories(db, language, "organization")
    listed = [report_data.signatory_name(x, language) for x in orgs]
    coordinators = [
        naming.signatory_short(x.country, x.organization, language) for x in orgs if x.technical_coordination
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


def _meetings(db, meeting, kinds: tuple[str, ...]) -> list:
    """Meetings of ``kinds`` since the previous Meeting of Signatories, the target meeting excluded (it has
    paragraphs of its own)."""
    found = report_data.meetings_since_previous_mos(db, meeting, kinds)
    return [x for x in found if x.kind != "mos" and (meeting is None or x.id != meeting.id)]


def meeting_paragraph(db, mt, names: prose.Names, target) -> str:
    """ "In April 2019, the CMS Secretariat organized the Joint ... in collaboration with ... . This workshop
    took place at ... and was supported by ... with funding from ... . The participants reviewed ..."."""
    lang = names.language
    when = prose.when(mt.start_date, mt.date_precision or "day", mt.end_date, lang)
    title = names.meeting(mt)
    roles = {r: report_data.meeting_organizations(db, mt, r) for r in ("organizer", "support", "funder")}
    cms = [o for o in roles["organizer"] if o.acronym == "CMS"]
    partners = [o for o in roles["organizer"] if o.acronym != "CMS"]
    place = prose.place(mt, lang)
    held = mt.status == "held" and not (target is not None and mt.start_date and target.start_date
                                        and mt.start_date >= target.start_date)  # fmt: skip
    if lang == "ru":  # constructions with the organizations in the nominative: no case to decline
        gender = head_gender(title)  # the verb agrees with the meeting: "семинар состоялся", "совещание состоялось"
        verb = ({"masc": "состоялся", "femn": "состоялась", "plur": "состоялись"}.get(gender, "состоялось") if held
                else "состоятся" if gender == "plur" else "состоится")  # fmt: skip
        if cms:
            who = [names.org(o) for o in cms + partners]
            subject = f"{join_and(who, 'ru')} {'организовали' if len(who) > 1 else 'организовал'}"
            acc = inflect(title, "accusative") if head_gender(title) == "femn" else title  # "организовал Конференцию"
            parts = [prose.sentence(f"{when} {subject} {acc}" if when else f"{subject} {acc}")]
            if place:
                parts[-1] = parts[-1][:-1] + f" {place}."
        else:
            parts = [prose.sentence(f"{when} {verb} {title}" + (f" {place}" if place else ""))]
        if roles["support"]:
            parts.append(f"Поддержку в проведении совещания оказали: {names.orgs(roles['support'])}.")
        if roles["funder"]:
            parts.append(f"Финансирование предоставили: {names.orgs(roles['funder'])}.")
        note = mt.notes_ru or (mt.notes if mt.notes and not mt.notes.isascii() else "")
        if note:
            parts.append(prose.sentence(note))
        return names.spell_out(" ".join(parts))
    verb = "took place" if held else "is scheduled to take place"
    if cms:
        lead = (
            f"{prose.ucfirst(when)}, the CMS Secretariat organized {title}"
            if when
            else f"The CMS Secretariat organized {title}"
        )
        if partners:
            lead += f" in collaboration with {names.orgs(partners)}"
        parts = [lead + "."]
        noun = "workshop" if mt.kind == "workshop" else "meeting"
        rest = f"This {noun} {verb}" + (f" {place}" if place else "")
        if roles["support"]:
            rest += f" and was supported by {names.orgs(roles['support'])}"
        if roles["funder"]:
            rest += f" with funding from {names.orgs(roles['funder'])}"
        parts.append(rest + ".")
    else:
        parts = [
            prose.sentence(
                f"{prose.ucfirst(title)} {verb}"
                + (f" {when}" if when else "")
                + (f" {place}" if place else "")
            )
        ]
    subject = "The participants" if mt.kind == "workshop" else "The meeting"
    parts.append(prose.note_sentence(mt.notes, subject, "they" if mt.kind == "workshop" else "it"))
    return names.spell_out(" ".join(x for x in parts if x))


def target_paragraphs(db, mt, names: prose.Names) -> list[str]:
    """The meeting the report is for, in the future: its postponement, and the Secretariat's duties."""
    lang = names.language
    title = names.meeting(mt)
    host = mt.host_country or mt.country
    host_name = naming.country_name(host, lang) if host else ""
    postponed = [c for c in report_data.status_changes(db, mt) if c.status == "postponed"]
    online = mt.mode == "online"
    out = []
    if lang == "ru":
        if postponed:
            c = postponed[-1]
            before = prose.when(
                c.previous_start_date, c.previous_date_precision or "day", c.previous_end_date, "ru"
            )
            text = prose.ucfirst(f"{title} первоначально планировалось провести {before}".strip())
            text += f" в {inflect(host_name, 'prepositional')}" if host_name else ""
            text += ", однако его пришлось перенести"
            text += (
                " из-за ограничений на поездки, связанных с пандемией COVID-19"
                if c.reason and "COVID" in c.reason
                else ""
            )
            text += "; теперь совещание состоится в режиме онлайн." if online else "."
            out.append(text)
        duties = (f"Секретариату КМВ поручена организация совещания{' совместно с принимающей стороной — ' + host_name if host_name else ''}. "
                  "В обязанности Секретариата входят: подготовка приглашений и регистрация участников, подготовка "
                  "документов совещания, ведение страницы совещания на веб-сайте КМВ, подготовка доклада о работе "
                  "совещания" + (", а также предоставление программного обеспечения для проведения совещания "
                                 "и техническая поддержка." if online else "."))  # fmt: skip
        out.append(duties)
        return [names.spell_out(x) for x in out]
    host_en = naming.with_article(host_name) if host_name else ""
    if postponed:
        c = postponed[-1]
        before = prose.when(
            c.previous_start_date, c.previous_date_precision or "day", c.previous_end_date, "en"
        )
        text = f"{prose.ucfirst(title)} was originally scheduled to take place {before}"
        text += f" in {host_en}" if host_en else ""
        text += " but had to be postponed"
        text += f" due to {prose.lcfirst(c.reason)}" if c.reason else ""
        text += "; it will now take place online." if online else "."
        out.append(text)
    year = f"In {mt.start_date.year}, t" if mt.start_date else "T"
    duties = (f"{year}he CMS Secretariat is tasked with the organization of {names.meeting(mt)}"
              + (f", hosted by and in cooperation with {host_en}" if host_en else "") + ". The Secretariat’s "
              "responsibilities in this regard include: the preparation of the invitations and the registration of "
              "the participants, the preparation of the meeting documents, the maintenance of the CMS website "
              "relating to the Meeting, the preparation of the Meeting Report"
              + (" and the provision of the software for holding the Meeting, including technical support."
                 if online else "."))  # fmt: skip
    out.append(duties)
    return [names.spell_out(x) for x in out]


def project_paragraph(p, names: prose.Names) -> str:
    """ "In 2019, the CMS Secretariat commissioned “...” with funding from ... . The work aims to ... ."."""
    lang = names.language
    when = prose.when(p.start_date, p.start_precision or "year", None, lang)  # when it was commissioned
    impl = p.implementers
    funders = [o for o, _f in p.funders]
    mandate = p.mandate_text
    if lang == "ru":
        return names.spell_out(_project_ru(p, when, impl, funders, names))
    lead = (
        f"{prose.ucfirst(when)}, the CMS Secretariat commissioned “{p.title}”"
        if when
        else f"The CMS Secretariat commissioned “{p.title}”"
    )
    if impl:
        lead += f", implemented by {names.orgs(impl)}"
    if funders:
        lead += f", with funding from {names.orgs(funders)}"
    parts = [lead + "."]
    if p.objectives:
        objectives = p.objectives.rstrip(". ")
        colon = ":" if objectives.startswith(("i)", "1)", "a)")) else ""
        parts.append(
            f"The work aims{colon} to {prose.lcfirst(objectives)}."
            if not colon
            else f"The work aims to: {objectives}."
        )
    if mandate:
        parts.append(f"It responds to {prose.lcfirst(mandate) if mandate.split()[0] in ('Recommendation', 'Draft') else mandate}"
                     .replace("responds to recommendation", "responds to the recommendation")
                     .replace("responds to draft", "responds to the draft") + ".")  # fmt: skip
    if p.outcome and p.outcome.isascii():
        parts.append(f"Outcome: {prose.lcfirst(p.outcome).rstrip('.')}.")
    return names.spell_out(" ".join(parts).replace("..", "."))


def _project_ru(p, when: str, impl: list, funders: list, names: prose.Names) -> str:
    """The Russian paragraph of a project: its Russian title, objectives and mandate when it has them; a title
    known only in the original language is quoted as such, in a sentence of its own."""
    title = projects.in_language(p, "title", "ru")
    lead = f"{when} Секретариат КМВ заказал" if when else "Секретариат КМВ заказал"
    if p.title_ru:
        parts = [prose.ucfirst(f"{lead} работу «{title}».")]
    else:
        parts = [prose.ucfirst(f"{lead} работу, название которой приводится на языке оригинала: «{title}».")]
    if impl:
        parts.append(f"Исполнители: {names.orgs(impl)}.")
    if funders:
        parts.append(f"Финансирование: {names.orgs(funders)}.")
    if p.objectives_ru:
        parts.append(prose.sentence(f"Цели работы: {prose.lcfirst(p.objectives_ru.rstrip('. '))}"))
    mandate = projects.in_language(p, "mandate", "ru")
    if mandate:
        parts.append(f"Мандат: {mandate.rstrip('.')}." if not mandate.isascii() else
                     f"Мандат (на языке оригинала): «{mandate}».")  # fmt: skip
    if p.outcome_ru:
        parts.append(f"Результат: {prose.lcfirst(p.outcome_ru).rstrip('.')}.")
    return " ".join(parts)


def _summary(db, meeting, names: prose.Names) -> str:
    lang = names.language
    prev = report_data.previous_mos(db, meeting) if meeting is not None else None
    if lang == "ru":
        text = (
            "В настоящем документе описаны мероприятия, совещания и проекты, организованные Секретариатом КМВ"
        )
        if prev is not None:
            text += f" после {'последнего совещания Сторон, подписавших Меморандум о сайгаке'} ({prev.code})"
            text += f" в {prev.start_date.year} г." if prev.start_date else "."
        return text if text.endswith(".") else text + "."
    text = "This document describes the activities, meetings and projects organized by the CMS Secretariat"
    if prev is not None:
        names.seen.add(prev.code)
        text += f" since the last Meeting of Signatories to the Saiga MOU ({prev.code})"
        text += f" in {prev.start_date.year}" if prev.start_date else ""
    return text + "."


def _projects_intro(table: list, names: prose.Names) -> str:
    lang = names.language
    funders = {o.id: o for p in table for o, _f in p.funders}
    impl = {o.id: o for p in table for o in p.implementers}
    funder_names = names.orgs(sorted(funders.values(), key=lambda o: o.name_en))
    impl_names = names.orgs(sorted(impl.values(), key=lambda o: o.acronym or o.name_en))
    if lang == "ru":
        return (f"За счёт добровольных взносов ({funder_names}) Секретариат КМВ также оказал финансовую поддержку "
                f"следующим мероприятиям сотрудничающих организаций Меморандума ({impl_names}):")  # fmt: skip
    count = prose_number(len(impl))
    return (f"With the help of voluntary contributions of {funder_names}, the CMS Secretariat has also supported "
            f"financially the following activities of the {count} Saiga MOU cooperating organizations"
            f"{',' if len(impl) > 1 else ''} i.e. {impl_names}:" if len(impl) > 1 else
            f"With the help of voluntary contributions of {funder_names}, the CMS Secretariat has also supported "
            f"financially the following activities of {impl_names}:")  # fmt: skip


def prose_number(n: int) -> str:
    return number_word(n)


def report(db, path: Path, *, meeting, as_at: dt.date, language: str, progress=None) -> None:
    registered = report_data.find_document(db, meeting, "Report of the Secretariat")
    info = document_info(db, meeting, label("sr_title", language), language,
                         document_title_en="Report of the Secretariat",
                         draft=registered is not None and registered.status == "draft")  # fmt: skip
    lang = language
    counter = iter(range(1, 10_000))
    names = prose.Names(lang)
    if meeting is not None and meeting.code:
        names.glossary[meeting.code] = naming.pick(meeting.title_en, meeting.title_ru, lang)

    def story(doc):
        st = doc.styles

        def numbered(text: str) -> Paragraph:
            return paragraph(text, st.numbered, bulletText=f"{next(counter)}.")

        out = title_block(info, st)
        out.append(Paragraph(markup(_summary(db, meeting, names)), st.body))
        out.append(Paragraph(f"<b>{markup(label('action', lang))}</b>", st.body))
        for en, ru in ACTIONS:
            out.append(Paragraph(markup(ru if lang == "ru" else en), st.bullet, bulletText="•"))
        out += section(label("background", lang), st)
        names.seen.update(("MTIWP", "СМПР", "CMS", "КМВ"))
        out.append(numbered(BACKGROUND[1] if lang == "ru" else BACKGROUND[0]))
        out += section(label("status_sig", lang), st)
        out.append(numbered(signatures_paragraph(db, lang)))
        out.append(numbered(cooperating_paragraph(db, meeting, lang)))
        dates = national_reports.signatures_paragraph(db, lang)  # the depositary record (issue 16)
        out.append(numbered(russian_places(dates, lang)))
        for o in report_data.signatories(db, lang, "organization"):  # spelled out in the list of paragraph 3
            if o.organization is not None and o.organization.acronym:
                names.seen.add(o.organization.acronym)
        out += section(label("meetings_mou", lang), st)
        found = _meetings(db, meeting, ("mos", "workshop"))
        for mt in found:
            out.append(numbered(meeting_paragraph(db, mt, names, meeting)))
        if meeting is not None and meeting.kind == "mos":
            for text in target_paragraphs(db, meeting, names):
                out.append(numbered(text))
        elif not found:
            out.append(numbered(label("none_recorded", lang)))
        out += section(label("meetings_other", lang), st)
        found = _meetings(db, meeting, ("cami", "cop", "other"))
        if any(mt.kind == "cami" for mt in found):
            names.seen.update(("CAMI", "POW", "COP", "ИМЦА"))
            out.append(numbered(CAMI[1] if lang == "ru" else CAMI[0]))
        for mt in found:
            out.append(numbered(meeting_paragraph(db, mt, names, meeting)))
        if not found:
            out.append(numbered(label("none_recorded", lang)))
        out += section(label("projects_comm", lang), st)
        table = report_data.projects(db, table_only=True)
        others = [p for p in report_data.projects(db, table_only=False) if not p.in_project_table]
        # completed work first, in the order it was finished; work without dates last
        others.sort(
            key=lambda p: (p.end_date is None, p.end_date or dt.date.max, p.start_date or dt.date.max, p.id)
        )
        for p in others:
            out.append(numbered(project_paragraph(p, names)))
        if table:
            out.append(numbered(_projects_intro(table, names)))
            out.append(projects.project_table(table, lang, font_size=8))
        reports_text = national_reports.paragraph(db, meeting, lang, as_at) if meeting is not None else ""
        if reports_text:  # national reports to this meeting (issue 16)
            out += section(national_reports.section_title(lang), st)
            out.append(numbered(russian_places(reports_text, lang)))
        out += section(label("ncp_section", lang), st)
        ncp = report_data.find_document(db, meeting, "List of Designated National Contact Points")
        count = report_data.count_designations(db, as_at)
        sigs = report_data.count_designating_signatories(db, as_at)
        if lang == "ru":
            text = ("Пункт 5 Меморандума предлагает Сторонам назначить компетентный орган в качестве контактного "
                    "лица по всем вопросам выполнения Меморандума. Секретариат обновил Список назначенных "
                    f"национальных контактных лиц на основе сведений, полученных от Сторон (по состоянию на "
                    f"{long_date(as_at, 'ru')} назначено {count} {plural_ru(count, 'контактное лицо', 'контактных лица', 'контактных лиц')} "
                    f"от {sigs} {'Стороны' if sigs % 10 == 1 and sigs % 100 != 11 else 'Сторон'}).")  # fmt: skip
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
