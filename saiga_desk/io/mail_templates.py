"""Subject and body of each kind of message, in English and Russian.

The placeholders are the letters' (``saiga_desk.io.reports.letters.PLACEHOLDERS``; a reminder also has
``{due_date}``) and are checked the same way: an unknown one, or one that would be empty for a recipient,
refuses the whole mailing.
"""

from __future__ import annotations

from saiga_desk.i18n import N_

#: kind -> title shown in the GUI and the CLI
KIND_TITLES = {
    "invitation": N_("Invitation to a meeting"),
    "reminder": N_("Reminder for a national report"),
    "review_pack": N_("Review pack request"),
    "letter": N_("Letter to the contact points"),
}

#: kind -> language -> (subject, body)
TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "invitation": {
        "en": (
            "Invitation: {meeting}",
            """{salutation}

The Secretariat of the Memorandum of Understanding concerning Conservation, Restoration and Sustainable Use \
of the Saiga Antelope has the honour to invite the representatives of {signatory} to the {meeting} \
({meeting_dates}).

The letter of invitation is attached. We hold the following details for you as a contact point of \
{signatory}: {name}, {position}; {email}. Please let us know of any correction.

Yours sincerely,

{secretariat}""",
        ),
        "ru": (
            "Приглашение: {meeting}",
            """{salutation}

Секретариат Меморандума о взаимопонимании по сохранению, восстановлению и устойчивому использованию \
сайгака имеет честь пригласить представителей ({signatory}) принять участие в совещании «{meeting}» \
({meeting_dates}).

Письмо-приглашение прилагается. В наших записях Вы значитесь контактным лицом ({signatory}): {name}, \
{position}; {email}. Просим сообщить нам об исправлениях.

С уважением,

{secretariat}""",
        ),
    },
    "reminder": {
        "en": (
            "National report of {signatory} for the {meeting}: reminder",
            """{salutation}

The national report of {signatory} for the {meeting} was due on {due_date}, and the Secretariat of the \
Memorandum of Understanding concerning Conservation, Restoration and Sustainable Use of the Saiga Antelope \
has not yet received it.

We would be grateful to receive the report at your earliest convenience, or to learn by when it can be \
expected. The reminder letter is attached.

Yours sincerely,

{secretariat}""",
        ),
        "ru": (
            "Национальный доклад ({signatory}) к совещанию «{meeting}»: напоминание",
            """{salutation}

Национальный доклад ({signatory}) к совещанию «{meeting}» следовало представить до {due_date}; \
Секретариат Меморандума о взаимопонимании по сохранению, восстановлению и устойчивому использованию \
сайгака пока его не получил.

Будем признательны за скорейшее представление доклада или за сообщение о сроке, к которому его можно \
ожидать. Письмо-напоминание прилагается.

С уважением,

{secretariat}""",
        ),
    },
    "review_pack": {
        "en": (
            "National Contact Points of {signatory}: please review",
            """{salutation}

In preparation for the {meeting}, the Secretariat is updating the List of Designated National Contact \
Points. Attached are a letter and a workbook with the details we hold for {signatory}.

Please correct the workbook where anything has changed, add new contact points in new rows, and return it \
to us.

Yours sincerely,

{secretariat}""",
        ),
        "ru": (
            "Национальные контактные лица ({signatory}): просьба проверить",
            """{salutation}

В рамках подготовки к совещанию «{meeting}» Секретариат обновляет Список назначенных национальных \
контактных лиц. Прилагаем письмо и файл со сведениями, которые у нас есть ({signatory}).

Просим исправить в файле то, что изменилось, добавить новых контактных лиц в новых строках и вернуть \
файл нам.

С уважением,

{secretariat}""",
        ),
    },
    "letter": {
        "en": (
            "Designated National Contact Points: {signatory}",
            """{salutation}

Please find attached a letter from the Secretariat concerning the designation of {authority} as the \
competent authority of {signatory}.

Yours sincerely,

{secretariat}""",
        ),
        "ru": (
            "Назначенные национальные контактные лица ({signatory})",
            """{salutation}

Направляем Вам письмо Секретариата о назначении {authority} компетентным органом ({signatory}).

С уважением,

{secretariat}""",
        ),
    },
}

MAIL_LANGUAGES = ("en", "ru")


def mail_language(preferred: str | None) -> str:
    """The language of a recipient's message: their preferred one when there is a template, else English."""
    return preferred if preferred in MAIL_LANGUAGES else "en"
