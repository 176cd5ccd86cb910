/// How the tokeniser sees one Unicode scalar.
///
/// Classification is by block, not by the full Unicode property tables: this module has no
/// dependencies (no ICU), and what matters for amending UN texts is a handful of scripts
/// whose blocks are stable. Anything not listed below counts as a letter, so an unknown
/// script degrades to "words between spaces", which is what most scripts use anyway.
///
/// Han ideographs, kana and Hangul are one token per character. Chinese and Japanese have
/// no spaces, and word segmentation would need a dictionary (ICU's) whose answers change
/// between versions; per-character tokens are dependency-free and deterministic, and
/// character granularity is what translators compare in those languages anyway.
enum ScalarClass: UInt8, Sendable {
    case letter, digit, whitespace, ideograph, apostrophe, mark, punctuation

    @inline(__always)
    init(ascii byte: UInt8) {
        switch byte {
        case 0x41 ... 0x5A, 0x61 ... 0x7A: self = .letter
        case 0x30 ... 0x39: self = .digit
        case 0x20, 0x09 ... 0x0D: self = .whitespace
        case 0x27: self = .apostrophe
        default: self = .punctuation
        }
    }

    init(nonASCII value: UInt32) {
        switch value {
        // Latin-1 supplement: letters, except the symbols and punctuation around them.
        case 0x00A0: self = .whitespace
        case 0x00AA, 0x00B5, 0x00BA: self = .letter
        case 0x00A1 ... 0x00BF, 0x00D7, 0x00F7: self = .punctuation
        case 0x0085: self = .whitespace
        case 0x0080 ... 0x009F: self = .punctuation
        case 0x02BC: self = .apostrophe
        case 0x0300 ... 0x036F, 0x0483 ... 0x0489: self = .mark
        case 0x037E, 0x0387, 0x055A ... 0x055F, 0x0589: self = .punctuation
        // Arabic: letters and harakat form words; Arabic-Indic digits are digits.
        case 0x0600 ... 0x060F, 0x061B ... 0x061F, 0x066A ... 0x066D, 0x06D4, 0x06DD, 0x06DE, 0x06E9:
            self = .punctuation
        case 0x0610 ... 0x061A, 0x064B ... 0x065F, 0x0670, 0x06D6 ... 0x06DC, 0x06DF ... 0x06E4,
             0x06E7, 0x06E8, 0x06EA ... 0x06ED:
            self = .mark
        case 0x0660 ... 0x0669, 0x06F0 ... 0x06F9: self = .digit
        case 0x1100 ... 0x11FF: self = .ideograph
        case 0x1680: self = .whitespace
        case 0x1AB0 ... 0x1AFF, 0x1DC0 ... 0x1DFF: self = .mark
        // General punctuation: the spaces, then joiners, then U+2019 as apostrophe.
        case 0x2000 ... 0x200A, 0x2028, 0x2029, 0x202F, 0x205F: self = .whitespace
        case 0x200C, 0x200D: self = .mark
        case 0x2019: self = .apostrophe
        case 0x200B, 0x200E ... 0x2018, 0x201A ... 0x2027, 0x202A ... 0x202E, 0x2030 ... 0x205E,
             0x2060 ... 0x206F:
            self = .punctuation
        case 0x20A0 ... 0x20CF: self = .punctuation
        case 0x20D0 ... 0x20FF: self = .mark
        case 0x2100 ... 0x2BFF, 0x2E00 ... 0x2E7F: self = .punctuation
        case 0x2E80 ... 0x2FDF: self = .ideograph
        // CJK symbols and punctuation, with the iteration marks and ideographic numbers
        // that behave as characters.
        case 0x3000: self = .whitespace
        case 0x3005 ... 0x3007, 0x3021 ... 0x3029, 0x3031 ... 0x3035: self = .ideograph
        case 0x3099, 0x309A: self = .mark
        case 0x3001 ... 0x303F: self = .punctuation
        case 0x30FB: self = .punctuation
        case 0x3040 ... 0x30FF, 0x3100 ... 0x31BF, 0x31F0 ... 0x31FF, 0x3400 ... 0x4DBF, 0x4E00 ... 0x9FFF,
             0xA960 ... 0xA97F, 0xAC00 ... 0xD7FF, 0xF900 ... 0xFAFF:
            self = .ideograph
        case 0xFE00 ... 0xFE0F, 0xFE20 ... 0xFE2F: self = .mark
        case 0xFE10 ... 0xFE1F, 0xFE30 ... 0xFE6F, 0xFEFF: self = .punctuation
        // Full-width forms: ASCII look-alikes keep their ASCII class.
        case 0xFF10 ... 0xFF19: self = .digit
        case 0xFF21 ... 0xFF3A, 0xFF41 ... 0xFF5A: self = .letter
        case 0xFF01 ... 0xFF65: self = .punctuation
        case 0xFF66 ... 0xFF9F: self = .ideograph
        case 0xFFE0 ... 0xFFFF: self = .punctuation
        case 0x1B000 ... 0x1B16F, 0x20000 ... 0x3FFFF: self = .ideograph
        case 0x1F3FB ... 0x1F3FF, 0xE0100 ... 0xE01EF: self = .mark
        case 0x1F000 ... 0x1FAFF: self = .punctuation
        default: self = .letter
        }
    }
}
