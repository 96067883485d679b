"""News sentences in the scripts whose legacy encodings a feed or page may come in undeclared,
each with the code page it is saved in. Shared by the encoding tests and the feed tests."""

from __future__ import annotations

SAMPLES: dict[str, tuple[str, str]] = {
    "gb2312": (
        "gb2312",
        "国务院总理今天在北京会见了来访的外国代表团，双方就经济合作和地区安全问题深入交换了意见。"
        "会谈结束后，两国签署了多项合作协议，涉及贸易、能源和基础设施建设等领域。",
    ),
    "gbk": (
        "gbk",
        "据新华社报道，今年前三季度全国粮食产量再创新高，农业农村部表示将继续加大对种粮农民的支持力度。"
        "专家认为，稳定粮食生产对于保障国家粮食安全具有重要意义。",
    ),
    "big5": (
        "big5",
        "行政院今天通過新的能源政策，計畫在未來十年內大幅提高再生能源的比例，並逐步減少燃煤發電。"
        "經濟部長表示，政府將提供補助，協助企業進行節能改善。",
    ),
    "euc_kr": (
        "euc_kr",
        "정부는 오늘 내년도 예산안을 국회에 제출했다고 밝혔다. 이번 예산안은 일자리 창출과 "
        "저출산 대책에 중점을 두었으며, 총 규모는 올해보다 약 5퍼센트 늘어났다.",
    ),
    "shift_jis": (
        "shift_jis",
        "政府は本日、新たな経済対策を閣議決定した。物価高に対応するため、低所得世帯への給付金や"
        "電気料金の負担軽減策が盛り込まれている。首相は記者会見で早期の実施を目指すと述べた。",
    ),
    "euc_jp": (
        "euc_jp",
        "気象庁によると、大型の台風が週末にかけて九州地方に接近する見込みで、各地で大雨や暴風に"
        "警戒が必要だという。鉄道各社は計画運休を検討している。",
    ),
    "tis_620": (
        "tis_620",
        "รัฐบาลประกาศมาตรการช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากภัยแล้ง โดยจะจ่ายเงินชดเชยให้แก่"
        "ครัวเรือนที่ลงทะเบียนไว้ภายในสิ้นเดือนนี้ นายกรัฐมนตรีกล่าวว่าจะติดตามสถานการณ์อย่างใกล้ชิด",
    ),
    "cp1255": (
        "cp1255",
        "הממשלה אישרה היום את תקציב המדינה לשנה הבאה, לאחר דיון ארוך שנמשך עד שעות הלילה. "
        "שר האוצר אמר כי התקציב יתמקד בחינוך, בבריאות ובתחבורה ציבורית.",
    ),
    "cp1250": (
        "cp1250",
        "Vláda dnes schválila návrh státního rozpočtu na příští rok. Ministr financí řekl, že "
        "schodek bude nižší než letos, a že se zvýší výdaje na školství a zdravotnictví.",
    ),
    "cp1250-polish": (
        "cp1250",
        "Rząd przyjął dziś projekt budżetu na przyszły rok. Minister finansów powiedział, że "
        "deficyt będzie mniejszy niż w tym roku, a wydatki na zdrowie i edukację wzrosną.",
    ),
    "cp1251": (
        "cp1251",
        "Министр иностранных дел России заявил во вторник, что переговоры с НАТО были полезными, "
        "и стороны договорились встретиться снова до конца года.",
    ),
    "koi8_r": (
        "koi8_r",
        "Правительство утвердило новый план развития транспорта, который предусматривает "
        "строительство дорог и мостов в отдалённых регионах страны.",
    ),
    "cp1252": (
        "cp1252",
        "Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Förderung erneuerbarer Energien "
        "beschlossen. Die Opposition kritisierte, dass die Maßnahmen zu spät kämen.",
    ),
    "cp1252-french": (
        "cp1252",
        "Le gouvernement a présenté mercredi un projet de loi sur l'énergie. Les députés "
        "débattront du texte à l'Assemblée nationale dès la semaine prochaine, a précisé "
        "le ministre.",
    ),
}
