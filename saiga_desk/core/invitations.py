"""Invitations: the current contact points of every Signatory (and chosen others) invited to a meeting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core import names
from saiga_desk.core.designations import role_rank, valid_on
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.meeting_status import the_meeting
from saiga_desk.i18n import _


@dataclass
class Skipped:
    name: str  # the Signatory (or person) not invited
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass
class InviteResult:
    created: list[int] = field(default_factory=list)  # new participant ids
    skipped: list[Skipped] = field(default_factory=list)  # could not be invited, with the reason
    already: list[int] = field(default_factory=list)  # participant ids that were on the list before

    def summary(self) -> str:
        text = _("{created} invited, {already} already on the list, {skipped} skipped.").format(
            created=len(self.created), already=len(self.already), skipped=len(self.skipped)
        )
        if self.skipped:
            text += "\n" + "\n".join(str(s) for s in self.skipped)
        return text


def _current_designations(session, signatory_id: int, on: dt.date) -> list[m.Designation]:
    d = m.Designation
    rows = session.scalars(select(d).where(d.signatory_id == signatory_id, valid_on(on)).order_by(d.id)).all()
    return sorted(rows, key=lambda x: (role_rank(x.role), x.id))


def _signatory_name(sig: m.Signatory) -> str:
    return names.signatory_short(sig.country, sig.organization) or f"#{sig.id}"


def invite_signatories(
    db,
    meeting_id: int,
    include_states: bool = True,
    include_organizations: bool = True,
    extra_person_ids=(),
    on: dt.date | None = None,
    progress=None,
) -> InviteResult:
    """Invite the current contact points of every Signatory (and chosen others) to a meeting.

    Each current designation of a Signatory State or Cooperating Organization becomes a participant with
    status "invited" (dated ``on``, default today). A Cooperating Organization without a designation is
    represented by a person of that organization when there is one, else it is reported as skipped with
    the reason. A person already on the meeting's list is left as it is, so running it twice adds nothing.
    """
    on = on or dt.date.today()
    result = InviteResult()
    with db.transaction() as tx:
        s = tx.session
        meeting = the_meeting(s, meeting_id)
        if meeting.status == "cancelled":
            raise SaigaError(
                _("{code} is cancelled; invitations are not sent for a cancelled meeting.").format(
                    code=meeting.code
                )
            )
        existing = {
            pid: part_id
            for pid, part_id in s.execute(
                select(m.Participant.person_id, m.Participant.id).where(
                    m.Participant.meeting_id == meeting_id
                )
            )
        }
        kinds = [
            k for k, wanted in (("state", include_states), ("organization", include_organizations)) if wanted
        ]
        signatories = s.scalars(
            select(m.Signatory)
            .where(m.Signatory.kind.in_(kinds), m.Signatory.status == "signatory")
            .order_by(m.Signatory.kind.desc(), m.Signatory.id)  # states first
        ).all()
        total = len(signatories) + len(extra_person_ids)

        def invite(person_id: int, values: dict) -> None:
            if person_id in existing:
                if existing[person_id] not in result.already:
                    result.already.append(existing[person_id])
                return
            rec = tx.create(
                "participants",
                dict(
                    values,
                    meeting_id=meeting_id,
                    person_id=person_id,
                    status="invited",
                    invited_on=on,
                ),
            )
            existing[person_id] = rec.id
            result.created.append(rec.id)

        done = 0
        for sig in signatories:
            category = "signatory_state" if sig.kind == "state" else "cooperating_organization"
            values = dict(signatory_id=sig.id, category=category, role="delegate")
            designations = _current_designations(s, sig.id, on)
            if designations:
                for d in designations:
                    invite(d.person_id, values)
            elif sig.kind == "organization":
                person = s.scalar(
                    select(m.Person)
                    .where(m.Person.organization_id == sig.organization_id)
                    .order_by(m.Person.id)
                    .limit(1)
                )
                if person is not None:
                    invite(person.id, dict(values, organization_id=sig.organization_id))
                else:
                    result.skipped.append(
                        Skipped(
                            _signatory_name(sig),
                            _("no contact point designated and no person of this organization on record"),
                        )
                    )
            else:
                result.skipped.append(
                    Skipped(
                        _signatory_name(sig),
                        _("no contact point designated on {date}").format(date=on.isoformat()),
                    )
                )
            done += 1
            if progress is not None:
                progress.report(done, total, _signatory_name(sig))
        for person_id in extra_person_ids:
            person = s.get(m.Person, int(person_id))
            if person is None:
                result.skipped.append(Skipped(f"#{person_id}", _("no such person")))
                continue
            invite(
                person.id, dict(category="observer", role="observer", organization_id=person.organization_id)
            )
            done += 1
            if progress is not None:
                progress.report(done, total, names.person_name(person, honorific=True))
    return result


__all__ = ["InviteResult", "Skipped", "invite_signatories"]
