"""The fixed wording of the Report of the Secretariat (English, Russian): the background of the MOU, the
Central Asian Mammals Initiative, the action requested. Everything else in the report comes from the data."""

from __future__ import annotations

BACKGROUND = (
    "The Memorandum of Understanding Concerning Conservation, Restoration and Sustainable Use of the Saiga "
    "Antelope (Saiga spp.) (Saiga MOU) is the only international agreement dedicated to the Saiga Antelope that "
    "covers its entire range and that was signed by all of the Saiga Range States. The agreement was concluded "
    "under the auspices of the Convention on the Conservation of Migratory Species of Wild Animals (CMS), and "
    "the CMS Secretariat acts as the Secretariat of the MOU (Saiga MOU, Paragraph 10). The Secretariat’s "
    "functions include: to act as the Depositary of the MOU; to convene regular meetings hosted by and organized "
    "in collaboration with one of the undersigned Range States or any cooperating organizations; and to "
    "determine in consultation with Signatories the format of the national report. In addition to these "
    "responsibilities, the Secretariat facilitates the implementation of the MOU and the associated "
    "Medium-Term International Work Programme (MTIWP), for example by funding research and technical "
    "publications to inform decision makers, when resources become available.",
    "Меморандум о взаимопонимании относительно сохранения, восстановления и устойчивого использования сайгака "
    "(Saiga spp.) (Меморандум о сайгаке) — единственное международное соглашение, посвящённое сайгаку, которое "
    "охватывает весь его ареал и подписано всеми государствами ареала. Меморандум заключён под эгидой Конвенции "
    "о сохранении мигрирующих видов диких животных (КМВ), и Секретариат КМВ выполняет функции секретариата "
    "Меморандума (пункт 10 Меморандума). В функции Секретариата входит: выполнять обязанности депозитария "
    "Меморандума; созывать регулярные совещания, принимаемые и организуемые совместно с одним из подписавших "
    "Меморандум государств ареала или с сотрудничающими организациями; определять по согласованию со Сторонами "
    "формат национальных докладов. Кроме того, Секретариат содействует выполнению Меморандума и связанной с ним "
    "Среднесрочной международной программы работы (СМПР), например финансируя исследования и технические "
    "публикации для лиц, принимающих решения, когда для этого имеются средства.",
)
CAMI = (
    "Apart from the Saiga MOU, the Saiga Antelope is included in the CMS Central Asian Mammals Initiative (CAMI) "
    "and its Programme of Work (POW). The initiative was established by CMS Parties in 2014 at the Eleventh "
    "Meeting of the CMS Conference of the Parties (COP11) to streamline efforts in conserving large migratory "
    "mammals of Central Asia, and revised in 2020 by CMS COP13 through Resolution 11.24 (Rev.COP13). It covers 15 "
    "species of large mammals, including the Saiga Antelope, and 14 Range States, and addresses species-specific "
    "issues where no separate instrument for a species exists, as well as cross-cutting issues such as barriers "
    "to migration, poaching, disease and overgrazing that affect all or many CAMI species. While the CAMI POW "
    "refers to the MTIWP as the programme specifically developed for the Saiga, it additionally contains "
    "measures agreed by CMS Parties that benefit the Saiga, other CAMI species and their habitat.",
    "Помимо Меморандума о сайгаке, сайгак включён в Инициативу КМВ по млекопитающим Центральной Азии (ИМЦА) и её "
    "Программу работы. Инициатива учреждена Сторонами КМВ в 2014 г. на одиннадцатом совещании Конференции Сторон "
    "КМВ (КС11) для объединения усилий по сохранению крупных мигрирующих млекопитающих Центральной Азии и "
    "пересмотрена в 2020 г. КС13 КМВ резолюцией 11.24 (Rev.COP13). Инициатива охватывает 15 видов крупных "
    "млекопитающих, включая сайгака, и 14 государств ареала. Она рассматривает вопросы отдельных видов, для "
    "которых нет самостоятельного документа, а также общие проблемы — барьеры на путях миграции, браконьерство, "
    "болезни и перевыпас, — затрагивающие все или многие виды ИМЦА. Программа работы ИМЦА ссылается на СМПР как на "
    "программу, разработанную специально для сайгака, и дополнительно содержит меры, согласованные Сторонами КМВ, "
    "которые приносят пользу сайгаку, другим видам ИМЦА и их местообитаниям.",
)
ACTIONS = (
    ("Take note of the report", "Принять к сведению доклад"),
    ("Review the list of National Contact Points and provide an update, where necessary.",
     "Рассмотреть список национальных контактных лиц и при необходимости представить обновлённые сведения."),
)  # fmt: skip
