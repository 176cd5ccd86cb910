import ArgumentParser

/// `--show-formatting`, the same on every command that reports changes, so that they all
/// agree on what a member changed: by default a change of formatting only (NBSP for a
/// space, U+2011 for a hyphen, ’ for ') is no change.
struct FormattingOption: ParsableArguments {
    @Flag(help: "Also count and show changes of formatting only (NBSP for a space, U+2011 for a hyphen, ’ for ').")
    var showFormatting = false
}
