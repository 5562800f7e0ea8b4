"""Per-sensor RSSI calibration: the distribution and a suggested inside/outside threshold.

For each sensor the sample is the strongest reading of each device per day (a stand-in
for "per-visit max RSSI" that does not depend on the thresholds being calibrated, and in
which equipment heard around the clock weighs no more than one passer-by). People inside and people passing form two humps; a two-component
GaussianMixture (scikit-learn) fits them. Suggestions:
- rssi_inside: where the strong component becomes the more probable one (posterior 0.5)
  — what the visit classifier compares a visit's best reading against;
- rssi_outside: where the strong component's posterior falls to 0.1 (surely outside).
When the sample is too small or the humps are not apart (means < 3 dB apart) no threshold
is suggested and the reason says so. The analyst accepts (`apply`) or edits them.
"""
from __future__ import annotations

import numpy as np

from engine.workspace import Workspace

SLOT_S = 86400
MIN_SAMPLE = 50
SAMPLE_CAP = 20_000


def rssi_histogram(ws: Workspace, sensor_id: int) -> list[tuple[int, int]]:
    """(dBm, device-days) at 1 dB resolution for one sensor: how many devices had that as
    their strongest reading of a day — the very sample the mixture is fitted to, so the
    humps the analyst sees are the ones the suggestion splits."""
    return ws.con.execute(f"""
        SELECT mx, count(*) FROM (
            SELECT max(rssi) AS mx FROM detections WHERE sensor_id = ? AND rssi IS NOT NULL
            GROUP BY device_key, epoch(ts)::BIGINT // {SLOT_S})
        GROUP BY mx ORDER BY mx""", [sensor_id]).fetchall()


def _sample(ws: Workspace, sensor_id: int) -> np.ndarray:
    rows = ws.con.execute(f"""
        SELECT max(rssi) FROM detections WHERE sensor_id = ? AND rssi IS NOT NULL
        GROUP BY device_key, epoch(ts)::BIGINT // {SLOT_S}
        USING SAMPLE reservoir({SAMPLE_CAP} ROWS) REPEATABLE (7)""", [sensor_id]).fetchnumpy()
    return np.asarray(list(rows.values())[0], dtype=float)


def suggest(ws: Workspace, sensor_id: int) -> dict:
    from sklearn.mixture import GaussianMixture

    x = _sample(ws, sensor_id)
    out = {"sensor_id": sensor_id, "sample": int(len(x)), "rssi_inside": None, "rssi_outside": None}
    if len(x) < MIN_SAMPLE:
        out["reason"] = f"only {len(x)} device-slots heard; need at least {MIN_SAMPLE}"
        return out
    gm = GaussianMixture(n_components=2, random_state=0, n_init=2).fit(x.reshape(-1, 1))
    means = gm.means_.ravel()
    sds = np.sqrt(gm.covariances_.ravel())
    strong = int(np.argmax(means))
    out.update(components=[{"mean": round(float(m), 1), "sd": round(float(s), 1), "weight": round(float(w), 3)}
                           for m, s, w in zip(means, sds, gm.weights_)])
    if abs(means[0] - means[1]) < 3:
        out["reason"] = "the readings form one hump: no clear inside/outside split"
        return out
    grid = np.arange(np.floor(means.min()), np.ceil(means.max()) + 1, 0.5)
    post = gm.predict_proba(grid.reshape(-1, 1))[:, strong]
    inside_idx = np.flatnonzero(post >= 0.5)
    outside_idx = np.flatnonzero(post <= 0.1)
    out["rssi_inside"] = int(np.ceil(grid[inside_idx[0]])) if len(inside_idx) else int(round(means.max()))
    out["rssi_outside"] = (int(np.floor(grid[outside_idx[-1]])) if len(outside_idx)
                           else int(round(means.min())))
    out["rssi_outside"] = min(out["rssi_outside"], out["rssi_inside"] - 1)
    out["reason"] = "two-component Gaussian mixture on per-device daily max RSSI"
    return out


def calibrate(ws: Workspace, site_id: int | None = None, *, apply: bool = False) -> list[dict]:
    """Suggestions for every sensor (of one site); with apply=True store them on the sensors."""
    sensors = [s for s in ws.sensors() if site_id is None or s["site_id"] == site_id]
    results = []
    for sensor in sensors:
        res = suggest(ws, sensor["sensor_id"])
        res.update(site=sensor["site"], sensor=sensor["name"],
                   current={"rssi_inside": sensor["rssi_inside"], "rssi_outside": sensor["rssi_outside"]})
        results.append(res)
    if apply:
        ws.require_writable()
        with ws.transaction():
            for res in results:
                if res["rssi_inside"] is not None:
                    ws.update_sensor(res["sensor_id"], rssi_inside=res["rssi_inside"],
                                     rssi_outside=res["rssi_outside"])
                    res["applied"] = True
    return results
