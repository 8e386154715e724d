"""Forms of the kennisbank: an article, a file, a shared experience, a review decision."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import HiddenField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.forms import PortalForm, choice_list
from portal.knowledge import queries
from portal.knowledge.services import BODY_MAX, KIND_LABELS
from portal.offers.forms import VOCABULARY_FIELDS, MultiCheckboxField, term_choices

REQUIRED = _l("This field is required.")


class OfferPicker(SelectMultipleField):
    """A multiple select of offers; an offer taken offline meanwhile is dropped, not an error."""

    def pre_validate(self, form):
        values = {str(choice.value) for choice in self.iter_choices()}
        self.data = [d for d in (self.data or []) if str(d) in values]


class ArticleForm(PortalForm):
    kind = RadioField(
        _l("Kind of article"), choices=choice_list(KIND_LABELS), validators=[InputRequired(REQUIRED)]
    )
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(max=160)])
    summary = TextAreaField(
        _l("Summary"),
        validators=[DataRequired(REQUIRED), Length(max=400)],
        description=_l("One or two sentences: what can a colleague do with this? Shown in the list."),
    )
    body = TextAreaField(
        _l("Text"),
        validators=[DataRequired(REQUIRED), Length(max=BODY_MAX)],
        description=_l(
            "Markdown: **bold**, *italic*, lists with a dash, ## for a heading, links as "
            "[text](https://...). Add images below the text once the article is saved."
        ),
    )
    audiences = MultiCheckboxField(_l("Audiences"), coerce=int)
    profiles = MultiCheckboxField(_l("vmbo profiles"), coerce=int)
    themes = MultiCheckboxField(_l("Themes"), coerce=int)
    offer_ids = OfferPicker(
        _l("Related offers"),
        coerce=int,
        description=_l("Offers that go well with this article (hold Ctrl or Cmd to choose more than one)."),
    )

    def __init__(self, *args, selected_terms: set[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, vocabulary in VOCABULARY_FIELDS.items():
            getattr(self, name).choices = term_choices(vocabulary, selected_terms or set())
        self.offer_ids.choices = choice_list(queries.offer_choices())

    def to_data(self) -> dict:
        term_ids = [*self.audiences.data, *self.profiles.data, *self.themes.data]
        return {
            "kind": self.kind.data,
            "title": self.title.data,
            "summary": self.summary.data,
            "body": (self.body.data or "").replace("\r\n", "\n").strip(),
            "term_ids": term_ids,
            "offer_ids": list(self.offer_ids.data or []),
        }

    def fill(self, data: dict) -> None:
        self.kind.data = data.get("kind")
        self.title.data = data.get("title")
        self.summary.data = data.get("summary")
        self.body.data = data.get("body")
        ids = set(data.get("term_ids") or [])
        for name in VOCABULARY_FIELDS:
            field = getattr(self, name)
            field.data = [c.value for c in field.choices if c.value in ids]
        self.offer_ids.data = list(data.get("offer_ids") or [])


class ArticleFileForm(PortalForm):
    file = FileField(_l("File"), validators=[DataRequired(_l("Choose a file."))])
    alt_text = StringField(
        _l("What the image shows (alt text)"),
        validators=[Optional(), Length(max=200)],
        description=_l("Needed for an image: read aloud to people who cannot see it."),
    )


class ReactionForm(PortalForm):
    body = TextAreaField(
        _l("Your experience"),
        validators=[DataRequired(_l("Write at least a sentence about your experience.")), Length(max=1000)],
        description=_l(
            "What worked in your class, what would you do differently? Shown as written by a "
            "teacher of your school, without your name. Leave out email addresses and phone numbers."
        ),
    )


class DecisionForm(PortalForm):
    version = HiddenField()
    reason = TextAreaField(_l("Reason (for rejecting)"), validators=[Optional(), Length(max=2000)])
