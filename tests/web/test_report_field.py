"""The report form's inputs (``{% report_field %}``): label, input, hint and messages, escaped."""

from __future__ import annotations

from django.template import Context, Template

from theodoi.web.forms_tracking import FieldState


def _draw(fs: FieldState, **options: object) -> str:
    args = " ".join(f"{k}={k}" for k in options)
    template = Template("{% load tracking_tags %}{% report_field fs label " + args + " %}")
    return template.render(Context({"fs": fs, "label": "Tỷ lệ <b>", **options}))


def test_a_number_input_has_its_label_hint_and_an_empty_message() -> None:
    html = _draw(FieldState("t-1-percent", "40"), kind="number", hint="Từ 0 đến 100")
    assert '<div class="field">' in html
    assert '<label for="f-t-1-percent">Tỷ lệ &lt;b&gt;</label>' in html
    assert (
        '<input type="text" id="f-t-1-percent" name="t-1-percent" value="40" '
        'aria-describedby="err-t-1-percent" inputmode="decimal" autocomplete="off">'
    ) in html
    assert '<p class="hint small">Từ 0 đến 100</p>' in html
    assert '<p class="field__error" id="err-t-1-percent"></p>' in html


def test_a_refused_textarea_is_marked_invalid_with_its_messages_escaped() -> None:
    html = _draw(FieldState("summary", 'a "b" <c>', ["Quá dài <1>", "Hãy sửa"]), kind="textarea", rows=4)
    assert '<div class="field field--error">' in html
    assert (
        '<textarea id="f-summary" name="summary" rows="4" aria-describedby="err-summary" '
        'aria-invalid="true">a &quot;b&quot; &lt;c&gt;</textarea>'
    ) in html
    assert '<p class="field__error" id="err-summary">Quá dài &lt;1&gt; Hãy sửa</p>' in html
    assert "hint" not in html
