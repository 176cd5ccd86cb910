/// The frame every HTML output shares: a self-contained page (no script, no external
/// resource), UTF-8, its title escaped, the ITU redline convention (additions underlined,
/// deletions struck through) in the common style. `style` adds the page's own rules;
/// `body` is already-escaped mark-up.
func htmlPage(title: String, style: String, body: String) -> String {
    let title = htmlEscaped(title)
    return """
        <!DOCTYPE html>
        <html>
        <head>
        <meta charset="utf-8">
        <title>\(title)</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2em; line-height: 1.5; }
        ins { text-decoration: underline; }
        del { text-decoration: line-through; }
        \(style)</style>
        </head>
        <body>
        <h1>\(title)</h1>
        \(body)</body>
        </html>

        """
}
