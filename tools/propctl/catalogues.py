"""The addons' translation catalogues are what Odoo's export gives.

For each addon of ``addons/``: ``i18n/ADDON.pot`` holds the terms (msgid) and the places
they come from (``#:`` occurrences) that Odoo's export of the addon gives now, header
and dates aside; and each ``i18n/LANG.po`` has exactly the msgids of the .pot, none
missing (an untranslated screen) and none obsolete (a stale term nobody sees), each
with the .pot's code markers: Odoo translates a string of Python or JavaScript code at
run time only from a .po entry marked ``#. odoo-python`` / ``#. odoo-javascript``.

`propctl test` runs `check` in its own process on the test database, once the database
is ready and before the addons' tests.
"""

import io
from dataclasses import dataclass, field

import polib

from . import settings

HOW_TO_REGENERATE = """\
To regenerate the .pot of ADDON from the test database, then bring its .po files to it:
  python3 -m odoo -c var/odoo-test.conf -d propctl_test --stop-after-init \\
      --i18n-export=addons/ADDON/i18n/ADDON.pot --modules=ADDON
  for po in addons/ADDON/i18n/*.po; do
      msgmerge --quiet --no-fuzzy-matching -U --backup=none "$po" addons/ADDON/i18n/ADDON.pot
      msgattrib --no-obsolete -o "$po" "$po"
  done
and translate the new msgids (msgstr "") of each .po."""


@dataclass
class Finding:
    """What differs in one addon: msgids the export has and the .pot lacks (missing),
    the .pot has and the export lacks (extra), present in both with other occurrences
    (moved), per .po the msgids it lacks or has beyond the .pot, and those whose code
    markers are not the .pot's (unmarked)."""

    addon: str
    missing: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    moved: list = field(default_factory=list)
    po: dict = field(default_factory=dict)  # file name -> (missing, obsolete)
    unmarked: dict = field(default_factory=dict)  # file name -> msgids
    error: str = ""
    where: dict = field(default_factory=dict)  # msgid -> one of its places (#:)

    def __bool__(self):
        return bool(
            self.missing or self.extra or self.moved or self.po or self.unmarked or self.error
        )

    def lines(self):
        out = [f"{self.addon}:"]
        if self.error:
            out.append(f"  {self.error}")
        for title, msgids in (
            (f"in Odoo's export, not in {self.addon}.pot", self.missing),
            (f"in {self.addon}.pot, not in Odoo's export", self.extra),
            (f"in both, from other places (#:, #. odoo-python) in {self.addon}.pot", self.moved),
        ):
            if msgids:
                out.append(f"  {len(msgids)} msgid(s) {title}:")
                out += [f"    {self._show(msgid)}" for msgid in msgids]
        for name, (missing, obsolete) in sorted(self.po.items()):
            for title, msgids in (
                (f"of the .pot missing from {name}", missing),
                (f"in {name}, not in the .pot (obsolete)", obsolete),
            ):
                if msgids:
                    out.append(f"  {len(msgids)} msgid(s) {title}:")
                    out += [f"    {self._show(msgid)}" for msgid in msgids]
        for name, msgids in sorted(self.unmarked.items()):
            out.append(f"  {len(msgids)} msgid(s) of {name} without the .pot's code markers:")
            out += [f"    {self._show(msgid)}" for msgid in msgids]
        return out

    def _show(self, msgid):
        shown = repr(msgid if len(msgid) <= 100 else msgid[:97] + "...")
        return f"{shown} ({self.where[msgid]})" if self.where.get(msgid) else shown


CODE_MARKERS = ("odoo-python", "odoo-javascript")
MARKER_PLACES = frozenset(f"#. {marker}" for marker in CODE_MARKERS)


def entries(catalogue):
    """{msgid: frozenset of occurrences and code markers} of a .pot / .po (a path or its
    text), header and obsolete (#~) entries left out."""
    parsed = polib.pofile(str(catalogue))
    return {
        entry.msgid: frozenset(
            f"{path}:{line}" if line else path for path, line in entry.occurrences
        )
        | markers(entry)
        for entry in parsed
        if entry.msgid and not entry.obsolete
    }


def markers(entry):
    """The code markers (``#. odoo-python``...) of a catalogue entry."""
    return frozenset(
        f"#. {line.strip()}"
        for line in (entry.comment or "").splitlines()
        if line.strip() in CODE_MARKERS
    )


def obsolete_msgids(catalogue):
    return sorted(entry.msgid for entry in polib.pofile(str(catalogue)).obsolete_entries())


def compare(addon, exported, i18n_dir):
    """The Finding of `addon` whose export gave the .pot text `exported`, against the
    catalogues in `i18n_dir`."""
    finding = Finding(addon)
    pot_path = i18n_dir / f"{addon}.pot"
    wanted = entries(exported) if exported.strip() else {}
    if not pot_path.exists():
        if wanted:
            finding.error = f"no i18n/{addon}.pot, and Odoo's export has {len(wanted)} msgid(s)"
        return finding
    pot = entries(pot_path)
    finding.missing = sorted(set(wanted) - set(pot))
    finding.extra = sorted(set(pot) - set(wanted))
    finding.moved = sorted(m for m in set(pot) & set(wanted) if pot[m] != wanted[m])
    for places in (pot, wanted):
        finding.where.update(
            (msgid, min(where - MARKER_PLACES))
            for msgid, where in places.items()
            if where - MARKER_PLACES
        )
    for po_path in sorted(i18n_dir.glob("*.po")):
        po = entries(po_path)
        missing = sorted(set(pot) - set(po))
        obsolete = sorted((set(po) - set(pot)) | set(obsolete_msgids(po_path)))
        if missing or obsolete:
            finding.po[po_path.name] = (missing, obsolete)
        unmarked = sorted(
            m for m in set(pot) & set(po) if pot[m] & MARKER_PLACES != po[m] & MARKER_PLACES
        )
        if unmarked:
            finding.unmarked[po_path.name] = unmarked
    return finding


def export(cr, addon):
    """The .pot text that Odoo's export (Settings > Translations > Export, "New
    language", PO format) gives for `addon` in the database of `cr`."""
    from odoo.tools.translate import trans_export

    buffer = io.BytesIO()
    trans_export(False, [addon], buffer, "po", cr)
    return buffer.getvalue().decode("utf-8")


def addons():
    return sorted(p.parent.name for p in settings.ADDONS_DIR.glob("*/__manifest__.py"))


def check(database):
    """The Findings (only those with a difference) of every addon, exported from
    `database` (Odoo loaded in this process)."""
    import odoo

    registry = odoo.modules.registry.Registry(database)
    findings = []
    try:
        with registry.cursor() as cr:
            for addon in addons():
                finding = compare(addon, export(cr, addon), settings.ADDONS_DIR / addon / "i18n")
                if finding:
                    findings.append(finding)
            cr.rollback()
    finally:
        odoo.modules.registry.Registry.delete(database)
        odoo.sql_db.close_db(database)
    return findings


def report(findings):
    """The message for a failed check: each addon's differences, then how to fix."""
    lines = ["Translation catalogues are not what Odoo's export gives:"]
    for finding in findings:
        lines += finding.lines()
    lines.append(HOW_TO_REGENERATE)
    return "\n".join(lines)
