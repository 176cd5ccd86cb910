/// Words and separators for generated texts, chosen to exercise the tokeniser's edge cases:
/// French elision with both apostrophes, NBSP, U+202F, non-breaking and plain hyphens,
/// tabs, œ, and the scripts of the six UN languages.
public enum Vocabulary {
    public static let french = [
        "l'UIT", "l’Union", "d'évaluer", "d’autre", "qu'il", "aujourd'hui", "mise", "en", "œuvre", "oeuvre",
        "Conseil", "Groupe", "travail", "SMSI", "ODD", "résultats", "rapport", "de", "la", "le", "les",
        "et", "des", "Résolution", "140", "2018", "4.1.3", "GTC-SMSI", "GTC‑SMSI", "Al‑Qurashi", "États",
    ]
    public static let english = ["the", "Union", "Member", "States", "don't", "resolves", "to", "instruct", "ITU's"]
    public static let spanish = ["la", "Unión", "Estados", "Miembros", "según", "niños", "¿qué?", "¡sí!"]
    public static let russian = ["Союз", "государства", "члены", "резолюция", "с)", "МСЭ", "решает"]
    public static let arabic = ["الاتحاد", "الدولي", "للاتصالات", "قرار", "،", "الدول", "الأعضاء", "١٤٠"]
    public static let chinese = ["国际电信联盟", "成员国", "决议", "。", "，", "信息社会世界峰会"]
    public static let japanese = ["国際電気通信連合", "ひらがな", "カタカナ", "です"]
    public static let punctuation = [",", ".", ";", ":", "(", ")", "«", "»", "–", "/", "\"", "'"]
    /// Separators between words, weighted towards a plain space as in real prose.
    public static let separators = [" ", " ", " ", " ", " ", " ", "\u{00A0}", "\u{202F}", "\t", "  ", "\u{00A0}:\u{00A0}", "-", "‑", "‐"]

    public static let allWords = french + english + spanish + russian + arabic + chinese + japanese + punctuation
}
