"""Request bodies of Clearance's own endpoints, and the text type every input string uses.

Every model forbids unknown fields (a misspelt ``birth_dat`` is an error naming it, not a
silently weaker screening). :data:`Text` rejects what the stores cannot hold: NUL characters
(PostgreSQL text) and unpaired surrogates (not encodable as UTF-8).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from clearance.cases.workflow import Disposition
from clearance.enforcement.measures import Context

MAX_NAME_LENGTH = 1000
MAX_TEXT_LENGTH = 10_000
MAX_AMOUNT = Decimal(10) ** 18  # the ledger stores Numeric(20, 2)


def storable(value: str) -> str:
    """``value`` unchanged if a database can store it, else a ValueError saying why."""
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode (no unpaired surrogates)") from None
    return value


NO_NUL = r"^[^\x00]*$"
Text = Annotated[str, Field(pattern=NO_NUL), AfterValidator(storable)]
Name = Annotated[Text, Field(min_length=1, max_length=MAX_NAME_LENGTH)]
ShortText = Annotated[Text, Field(max_length=200)]
Reason = Annotated[  # some text that is not all spaces
    Text, Field(min_length=1, max_length=MAX_TEXT_LENGTH, pattern=r"^[^\x00]*[^\x00\s][^\x00]*$")
]
PartySchema = Literal["Person", "Organization", "Company", "LegalEntity", "Vessel", "Aircraft"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ScreenParty(_Strict):
    """One party to screen. With an ``id`` it is a customer: its alerts open or join cases."""

    model_config = ConfigDict(
        title="ScreenParty",
        json_schema_extra={
            "examples": [
                {
                    "id": "C-1001",
                    "name": "Ismail Demir",
                    "schema": "Person",
                    "birth_date": "1960-04-01",
                    "nationality": "tr",
                }
            ]
        },
    )

    id: ShortText | None = Field(None, description="Your customer id (alerts open cases).")
    name: Name
    schema_: PartySchema = Field("LegalEntity", alias="schema", description="FtM schema.")
    birth_date: ShortText | None = Field(None, description="ISO date or year, as known.")
    nationality: ShortText | None = None
    country: ShortText | None = None
    id_number: ShortText | None = Field(None, description="Passport, national id, LEI...")
    gender: ShortText | None = None


class ScreenRequest(_Strict):
    """A party or a batch of parties to screen against every loaded list."""

    model_config = ConfigDict(
        title="ScreenRequest",
        json_schema_extra={
            "examples": [{"parties": [{"id": "C-1001", "name": "Ismail Demir"}], "limit": 5}]
        },
    )

    parties: list[ScreenParty] = Field(min_length=1)
    threshold: float | None = Field(
        None, ge=0.0, le=1.0, description="Lowest score returned (default: the review threshold)."
    )
    limit: int = Field(10, ge=1, le=100, description="Matches per party at most.")


class DecideParty(_Strict):
    """A party to a decision, in the role it plays there."""

    model_config = ConfigDict(title="DecideParty")

    name: Name
    role: ShortText = Field("party", description="creditor, borrower, applicant, ...")
    schema_: PartySchema = Field("LegalEntity", alias="schema")
    birth_date: ShortText | None = None
    nationality: ShortText | None = None
    country: ShortText | None = None
    id_number: ShortText | None = None
    id: ShortText | None = Field(None, description="Your own id of the party.")


class CreditIn(_Strict):
    """A credit under a loan cap: recorded in the ledger when allowed."""

    model_config = ConfigDict(title="Credit")

    lender: Annotated[ShortText, Field(min_length=1)]
    amount: Decimal = Field(gt=-MAX_AMOUNT, lt=MAX_AMOUNT, allow_inf_nan=False)
    currency: str = Field("USD", pattern=r"^[A-Z]{3}$")
    on: date | None = Field(None, description="Day the credit is extended (default: today).")
    reference: ShortText | None = None


class DecideRequest(_Strict):
    """A context and its parties, to decide BLOCK / REJECT / DENY / LIMIT / REVIEW / CLEAR."""

    model_config = ConfigDict(
        title="DecideRequest",
        json_schema_extra={
            "examples": [
                {
                    "context": "payment",
                    "parties": [{"name": "Ismail Demir", "role": "creditor", "schema": "Person"}],
                    "amount": "1250000.00",
                }
            ]
        },
    )

    context: Context = Field(description="Where the parties meet: payment, credit, ...")
    parties: list[DecideParty] = Field(min_length=1)
    amount: Decimal | None = Field(None, gt=-MAX_AMOUNT, lt=MAX_AMOUNT, allow_inf_nan=False)
    credit: CreditIn | None = None


class DispositionIn(_Strict):
    """An analyst's proposed disposition; it takes effect when another user approves it."""

    model_config = ConfigDict(
        title="DispositionRequest",
        json_schema_extra={
            "examples": [
                {
                    "disposition": "false_positive",
                    "reason": "customer born 1990, passport differs",
                    "allow_list": True,
                }
            ]
        },
    )

    disposition: Disposition
    reason: Reason
    allow_list: bool = Field(False, description="Suppress this alert while nothing changes.")


class ApproveIn(_Strict):
    model_config = ConfigDict(title="ApproveRequest")

    note: Annotated[Text, Field(max_length=MAX_TEXT_LENGTH)] | None = None


class RejectIn(_Strict):
    model_config = ConfigDict(title="RejectRequest")

    reason: Reason
