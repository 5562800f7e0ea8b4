"""What the People screen must show for the demo world, from the simulator's own records.

Computed from who the simulator put in the CRM, which cards it printed on receipts and
which MACs the partner matched — never by running the product's identity code. The rules
are the product's promises (engine/people.py), stated on the simulator's side:

- a CRM person is known by the keys the import can use: a valid phone (at least one row
  with a phone spelt validly), the e-mail (trimmed, lowercased: the simulator wrote it
  lowercase and then messed it up), the loyalty card; a person with none of them (every
  phone invalid, no e-mail, no card) yields no identity and is nobody;
- two CRM persons who drew the same e-mail are one person (phones and cards are unique
  in the world, so e-mail is the only key two simulated persons can share);
- receipts add no one: the only key they carry is a CRM person's card;
- a device joins a person when the partner matched that person's own (never randomized)
  MAC to the phone, the phone is a key of the person and the sensors heard the MAC.
"""
from __future__ import annotations

import numpy as np

from engine.demo.files import CrmPeople


def people_truth(crm: CrmPeople, partner_matched: np.ndarray, seen_devices: np.ndarray,
                 card_sales: dict) -> dict:
    """partner_matched: bool per agent; seen_devices: device indexes heard (own MAC = agent
    index); card_sales: arrays `card`, `signed_kop` of every receipt document."""
    n = len(crm.agent)
    has_email = crm.email != ""
    has_card = crm.card > 0
    keyed = crm.valid_phone | has_email | has_card
    # components: persons grouped by e-mail; a person without e-mail is alone
    _, email_group = np.unique(crm.email[has_email].astype(str), return_inverse=True)
    component = np.full(n, -1, dtype=np.int64)
    component[has_email] = email_group
    alone = np.flatnonzero(keyed & ~has_email)
    component[alone] = email_group.max(initial=-1) + 1 + np.arange(len(alone))
    members = component >= 0

    seen = np.zeros(len(partner_matched), dtype=bool)
    seen[seen_devices[seen_devices < len(partner_matched)]] = True
    agent = crm.agent
    own = agent >= 0
    device = np.zeros(n, dtype=bool)
    device[own] = partner_matched[agent[own]] & seen[agent[own]] & crm.valid_phone[own]

    cards, signed = card_sales["card"], card_sales["signed_kop"]
    shown = cards > 0
    buyer = np.isin(crm.card, cards[shown]) & has_card

    def components_with(flag: np.ndarray) -> int:
        return int(len(np.unique(component[members & flag])))

    return {
        "people": components_with(np.ones(n, dtype=bool)),
        "with_phone": components_with(crm.valid_phone),
        "with_email": components_with(has_email),
        "with_card": components_with(has_card),
        "with_device": components_with(device),
        "with_receipts": components_with(buyer),
        "revenue_kop": int(signed[shown].sum()),
        "crm_persons_without_key": int((~keyed).sum()),
        "crm_persons_sharing_an_email": int(has_email.sum() - len(np.unique(email_group))),
        "rules": "components of CRM persons by shared valid phone / e-mail / card; receipts join by card; "
                 "devices by partner match of a heard, non-randomized own MAC to a valid CRM phone",
    }
