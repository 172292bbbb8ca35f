"""Start an empty campaign: one organization and one campaign, in one transaction.

The welcome screen's "New campaign" button calls this; so can a script.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from fieldapp.core.db import Store
from fieldapp.core.models import RESULT_CODES, Campaign, Organization
from fieldapp.errors import InputError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewCampaign:
    campaign_id: str
    organization_id: str


def short_code_for(name: str) -> str:
    """Initials of the organization's words ("Riverwest Neighbors United" -> "RNU")."""
    words = re.findall(r"[A-Za-z0-9]+", name)
    code = "".join(w[0] for w in words).upper()
    return (code or "ORG")[:10]


def create_campaign(
    store: Store, name: str, organization: str, short_code: str = "", description: str = ""
) -> NewCampaign:
    """Create a campaign run by a (new) organization; names must not be empty."""
    name = name.strip()
    organization = organization.strip()
    if not name:
        raise InputError("the campaign needs a name", where="campaign name")
    if not organization:
        raise InputError("the campaign needs an organization name", where="organization")
    if len(name) > 200 or len(organization) > 200:
        raise InputError("names are limited to 200 characters")
    code = (short_code.strip() or short_code_for(organization))[:20]
    with store.transaction() as session:
        org = Organization(name=organization, short_code=code)
        session.add(org)
        session.flush()
        campaign = Campaign(
            name=name,
            description=description.strip(),
            organization_id=org.id,
            result_codes=list(RESULT_CODES),
        )
        session.add(campaign)
        session.flush()
        result = NewCampaign(campaign_id=campaign.id, organization_id=org.id)
    log.info("created campaign %s (%s) for %s", name, result.campaign_id, organization)
    return result
