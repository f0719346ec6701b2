"""The one shape of a lifecycle (interventions, care plan versions): a table of status ×
action → next status, and the roles that may take each action.

`allowed_actions` has one meaning everywhere (pages, API bodies, 409 problems): what this
caller may do now — the actions the current status allows, kept to those whose roles the
caller holds in the person's unit (a superuser holds them all). Services enforce the same
table; nothing else decides.
"""

from collections.abc import Callable, Iterable, Mapping


class ActionTable:
    def __init__(
        self,
        transitions: Mapping[tuple[str, str], str],
        roles_by_action: Mapping[str, Iterable[str]],
        *,
        roles_in_unit: Callable[[object, object], set[str]],
    ):
        self.transitions = {(str(s), str(a)): str(t) for (s, a), t in transitions.items()}
        # The order of `roles_by_action` is the order actions are listed in.
        self.roles_by_action = {
            str(action): frozenset(str(r) for r in roles)
            for action, roles in roles_by_action.items()
        }
        self.actions = tuple(self.roles_by_action)
        self._roles_in_unit = roles_in_unit

    def status_actions(self, status: str) -> list[str]:
        """Every action the table allows from `status`, whoever asks, in table order."""
        return [a for a in self.actions if (str(status), a) in self.transitions]

    def next_status(self, status: str, action: str) -> str | None:
        return self.transitions.get((str(status), str(action)))

    def source_statuses(self, action: str) -> tuple[str, ...]:
        return tuple(s for (s, a) in self.transitions if a == str(action))

    def caller_roles(self, user, unit) -> tuple[set[str], bool]:
        """The roles `user` holds in `unit`, and whether they act as a superuser."""
        superuser = bool(getattr(user, "is_superuser", False) and user.is_active)
        return self._roles_in_unit(user, unit), superuser

    def allowed_actions(
        self, status: str, user, unit, *, roles: tuple[set[str], bool] | None = None
    ) -> list[str]:
        """What `user` may do now from `status` in `unit`. `roles` is `caller_roles(...)`
        when the caller already has it (a list serializer asks once per unit)."""
        held, superuser = roles if roles is not None else self.caller_roles(user, unit)
        return [
            a for a in self.status_actions(status) if superuser or held & self.roles_by_action[a]
        ]

    @property
    def allowed_actions_help(self) -> str:
        """The schema's description of `allowed_actions` (English, as the schema is)."""
        return (
            "What the caller may do now: the actions the current status allows, kept to "
            "those that the caller's roles in the person's unit permit (a superuser: all). "
            f"Any of: {', '.join(self.actions)}."
        )
