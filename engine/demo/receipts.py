"""Fiscal receipts (FNS/OFD JSON) made by the demo's visitors during their visits.

One JSON array file per store, documents in time order, each either the OFD wrapper
`{"receipt": {...}}` with `dateTime` as unix seconds (UTC) plus `localDateTime`, or the
bare FNS check form with `dateTime` as an ISO string in the till's local time (Moscow).
Sums are kopecks. A loyalty card shown at the till is written as the user property
(FFD tag 1084) `properties: {"propertyName": "Номер карты", "propertyValue": "<card>"}` in
wrapper documents and as `propertiesData: "<card>"` (tag 1192) in bare ones.
Planted: conversion per visit (short < 5 min / longer), receipts from a till missing in
the registers list (unregistered) and from a registered till printing another INN.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from engine.demo import config as C
from engine.demo.files import CrmPeople
from engine.demo.world import rng_for

CATALOGUE = {
    "mall-store-a": [("Футболка хлопковая", 99900), ("Джинсы прямые", 349900), ("Худи оверсайз", 299900),
                     ("Носки 3 пары", 49900), ("Куртка демисезонная", 799900), ("Рубашка льняная", 249900),
                     ("Ремень кожаный", 149900), ("Шапка вязаная", 89900), ("Пакет фирменный", 1500)],
    "mall-store-b": [("Крем для рук", 39900), ("Шампунь 400 мл", 54900), ("Помада матовая", 89900),
                     ("Туалетная вода 50 мл", 459900), ("Тушь для ресниц", 79900), ("Маска для лица", 19900),
                     ("Гель для душа", 34900), ("Подарочная упаковка", 9900)],
}
OTHER_INN = "7705123987"


def _pad(text: str, width: int) -> str:
    return text.ljust(width)   # real documents carry space-padded kktRegId / userInn


def make_registers(seed: int) -> tuple[list[dict], dict]:
    """(rows of the registers list, per site: {"registered": [...], "unregistered": kkt, "fns": {...}})."""
    rng = rng_for(seed, 20)
    rows, tills = [], {}
    for site in C.SITES:
        if not site.receipts:
            continue
        n = 3 if site.slug == "mall-store-a" else 2
        kkt = ["000" + str(x).zfill(13) for x in rng.integers(10**12, 10**13, n + 1).tolist()]
        fns = {k: "99604403" + str(x).zfill(8) for k, x in zip(kkt, rng.integers(10**7, 10**8, n + 1).tolist())}
        tills[site.name] = {"registered": kkt[:n], "unregistered": kkt[n], "fns": fns}
        rows += [{"site": site.name, "kkt_reg_id": k, "inn": site.inn, "tenant": site.tenant} for k in kkt[:n]]
    return rows, tills


def _iso_local(ts: int) -> str:
    return datetime.fromtimestamp(ts + C.UTC_OFFSET_S, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def write_receipts(seed: int, out: Path, visits: dict, crm: CrmPeople, tills: dict,
                   day0_utc: int) -> tuple[list[tuple[Path, str, dict]], dict, dict]:
    """visits: arrays agent, site, start_us, end_us of planned inside visits (not staff).

    Returns ([(path, site name, file truth)], truth per site, card sales) where card sales
    are the arrays `card` (0 = none shown) and `signed_kop` (returns negative) of every
    document, for the people truth (engine/demo/people_truth.py)."""
    rng = rng_for(seed, 21)
    card_of = dict(zip(crm.agent[crm.card > 0].tolist(), crm.card[crm.card > 0].tolist()))
    dwell = (visits["end_us"] - visits["start_us"]) / C.US
    p = np.where(dwell < C.SHORT_VISIT_S, C.PLANTED["conversion"]["short"], C.PLANTED["conversion"]["long"])
    buys = rng.random(len(dwell)) < p
    written, per_site = [], {}
    sold_card, sold_kop = [], []
    for s, site in enumerate(C.SITES):
        if not site.receipts:
            continue
        sel = np.flatnonzero(buys & (visits["site"] == s))
        start, end = visits["start_us"][sel], visits["end_us"][sel]
        ts = ((start + (end - start) * rng.uniform(0.3, 0.95, len(sel))) // C.US).astype(np.int64)
        order = np.argsort(ts, kind="stable")
        sel, ts = sel[order], ts[order]
        agents = visits["agent"][sel]
        n = len(sel)
        till = tills[site.name]
        kkt = np.array(till["registered"], dtype=object)[rng.integers(0, len(till["registered"]), n)]
        n_unreg = round(n * C.PLANTED["unregistered_share"])
        n_other = round(n * C.PLANTED["other_inn_share"])
        pick = rng.permutation(n)
        unreg, other = pick[:n_unreg], pick[n_unreg:n_unreg + n_other]
        kkt[unreg] = till["unregistered"]
        inn = np.array([site.inn] * n, dtype=object)
        inn[other] = OTHER_INN
        op = np.where(rng.random(n) < C.PLANTED["return_share"], 2, 1)
        wrapper = rng.random(n) < 0.5
        cash = rng.random(n) < 0.25
        shows_card = rng.random(n) < C.PLANTED["card_shown_share"]
        catalogue = CATALOGUE[site.slug]
        n_items = rng.choice([1, 2, 3, 4, 5], size=n, p=[0.45, 0.25, 0.15, 0.1, 0.05])
        fd_next = {k: int(x) for k, x in zip(list(till["fns"]), rng.integers(100, 5000, len(till["fns"])))}
        signs = rng.integers(10**8, 2**32 - 1, n)
        docs, items_total, with_card, total_sales = [], 0, 0, 0
        for i in range(n):   # one document per receipt: thousands, not frames
            lines = []
            for j in rng.choice(len(catalogue), size=n_items[i], replace=False).tolist():
                name, price = catalogue[j]
                qty = int(rng.choice([1, 2, 3], p=[0.85, 0.12, 0.03]))
                total = price * qty
                lines.append({"name": name, "price": price, "quantity": float(qty), "sum": total,
                              "nds": 1, "ndsSum": round(total * 20 / 120), "paymentType": 4, "productType": 1})
            total = sum(x["sum"] for x in lines)
            k = kkt[i]
            fd_next[k] += 1
            day = int((ts[i] - day0_utc) // 86_400)
            doc = {"user": site.tenant, "userInn": _pad(inn[i], 12), "kktRegId": _pad(k, 20),
                   "fiscalDriveNumber": till["fns"][k], "fiscalDocumentNumber": fd_next[k],
                   "fiscalSign": int(signs[i]), "operationType": int(op[i]), "totalSum": total,
                   "cashTotalSum": total if cash[i] else 0, "ecashTotalSum": 0 if cash[i] else total,
                   "items": lines, "nds18": sum(x["ndsSum"] for x in lines), "retailPlaceAddress": site.address,
                   "retailPlace": site.name, "shiftNumber": 100 + day, "requestNumber": i + 1,
                   "taxationType": 1, "code": 3, "fiscalDocumentFormatVer": 4}
            card = card_of.get(int(agents[i])) if shows_card[i] else None
            if wrapper[i]:
                doc["dateTime"] = int(ts[i])
                doc["localDateTime"] = _iso_local(int(ts[i]))[:16]
                if card:
                    doc["properties"] = {"propertyName": "Номер карты", "propertyValue": str(card)}
                docs.append({"receipt": doc})
            else:
                doc["dateTime"] = _iso_local(int(ts[i]))
                if card:
                    doc["propertiesData"] = str(card)
                docs.append(doc)
            with_card += card is not None
            sold_card.append(card or 0)
            sold_kop.append(total if op[i] == 1 else -total)
            items_total += len(lines)
            total_sales += total if op[i] == 1 else -total
        path = out / f"receipts_{site.slug}.json"
        # One document per line: readable, and json's C encoder (indent would use the slow one).
        body = ",\n".join(json.dumps(doc, ensure_ascii=False, sort_keys=True) for doc in docs)
        path.write_text(f"[\n{body}\n]\n", encoding="utf-8")
        per_site[site.name] = {
            "documents": n, "sales": int((op == 1).sum()), "returns": int((op == 2).sum()),
            "items": items_total, "unregistered": int(n_unreg), "other_inn": int(n_other),
            "unregistered_registers": int(n_unreg > 0),
            "with_card": int(with_card), "buyers": int(len(np.unique(agents))),
            "net_sales_kopecks": int(total_sales), "wrapper_documents": int(wrapper.sum()),
        }
        written.append((path, site.name, {"rows": n, "documents": n, "items": items_total}))
    sales = {"card": np.array(sold_card, dtype=np.int64), "signed_kop": np.array(sold_kop, dtype=np.int64)}
    return written, per_site, sales
