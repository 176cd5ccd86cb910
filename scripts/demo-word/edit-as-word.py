"""What Brazil's delegate does in Word to the clean text, for the demo: with track changes on,
replaces "a leading" by "an active" in resolves 1, inserts "closely" in instructs 2, and
comments on why. Word writes such edits as w:del/w:ins runs under the delegate's name and the
comment in word/comments.xml; this script writes the same into a copy of the document.

usage: edit-as-word.py CLEAN.docx EDITED.docx
"""
import sys
import zipfile

W = 'w:author="Delegate of Brazil" w:date="2022-02-01T09:00:00Z"'
clean, edited = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(clean) as package:
    parts = {name: package.read(name) for name in package.namelist()}

document = parts["word/document.xml"].decode("utf-8")
replacements = [
    ("continue to take a leading role",
     f'continue to take </w:t></w:r><w:del w:id="901" {W}><w:r><w:delText>a leading</w:delText></w:r></w:del>'
     f'<w:ins w:id="902" {W}><w:r><w:t>an active</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> role'),
    ("to coordinate with the United",
     f'to coordinate </w:t></w:r><w:commentRangeStart w:id="0"/><w:ins w:id="903" {W}><w:r><w:t xml:space="preserve">closely </w:t></w:r></w:ins>'
     f'<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:t xml:space="preserve">with the United'),
]
for old, new in replacements:
    if document.count(old) != 1:
        sys.exit(f"edit-as-word: {old!r} is not in the document once")
    document = document.replace(old, new)
parts["word/document.xml"] = document.encode("utf-8")
parts["word/comments.xml"] = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    f'<w:comment w:id="0" {W}><w:p><w:r><w:t>UNGIS coordination must be close to be useful.</w:t></w:r></w:p></w:comment>'
    '</w:comments>').encode("utf-8")

with zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as package:
    for name, data in parts.items():
        package.writestr(name, data)
