"""The demo world (issue 2): a seeded simulation of stores, a competitor and an event, with
sensor captures, CRM, receipts, partner matches, registers and truth.json.

`build_demo(out_dir, seed=7, scale="small")` writes the files and a demo workspace; see
engine/demo/build.py. Modules: config (design and planted parameters), world (people and
their days), frames (who transmits what, heard by which sensor), pcapwriter, airodump,
files (CRM, partner, registers), receipts, truth (figures from the written frames), load
(the workspace from the files through the real importers).
"""
from engine.demo.build import build_demo

__all__ = ["build_demo"]
