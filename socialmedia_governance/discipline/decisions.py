"""What a decided violation does beyond its platform (H10.1, S18): the award bans of the people and
units concerned, for the decision's months, and an email to each person with a user. The
controller (``discipline/doctype/violation``) calls these on submit."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import get_url_to_form, getdate, today

from socialmedia_governance import mail, ui
from socialmedia_governance.policy import discipline
from socialmedia_governance.registry.people import acts_for

BANNED_ROLES = ("Administrator", "Group Owner", "Supervisor")  # of a violation's persons (H10.1)


def barred_people(doc, platform) -> list[str]:
	"""H10.1: the group owner (吧主、微博主) / administrators and the supervisor."""
	people = [*acts_for(platform), platform.get("supervisor")]
	people += [r.user for r in doc.persons if r.user and r.role_in_platform in BANNED_ROLES]
	return list(dict.fromkeys(p for p in people if p))


def create_bans(doc, platform) -> list[str]:
	start, end = discipline.ban_period(getdate(doc.decided_on or today()), int(doc.ban_months))
	reason = _("Violation {0} ({1}) on {2}").format(doc.name, doc.category, doc.platform_title)
	subjects = [("User", u) for u in barred_people(doc, platform)]
	subjects += [("Organization Unit", r.unit) for r in doc.ban_units if r.unit]
	names = []
	for subject_type, subject in subjects:
		ban = frappe.get_doc(
			{
				"doctype": "Award Ban",
				"subject_type": subject_type,
				"subject": subject,
				"start_date": start,
				"end_date": end,
				"violation": doc.name,
				"reason": reason,
			}
		).insert(ignore_permissions=True)
		names.append(ban.name)
	return names


def notify(doc) -> list[str]:
	"""The persons concerned (with a user) hear of the decision by email."""
	users = [r.user for r in doc.persons if r.user]
	users += frappe.get_all(
		"Award Ban", filters={"violation": doc.name, "subject_type": "User"}, pluck="subject"
	)
	users = list(dict.fromkeys(users))
	url = get_url_to_form(doc.doctype, doc.name)
	for user in users:
		lang = mail.user_lang(user)
		penalties = [r for r in doc.persons if r.user == user and r.penalty]
		lines = [_("Penalty: {0}", lang=lang).format(_(r.penalty, lang=lang)) for r in penalties]
		if frappe.db.exists("Award Ban", {"violation": doc.name, "subject": user}):
			end = frappe.db.get_value("Award Ban", {"violation": doc.name, "subject": user}, "end_date")
			lines.append(_("No award or honour until {0}.", lang=lang).format(frappe.utils.formatdate(end)))
		mail.send(
			recipients=[user],
			subject=_("Decision on violation {0}", lang=lang).format(doc.name),
			message="<p>{}</p><p>{}</p><p><a href='{}'>{}</a></p>".format(
				ui.text(f"{doc.platform_title}: {doc.category}"),
				"<br>".join(ui.text(x) for x in lines),
				url,
				_("Open the decision", lang=lang),
			),
			reference_doctype=doc.doctype,
			reference_name=doc.name,
		)
	return users
