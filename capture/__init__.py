"""Frame sources (pcap/pcapng, airodump-ng CSV, Kismet, live capture). No Qt, no workspace.

Raw MAC addresses exist only in memory inside this package; what leaves it is hashed.
"""
