"""Whether an edit changes anything: an edit that changes nothing (an empty PATCH, a form sent
again as it was) records nothing — no new version, no history row — on every record alike."""


def changes_nothing(instance, values: dict) -> bool:
    return all(getattr(instance, name) == value for name, value in values.items())
