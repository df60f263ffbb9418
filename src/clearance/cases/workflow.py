"""Cases: alerts grouped per (customer, listed entity), dispositions and four-eyes approval.

An alert at or above the review threshold opens a case, or joins the open case of the same
customer and entity. An analyst proposes a disposition (true match, false positive, escalate)
with a reason; it takes effect only when a different user with the approver role confirms
it (or sends it back). A confirmed false positive may add an allow-list entry, which
suppresses the same alert for as long as both the customer's screened fields and the listed
entity's published record are unchanged; when either changes the entry lapses and the case
re-opens. A closed case whose data changed re-opens the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, or_, select, update

from clearance.cases.audit import append as audit
from clearance.cases.principals import Principal
from clearance.cases.roles import Permission, allows
from clearance.matching import MatchResult
from clearance.store.schema import allow_list, case_events, cases

# The proposal columns of a case once its proposal is approved or sent back.
NO_PROPOSAL: dict[str, Any] = dict.fromkeys(
    ("proposed_disposition", "proposed_by", "proposed_reason", "proposed_allow", "proposed_at")
)


class CaseStatus(StrEnum):
    OPEN = "open"
    PENDING = "pending"  # a disposition awaits its approver
    ESCALATED = "escalated"
    CLOSED = "closed"


class Disposition(StrEnum):
    TRUE_MATCH = "true_match"
    FALSE_POSITIVE = "false_positive"
    ESCALATE = "escalate"


class CaseNotFound(LookupError):
    """No case with that id."""


class WorkflowError(ValueError):
    """The action does not fit the case's state (approving your own proposal, say)."""


class Forbidden(PermissionError):
    """The principal's role does not allow the action."""


@dataclass(frozen=True)
class Alert:
    """One match of one customer, as screening hands it to the case workflow."""

    customer_id: str
    customer_name: str
    customer_hash: str
    result: MatchResult
    entity_hash: str | None


@dataclass(frozen=True)
class AlertOutcome:
    customer_id: str
    entity_id: str
    case_id: int | None
    action: str  # opened / joined / reopened / suppressed

    def to_dict(self) -> dict[str, object]:
        return {
            "customer_id": self.customer_id,
            "entity_id": self.entity_id,
            "case_id": self.case_id,
            "action": self.action,
        }


def parse_disposition(text: str) -> Disposition:
    try:
        return Disposition(text.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        choices = ", ".join(d.value for d in Disposition)
        raise WorkflowError(f"unknown disposition {text!r}; choose one of {choices}") from None


def record_alerts(connection: Connection, alerts: list[Alert], actor: str) -> list[AlertOutcome]:
    """Open, join or re-open cases for ``alerts`` inside the caller's transaction."""
    outcomes = []
    now = datetime.now(UTC)
    for alert in alerts:
        outcomes.append(_record_one(connection, alert, actor, now))
    return outcomes


def _record_one(connection: Connection, alert: Alert, actor: str, now: datetime) -> AlertOutcome:
    result = alert.result
    allowed = connection.execute(
        select(allow_list).where(
            allow_list.c.customer_id == alert.customer_id,
            allow_list.c.entity_id == result.entity_id,
        )
    ).first()
    lapse_reason = None
    if allowed is not None:
        if (
            allowed.customer_hash == alert.customer_hash
            and allowed.entity_hash == alert.entity_hash
        ):
            return AlertOutcome(alert.customer_id, result.entity_id, allowed.case_id, "suppressed")
        lapse_reason = _change_reason(allowed, alert)
        connection.execute(
            delete(allow_list).where(
                allow_list.c.customer_id == alert.customer_id,
                allow_list.c.entity_id == result.entity_id,
            )
        )
    latest = {
        "score": result.score,
        "lists": json.dumps(list(result.lists)),
        "programs": json.dumps(list(result.programs)),
        "explanation": json.dumps(result.explanation, default=str),
        "snapshot_hash": result.snapshot_hash,
        "entity_hash": alert.entity_hash,
        "customer_hash": alert.customer_hash,
        "customer_name": alert.customer_name,
        "entity_caption": result.caption,
        "updated_at": now,
    }
    existing = connection.execute(
        select(cases).where(
            cases.c.customer_id == alert.customer_id, cases.c.entity_id == result.entity_id
        )
    ).first()
    if existing is None:
        case_id = connection.execute(
            insert(cases).returning(cases.c.id),
            {
                **latest,
                "customer_id": alert.customer_id,
                "entity_id": result.entity_id,
                "status": CaseStatus.OPEN.value,
                "alert_count": 1,
                "opened_at": now,
            },
        ).scalar_one()
        add_event(connection, case_id, actor, "opened", data={"score": round(result.score, 4)})
        return AlertOutcome(alert.customer_id, result.entity_id, case_id, "opened")
    changed = (
        existing.customer_hash != alert.customer_hash or existing.entity_hash != alert.entity_hash
    )
    values: dict[str, Any] = {**latest, "alert_count": existing.alert_count + 1}
    action = "joined"
    if existing.status == CaseStatus.CLOSED.value and (changed or lapse_reason):
        values.update(status=CaseStatus.OPEN.value, disposition=None)
        reason = lapse_reason or _change_reason(existing, alert)
        add_event(connection, existing.id, actor, "reopened", reason=reason)
        action = "reopened"
    elif existing.status == CaseStatus.CLOSED.value:
        values = {"alert_count": existing.alert_count + 1, "updated_at": now}
    connection.execute(update(cases).where(cases.c.id == existing.id).values(**values))
    return AlertOutcome(alert.customer_id, result.entity_id, existing.id, action)


def _change_reason(before: Any, alert: Alert) -> str:
    parts = []
    if before.customer_hash != alert.customer_hash:
        parts.append("the customer's record changed")
    if before.entity_hash != alert.entity_hash:
        parts.append("the listed entity's record changed")
    return " and ".join(parts) or "the allow-list entry lapsed"


def add_event(
    connection: Connection,
    case_id: int,
    actor: str,
    kind: str,
    disposition: str | None = None,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    connection.execute(
        insert(case_events),
        {
            "case_id": case_id,
            "at": datetime.now(UTC),
            "actor": actor,
            "kind": kind,
            "disposition": disposition,
            "reason": reason,
            "data": json.dumps(data) if data else None,
        },
    )


def require(principal: Principal, permission: Permission, what: str) -> None:
    if not allows(principal.role, permission):
        raise Forbidden(f"{principal.name} ({principal.role.value}) may not {what}")


class Cases:
    """The cases of one store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def propose(
        self,
        case_id: int,
        principal: Principal,
        disposition: Disposition,
        reason: str,
        allow: bool = False,
    ) -> dict[str, object]:
        require(principal, Permission.DISPOSE, "dispose of cases")
        if not reason.strip():
            raise WorkflowError("a disposition needs a reason")
        if allow and disposition is not Disposition.FALSE_POSITIVE:
            raise WorkflowError("only a false positive can add an allow-list entry")
        with self.engine.begin() as connection:
            case = self._locked(connection, case_id)
            if case.status not in (CaseStatus.OPEN.value, CaseStatus.ESCALATED.value):
                raise WorkflowError(
                    f"case {case_id} is {case.status}: only an open or escalated case "
                    "takes a new disposition"
                )
            now = datetime.now(UTC)
            connection.execute(
                update(cases)
                .where(cases.c.id == case_id)
                .values(
                    status=CaseStatus.PENDING.value,
                    proposed_disposition=disposition.value,
                    proposed_by=principal.name,
                    proposed_reason=reason,
                    proposed_allow=allow,
                    proposed_at=now,
                    updated_at=now,
                )
            )
            add_event(
                connection,
                case_id,
                principal.name,
                "proposed",
                disposition.value,
                reason,
                {"allow_list": allow, "from_status": case.status},
            )
            audit(
                connection,
                principal.name,
                "case.propose",
                str(case_id),
                {
                    "disposition": disposition.value,
                    "reason": reason,
                    "allow_list": allow,
                    "customer_id": case.customer_id,
                    "entity_id": case.entity_id,
                },
            )
        return self.get(case_id)

    def approve(
        self, case_id: int, principal: Principal, note: str | None = None
    ) -> dict[str, object]:
        require(principal, Permission.APPROVE, "approve dispositions")
        with self.engine.begin() as connection:
            case = self._pending(connection, case_id)
            if case.proposed_by == principal.name:
                raise WorkflowError(
                    f"case {case_id}: {principal.name} proposed this disposition; "
                    "a second user must approve it"
                )
            disposition = Disposition(case.proposed_disposition)
            status = (
                CaseStatus.ESCALATED if disposition is Disposition.ESCALATE else CaseStatus.CLOSED
            )
            now = datetime.now(UTC)
            connection.execute(
                update(cases)
                .where(cases.c.id == case_id)
                .values(
                    status=status.value,
                    disposition=disposition.value,
                    **NO_PROPOSAL,
                    updated_at=now,
                )
            )
            if case.proposed_allow:
                connection.execute(
                    delete(allow_list).where(
                        allow_list.c.customer_id == case.customer_id,
                        allow_list.c.entity_id == case.entity_id,
                    )
                )
                connection.execute(
                    insert(allow_list),
                    {
                        "customer_id": case.customer_id,
                        "entity_id": case.entity_id,
                        "customer_hash": case.customer_hash,
                        "entity_hash": case.entity_hash,
                        "case_id": case_id,
                        "reason": case.proposed_reason,
                        "created_by": case.proposed_by,
                        "approved_by": principal.name,
                        "created_at": now,
                    },
                )
            add_event(
                connection,
                case_id,
                principal.name,
                "approved",
                disposition.value,
                note,
                {"proposed_by": case.proposed_by, "allow_list": bool(case.proposed_allow)},
            )
            audit(
                connection,
                principal.name,
                "case.approve",
                str(case_id),
                {
                    "disposition": disposition.value,
                    "proposed_by": case.proposed_by,
                    "reason": case.proposed_reason,
                    "note": note,
                    "allow_list": bool(case.proposed_allow),
                    "customer_id": case.customer_id,
                    "entity_id": case.entity_id,
                },
            )
        return self.get(case_id)

    def reject(self, case_id: int, principal: Principal, reason: str) -> dict[str, object]:
        require(principal, Permission.APPROVE, "send dispositions back")
        if not reason.strip():
            raise WorkflowError("sending a disposition back needs a reason")
        with self.engine.begin() as connection:
            case = self._pending(connection, case_id)
            if case.proposed_by == principal.name:
                raise WorkflowError(f"case {case_id}: a second user must review this proposal")
            previous = (
                CaseStatus.ESCALATED
                if case.disposition == Disposition.ESCALATE.value
                else CaseStatus.OPEN
            )
            connection.execute(
                update(cases)
                .where(cases.c.id == case_id)
                .values(
                    status=previous.value,
                    **NO_PROPOSAL,
                    updated_at=datetime.now(UTC),
                )
            )
            add_event(
                connection,
                case_id,
                principal.name,
                "rejected",
                case.proposed_disposition,
                reason,
                {"proposed_by": case.proposed_by},
            )
            audit(
                connection,
                principal.name,
                "case.reject",
                str(case_id),
                {
                    "disposition": case.proposed_disposition,
                    "proposed_by": case.proposed_by,
                    "reason": reason,
                },
            )
        return self.get(case_id)

    def get(self, case_id: int) -> dict[str, object]:
        with self.engine.connect() as connection:
            row = connection.execute(select(cases).where(cases.c.id == case_id)).first()
            if row is None:
                raise CaseNotFound(f"no case {case_id}")
            events = connection.execute(
                select(case_events)
                .where(case_events.c.case_id == case_id)
                .order_by(case_events.c.id)
            ).all()
            allowed = connection.execute(
                select(allow_list).where(
                    allow_list.c.customer_id == row.customer_id,
                    allow_list.c.entity_id == row.entity_id,
                )
            ).first()
        detail = _case_dict(row)
        detail["events"] = [
            {
                "at": _iso(e.at),
                "actor": e.actor,
                "kind": e.kind,
                "disposition": e.disposition,
                "reason": e.reason,
                "data": json.loads(e.data) if e.data else None,
            }
            for e in events
        ]
        detail["allow_listed"] = allowed is not None
        return detail

    def queue(
        self,
        status: str | None = "active",
        min_score: float | None = None,
        list_name: str | None = None,
        search: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[dict[str, object]], int]:
        """Cases best first; ``status="active"`` means open, pending or escalated."""
        query = select(cases)
        if status == "active":
            query = query.where(cases.c.status != CaseStatus.CLOSED.value)
        elif status:
            query = query.where(cases.c.status == CaseStatus(status).value)
        if min_score is not None:
            query = query.where(cases.c.score >= min_score)
        if list_name:
            query = query.where(cases.c.lists.contains(json.dumps(list_name)))
        if search:
            pattern = f"%{search}%"
            query = query.where(
                or_(
                    cases.c.customer_name.ilike(pattern),
                    cases.c.entity_caption.ilike(pattern),
                    cases.c.customer_id == search,
                    cases.c.entity_id == search,
                )
            )
        with self.engine.connect() as connection:
            total = connection.execute(
                select(func.count()).select_from(query.subquery())
            ).scalar_one()
            rows = connection.execute(
                query.order_by(cases.c.score.desc(), cases.c.id).limit(limit).offset(offset)
            ).all()
        return [_case_dict(r) for r in rows], total

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(cases.c.status, func.count()).group_by(cases.c.status)
            ).all()
        return {status.value: 0 for status in CaseStatus} | {r[0]: r[1] for r in rows}

    def allow_list(self) -> list[dict[str, object]]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(allow_list).order_by(allow_list.c.created_at)).all()
        return [
            {
                "customer_id": r.customer_id,
                "entity_id": r.entity_id,
                "case_id": r.case_id,
                "reason": r.reason,
                "created_by": r.created_by,
                "approved_by": r.approved_by,
                "created_at": _iso(r.created_at),
            }
            for r in rows
        ]

    def _locked(self, connection: Connection, case_id: int) -> Any:
        # Touch the row first: the write lock serialises two reviewers acting at once.
        touched = connection.execute(update(cases).where(cases.c.id == case_id).values(id=case_id))
        if not touched.rowcount:
            raise CaseNotFound(f"no case {case_id}")
        return connection.execute(select(cases).where(cases.c.id == case_id)).one()

    def _pending(self, connection: Connection, case_id: int) -> Any:
        case = self._locked(connection, case_id)
        if case.status != CaseStatus.PENDING.value:
            raise WorkflowError(
                f"case {case_id} is {case.status}: there is no disposition to review"
            )
        return case


def _case_dict(row: Any) -> dict[str, object]:
    return {
        "id": row.id,
        "customer_id": row.customer_id,
        "customer_name": row.customer_name,
        "entity_id": row.entity_id,
        "entity_caption": row.entity_caption,
        "status": row.status,
        "disposition": row.disposition,
        "score": round(row.score, 4),
        "lists": json.loads(row.lists),
        "programs": json.loads(row.programs),
        "explanation": json.loads(row.explanation),
        "snapshot_hash": row.snapshot_hash,
        "alert_count": row.alert_count,
        "opened_at": _iso(row.opened_at),
        "updated_at": _iso(row.updated_at),
        "proposal": None
        if row.proposed_disposition is None
        else {
            "disposition": row.proposed_disposition,
            "by": row.proposed_by,
            "reason": row.proposed_reason,
            "allow_list": bool(row.proposed_allow),
            "at": _iso(row.proposed_at),
        },
    }


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()
