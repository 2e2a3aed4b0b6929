"""The two registers the Secretariat writes in, each a template per language: a letter (first person, "Dear
Ms. ...", "Yours sincerely" and the signatory's name and title) and a note verbale (third person, "presents
its compliments ... avails itself of this opportunity", no salutation). Placeholders are those of
:data:`saiga_desk.io.reports.letters.PLACEHOLDERS`."""

from __future__ import annotations

LETTER = {
    "en": """{salutation}

On behalf of the Secretariat of the Convention on the Conservation of Migratory Species of Wild Animals, which \
acts as the Secretariat of the Memorandum of Understanding on the Saiga Antelope, I am writing to you as a \
National Contact Point of {signatory} for the Saiga MOU.

In preparation for the {meeting}, the Secretariat is updating the List of Designated National Contact Points. \
Our records show the following details for you: {name}, {position}, {authority}; {address}; {email}.

I would be grateful if you could confirm these details or let us know of any correction.

Yours sincerely,""",
    "ru": """{salutation}

От имени Секретариата Конвенции о сохранении мигрирующих видов диких животных, выполняющего функции \
секретариата Меморандума о взаимопонимании по сайгаку, обращаюсь к Вам как к национальному контактному лицу \
{signatory_genitive} по Меморандуму о сайгаке.

В рамках подготовки к совещанию «{meeting}» Секретариат обновляет Список назначенных национальных контактных \
лиц. В наших записях значится: {name}, {position}, {authority}; {address}; {email}.

Прошу Вас подтвердить эти сведения или сообщить об исправлениях.

С уважением,""",
}

NOTE_VERBALE = {
    "en": """The Secretariat of the Convention on the Conservation of Migratory Species of Wild Animals, acting \
as the Secretariat of the Memorandum of Understanding on the Saiga Antelope, presents its compliments to \
{authority} and has the honour to refer to the designation of the National Contact Point of {signatory} for the \
Saiga MOU.

In preparation for the {meeting}, the Secretariat is updating the List of Designated National Contact Points \
and has the honour to request the confirmation or correction of the following details: {name}, {position}; \
{address}; {email}.

The Secretariat of the Convention on the Conservation of Migratory Species of Wild Animals avails itself of \
this opportunity to renew to {authority} the assurances of its highest consideration.""",
    "ru": """Секретариат Конвенции о сохранении мигрирующих видов диких животных, выполняющий функции \
секретариата Меморандума о взаимопонимании по сайгаку, свидетельствует своё уважение {authority_dative} и имеет \
честь сослаться на назначение национального контактного лица {signatory_genitive} по Меморандуму о сайгаке.

В рамках подготовки к совещанию «{meeting}» Секретариат обновляет Список назначенных национальных контактных \
лиц и имеет честь просить подтвердить или исправить следующие сведения: {name}, {position}; {address}; {email}.

Секретариат Конвенции о сохранении мигрирующих видов диких животных пользуется случаем, чтобы возобновить \
{authority_dative} уверения в своём весьма высоком уважении.""",
}

#: template name -> texts by language (the officer chooses one; "letter" is the default)
TEMPLATES = {"letter": LETTER, "note-verbale": NOTE_VERBALE}
