"""The demo world's fixed design: scales, sites, sensors and the planted parameters.

Every number an analysis must later recover is planted here (or realised from these by
the seeded simulation) and written to truth.json. Times are Europe/Moscow local (UTC+3,
no daylight saving since 2014), so local = UTC + 3 h exactly; files store UTC where the
format does (pcap, unix dateTime) and local time where the format does (airodump CSV,
ISO `dateTime` of FNS check JSON).
"""
from __future__ import annotations

from dataclasses import dataclass

TIMEZONE = "Europe/Moscow"
UTC_OFFSET_S = 3 * 3600
US = 1_000_000

# Radio: a sensor reports true signal + its calibration offset. The inside threshold of a
# sensor is BASE_INSIDE_DBM + offset, so every sensor separates inside/outside at the same
# true signal although their raw numbers differ.
BASE_INSIDE_DBM = -75
SECOND_SENSOR_HEARS = 0.75  # share of frames a site's second sensor also hears

# Analysis parameters the truth assumes (engine/visits.py defaults, per-sensor threshold).
GAP_S = 120
MIN_VISIT_S = 0
SHORT_VISIT_S = 300

# Probe bursts: 1-4 frames every 30-120 s while present; frames of a burst 10-40 ms apart.
BURST_GAP_S = (30.0, 120.0)
BURST_SIZES = (1, 2, 3, 4)
BURST_SIZE_P = (0.35, 0.30, 0.20, 0.15)
INTRA_BURST_US = (10_000, 40_000)
# Fixed equipment (POS terminal, receipt printer) is associated to the store's access point:
# a null-data keep-alive every 20-60 s and a probe burst every 5-15 min, day and night.
FIXED_NULL_GAP_S = (20.0, 60.0)
FIXED_PROBE_GAP_S = (300.0, 900.0)


@dataclass(frozen=True)
class SensorSpec:
    name: str
    rssi_offset: int        # calibration: reported dBm = true dBm + offset
    fmt: str                # "pcap" | "pcapng" | "airodump"
    primary: bool = True    # the primary sensor hears every frame at its site

    @property
    def rssi_inside(self) -> int:
        return BASE_INSIDE_DBM + self.rssi_offset


@dataclass(frozen=True)
class SiteSpec:
    name: str
    kind: str               # store | competitor | event
    slug: str
    channel: int
    sensors: tuple[SensorSpec, ...]
    open_h: float           # local opening hours
    close_h: float
    bssid: str              # the site's own access point (fixed devices talk to it)
    tenant: str = ""
    inn: str = ""
    address: str = ""
    mall: bool = False
    receipts: bool = False
    staff_scale: float = 1.0
    fixed_scale: float = 1.0


SITES: tuple[SiteSpec, ...] = (
    SiteSpec("Mall Store A", "store", "mall-store-a", 1,
             (SensorSpec("A-entrance", 0, "pcap"), SensorSpec("A-backroom", -7, "pcap", primary=False)),
             10.0, 22.0, "00:1D:7E:41:A0:01", tenant="ООО \"Северный ветер\"", inn="7701456123",
             address="Россия, 125445, г. Москва, Ленинградское ш. 112, ТЦ \"Речной\", пом. 1-14",
             mall=True, receipts=True),
    SiteSpec("Mall Store B", "store", "mall-store-b", 6,
             (SensorSpec("B-1", 4, "pcapng"),),
             10.0, 22.0, "00:1D:7E:41:B0:01", tenant="ИП Соколова Марина Игоревна", inn="500312345678",
             address="Россия, 125445, г. Москва, Ленинградское ш. 112, ТЦ \"Речной\", пом. 2-03",
             mall=True, receipts=True, staff_scale=0.6, fixed_scale=0.5),
    SiteSpec("Competitor Store", "competitor", "competitor-store", 11,
             (SensorSpec("C-1", -3, "pcap"),),
             10.0, 21.0, "F4:F2:6D:10:C0:01", staff_scale=0.8),
    SiteSpec("Event", "event", "event", 6,
             (SensorSpec("E-1", 2, "pcap"), SensorSpec("E-laptop", -4, "airodump", primary=False)),
             12.0, 20.0, "00:1D:7E:41:E0:01", staff_scale=0.4, fixed_scale=0.0),
)


@dataclass(frozen=True)
class Scale:
    name: str
    days: int
    people: int
    staff_per_store: int
    fixed_per_store: int
    event_days: tuple[int, ...]     # day indexes of the event
    attend: float = 1.0             # × daily attendance of occasional visitors (longer periods,
    regular_attend: float = 1.0     # bigger catchment, each person comes less often) / of regulars


SCALES: dict[str, Scale] = {
    "small": Scale("small", days=3, people=4000, staff_per_store=6, fixed_per_store=2, event_days=(1,)),
    "medium": Scale("medium", days=30, people=150_000, staff_per_store=10, fixed_per_store=3,
                    event_days=(26, 27), attend=0.2, regular_attend=0.3),
    "large": Scale("large", days=60, people=250_000, staff_per_store=24, fixed_per_store=4,
                   event_days=(19, 20, 47, 48), attend=0.25, regular_attend=0.4),
}

# Person behaviour types and their planted population shares.
PASSERBY, SHORT, LONG, REGULAR, STAFF, FIXED = range(6)
TYPE_NAMES = ("passerby", "short_visitor", "long_visitor", "regular", "staff", "fixed")
TYPE_SHARES = {PASSERBY: 0.35, SHORT: 0.25, LONG: 0.25, REGULAR: 0.15}

PLANTED = {
    "randomized_share": 0.30,     # visitors whose phone randomizes its MAC (new MAC per day)
    "crm_share": 0.35,            # people of the world who are in the CRM export
    "crm_regular_share": 0.65,    # … regulars are more often loyalty members
    "crm_unseen_extra": 0.30,     # CRM rows for people never seen, relative to linked ones
    "crm_duplicate_share": 0.04,  # CRM people written twice (another phone spelling)
    "crm_invalid_phone_share": 0.03,
    "card_share": 0.70,           # CRM people holding a loyalty card
    "card_shown_share": 0.70,     # card shown at the till when buying
    "partner_share": 0.70,        # non-randomized phones the telecom partner can match
    "partner_unseen_extra": 0.25, # partner rows for devices never seen, relative to matched
    "conversion": {"short": 0.08, "long": 0.35},
    "unregistered_share": 0.03,   # receipts from registers missing in the registers list
    "other_inn_share": 0.01,      # receipts from a registered till printing another INN
    "return_share": 0.02,         # operationType 2 (sale return)
    "ssid_wildcard_share": 0.6,
}

# Daily attendance probabilities per type (weekend ×1.4) and what happens at each place.
ATTEND_MALL = {PASSERBY: 0.22, SHORT: 0.10, LONG: 0.10, REGULAR: 0.50}
ATTEND_COMPETITOR = {PASSERBY: 0.06, SHORT: 0.04, LONG: 0.04, REGULAR: 0.12}
ATTEND_EVENT = {PASSERBY: 0.08, SHORT: 0.10, LONG: 0.10, REGULAR: 0.15}
WEEKEND_FACTOR = 1.4
ENTER_STORE = 0.55     # a visitor-type person at the mall enters a store …
PASS_STORE = 0.60      # … else passes it by with this chance (else not heard at all)
PASSERBY_PASSES = 0.70  # a passer-by type at the mall walks past each store

VENDOR_OUIS = ("F0:18:98", "3C:22:FB", "8C:F5:A3", "FC:A1:3E", "64:CC:2E", "48:DB:50",
               "A4:50:46", "D8:9E:61", "28:6C:07", "E8:50:8B", "B4:F1:DA", "70:3A:51")
FIXED_OUIS = ("00:03:81", "00:26:AB", "3C:D9:2B")   # payment terminal, receipt printers
NEIGHBOUR_APS = (("C8:3A:35:21:9E:10", "MT_FREE", 1), ("00:1E:58:B2:44:7C", "Beeline_WiFi", 6),
                 ("D4:6E:0E:0A:1B:2C", "Кафе Ромашка", 11), ("E4:8D:8C:55:01:AA", "Keenetic-3912", 6))
SSIDS = ("MT_FREE", "MosMetro_Free", "Beeline_WiFi", "Moscow_WiFi_Free", "Keenetic-3912",
         "TP-Link_2F41", "HomeNet-5G", "Rostelecom_A7C2", "AndroidAP", "iPhone (Анна)",
         "Кафе Ромашка", "Office-Guest", "DIR-615", "MGTS_GPON_5512", "Aeroexpress",
         "Shokoladnitsa", "SPB_Free", "Xiaomi_3A1F", "Wi-Fi Lenta", "Home")
