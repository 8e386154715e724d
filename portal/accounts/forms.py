"""Forms of the accounts area (all with CSRF through FlaskForm)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Email, EqualTo, InputRequired, Length, NumberRange, Optional

from portal.accounts.services import MIN_PASSWORD_LENGTH, normalise_brin, valid_brin
from portal.forms import PortalForm, choice_list
from portal.offers.forms import MultiCheckboxField


def int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _password_field(label):
    return PasswordField(
        label,
        validators=[
            DataRequired(),
            Length(min=MIN_PASSWORD_LENGTH, max=200, message=_l("Use at least %(min)d characters.")),
        ],
        description=_l(
            "At least %(n)d characters. A sentence of a few words is easy to remember and hard to guess.",
            n=MIN_PASSWORD_LENGTH,
        ),
    )


def _repeat_field(label=None):
    return PasswordField(
        label or _l("Repeat password"),
        validators=[
            DataRequired(),
            EqualTo("password", message=_l("The passwords are not the same.")),
        ],
    )


class RegisterForm(PortalForm):
    role = RadioField(
        _l("I am a"),
        choices=choice_list(
            [
                ("teacher", _l("Teacher at a primary school or vmbo")),
                ("provider", _l("Provider: company or institution with guest lessons, visits or materials")),
            ]
        ),
        validators=[InputRequired(message=_l("Choose whether you are a teacher or a provider."))],
    )
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(), Email(), Length(max=254)],
        description=_l("We send a link to this address to confirm it."),
    )
    phone = TelField(
        _l("Phone number (optional)"),
        validators=[Optional(), Length(max=40)],
        description=_l("Only shown to the other side of a booking."),
    )
    password = _password_field(_l("Password"))
    password_repeat = _repeat_field()

    school_mode = RadioField(
        _l("Your school"),
        default="existing",
        validate_choice=False,
        choices=choice_list(
            [
                ("existing", _l("My school is in the list")),
                ("new", _l("My school is not in the list yet")),
            ]
        ),
    )
    school_id = SelectField(
        _l("School"),
        coerce=int_or_none,
        validate_choice=False,
        description=_l("Your school's admins approve your request before you can book for the school."),
    )
    company_mode = RadioField(
        _l("Your organisation"),
        default="new",
        validate_choice=False,
        choices=choice_list(
            [
                ("new", _l("Register a new company or institution")),
                ("existing", _l("Join an organisation that is already on the portal")),
            ]
        ),
    )
    company_id = SelectField(
        _l("Company or institution"),
        coerce=int_or_none,
        validate_choice=False,
        description=_l("Its admins decide on your request; until then you see nothing of the organisation."),
    )

    new_name = StringField(_l("Name of the school or organisation"), validators=[Optional(), Length(max=200)])
    new_sector = SelectField(
        _l("School type"),
        validate_choice=False,
        choices=choice_list(
            [
                ("po", _l("Primary school (po)")),
                ("vo", _l("Secondary school with vmbo (vo)")),
            ]
        ),
        validators=[Optional()],
    )
    new_municipality = SelectField(_l("Municipality"), coerce=int_or_none, validate_choice=False)
    new_brin = StringField(
        _l("BRIN code (optional)"),
        validators=[Optional(), Length(max=8)],
        description=_l("4 characters like 12AB, or 6 with the location: 12AB01."),
    )
    new_website = StringField(
        _l("Website (optional)"),
        validators=[Optional(), URL(message=_l("Enter a full web address, starting with https://"))],
    )
    accept_privacy = BooleanField(
        _l("I have read the privacy statement"),
        validators=[DataRequired(message=_l("Please read and accept the privacy statement."))],
    )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        role = self.role.data
        if role == "teacher":
            ok = self._check_choice(self.school_mode, self.school_id) and ok
        elif role == "provider":
            ok = self._check_choice(self.company_mode, self.company_id) and ok
        return ok

    def _check_choice(self, mode, chosen) -> bool:
        if mode.data not in ("existing", "new"):
            mode.errors.append(_l("Choose one of the options."))
            return False
        if mode.data == "existing":
            if chosen.data is None:
                chosen.errors.append(_l("Choose an organisation from the list."))
                return False
            return True
        ok = True
        if not (self.new_name.data or "").strip():
            self.new_name.errors.append(_l("Fill in the name of your organisation."))
            ok = False
        if self.new_municipality.data is None:
            self.new_municipality.errors.append(_l("Choose a municipality."))
            ok = False
        if self.role.data == "teacher":
            if self.new_sector.data not in ("po", "vo"):
                self.new_sector.errors.append(_l("Choose the school type."))
                ok = False
            if not valid_brin(normalise_brin(self.new_brin.data)):
                self.new_brin.errors.append(
                    _l(
                        "A BRIN code is 2 digits and 2 letters, like 12AB, "
                        "optionally followed by 2 digits for the location."
                    )
                )
                ok = False
        return ok


class LoginForm(PortalForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(
        _l("Keep me logged in on this device"), description=_l("Only on a computer that you do not share.")
    )


class ForgotPasswordForm(PortalForm):
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(), Email(), Length(max=254)],
        description=_l("The address you registered with."),
    )


class ResetPasswordForm(PortalForm):
    password = _password_field(_l("New password"))
    password_repeat = _repeat_field(_l("Repeat new password"))


class ChangePasswordForm(PortalForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = _password_field(_l("New password"))
    password_repeat = _repeat_field(_l("Repeat new password"))


class ProfileForm(PortalForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    phone = TelField(
        _l("Phone number (optional)"),
        validators=[Optional(), Length(max=40)],
        description=_l("Only shown to the other side of a booking."),
    )
    # A teacher's own classes: they pre-fill the booking form (and the search filters).
    teaching_levels = MultiCheckboxField(
        _l("The levels you teach"),
        description=_l("We fill these in when you search and book; you can always change them there."),
    )
    usual_group_size = IntegerField(
        _l("Usual number of pupils in your class (optional)"),
        validators=[Optional(), NumberRange(min=1, max=500, message=_l("Give a number from 1 to 500."))],
    )
    booking_updates = BooleanField(_l("Mail me when something changes in a booking"))
    reminders = BooleanField(_l("Mail me a reminder before a booked date and a feedback request afterwards"))
    moderation = SelectField(
        _l("Offers waiting for moderation"),
        choices=choice_list(
            [
                ("each", _l("A mail for each submission")),
                ("daily", _l("One summary a day")),
            ]
        ),
    )


class DeleteAccountForm(PortalForm):
    password = PasswordField(
        _l("Your password"), validators=[DataRequired()], description=_l("To be sure it is really you.")
    )
    understood = BooleanField(
        _l("I understand that this cannot be undone"),
        validators=[DataRequired(message=_l("Tick this box to confirm."))],
    )


class JoinOrganisationForm(PortalForm):
    organisation_id = SelectField(
        _l("Organisation"),
        coerce=int_or_none,
        validate_choice=False,
        validators=[DataRequired(message=_l("Choose an organisation."))],
    )


class RefuseMemberForm(PortalForm):
    reason = TextAreaField(
        _l("Reason (sent to the person, optional)"), validators=[Optional(), Length(max=500)]
    )
