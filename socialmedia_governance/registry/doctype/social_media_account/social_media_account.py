# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt

from socialmedia_governance.registry.register import RegisteredPlatform


class SocialMediaAccount(RegisteredPlatform):
	kind = "Public Account"
	title_field_name = "account_name"
